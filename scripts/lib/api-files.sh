#!/usr/bin/env bash
# Copies the JavaScript API's files from a build directory (its weightless_api and weightless_api_esm links) into
# DEST: weightless-api.js (CommonJS or a plain <script>), weightless-api.mjs (ES module), the one
# weightless-api.wasm both load (the two links' copies must be byte-identical: same objects, only the JavaScript
# glue differs), and web/weightless-api.d.ts as weightless-api.d.ts (for the .js) and weightless-api.d.mts (for the
# .mjs: TypeScript looks for that name beside an .mjs). Used by scripts/build-web.sh.
# Usage: scripts/lib/api-files.sh BUILD_DIR DEST
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ $# -eq 2 ] || { echo "usage: scripts/lib/api-files.sh BUILD_DIR DEST" >&2; exit 2; }
js="$1/src/bindings/js"
cmp -s "$js/weightless-api.wasm" "$js/esm/weightless-api.wasm" || {
  echo "api-files: the CommonJS and ES module links made different weightless-api.wasm files" >&2
  exit 1
}
mkdir -p "$2"
cp "$js/weightless-api.js" "$js/esm/weightless-api.mjs" "$js/weightless-api.wasm" "$2/"
cp "$root/web/weightless-api.d.ts" "$2/weightless-api.d.ts"
cp "$root/web/weightless-api.d.ts" "$2/weightless-api.d.mts"
