#!/usr/bin/env bash
# Builds every GoogleTest suite and the fuzz harnesses with clang + AddressSanitizer + UndefinedBehaviorSanitizer
# (build-san/, CMake option WL_SANITIZE) and runs the suites: any sanitizer report fails the run.
# Usage: scripts/sanitize.sh [--build-only]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
# -j2: the sanitizer build is heavy on memory, and CI machines have two cores. (-O1 was tried: no faster to
# build, and the suites ran a third slower.)
cmake -S . -B build-san -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=clang++-14 \
  -DWL_SANITIZE=ON -DWL_BUILD_APP=OFF -DWL_BUILD_BENCH=OFF >/dev/null
cmake --build build-san -j2
[ "${1:-}" = "--build-only" ] && exit 0
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# Each suite runs in a few processes rather than one per test (ctest's way): a sanitized process takes a while to
# start, and 600 of them cost a minute. Three parts of about equal time, two at once.
cd build-san/tests
logs="$(mktemp -d)"
part() {  # name binary [gtest flags]
  local name=$1; shift
  if timeout 900 "$@" --gtest_brief=1 > "$logs/$name.log" 2>&1; then
    echo "sanitize: $name: $(grep -E '^\[  PASSED  \]' "$logs/$name.log")"
  else
    echo "sanitize: $name FAILED (a test failed or a sanitizer reported):" >&2
    tail -60 "$logs/$name.log" >&2
    return 1
  fi
}
status=0
part contract ./weightless_tests --gtest_filter='Registered/*' & a=$!
part core ./weightless_tests --gtest_filter='-Registered/*' || status=1
part app ./weightless_app_tests || status=1
wait $a || status=1
rm -rf "$logs"
exit $status
