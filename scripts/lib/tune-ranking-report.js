// Renders the ranking tuning section of docs/TUNING.md from scripts/tune-ranking.sh's JSON lines (one per dataset,
// seed and spec, all on validation data): per grid, every spec's validation P@10 and nDCG@10 (mean ± sd over seeds)
// per dataset, ranked by its score over the datasets. Rule as for the WNN preset: the best score wins, scores within
// one standard error of it tie, and among ties the compiled default stands.
// Usage: node tune-ranking-report.js IALS.json IALS_DEFAULT_CONFIG BLEND.json BLEND_DEFAULT_CONFIG
"use strict";
const fs = require("fs");
const read = f => fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map(l => JSON.parse(l));
const stats = xs => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)) : 0;
  return { m, sd, n: xs.length };
};
// `score(rows)` -> the per-seed values of one dataset whose mean and sd make the score.
const rank = (rows, score) => {
  const datasets = [...new Set(rows.map(r => r.dataset))];
  const specs = [...new Set(rows.map(r => r.spec))];
  const table = specs.map(spec => {
    const per = datasets.map(d => {
      const rs = rows.filter(r => r.spec === spec && r.dataset === d);
      return { p: stats(rs.map(r => r.precision)), n: stats(rs.map(r => r.ndcg)), fit: stats(rs.map(r => r.fit_s)),
               lp: rs.every(r => r.liked_precision !== undefined) ? stats(rs.map(r => r.liked_precision)) : null,
               s: stats(score(rs)) };
    });
    return { spec, config: rows.find(r => r.spec === spec).config, per,
             score: per.reduce((a, x) => a + x.s.m, 0) / per.length,
             se: per.reduce((a, x) => a + x.s.sd / Math.sqrt(x.s.n), 0) / per.length };
  }).sort((a, b) => b.score - a.score);
  return { datasets, table };
};
const f3 = x => x.toFixed(3);
const [ialsFile, ialsDefault, blendFile, blendDefault] = process.argv.slice(2);
const { datasets, table } = rank(read(ialsFile), rs => rs.map(r => r.precision));
const defaultConfig = ialsDefault;
// The item factors ship inside the web page (n_items x f x 4 bytes: 1.2 MB at f = 32 for ml-latest-small's 9,742
// movies, against a 3 MB gzip budget for the whole site), so the default is chosen among f <= 32; larger f is
// measured and reported beside it.
const factorsOf = t => Number((/(?:^| )factors=(\d+)/.exec(t.config) || [])[1]);
const kMaxFactors = 32;
const models = table.filter(t => t.spec.startsWith("ials") && factorsOf(t) <= kMaxFactors);
const larger = table.filter(t => t.spec.startsWith("ials") && factorsOf(t) > kMaxFactors);
const winner = models[0], preset = table.find(t => t.config === defaultConfig);
const tied = preset && winner.score - preset.score <= winner.se;
const out = [];
out.push(`## iALS defaults (ranking, validation only)

Written by \`scripts/tune-ranking.sh\`; do not edit by hand. Data: ${datasets.join(" and ")}. For each ranking run
(per-user 75/25, seeds 1, 2, 3) the training part is split again per user 80/20; iALS is fitted on the 80 and its
top-10 lists (every item the user has not rated in the 80) are scored on the 20. The runs' test parts are never read.
Score: the mean validation P@10 over the datasets. Candidates for the default: f <= ${kMaxFactors}, because the item
factors ship inside the web page (n_items x f x 4 bytes; the site has a 3 MB gzip budget); larger f is measured too.

### Verdict
The best score is \`${winner.spec}\` (${f3(winner.score)}). The compiled default \`ials\` (\`${defaultConfig}\`) scores
${preset ? f3(preset.score) : "–"}: ${!preset ? "it was not among the configurations run." : preset === winner ? "it **is** the winner." : tied
  ? `within one standard error (${f3(winner.se)}) of the winner: a tie, so the compiled default stands.`
  : "it is **not** within one standard error of the winner: change IalsConfig's defaults in include/weightless/model/ials.hpp."}
${larger.length ? `Beyond the size budget: ${larger.map(t => `\`${t.spec}\` scores ${f3(t.score)} (fit ${t.per.map(x => x.fit.m.toFixed(1)).join(" / ")} s)`).join("; ")}.` : ""}

| rank | spec | score | ${datasets.map(d => `${d} P@10 | nDCG@10 | fit s`).join(" | ")} |
|---|---|---|${datasets.map(() => "---|---|---").join("|")}|`);
table.forEach((t, i) => out.push(`| ${i + 1} | \`${t.spec}\`${t === preset ? " (default)" : ""} | ${f3(t.score)} | ${t.per.map(x =>
  `${f3(x.p.m)} ± ${f3(x.p.sd)} | ${f3(x.n.m)} | ${x.fit.m.toFixed(2)}`).join(" | ")} |`));

