#!/usr/bin/env bash
# Builds InfluxDB OSS 2.x (v2 HTTP API + Flux) from the Go module proxy, with libflux compiled by
# cargo from the crate registry. The binary is cached outside the clone, keyed by version and Go
# toolchain, so a second run on the same machine costs nothing and a change of toolchain rebuilds.
# See docs/infrastructure.md for why this route.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

INFLUXD_VERSION="${INFLUXD_VERSION:-2.7.12}"
# The toolchain the release was built with: 2.7.12's go.mod says `toolchain go1.23.9` and its CI
# builds in the go1.23.9 cross-builder. A binary of the same sources built with Go 1.26 crashed
# twice under query load (SIGSEGV in storage/flux.(*table).appendTheseTags; docs/infrastructure.md).
INFLUXD_GO_TOOLCHAIN="${INFLUXD_GO_TOOLCHAIN:-go1.23.9}"
PKG_CONFIG_VERSION="${INFLUXD_PKG_CONFIG_VERSION:-0.2.14}"
CACHE="${MILLSTREAM_CACHE:-$HOME/.cache/millstream}"
TOOLS="$CACHE/influxd-$INFLUXD_VERSION-$INFLUXD_GO_TOOLCHAIN"
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
# The go command fetches this toolchain through the module proxy like any module
# (golang.org/toolchain) and runs every step below with it.
export GOTOOLCHAIN="$INFLUXD_GO_TOOLCHAIN"
# flux pins an old toolchain in rust-toolchain.toml that cannot be downloaded here; use the
# installed stable one. flux denies warnings under its default `strict` feature, and every newer
# rustc adds lints: cap them at warn instead of patching sources (nixpkgs drops `strict` likewise).
export RUSTUP_TOOLCHAIN="${RUSTUP_TOOLCHAIN:-stable}"
export RUSTC_WRAPPER="$here/rustc-cap-lints.sh"

start=$(date +%s)
echo "building influxd $INFLUXD_VERSION with $INFLUXD_GO_TOOLCHAIN into $TOOLS (cold build: tens of minutes)" >&2
go install "github.com/influxdata/pkg-config@v$PKG_CONFIG_VERSION"
export PKG_CONFIG="$GOBIN/pkg-config"
# A wrapper module: `go install pkg@version` refuses influxdb's go.mod because of its replace
# directive, and that replaced module is not imported by influxd. Its `go` line is the release's,
# since the main module's go line sets the GODEBUG defaults the binary runs with.
release_mod="$(go mod download -json "github.com/influxdata/influxdb/v2@v$INFLUXD_VERSION" | sed -n 's/^\s*"GoMod": "\(.*\)",*$/\1/p')"
release_go="$(sed -n 's/^go \([0-9.]*\)$/\1/p' "$release_mod")"
release_toolchain="$(sed -n 's/^toolchain \(go[0-9.]*\)$/\1/p' "$release_mod")"
if [ -n "$release_toolchain" ] && [ "$release_toolchain" != "$INFLUXD_GO_TOOLCHAIN" ]; then
  echo "warning: influxdb $INFLUXD_VERSION names $release_toolchain in its go.mod; building with $INFLUXD_GO_TOOLCHAIN" >&2
fi
[ -f go.mod ] || printf 'module local/millstream-influxd-build\n\ngo %s\n' "$release_go" >go.mod
go get "github.com/influxdata/influxdb/v2@v$INFLUXD_VERSION" >&2
# The release's tags for linux (scripts/ci/build.sh), less `assets` (the UI is not served here)
# and `static_build` (a fully static link with the release's cross-compiler).
go build -tags sqlite_foreign_keys,sqlite_json,noasm \
  -ldflags "-X main.version=$INFLUXD_VERSION -X main.commit=millstream-local" \
  -o "$BIN.tmp" github.com/influxdata/influxdb/v2/cmd/influxd >&2
mv "$BIN.tmp" "$BIN"
echo "built influxd $INFLUXD_VERSION with $INFLUXD_GO_TOOLCHAIN in $(( $(date +%s) - start ))s" >&2
echo "$BIN"
