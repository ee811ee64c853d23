#!/usr/bin/env bash
# The largest history the importer reads (32 MB, kMaxHistoryBytes), natively: each of bench/history_bench.cpp's two
# files (Letterboxd ratings matched by title, IMDb ratings by id) read and matched alone in its own process under
# /usr/bin/time -v, for the wall time of the read (the benchmark's) and the process's peak memory (catalogue, title
# index, the file and its preview together). Writes docs/HISTORY_LIMITS.md. The bound: 2 s and 300 MB.
# Usage: scripts/history-limits.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DWL_BUILD_APP=OFF >/dev/null
cmake --build build -j2 --target weightless_bench >&2
out="docs/HISTORY_LIMITS.md"
{
  echo "# Reading a 32 MB history (natively)"
  echo
  echo "Written by \`scripts/history-limits.sh\` from \`bench/history_bench.cpp\`: the largest file the importer accepts"
  echo "(32 MB), read and matched to the app's catalogue (MovieLens 2023) in a process of its own. *Read* is the"
  echo "benchmark's time for parsing and matching, one run (the title index is built before, as the app builds it at"
  echo "start-up);"
  echo "*peak memory* is the whole process's maximum resident set (/usr/bin/time -v): the catalogue, the index, the file"
  echo "and its preview. The bound (issue 18): within 2 s and 300 MB. In the tab: tests/e2e/history.spec.js (within 10 s and 400 MB of wasm heap growth)."
  echo
  echo "| file | rows | read (CPU) | read (wall) | peak memory |"
  echo "|---|---|---|---|---|"
  for b in BM_AppHistory32MBLetterboxd BM_AppHistory32MBImdb; do
    log="$(mktemp)"
    /usr/bin/time -v build/bench/weightless_bench --benchmark_filter="^$b(/|\$)" --benchmark_format=json >"$log.json" 2>"$log"
    rss_kb=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
    node -e '
      const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).benchmarks[0];
      const [mb, rows] = j.label.split(", ");
      console.log(`| ${j.name.replace("BM_AppHistory32MB", "").replace("/iterations:1", "")} (${mb}) | ${rows.replace(" rows", "")} | ${(j.cpu_time / 1000).toFixed(2)} s | ${(j.real_time / 1000).toFixed(2)} s | ${(process.argv[2] / 1024).toFixed(0)} MB |`);
    ' "$log.json" "$rss_kb"
    rm -f "$log" "$log.json"
  done
  echo
  echo "Machine: $(nproc) cores, $(uname -m); load average $(cut -d' ' -f1-3 /proc/loadavg) when written ($(date -u +%Y-%m-%d)):"
  echo "on a shared machine the wall time includes the other processes' share of the cores; the CPU time is this one's."
} > "$out"
cat "$out"
