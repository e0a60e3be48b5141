#!/usr/bin/env bash
# Kafka scale-out benchmark: the same N requests on one request topic, consumed by 1 instance and then by 2 instances
# of the packaged jar in one consumer group, against the simulator in a JVM of its own and a single-node broker on
# loopback (scripts/local-kafka.sh). Prints one line per scenario: instances, requests, seconds from the start of the
# first batch to the end of the last one (their reports' startedAt/finishedAt, over every instance), notes/s, records
# published to the output topic and their distinct keys, API calls (the batches' apiCalls) and how the requests
# were split between the instances.
#
#   bench/kafka-scale.sh                         N=2000 LATENCY_MS=100 CONCURRENCY=4 PARTITIONS=4 INSTANCES="1 2"
#   N=4000 LATENCY_MS=200 bench/kafka-scale.sh
# Each instance: its own inbox/outbox/state in a temporary folder, JUSTONEAPI_CONCURRENCY=$CONCURRENCY, the default
# kafka.batch-size. Each scenario gets topics and a group of its own (same broker), so nothing carries over.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-2000}; LATENCY_MS=${LATENCY_MS:-100}; CONCURRENCY=${CONCURRENCY:-4}; PARTITIONS=${PARTITIONS:-4}
INSTANCES=${INSTANCES:-"1 2"}; TIMEOUT=${TIMEOUT:-600}
[[ -f target/xhs-note-router.jar ]] || mvn -q -B package -DskipTests
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

topics=()
for k in $INSTANCES; do topics+=("bench$k.requests:$PARTITIONS"); done
scripts/local-kafka.sh "${topics[@]}" >"$work/kafka.txt" 2>&1 &
pids+=($!)
for _ in $(seq 600); do [[ -s target/local-kafka/bootstrap ]] && break; sleep 0.2; done
[[ -s target/local-kafka/bootstrap ]] || { echo "kafka-scale: the broker did not start:" >&2; cat "$work/kafka.txt" >&2; exit 1; }
servers=$(cat target/local-kafka/bootstrap)

SIMULATOR_LATENCY_MS=$LATENCY_MS java -cp target/xhs-note-router.jar xhsnoterouter.simulator.SimulatorMain \
  >"$work/simulator.txt" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q '^http' "$work/simulator.txt" 2>/dev/null && break; sleep 0.1; done
sim=$(grep -m1 '^http' "$work/simulator.txt")
echo "kafka-scale: broker $servers, simulator $sim (latency $LATENCY_MS ms), N=$N, concurrency $CONCURRENCY per instance," \
     "$PARTITIONS partitions; $(nproc) cores" >&2

printf '%-9s %7s %9s %9s %10s %9s %10s  %s\n' instances requests seconds notes/s published distinct api-calls split
for k in $INSTANCES; do
  app_pids=()
  for i in $(seq "$k"); do
    d="$work/s$k-i$i"; mkdir -p "$d"
    KAFKA_BOOTSTRAP_SERVERS=$servers KAFKA_INPUT_TOPIC="bench$k.requests" KAFKA_GROUP_ID="bench$k" \
    KAFKA_OUTPUT_TOPIC="bench$k.notes" KAFKA_FAILED_TOPIC="bench$k.failed" KAFKA_EVENTS_TOPIC="bench$k.events" \
    KAFKA_DEDUPE_TOPIC="bench$k.fetched" KAFKA_INSTANCE_ID="bench$k-$i" \
    JUSTONEAPI_TOKEN=bench-token JUSTONEAPI_BASE_URL=$sim JUSTONEAPI_CONCURRENCY=$CONCURRENCY \
    INBOX_DIR="$d/inbox" OUTBOX_DIR="$d/outbox" STATE_DIR="$d/state" MANAGEMENT_PORT=0 \
      java -jar target/xhs-note-router.jar >"$d/log.txt" 2>&1 &
    app_pids+=($!); pids+=($!)
  done
  for _ in $(seq 300); do
    [[ $(scripts/local-kafka.sh members "bench$k" 2>/dev/null || echo 0) == "$k" ]] && break; sleep 0.5
  done
  scripts/local-kafka.sh produce "bench$k.requests" "$N" "$((4096 + k))" >/dev/null
  scripts/local-kafka.sh wait "bench$k" "bench$k.requests" "$TIMEOUT" >/dev/null
  read -r published distinct < <(scripts/local-kafka.sh count "bench$k.notes")
  read -r seconds calls split < <(python3 - "$work" "$k" <<'PY'
import glob, json, sys
from datetime import datetime
work, k = sys.argv[1], sys.argv[2]
def t(s): return datetime.fromisoformat(s.replace("Z", "+00:00"))
starts, ends, calls, split = [], [], 0, []
for i in sorted(glob.glob(f"{work}/s{k}-i*")):
    done = 0
    for f in glob.glob(f"{i}/outbox/reports/kafka_*.json"):
        r = json.load(open(f))
        starts.append(t(r["startedAt"])); ends.append(t(r["finishedAt"]))
        calls += r["apiCalls"]; done += r["fetched"]
    split.append(str(done))
print(round((max(ends) - min(starts)).total_seconds(), 2), calls, "/".join(split))
PY
)
  rate=$(python3 -c "print(round($N / $seconds, 1))")
  printf '%-9s %7s %9s %9s %10s %9s %10s  %s\n' "$k" "$N" "$seconds" "$rate" "$published" "$distinct" "$calls" "$split"
  for p in "${app_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${app_pids[@]}"; do wait "$p" 2>/dev/null || true; done
done
