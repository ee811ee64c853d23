# The paper's own data (Kaggle "The Movies Dataset"), for docs/RESULTS.md: sourced by scripts/results.sh, which
# defines $root, $ev and $out. Standalone (to check this section alone, with build/weightless-eval built):
#   WL_RESULTS_OUT=/tmp/k bash scripts/lib/results-kaggle.sh
# Every run is done with the right join (links) and the paper's (movieId taken as the TMDB id), and once more on the
# ratings both joins keep (--common-ratings) so that the join bug is measured alone. About 2 minutes.
set -euo pipefail
root="${root:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
ev="${ev:-$root/build/weightless-eval}"
out="${out:-${WL_RESULTS_OUT:?set WL_RESULTS_OUT when running this file alone}}"
kaggle="${WL_KAGGLE:-$root/../shared/data/the-movies-dataset-partial}"
mkdir -p "$out"
rm -f "$out"/kaggle-*.json
if [ ! -f "$kaggle/movies_metadata.csv" ]; then
  echo "results: Kaggle data absent at $kaggle: its section will say so" >&2
else
  kmodels="global-mean,user-mean,user-mode,bias,wnn-paper,wnn-lookup,wnn-best,mlp,ncf"
  for join in links paper; do
    for users in 100 500; do
      for reviews in 50 200 500; do
        echo "results: kaggle-$join-paper-${users}x${reviews}" >&2
        "$ev" --dataset "$kaggle" --join "$join" --protocol paper --users "$users" --reviews "$reviews" --seeds 5 \
          --models "$kmodels" --json > "$out/kaggle-$join-paper-${users}x${reviews}.json"
      done
    done
    for common in "" "--common-ratings"; do
      name="kaggle-$join-split${common:+-common}"
      echo "results: $name" >&2
      "$ev" --dataset "$kaggle" --join "$join" $common --protocol split --seeds 5 --models "$kmodels" --json > "$out/$name.json"
    done
  done
fi
