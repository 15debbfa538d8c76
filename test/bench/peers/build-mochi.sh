#!/usr/bin/env bash
# Builds the durable Mochi MQTT broker of test/bench/peers/mochi-durable from the Go module proxy;
# cached by version outside the clone. Prints the binary's path.
set -euo pipefail
MOCHI_VERSION="${MOCHI_VERSION:-2.7.9}"
BBOLT_VERSION="${BBOLT_VERSION:-1.4.3}"
CACHE="${MILLSTREAM_CACHE:-$HOME/.cache/millstream}"
DIR="$CACHE/mochi-$MOCHI_VERSION-bbolt-$BBOLT_VERSION"
BIN="$DIR/bin/mochi-durable"
SRC="$(cd "$(dirname "$0")/mochi-durable" && pwd)"
if [ -x "$BIN" ] && [ "$BIN" -nt "$SRC/main.go" ]; then echo "$BIN"; exit 0; fi
mkdir -p "$DIR/mod" "$DIR/bin"
cp "$SRC/main.go" "$DIR/mod/main.go"
cd "$DIR/mod"
[ -f go.mod ] || go mod init local/millstream-mochi-durable >/dev/null 2>&1
export GOFLAGS="${GOFLAGS:-} -mod=mod"
go get "github.com/mochi-mqtt/server/v2@v$MOCHI_VERSION" "go.etcd.io/bbolt@v$BBOLT_VERSION" >&2
go build -o "$BIN.tmp" . >&2
mv "$BIN.tmp" "$BIN"
echo "$BIN"
