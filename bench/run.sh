#!/usr/bin/env bash
# Benchmark for xhs-note-router: runs the packaged jar with --once against its built-in simulator
# (loopback only, no token, no network) in a fresh temporary working folder per run, and prints a table.
# Run `bench/run.sh help` for the options.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage:
  bench/run.sh [run]    [options]   throughput run(s), one fresh working folder per scenario
  bench/run.sh flaky    [options]   a flaky API, not a rate-limiting one: the same run twice, with FLAKY_FAULTS (302s
                                    among other failures) and with its 302 share moved to 500, and the ratio of their
                                    notes/s (issue 15: the run with 302s keeps at least 80 % of the other's). Defaults
                                    N=2000 LATENCY_MS=100 CONCURRENCY=8; the app retries fast (FLAKY_RETRY_ENV)
  bench/run.sh media    [options]   issue 18's target: the same run twice, media off and MEDIA on (both with
                                    IMAGES_PER_NOTE), and the ratio of their notes/s (target: at least 90 %).
                                    Defaults N=2000 LATENCY_MS=100 MEDIA=images IMAGES_PER_NOTE=3
  bench/run.sh memory   [options]   smallest -Xmx (512m 256m 128m 96m 64m 48m 32m in that order, stopping at
                                    the first failure) that completes LINES distinct IDs with exit 0 and every entry
                                    accounted for, at SIMULATOR_LATENCY_MS=0 and JUSTONEAPI_CONCURRENCY=16
  bench/run.sh help

Options are environment variables, or the same names given as NAME=value arguments, or flags:
  N=5000            --n          entries per run (distinct 24-hex-char IDs in inbox/bench.txt)
  LATENCY_MS=200    --latency-ms simulator delay per answer (SIMULATOR_LATENCY_MS)
  CONCURRENCY=16    --concurrency requests in flight (JUSTONEAPI_CONCURRENCY)
  XMX=              --xmx        -Xmx for the app JVM (e.g. 256m); empty = JVM default
  FAULTS=           --faults     simulator fault injection (SIMULATOR_FAULTS), e.g. 301:0.1,500:0.02
  RATE_LIMIT=0      --rate-limit simulator rate limit in requests/s (SIMULATOR_RATE_LIMIT_PER_SECOND): requests above it
                                 are answered code 302; 0 = none. The app is not told: it has to find the rate itself
  SEED=42           --seed       simulator seed (SIMULATOR_SEED); also varies the generated IDs
  MEDIA=            --media      media to download (MEDIA_DOWNLOAD), e.g. images or images,audio; empty = none. The
                                 report then waits for the downloads, so notes/s includes them
  IMAGES_PER_NOTE=0 --images-per-note  every simulated note gets exactly this many images
                                 (SIMULATOR_IMAGES_PER_NOTE); 0 = each note's own draw (1-4, 1 for a video note)
  MEDIA_CONCURRENCY= --media-concurrency  download threads (MEDIA_CONCURRENCY); empty = the app's default (4)
  LINES=1000000     --lines      memory mode: input size
  REPEAT=1          --repeat     runs per scenario
  TIMEOUT=0         --timeout    seconds before a run is killed (0 = never; memory mode default 3600)
  STALL=180         --stall      stop a run that makes no progress for this many seconds (0 = never)
  KEEP=0            --keep       1 = keep each temporary working folder (default: deleted, numbers kept)
  OUT=              --out        also append one JSON line per run to this file
  JAVA_OPTS=                     extra JVM options for the app
  SIM=inproc                     inproc: the app's own built-in simulator (no token); external: the simulator in
                                 a JVM of its own, the app given a token and its URL, so CPU and memory figures are
                                 the app's alone (default for memory mode)
  JAR=                           jar to run (default: target/xhs-note-router.jar, built if missing)
  TIMER=auto                     auto | gnu (/usr/bin/time) | wait4 (python3 os.wait4 rusage)
  XMX_LIST="512m 256m ... 32m"   memory mode: the -Xmx values tried, largest first
  FLAKY_FAULTS="301:0.15,302:0.1,500:0.1,503:0.05,http502:0.05,reset:0.05,malformed:0.05,timeout:0.05"
                                 flaky mode: the faults of the first run; the second has 302's share added to 500's
  FLAKY_RETRY_ENV="JUSTONEAPI_TIMEOUT_SECONDS=2 RETRY_INITIAL_DELAY_MS=100 RETRY_MAX_DELAY_MS=1000"
                                 flaky mode: the app's settings for both runs (the defaults would wait 60 s per
                                 timeout and 2 s and more per back-off, which would hide the pace)
N, LATENCY_MS and CONCURRENCY accept comma-separated lists (every combination is run), e.g.
  CONCURRENCY=4,16,64 bench/run.sh

