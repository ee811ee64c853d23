// Renders docs/TUNING.md from the validation-only evaluation that scripts/tune.sh ran: every configuration ranked
// by validation RMSE, and whether the compiled "best" preset is the winner.
"use strict";
const fs = require("fs");
const j = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
if (!j.protocol_params.validation) throw new Error("tuning must run on validation data (--validation)");
const f3 = v => v.toFixed(4);
const wnns = j.models.filter(m => m.name.startsWith("wnn"));
const ranked = wnns.slice().sort((a, b) => a.rmse - b.rmse || a.name.localeCompare(b.name));
const winner = ranked[0];
const preset = wnns.find(m => m.name === "wnn-best");
const same = preset && preset.config === winner.config;
const ref = j.models.filter(m => !m.name.startsWith("wnn"));
const out = [];
out.push(`# Tuning the "best" WNN preset (validation data only)

Written by \`scripts/tune.sh\`; do not edit by hand. Data: ${j.dataset}, protocol ${j.protocol}, seeds ${j.seeds.join(", ")}.
Each run's training part is split again per user 80/20; models are fitted on the 80 and scored on the 20
(\`weightless-eval --validation\`). The runs' test parts are never scored, so the choice below has not seen them.
The chosen preset is then used unchanged everywhere, ml-100k included.

## Verdict
The lowest validation RMSE is \`${winner.name}\` (${f3(winner.rmse)}). The compiled \`wnn-best\` preset scores ${preset ? f3(preset.rmse) : "–"}:
${same ? "it **is** the winner's configuration." : "it is **not** the winner: update `wnn_preset(\"best\")` in src/model/wnn_config.cpp or explain why."}

Reference models on the same validation data: ${ref.map(m => `\`${m.name}\` ${f3(m.rmse)}`).join(", ")}.

## Every configuration, best first

| rank | spec | validation RMSE | ± over seeds | MAE | within-1 | fit s |
|---|---|---|---|---|---|---|`);
ranked.forEach((m, i) => out.push(`| ${i + 1} | \`${m.name}\` | ${f3(m.rmse)} | ${f3(m.rmse_std)} | ${f3(m.mae)} | ${f3(m.within1)} | ${m.train_s.toFixed(3)} |`));
out.push(`\nFull configuration of the winner: \`${winner.config}\`\n`);
process.stdout.write(out.join("\n") + "\n");
