#!/usr/bin/env bash
# Runs every test: typecheck, lint, unit and integration suites against the real servers.
# Starts the servers with deploy/local/servers.sh unless the environment already names them,
# and stops those it started. Prints `tests: N passed, N failed, N skipped` at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--help" ]; then
  echo "Usage: pnpm test [-- VITEST_FILTER...]"
  echo "Typecheck, lint, then the unit and integration suites against real Mosquitto, Kafka and InfluxDB."
  exit 0
fi

# A fresh clone on a fresh machine: pnpm, node modules, Debian packages, Kafka, InfluxDB.
bash scripts/bootstrap.sh

started=()
cleanup() {
  if [ ${#started[@]} -gt 0 ]; then bash deploy/local/servers.sh down "${started[@]}" || true; fi
}
trap cleanup EXIT

if [ -z "${KAFKA_BROKERS:-}" ] || [ -z "${MQTT_URL:-}" ] || [ -z "${INFLUX_URL:-}" ]; then
  before="$(bash deploy/local/servers.sh status)"
  for s in mosquitto kafka influxdb; do
    grep -q "^$s .*ready" <<<"$before" || started+=("$s")
  done
  bash deploy/local/servers.sh up
  # Where servers.sh writes it: MILLSTREAM_RUN_DIR when set (deploy/local/lib/common.sh).
  set -a; . "${MILLSTREAM_RUN_DIR:-.run/servers}/env"; set +a
fi

# The browser tests (test/dashboard) drive the built dashboard the API serves.
echo "== dashboard build"; bash scripts/build-dashboard.sh
echo "== typecheck"; pnpm run typecheck
echo "== lint"; pnpm run lint

results=.vitest-results.json
rm -f "$results"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || status=$?
node scripts/test-summary.mjs "$results" || status=1
exit $status
