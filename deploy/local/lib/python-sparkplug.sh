#!/usr/bin/env bash
# A Python venv with pysparkplug (a Sparkplug B edge node the project did not write) for the
# Sparkplug host tests (test/ingest/sparkplug-python.int.test.ts). Cached by version under
# ~/.cache/millstream; installed with pip from the package index, like any Python dependency.
set -euo pipefail
PYSPARKPLUG_VERSION=0.6.1
venv="${MILLSTREAM_CACHE:-$HOME/.cache/millstream}/venv-pysparkplug-$PYSPARKPLUG_VERSION"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pysparkplug' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pysparkplug==$PYSPARKPLUG_VERSION"
fi
echo "$venv/bin/python"
