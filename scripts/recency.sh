#!/usr/bin/env bash
# Does weighing recent ratings more help? Measures the recency window (recent=N: a person's model holds only their
# latest N ratings; recent_days=D: only those within D days of their latest; model/recent_window.hpp) on the stream
# protocol, where each user's ratings arrive in time order and each is predicted (and the next movie ranked) before
# it is learned. Writes docs/RECENCY.md.
#   1. Choose, on the VALIDATION half of the users only (weightless-eval --protocol stream --validation: a fixed half,
#      whatever the seed, replayed on their own ratings; the other half's ratings are not read): the window with the
#      lowest RMSE of the rating WNN (wnn-best), and the window with the highest hit rate@10 of the next movie for the
#      app's list (wnn-blend, ranking before each of a user's first 100 ratings).
#   2. Report the chosen windows against off on the TEST half (--stream-test), the strongest known model of each kind
#      beside them in the same run (wnn-hybrid for stars, EASE for the list), with each seed's paired difference.
#   3. How long people's ratings span: MovieLens users, and the shared real exports (read from ../shared/data/exports
#      at run time, never copied).
# Usage: scripts/recency.sh   (WL_SKIP_BUILD=1 uses build/ as it is; WL_RECENCY_KEEP=DIR keeps the raw JSON there).
# About 20 minutes on two shared cores; not part of CI (scripts/test.sh runs the window's C++ tests).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ -z "${WL_SKIP_BUILD:-}" ]; then
  scripts/setup.sh
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_APP=OFF >/dev/null
  nice -n 10 cmake --build build -j2 --target weightless-eval >&2
fi
eval_tool=build/weightless-eval
data_dir="${WL_SHARED_DATA:-$root/../shared/data}"
latest="$data_dir/ml-latest-small"
[ -f "$latest/ratings.csv" ] || latest="$root/assets/ml-latest-small.wlds"
ml100k="$data_dir/ml-100k"
raw="${WL_RECENCY_KEEP:-$(mktemp -d)}"
mkdir -p "$raw"

rating_windows=(10 20 50 100 200)
day_windows=(1 30 365)
rank_windows=(10 20 50)
stream_rank=100

specs() {  # base spec, then windows by count, then by days
  local base="$1"; shift
  local out="$base" sep=":"
  [[ "$base" == *:* ]] && sep=" "
  for n in "$@"; do out+=",$base${sep}recent=$n"; done
  echo "$out"
}

run() {  # name dataset seed args...: one seed per file, so each seed's curve is kept
  local name="$1" data="$2" seed="$3"; shift 3
  echo "recency: $name seed $seed" >&2
  nice -n 10 "$eval_tool" --dataset "$data" --protocol stream --seeds 1 --seed "$seed" --json "$@" > "$raw/$name-seed$seed.json"
}

for pair in "latest:$latest" "ml100k:$ml100k"; do
  tag="${pair%%:*}" data="${pair#*:}"
  if [ ! -e "$data" ]; then echo "recency: $data absent, $tag skipped" >&2; continue; fi
  # Stars: cheap, three seeds each half.
  rating_specs="$(specs wnn-best "${rating_windows[@]}")"
  for d in "${day_windows[@]}"; do rating_specs+=",wnn-best:recent_days=$d"; done
  for seed in 1 2 3; do run "$tag-val-stars" "$data" "$seed" --validation --models "$rating_specs"; done
  # The list: the next movie ranked over the whole catalogue before each of the first 100 ratings (the costly part).
  rank_seeds=(1 2)
  [ "$tag" = latest ] && rank_seeds=(1)
  for seed in "${rank_seeds[@]}"; do
    run "$tag-val-list" "$data" "$seed" --validation --stream-rank "$stream_rank" --models "$(specs wnn-blend "${rank_windows[@]}")"
  done
  # The choices, from the validation files alone.
  read -r stars_pick list_pick < <(python3 scripts/lib/recency_report.py choose "$raw" "$tag")
  echo "recency: $tag chose stars '$stars_pick', list '$list_pick' on validation" >&2
  stars_specs="wnn-best,wnn-hybrid"
  [ "$stars_pick" != wnn-best ] && stars_specs="wnn-best,$stars_pick,wnn-hybrid"
  list_specs="wnn-blend,ease"
  # The app's form beside it: the same window on the list's parts only, the stars kept on every rating.
  [ "$list_pick" != wnn-blend ] && list_specs="wnn-blend,$list_pick,$list_pick recent_stars=0,ease"
  for seed in 1 2 3; do run "$tag-test-stars" "$data" "$seed" --stream-test --models "$stars_specs"; done
  test_seeds=(1 2 3)
  [ "$tag" = latest ] && test_seeds=(1 2)
  for seed in "${test_seeds[@]}"; do
    run "$tag-test-list" "$data" "$seed" --stream-test --stream-rank "$stream_rank" --models "$list_specs"
  done
done

python3 scripts/lib/recency_spans.py "$data_dir" > "$raw/spans.md"
python3 scripts/lib/recency_spans.py "$data_dir" order > "$raw/order.md"
python3 scripts/lib/recency_report.py report "$raw" > docs/RECENCY.md
echo "wrote docs/RECENCY.md (raw results in $raw)" >&2
grep -A6 '^## Verdict' docs/RECENCY.md >&2 || true
