#!/usr/bin/env bash
# Compares the native benchmarks of a base revision with the working tree's, on the benchmarks both have, and
# writes docs/BENCH_COMPARE.md.
# Usage: scripts/bench-compare.sh BASE_REV [ROUNDS]   (default 5 rounds of 2 repetitions each)
#
# Why interleaved rounds: this machine's speed drifts by up to 2x between hours, so two bench.sh runs taken at
# different times cannot say "unchanged". Alternating the base and current binaries in short rounds puts the drift
# on both sides, and Google Benchmark's own compare.py (Mann-Whitney U test over every repetition) says whether
# what is left is more than noise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
base_rev="${1:?usage: scripts/bench-compare.sh BASE_REV [ROUNDS]}"
rounds="${2:-5}"
cd "$root"

# compare.py and the SciPy it needs come from Debian (libbenchmark-tools); Debian's python, not a pyenv shim.
compare=/usr/share/benchmark/compare.py
if [ ! -f "$compare" ] || ! /usr/bin/python3 -c 'import scipy' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends libbenchmark-tools python3-scipy >&2
fi

base_sha="$(git rev-parse --verify "$base_rev^{commit}")"
head_sha="$(git rev-parse HEAD)"
base_dir="$root/build-compare/$base_sha"
if [ ! -d "$base_dir/src" ]; then
  rm -rf "$base_dir"
  git worktree add --detach "$base_dir" "$base_sha" >&2
fi
# The benchmarks read the data beside their source tree (../shared/data): give the base tree the same one, or it
# would silently measure its synthetic stand-in.
if [ -d "$root/../shared" ]; then ln -sfn "$(cd "$root/.." && pwd)/shared" "$root/build-compare/shared"; fi
jobs="$(nproc 2>/dev/null || echo 2)"
for tree in "$base_dir" "$root"; do
  cmake -S "$tree" -B "$tree/build" -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_APP=OFF >/dev/null
  cmake --build "$tree/build" -j"$jobs" --target weightless_bench >&2
done
old_bin="$base_dir/build/bench/weightless_bench"
new_bin="$root/build/bench/weightless_bench"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Only the benchmarks both revisions define (by full name, arguments included) are compared.
comm -12 <("$old_bin" --benchmark_list_tests | sort) <("$new_bin" --benchmark_list_tests | sort) > "$work/common"
filter="^($(sed 's/[][\.*^$+?(){}|]/\\&/g' "$work/common" | paste -sd'|'))\$"
echo "comparing $(wc -l < "$work/common") benchmarks, $rounds rounds" >&2

# The order flips every round, so a drift within a round favours neither side.
for r in $(seq 1 "$rounds"); do
  order="old new"; [ $((r % 2)) -eq 0 ] && order="new old"
  for side in $order; do
    bin="$old_bin"; [ "$side" = new ] && bin="$new_bin"
    echo "round $r/$rounds: $side" >&2
    "$bin" --benchmark_filter="$filter" --benchmark_repetitions=2 \
      --benchmark_out="$work/$side-$r.json" --benchmark_out_format=json > /dev/null
  done
done
node "$root/scripts/lib/bench-compare.js" merge "$work"/old-*.json > "$work/old.json"
node "$root/scripts/lib/bench-compare.js" merge "$work"/new-*.json > "$work/new.json"
/usr/bin/python3 "$compare" -a --no-color -d "$work/diff.json" benchmarks "$work/old.json" "$work/new.json" >&2
node "$root/scripts/lib/bench-compare.js" report "$work/diff.json" "$work/old.json" "$work/new.json" "$base_sha" "$head_sha" "$rounds" \
  > "$root/docs/BENCH_COMPARE.md"
echo "wrote docs/BENCH_COMPARE.md" >&2
