#!/usr/bin/env bash
# Builds weightless-eval natively if needed and runs it with the given arguments (see README or --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$root/build/weightless-eval" ] || [ -n "$(find "$root/src" "$root/include" "$root/CMakeLists.txt" -newer "$root/build/weightless-eval" -print -quit 2>/dev/null)" ]; then
  "$root/scripts/setup.sh"
  cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_APP=OFF >/dev/null
  cmake --build "$root/build" --target weightless-eval -j"$(nproc 2>/dev/null || echo 2)" >&2
fi
exec "$root/build/weightless-eval" "$@"
