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
