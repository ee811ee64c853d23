#!/usr/bin/env bash
# Runs the JavaScript API's node checks against the API files in dist/ (build them first: scripts/build-web.sh), or
# in the directory given as $1 (as scripts/lib/api-files.sh lays them out):
# - web/api-example.js, the CommonJS example (it checks itself: exact forgetting, save/load, a refused corrupt file);
# - web/api-leak-test.js: each bad call throws the core's message and changes nothing; thousands of failing and of
#   succeeding calls leave the wasm heap where it was;
# - web/api-catalogue-2023-test.js: Catalogue.search on the app's 2023 catalogue finds the 2019-2023 films, with years;
# - web/api-legacy-fixtures-test.js: the saved recommenders of tests/fixtures/legacy-2018 load with every rating;
# - web/api-history-test.js: Catalogue.readHistory on the import fixtures' layouts and the shared real exports;
# - web/api-load-limits-test.js: a crafted few-KB saved file cannot make a load take more memory than its ratings;
# - web/api-dts-test.js: weightless-api.d.ts declares exactly the methods the bindings register and the entries' fields;
# - web/api-example.mts, the ES module example in TypeScript: copied beside the directory's weightless-api.mjs and
#   .d.mts into out/api-ts/, type-checked and compiled with `tsc --strict` (TypeScript and node's types pinned in
#   tests/types/package.json, installed by npm ci into tests/types/node_modules), then run.
# Usage: scripts/api-test.sh [DIR]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(realpath -m "${1:-$root/dist}")"
for f in weightless-api.js weightless-api.mjs weightless-api.wasm weightless-api.d.ts weightless-api.d.mts; do
  [ -f "$dir/$f" ] || { echo "api-test: $dir/$f is not built (scripts/build-web.sh)" >&2; exit 1; }
done
api="$dir/weightless-api.js"
catalogue="$root/assets/ml-latest-small.wlds"
timeout 300 node "$root/web/api-example.js" "$api" "$catalogue"
timeout 300 node "$root/web/api-leak-test.js" "$api" "$catalogue"
# recommend's options: genres, excluded genres, years, a given set (a watchlist); bad options refused.
timeout 300 node "$root/web/api-filter-test.js" "$api" "$catalogue"
# The saved recommenders of the ml-latest-small release (tests/fixtures/legacy-2018) load with every rating listed.
timeout 300 node "$root/web/api-legacy-fixtures-test.js" "$api" "$root/assets"
# The app's 2023 catalogue: the recent films found by search with their years, merged ids, films without ratings.
timeout 300 node "$root/web/api-catalogue-2023-test.js" "$api" "$root/assets"
# A person's export files read as the app's import preview (readHistory), and the app's errors.
timeout 300 node "$root/web/api-history-test.js" "$api" "$root/assets"
# A crafted few-KB file declaring dense tables for hundreds of users, over a one-user catalogue (a fuzz seed).
timeout 300 node "$root/web/api-load-limits-test.js" "$api" "$root/tests/fuzz/corpus/fuzz_packed/one-user.wlds"

(cd "$root/tests/types" && npm ci --no-audit --no-fund --loglevel=error >&2)
timeout 300 node "$root/web/api-dts-test.js" "$api" "$catalogue" "$root/tests/types/node_modules"
stage="$root/out/api-ts"
rm -rf "$stage"
mkdir -p "$stage"
cp "$dir/weightless-api.mjs" "$dir/weightless-api.wasm" "$dir/weightless-api.d.mts" "$root/web/api-example.mts" "$stage/"
timeout 300 "$root/tests/types/node_modules/.bin/tsc" -p "$root/tests/types/tsconfig.json"
timeout 300 node "$stage/api-example.mjs" "$catalogue"
echo "api-test: the JavaScript API examples (CommonJS, and TypeScript over the ES module) and the error, leak and declaration checks ran"
