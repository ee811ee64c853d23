#!/usr/bin/env bash
# Compares the results JSON in docs/results/ (as scripts/results.sh left it) with a base revision's, metric by
# metric, for every run and model both have: a refactor that must not change results shows "0 differ".
# Usage: scripts/results-compare.sh BASE_REV   (exit 1 when any shared metric differs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
base="${1:?usage: scripts/results-compare.sh BASE_REV}"
git rev-parse --verify -q "$base^{commit}" > /dev/null || { echo "results-compare: no revision $base" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for f in docs/results/*.json; do
  git cat-file -e "$base:$f" 2>/dev/null && git show "$base:$f" > "$work/$(basename "$f")"
done
node scripts/lib/results-compare.js "$work" docs/results
