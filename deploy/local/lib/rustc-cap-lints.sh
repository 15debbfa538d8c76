#!/usr/bin/env bash
# RUSTC_WRAPPER for building libflux: caps lint levels at warn on every rustc call, host build
# dependencies included (RUSTFLAGS skips those when cargo is given --target). flux's sources say
# deny(warnings) and each newer rustc adds lints, so without this a current toolchain refuses them.
rustc="$1"; shift
for arg in "$@"; do
  case "$arg" in --cap-lints*) exec "$rustc" "$@" ;; esac
done
exec "$rustc" "$@" --cap-lints=warn
