#!/usr/bin/env bash
# The README's first command (`npm run demo`): installs what is missing, brings up the real
# servers, starts every MillStream service and the simulator for the seed plants, and prints
# where to look. Ctrl-C stops everything it started.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

if [ "${1:-}" = "--help" ]; then
  cat <<USAGE
Usage: npm run demo   (or bash deploy/local/demo.sh)

Runs the whole pipeline on this machine: Mosquitto, Kafka and InfluxDB (deploy/local), the
services under services/ (ingest, aggregator, ... as they exist), and the simulator publishing
the five seed plants of seeds/registry.json in real time. Stops everything on Ctrl-C.

Environment:
  DEMO_BACKFILL   simulated history published first, fast (default 30m; 0 to skip)
  DEMO_SPEED      real-time speed factor of the simulator (default 1)
  DEMO_SEED       simulator seed (default 1)
  DEMO_ENCODING   how the simulated gateways publish: v1 (one message per reading, default),
                  batch (contract v1.1 batch messages of DEMO_BATCH_SIZE samples, default 100) or
                  sparkplug (each plant a Sparkplug B edge node; ingest runs its Sparkplug host,
                  docs/sparkplug.md)
  DEMO_INGEST_PORT, DEMO_AGGREGATOR_PORT, DEMO_SCORER_PORT, DEMO_API_PORT, DEMO_API_OPS_PORT,
  DEMO_REPORTS_PORT
                  ops and HTTP ports of the services (default 9101, 9102, 9103, 8080, 9104, 9105);
                  the dashboard is on the API's port
  DEMO_PROMETHEUS_PORT
                  Prometheus, scraping the services with the alert rules (default 9090)
USAGE
  exit 0
fi

DEMO_DIR="$ROOT/.run/demo"
mkdir -p "$DEMO_DIR"
pids=()
started_servers=()

say() { printf '\033[1m[demo]\033[0m %s\n' "$*" >&2; }

