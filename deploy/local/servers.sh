#!/usr/bin/env bash
# Runs MillStream's real servers on loopback without Docker: Mosquitto, Apache Kafka (KRaft)
# and InfluxDB 2 (v2 API). Data and logs live in one run folder; see docs/infrastructure.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/common.sh
. "$here/lib/common.sh"
. "$here/lib/apt.sh"
. "$here/lib/mosquitto.sh"
. "$here/lib/kafka.sh"
. "$here/lib/influxdb.sh"

ALL=(mosquitto kafka influxdb)

usage() {
  cat <<USAGE
Usage: deploy/local/servers.sh COMMAND [SERVER...]

Commands:
  up [SERVER...]       install what is missing, start the servers (all by default), wait until
                       ready, write the connection variables to $RUN_DIR/env
  down [SERVER...]     stop servers started here (SIGTERM, then SIGKILL after 30 s)
  kill SERVER...       SIGKILL servers at once (fault tests)
  restart [SERVER...]  down, then up
  status               state, PID and port of each server
  logs [SERVER]        the last lines of each server's log
  env                  print the connection variables as shell exports
  reload-acl           regenerate MQTT accounts and ACLs from seeds/ and restart Mosquitto
  clean                down, then delete the run folder (all data)

Servers: ${ALL[*]}.
Environment: MILLSTREAM_RUN_DIR (run folder, default .run/servers), MILLSTREAM_CACHE (built
artefacts, default ~/.cache/millstream), KAFKA_VERSION ($KAFKA_VERSION), INFLUXD_VERSION
($INFLUXD_VERSION), MILLSTREAM_{KAFKA,MQTT,MQTT_TLS,INFLUX}_PORT, MILLSTREAM_KAFKA_SECURITY
(plaintext, or sasl_ssl: TLS, a SCRAM user per service and its ACLs; docs/infrastructure.md).
USAGE
}

servers_or_all() { if [ $# -eq 0 ]; then echo "${ALL[@]}"; else echo "$@"; fi; }

check_server() {
  case "$1" in mosquitto|kafka|influxdb) ;; *) die "unknown server '$1' (expected one of: ${ALL[*]})" ;; esac
}

write_env() {
  mkdir -p "$RUN_DIR"
  local ingest_pw
  ingest_pw="$(node -e 'const c=require(process.argv[1]);process.stdout.write(c.ingest)' "$RUN_DIR/mosquitto/credentials.json" 2>/dev/null || true)"
  cat >"$RUN_DIR/env" <<ENV
export KAFKA_BROKERS=127.0.0.1:$KAFKA_PORT
export MQTT_URL=mqtt://127.0.0.1:$MQTT_PORT
export MQTT_TLS_URL=mqtts://localhost:$MQTT_TLS_PORT
export MQTT_CA_FILE=$RUN_DIR/mosquitto/tls/ca.crt
export MQTT_USERNAME=ingest
export MQTT_PASSWORD=$ingest_pw
export MQTT_CREDENTIALS_FILE=$RUN_DIR/mosquitto/credentials.json
export INFLUX_URL=http://127.0.0.1:$INFLUX_PORT
export INFLUX_TOKEN=$INFLUX_TOKEN
export INFLUX_ORG=$INFLUX_ORG
export INFLUX_BUCKET=$INFLUX_BUCKET
export INFLUX_ROLLUP_BUCKET=$INFLUX_ROLLUP_BUCKET
export INFLUX_TOKENS_DIR=$RUN_DIR/influxdb/tokens
export MILLSTREAM_SERVERS=$here/servers.sh
export INFLUXD_BIN=$(INFLUXD_VERSION="$INFLUXD_VERSION" bash "$ROOT/deploy/local/lib/build-influxd.sh")
export INFLUX_ENGINE_PATH=$RUN_DIR/influxdb/engine
ENV
  kafka_secure_env >>"$RUN_DIR/env"
}

cmd_up() {
  local s t0
  for s in $(servers_or_all "$@"); do
    check_server "$s"
    t0=$SECONDS
    if pid_of "$s" >/dev/null; then
      log "$s already running (pid $(pid_of "$s"))"
      # A server started before the services had tokens of their own gets them now (kept when present).
      [ "$s" != influxdb ] || influxdb_service_tokens
      continue
    fi
    "${s}_start"
    log "$s ready in $((SECONDS - t0))s (pid $(pid_of "$s"))"
  done
  write_env
  log "connection variables: source $RUN_DIR/env"
}

cmd_down() {
  local s list
  list=($(servers_or_all "$@"))
  # Reverse order: influxdb, kafka, mosquitto.
  for ((i=${#list[@]}-1; i>=0; i--)); do check_server "${list[$i]}"; stop_server "${list[$i]}"; done
}

cmd_status() {
  local s pid ready
  printf '%-10s %-8s %-8s %s\n' SERVER STATE PID ENDPOINT
  for s in "${ALL[@]}"; do
    if pid="$(pid_of "$s")"; then
      if "${s}_ready"; then ready=ready; else ready=starting; fi
    else pid=-; ready=stopped; fi
    case "$s" in
      mosquitto) ep="mqtt://127.0.0.1:$MQTT_PORT mqtts://localhost:$MQTT_TLS_PORT" ;;
      kafka) ep="127.0.0.1:$KAFKA_PORT" ;;
      influxdb) ep="http://127.0.0.1:$INFLUX_PORT" ;;
    esac
    printf '%-10s %-8s %-8s %s\n' "$s" "$ready" "$pid" "$ep"
  done
}

cmd_logs() {
  local s
  for s in $(servers_or_all "$@"); do
    check_server "$s"
    echo "== $s ($RUN_DIR/$s/server.log)"
    tail -n "${LINES:-40}" "$RUN_DIR/$s/server.log" 2>/dev/null || echo "(no log yet)"
    [ "$s" = mosquitto ] && tail -n "${LINES:-40}" "$RUN_DIR/mosquitto/mosquitto.log" 2>/dev/null || true
  done
}

cmd="${1:-}"; shift || true
case "$cmd" in
  up) cmd_up "$@" ;;
  down) cmd_down "$@" ;;
  kill) [ $# -gt 0 ] || die "kill needs a server name"; for s in "$@"; do check_server "$s"; kill_server "$s"; done ;;
  restart) cmd_down "$@"; cmd_up "$@" ;;
  status) cmd_status ;;
  logs) cmd_logs "$@" ;;
  env) [ -f "$RUN_DIR/env" ] || write_env; cat "$RUN_DIR/env" ;;
  reload-acl) mosquitto_reload ;;
  clean) cmd_down; rm -rf "$RUN_DIR"; log "removed $RUN_DIR" ;;
  -h|--help|help) usage ;;
  "") usage; exit 2 ;;
  *) usage >&2; die "unknown command '$cmd'" ;;
esac
