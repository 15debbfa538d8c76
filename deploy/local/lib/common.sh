# Shared helpers for deploy/local/servers.sh. Sourced, not run.
# Servers are stopped only through the PID recorded when we started them, never by name.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
RUN_DIR="${MILLSTREAM_RUN_DIR:-$ROOT/.run/servers}"
CACHE="${MILLSTREAM_CACHE:-$HOME/.cache/millstream}"

KAFKA_PORT="${MILLSTREAM_KAFKA_PORT:-19092}"
KAFKA_CONTROLLER_PORT="${MILLSTREAM_KAFKA_CONTROLLER_PORT:-19093}"
MQTT_PORT="${MILLSTREAM_MQTT_PORT:-18830}"
MQTT_TLS_PORT="${MILLSTREAM_MQTT_TLS_PORT:-18883}"
INFLUX_PORT="${MILLSTREAM_INFLUX_PORT:-18086}"
INFLUX_ORG="${INFLUX_ORG:-millstream}"
INFLUX_BUCKET="${INFLUX_BUCKET:-telemetry}"
# The long-lived tier (hour roll-ups, scores) in a bucket of its own, each with its retention in
# days (0: forever); docs/operations.md "Retention".
INFLUX_ROLLUP_BUCKET="${INFLUX_ROLLUP_BUCKET:-telemetry-rollups}"
INFLUX_MINUTE_RETENTION_DAYS="${INFLUX_MINUTE_RETENTION_DAYS:-90}"
INFLUX_ROLLUP_RETENTION_DAYS="${INFLUX_ROLLUP_RETENTION_DAYS:-1825}"
INFLUX_TOKEN="${INFLUX_TOKEN:-millstream-dev-token}"

log() { printf '[servers] %s\n' "$*" >&2; }
die() { printf '[servers] error: %s\n' "$*" >&2; exit 1; }

# pid_of NAME: the recorded PID if that process is alive and is still the one we started.
pid_of() {
  local file="$RUN_DIR/$1/pid" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against PID reuse after a reboot: the command line must mention our run dir.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$RUN_DIR/$1" || return 1
  echo "$pid"
}

# stop_pid NAME [GRACE_S]: SIGTERM, wait, then SIGKILL.
stop_server() {
  local name="$1" grace="${2:-30}" pid
  pid="$(pid_of "$name")" || { rm -f "$RUN_DIR/$name/pid"; return 0; }
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq $((grace * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then log "$name did not stop in ${grace}s: SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$RUN_DIR/$name/pid"
}

# kill_server NAME: SIGKILL at once (fault tests).
kill_server() {
  local pid
  pid="$(pid_of "$1")" || return 0
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$RUN_DIR/$1/pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for DESCRIPTION TIMEOUT_S COMMAND...: polls until COMMAND succeeds.
wait_for() {
  local what="$1" timeout="$2"; shift 2
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

# Starts a command in the background with setsid so that it outlives this shell, records its PID.
spawn() {
  local name="$1"; shift
  mkdir -p "$RUN_DIR/$name"
  setsid "$@" >>"$RUN_DIR/$name/server.log" 2>&1 < /dev/null &
  echo $! >"$RUN_DIR/$name/pid"
}

# dev_tls DIR NAME CA_CN CN: a development CA (DIR/ca.crt, ca.key) and a certificate it signs for
# localhost and 127.0.0.1 (DIR/NAME.crt, NAME.key, PEM), usable by a server and as a client's.
dev_tls() {
  local dir="$1" name="$2"
  mkdir -p "$dir"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$3" -keyout "$dir/ca.key" -out "$dir/ca.crt" >/dev/null 2>&1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$4" -keyout "$dir/$name.key" -out "$dir/$name.csr" >/dev/null 2>&1
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n' >"$dir/san.ext"
  openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 3650 -extfile "$dir/san.ext" -out "$dir/$name.crt" >/dev/null 2>&1
  chmod 600 "$dir/ca.key" "$dir/$name.key"
}
