#!/usr/bin/env bash
# Runs the JavaScript API example (web/api-example.js) under node against dist/weightless-api.js (build it first:
# scripts/build-web.sh). The example checks itself (exact forgetting, save/load, a refused corrupt file).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/dist/weightless-api.js" ] || { echo "api-test: dist/weightless-api.js is not built (scripts/build-web.sh)" >&2; exit 1; }
timeout 300 node "$root/web/api-example.js" "$root/dist/weightless-api.js" "$root/assets/ml-latest-small.wlds"
echo "api-test: the JavaScript API example ran"
