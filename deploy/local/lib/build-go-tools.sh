#!/usr/bin/env bash
# Builds the deployment checkers (helm, kubeconform, docker compose) from the Go module proxy and
# caches each binary outside the clone, keyed by version, like build-influxd.sh: no engine or
# download site is reachable here, so CI validates the chart and the compose file with these.
# Usage: build-go-tools.sh [helm|kubeconform|compose]...   (no argument: all three)
# Prints one absolute binary path per line, in the order asked.
set -euo pipefail

HELM_VERSION="${HELM_VERSION:-3.22.0}"
KUBECONFORM_VERSION="${KUBECONFORM_VERSION:-0.8.0}"
COMPOSE_VERSION="${COMPOSE_VERSION:-2.40.3}"
CACHE="${MILLSTREAM_CACHE:-$HOME/.cache/millstream}"

build() { # name version package binary-name
  local dir="$CACHE/$1-$2" bin
  bin="$dir/bin/$4"
  if [ ! -x "$bin" ]; then
    mkdir -p "$dir/bin"
    echo "building $1 $2 into $dir" >&2
    local t=$SECONDS
    GOBIN="$dir/bin" CGO_ENABLED=0 go install "$3@v$2" >&2
    echo "built $1 $2 in $((SECONDS - t))s" >&2
  fi
  echo "$bin"
}

compose() {
  local dir="$CACHE/compose-$COMPOSE_VERSION" bin
  bin="$dir/bin/docker-compose"
  if [ ! -x "$bin" ]; then
    mkdir -p "$dir/bin"
    echo "building docker compose $COMPOSE_VERSION into $dir" >&2
    local t=$SECONDS
    # `go install pkg@version` refuses compose's go.mod (it has exclude directives): build from a
    # wrapper module that repeats those excludes. The CLI's main package is cmd/.
    (cd "$dir" && { [ -f go.mod ] || go mod init local/millstream-compose-build >/dev/null 2>&1; } \
      && go mod edit -exclude=github.com/davecgh/go-spew@v1.1.2-0.20180830191138-d8f796af33cc \
        -exclude=github.com/pmezard/go-difflib@v1.0.1-0.20181226105442-5d4384ee4fb2 \
      && go get "github.com/docker/compose/v2/cmd@v$COMPOSE_VERSION" >&2)
    # A fresh machine's bootstrap once ended this build without a binary and without a message
    # (2026-12-02); the same command then built at once by hand. One retry, then a clear failure.
    local attempt
    for attempt in 1 2; do
      (cd "$dir" && CGO_ENABLED=0 go build -o "$bin.tmp" github.com/docker/compose/v2/cmd >&2) && [ -x "$bin.tmp" ] && break
      echo "docker compose build attempt $attempt left no binary" >&2
    done
    [ -x "$bin.tmp" ] || { echo "error: could not build docker compose $COMPOSE_VERSION in $dir" >&2; return 1; }
    mv "$bin.tmp" "$bin"
    echo "built docker compose $COMPOSE_VERSION in $((SECONDS - t))s" >&2
  fi
  echo "$bin"
}

[ $# -gt 0 ] || set -- helm kubeconform compose
for tool in "$@"; do
  case "$tool" in
    helm) build helm "$HELM_VERSION" helm.sh/helm/v3/cmd/helm helm ;;
    kubeconform) build kubeconform "$KUBECONFORM_VERSION" github.com/yannh/kubeconform/cmd/kubeconform kubeconform ;;
    compose) compose ;;
    *) echo "unknown tool: $tool (helm, kubeconform or compose)" >&2; exit 2 ;;
  esac
done
