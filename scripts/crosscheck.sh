#!/usr/bin/env bash
# Native and wasm builds must agree bit for bit: runs weightless-predict from build/ (native) and build-wasm/ (node)
# on the embedded dataset and compares every printed prediction. Both builds must exist (scripts/build.sh --native --wasm).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
args=(--dataset "$root/assets/ml-latest-small.wlds" --users 80 --seed 7)
"$root/build/weightless-predict" "${args[@]}" > "$out/native.tsv"
timeout 600 node "$root/build-wasm/weightless-predict.js" "${args[@]}" > "$out/wasm.tsv"
lines=$(wc -l < "$out/native.tsv")
if [ "$lines" -lt 1000 ]; then
  echo "crosscheck: FAILED: only $lines predictions printed" >&2; exit 1
fi
if ! cmp -s "$out/native.tsv" "$out/wasm.tsv"; then
  echo "crosscheck: FAILED: native and wasm predictions differ:" >&2
  diff "$out/native.tsv" "$out/wasm.tsv" | head -20 >&2
  exit 1
fi
echo "crosscheck: native and wasm agree on all $lines predictions ($(cut -f1 "$out/native.tsv" | sort -u | tr '\n' ' '))"
# The paper's own data (TMDB fields in the 26-bit input) when its partial files are beside the repository.
kaggle="$root/../shared/data/the-movies-dataset-partial"
if [ -f "$kaggle/movies_metadata.csv" ]; then
  kargs=(--dataset "$kaggle" --users 60 --seed 7 --models wnn-paper,wnn-lookup,mlp,wnn-best)
  "$root/build/weightless-predict" "${kargs[@]}" > "$out/k-native.tsv"
  timeout 600 node "$root/build-wasm/weightless-predict.js" "${kargs[@]}" > "$out/k-wasm.tsv"
  if ! cmp -s "$out/k-native.tsv" "$out/k-wasm.tsv" || [ "$(wc -l < "$out/k-native.tsv")" -lt 500 ]; then
    echo "crosscheck: FAILED on the Kaggle data: native and wasm predictions differ (or too few)" >&2
    diff "$out/k-native.tsv" "$out/k-wasm.tsv" | head -20 >&2
    exit 1
  fi
  echo "crosscheck: native and wasm agree on all $(wc -l < "$out/k-native.tsv") predictions on the Kaggle partial data"
fi
