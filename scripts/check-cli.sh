#!/usr/bin/env bash
# The weightless-eval contract: bad arguments exit 2 with a usage message; every protocol prints every model;
# --json prints one well-formed object with the documented fields. Needs build/ (scripts/build.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
eval_bin="$root/build/weightless-eval"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
fail() { echo "check-cli: FAILED: $*" >&2; exit 1; }

expect_exit() {  # expected-code description args...
  local want=$1 what=$2; shift 2
  set +e; "$eval_bin" "$@" > "$out/stdout" 2> "$out/stderr"; local got=$?; set -e
  [ "$got" -eq "$want" ] || fail "$what: exit $got, wanted $want ($(head -c 300 "$out/stderr"))"
  if [ "$want" -eq 2 ]; then grep -qi usage "$out/stderr" || fail "$what: no usage message on stderr"; fi
}
expect_exit 2 "unknown flag" --frobnicate
expect_exit 2 "unknown protocol" --protocol nonsense
expect_exit 2 "bad number" --protocol paper --users -3
expect_exit 2 "unknown model" --models no-such-model
expect_exit 2 "folds on a non-ml-100k dataset" --dataset embedded --protocol folds
expect_exit 1 "missing dataset" --dataset /nonexistent/dir

# Validates one --json output: fields present and numeric, every expected model present.
check_json() {  # file expected-models-csv
  node -e '
    const fs = require("fs");
    const j = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
    const want = process.argv[2].split(",");
    for (const k of ["dataset", "protocol", "seeds", "models"]) if (!(k in j)) throw new Error("missing " + k);
    const names = j.models.map(m => m.name);
    for (const w of want) if (!names.includes(w)) throw new Error("model missing: " + w + " in " + names);
    for (const m of j.models)
      for (const k of ["rmse", "mae", "within1", "binary", "users", "train_s", "predict_s"])
        if (typeof m[k] !== "number" || !isFinite(m[k])) throw new Error(m.name + "." + k + " not a finite number");
    console.log("  " + j.protocol + " on " + j.dataset + ": " + j.models.map(m => m.name + " rmse " + m.rmse.toFixed(3)).join(", "));
  ' "$1" "$2"
}
models="$("$eval_bin" --list-models default)"
[ -n "$models" ] || fail "--list-models default printed nothing"
# The help is read once into a file: `--help | grep -q` lets grep exit at its first match, and a help longer than one
# pipe write then dies of SIGPIPE, which pipefail reports as a failure.
"$eval_bin" --help > "$out/help.txt"
for m in $("$eval_bin" --list-models all | tr , ' '); do
  grep -q -- "$m" "$out/help.txt" || fail "--help does not name the registered model $m"
done
expect_exit 2 "bad --list-models value" --list-models nonsense
"$eval_bin" --dataset embedded --protocol split --seeds 1 --json 2>/dev/null > "$out/split.json"; check_json "$out/split.json" "$models"
"$eval_bin" --dataset embedded --protocol paper --users 100 --reviews 50 --json 2>/dev/null > "$out/paper.json"; check_json "$out/paper.json" "$models"
"$eval_bin" --dataset embedded --protocol stream --json 2>/dev/null > "$out/stream.json"; check_json "$out/stream.json" "$models"
"$eval_bin" --dataset embedded --protocol split --seeds 1 2>/dev/null > "$out/table.txt"
for m in ${models//,/ }; do grep -q -- "$m" "$out/table.txt" || fail "table lacks $m"; done
ml100k="$root/../shared/data/ml-100k"
if [ -f "$ml100k/u1.base" ]; then
  "$eval_bin" --dataset "$ml100k" --protocol folds --json 2>/dev/null > "$out/folds.json"; check_json "$out/folds.json" "$models"
else
  echo "  ml-100k absent at $ml100k: folds check SKIPPED (its licence forbids shipping it)"
fi
echo "check-cli: ok"
