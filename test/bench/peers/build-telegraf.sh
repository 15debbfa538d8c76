#!/usr/bin/env bash
# Builds Telegraf (the peer most users would pick for MQTT -> Kafka) from the Go module proxy
# with only the plugins the benchmark uses (json for v1 messages, json_v2 for batches); cached by
# version outside the clone.
set -euo pipefail
TELEGRAF_VERSION="${TELEGRAF_VERSION:-1.37.2}"
CACHE="${MILLSTREAM_CACHE:-$HOME/.cache/millstream}"
# Telegraf's `custom` build tag compiles only the plugins named as tags.
TAGS="custom,inputs.mqtt_consumer,outputs.kafka,parsers.json,parsers.json_v2,serializers.json"
DIR="$CACHE/telegraf-$TELEGRAF_VERSION-mqtt-kafka-json-v2"
BIN="$DIR/bin/telegraf"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
mkdir -p "$DIR/mod" "$DIR/bin"
cd "$DIR/mod"
start=$(date +%s)
echo "building telegraf $TELEGRAF_VERSION ($TAGS) into $DIR" >&2
[ -f go.mod ] || go mod init local/millstream-telegraf-build >/dev/null 2>&1
export GOFLAGS="${GOFLAGS:-} -mod=mod"
go get "github.com/influxdata/telegraf@v$TELEGRAF_VERSION" >&2
go build -tags "$TAGS" -o "$BIN.tmp" github.com/influxdata/telegraf/cmd/telegraf >&2
mv "$BIN.tmp" "$BIN"
echo "built telegraf in $(( $(date +%s) - start ))s" >&2
echo "$BIN"
