#!/usr/bin/env bash
# The main job on the embedded default: until the browser app lands, build and run the evaluation of every model on the
# embedded MovieLens (ml-latest-small, per-user 80/20 split, 3 seeds) and print the results table.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
exec "$root/scripts/eval.sh" --dataset embedded --protocol split "$@"
