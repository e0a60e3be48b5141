#!/usr/bin/env python3
"""Summarises the CPU samples of a JFR recording: samples per thread group, the hottest frames, and for each thread
the innermost frame of the app's own code (which step of a note the CPU went to).

  JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/run.jfr,settings=profile" N=20000 LATENCY_MS=0 SIM=external bench/run.sh
  bench/jfr-top.py /tmp/run.jfr
"""
import collections
import re
import subprocess
import sys


def main(path, top=25):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "80", path],
                          check=True, capture_output=True, text=True).stdout
    threads, hot, own = collections.Counter(), collections.Counter(), collections.Counter()
    for event in text.split("jdk.ExecutionSample")[1:]:
        m = re.search(r'sampledThread = "([^"]*)"', event)
        thread = re.sub(r"\d+", "#", m.group(1))[:40] if m else "?"
        frames = re.findall(r"^\s+([\w$.<>/]+)\(", event, re.M)
        threads[thread] += 1
        if frames:
            hot[frames[0]] += 1
            mine = [f for f in frames if f.startswith("xhsnoterouter.")]
            own[(thread[:28], mine[0] if mine else "-")] += 1
    print("samples per thread group:")
    for name, n in threads.most_common(10):
        print("%7d  %s" % (n, name))
    print("hottest frames:")
    for name, n in hot.most_common(top):
        print("%7d  %s" % (n, name))
    print("innermost frame of the app's code, per thread group:")
    for (thread, frame), n in own.most_common(top):
        print("%7d  %-28s %s" % (n, thread, frame))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
