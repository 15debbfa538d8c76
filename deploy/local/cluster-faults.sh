#!/usr/bin/env bash
# Fault run on the cluster profile (issue 17). While the simulator replays a past period at
# FAULTS_SPEED times real time: SIGKILL a Kafka broker and bring it back, SIGKILL an ingest and an
# aggregator instance and restart them, then roll every broker and service one by one. Then checks
# that every message the MQTT broker acknowledged is in Kafka (by device, boot and seq) and that
# InfluxDB's minute points add up, per device and series, to the simulator's own totals.
# Usage: bash deploy/local/cluster.sh up && bash deploy/local/cluster-faults.sh
# Environment: FAULTS_SPEED (20), FAULTS_FROM (2026-11-30T06:00:00Z), FAULTS_SEED (17).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
RUN="${MILLSTREAM_CLUSTER_DIR:-$PWD/.run/cluster}"
[ -f "$RUN/env" ] || { echo "cluster not up: bash deploy/local/cluster.sh up" >&2; exit 1; }
set -a; . "$RUN/env"; set +a
cluster() { bash "$here/cluster.sh" "$@"; }
say() { printf '[faults %ss] %s\n' "$SECONDS" "$*" >&2; }
tsx() { node --import tsx "$@"; }
id="faults-$(date -u +%Y%m%dT%H%M%SZ)"; out="$RUN/$id"; mkdir -p "$out"
speed="${FAULTS_SPEED:-20}"
SECONDS=0

# A run of its own (topics, consumer group, bucket): no record or state of an earlier run counts.
export INGEST_TELEMETRY_TOPIC="$id.telemetry" INGEST_DLQ_TOPIC="$id.dlq" AGG_INPUT_TOPIC="$id.telemetry" \
  AGG_DLQ_TOPIC="$id.dlq" AGG_GROUP_ID="$id.aggregator" AGG_CHANGELOG_TOPIC="$id.state" AGG_LIVE_TOPIC="$id.live" \
  AGG_ANOMALY_TOPIC="$id.anomaly" CLUSTER_INFLUX_BUCKET="$id"
# Replayed 20x faster than it happened, an instance down for 20 s returns 7 min of event time
# behind; a longer lateness keeps its messages in the sums (they would be too_late at 5 min).
export AGG_ALLOWED_LATENESS="${AGG_ALLOWED_LATENESS:-1h}" AGG_PARTITION_GRACE="${AGG_PARTITION_GRACE:-1h}"
org_id="$(curl -sf "$INFLUX_URL/api/v2/orgs?org=$INFLUX_ORG" -H "Authorization: Token $INFLUX_TOKEN" | node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>console.log(JSON.parse(s).orgs[0].id))')"
curl -sf -XPOST "$INFLUX_URL/api/v2/buckets" -H "Authorization: Token $INFLUX_TOKEN" -H 'Content-Type: application/json' \
  -d "{\"orgID\":\"$org_id\",\"name\":\"$id\",\"retentionRules\":[]}" >/dev/null
# The run's services get tokens scoped to the run's bucket, as the profile's get for its own.
INFLUX_BUCKET="$id" INFLUX_ROLLUP_BUCKET="$id" INFLUX_TOKENS_DIR="$out/influx-tokens" tsx deploy/local/influx-tokens.ts >&2
export CLUSTER_INFLUX_TOKENS_DIR="$out/influx-tokens"
services=(ingest-1 ingest-2 aggregator-1 aggregator-2 aggregator-3 scorer-1 api-1 api-2)
say "run $id: restarting the services on its topics and bucket"
cluster stop "${services[@]}"; cluster start "${services[@]}"

say "stream: seed ${FAULTS_SEED:-17} from ${FAULTS_FROM:-2026-11-30T06:00:00Z} at ${speed}x"
node --import tsx services/simulator/src/main.ts --mode realtime --speed "$speed" --from "${FAULTS_FROM:-2026-11-30T06:00:00Z}" \
  --duration 24h --seed "${FAULTS_SEED:-17}" --mqtt-url "$MQTT_URL" --credentials "$MQTT_CREDENTIALS_FILE" \
  --client-id-prefix "$id" --report "$out/simulator.json" --progress-s 30 --log-level warn 2>"$out/simulator.log" &
