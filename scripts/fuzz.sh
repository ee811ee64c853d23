#!/usr/bin/env bash
# Runs every libFuzzer harness of tests/fuzz (ASan + UBSan, built by scripts/sanitize.sh --build-only) for
# SECONDS each (default 600: a developer's long run; CI passes a few seconds): first every checked-in regression
# input (tests/fuzz/regress/<harness>/) once, then fuzzing from the seed corpus (tests/fuzz/corpus/<harness>/).
# New corpus entries go to build-san/fuzz-corpus/ (git-ignored), findings to build-san/fuzz-findings/; a finding
# fails the run: keep its input in tests/fuzz/regress/<harness>/ with a unit test, then fix it.
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
seconds="${1:-600}"
shift || true
scripts/sanitize.sh --build-only
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  for src in tests/fuzz/fuzz_*.cpp; do harnesses+=("$(basename "$src" .cpp)"); done
fi
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p build-san/fuzz-findings
failed=()
for h in "${harnesses[@]}"; do
  bin="build-san/tests/fuzz/$h"
  corpus="tests/fuzz/corpus/$h" regress="tests/fuzz/regress/$h" work="build-san/fuzz-corpus/$h"
  mkdir -p "$work"
  dirs=("$work")
  [ -d "$corpus" ] && dirs+=("$corpus")
  # Regression inputs, each run once (a fixed finding must stay fixed).
  if [ -d "$regress" ] && [ -n "$(ls -A "$regress")" ]; then
    if ! timeout 300 "$bin" -rss_limit_mb=2560 -malloc_limit_mb=1100 -timeout=10 "$regress"/* >"build-san/fuzz-findings/$h.regress.log" 2>&1; then
      echo "fuzz: $h fails on a regression input (build-san/fuzz-findings/$h.regress.log)" >&2
      tail -30 "build-san/fuzz-findings/$h.regress.log" >&2
      failed+=("$h"); continue
    fi
    dirs+=("$regress")
  fi
  echo "fuzz: $h for ${seconds}s"
  if ! timeout $((seconds + 120)) nice "$bin" -max_total_time="$seconds" -rss_limit_mb=2560 -malloc_limit_mb=1100 -timeout=10 \
      -print_final_stats=1 -artifact_prefix="build-san/fuzz-findings/$h-" "${dirs[@]}" >"build-san/fuzz-findings/$h.log" 2>&1; then
    echo "fuzz: $h found a crash, hang, leak or sanitizer report (build-san/fuzz-findings/$h.log)" >&2
    tail -40 "build-san/fuzz-findings/$h.log" >&2
    failed+=("$h")
  else
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "build-san/fuzz-findings/$h.log" | tr '\n' ' '; echo
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: every harness ran ${seconds}s with no finding"
