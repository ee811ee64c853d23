// Helpers of scripts/bench-compare.sh.
//   merge FILE...                 one Google Benchmark JSON from several runs: every repetition, renumbered, and
//                                 the mean and median over all of them (compare.py's U test wants the repetitions,
//                                 its summary rows want the aggregates).
//   report DIFF OLD NEW BASE HEAD N
//                                 docs/BENCH_COMPARE.md from compare.py's --dump_to_json output and the merged runs.
"use strict";
const fs = require("fs");
const [cmd, ...args] = process.argv.slice(2);
const read = f => JSON.parse(fs.readFileSync(f, "utf8"));

function merge(files) {
  const runs = files.map(read);
  const byName = new Map();
  for (const run of runs)
    for (const b of run.benchmarks) {
      if (b.run_type !== "iteration") continue;
      if (!byName.has(b.run_name)) byName.set(b.run_name, []);
      byName.get(b.run_name).push(b);
    }
  const out = [];
  for (const [name, reps] of byName) {
    reps.forEach((b, i) => out.push({ ...b, repetitions: reps.length, repetition_index: i }));
    for (const [agg, f] of [["mean", mean], ["median", median]]) {
      const a = { ...reps[0], name: `${name}_${agg}`, run_type: "aggregate", aggregate_name: agg,
                  repetitions: reps.length };
      delete a.repetition_index;
      a.real_time = f(reps.map(b => b.real_time));
      a.cpu_time = f(reps.map(b => b.cpu_time));
      out.push(a);
    }
  }
  return { context: runs[0].context, benchmarks: out };
}
function mean(v) { return v.reduce((s, x) => s + x, 0) / v.length; }
function median(v) {
  const s = [...v].sort((a, b) => a - b), m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function fmt(ns) {
  if (ns < 1e3) return ns.toFixed(1) + " ns";
  if (ns < 1e6) return (ns / 1e3).toFixed(2) + " µs";
  if (ns < 1e9) return (ns / 1e6).toFixed(2) + " ms";
  return (ns / 1e9).toFixed(3) + " s";
}
const unit = { ns: 1, us: 1e3, ms: 1e6, s: 1e9 };

// One row per benchmark: the medians, their change, and the U test's p-value over every repetition.
function report(diffFile, oldFile, newFile, base, head, rounds) {
  const diff = read(diffFile), alpha = 0.05;
  // A benchmark that failed (no data, a thrown error) or ran on other inputs (its label: data set and size) on one
  // side is named, not compared.
  const first = f => {
    const m = new Map();
    for (const b of read(f).benchmarks) if (b.run_type === "iteration" && !m.has(b.run_name)) m.set(b.run_name, b);
    return m;
  };
  const olds = first(oldFile), news = first(newFile);
  const inputs = label => (label || "").replace(/[\d.]+ KiB/g, "");  // the model's memory may differ; the data may not
  const rows = [], changes = [], skipped = [];
  let beyond = 0;
  for (const [name, o] of olds) {
    const n = news.get(name);
    if (!n) continue;
    const why = o.error_occurred ? `fails on the base: ${o.error_message}` :
                n.error_occurred ? `fails on the current: ${n.error_message}` :
                inputs(o.label) !== inputs(n.label) ? `other inputs: "${o.label}" vs "${n.label}"` : "";
    if (why) skipped.push(`- \`${name}\`: ${why}`);
  }
  for (const b of diff) {
    if (b.run_type !== "iteration" || !b.utest || b.utest.time_pvalue === undefined) continue;
    if (skipped.some(l => l.startsWith(`- \`${b.name}\`:`))) continue;
    const med = diff.find(d => d.name === `${b.name}_median`).measurements[0];
    const u = unit[b.time_unit || "ns"], change = med.time, p = b.utest.time_pvalue;
    changes.push(1 + change);
    let verdict = "same within noise";
    if (p < alpha) { beyond++; verdict = `${change < 0 ? "faster" : "slower"} (p < ${alpha})`; }
    rows.push(`| \`${b.name}\` | ${fmt(med.real_time * u)} | ${fmt(med.real_time_other * u)} | ` +
              `${(change * 100).toFixed(1)} % | ${p.toFixed(3)} | ${verdict} |`);
  }
  const geo = Math.exp(changes.reduce((s, x) => s + Math.log(x), 0) / changes.length) - 1;
  const ctx = read(newFile).context;
  const reps = diff.find(b => b.utest && b.utest.nr_of_repetitions).utest.nr_of_repetitions;
  return [
    "# Benchmarks: base revision against the current one",
    "",
    "Written by `scripts/bench-compare.sh`; do not edit by hand. Same machine, same hour: the base and the current",
    `binaries ran in ${rounds} alternating rounds (${reps} repetitions of each benchmark per side in all), on the`,
    "benchmarks both revisions define. Times are medians of wall time; the p-value is Google Benchmark's `compare.py`",
    `U test over every repetition (below ${alpha}: a difference beyond this machine's noise).`,
    "",
    `- base: \`${base.slice(0, 10)}\`, current: \`${head.slice(0, 10)}\` (plus any uncommitted change)`,
    `- machine: ${ctx.num_cpus} × ${ctx.mhz_per_cpu} MHz, measured ${ctx.date}`,
    `- ${rows.length} benchmarks compared; ${beyond} differ beyond noise; geometric mean of the time ratios: ` +
      `${(geo * 100).toFixed(1)} %`,
    "",
    "| benchmark | base | current | change | p | verdict |",
    "|---|---|---|---|---|---|",
    ...rows,
    "",
    ...(skipped.length ? ["Not compared:", "", ...skipped, ""] : []),
  ].join("\n");
}

if (cmd === "merge") process.stdout.write(JSON.stringify(merge(args), null, 1));
else if (cmd === "report") process.stdout.write(report(...args));
else { console.error("usage: bench-compare.js merge FILE... | report DIFF OLD NEW BASE HEAD ROUNDS"); process.exit(2); }