sim=$!
trap 'kill -TERM "$sim" 2>/dev/null || true' EXIT
step() { local t=$SECONDS; "$@"; echo "$* $((SECONDS - t))s" >>"$out/steps"; }
sleep 15; say "SIGKILL kafka-2"; cluster kill kafka-2
sleep 10; say "start kafka-2"; step cluster start kafka-2; step cluster in-sync 240
say "SIGKILL ingest-1"; cluster kill ingest-1; sleep 5; step cluster start ingest-1
say "SIGKILL aggregator-2"; cluster kill aggregator-2; sleep 5; step cluster start aggregator-2
say "rolling restart of every broker and service"; step cluster roll
sleep 20; say "stopping the stream"; kill -TERM "$sim"; wait "$sim" || { say "simulator failed: $out/simulator.log"; exit 1; }
stream_s=$SECONDS; say "stream done"

# Every acknowledged message in Kafka, waiting for what is still in flight.
deadline=$((SECONDS + 300))
until kcat -C -b "$KAFKA_BROKERS" -t "$INGEST_TELEMETRY_TOPIC" -e -q -f '%s\n' 2>/dev/null | tsx test/faults/acked-in-kafka.ts "$out/simulator.json" >"$out/kafka.json" \
  && [ "$(node -e 'console.log(require(process.argv[1]).missing)' "$out/kafka.json")" = 0 ] || [ $SECONDS -ge $deadline ]; do sleep 10; done
kafka_s=$SECONDS
lag() { local p l=0; for p in 0 1 2; do l=$((l + $(curl -s "http://127.0.0.1:$((${MILLSTREAM_CLUSTER_OPS_PORT:-$((${MILLSTREAM_KAFKA_PORT:-19092} + 10))} + 10 + p))/metrics" | awk '/^millstream_aggregator_consumer_lag_messages/ {s+=$2} END {print s+0}'))); done; echo $l; }
deadline=$((SECONDS + 300)); until [ "$(lag)" = 0 ] || [ $SECONDS -ge $deadline ]; do sleep 5; done
DEADLINE_S=300 tsx test/faults/totals-vs-report.ts "$out/simulator.json" "$id" >"$out/totals.json" || true
too_late=$(kcat -C -b "$KAFKA_BROKERS" -t "$AGG_DLQ_TOPIC" -e -q -f '%s\n' 2>/dev/null | grep -c '"too_late"' || true)

say "steps (s): $(tr '\n' ';' <"$out/steps")"
say "stream ${stream_s}s, Kafka reconciled at ${kafka_s}s, totals compared at ${SECONDS}s; too_late dead letters: $too_late"
say "Kafka: $(cat "$out/kafka.json" | cut -c1-400)"
say "InfluxDB vs simulator: $(cut -c1-600 "$out/totals.json")"
# The scorer and both APIs were rolled too: each must be ready again (ops ports: cluster.sh usage).
ops="${MILLSTREAM_CLUSTER_OPS_PORT:-$((${MILLSTREAM_KAFKA_PORT:-19092} + 10))}"; unready=()
for m in scorer-1:$((ops + 20)) api-1:$((ops + 30)) api-2:$((ops + 31)); do curl -sf "http://127.0.0.1:${m#*:}/readyz" >/dev/null || unready+=("${m%%:*}"); done
say "not ready after the run: ${unready[*]:-none}"
missing=$(node -e 'console.log(require(process.argv[1]).missing)' "$out/kafka.json")
differing=$(node -e 'const t=require(process.argv[1]); console.log(t.differing + t.unexpectedSeries)' "$out/totals.json")
if [ "$missing" = 0 ] && [ "$differing" = 0 ] && [ ${#unready[@]} = 0 ]; then say "PASS: nothing acknowledged was lost; the aggregates equal the simulator's ($out)"
else say "FAIL: $missing acknowledged messages missing, $differing series differ, not ready: ${unready[*]:-none} ($out)"; exit 1; fi
