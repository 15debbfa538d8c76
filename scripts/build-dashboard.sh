#!/usr/bin/env bash
# Builds services/dashboard into its dist/ (which the API serves) when a source is newer than the
# last build, or when there is none: the demo and the test run skip the 10-30 s build otherwise.
set -euo pipefail
cd "$(dirname "$0")/../services/dashboard"
stamp=dist/index.html
if [ -f "$stamp" ] && [ -z "$(find src index.html vite.config.ts package.json -newer "$stamp" -print -quit)" ]; then
  echo "   dashboard build is up to date (services/dashboard/dist)"
  exit 0
fi
pnpm run build
