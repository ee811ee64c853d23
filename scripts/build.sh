#!/usr/bin/env bash
# Configures and builds the project natively (build/) and, with `--wasm`, with Emscripten (build-wasm/).
# Usage: scripts/build.sh [--native] [--wasm]   (default: native only)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

native=0; wasm=0
[ $# -eq 0 ] && native=1
for a in "$@"; do
  case "$a" in
    --native) native=1 ;;
    --wasm) wasm=1 ;;
    *) echo "usage: scripts/build.sh [--native] [--wasm]" >&2; exit 2 ;;
  esac
done
jobs="$(nproc 2>/dev/null || echo 2)"

if [ $native -eq 1 ]; then
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_APP=OFF >/dev/null
  cmake --build build -j"$jobs"
fi
if [ $wasm -eq 1 ]; then
  # Emscripten 3.1.6 from Debian needs acorn from Debian's node modules for optimised links (TOOLCHAIN.md).
  export NODE_PATH=/usr/share/nodejs
  # emcmake's default emulator flag is rejected by node 20, so name node plainly.
  emcmake cmake -S . -B build-wasm -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_APP=OFF -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null
  cmake --build build-wasm -j"$jobs"
fi
