#!/usr/bin/env bash
# Runs the Google Benchmark suite natively (Release, one core) and writes docs/BENCHMARKS.md from its JSON output.
# Usage: scripts/bench.sh [extra benchmark flags, e.g. --benchmark_filter=Wnn]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/setup.sh"
"$root/scripts/build.sh" --native >&2
json="$(mktemp)"
trap 'rm -f "$json"' EXIT
"$root/build/bench/weightless_bench" --benchmark_format=json --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true "$@" > "$json"
node "$root/scripts/lib/bench-report.js" "$json" > "$root/docs/BENCHMARKS.md"
# The long measurements scripts/bench-items-scale.sh makes (not rerun here: tens of minutes) keep their section.
if [ -f "$root/docs/benchmarks/items-scale.md" ]; then
  printf '\n' >> "$root/docs/BENCHMARKS.md"
  cat "$root/docs/benchmarks/items-scale.md" >> "$root/docs/BENCHMARKS.md"
fi
echo "wrote docs/BENCHMARKS.md" >&2
