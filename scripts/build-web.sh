#!/usr/bin/env bash
# Builds the browser app with Emscripten into build-web/ and assembles the static site in dist/: index.html (with
# its script shell.js and style shell.css), weightless.js, weightless.wasm and weightless.data (the catalogue and the font), sw.js (offline use), plus the JavaScript API
# (weightless-api.js, its ES module weightless-api.mjs, the weightless-api.wasm both load, and the TypeScript
# declarations weightless-api.d.ts / .d.mts; see web/api-example.js). Serve dist/ from any static host.
# Usage: scripts/build-web.sh   (WL_WEB_BUILD_DIR=build-wasm reuses the wasm test build's objects: the core, the
# app logic and the JS API compile with the same flags there, so scripts/test.sh compiles them once)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# Debian packages this needs beyond scripts/setup.sh: the source-package tools (Dear ImGui) and the font.
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
missing=()
for p in emscripten dpkg-dev fonts-dejavu-core; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build-web: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

imgui="$("$root/scripts/fetch-imgui.sh")"
for f in ml-latest-2023.wlds ml-latest-small.wlds ml-latest-small.items.wlim; do
  [ -f "assets/$f" ] || { echo "build-web: assets/$f is missing (scripts/make-embedded.sh)" >&2; exit 1; }
done

# Emscripten 3.1.6 from Debian needs acorn from Debian's node modules for optimised links (TOOLCHAIN.md).
export NODE_PATH=/usr/share/nodejs
bdir="${WL_WEB_BUILD_DIR:-build-web}"
if [ "$bdir" = build-web ]; then
  emcmake cmake -S . -B build-web -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_TESTS=OFF -DWL_BUILD_BENCH=OFF \
    -DWL_BUILD_APP=ON -DWL_IMGUI_DIR="$imgui" >/dev/null
else
  # Only the app is switched on: the directory's other settings (its tests) stay as scripts/build.sh made them.
  [ -f "$bdir/CMakeCache.txt" ] || { echo "build-web: $bdir is not a configured build (scripts/build.sh --wasm)" >&2; exit 1; }
  # emcmake sets its own test emulator (a node flag node 20 rejects): name node again, as build.sh does, so the
  # directory's ctest still runs after this.
  emcmake cmake -S . -B "$bdir" -DWL_BUILD_APP=ON -DWL_IMGUI_DIR="$imgui" -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null
fi
cmake --build "$bdir" --target weightless_app weightless_api weightless_api_esm -j2

rm -rf dist
mkdir -p dist
cp "$bdir/src/app/weightless.html" dist/index.html
cp "$bdir/src/app/weightless.js" "$bdir/src/app/weightless.wasm" "$bdir/src/app/weightless.data" dist/
# The page's own script and style, files beside it: its Content-Security-Policy allows no inline ones (web/shell.html).
cp web/shell.js web/shell.css dist/
scripts/lib/api-files.sh "$bdir" dist
# The service worker keeps the app's files as one versioned set for offline use (web/sw.js): the version is a
# content hash of the set, so a new deployment is a new set, installed whole beside the old one.
set_files=(index.html shell.js shell.css weightless.js weightless.wasm weightless.data)
version=$(cd dist && sha256sum "${set_files[@]}" | sha256sum | cut -c1-16)
list=$(printf '"%s", ' "${set_files[@]}")
sed -e "s/@VERSION@/$version/" -e "s|/\*@FILES@\*/|${list%, }|" web/sw.js > dist/sw.js
grep -q "\"$version\"" dist/sw.js || { echo "build-web: sw.js version not written" >&2; exit 1; }
total=$(du -cb dist/* | tail -1 | cut -f1)
gz=0
for f in dist/*; do gz=$((gz + $(gzip -9c "$f" | wc -c))); done
echo "build-web: dist/ ready: $(ls dist | tr '\n' ' ')($((total / 1024)) KB, $((gz / 1024)) KB gzipped)"
# The download budget (docs/DESIGN.md, "The download budget"): the whole site, gzipped, within 6 MB.
budget=$((6 * 1024 * 1024))
[ "$gz" -le "$budget" ] || { echo "build-web: dist/ is $((gz / 1024)) KB gzipped, over the 6 MB budget (docs/DESIGN.md)" >&2; exit 1; }
