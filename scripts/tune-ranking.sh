#!/usr/bin/env bash
# Chooses the iALS defaults on VALIDATION data only: on ml-100k and ml-latest-small, each ranking run's training part
# (seeds 1..3) is split again per user 80/20 and the top-10 lists scored on the 20 (scripts/lib/rank_validation.cpp);
# the runs' test parts are never read. Writes docs/results/tuning-ranking.json (one line per seed and spec) and
# docs/results/tuning-ranking.md, the section that scripts/lib/tune-report.js puts into docs/TUNING.md (replaced
# here between its markers too, so this script need not rerun scripts/tune.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scripts/setup.sh
scripts/build.sh --native >&2
tool=build/rank_validation
g++ -std=c++20 -O2 -ffp-contract=off -Iinclude -DWL_ASSETS_DIR="\"$root/assets\"" scripts/lib/rank_validation.cpp \
  build/libweightless_core.a -o "$tool"
latest="${WL_ML_LATEST:-$root/../shared/data/ml-latest-small}"
ml100k="${WL_ML100K:-$root/../shared/data/ml-100k}"
[ -f "$latest/ratings.csv" ] || latest="$root/assets/ml-latest-small.wlds"

specs=()
for a in 1 5 10 40; do
  for r in 0.1 1 10; do specs+=("ials:factors=64 iterations=12 alpha=$a reg=$r"); done
done
for f in 32 128; do specs+=("ials:factors=$f iterations=12 alpha=10 reg=1"); done
specs+=("ials:factors=64 iterations=6 alpha=10 reg=1" "ials:factors=64 iterations=20 alpha=10 reg=1" "ials" "popularity")
out=docs/results/tuning-ranking.json
mkdir -p docs/results
: > "$out"
for data in "$ml100k" "$latest"; do
  if [ ! -e "$data" ]; then echo "tune-ranking: $data absent, skipped" >&2; continue; fi
  echo "tune-ranking: $data" >&2
  "$tool" "$data" 3 10 "${specs[@]}" | tee -a "$out" >&2
done
node scripts/lib/tune-ranking-report.js "$out" > docs/results/tuning-ranking.md
node -e '
  const fs = require("fs");
  const [doc, block] = [fs.readFileSync("docs/TUNING.md", "utf8"), fs.readFileSync(process.argv[1], "utf8")];
  const re = /(<!-- ranking-tuning:begin -->\n)[\s\S]*?(<!-- ranking-tuning:end -->)/;
  const section = "<!-- ranking-tuning:begin -->\n" + block + "<!-- ranking-tuning:end -->";
  fs.writeFileSync("docs/TUNING.md", re.test(doc) ? doc.replace(re, section) : doc.trimEnd() + "\n\n" + section + "\n");
' docs/results/tuning-ranking.md
echo "wrote docs/results/tuning-ranking.md and its section of docs/TUNING.md" >&2
grep -A3 '^### Verdict' docs/results/tuning-ranking.md >&2
