// Renders docs/TUNING.md from the validation-only evaluations that scripts/tune.sh ran: every configuration ranked
// by the mean of its validation RMSEs over the regimes given, and whether the compiled "best" preset is the winner.
"use strict";
const fs = require("fs");
const runs = process.argv.slice(2).map(f => JSON.parse(fs.readFileSync(f, "utf8")));
for (const j of runs) if (!j.protocol_params.validation) throw new Error("tuning must run on validation data (--validation)");
const f4 = v => v.toFixed(4);
const regime = j => (j.protocol === "paper" ? `paper ${j.protocol_params.users}×${j.protocol_params.reviews}` : j.protocol);
const names = runs[0].models.map(m => m.name);
const rows = names.map(name => {
  const per = runs.map(j => j.models.find(m => m.name === name));
  return { name, per, score: per.reduce((a, m) => a + m.rmse, 0) / per.length, config: per[0].config };
});
const wnns = rows.filter(r => r.name.startsWith("wnn"));
const ranked = wnns.slice().sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
const winner = ranked[0];
const preset = wnns.find(r => r.name === "wnn-best");
const same = preset && preset.config === winner.config;
// Standard error of the winner's score (seed-to-seed spread over sqrt(seeds), averaged over regimes). Scores within
// it of the winner are a tie at this data size: the compiled preset stands when it is among them, so the preset
// does not churn on noise; outside it, the preset must change.
const se = winner.per.reduce((a, m, k) => a + m.rmse_std / Math.sqrt(runs[k].seeds.length), 0) / winner.per.length;
const tied = preset && preset.score <= winner.score + se;
const ref = rows.filter(r => !r.name.startsWith("wnn"));
const out = [];
out.push(`# Tuning the "best" WNN preset (validation data only)

Written by \`scripts/tune.sh\`; do not edit by hand. Data: ${runs[0].dataset}. Regimes: ${runs.map(j => `${regime(j)} (seeds ${j.seeds.join(", ")})`).join("; ")}.
In every run the training part is split again per user 80/20; models are fitted on the 80 and scored on the 20
(\`weightless-eval --validation\`). The runs' test parts are never scored, so the choice below has not seen them.
The score is the mean of the validation RMSEs over the regimes: the split regime is dominated by users with many
ratings, the paper regime gives every user 20 ratings (13 to learn from), so a preset must serve both. The chosen
preset is then used unchanged everywhere, ml-100k included.

## Verdict
The lowest score is \`${winner.name}\` (${f4(winner.score)}). The compiled \`wnn-best\` preset scores ${preset ? f4(preset.score) : "–"}:
${same ? "it **is** the winner's configuration." : tied
  ? `within one standard error (${f4(se)}) of the winner: a tie at this data size, so the compiled preset stands.`
  : "it is **not** within one standard error of the winner: update `wnn_preset(\"best\")` in src/model/wnn_config.cpp."}

Rule: the lowest score wins; scores within one standard error of it (the winner's seed-to-seed spread divided by
the square root of the number of seeds, averaged over the regimes) are ties, and among ties the compiled preset is
kept so that the preset does not change on noise.

Reference models on the same validation data: ${ref.map(r => `\`${r.name}\` ${f4(r.score)}`).join(", ")}.

Not covered by this validation: users with fewer than 13 ratings to learn from. The stream protocol in
[RESULTS.md](RESULTS.md) shows how the chosen preset does from a user's first rating on.

## Every configuration, best first

| rank | spec | score | ${runs.map(j => `${regime(j)} RMSE ± seeds`).join(" | ")} | fit s (${regime(runs[0])}) |
|---|---|---|${runs.map(() => "---").join("|")}|---|`);
ranked.forEach((r, i) => out.push(`| ${i + 1} | \`${r.name}\` | ${f4(r.score)} | ${r.per.map(m => `${f4(m.rmse)} ± ${f4(m.rmse_std)}`).join(" | ")} | ${r.per[0].train_s.toFixed(3)} |`));
out.push(`\nFull configuration of the winner: \`${winner.config}\`\n`);
// The ranking models' section (scripts/tune-ranking.sh), kept when this report is regenerated.
const rankingSection = require("path").join(require("path").dirname(process.argv[2]), "tuning-ranking.md");
if (fs.existsSync(rankingSection))
  out.push(`<!-- ranking-tuning:begin -->\n${fs.readFileSync(rankingSection, "utf8")}<!-- ranking-tuning:end -->`);
process.stdout.write(out.join("\n") + "\n");
