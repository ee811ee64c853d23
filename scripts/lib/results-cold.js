// The RESULTS.md section on films without community ratings (issue 17's cold-item protocol), from latest-cold.json
// and the encoder's validation runs (latest-cold-validation.json, latest-unrated-validation.json) that
// scripts/results.sh writes. Used by results-report.js; returns Markdown ("" when the cold run is absent).
"use strict";

// Models that give every film without training ratings one score per person: their cold lists are the run's tie
// order (a seeded random order), whatever they know of warm films.
const CONSTANT_ON_COLD = ["popularity", "bias", "mf", "ease", "knn-implicit", "ials", "wnn-rank"];
const BASELINES = ["random", "newest", "genre-fav"];
// The app's list (docs/RANKING.md): the model whose mixed list decides where the app shows films without ratings.
const APP_LIST = "wnn-blend";

module.exports = function coldSection(load, f3) {
  const j = load("latest-cold");
  if (!j) return "";
  const out = [];
  const p = s => out.push(s);
  const k = j.protocol_params.k, share = j.protocol_params.cold_percent;
  const L = (m, kind) => m.lists[kind];
  const pm = (v, s) => f3(v) + (s > 0 ? ` ± ${s.toFixed(3)}` : "");
  const note = j.notes.find(n => /cold films/.test(n)) || "";
  p(`## Films without community ratings (cold-item protocol, ${j.dataset}, ${j.seeds.length} seeds)\n`);
  p(`The app's catalogue is moving to MovieLens' 2023 list, where most movies have no community ratings; such a movie ` +
    `can only be ranked from its genres, year and title and the person's own ratings. To measure how well, each seed ` +
    `takes the ranking protocol's per-user 75/25 split and makes a random ${share} % of the rated films **cold**: every ` +
    `training rating of them is withheld, so no model has any community data on them (${note.replace(/ \(first run\)$/, "")} ` +
    `in the first seed). Every other rating stays where the ranking split put it, so users keep their training ` +
    `history. Lists never hold a film the user rated in training (a cold one included: they have seen it). Films ` +
    `without training ratings that score alike are ordered by a seeded random draw, not by catalogue order (MovieLens' ` +
    `lowest ids are the well-known films it started with, a popularity signal no model computed). See docs/DESIGN.md, ` +
    `Protocols.\n`);
  p(`**Ranking the cold films.** Candidates: the cold films; relevant: the user's test ratings of them (any stars; ` +
    `**liked**: 4 stars or more), over the users who have one (${Math.round(j.models[0].lists.cold.users)} ` +
    `per seed on average). **With their ratings**: the same users, candidates and relevant films when the cold films keep ` +
    `their training ratings (the same split, nothing made cold); the difference is the price of being cold.\n`);
  p(`| model | P@${k} | nDCG@${k} | hit@${k} | liked nDCG@${k} | with their ratings: nDCG@${k} | hit@${k} | price (nDCG) |`);
  p("|---|---|---|---|---|---|---|---|");
  for (const m of j.models) {
    const c = L(m, "cold"), w = L(m, "with_ratings");
    p(`| \`${m.name}\` | ${f3(c.precision)} | ${pm(c.ndcg, c.ndcg_std)} | ${f3(c.hit)} | ${f3(c.liked_ndcg)} | ` +
      `${f3(w.ndcg)} | ${f3(w.hit)} | ${f3(w.ndcg - c.ndcg)} |`);
  }
  const present = j.models.map(m => m.name);
  const constant = CONSTANT_ON_COLD.filter(n => present.includes(n));
  if (constant.length)
    p(`\n(${constant.map(n => "`" + n + "`").join(", ")} give every film without training ratings the same score for ` +
      "a person, so their cold lists are the seeded tie order: another random list." +
      (present.includes("wnn-blend") && present.includes("wnn-best")
        ? " `wnn-blend` scores such a film by its stars term alone (EASE and the ranker know nothing of it), so its cold " +
          "lists are `wnn-best`'s." : "") + ") ± is the standard deviation over seeds.");
  p("");

  // Which model ranks cold films best, against the trivial baselines.
  const get = n => j.models.find(m => m.name === n);
  const informed = j.models.filter(m => !BASELINES.includes(m.name) && !constant.includes(m.name));
  const byNdcg = ms => ms.slice().sort((a, b) => L(b, "cold").ndcg - L(a, "cold").ndcg);
  const bestModel = byNdcg(informed)[0], bestAll = byNdcg(j.models)[0];
  const base = BASELINES.filter(get).map(n => `\`${n}\` ${f3(L(get(n), "cold").ndcg)}`).join(", ");
  if (bestModel) {
    const bestBase = byNdcg(j.models.filter(m => BASELINES.includes(m.name)))[0];
    const c = m => L(m, "cold").ndcg;
    const wb = get("wnn-best");
    const ratio = ms => ms.map(m => L(m, "with_ratings").ndcg / Math.max(c(m), 1e-9));
    const learners = informed.filter(m => L(m, "with_ratings").ndcg > 0);
    p(`Best at ranking cold films: \`${bestAll.name}\` (nDCG@${k} ${f3(c(bestAll))})` +
      (bestAll === bestModel ? "" : `; beyond the trivial baselines, \`${bestModel.name}\` (${f3(c(bestModel))})`) +
      `. The trivial baselines: ${base}.` +
      (bestBase ? (c(bestModel) > c(bestBase)
        ? ` The best model beyond them beats the best baseline by ${f3(c(bestModel) - c(bestBase))} nDCG.`
        : ` No model beyond the trivial baselines beats \`${bestBase.name}\` on them.`) : "") +
      (wb ? ` The personal rating WNN (\`wnn-best\`): ${f3(c(wb))}, against ${f3(L(wb, "with_ratings").ndcg)} when the same ` +
        `films keep their ratings.` : "") +
      (learners.length ? ` Being cold costs those models ${Math.min(...ratio(learners)).toFixed(1)}–` +
        `${Math.max(...ratio(learners)).toFixed(1)} times their nDCG on the same films.` : "") + "\n");
  }

  // Mixed vs warm-only: does letting cold films into the list help it?
  p(`**Mixing them into the list.** Candidates: every film the user has not rated (**mixed**: with and without ` +
    `community ratings) or only the films with training ratings (**warm only**); relevant: all of the user's test ratings, ` +
    `of cold and warm films alike, over every test user. A film without ratings in the mixed list can only help when ` +
    `it is one the user rated. "in list": the share of the mixed top ${k} that has no training ratings.\n`);
  p(`| model | mixed: nDCG@${k} | liked nDCG@${k} | in list | warm only: nDCG@${k} | liked nDCG@${k} | mixed − warm only (nDCG) |`);
  p("|---|---|---|---|---|---|---|");
  for (const m of j.models) {
    const x = L(m, "mixed"), w = L(m, "warm_only");
    const d = x.ndcg - w.ndcg;
    p(`| \`${m.name}\` | ${f3(x.ndcg)} | ${f3(x.liked_ndcg)} | ${(100 * x.cold_share).toFixed(1)} % | ${f3(w.ndcg)} | ` +
      `${f3(w.liked_ndcg)} | ${Math.abs(d) < 5e-5 ? "0.0000" : (d > 0 ? "+" : "−") + Math.abs(d).toFixed(4)} |`);
  }
  p("");
  const app = get(APP_LIST);
  if (app) {
    const x = L(app, "mixed"), w = L(app, "warm_only");
    const atLeast = x.ndcg >= w.ndcg && x.liked_ndcg >= w.liked_ndcg;
    const shown = x.cold_share;
    p(`**Decision for the app.** Its list (\`${APP_LIST}\`) mixed: nDCG@${k} ${f3(x.ndcg)}, liked ${f3(x.liked_ndcg)}; ` +
      `warm only: ${f3(w.ndcg)}, liked ${f3(w.liked_ndcg)}; films without ratings in its mixed top ${k}: ` +
      `${(100 * shown).toFixed(2)} %. ` + (atLeast && shown >= 0.01
        ? "The mixed list scores at least as well as the list without them, so the app mixes them into the main list."
        : atLeast
          ? "The mixed list scores as well as the list without them only because almost none of them reaches its top " +
            `${k}: mixing would hide them. So the app shows them in their own labelled section ("New since 2018: ` +
            `matched on genres and years only"), ranked by the best model of the table above (here \`${bestAll.name}\`).`
          : "The mixed list scores worse than the list without them, so the app keeps them out of the main list and " +
            "shows them in their own labelled section (\"New since 2018: matched on genres and years only\"), ranked by " +
            `the best model of the table above (here \`${bestAll.name}\`).`) + "\n");
  }
  p(`Caveats: here the cold films are a random share of films people did rate, so they are as watchable as any; the ` +
    `2023 catalogue's unrated films are mostly newer or more obscure, and far more numerous (about 89 % of it against ` +
    `${share} % here), which can only make mixing them in harder.\n`);

  // The encoder's "no community data" input, measured on validation splits (never on test).
  const vc = load("latest-cold-validation"), vs = load("latest-unrated-validation");
  if (vc && vs) {
    p(`**The encoder's "no community data" input** (\`encoder.unrated\`, docs/DESIGN.md, The WNN), measured on ` +
      `validation splits of the training parts only (${vc.seeds.length} seeds for the cold protocol, ${vs.seeds.length} ` +
      `for the rating split): \`blend\` codes a film without training ratings as the least rated films' popularity and ` +
      `the global mean; \`popularity\` gives it an all-zero popularity code no rated film has; \`apart\` does that in ` +
      `popularity and mean.\n`);
    p(`| model | cold: nDCG@${k} | with their ratings | mixed nDCG@${k} | warm only | validation RMSE (split) |`);
    p("|---|---|---|---|---|---|");
    for (const m of vc.models) {
      const r = vs.models.find(x => x.name === m.name);
      p(`| \`${m.name}\` | ${pm(L(m, "cold").ndcg, L(m, "cold").ndcg_std)} | ${f3(L(m, "with_ratings").ndcg)} | ` +
        `${f3(L(m, "mixed").ndcg)} | ${f3(L(m, "warm_only").ndcg)} | ${r ? pm(r.rmse, r.rmse_std) : "–"} |`);
    }
    const c = (j2, n) => { const m = j2.models.find(x => x.name === n); return m && m.lists.cold.ndcg; };
    const r = n => { const m = vs.models.find(x => x.name === n); return m && m.rmse; };
    const blend = c(vc, "wnn-best"), own = ["popularity", "apart"].map(v => c(vc, `wnn-best:encoder.unrated=${v}`));
    if (blend !== undefined && own.every(v => v !== undefined)) {
      const better = own.some(v => v > blend);
      p(`\n${better ? "A code of its own ranked cold films better on validation" : "A code of its own did not rank cold " +
        "films better on validation"} (\`wnn-best\` nDCG@${k} ${f3(blend)} with \`blend\`, ${own.map(f3).join(" and ")} with ` +
        `\`popularity\` and \`apart\`), and moved the warm results (the lists with their ratings, the mixed lists, RMSE ` +
        `${f3(r("wnn-best"))} vs ${f3(r("wnn-best:encoder.unrated=popularity"))} and ` +
        `${f3(r("wnn-best:encoder.unrated=apart"))}) by less than their spread over seeds. ` +
        `The default is \`blend\`${better ? " until a run on more seeds shows the difference is more than noise" : ""}: ` +
        "in a RAM network a code that no training film had addresses unwritten cells in every RAM that reads it, so the " +
        "network says less about the film, not more.");
    }
    p("");
  }
  return out.join("\n");
};
