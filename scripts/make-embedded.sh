#!/usr/bin/env bash
# Regenerates the embedded data from the MovieLens CSVs, with their licence files:
# - assets/ml-latest-small.wlds: ml-latest-small (the evaluator's and the CLI's embedded default);
# - assets/ml-latest-small.items.wlim: the public item model (EASE) fitted on its ratings;
# - assets/ml-latest-2023.wlds: the app's catalogue, MovieLens' 2023 movies with ml-latest-small's ratings mapped onto
#   them (weightless-pack --catalogue: merged ids by IMDb/TMDB id, movies 2023 lacks kept).
# Usage: scripts/make-embedded.sh [SRC_DIR [CATALOGUE_DIR]]   (relative to the repository root, default
# ../shared/data/ml-latest-small and ../shared/data/ml-latest-2023). WL_BUILD_DIR overrides the native build
# directory (default: build).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
src="${1:-../shared/data/ml-latest-small}"
cat2023="${2:-../shared/data/ml-latest-2023}"
build="${WL_BUILD_DIR:-build}"

for f in ratings.csv movies.csv README.txt; do
    [[ -f "$src/$f" ]] || { echo "make-embedded: $src/$f not found (expected an ml-latest-small directory)" >&2; exit 1; }
done
for f in movies.csv links.csv README.txt; do
    [[ -f "$cat2023/$f" ]] || { echo "make-embedded: $cat2023/$f not found (expected an ml-latest catalogue directory)" >&2; exit 1; }
done

# Native Release build of the pack tool; cmake only rebuilds what changed.
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" --target weightless-pack weightless-items -j2 >/dev/null

mkdir -p assets
"$build/weightless-pack" "$src" assets/ml-latest-small.wlds

licence=assets/ml-latest-small.LICENSE.txt
{
    echo "ml-latest-small.wlds is a lossless conversion of ratings.csv + movies.csv, with the IMDb and TMDB ids of links.csv, of the GroupLens MovieLens ml-latest-small dataset (tags.csv is not included)."
    echo "ml-latest-small.items.wlim holds public item weights (EASE) computed from those ratings, under the same conditions."
    echo "The dataset's own README follows unchanged: its usage licence applies to ml-latest-small.wlds, which is redistributed under those same conditions."
    echo "Cite the paper under \"Citation\" below when you use it."
    echo
    cat "$src/README.txt"
} >"$licence.tmp"
mv "$licence.tmp" "$licence"

"$build/weightless-pack" "$src" --catalogue "$cat2023" assets/ml-latest-2023.wlds >/dev/null
licence2023=assets/ml-latest-2023.LICENSE.txt
{
    echo "ml-latest-2023.wlds holds the movies of the GroupLens MovieLens ml-latest dataset generated on 2023-07-20 (movies.csv, with the IMDb and TMDB ids of links.csv; its ratings are not included), with the ratings of ml-latest-small (2018) mapped onto them by movieId: 13 movies MovieLens merged into another id are found by IMDb or TMDB id (the old id is kept as an alias), and the 275 movies of ml-latest-small the 2023 catalogue lacks are kept. ml-latest-small's own licence is in ml-latest-small.LICENSE.txt."
    echo "The 2023 dataset's own README follows unchanged: its usage licence applies to ml-latest-2023.wlds, which is redistributed under those same conditions."
    echo "Cite the paper under \"Citation\" below when you use it."
    echo
    cat "$cat2023/README.txt"
} >"$licence2023.tmp"
mv "$licence2023.tmp" "$licence2023"
# The public item model the app's list uses: EASE on every rating of the catalogue, the 64 strongest weights per
# movie (docs/TUNING.md: what k costs in P@10), movies with at least 10 ratings (the app's default filter).
"$build/weightless-items" fit "$(cat scripts/lib/shipped-item-model.txt)" --dataset assets/ml-latest-small.wlds \
    -o assets/ml-latest-small.items.wlim >/dev/null
echo "wrote assets/ml-latest-small.wlds ($(wc -c <assets/ml-latest-small.wlds) bytes), assets/ml-latest-small.items.wlim ($(wc -c <assets/ml-latest-small.items.wlim) bytes), assets/ml-latest-2023.wlds ($(wc -c <assets/ml-latest-2023.wlds) bytes), $licence and $licence2023"
