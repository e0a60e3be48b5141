#!/usr/bin/env bash
# A single-node Kafka on 127.0.0.1 for trying the app's Kafka side on this machine (docs/scaling.md): Kafka's own
# test kit from Maven Central, run on the project's test classpath. No download, no Docker. Not for production.
#
#   scripts/local-kafka.sh                          # topic xnr.note-requests with 4 partitions
#   scripts/local-kafka.sh my.requests:8 other:1    # these topics instead
#   scripts/local-kafka.sh produce TOPIC N SEED     # send N distinct note IDs to TOPIC (another terminal)
#   scripts/local-kafka.sh count TOPIC              # records and distinct keys of TOPIC
#   scripts/local-kafka.sh wait GROUP TOPIC SECS    # wait until GROUP has committed all of TOPIC
#
# The broker's address (host:port) is written to target/local-kafka/bootstrap once it is up; the other commands
# read it from there. Ctrl-C stops the broker (its data is temporary).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/local-kafka
CP_FILE=target/local-kafka/classpath
if [[ ! -f $CP_FILE || pom.xml -nt $CP_FILE || ! -d target/test-classes ]]; then
  mvn -q -B test-compile
  mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$CP_FILE" >/dev/null
fi
CP="target/test-classes:target/classes:$(cat "$CP_FILE")"
BOOTSTRAP_FILE=target/local-kafka/bootstrap
run() { java -Dlogging.level.root=ERROR -cp "$CP" xhsnoterouter.support.LocalKafka "$@"; }
case "${1:-}" in
  produce|count|wait|members)
    [[ -f $BOOTSTRAP_FILE ]] || { echo "local-kafka: no broker running (start scripts/local-kafka.sh first)" >&2; exit 2; }
    cmd=$1; shift
    run "$cmd" "$(cat "$BOOTSTRAP_FILE")" "$@" ;;
  *)
    rm -f "$BOOTSTRAP_FILE"
    trap 'rm -f "$BOOTSTRAP_FILE"' EXIT
    topics=("$@")
    [[ ${#topics[@]} -gt 0 ]] || topics=(xnr.note-requests:4)
    run broker "$BOOTSTRAP_FILE" "${topics[@]}" ;;
esac
