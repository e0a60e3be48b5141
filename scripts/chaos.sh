#!/usr/bin/env bash
# Chaos run for xhs-note-router: a large batch on the built-in simulator with every fault kind at once,
# a webhook receiver, and the app killed at random moments (mostly kill -9, sometimes SIGTERM) and
# started again; then one last --once run to finish, and an accounting of every entry from the files
# on disk. Loopback only, no token. Prints "lost 0" when nothing was lost.
#
#   scripts/chaos.sh                      # defaults below
#   KILLS=30 N=5000 scripts/chaos.sh      # settings as environment variables
#
# N=2000          distinct note IDs (plus invalid lines and repeats) over three input files (txt, csv, json)
# KILLS=20        how many times the running app is killed
# MIN_S=3 MAX_S=8 seconds the app runs before each kill (random in between)
# TERM_EVERY=5    every n-th stop is SIGTERM instead of kill -9 (0 = always kill -9)
# LATENCY_MS=40   simulator delay per answer
# CONCURRENCY=8   requests in flight
# FAULTS=...      simulator faults (default: every kind at once, see below)
# SEED=1          seed of the IDs, the kill times and the simulator's faults
# KEEP=0          1 = keep the working folder (printed at the end)
set -euo pipefail

N=${N:-2000}
KILLS=${KILLS:-20}
MIN_S=${MIN_S:-3}
MAX_S=${MAX_S:-8}
TERM_EVERY=${TERM_EVERY:-5}
LATENCY_MS=${LATENCY_MS:-40}
CONCURRENCY=${CONCURRENCY:-8}
FAULTS=${FAULTS:-301:0.04,302:0.005,500:0.03,503:0.02,http502:0.02,timeout:0.005,reset:0.02,malformed:0.02,201:0.03}
SEED=${SEED:-1}
KEEP=${KEEP:-0}

PROJECT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$PROJECT/target/xhs-note-router.jar
if [[ ! -f $JAR || -n $(find "$PROJECT/src" "$PROJECT/pom.xml" -newer "$JAR" -print -quit) ]]; then
  echo "chaos: building $JAR (mvn -q -B package -DskipTests)" >&2
  (cd "$PROJECT" && mvn -q -B package -DskipTests)
fi
command -v python3 >/dev/null || { echo "chaos: python3 is needed for the input, the receiver and the accounting" >&2; exit 2; }

