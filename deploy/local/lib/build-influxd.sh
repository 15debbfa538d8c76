#!/usr/bin/env bash
# Builds InfluxDB OSS 2.x (v2 HTTP API + Flux) from the Go module proxy, with libflux compiled by
# cargo from the crate registry. The binary is cached outside the clone, keyed by version, so a
# second run on the same machine costs nothing. See docs/infrastructure.md for why this route.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

INFLUXD_VERSION="${INFLUXD_VERSION:-2.7.12}"
PKG_CONFIG_VERSION="${INFLUXD_PKG_CONFIG_VERSION:-0.2.14}"
CACHE="${MILLSTREAM_CACHE:-$HOME/.cache/millstream}"
TOOLS="$CACHE/influxd-$INFLUXD_VERSION"
BIN="$TOOLS/bin/influxd"

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

mkdir -p "$TOOLS/mod" "$TOOLS/bin"
cd "$TOOLS/mod"
export GOBIN="$TOOLS/bin"
export GOFLAGS="${GOFLAGS:-} -mod=mod"
export CGO_ENABLED=1
# flux pins an old toolchain in rust-toolchain.toml that cannot be downloaded here; use the
# installed stable one. flux denies warnings under its default `strict` feature, and every newer
# rustc adds lints: cap them at warn instead of patching sources (nixpkgs drops `strict` likewise).
export RUSTUP_TOOLCHAIN="${RUSTUP_TOOLCHAIN:-stable}"
export RUSTC_WRAPPER="$here/rustc-cap-lints.sh"

start=$(date +%s)
echo "building influxd $INFLUXD_VERSION into $TOOLS (cold build: tens of minutes)" >&2
go install "github.com/influxdata/pkg-config@v$PKG_CONFIG_VERSION"
export PKG_CONFIG="$GOBIN/pkg-config"
# A wrapper module: `go install pkg@version` refuses influxdb's go.mod because of its replace
# directive, and that replaced module is not imported by influxd.
[ -f go.mod ] || go mod init local/millstream-influxd-build >/dev/null 2>&1
go get "github.com/influxdata/influxdb/v2@v$INFLUXD_VERSION" >&2
go build -tags sqlite_foreign_keys,sqlite_json \
  -ldflags "-X main.version=$INFLUXD_VERSION -X main.commit=millstream-local" \
  -o "$BIN.tmp" github.com/influxdata/influxdb/v2/cmd/influxd >&2
mv "$BIN.tmp" "$BIN"
echo "built influxd $INFLUXD_VERSION in $(( $(date +%s) - start ))s" >&2
echo "$BIN"
