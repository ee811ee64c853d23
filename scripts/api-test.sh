#!/usr/bin/env bash
# Runs the JavaScript API's node checks against dist/weightless-api.js (build it first: scripts/build-web.sh), or
# against the weightless-api.js given as $1: web/api-example.js (the example checks itself: exact forgetting,
# save/load, a refused corrupt file) and web/api-leak-test.js (each bad call throws the core's message and changes
# nothing; thousands of failing calls must leave the wasm heap exactly where it was) and web/api-load-limits-test.js
# (a crafted few-KB saved file cannot make a load take more memory than its ratings justify) and
# web/api-legacy-fixtures-test.js (the saved files of tests/fixtures/legacy-2018 load with every rating listed).
# Usage: scripts/api-test.sh [path/to/weightless-api.js]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
api="$(realpath -m "${1:-$root/dist/weightless-api.js}")"
[ -f "$api" ] || { echo "api-test: $api is not built (scripts/build-web.sh)" >&2; exit 1; }
catalogue="$root/assets/ml-latest-small.wlds"
timeout 300 node "$root/web/api-example.js" "$api" "$catalogue"
timeout 300 node "$root/web/api-leak-test.js" "$api" "$catalogue"
# The saved recommenders of the ml-latest-small release (tests/fixtures/legacy-2018) load with every rating listed.
timeout 300 node "$root/web/api-legacy-fixtures-test.js" "$api" "$root/assets"
# A crafted few-KB file declaring dense tables for hundreds of users, over a one-user catalogue (a fuzz seed).
timeout 300 node "$root/web/api-load-limits-test.js" "$api" "$root/tests/fuzz/corpus/fuzz_packed/one-user.wlds"
echo "api-test: the JavaScript API example and the error and leak checks ran"
