#!/usr/bin/env bash
# CPU seconds per thread group of one --once run at latency 0 against the simulator in a JVM of its own: where a
# note's CPU goes (the app's workers, the JIT compilers, the HTTP client, GC). Threads are sampled from
# /proc/<pid>/task every 0.3 s; a thread that ends between samples loses its last 0.3 s (the total from
# /proc/<pid>/stat is exact). Usage: N=20000 bench/thread-cpu.sh   (JAR, WORKDIR, JAVA_OPTS, CONCURRENCY optional)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-20000}; CONCURRENCY=${CONCURRENCY:-16}
JAR=${JAR:-target/xhs-note-router.jar}; JAR=$(realpath "$JAR")
[[ -f $JAR ]] || mvn -q -B package -DskipTests
W=${WORKDIR:-$(mktemp -d)}; rm -rf "$W"; mkdir -p "$W/inbox"; cp -r config routes "$W/"
python3 -c "
import random; r=random.Random(7)
print('\n'.join('%024x' % r.getrandbits(96) for _ in range($N)))" >"$W/bench.txt"
SIMULATOR_PORT=0 java -cp "$JAR" xhsnoterouter.simulator.SimulatorMain >"$W/simulator.txt" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q '^http' "$W/simulator.txt" && break; sleep 0.1; done
url=$(grep -m1 '^http' "$W/simulator.txt")
mv "$W/bench.txt" "$W/inbox/"
(cd "$W" && exec env JUSTONEAPI_TOKEN=bench JUSTONEAPI_BASE_URL="$url" JUSTONEAPI_CONCURRENCY="$CONCURRENCY" \
  java ${JAVA_OPTS:-} -jar "$JAR" --once >app.txt 2>&1) &
app=$!
sleep 0.2
pid=$(pgrep -P "$app" java || echo "$app")
declare -A seen
total=0
while kill -0 "$pid" 2>/dev/null; do
  for f in /proc/"$pid"/task/*/stat; do
    read -r line <"$f" 2>/dev/null || continue
    tid=${f#/proc/$pid/task/}; tid=${tid%/stat}
    name=${line#*(}; name=${name%)*}; rest=${line##*) }
    read -r -a fields <<<"$rest"
    seen[$tid]="$((fields[11] + fields[12])) ${fields[11]} ${fields[12]} $name"
  done 2>/dev/null
  t=$(awk '{print $14 + $15}' /proc/"$pid"/stat 2>/dev/null) && total=$t
  sleep 0.3
done
wait "$app" || true
tck=$(getconf CLK_TCK)
echo "process CPU (last sample): $(awk -v t="$total" -v k="$tck" 'BEGIN{printf "%.2f", t/k}') s for $N notes"
for k in "${!seen[@]}"; do echo "${seen[$k]}"; done | awk -v k="$tck" -v n="$N" '
  {t=$1; u+=$2; s+=$3; $1=$2=$3=""; name=$0; gsub(/[0-9]+/, "#", name); sub(/^ +/, "", name); by[name]+=t; all+=t}
  END {for (g in by) printf "%8.2f s %6.3f ms/note  %s\n", by[g]/k, by[g]/k*1000/n, g;
       printf "%8.2f s %6.3f ms/note  (threads seen; user %.2f s, sys %.2f s)\n", all/k, all/k*1000/n, u/k, s/k}' | sort -rn | head -15
grep -E ' entries ' "$W/app.txt" | tail -1
[[ -n ${WORKDIR:-} ]] || rm -rf "$W"
