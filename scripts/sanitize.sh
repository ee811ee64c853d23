#!/usr/bin/env bash
# Builds every GoogleTest suite and the fuzz harnesses with clang + AddressSanitizer + UndefinedBehaviorSanitizer
# (build-san/, CMake option WL_SANITIZE) and runs the suites: any sanitizer report fails the run.
# Usage: scripts/sanitize.sh [--build-only]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
# -j2: the sanitizer build is heavy on memory, and CI machines have two cores. -O1, as the sanitizers' own
# documentation advises: reports keep their line numbers and the build takes far less time than at -O3.
cmake -S . -B build-san -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -DNDEBUG" -DCMAKE_CXX_COMPILER=clang++-14 \
  -DWL_SANITIZE=ON -DWL_BUILD_APP=OFF -DWL_BUILD_BENCH=OFF >/dev/null
cmake --build build-san -j2
[ "${1:-}" = "--build-only" ] && exit 0
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
(cd build-san && ctest --output-on-failure -j2 --timeout 600)
