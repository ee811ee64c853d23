#!/usr/bin/env bash
# Regenerates the embedded default catalogue assets/ml-latest-small.wlds (and its licence file) from the
# ml-latest-small CSVs. Usage: scripts/make-embedded.sh [SRC_DIR]   (SRC_DIR relative to the repository root,
# default ../shared/data/ml-latest-small). WL_BUILD_DIR overrides the native build directory (default: build).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
src="${1:-../shared/data/ml-latest-small}"
build="${WL_BUILD_DIR:-build}"

for f in ratings.csv movies.csv README.txt; do
    [[ -f "$src/$f" ]] || { echo "make-embedded: $src/$f not found (expected an ml-latest-small directory)" >&2; exit 1; }
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
# The public item model the app's list uses: EASE on every rating of the catalogue, the 64 strongest weights per
# movie (docs/TUNING.md: what k costs in P@10), movies with at least 10 ratings (the app's default filter).
"$build/weightless-items" fit "$(cat scripts/lib/shipped-item-model.txt)" --dataset assets/ml-latest-small.wlds \
    -o assets/ml-latest-small.items.wlim >/dev/null
echo "wrote assets/ml-latest-small.wlds ($(wc -c <assets/ml-latest-small.wlds) bytes), assets/ml-latest-small.items.wlim ($(wc -c <assets/ml-latest-small.items.wlim) bytes) and $licence"