stopping=0
cleanup() {
  trap - INT TERM EXIT
  stopping=1
  say "stopping..."
  # One at a time, newest first, each gone before the next is asked: the API's clients (reports,
  # the simulator) stop before the API, so no report job runs on against an API already gone.
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    kill -TERM "${pids[$i]}" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "${pids[$i]}" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "${pids[$i]}" 2>/dev/null || true
  done
  if [ ${#started_servers[@]} -gt 0 ]; then bash deploy/local/servers.sh down "${started_servers[@]}" || true; fi
  say "stopped"
}
trap cleanup INT TERM EXIT

bash scripts/bootstrap.sh
before="$(bash deploy/local/servers.sh status)"
for s in mosquitto kafka influxdb; do grep -q "^$s .*ready" <<<"$before" || started_servers+=("$s"); done
bash deploy/local/servers.sh up
# Where servers.sh writes it: MILLSTREAM_RUN_DIR when set (deploy/local/lib/common.sh).
set -a; . "${MILLSTREAM_RUN_DIR:-$ROOT/.run/servers}/env"; set +a

start_service() {
  local name="$1" port="$2"
  [ -f "services/$name/src/main.ts" ] || return 0
  say "starting $name (log: .run/demo/$name.log, ops: http://127.0.0.1:$port/metrics)"
  # On a secured Kafka (MILLSTREAM_KAFKA_SECURITY=sasl_ssl) each service signs in as its own user,
  # with only its own ACLs; the servers' env file carries the admin's, for tools.
  local kafka_user=()
  if [ "${KAFKA_SECURITY:-plaintext}" = sasl_ssl ] && [ -f "${KAFKA_CREDENTIALS_DIR:-}/$name.password" ]; then
    kafka_user=(KAFKA_SASL_USERNAME="$name" KAFKA_SASL_PASSWORD_FILE="$KAFKA_CREDENTIALS_DIR/$name.password")
  fi
  # InfluxDB: each service reads its own bucket-scoped token from a 0600 file (servers.sh creates
  # them); the operator token in the servers' env file is for tools and never reaches a service.
  local influx_token=()
  if [ -d "${INFLUX_TOKENS_DIR:-}" ]; then
    influx_token=(-u INFLUX_TOKEN)
    [ -f "$INFLUX_TOKENS_DIR/$name.token" ] && influx_token+=(INFLUX_TOKEN_FILE="$INFLUX_TOKENS_DIR/$name.token")
  fi
  # Own process group: Ctrl-C reaches this script only, which then stops the services in order.
  env "${influx_token[@]}" "${kafka_user[@]}" HTTP_PORT="$port" setsid node --import tsx "services/$name/src/main.ts" >"$DEMO_DIR/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 150); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && return 0
    kill -0 "${pids[-1]}" 2>/dev/null || { tail -20 "$DEMO_DIR/$name.log" >&2; echo "[demo] $name exited at start" >&2; exit 1; }
    sleep 0.2
  done
  say "$name is not ready yet; see .run/demo/$name.log"
}

export REGISTRY_PATH="$ROOT/seeds/registry.json"
# A stopped demo must not leave a week-long session collecting every later message on this machine.
export INGEST_SESSION_EXPIRY="${INGEST_SESSION_EXPIRY:-1h}"
# The Sparkplug B host is part of ingest, on when the gateways speak it.
if [ "${DEMO_ENCODING:-v1}" = sparkplug ]; then export INGEST_SPARKPLUG="${INGEST_SPARKPLUG:-true}"; fi
start_service ingest "${DEMO_INGEST_PORT:-9101}"
start_service aggregator "${DEMO_AGGREGATOR_PORT:-9102}"
# The demo's history is short: catch up two days at most, so the first scores appear at once.
SCORER_CATCH_UP="${SCORER_CATCH_UP:-2d}" SCORER_MAX_CATCH_UP="${SCORER_MAX_CATCH_UP:-24}" start_service scorer "${DEMO_SCORER_PORT:-9103}"
# The API: users of each role in its own data dir, a session secret made for this run.
export API_PORT="${DEMO_API_PORT:-8080}" API_DATA_DIR="$DEMO_DIR/api"
# Reports (services/reports) are written here and served by the API from the same directory.
export API_REPORTS_DIR="$DEMO_DIR/reports"
API_JWT_SECRET="$(node -e "process.stdout.write(require('node:crypto').randomBytes(32).toString('base64url'))")"
export API_JWT_SECRET
DEMO_PASSWORD="${DEMO_PASSWORD:-millstream-demo-$(node -e "process.stdout.write(require('node:crypto').randomBytes(4).toString('hex'))")}"
if [ -f services/api/src/cli/admin.ts ]; then
  admin() { API_PASSWORD="$DEMO_PASSWORD" node --import tsx services/api/src/cli/admin.ts "$@" >/dev/null; }
  admin user --name admin --role admin
  admin user --name officer --role energy_officer --firm fengxin-yarn
  admin user --name manager --role plant_manager --plant fengxin-yarn/fengxin-1
  admin user --name platform --role platform
fi
# The API serves the dashboard's build (services/dashboard/dist): rebuilt only when its sources changed.
bash scripts/build-dashboard.sh
start_service api "${DEMO_API_OPS_PORT:-9104}"

# Reports: an API key of its own (admin role, read scopes only) decides which plants get reports.
if [ -f services/reports/src/main.ts ]; then
  REPORTS_API_KEY="$(node --import tsx services/api/src/cli/admin.ts key --label demo-reports --role admin --scope registry --scope telemetry --scope energy --scope energy_totals --expires 30d | grep '^msk_')"
  (umask 077; echo "$REPORTS_API_KEY" >"$DEMO_DIR/reports.key")   # for \`reports generate\` by hand (printed below)
  REPORTS_API_URL="http://127.0.0.1:${API_PORT}" REPORTS_API_KEY="$REPORTS_API_KEY" REPORTS_DIR="$API_REPORTS_DIR" start_service reports "${DEMO_REPORTS_PORT:-9105}"
fi

# Prometheus (Debian's package, installed by bootstrap) scrapes the services and evaluates the
# alert rules of deploy/prometheus; the targets are the ports chosen above.
start_prometheus() {
  command -v prometheus >/dev/null || { say "prometheus not installed: not scraping"; return 0; }
  local dir="$DEMO_DIR/prometheus" job port
  mkdir -p "$dir/targets" "$dir/data"
  for job in ingest:"${DEMO_INGEST_PORT:-9101}" aggregator:"${DEMO_AGGREGATOR_PORT:-9102}" scorer:"${DEMO_SCORER_PORT:-9103}" \
    api:"${DEMO_API_OPS_PORT:-9104}" reports:"${DEMO_REPORTS_PORT:-9105}" simulator:0; do
    port="${job#*:}"; job="${job%%:*}"
    if [ "$port" = 0 ] || [ ! -f "services/$job/src/main.ts" ]; then echo '[]' >"$dir/targets/millstream-$job.json"; continue; fi
    echo "[{\"targets\":[\"127.0.0.1:$port\"]}]" >"$dir/targets/millstream-$job.json"
  done
  sed -e "s#rules/#$ROOT/deploy/prometheus/rules/#" -e "s#targets/#$dir/targets/#" deploy/prometheus/prometheus.yml >"$dir/prometheus.yml"
  say "starting prometheus (http://127.0.0.1:${DEMO_PROMETHEUS_PORT:-9090}/alerts, log: .run/demo/prometheus.log)"
  setsid prometheus --config.file "$dir/prometheus.yml" --storage.tsdb.path "$dir/data" --storage.tsdb.retention.time 2d \
    --web.listen-address "127.0.0.1:${DEMO_PROMETHEUS_PORT:-9090}" >"$DEMO_DIR/prometheus.log" 2>&1 &
  pids+=($!)
}
start_prometheus

# A new boot id per run: the devices count seq from 0 again, and without it a rerun's samples would
# be dropped as copies of the last run's (the pipeline de-duplicates by device, boot and seq).
sim=(node --import tsx services/simulator/src/main.ts --mqtt-url "$MQTT_URL" --credentials "$MQTT_CREDENTIALS_FILE" --seed "${DEMO_SEED:-1}" --encoding "${DEMO_ENCODING:-v1}" --batch-size "${DEMO_BATCH_SIZE:-100}" --boot "demo-$(date +%s)" --progress-s 15)
backfill=()
if [ "${DEMO_BACKFILL:-30m}" != "0" ]; then
  # One simulation: the history is published fast, then the same devices go on in real time, so
  # every counter and meter continues from where the history left it (issue 9).
  say "publishing the last ${DEMO_BACKFILL:-30m} of simulated history fast, then the seed plants in real time (speed ${DEMO_SPEED:-1})"
  backfill=(--backfill "${DEMO_BACKFILL:-30m}")
else
  say "simulating the seed plants in real time (speed ${DEMO_SPEED:-1})"
fi
setsid "${sim[@]}" --mode realtime "${backfill[@]}" --speed "${DEMO_SPEED:-1}" --client-id-prefix demo-live --log-level warn >"$DEMO_DIR/simulator.log" 2>&1 &
pids+=($!)

cat >&2 <<INFO

  MillStream is running. Where to look:
    dashboard          http://127.0.0.1:${API_PORT}/   (zh-CN, English one click away; sign in as below; docs/dashboard.md)
    API docs           http://127.0.0.1:${API_PORT}/docs   (OpenAPI: /openapi.json; docs/api.md)
    sign-ins           admin, officer (energy_officer, fengxin-yarn), manager (plant_manager, fengxin-yarn/fengxin-1),
                       platform; password for all: $DEMO_PASSWORD
    sign in            curl -s -X POST http://127.0.0.1:${API_PORT}/v1/auth/sign-in -H 'content-type: application/json' \\
                         -d '{"name":"manager","password":"$DEMO_PASSWORD"}'
    ingest metrics     curl -s http://127.0.0.1:${DEMO_INGEST_PORT:-9101}/metrics | grep millstream_ingest
    aggregator metrics curl -s http://127.0.0.1:${DEMO_AGGREGATOR_PORT:-9102}/metrics | grep millstream_
    Prometheus alerts  http://127.0.0.1:${DEMO_PROMETHEUS_PORT:-9090}/alerts (Grafana: import deploy/grafana/millstream-operations.json)
    Kafka telemetry    kcat -C -b $KAFKA_BROKERS -t mill.telemetry.v1 -o -5 -e
    dead letters       kcat -C -b $KAFKA_BROKERS -t mill.telemetry.dlq.v1 -o beginning -e
    excluded intervals kcat -C -b $KAFKA_BROKERS -t mill.telemetry.anomaly.v1 -o beginning -e
    scores             kcat -C -b $KAFKA_BROKERS -t mill.scores.v1 -o beginning -e   (roll-ups: mill.score-rollups.v1; plant_score, score_rollup in InfluxDB; docs/scores.md)
    scorer metrics     curl -s http://127.0.0.1:${DEMO_SCORER_PORT:-9103}/metrics | grep millstream_scorer
    reports            .run/demo/reports (index.json; GET /v1/firms/{firm}/plants/{plant}/reports; docs/reports.md);
                       today so far: REPORTS_API_URL=http://127.0.0.1:${API_PORT} REPORTS_API_KEY=\$(grep -o 'msk_[^ ]*' .run/demo/reports.key) \\
                         REPORTS_DIR=.run/demo/reports node --import tsx services/reports/src/main.ts generate --from \$(date +%F) --to \$(date +%F)
    live minutes       kcat -C -b $KAFKA_BROKERS -t mill.machine-minute.v1 -o -5 -e
    InfluxDB today     node --import tsx deploy/local/plant-today.ts   (OEE per line, plant energy, through @millstream/store)
    simulator progress tail -f .run/demo/simulator.log
    logs               .run/demo/*.log, servers: bash deploy/local/servers.sh logs

  Ctrl-C stops everything this command started.
INFO
# The simulator runs until Ctrl-C: if it exits by itself (a failed backfill, a broker that refuses
# it), the demo says so and exits with its status instead of hiding it behind running services.
sim_status=0
wait "${pids[-1]}" || sim_status=$?
if [ "$stopping" -eq 0 ]; then
  tail -20 "$DEMO_DIR/simulator.log" >&2
  say "the simulator exited (status $sim_status) during the backfill or the live run; see .run/demo/simulator.log"
  exit "$(( sim_status == 0 ? 1 : sim_status ))"
fi
