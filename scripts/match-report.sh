#!/usr/bin/env bash
# Measures how the history importer matches titles on the shared real exports (../shared/data/exports) against the
# app's catalogue (assets/ml-latest-2023.wlds) and writes docs/IMPORT_MATCHING.md: BEFORE (the importer as it was at
# commit 415afcf, before the title matcher of issue 18) and AFTER (the code as it is). Both figures come from one
# measuring tool, bench/match_report.cpp, compiled once against each version of the importer: the old version is
# taken from git into build/match-before/ (kept between runs, so a rerun only rebuilds what changed). The README's
# import section gets the headline figures between its <!-- matching:begin/end --> markers.
# Usage: scripts/match-report.sh [--list]   (--list also prints the rows that the importer, as it is, misses or
# matches wrongly, for studying them; nothing of the exports is written to docs/ but counts)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
before_commit=415afcf
data="${WL_SHARED_DATA:-$root/../shared/data}"
exports="$data/exports"
catalogue="$root/assets/ml-latest-2023.wlds"
jobs="$(nproc 2>/dev/null || echo 2)"
[ -d "$exports" ] || { echo "match-report: no exports at $exports (see ../shared/data/README.md)" >&2; exit 1; }

# AFTER: the tool as CMake builds it in build/.
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_APP=OFF >/dev/null
cmake --build build -j"$jobs" --target weightless_match_report >&2

# BEFORE: the old commit's core and app logic, and this same tool compiled against them.
old="$root/build/match-before"
if [ "$(cat "$old/commit" 2>/dev/null)" != "$(git rev-parse "$before_commit")" ]; then
  rm -rf "$old"
  mkdir -p "$old/src"
  git archive "$before_commit" | tar -x -C "$old/src"
  git rev-parse "$before_commit" > "$old/commit"
fi
cmake -S "$old/src" -B "$old/build" -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_APP=OFF -DWL_BUILD_TESTS=OFF \
  -DWL_BUILD_BENCH=OFF >/dev/null
cmake --build "$old/build" -j"$jobs" --target wl_app_logic >&2
if [ ! -x "$old/weightless_match_report" ] || [ bench/match_report.cpp -nt "$old/weightless_match_report" ]; then
  "${CXX:-c++}" -std=c++20 -O2 -pthread -I"$old/src/src" -I"$old/src/include" bench/match_report.cpp \
    "$old/build/src/app/logic/libwl_app_logic.a" "$old/build/libweightless_core.a" -o "$old/weightless_match_report"
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$old/weightless_match_report" "$catalogue" "$exports" > "$tmp/before.tsv"
build/weightless_match_report "$catalogue" "$exports" ${1:+"$1"} > "$tmp/after.tsv"
if [ "${1:-}" = --list ]; then grep '^#' "$tmp/after.tsv" | cut -f2- >&2; fi
short="$(git rev-parse --short "$before_commit")"
node scripts/lib/match-report.js "$tmp/before.tsv" "$tmp/after.tsv" "$short" > docs/IMPORT_MATCHING.md
# The README's import section quotes the same figures, short: replaced between its markers.
node scripts/lib/match-report.js "$tmp/before.tsv" "$tmp/after.tsv" "$short" --summary > "$tmp/summary.md"
node -e '
  const fs = require("fs");
  const [readme, block] = [fs.readFileSync("README.md", "utf8"), fs.readFileSync(process.argv[1], "utf8")];
  const re = /(<!-- matching:begin -->\n)[\s\S]*?(<!-- matching:end -->)/;
  if (!re.test(readme)) throw new Error("README.md lacks the matching markers");
  fs.writeFileSync("README.md", readme.replace(re, (_, a, b) => a + block + b));
' "$tmp/summary.md"
echo "wrote docs/IMPORT_MATCHING.md and the README's matching block" >&2