WORK=$(mktemp -d /tmp/xhs-chaos.XXXXXX)
cleanup() {
  [[ -n ${RECEIVER_PID:-} ]] && kill "$RECEIVER_PID" 2>/dev/null || true
  [[ -n ${APP_PID:-} ]] && kill -9 "$APP_PID" 2>/dev/null || true
  if [[ $KEEP == 1 ]]; then echo "chaos: working folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$WORK/inbox" "$WORK/config"
cp -r "$PROJECT/routes" "$WORK/"
cp "$PROJECT/config/application.properties" "$WORK/config/"

# Input: three files, about 1 % invalid lines and 2 % repeats; expected.json says what a correct run must show.
python3 - "$WORK" "$N" "$SEED" <<'PY'
import csv, json, random, sys
work, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
ids = sorted({"%024x" % rng.getrandbits(96) for _ in range(n)})
rng.shuffle(ids)
thirds = [ids[: n // 3], ids[n // 3: 2 * n // 3], ids[2 * n // 3:]]
invalid = 0
def entries(part):
    global invalid
    out = []
    for i, note in enumerate(part):
        out.append(note if i % 2 else "https://www.xiaohongshu.com/explore/%s?xsec_token=abc" % note)
        if rng.random() < 0.01:
            out.append("not a note %d" % rng.randrange(10**6)); invalid += 1
        if rng.random() < 0.02:
            out.append(rng.choice(part))
    return out
with open(f"{work}/inbox/part-1.txt", "w") as f:
    f.write("\n".join(entries(thirds[0])) + "\n")
with open(f"{work}/inbox/part-2.csv", "w", newline="") as f:
    w = csv.writer(f); w.writerow(["noteId", "comment"])
    for e in entries(thirds[1]):
        w.writerow([e, "from, the \"campaign\""])
with open(f"{work}/inbox/part-3.json", "w") as f:
    json.dump([{"url": e} for e in entries(thirds[2])], f, ensure_ascii=False)
json.dump({"ids": ids, "invalid": invalid}, open(f"{work}/expected.json", "w"))
PY

# A webhook receiver that records every delivery it takes (deliveryId, event, note ID).
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$PORT" "$WORK/received.jsonl" <<'PY' &
import http.server, json, sys, threading
port, out = int(sys.argv[1]), open(sys.argv[2], "a")
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        note = (body.get("record") or body.get("failure") or {}).get("noteId")
        with lock:
            out.write(json.dumps({"id": self.headers["X-Xnr-Delivery"], "event": body["event"], "note": note}) + "\n")
            out.flush()
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *a): pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128
    def handle_error(self, request, client_address):
        pass  # the app being killed mid-request resets connections: expected here
Server(("127.0.0.1", port), H).serve_forever()
PY
RECEIVER_PID=$!

export SIMULATOR_LATENCY_MS=$LATENCY_MS SIMULATOR_FAULTS=$FAULTS SIMULATOR_SEED=$SEED
export JUSTONEAPI_CONCURRENCY=$CONCURRENCY JUSTONEAPI_TIMEOUT_SECONDS=2
export RETRY_MAX_ATTEMPTS=4 RETRY_INITIAL_DELAY_MS=100 RETRY_MAX_DELAY_MS=1000
export DELIVERY_WEBHOOK_URL=http://127.0.0.1:$PORT/hook DELIVERY_RESEND_INTERVAL_SECONDS=2
unset JUSTONEAPI_TOKEN

echo "chaos: $N IDs, $KILLS kills, faults $FAULTS, latency $LATENCY_MS ms, concurrency $CONCURRENCY, in $WORK"
RANDOM=$SEED
cd "$WORK"
for ((k = 1; k <= KILLS; k++)); do
  java -jar "$JAR" >"run-$k.log" 2>&1 &
  APP_PID=$!
  ms=$(( MIN_S * 1000 + RANDOM % ((MAX_S - MIN_S) * 1000 + 1) ))
  sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
  if (( TERM_EVERY > 0 && k % TERM_EVERY == 0 )); then signal=TERM; else signal=KILL; fi
  kill -s $signal "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=
  records=$( [[ -f outbox/records.jsonl ]] && wc -l <outbox/records.jsonl || echo 0)
  echo "chaos: stop $k/$KILLS after ${ms} ms with SIG$signal; records.jsonl has $records lines"
done

for attempt in 1 2 3; do
  status=0
  java -jar "$JAR" --once >"final-$attempt.log" 2>&1 || status=$?
  left=$(find inbox -maxdepth 1 -type f | wc -l)
  pending=$(find state/pending -type f 2>/dev/null | wc -l)
  echo "chaos: final --once run $attempt: exit $status, $left input files left, $pending pending files"
  [[ $status == 0 && $left == 0 && $pending == 0 ]] && break
done

python3 - "$WORK" "$PROJECT" <<'PY'
import collections, glob, json, os, sys
work, project = sys.argv[1], sys.argv[2]
expected = json.load(open(f"{work}/expected.json"))
ids = set(expected["ids"])
lines = open(f"{work}/outbox/records.jsonl", encoding="utf-8").read().split("\n")
torn = 0 if lines[-1] == "" else 1
records = []
for line in lines[:-1]:
    try:
        records.append(json.loads(line)["noteId"])
    except ValueError:
        torn += 1
fetched = set(records)
notes = {os.path.basename(p)[:-5] for p in glob.glob(f"{work}/outbox/notes/*.json")}
failed, invalid, reasons = set(), 0, collections.Counter()
for p in glob.glob(f"{work}/outbox/failed/*.json"):
    f = json.load(open(p, encoding="utf-8"))
    reasons[f["reason"]] += 1
    if f["reason"] == "INVALID_INPUT":
        invalid += 1
    else:
        failed.add(f["noteId"])
pending = set()
for p in glob.glob(f"{work}/state/pending/*"):
    for line in open(p, encoding="utf-8"):
        if line.strip():
            pending.add(json.loads(line)["noteId"])
both = fetched & failed
lost = ids - fetched - failed - pending
delivered = collections.defaultdict(set)
for line in open(f"{work}/received.jsonl", encoding="utf-8"):
    d = json.loads(line)
    if d["event"] == "note.fetched":
        delivered[d["note"]].add(d["id"])
undelivered = fetched - set(delivered)
# records.csv: the same rows as records.jsonl (checked the way the tests do, with Python's csv module);
# snapshots/: one line per fetch, so here one per fetched note.
import subprocess
csv_check = subprocess.run([sys.executable, f"{project}/src/test/resources/python/csv_matches_jsonl.py", f"{work}/outbox"],
                           capture_output=True, text=True)
csv_ok = csv_check.returncode == 0
snapshot_lines = collections.Counter()
for p in glob.glob(f"{work}/outbox/snapshots/*.jsonl"):
    snapshot_lines[os.path.basename(p)[:-6]] = sum(1 for line in open(p, encoding="utf-8") if line.strip())
bad_snapshots = sum(1 for n in fetched if snapshot_lines.get(n) != 1) + len(set(snapshot_lines) - fetched)
spooled = len(glob.glob(f"{work}/outbox/undelivered/*/*.json")) + len(glob.glob(f"{work}/state/deliveries/*/*.json"))
rows = [
    ("valid note IDs in the input", len(ids)),
    ("invalid entries (expected %d)" % expected["invalid"], invalid),
    ("fetched (records.jsonl)", len(fetched)),
    ("not found", reasons.get("NOT_FOUND", 0)),
    ("failed, by reason", ", ".join(f"{r} {c}" for r, c in sorted(reasons.items()) if r not in ("NOT_FOUND", "INVALID_INPUT")) or "0"),
    ("pending", len(pending)),
    ("records.jsonl lines / duplicate lines / torn lines", f"{len(records)} / {len(records) - len(fetched)} / {torn}"),
    ("archived notes without a record / records without a note", f"{len(notes - fetched)} / {len(fetched - notes)}"),
    ("notes both fetched and failed", len(both)),
    ("records.csv same rows as records.jsonl", "yes" if csv_ok else "NO: " + (csv_check.stdout + csv_check.stderr).strip()),
    ("fetched notes without exactly one snapshot line", bad_snapshots),
    ("fetched notes whose note.fetched never arrived / deliveries still kept", f"{len(undelivered)} / {spooled}"),
    ("fetched notes delivered more than once (same deliveryId: receivers de-duplicate)",
     sum(1 for n in fetched if n in delivered and len(delivered[n]) > 1)),
    ("LOST", len(lost)),
]
width = max(len(r[0]) for r in rows)
print()
for name, value in rows:
    print(f"  {name:<{width}}  {value}")
ok = (not lost and invalid == expected["invalid"] and torn == 0 and len(records) == len(fetched)
      and notes == fetched and not both and not undelivered and csv_ok and not bad_snapshots)
print("\nchaos: " + ("lost 0, every entry accounted for" if ok else "PROBLEMS above"))
sys.exit(0 if ok else 1)
PY
