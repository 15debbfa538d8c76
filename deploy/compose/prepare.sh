#!/usr/bin/env bash
# Writes Mosquitto's config, accounts and ACLs (dynamic-security plugin) for
# deploy/docker-compose.yml from seeds/, and prints the connection variables for the host.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/mosquitto"
mkdir -p "$out"
(cd "$root" && node --import tsx deploy/local/mqtt-auth.ts --out "$out")
cat >"$out/mosquitto.conf" <<CONF
listener 1883
allow_anonymous false
plugin /usr/lib/mosquitto_dynamic_security.so
plugin_opt_config_file /mosquitto/config/dynsec.json
persistence true
persistence_location /mosquitto/data/
# As deploy/local/lib/mosquitto.sh: bounds MQTT 3.1.1 sessions; MQTT 5 clients set their own expiry.
persistent_client_expiration 1d
max_queued_messages 1000000
# As deploy/local: ingest's own Receive Maximum (INGEST_MAX_INFLIGHT, 10000) is the effective bound.
max_inflight_messages 20000
max_packet_size 1048576
autosave_interval 5
CONF
# Secrets of the pipeline profile. Compose without swarm bind-mounts each file under /run/secrets
# with its host mode, so the files are world-readable for the containers' user 10001; the folder
# (0700) keeps other host users out.
secrets="$here/secrets"
mkdir -p "$secrets"; chmod 700 "$secrets"
(umask 022
  node -e 'process.stdout.write(require(process.argv[1]).ingest)' "$out/credentials.json" >"$secrets/mqtt-ingest"
  [ -s "$secrets/api-jwt" ] || openssl rand -base64 48 | tr -d '\n' >"$secrets/api-jwt"
  # Filled once the API runs (docs/infrastructure.md#docker-compose); reports wait for it until then.
  [ -f "$secrets/reports-api-key" ] || : >"$secrets/reports-api-key")
cat <<ENV
export KAFKA_BROKERS=127.0.0.1:19092
export MQTT_URL=mqtt://127.0.0.1:18830
export MQTT_USERNAME=ingest
export MQTT_PASSWORD=$(node -p "require('$out/credentials.json').ingest")
export MQTT_CREDENTIALS_FILE=$out/credentials.json
export INFLUX_URL=http://127.0.0.1:18086
export INFLUX_TOKEN=millstream-dev-token
export INFLUX_ORG=millstream
export INFLUX_BUCKET=telemetry
ENV