Measured per run: wall time (process start to exit, JVM start-up included); end-to-end seconds
(report finishedAt - startedAt) and answered notes/s from it, next to the ideal CONCURRENCY*1000/LATENCY_MS
notes/s (or RATE_LIMIT when lower); CPU seconds (user+sys of the JVM, all threads: it includes the in-process simulator);
CPU ms per answered note; peak resident memory (max RSS); "ready s": seconds from the launch of the JVM (taken
by this script just before it starts it) to the timestamp of the app's log line "Apache Camel ... started",
which Camel writes once every route has started, the inbox consumer included; "health s": the same to the
line "Health on http://..." (the management server starts once the routes run; "-" with MANAGEMENT_PORT=0);
with RATE_LIMIT, the
simulator's own count (its last log line) of requests per second from the first request to the last
("req/s") and the share of them it answered 302 ("302 %"); exit status; and "other CPU s": CPU seconds
used by every other process on the machine during the run (from /proc/stat) - if it is not near 0, the
figures are disturbed by other load (a build, tests) and should be rerun.

WARNING (memory mode): the default LINES=1000000 writes ~1,000,000 note files (~10 GB on disk, in the
temporary folder, deleted after each attempt unless KEEP=1) and each attempt takes minutes; lower it
with e.g. LINES=100000 for a quick look. Temporary folders go to $TMPDIR (default /tmp).
Needs: java 17, maven (only if the jar is missing), python3.
EOF
}