// The blend: the list the app shows, so judged on both relevance kinds at once: score = the mean over datasets of
// (P@10 + liked P@10) / 2, i.e. what the person will watch, and what they will watch and like.
{
  const { datasets: ds, table: t } = rank(read(blendFile), rs => rs.map(r => (r.precision + r.liked_precision) / 2));
  // Candidates for the default: what the app can run from what it ships. iALS's factors are not shipped (they would
  // be fitted in the tab at start-up), so the w_factors specs are measured and reported beside, not chosen.
  const withFactors = x => /w_factors=/.test(x.spec);
  const blends = t.filter(x => x.spec.startsWith("wnn-blend") && !withFactors(x));
  const factorsBest = t.find(x => x.spec.startsWith("wnn-blend") && withFactors(x));
  const win = blends[0], def = t.find(x => x.config === blendDefault);
  const ease = t.find(x => /w_rank=0 w_stars=0$/.test(x.spec)), dense = t.find(x => x.spec === "ease");
  const tie = def && win.score - def.score <= win.se;
  out.push(`
## The app's list: blend weights (ranking, validation only)

The same validation runs for \`wnn-blend\`: score = EASE/max + w_rank x (weightless ranker)/max + w_factors x
iALS/max + w_stars x (predicted stars - 3)/2, per person over the whole catalogue. Its EASE is the list the app ships
(negative weights kept, sparsified and 8-bit: docs/ITEM_MODEL_CURVE.md); \`w_rank=0 w_stars=0\` is that EASE alone,
\`ease\` the dense EASE as published, \`ease.dropout=0.25\` makes the EASE part EDLAE (Steck 2020), \`w_factors\` adds
iALS (a low-rank model: EASE + iALS).
Score: the mean over the datasets of (P@10 + liked P@10) / 2, because the list should hold what the person will
watch *and* like (liked: validation items rated at least 4 stars).

### Verdict
The best score is \`${win.spec}\` (${f3(win.score)}; the shipped EASE alone ${ease ? f3(ease.score) : "–"}, dense EASE ${dense ? f3(dense.score) : "–"}). The compiled default \`wnn-blend\` (\`${blendDefault}\`) scores
${def ? f3(def.score) : "–"}: ${!def ? "it was not among the configurations run." : def === win ? "it **is** the winner." : tie
  ? `within one standard error (${f3(win.se)}) of the winner: a tie, so the compiled default stands.`
  : "it is **not** within one standard error of the winner: change WnnBlendConfig's defaults in include/weightless/model/wnn_blend.hpp."}
${factorsBest ? `Beyond what the app ships: the best blend with iALS, \`${factorsBest.spec}\`, scores ${f3(factorsBest.score)} (${factorsBest.per.map((p, i) => `${ds[i]} P@10 ${f3(p.p.m)}, liked ${p.lp ? f3(p.lp.m) : "–"}`).join("; ")}).` : ""}

| rank | spec | score | ${ds.map(d => `${d} P@10 | liked P@10 | nDCG@10`).join(" | ")} |
|---|---|---|${ds.map(() => "---|---|---").join("|")}|`);
  t.forEach((x, i) => out.push(`| ${i + 1} | \`${x.spec}\`${x === def ? " (default)" : ""} | ${f3(x.score)} | ${x.per.map(p =>
    `${f3(p.p.m)} ± ${f3(p.p.sd)} | ${p.lp ? f3(p.lp.m) : "–"} | ${f3(p.n.m)}`).join(" | ")} |`));
}
process.stdout.write(out.join("\n") + "\n");
