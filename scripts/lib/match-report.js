// Renders docs/IMPORT_MATCHING.md from weightless_match_report's tab-separated output, before and after
// (scripts/match-report.sh runs the tool and calls this).
// Usage: node scripts/lib/match-report.js BEFORE.tsv AFTER.tsv BEFORE_COMMIT [--summary]
// (--summary: the README's few lines instead, between its matching markers)
'use strict';
const fs = require('fs');

const [beforeFile, afterFile, commit, mode] = process.argv.slice(2);
const read = (f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('\t'));
const before = read(beforeFile), after = read(afterFile);

const imdb = (rows) => {  // file -> {key: value}
  const out = new Map();
  for (const r of rows.filter((r) => r[0] === 'imdb')) {
    if (!out.has(r[1])) out.set(r[1], {});
    out.get(r[1])[r[2]] = Number(r[3]);
  }
  return out;
};
const byFile = (rows, what) => new Map(rows.filter((r) => r[0] === what).map((r) => [r[1], r.slice(2)]));
const pct = (a, b) => (b ? (100 * a / b).toFixed(1) + ' %' : '–');
const num = (n) => Number(n).toLocaleString('en-US');

const lines = [];
const say = (s = '') => lines.push(s);

if (mode === '--summary') {
  const ib = imdb(before), ia = imdb(after);
  for (const [file, a] of ia) {
    const b = ib.get(file) || {};
    const found = (x) => x.right + x.right_in_choices;
    say(`On real files ([docs/IMPORT_MATCHING.md](docs/IMPORT_MATCHING.md), \`scripts/match-report.sh\`): an IMDb ` +
        `ratings export of ${num(a.film_rows)} films, matched by title and year alone (its ids dropped, then checked), ` +
        `finds ${pct(found(a), a.in_catalogue)} of the ${num(a.in_catalogue)} films the catalogue has (matched, or ` +
        `offered among at most 5 choices; before this matcher ${pct(found(b), b.in_catalogue)}) and matches ` +
        `${num(a.wrong)} rows to a wrong film without asking (before ${num(b.wrong)}; those left are the catalogue's ` +
        'own duplicates and links). Most of the rest give the title in the film\'s own language ("Druk"), which the ' +
        'catalogue lists only in English ("Another Round").');
  }
  // Wrapped and indented as the README's list item it sits in; the end marker keeps its indent.
  const wrapped = [];
  for (const l of lines) {
    let cur = '';
    for (const w of l.split(' ')) {
      if (cur && cur.length + 1 + w.length > 116) {
        wrapped.push(cur);
        cur = w;
      } else cur = cur ? cur + ' ' + w : w;
    }
    wrapped.push(cur);
  }
  process.stdout.write(wrapped.map((l) => '  ' + l).join('\n') + '\n  ');
  process.exit(0);
}
say('# How imported titles are matched to the catalogue');
say();
say('Written by `scripts/match-report.sh` (do not edit by hand): the history importer (`parse_history`, ' +
    'src/app/logic/history_import.cpp, with the title matcher of include/weightless/data/title_match.hpp) run on the ' +
    'real exports in `../shared/data/exports/` against the app\'s catalogue (assets/ml-latest-2023.wlds). **Before** is ' +
    `the importer at commit ${commit}, **after** the code as it is; both are measured by the same tool ` +
    '(bench/match_report.cpp) compiled against each.');
say();