MODE=run
while (($#)); do
  arg=$1; shift
  case $arg in
    run|memory|flaky|media) MODE=$arg ;;
    help|-h|--help) usage; exit 0 ;;
    [A-Z]*=*) export "${arg?}" ;;
    --*=*) set -- "${arg%%=*}" "${arg#*=}" "$@" ;;
    --n|--latency-ms|--concurrency|--xmx|--faults|--rate-limit|--seed|--lines|--repeat|--timeout|--stall|--keep|--out\
    |--media|--images-per-note|--media-concurrency)
      (($#)) || { echo "bench: $arg needs a value" >&2; exit 2; }
      name=$(tr 'a-z-' 'A-Z_' <<<"${arg#--}")
      printf -v "$name" '%s' "$1"; export "${name?}"; shift ;;
    *) echo "bench: unknown argument '$arg' (see bench/run.sh help)" >&2; exit 2 ;;
  esac
done

if [[ $MODE == flaky ]]; then N=${N:-2000}; LATENCY_MS=${LATENCY_MS:-100}; CONCURRENCY=${CONCURRENCY:-8}; fi
if [[ $MODE == media ]]; then
  N=${N:-2000}; LATENCY_MS=${LATENCY_MS:-100}; MEDIA=${MEDIA:-images}; IMAGES_PER_NOTE=${IMAGES_PER_NOTE:-3}
fi
N=${N:-5000}
LATENCY_MS=${LATENCY_MS:-200}
CONCURRENCY=${CONCURRENCY:-16}
FLAKY_FAULTS=${FLAKY_FAULTS:-301:0.15,302:0.1,500:0.1,503:0.05,http502:0.05,reset:0.05,malformed:0.05,timeout:0.05}
FLAKY_RETRY_ENV=${FLAKY_RETRY_ENV:-JUSTONEAPI_TIMEOUT_SECONDS=2 RETRY_INITIAL_DELAY_MS=100 RETRY_MAX_DELAY_MS=1000}
APP_ENV=
XMX=${XMX:-}
FAULTS=${FAULTS:-}
RATE_LIMIT=${RATE_LIMIT:-0}
SEED=${SEED:-42}
MEDIA=${MEDIA:-}
IMAGES_PER_NOTE=${IMAGES_PER_NOTE:-0}
MEDIA_CONCURRENCY=${MEDIA_CONCURRENCY:-}
LINES=${LINES:-1000000}
REPEAT=${REPEAT:-1}
KEEP=${KEEP:-0}
OUT=${OUT:-}
JAVA_OPTS=${JAVA_OPTS:-}
SIM=${SIM:-}
TIMER=${TIMER:-auto}
XMX_LIST=${XMX_LIST:-512m 256m 128m 96m 64m 48m 32m}
STALL=${STALL:-180}
if [[ $MODE == memory ]]; then TIMEOUT=${TIMEOUT:-3600}; else TIMEOUT=${TIMEOUT:-0}; fi
if [[ -z $SIM ]]; then if [[ $MODE == memory ]]; then SIM=external; else SIM=inproc; fi; fi

PROJECT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

for tool in java python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found on PATH" >&2; exit 2; }
done

# --- the jar: build it if missing, then run a private copy (a rebuild during the run cannot disturb it)
if [[ -z ${JAR:-} ]]; then
  JAR=$PROJECT/target/xhs-note-router.jar
  if [[ ! -f $JAR ]]; then
    command -v mvn >/dev/null || { echo "bench: $JAR missing and mvn not found" >&2; exit 2; }
    echo "bench: $JAR missing, building it (mvn -q -B package -DskipTests)" >&2
    (cd "$PROJECT" && mvn -q -B package -DskipTests)
  fi
fi
[[ -f $JAR ]] || { echo "bench: jar not found: $JAR" >&2; exit 2; }

BENCH_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/xhs-bench.XXXXXX")
RESULTS=$BENCH_ROOT/results.jsonl
: >"$RESULTS"
CURRENT_BG=
cleanup() { if [[ $KEEP != 1 ]]; then rm -rf "$BENCH_ROOT"; fi; }
interrupted() {   # a background app does not get the terminal's Ctrl-C: stop it ourselves
  trap - INT TERM
  if [[ -n $CURRENT_BG ]] && kill -0 "$CURRENT_BG" 2>/dev/null; then
    local java
    java=$(app_pid "$CURRENT_BG")
    if [[ -n $java ]]; then
      echo "bench: interrupted; stopping the app (pid $java)" >&2
      kill -TERM "$java" 2>/dev/null || true
      for _ in $(seq 15); do kill -0 "$java" 2>/dev/null || break; sleep 1; done
      kill -KILL "$java" 2>/dev/null || true
    fi
  fi
  exit 130
}
trap cleanup EXIT
trap interrupted INT TERM
cp "$JAR" "$BENCH_ROOT/app.jar"

# --- how resources are measured -----------------------------------------------------------------------
# GNU time and os.wait4 both read the kernel's rusage of the waited-for process tree: CPU of every thread
# of the JVM, and its peak RSS (ru_maxrss, the same figure as VmHWM).
if [[ $TIMER == auto ]]; then
  if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' true >/dev/null 2>&1; then
    TIMER=gnu
  elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "bench: /usr/bin/time is missing; running as root, so installing it: apt-get install -y time" >&2
    if apt-get install -y -q time >&2 || { apt-get update -q >&2 && apt-get install -y -q time >&2; }; then
      TIMER=gnu
    else
      echo "bench: could not install time; measuring with python3 os.wait4 instead" >&2; TIMER=wait4
    fi
  else
    echo "bench: /usr/bin/time is missing; measuring with python3 os.wait4 rusage instead" >&2
    TIMER=wait4
  fi
fi

# --- python helpers: input generation, a wait4 timer, report parsing, table ---------------------------
cat >"$BENCH_ROOT/helper.py" <<'PY'
import json, os, re, subprocess, sys, time
from datetime import datetime, timezone

def gen(path, n, seed):
    # i -> (A*i + B) mod 2^96 with A odd is a bijection, so the n IDs are distinct; written streaming.
    m = 1 << 96
    a = 0x9E3779B97F4A7C15F39CC061 | 1
    b = (int(seed) * 0x2545F4914F6CDD1D + 0x5DEECE66D) % m
    n = int(n)
    with open(path, "w") as f:
        for start in range(0, n, 100000):
            f.write("".join("%024x\n" % ((a * i + b) % m) for i in range(start, min(n, start + 100000))))

def wait4(out, *cmd):
    # like /usr/bin/time -f '%e %U %S %M %x': wall, user, sys, max RSS KiB, exit status
    t0 = time.monotonic()
    p = subprocess.Popen(list(cmd))
    while True:
        try:
            _, status, ru = os.wait4(p.pid, 0)
            break
        except InterruptedError:
            continue
    wall = time.monotonic() - t0
    code = os.waitstatus_to_exitcode(status)
    p.returncode = code
    if code < 0:
        code = 128 - code
    with open(out, "w") as f:
        f.write("%.2f %.2f %.2f %d %d\n" % (wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss, code))
    sys.exit(code)

def instant(s):
    m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$", s or "")
    if not m:
        return None
    t = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp()
    return t + (float("0." + m.group(2)) if m.group(2) else 0.0)

def collect(label, workdir, timefile, n, latency, concurrency, xmx, faults, results, status, rate_limit="0",
            media="", images_per_note="0", media_concurrency=""):
    n, latency, concurrency = int(n), int(latency), int(concurrency)
    row = dict(label=label, date=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               n=n, latencyMs=latency, concurrency=concurrency, xmx=xmx or None, faults=faults or None,
               exit=int(status), wall=None, cpuUser=None, cpuSys=None, maxRssKiB=None, report=None,
               mediaDownload=media or None, imagesPerNote=int(images_per_note or 0),
               mediaConcurrency=int(media_concurrency) if media_concurrency else None)
    try:
        wall, user, sys_, rss, code = open(timefile).read().split()[-5:]
        row.update(wall=float(wall), cpuUser=float(user), cpuSys=float(sys_), maxRssKiB=int(rss))
    except (OSError, ValueError):
        pass
    row["stalled"] = os.path.exists(os.path.join(workdir, "stalled"))
    row["readyS"] = seconds_to(workdir, r"Apache Camel .* started in")
    row["healthS"] = seconds_to(workdir, r"Health on http://")
    row.update(simulator_figures(workdir))
    try:
        busy = float(open(os.path.join(workdir, "cpu.after")).read()) - float(open(os.path.join(workdir, "cpu.before")).read())
        if row["cpuUser"] is not None:
            # CPU used by everything else on the machine while the app ran: a benchmark on a busy box is noisy
            row["otherCpu"] = max(0.0, busy - row["cpuUser"] - row["cpuSys"])
    except (OSError, ValueError):
        pass
    reports = sorted(os.listdir(os.path.join(workdir, "outbox", "reports"))) \
        if os.path.isdir(os.path.join(workdir, "outbox", "reports")) else []
    reports = [r for r in reports if r.startswith("bench.txt-") and r.endswith(".json")]
    if reports:
        rep = json.load(open(os.path.join(workdir, "outbox", "reports", reports[-1])))
        row["report"] = reports[-1]
        for k in ("entries", "invalid", "duplicates", "alreadyFetched", "fetched", "notFound", "failed",
                  "pending", "apiCalls", "notesPerSecond", "byReason", "startedAt", "finishedAt"):
            row[k] = rep.get(k)
        counts = [rep.get(k) or 0 for k in ("fetched", "notFound", "failed", "invalid", "duplicates",
                                            "alreadyFetched", "pending")]
        m = rep.get("media") or {}
        # the report's media counts (issue 18): files saved, failed, skipped, left pending, and bytes saved
        for k in ("downloaded", "failed", "skipped", "pending", "bytes"):
            row["media" + k[0].upper() + k[1:]] = m.get(k) if m else None
        row["accountedSum"] = sum(counts)
        row["accounted"] = sum(counts) == rep.get("entries") and rep.get("entries") == n
        s, f = instant(rep.get("startedAt")), instant(rep.get("finishedAt"))
        if s is not None and f is not None and f > s:
            row["e2e"] = f - s
            answered = sum(rep.get(k) or 0 for k in ("fetched", "notFound", "failed"))
            row["answered"] = answered
            row["rate"] = answered / row["e2e"]
            if row["cpuUser"] is not None and answered:
                row["cpuMsPerNote"] = (row["cpuUser"] + row["cpuSys"]) * 1000 / answered
    else:
        row["accounted"] = False
    row["ideal"] = concurrency * 1000.0 / latency if latency > 0 else None
    if float(rate_limit) > 0:   # the simulator's rate limit caps the ideal too
        row["rateLimit"] = float(rate_limit)
        row["ideal"] = min(row["ideal"] or float(rate_limit), float(rate_limit))
    # the stdout summary line, as a cross-check of the report
    try:
        for line in open(os.path.join(workdir, "stdout.txt"), errors="replace"):
            m = re.match(r"bench\.txt: .*?(\d+) fetched .*?([\d.]+) notes/s", line)
            if m:
                row["stdoutFetched"], row["stdoutRate"] = int(m.group(1)), float(m.group(2))
    except OSError:
        pass
    with open(results, "a") as out:
        out.write(json.dumps(row) + "\n")

def log_lines(workdir, *names):
    for name in names:
        try:
            yield from open(os.path.join(workdir, name), errors="replace")
        except OSError:
            pass

def seconds_to(workdir, pattern):
    # seconds from the JVM's launch to the timestamp (HH:mm:ss.SSS, local time) of the first log line matching pattern
    try:
        t0 = datetime.fromtimestamp(float(open(os.path.join(workdir, "started.txt")).read()))
    except (OSError, ValueError):
        return None
    for line in log_lines(workdir, "stdout.txt", "stderr.txt"):
        m = re.match(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) .*" + pattern, line)
        if m:
            h, mi, sec, ms = (int(g) for g in m.groups())
            t = t0.replace(hour=h, minute=mi, second=sec, microsecond=ms * 1000)
            delta = (t - t0).total_seconds()
            return delta + 86400 if delta < -3600 else delta   # past midnight
    return None

def simulator_figures(workdir):
    # the simulator's last line, when it has a rate limit (in the app's log, or its own with SIM=external)
    for line in log_lines(workdir, "stdout.txt", "simulator.txt"):
        m = re.search(r"stopped after (\d+) requests \(([\d.]+) req/s from first to last\), (\d+) answered 302", line)
        if m:
            requests, limited = int(m.group(1)), int(m.group(3))
            return dict(simRequests=requests, simRequestsPerSecond=float(m.group(2)), sim302=limited,
                        sim302Share=100.0 * limited / requests if requests else None)
    return {}

def cpustat():
    # busy CPU seconds of the whole machine so far (all processes), from /proc/stat
    f = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    busy = sum(f[:8]) - f[3] - (f[4] if len(f) > 4 else 0)   # minus idle and iowait
    print("%.2f" % (busy / os.sysconf("SC_CLK_TCK")))

def fmt(v, spec):
    return "-" if v is None else format(v, spec)

def medians(rows):
    # with REPEAT > 1: the median of each scenario's runs, since single runs on a shared machine are noisy
    by = {}
    for r in rows:
        by.setdefault((re.sub(r" #\d+$", "", r["label"]), r.get("xmx")), []).append(r)
    for (label, xmx), runs in by.items():
        if len(runs) < 2:
            continue
        def med(key):
            v = sorted(x[key] for x in runs if x.get(key) is not None)
            return None if not v else (v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2)
        print("median of %d runs of %s%s: %s notes/s, %s CPU ms/note, ready %s s, health %s s" % (
            len(runs), label, "" if not xmx else " Xmx=" + xmx, fmt(med("rate"), ".1f"), fmt(med("cpuMsPerNote"), ".3f"),
            fmt(med("readyS"), ".2f"), fmt(med("healthS"), ".2f")))

def media_cell(r):
    if r.get("mediaDownloaded") is None:
        return "-"
    return "%d/%d" % (r["mediaDownloaded"], r.get("mediaFailed") or 0) + (
        " (%d pending)" % r["mediaPending"] if r.get("mediaPending") else "")

def table(results):
    rows = [json.loads(l) for l in open(results) if l.strip()]
    head = ["run", "Xmx", "entries", "fetched", "wall s", "e2e s", "notes/s", "ideal C/L", "% ideal",
            "CPU s", "CPU ms/note", "max RSS MB", "ready s", "health s", "req/s", "302 %", "media saved/failed",
            "other CPU s", "accounted", "exit"]
    out = [head]
    for r in rows:
        cpu = None if r.get("cpuUser") is None else r["cpuUser"] + r["cpuSys"]
        pct = None if not (r.get("ideal") and r.get("rate")) else 100 * r["rate"] / r["ideal"]
        out.append([r["label"], r.get("xmx") or "default", fmt(r.get("entries"), "d"), fmt(r.get("fetched"), "d"),
                    fmt(r.get("wall"), ".2f"), fmt(r.get("e2e"), ".2f"), fmt(r.get("rate"), ".1f"),
                    fmt(r.get("ideal"), ".1f") if r.get("ideal") else "n/a (L=0)",
                    fmt(pct, ".1f") + ("%" if pct is not None else ""), fmt(cpu, ".2f"),
                    fmt(r.get("cpuMsPerNote"), ".3f"),
                    fmt(None if r.get("maxRssKiB") is None else r["maxRssKiB"] / 1024, ".0f"),
                    fmt(r.get("readyS"), ".2f"), fmt(r.get("healthS"), ".2f"), fmt(r.get("simRequestsPerSecond"), ".1f"),
                    fmt(r.get("sim302Share"), ".1f"), media_cell(r), fmt(r.get("otherCpu"), ".1f"),
                    "yes" if r.get("accounted") else "NO", str(r["exit"]) + (" (stalled)" if r.get("stalled") else "")])
    w = [max(len(row[i]) for row in out) for i in range(len(head))]
    lines = []
    for j, row in enumerate(out):
        lines.append("| " + " | ".join(c.ljust(w[i]) if i < 2 else c.rjust(w[i]) for i, c in enumerate(row)) + " |")
        if j == 0:
            lines.append("|" + "|".join("-" * (x + 2) for x in w) + "|")
    print("\n".join(lines))
    medians(rows)
    odd = [r for r in rows if r.get("report") and (r.get("stdoutFetched") not in (None, r.get("fetched")))]
    for r in odd:
        print("note: %s: stdout says %s fetched, report says %s" % (r["label"], r["stdoutFetched"], r["fetched"]))
    for r in rows:
        if r.get("failed") or r.get("notFound") or r.get("pending"):
            print("note: %s: notFound=%s failed=%s pending=%s byReason=%s apiCalls=%s" % (
                r["label"], r.get("notFound"), r.get("failed"), r.get("pending"), r.get("byReason"), r.get("apiCalls")))

def last(results):
    # one line per finished run, so a long session shows its numbers as it goes
    r = [json.loads(l) for l in open(results) if l.strip()][-1]
    cpu = None if r.get("cpuUser") is None else r["cpuUser"] + r["cpuSys"]
    limited = "" if r.get("sim302") is None else ", simulator: %s req/s, %s of %s answered 302 (%s %%)" % (
        fmt(r.get("simRequestsPerSecond"), ".1f"), r["sim302"], r["simRequests"], fmt(r.get("sim302Share"), ".1f"))
    if r.get("mediaDownloaded") is not None:
        limited += ", media: %s saved (%s MB), %s failed, %s skipped, %s pending" % (
            r["mediaDownloaded"], fmt((r.get("mediaBytes") or 0) / 1e6, ".1f"), r.get("mediaFailed"),
            r.get("mediaSkipped"), r.get("mediaPending"))
    print("bench: %s Xmx=%s: exit %s, %s/%s fetched, wall %s s, e2e %s s, %s notes/s, CPU %s s, max RSS %s MB, ready %s s, health %s s%s, other CPU %s s, accounted %s"
          % (r["label"], r.get("xmx") or "default", r["exit"], r.get("fetched"), r.get("entries"), fmt(r.get("wall"), ".1f"),
             fmt(r.get("e2e"), ".1f"), fmt(r.get("rate"), ".1f"), fmt(cpu, ".1f"),
             fmt(None if r.get("maxRssKiB") is None else r["maxRssKiB"] / 1024, ".0f"), fmt(r.get("readyS"), ".2f"), fmt(r.get("healthS"), ".2f"), limited,
             fmt(r.get("otherCpu"), ".1f"), "yes" if r.get("accounted") else "NO"))

def status(results):
    # memory mode: exit 0 when the last run passed
    r = [json.loads(l) for l in open(results) if l.strip()][-1]
    sys.exit(0 if r["exit"] == 0 and r.get("accounted") else 1)

if __name__ == "__main__":
    globals()[sys.argv[1]](*sys.argv[2:])
PY
helper() { python3 "$BENCH_ROOT/helper.py" "$@"; }

# --- stall watchdog -----------------------------------------------------------------------------------
# A run that makes no progress for STALL seconds (no note added to records.jsonl, no failure record, no
# report) is stopped: SIGTERM to the app's java process, SIGKILL 30 s later. This catches an app that
# hangs instead of exiting (seen after an OutOfMemoryError with a small -Xmx).
descendants() {
  local c
  for c in $(ps -o pid= --ppid "$1" 2>/dev/null); do echo "$c"; descendants "$c"; done
}
app_pid() {   # the java process under the measuring wrapper started by this run
  local p
  for p in $(descendants "$1"); do
    [[ $(ps -o comm= -p "$p" 2>/dev/null) == java ]] && { echo "$p"; return; }
  done
}
progress_mark() {
  local w=$1/outbox
  # with MEDIA, files saved under outbox/media/ are progress too (the notes may all be in while downloads go on)
  echo "$(stat -c %s "$w/records.jsonl" 2>/dev/null || echo 0)" \
    "$(stat -c %Y "$w/failed" 2>/dev/null || echo 0)" "$(stat -c %Y "$w/reports" 2>/dev/null || echo 0)" \
    "$(if [[ -n $MEDIA && -d $w/media ]]; then find "$w/media" -type f | wc -l; else echo 0; fi)"
}
watchdog() {
  local bg=$1 work=$2 label=$3 mark last now since java
  ((STALL > 0)) || return 0
  last=$(progress_mark "$work"); since=$SECONDS
  while kill -0 "$bg" 2>/dev/null; do
    sleep 2
    now=$(progress_mark "$work")
    if [[ $now != "$last" ]]; then last=$now; since=$SECONDS; continue; fi
    if ((SECONDS - since >= STALL)); then
      java=$(app_pid "$bg")
      [[ -n $java ]] || continue
      echo "bench: $label: no progress for ${STALL}s; stopping the app (pid $java)" >&2
      : >"$work/stalled"
      kill -TERM "$java" 2>/dev/null || true
      for _ in $(seq 15); do kill -0 "$java" 2>/dev/null || break; sleep 2; done
      if kill -0 "$java" 2>/dev/null; then
        echo "bench: $label: pid $java still running 30 s after SIGTERM; SIGKILL" >&2
        kill -KILL "$java" 2>/dev/null || true
      fi
      return 0
    fi
  done
}

# --- one run ------------------------------------------------------------------------------------------
# run_one LABEL N LATENCY_MS CONCURRENCY XMX  -> appends a result row; returns the app's exit status
run_one() {
  local label=$1 n=$2 lat=$3 conc=$4 xmx=$5
  local work
  work=$(mktemp -d "$BENCH_ROOT/run.XXXXXX")
  mkdir -p "$work/inbox"
  cp -r "$PROJECT/config" "$PROJECT/routes" "$work/"
  helper gen "$work/inbox/bench.txt" "$n" "$SEED"
  echo "bench: $label: N=$n LATENCY_MS=$lat CONCURRENCY=$conc XMX=${xmx:-default} FAULTS=${FAULTS:-none} RATE_LIMIT=$RATE_LIMIT MEDIA=${MEDIA:-none} IMAGES_PER_NOTE=$IMAGES_PER_NOTE MEDIA_CONCURRENCY=${MEDIA_CONCURRENCY:-default} in $work" >&2

  local -a jvm=(java)
  [[ -n $xmx ]] && jvm+=("-Xmx$xmx")
  # shellcheck disable=SC2206
  [[ -n $JAVA_OPTS ]] && jvm+=($JAVA_OPTS)
  jvm+=(-jar "$BENCH_ROOT/app.jar" --once)
  # the app's settings come from the environment: clear every override that could point it elsewhere
  local -a envs=(env -u JUSTONEAPI_BASE_URL -u JUSTONEAPI_MAX_REQUESTS_PER_SECOND -u JUSTONEAPI_TIMEOUT_SECONDS
    -u RETRY_MAX_ATTEMPTS -u RETRY_INITIAL_DELAY_MS -u RETRY_MAX_DELAY_MS -u SIMULATOR_PORT -u JAVA_TOOL_OPTIONS
    -u MEDIA_CONCURRENCY -u MEDIA_ALLOWED_HOSTS -u MEDIA_TIMEOUT_SECONDS -u MEDIA_MAX_BYTES
    JUSTONEAPI_TOKEN= INBOX_DIR=inbox OUTBOX_DIR=outbox STATE_DIR=state
    SIMULATOR_LATENCY_MS="$lat" SIMULATOR_FAULTS="$FAULTS" SIMULATOR_SEED="$SEED" JUSTONEAPI_CONCURRENCY="$conc"
    SIMULATOR_RATE_LIMIT_PER_SECOND="$RATE_LIMIT" SIMULATOR_IMAGES_PER_NOTE="$IMAGES_PER_NOTE"
    MEDIA_DOWNLOAD="${MEDIA:-none}")
  [[ -n $MEDIA_CONCURRENCY ]] && envs+=(MEDIA_CONCURRENCY="$MEDIA_CONCURRENCY")
  # shellcheck disable=SC2206
  [[ -n $APP_ENV ]] && envs+=($APP_ENV)
  local sim_pid=
  if [[ $SIM == external ]]; then
    # The simulator in a JVM of its own: the app's CPU, RSS and heap are then the app's alone.
    env SIMULATOR_PORT=0 SIMULATOR_LATENCY_MS="$lat" SIMULATOR_FAULTS="$FAULTS" SIMULATOR_SEED="$SEED" \
      SIMULATOR_RATE_LIMIT_PER_SECOND="$RATE_LIMIT" SIMULATOR_IMAGES_PER_NOTE="$IMAGES_PER_NOTE" \
      java -cp "$BENCH_ROOT/app.jar" xhsnoterouter.simulator.SimulatorMain >"$work/simulator.txt" 2>&1 &
    sim_pid=$!
    for _ in $(seq 100); do grep -q '^http' "$work/simulator.txt" 2>/dev/null && break; sleep 0.1; done
    local sim_url
    sim_url=$(grep -m1 '^http' "$work/simulator.txt")
    envs+=(JUSTONEAPI_TOKEN=bench-token JUSTONEAPI_BASE_URL="$sim_url")
    # with a token the app does not allow the simulator's media links by itself
    local sim_host=${sim_url#http://}
    envs+=(MEDIA_ALLOWED_HOSTS="${sim_host%%/*}")
    echo "bench: $label: simulator in its own JVM at $sim_url" >&2
  fi
  local -a guard=(timeout --kill-after=30 "$TIMEOUT")

  helper cpustat >"$work/cpu.before"
  local -a measure
  if [[ $TIMER == gnu ]]; then
    measure=(/usr/bin/time -o "$work/time.txt" -f '%e %U %S %M %x')
  else
    measure=(python3 "$BENCH_ROOT/helper.py" wait4 "$work/time.txt")
  fi
  date +%s.%N >"$work/started.txt"   # the launch, for "ready s"
  (cd "$work" && exec "${envs[@]}" "${measure[@]}" "${guard[@]}" "${jvm[@]}" >"$work/stdout.txt" 2>"$work/stderr.txt") &
  local bg=$! rc=0
  CURRENT_BG=$bg
  watchdog "$bg" "$work" "$label"
  wait "$bg" || rc=$?
  CURRENT_BG=
  [[ -n $sim_pid ]] && { kill "$sim_pid" 2>/dev/null || true; wait "$sim_pid" 2>/dev/null || true; }
  if ((rc != 0)); then
    local why=
    ((rc == 124)) && why=" (timeout after ${TIMEOUT}s)"
    [[ -f $work/stalled ]] && why=" (stopped by the bench: no progress for ${STALL}s)"
    echo "bench: $label exited with status $rc$why; last lines:" >&2
    tail -n 5 "$work/stderr.txt" "$work/stdout.txt" >&2 || true
  fi
  helper cpustat >"$work/cpu.after"
  helper collect "$label" "$work" "$work/time.txt" "$n" "$lat" "$conc" "$xmx" "$FAULTS" "$RESULTS" "$rc" "$RATE_LIMIT" \
    "$MEDIA" "$IMAGES_PER_NOTE" "$MEDIA_CONCURRENCY"
  helper last "$RESULTS" >&2
  if [[ $KEEP == 1 ]]; then echo "bench: kept $work" >&2; else rm -rf "$work"; fi
  return "$rc"
}

media_label() {   # the media part of a run's label: empty with media off and the simulator's own image draw
  local l=
  [[ -n $MEDIA ]] && l+=" media=$MEDIA"
  [[ -n $MEDIA && -n $MEDIA_CONCURRENCY ]] && l+=" MC=$MEDIA_CONCURRENCY"
  [[ $IMAGES_PER_NOTE != 0 ]] && l+=" img=$IMAGES_PER_NOTE"
  echo "$l"
}

finish() {
  echo
  echo "xhs-note-router benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) CPUs," \
    "$(java -version 2>&1 | head -n 1), timer=$TIMER"
  helper table "$RESULTS"
  if [[ -n $OUT ]]; then cat "$RESULTS" >>"$OUT"; echo "bench: rows appended to $OUT" >&2; fi
  if [[ $KEEP == 1 ]]; then echo "bench: working folders kept under $BENCH_ROOT" >&2; fi
}

if [[ $MODE == run ]]; then
  worst=0
  IFS=, read -r -a ns <<<"$N"; IFS=, read -r -a lats <<<"$LATENCY_MS"; IFS=, read -r -a concs <<<"$CONCURRENCY"
  for n in "${ns[@]}"; do for lat in "${lats[@]}"; do for conc in "${concs[@]}"; do
    for ((r = 1; r <= REPEAT; r++)); do
      label="N=$n L=$lat C=$conc"; [[ $RATE_LIMIT != 0 ]] && label+=" R=$RATE_LIMIT"; label+=$(media_label)
      ((REPEAT > 1)) && label+=" #$r"
      run_one "$label" "$n" "$lat" "$conc" "$XMX" || worst=$?
    done
  done; done; done
  finish
  exit "$worst"
fi

if [[ $MODE == flaky ]]; then
  # the same faults with 302's probability added to 500's: as flaky, but nothing that asks us to slow down
  moved=$(python3 - "$FLAKY_FAULTS" <<'PY'
import sys
parts = dict(p.split(":") for p in sys.argv[1].split(",") if p)
share = float(parts.pop("302", "0"))
parts["500"] = repr(round(float(parts.get("500", "0")) + share, 6))
print(",".join(f"{k}:{v}" for k, v in parts.items()))
PY
)
  APP_ENV=$FLAKY_RETRY_ENV
  worst=0
  FAULTS=$FLAKY_FAULTS run_one "flaky, with 302s" "$N" "$LATENCY_MS" "$CONCURRENCY" "$XMX" || worst=$?
  FAULTS=$moved run_one "flaky, 302 moved to 500" "$N" "$LATENCY_MS" "$CONCURRENCY" "$XMX" || worst=$?
  finish
  echo "faults with 302s: $FLAKY_FAULTS; without: $moved; app: $APP_ENV"
  python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
rates = [r.get("rate") for r in rows[-2:]]
if len(rates) == 2 and all(rates):
    print(f"notes/s with 302s {rates[0]:.1f}, with 500s instead {rates[1]:.1f}: {100 * rates[0] / rates[1]:.0f} %")
PY
  exit "$worst"
fi

if [[ $MODE == media ]]; then
  # issue 18: the same notes (IMAGES_PER_NOTE images each) with media off, then with MEDIA on; REPEAT alternates them
  on=$MEDIA
  worst=0
  for ((r = 1; r <= REPEAT; r++)); do
    rs=; ((REPEAT > 1)) && rs=" #$r"
    MEDIA= run_one "media off, N=$N L=$LATENCY_MS C=$CONCURRENCY img=$IMAGES_PER_NOTE$rs" "$N" "$LATENCY_MS" "$CONCURRENCY" "$XMX" \
      || worst=$?
    MEDIA=$on run_one "media=$on, N=$N L=$LATENCY_MS C=$CONCURRENCY MC=${MEDIA_CONCURRENCY:-default} img=$IMAGES_PER_NOTE$rs" \
      "$N" "$LATENCY_MS" "$CONCURRENCY" "$XMX" || worst=$?
  done
  finish
  python3 - "$RESULTS" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
off = sorted(r["rate"] for r in rows if not r.get("mediaDownload") and r.get("rate"))
on = sorted(r["rate"] for r in rows if r.get("mediaDownload") and r.get("rate"))
med = lambda v: v[len(v) // 2] if len(v) % 2 else (v[len(v) // 2 - 1] + v[len(v) // 2]) / 2
if off and on:
    ratio = 100 * med(on) / med(off)
    print(f"notes/s with media {med(on):.1f}, without {med(off):.1f}: {ratio:.0f} % (issue 18 target: at least 90 %)"
          + ("" if len(on) == 1 else f", medians of {len(on)} runs each"))
PY
  exit "$worst"
fi

# --- memory mode --------------------------------------------------------------------------------------
smallest=
# shellcheck disable=SC2086
for xmx in $XMX_LIST; do
  run_one "memory N=$LINES L=0 C=16" "$LINES" 0 16 "$xmx" || true
  if helper status "$RESULTS"; then
    smallest=$xmx
  else
    echo "bench: -Xmx$xmx failed (see table); stopping" >&2
    break
  fi
done
finish
if [[ -n $smallest ]]; then
  echo "smallest -Xmx that completed $LINES entries with every entry accounted for: $smallest"
else
  echo "no tried -Xmx completed $LINES entries (even 512m failed)"
  exit 1
fi
