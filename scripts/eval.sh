#!/usr/bin/env bash
# Builds weightless-eval natively if needed and runs it with the given arguments (see README or --help).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -x "$root/build/weightless-eval" ] || [ -n "$(find "$root/src" "$root/include" "$root/CMakeLists.txt" -newer "$root/build/weightless-eval" -print -quit 2>/dev/null)" ]; then
  "$root/scripts/setup.sh"
  "$root/scripts/build.sh" --native >&2
fi
exec "$root/build/weightless-eval" "$@"
