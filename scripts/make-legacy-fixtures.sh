#!/usr/bin/env bash
# Writes tests/fixtures/legacy-2018/ (the old formats' bytes: the app's saved state, export file, share link and CSV
# export, and the JavaScript API's saved recommenders) with the code of the checked-out commit. It was run ONCE, at
# the commit named in tests/fixtures/legacy-2018/README.md; running it on a later commit would replace the old bytes
# with new ones and defeat the fixtures, so it refuses unless WL_REGENERATE_LEGACY_FIXTURES=1 (and then writes to
# $WL_FIXTURES_OUT, default a fresh folder under build/, never over the committed files).
# Needs: a native build (build/, scripts/build.sh --native) and the wasm JS API (build-wasm/, scripts/build.sh --wasm;
# this script builds only the targets it uses).
# Usage: WL_REGENERATE_LEGACY_FIXTURES=1 [WL_FIXTURES_OUT=dir] scripts/make-legacy-fixtures.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
src=tests/fixtures/legacy-2018
[ "${WL_REGENERATE_LEGACY_FIXTURES:-}" = 1 ] || {
  echo "make-legacy-fixtures: the committed fixtures are the old formats' bytes; see $src/README.md" >&2; exit 2; }
out="$(realpath -m "${WL_FIXTURES_OUT:-build/legacy-2018}")"
mkdir -p "$out"

# The absent ids the generator names must really be absent from MovieLens 2023 (and not among the merged ones).
new_movies=../shared/data/ml-latest-2023/movies.csv
if [ -f "$new_movies" ]; then
  for id in $(sed -n 's/^const uint32_t kAbsent\[\] = {\(.*\)};/\1/p' $src/make_fixtures.cpp | tr -d ' ' | tr ',' ' '); do
    ! grep -q "^$id," "$new_movies" || { echo "make-legacy-fixtures: $id is in $new_movies" >&2; exit 1; }
  done
fi

# The app's files: a small program over wl_app_logic, compiled with the project's flags (not a CMake target, so a
# later format change cannot break the default build).
cmake --build build --target wl_app_logic -j2 >/dev/null
g++ -std=c++20 -O2 -ffp-contract=off -fno-math-errno -Isrc -Iinclude $src/make_fixtures.cpp \
  build/src/app/logic/libwl_app_logic.a build/libweightless_core.a -o build/make_legacy_fixtures
build/make_legacy_fixtures assets "$out"

# The JavaScript API's saved recommenders, by Recommender.save() of the wasm API itself.
export NODE_PATH=/usr/share/nodejs
cmake --build build-wasm --target weightless_api -j2 >/dev/null
timeout 600 node $src/make_js_fixtures.js build-wasm/src/bindings/js/weightless-api.js assets "$out"
ls -l "$out"
