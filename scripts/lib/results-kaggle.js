// The RESULTS.md section on the paper's own data (Kaggle "The Movies Dataset"), from the kaggle-*.json files that
// scripts/lib/results-kaggle.sh writes. Used by results-report.js; returns Markdown ("" when nothing was run).
"use strict";
const path = require("path");

// Published, quoted from ../shared/docs/PAPER.md (binary like/dislike accuracy; not ours).
const PUBLISHED = {
  "100x50": { wnn: 0.760, mlp: 0.814, cf: 0.795 }, "100x200": { wnn: 0.670, mlp: 0.742, cf: 0.730 },
  "100x500": { wnn: 0.671, mlp: 0.735, cf: 0.764 }, "500x50": { wnn: 0.769, mlp: 0.822, cf: 0.796 },
  "500x200": { wnn: 0.702, mlp: 0.768, cf: 0.779 },
};
const USERS = [100, 500], REVIEWS = [50, 200, 500];

module.exports = function kaggleSection(load, f3) {
  const split = { links: load("kaggle-links-split"), paper: load("kaggle-paper-split") };
  const common = { links: load("kaggle-links-split-common"), paper: load("kaggle-paper-split-common") };
  if (!split.links && !split.paper) {
    return "## The paper's own data: Kaggle \"The Movies Dataset\"\n\nThe Kaggle files were absent when this report was " +
      "written (`../shared/data/the-movies-dataset-partial`); rerun `scripts/results.sh` with them present.\n";
  }
  const out = [];
  const p = s => out.push(s);
  const note = (j, prefix) => (j && j.notes.find(n => n.startsWith(prefix)) || "").slice(prefix.length);
  const files = note(split.links || split.paper, "kaggle files: ").split(", ").map(f => path.basename(f)).join(", ");
  p(`## The paper's own data: Kaggle "The Movies Dataset"\n`);
  const ds = (split.links || split.paper).dataset;
  p(`Files: \`${files}\` of \`${ds}\`` + (ds === "the-movies-dataset-partial"
    ? ", a byte-exact part of the real data set in `../shared/data` (the first 5,000 of about 45,000 metadata rows, all " +
      "of links_small, the ratings of users 1..335 of 671), read by `weightless-eval --dataset DIR` as the full files would be"
    : "") + ". What the loader reported:\n");
  for (const [join, j] of [["links", split.links], ["paper", split.paper]]) {
    if (!j) continue;
    p(`- \`--join ${join}\`: ${note(j, "ratings with metadata: ")} found their metadata; dropped: ${note(j, "dropped, no metadata for the movie: ")}.`);
  }
  const md = note(split.links || split.paper, "metadata: ");
  p(`- metadata: ${md}; links: ${note(split.links || split.paper, "links: ")}.`);
  p(`- paper 26-bit input: ${note(split.links || split.paper, "paper 26-bit input: ")}.\n`);
  p("The join: `links` is right (ratings.movieId → links.tmdbId → metadata.id); `paper` is the reference's mistake " +
    "(movieId used as the TMDB id, so MovieLens 296 *Pulp Fiction* would get TMDB 296 *Terminator 3*). Ratings of " +
    "movies without metadata are dropped under either join (the reference's merge dropped them too), so the two joins " +
    "also keep different ratings; the last table runs both on the same ratings. TMDB's vote average and vote count " +
    "are public metadata collected outside these ratings, not training ratings, so feeding them to `wnn-paper`, " +
    "`wnn-lookup`, `mlp` and `ncf` is not leakage. `wnn-best` uses MovieLens-style features (TMDB genres, year, and " +
    "popularity and mean from the training ratings only).\n");

  // The paper's grid, once per join.
  const grid = join => {
    const rows = [];
    for (const u of USERS) for (const r of REVIEWS) {
      const j = load(`kaggle-${join}-paper-${u}x${r}`);
      if (!j || !j.users) continue;
      if (rows.some(g => g.r === r && g.j.users === j.users)) continue;  // fewer users qualified: same run again
      rows.push({ u, r, j });
    }
    return rows;
  };
  for (const join of ["links", "paper"]) {
    const rows = grid(join);
    if (!rows.length) continue;
    const names = rows[0].j.models.map(m => m.name);
    p(`**The paper's protocol, \`--join ${join}\`** (N users with ≥ R ratings, R sampled, 80/20 in sampled order, ` +
      `${rows[0].j.seeds.length} seeds). Each cell: within one star / like-dislike (RMSE); the paper's published ` +
      "like/dislike accuracy beside (its WNN, MLP, CF; from its own, broken-join runs on the full data):\n");
    p(`| users asked × R | users | ${names.map(n => `\`${n}\``).join(" | ")} | paper WNN / MLP / CF |`);
    p(`|---|---|${names.map(() => "---").join("|")}|---|`);
    for (const g of rows) {
      const pub = PUBLISHED[`${g.u}x${g.r}`];
      p(`| ${g.u} × ${g.r} | ${g.j.users} | ${g.j.models.map(m => `${f3(m.within1)} / ${f3(m.binary)} (${f3(m.rmse)})`).join(" | ")} | ` +
        `${pub ? `${pub.wnn.toFixed(3)} / ${pub.mlp.toFixed(3)} / ${pub.cf.toFixed(3)}` : "–"} |`);
    }
    const skipped = USERS.flatMap(u => REVIEWS.map(r => [u, r])).filter(([u, r]) => {
      const j = load(`kaggle-${join}-paper-${u}x${r}`);
      return j && !j.users;
    });
    if (skipped.length) p(`\nNo user has ${[...new Set(skipped.map(s => s[1]))].join(" or ")} ratings with metadata under this join, so those cells are empty.`);
    p("");
  }

  // Split protocol, each join on the ratings it keeps.
  if (split.links && split.paper) {
    p(`**Per-user random 80/20 (split protocol, ${split.links.seeds.length} seeds), each join on the ratings it keeps** ` +
      "(RMSE, within one star, like/dislike):\n");
    p("| model | links: RMSE | within-1 | like/dislike | paper join: RMSE | within-1 | like/dislike |\n|---|---|---|---|---|---|---|");
    for (const m of split.links.models) {
      const q = split.paper.models.find(x => x.name === m.name) || {};
      p(`| \`${m.name}\` | ${f3(m.rmse)} | ${f3(m.within1)} | ${f3(m.binary)} | ${f3(q.rmse)} | ${f3(q.within1)} | ${f3(q.binary)} |`);
    }
    p("");
  }

  // The bug alone: the same ratings, only the features differ.
  if (common.links && common.paper) {
    const kept = note(common.links, "ratings with metadata: ");
    p(`**The join bug alone** (split protocol, ${common.links.seeds.length} seeds, \`--common-ratings\`: only the ` +
      `ratings whose movie has metadata under both joins, ${kept}; both runs see exactly the same ratings, users and ` +
      "movies, and differ only in which film's metadata each movie gets; a change is paper's join minus right join, ± the " +
      "standard deviation of its per-seed values):\n");
    p("| model | right join: RMSE | within-1 | paper's join: RMSE | within-1 | RMSE change | within-1 change |\n|---|---|---|---|---|---|---|");
    const said = [];
    for (const m of common.links.models) {
      const q = common.paper.models.find(x => x.name === m.name);
      if (!q) continue;
      const dr = q.rmse - m.rmse, dw = q.within1 - m.within1;
      // Paired by seed (both joins split the same ratings the same way): the spread of the per-seed differences.
      const spread = k => {
        const d = m.per_run.map((r, i) => q.per_run[i][k] - r[k]), mean = d.reduce((a, b) => a + b, 0) / d.length;
        return d.length > 1 ? Math.sqrt(d.reduce((a, b) => a + (b - mean) ** 2, 0) / (d.length - 1)) : 0;
      };
      const sign = (v, sd) => (v > 0 ? "+" : v < 0 ? "−" : "±") + Math.abs(v).toFixed(3) + (sd > 0 ? ` ± ${sd.toFixed(3)}` : "");
      p(`| \`${m.name}\` | ${f3(m.rmse)} | ${f3(m.within1)} | ${f3(q.rmse)} | ${f3(q.within1)} | ${sign(dr, spread("rmse"))} | ` +
        `${sign(dw, spread("within1"))} |`);
      if (Math.abs(dr) < 5e-4 && Math.abs(dw) < 5e-4) said.push(`\`${m.name}\`: unchanged (it reads no item metadata)`);
      else said.push(`\`${m.name}\`: RMSE ${dr > 0 ? "worse" : "better"} by ${Math.abs(dr).toFixed(3)}, within one star ` +
        `${dw < 0 ? "worse" : "better"} by ${Math.abs(dw).toFixed(3)}`);
    }
    p(`\nWhat the join bug did, model by model: ${said.join("; ")}.\n`);
  }
  return out.join("\n");
};
