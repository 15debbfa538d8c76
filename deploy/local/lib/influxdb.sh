# InfluxDB OSS 2.7 (v2 HTTP API, Flux) built from the Go module proxy; onboarded on first start.

INFLUXD_VERSION="${INFLUXD_VERSION:-2.7.12}"

influxdb_start() {
  pid_of influxdb >/dev/null && return 0
  # Not ours, yet the port answers: another checkout's InfluxDB. Never onboard, set retention on or
  # make tokens in a server this run did not start.
  ! influxdb_ready || die "127.0.0.1:$INFLUX_PORT already answers /health but is not this run's influxdb (another checkout's? set MILLSTREAM_INFLUX_PORT)"
  local bin dir="$RUN_DIR/influxdb"
  bin="$(INFLUXD_VERSION="$INFLUXD_VERSION" bash "$ROOT/deploy/local/lib/build-influxd.sh")"
  mkdir -p "$dir/engine"
  log "starting influxdb $INFLUXD_VERSION on 127.0.0.1:$INFLUX_PORT"
  spawn influxdb "$bin" --bolt-path "$dir/influxd.bolt" --engine-path "$dir/engine" \
    --sqlite-path "$dir/influxd.sqlite" --http-bind-address "127.0.0.1:$INFLUX_PORT" \
    --reporting-disabled --ui-disabled --log-level warn --storage-wal-fsync-delay 0s
  wait_for influxdb 60 influxdb_ready || { tail -20 "$dir/server.log" >&2; die "influxdb did not answer /health within 60s"; }
  influxdb_onboard
  influxdb_service_tokens
}

influxdb_ready() { curl -sf "http://127.0.0.1:$INFLUX_PORT/health" >/dev/null 2>&1; }

# First start only: creates the org, the bucket and the operator token (POST /api/v2/setup).
influxdb_onboard() {
  local allowed
  allowed="$(curl -sf "http://127.0.0.1:$INFLUX_PORT/api/v2/setup" | grep -o '"allowed": *[a-z]*' | grep -o '[a-z]*$')"
  [ "$allowed" = "true" ] || return 0
  log "onboarding influxdb: org $INFLUX_ORG, bucket $INFLUX_BUCKET"
  curl -sf -XPOST "http://127.0.0.1:$INFLUX_PORT/api/v2/setup" -H 'Content-Type: application/json' \
    -d "{\"username\":\"millstream\",\"password\":\"millstream-dev-password\",\"org\":\"$INFLUX_ORG\",\"bucket\":\"$INFLUX_BUCKET\",\"token\":\"$INFLUX_TOKEN\"}" \
    >/dev/null || die "influxdb onboarding failed"
}

# The minute and rollup buckets with their retention, then one token per service, scoped to the
# buckets and to what the service does with each (issue 17; deploy/local/influx-setup.ts), in 0600
# files the services read as INFLUX_TOKEN_FILE.
influxdb_service_tokens() {
  (cd "$ROOT" && INFLUX_URL="http://127.0.0.1:$INFLUX_PORT" INFLUX_TOKEN="$INFLUX_TOKEN" INFLUX_ORG="$INFLUX_ORG" \
    INFLUX_BUCKET="$INFLUX_BUCKET" INFLUX_ROLLUP_BUCKET="$INFLUX_ROLLUP_BUCKET" \
    INFLUX_MINUTE_RETENTION_DAYS="$INFLUX_MINUTE_RETENTION_DAYS" INFLUX_ROLLUP_RETENTION_DAYS="$INFLUX_ROLLUP_RETENTION_DAYS" \
    INFLUX_TOKENS_DIR="$RUN_DIR/influxdb/tokens" node --import tsx deploy/local/influx-setup.ts) \
    >>"$RUN_DIR/influxdb/server.log" 2>&1 || die "setting up the influxdb buckets and the services' tokens failed (see $RUN_DIR/influxdb/server.log)"
}
