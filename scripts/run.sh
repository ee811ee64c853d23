#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, builds the web app (Release) into dist/ and serves
# it on http://127.0.0.1:8080/ (PORT overrides) with a tiny node static server, printing the URL. The command-line
# evaluation stays available through scripts/eval.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${PORT:-8080}"
"$root/scripts/setup.sh"
"$root/scripts/build-web.sh"
echo "run: open http://127.0.0.1:${port}/ in a browser"
exec node "$root/scripts/lib/serve.js" "$root/dist" "$port"
