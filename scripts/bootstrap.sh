#!/usr/bin/env bash
# Installs what a fresh machine lacks: pnpm (the version pinned in package.json), the node
# modules, Debian packages, Kafka's jars, the InfluxDB build and the deployment checkers (helm,
# kubeconform, docker compose), each cached by version.
set -euo pipefail
cd "$(dirname "$0")/.."
. deploy/local/lib/common.sh
. deploy/local/lib/apt.sh
. deploy/local/lib/mosquitto.sh

want="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if [ "$(pnpm --version 2>/dev/null || true)" != "$want" ]; then
  echo "== installing pnpm $want"
  npm install -g -E "pnpm@$want" >/dev/null
fi

# Mosquitto >= 2.0.13 from the backports suite where it can be reached (deploy/local/lib/mosquitto.sh).
mosquitto_install

missing=()
command -v openssl >/dev/null || missing+=(openssl)
command -v curl >/dev/null || missing+=(curl)
command -v kcat >/dev/null || missing+=(kcat)   # the benchmark's raw floor (mosquitto_sub | kcat)
command -v promtool >/dev/null || missing+=(prometheus)   # the alert rules' unit tests (deploy/prometheus)
command -v chromium >/dev/null || missing+=(chromium)   # the dashboard's browser tests and the reports' PDFs (playwright-core drives it)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK\|Noto Serif CJK' || missing+=(fonts-noto-cjk)   # Chinese glyphs in screenshots and reports
command -v pdftotext >/dev/null || missing+=(poppler-utils)   # the reports' tests read the PDFs back (pdftotext, pdftoppm)
# A third-party MQTT 5 client for the ingest fault suite (test/ingest/paho): Debian's paho-mqtt.
/usr/bin/python3 -c 'import paho.mqtt.client' 2>/dev/null || missing+=(python3-paho-mqtt)
# A venv for pysparkplug, the third-party Sparkplug B edge node of test/ingest (python3-venv brings ensurepip).
/usr/bin/python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then echo "== apt: ${missing[*]}"; apt_install "${missing[@]}"; fi

echo "== pnpm install"
pnpm install --frozen-lockfile

echo "== pysparkplug venv"; t=$SECONDS; bash deploy/local/lib/python-sparkplug.sh >/dev/null; echo "   $((SECONDS - t))s"
echo "== kafka jars"; t=$SECONDS; bash deploy/local/lib/fetch-kafka.sh >/dev/null; echo "   $((SECONDS - t))s"
echo "== influxd"; t=$SECONDS; bash deploy/local/lib/build-influxd.sh >/dev/null; echo "   $((SECONDS - t))s"
echo "== helm, kubeconform, docker compose"; t=$SECONDS; bash deploy/local/lib/build-go-tools.sh >/dev/null; echo "   $((SECONDS - t))s"
