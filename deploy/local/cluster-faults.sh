#!/usr/bin/env bash
# Fault run on the cluster profile (issue 17): publishes a fixed simulated period as fast as the
# broker takes it while SIGKILLing a Kafka broker (and bringing it back), an ingest instance and
# an aggregator instance; then checks that every message the MQTT broker acknowledged is in Kafka
# (distinct by device, channel and ts) and that the aggregators caught up.
# Usage: bash deploy/local/cluster.sh up && bash deploy/local/cluster-faults.sh [DURATION]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here/../.."
RUN="${MILLSTREAM_CLUSTER_DIR:-$PWD/.run/cluster}"
[ -f "$RUN/env" ] || { echo "cluster not up: bash deploy/local/cluster.sh up" >&2; exit 1; }
set -a; . "$RUN/env"; set +a
cluster() { bash "$here/cluster.sh" "$@"; }
say() { printf '[faults %ss] %s\n' "$SECONDS" "$*" >&2; }
out="$RUN/faults-$(date -u +%Y%m%dT%H%M%SZ)"; mkdir -p "$out"
period="${1:-2h}"

SECONDS=0
node --import tsx services/simulator/src/main.ts --mode fast --duration "$period" --to 2026-11-30T12:00:00Z --seed 17 \
  --mqtt-url "$MQTT_URL" --credentials "$MQTT_CREDENTIALS_FILE" --client-id-prefix cluster-faults \
  --report "$out/simulator.json" --progress-s 5 --log-level warn 2>"$out/simulator.log" &
sim=$!
sleep 8;  say "SIGKILL kafka-2"; cluster kill kafka-2
sleep 12; say "start kafka-2"; cluster start kafka-2
sleep 3;  say "SIGKILL ingest-1"; cluster kill ingest-1
sleep 4;  say "start ingest-1"; cluster start ingest-1
sleep 3;  say "SIGKILL aggregator-2"; cluster kill aggregator-2
sleep 4;  say "start aggregator-2"; cluster start aggregator-2
wait "$sim" || { say "simulator failed: $out/simulator.log"; exit 1; }
say "simulator done"

acked=$(node -e 'const r=require(process.argv[1]); console.log(r.acked ?? r.totals?.acked ?? JSON.stringify(r).match(/"acked":(\d+)/)[1])' "$out/simulator.json")
# Ingest may repeat a message after a crash or a retried write (at-least-once into Kafka): count
# distinct ones, by device, boot and seq as the aggregator de-duplicates (the simulator numbers
# every message; one device sends several messages with the same channel and ts).
deadline=$((SECONDS + 300)); distinct=0
while [ $SECONDS -lt $deadline ]; do
  kcat -C -b "$KAFKA_BROKERS" -t mill.telemetry.v1 -e -q -f '%s\n' 2>/dev/null \
    | node -e 'const rl=require("readline").createInterface({input:process.stdin}); const s=new Set(); rl.on("line",(l)=>{try{const r=JSON.parse(l); if(r.ts>=Date.parse("2026-11-30T00:00:00Z")) s.add(r.seq === undefined ? `${r.firm}/${r.plant}/${r.line}/${r.device}/${r.channel}/${r.ts}` : `${r.firm}/${r.plant}/${r.line}/${r.device}/${r.boot}/${r.seq}`)}catch{}}); rl.on("close",()=>console.log(s.size))' >"$out/distinct"
  distinct=$(cat "$out/distinct")
  [ "$distinct" -ge "$acked" ] && break
  sleep 5
done
lag=0; for p in 0 1 2; do l=$(curl -s "http://127.0.0.1:$((${MILLSTREAM_CLUSTER_OPS_PORT:-$((${MILLSTREAM_KAFKA_PORT:-19092} + 10))} + 10 + p))/metrics" | awk '/^millstream_aggregator_consumer_lag_messages/ {s+=$2} END {print s+0}'); lag=$((lag + l)); done
say "acknowledged by the MQTT broker: $acked; distinct in Kafka: $distinct; aggregator lag now: $lag"
[ "$distinct" -ge "$acked" ] && say "PASS: nothing acknowledged was lost" || { say "FAIL: $((acked - distinct)) acknowledged messages missing"; exit 1; }