const ib = imdb(before), ia = imdb(after);
for (const [file, a] of ia) {
  const b = ib.get(file) || {};
  say(`## ${file} with its IMDb ids dropped`);
  say();
  say('Every film row (Title Type movie, tvMovie or video) is matched by its title and year alone, as a Letterboxd ' +
      'row must be; the row\'s true IMDb id, looked up in the catalogue\'s links, then says whether the match was ' +
      'right. "Found" is the right film matched, or offered among at most 5 choices; the targets of issue 18 are ' +
      '≥ 95 % found of the rows whose film the catalogue has, and at most 5 rows matched to a wrong film without a ' +
      'choice.');
  say();
  say('| | before | after |');
  say('|---|---:|---:|');
  const row = (label, f) => say(`| ${label} | ${f(b)} | ${f(a)} |`);
  row('film rows', (x) => num(x.film_rows));
  row('… whose film the catalogue has', (x) => num(x.in_catalogue));
  row('right film, matched', (x) => `${num(x.right)} (${num(x.right_year_off)} marked year one off)`);
  row('right film among at most 5 choices', (x) => num(x.right_in_choices));
  row('**found** (of the rows whose film the catalogue has)', (x) =>
    `**${num(x.right + x.right_in_choices)} (${pct(x.right + x.right_in_choices, x.in_catalogue)})**`);
  row('right film among more than 5 choices', (x) => num(x.right_in_many_choices));
  row('**matched to a wrong film without a choice**', (x) =>
    `**${num(x.wrong)}** (${num(x.wrong_not_in_catalogue)} of films the catalogue lacks)`);
  row('choices without the right film', (x) => num(x.choices_without_it));
  row('not matched, though the catalogue has the film', (x) => num(x.missed));
  row('… of which the row\'s title shares no word of 4 letters or more with the catalogue\'s', (x) => num(x.missed_sharing_no_word));
  row('rows offered as a choice (mean choices each)', (x) =>
    `${num(x.choice_rows)} (${x.choice_rows ? (x.choice_candidates / x.choice_rows).toFixed(1) : '–'})`);
  say();
  const reached = a.right + a.right_in_choices >= 0.95 * a.in_catalogue;
  say(`The recall target is ${reached ? 'reached' : 'not reached'}: ${num(a.missed_sharing_no_word)} of the ${num(a.missed)} rows still missed ` +
      'share no word of four letters or more with the catalogue\'s title for their film. This person\'s IMDb shows ' +
      'titles in the film\'s own language ("Druk", "Adieu les cons") where MovieLens lists only the English one ' +
      '("Another Round", "Bye Bye Morons"); no rule on the titles can bridge a translation, and the catalogue carries ' +
      'no other names. A Letterboxd file, which writes English titles, misses far fewer (below). The wrong matches ' +
      'left without a choice (`scripts/match-report.sh --list` prints them) were, when this was written, the ' +
      'catalogue\'s own doing: a film listed twice, or a ' +
      'MovieLens link to another film of the same title and year.');
  say();
}

const fileTable = (title, intro, what) => {
  const fb = byFile(before, what), fa = byFile(after, what);
  const refusedB = byFile(before, 'refused'), refusedA = byFile(after, 'refused');
  const names = [...new Set([...fb.keys(), ...fa.keys(), ...(what === 'file' ? [...refusedB.keys(), ...refusedA.keys()] : [])])].sort();
  if (!names.length) return;
  say(`## ${title}`);
  say();
  say(intro);
  say();
  say('| file | format | rows | exact | year one off | ambiguous | unmatched | matched (exact + year off) | matched or offered |');
  say('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const cell = (b, a, k) => (b && a && b[k] !== a[k] ? `${num(b[k])} → ${num(a[k])}` : num((a || b)[k]));
  for (const n of names) {
    const b = fb.get(n), a = fa.get(n);
    if (!a && !b) {
      const why = (refusedA.get(n) || refusedB.get(n))[0];
      say(`| ${n} | not read: ${why.replace(/\|/g, '\\|')} | | | | | | | |`);
      continue;
    }
    if (!a || !b) {
      const x = a || b;
      say(`| ${n} | ${x[0]} (${a ? 'read after only' : 'read before only'}) | ${num(x[1])} | ${num(x[2])} | ${num(x[3])} | ${num(x[4])} | ${num(x[5])} | ${pct(Number(x[2]) + Number(x[3]), Number(x[1]))} | ${pct(Number(x[1]) - Number(x[5]), Number(x[1]))} |`);
      continue;
    }
    const m = (x) => pct(Number(x[2]) + Number(x[3]), Number(x[1]));
    const o = (x) => pct(Number(x[1]) - Number(x[5]), Number(x[1]));
    const change = (f) => (f(b) === f(a) ? f(a) : f(b) + ' → ' + f(a));
    say(`| ${n} | ${a[0]} | ${num(a[1])} | ${cell(b, a, 2)} | ${cell(b, a, 3)} | ${cell(b, a, 4)} | ${cell(b, a, 5)} | ${change(m)} | ${change(o)} |`);
  }
  say();
};
fileTable('Each export as the importer reads it', 'Every CSV of the shared exports through `parse_history` as the app ' +
  'calls it: the IMDb file matches by its ids, the Letterboxd files by title and year. "before → after" where the ' +
  'figure changed. A file the importer refuses is named with its message.', 'file');
fileTable('Every Letterboxd title, matched by name and year', 'Each row of every Letterboxd file (ratings, diary, ' +
  'watched, watchlist; thousands of titles as Letterboxd writes them) matched by its Name and Year as if it were ' +
  'rated, whether or not the importer reads that file\'s layout. These files carry no id, so only the match rate is ' +
  'known, not whether each match is right (the IMDb measurement above says that).', 'titles');

process.stdout.write(lines.join('\n'));
