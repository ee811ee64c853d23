#!/usr/bin/env bash
# Chooses the "best" WNN preset on VALIDATION data only: per-user 80/20 splits of ml-latest-small (3 seeds) and the
# paper protocol with 20 ratings per user (3 seeds), each run's training part split again 80/20
# (weightless-eval --validation); the test parts are never scored.
# Writes docs/TUNING.md (every configuration tried, ranked) and docs/tuning/tuning.json, and says whether the
# preset compiled into src/model/wnn_config.cpp is the winner. The chosen preset is then used unchanged on
# every dataset and protocol, ml-100k included (nothing is tuned on ml-100k at all).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
scripts/build.sh --native >&2
data="${WL_ML_LATEST:-$root/../shared/data/ml-latest-small}"
[ -f "$data/ratings.csv" ] || data=embedded

specs=()
for t in 4 6 8 10 12; do
  for e in 4 8; do
    for p in 0 0.5 2; do
      for mb in 8 16; do
        specs+=("wnn-best:offset=none tuple_size=$t ensemble=$e prior=$p encoder.mean.bits=$mb")
      done
    done
  done
done
# Residuals against the item baseline (offset=item): tuple, cell prior and the item mean's shrinkage. user_prior is
# left at its default: every validation user here keeps >= 13 training ratings, so it barely moves the score.
for t in 8 10; do
  for p in 0.5 1 2 4; do
    for op in 10 25; do
      specs+=("wnn-best:offset=item tuple_size=$t prior=$p offset_prior=$op")
    done
  done
done
for agg in median weighted; do specs+=("wnn-best:aggregate=$agg"); done
for mode in classifier thermometer; do specs+=("wnn-best:offset=none mode=$mode"); done
specs+=("wnn-best:encoder.genres=0" "wnn-best:encoder.year.enabled=0" "wnn-best:encoder.popularity.enabled=0"
        "wnn-best:encoder.mean.enabled=0" "wnn-best:encoder.mean.kind=uniform encoder.year.kind=uniform encoder.popularity.kind=uniform"
        "wnn-paper" "wnn-best")
list=$(IFS=,; echo "${specs[*]}")
mkdir -p docs/tuning
# Two validation regimes, weighted equally: every user with all their ratings (heavy users dominate), and 500 users
# with 20 ratings each (13 to learn from after the validation carve), so a preset must also serve people who have
# rated little: the app's users start with none.
build/weightless-eval --dataset "$data" --protocol split --seeds 3 --validation --models "user-mean,bias,$list" --json \
  > docs/tuning/tuning.json
build/weightless-eval --dataset "$data" --protocol paper --users 500 --reviews 20 --seeds 3 --validation \
  --models "user-mean,bias,$list" --json > docs/tuning/tuning-light.json
node scripts/lib/tune-report.js docs/tuning/tuning.json docs/tuning/tuning-light.json > docs/TUNING.md
echo "wrote docs/TUNING.md" >&2
grep -A2 '^## Verdict' docs/TUNING.md >&2
