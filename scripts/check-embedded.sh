#!/usr/bin/env bash
# The committed assets/ml-latest-small.wlds, ml-latest-2023.wlds and the item model must be exactly what
# scripts/make-embedded.sh produces from the CSVs, and producing them twice must give the same bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/../shared/data/ml-latest-small"
cat2023="$root/../shared/data/ml-latest-2023"
if [ ! -f "$src/ratings.csv" ] || [ ! -f "$cat2023/movies.csv" ]; then
  echo "check-embedded: SKIPPED: $src or $cat2023 absent"; exit 0
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$root/build/weightless-pack" "$src" "$out/a.wlds" > /dev/null
"$root/build/weightless-pack" "$src" "$out/b.wlds" > /dev/null
cmp "$out/a.wlds" "$out/b.wlds" || { echo "check-embedded: FAILED: two runs differ" >&2; exit 1; }
cmp "$out/a.wlds" "$root/assets/ml-latest-small.wlds" || { echo "check-embedded: FAILED: assets/ml-latest-small.wlds is stale; run scripts/make-embedded.sh" >&2; exit 1; }
for x in a b; do "$root/build/weightless-pack" "$src" --catalogue "$cat2023" "$out/$x-2023.wlds" > /dev/null; done
cmp "$out/a-2023.wlds" "$out/b-2023.wlds" || { echo "check-embedded: FAILED: two runs of the 2023 catalogue differ" >&2; exit 1; }
cmp "$out/a-2023.wlds" "$root/assets/ml-latest-2023.wlds" || { echo "check-embedded: FAILED: assets/ml-latest-2023.wlds is stale; run scripts/make-embedded.sh" >&2; exit 1; }
# The shipped public item model (EASE), fitted twice from the committed catalogue.
for x in a b; do
  "$root/build/weightless-items" fit "$(cat "$root/scripts/lib/shipped-item-model.txt")" --dataset "$root/assets/ml-latest-small.wlds" \
      -o "$out/$x.wlim" > /dev/null
done
cmp "$out/a.wlim" "$out/b.wlim" || { echo "check-embedded: FAILED: two item-model fits differ" >&2; exit 1; }
cmp "$out/a.wlim" "$root/assets/ml-latest-small.items.wlim" || { echo "check-embedded: FAILED: assets/ml-latest-small.items.wlim is stale; run scripts/make-embedded.sh" >&2; exit 1; }
echo "check-embedded: ok ($(stat -c %s "$out/a.wlds") and $(stat -c %s "$out/a-2023.wlds") bytes, identical twice and to the committed assets)"
