#!/usr/bin/env bash
# Runs every test: installs what is missing, builds natively and with Emscripten, runs the GoogleTest suite on both
# (native through ctest, wasm under node) and natively again under ASan + UBSan (clang), runs every fuzz harness
# briefly on its corpus and regression inputs, checks native == wasm predictions, that the embedded asset
# regenerates byte-identically, the CLI contract, and that the benchmarks run. Exits non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
start=$(date +%s)
step() { echo; echo "=== $* ($(( $(date +%s) - start ))s)"; }

step "setup"
scripts/setup.sh

step "native build"
scripts/build.sh --native

step "native tests (ctest)"
(cd build && ctest --output-on-failure -j"$(nproc 2>/dev/null || echo 2)")

step "sanitizer build (clang, ASan + UBSan) and the same GoogleTest suites under it"
scripts/sanitize.sh

step "fuzz harnesses: regression inputs, then a short pass over each seed corpus"
scripts/fuzz.sh 3

step "wasm build (Emscripten)"
scripts/build.sh --wasm

step "wasm tests (the same GoogleTest suites under node)"
(cd build-wasm && ctest --output-on-failure --timeout 900 -j"$(nproc 2>/dev/null || echo 2)")

step "native vs wasm predictions"
scripts/crosscheck.sh

step "embedded dataset regenerates byte-identically"
scripts/check-embedded.sh

step "CLI contract"
scripts/check-cli.sh

step "benchmarks run (figures come from scripts/bench.sh, not from here)"
build/bench/weightless_bench --benchmark_min_time=0.01 > /dev/null

step "web app: build dist/ (over the wasm build's objects) and test it end to end in headless Chromium"
WL_WEB_BUILD_DIR=build-wasm scripts/build-web.sh
scripts/e2e.sh

step "JavaScript API: the example, then its error and leak checks, under node"
scripts/api-test.sh

step "all tests passed"
