#!/usr/bin/env bash
# The main job on the embedded default: installs what is missing, prints the core's results table on the embedded
# MovieLens data (every default model, per-user 80/20 split, one seed), then builds the web app (Release) into dist/
# and serves it on http://127.0.0.1:8080/ (PORT overrides) with a tiny node static server, printing the URL.
# The full command-line evaluation is scripts/eval.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${PORT:-8080}"
"$root/scripts/setup.sh"
"$root/scripts/eval.sh" --dataset embedded --protocol split --seeds 1
"$root/scripts/build-web.sh"
echo "run: open http://127.0.0.1:${port}/ in a browser"
exec node "$root/scripts/lib/serve.js" "$root/dist" "$port"
