#!/usr/bin/env bash
# Regenerates docs/RANKING.md: the ranking protocol (per-user 75/25, every unrated item ranked, 3 seeds) on ml-100k
# and ml-latest-small for the rating models' list, popularity and every relevance model (EASE, item kNN, iALS, the
# weightless ranker, the blend), both relevance kinds, and ranking as ratings arrive (stream, ml-100k). The full
# report (scripts/results.sh) runs the same and more; this is the part that takes minutes, not an hour.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
scripts/build.sh --native >&2
ev=build/weightless-eval
out=docs/results-ranking
mkdir -p "$out"
rm -f "$out"/*.json
latest="${WL_ML_LATEST:-$root/../shared/data/ml-latest-small}"
ml100k="${WL_ML100K:-$root/../shared/data/ml-100k}"
[ -f "$latest/ratings.csv" ] || latest=embedded
run() {  # name args...
  local name=$1; shift
  echo "ranking-results: $name" >&2
  "$ev" "$@" --json > "$out/$name.json"
}
models="popularity,wnn-best,ease,ease:k=64,knn-implicit,ials,wnn-rank,wnn-blend"
if [ -f "$ml100k/u1.base" ]; then
  run ml100k-ranking --dataset "$ml100k" --protocol ranking --seeds 3 --models "$models"
  run ml100k-stream-rank --dataset "$ml100k" --protocol stream --stream-rank 100 --seeds 1 --models popularity,ease,wnn-rank,wnn-blend
fi
run latest-ranking --dataset "$latest" --protocol ranking --seeds 3 --models "$models"
node scripts/lib/results-report.js "$out" --ranking > docs/RANKING.md
echo "wrote docs/RANKING.md" >&2
