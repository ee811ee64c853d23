// Renders the iALS tuning section of docs/TUNING.md from scripts/tune-ranking.sh's JSON lines: every spec's
// validation P@10 and nDCG@10 (mean ± sd over seeds) per dataset, ranked by the mean P@10 over the datasets.
// Rule as for the WNN preset: the best score wins, scores within one standard error of it tie, and among ties the
// compiled default (`ials`) stands.
"use strict";
const fs = require("fs");
const rows = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean).map(l => JSON.parse(l));
const datasets = [...new Set(rows.map(r => r.dataset))];
const specs = [...new Set(rows.map(r => r.spec))];
const stats = xs => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) : 0;
  return { m, sd, n: xs.length };
};
const f3 = x => x.toFixed(3);
const table = specs.map(spec => {
  const per = datasets.map(d => {
    const rs = rows.filter(r => r.spec === spec && r.dataset === d);
    return { p: stats(rs.map(r => r.precision)), n: stats(rs.map(r => r.ndcg)), fit: stats(rs.map(r => r.fit_s)) };
  });
  const score = per.reduce((a, x) => a + x.p.m, 0) / per.length;
  const se = per.reduce((a, x) => a + x.p.sd / Math.sqrt(x.p.n), 0) / per.length;
  return { spec, per, score, se };
}).sort((a, b) => b.score - a.score);
const models = table.filter(t => t.spec.startsWith("ials"));
const winner = models[0], preset = table.find(t => t.spec === "ials");
const tied = preset && winner.score - preset.score <= winner.se;
const out = [];
out.push(`## iALS defaults (ranking, validation only)

Written by \`scripts/tune-ranking.sh\`; do not edit by hand. Data: ${datasets.join(" and ")}. For each ranking run
(per-user 75/25, seeds 1, 2, 3) the training part is split again per user 80/20; iALS is fitted on the 80 and its
top-10 lists (every item the user has not rated in the 80) are scored on the 20. The runs' test parts are never read.
Score: the mean validation P@10 over the datasets.

### Verdict
The best score is \`${winner.spec}\` (${f3(winner.score)}). The compiled default \`ials\` scores ${preset ? f3(preset.score) : "–"}:
${!preset ? "not measured." : winner.spec === "ials" ? "it **is** the winner." : tied
  ? `within one standard error (${f3(winner.se)}) of the winner: a tie, so the compiled default stands.`
  : "it is **not** within one standard error of the winner: change IalsConfig's defaults in include/weightless/model/ials.hpp."}

| rank | spec | score | ${datasets.map(d => `${d} P@10 | nDCG@10 | fit s`).join(" | ")} |
|---|---|---|${datasets.map(() => "---|---|---").join("|")}|`);
table.forEach((t, i) => out.push(`| ${i + 1} | \`${t.spec}\` | ${f3(t.score)} | ${t.per.map(x =>
  `${f3(x.p.m)} ± ${f3(x.p.sd)} | ${f3(x.n.m)} | ${x.fit.m.toFixed(2)}`).join(" | ")} |`));
process.stdout.write(out.join("\n") + "\n");
