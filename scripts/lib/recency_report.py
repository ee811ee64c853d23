#!/usr/bin/env python3
"""scripts/recency.sh's chooser and report, from weightless-eval's stream JSON (one file per dataset, part and seed).
  recency_report.py choose RAW TAG   -> "STARS_SPEC LIST_SPEC": the validation half's best window (the plain spec when
                                        no window beats off)
  recency_report.py report RAW       -> docs/RECENCY.md on stdout"""
import glob
import json
import math
import os
import statistics
import sys

DATASETS = [("latest", "ml-latest-small"), ("ml100k", "ml-100k")]


def load(raw, tag, part):
    """{spec: [model summary per seed]} in seed order, and the seeds."""
    files = sorted(glob.glob(os.path.join(raw, f"{tag}-{part}-seed*.json")),
                   key=lambda p: int(p.rsplit("seed", 1)[1].split(".")[0]))
    out, seeds, meta = {}, [], None
    for f in files:
        j = json.load(open(f))
        if part.startswith("val") and not j["protocol_params"]["validation"]:
            raise SystemExit(f"{f}: a choice must be made on the validation half")
        if part.startswith("test") and not j["protocol_params"].get("stream_test"):
            raise SystemExit(f"{f}: the test figures must come from the test half")
        seeds += j["seeds"]
        meta = j
        for m in j["models"]:
            out.setdefault(m["name"], []).append(m)
    return out, seeds, meta


def pooled_hit(m):
    pts = [p for p in m["curve"] if p.get("ranked")]
    n = sum(p["ranked"] for p in pts)
    return (sum(p["hit"] * p["ranked"] for p in pts) / n, sum(p["ndcg"] * p["ranked"] for p in pts) / n, n)


def mean(v):
    return sum(v) / len(v)


def sd(v):
    return statistics.stdev(v) if len(v) > 1 else 0.0


def choose(raw, tag):
    stars, _, _ = load(raw, tag, "val-stars")
    lists, _, _ = load(raw, tag, "val-list")
    best_s = min(stars, key=lambda s: (mean([m["rmse"] for m in stars[s]]), ":" in s))
    best_l = max(lists, key=lambda s: (mean([pooled_hit(m)[0] for m in lists[s]]), ":" not in s))
    return best_s, best_l


def bucket_label(p):
    hi = p.get("seen_max")
    if hi is None:
        return f"{p['seen']}+"
    return str(p["seen"]) if hi == p["seen"] else f"{p['seen']}–{hi}"


def pooled_curve(runs, field):
    """Per bucket over seeds: rmse pooled by n, or hit/ndcg pooled by lists."""
    out = []
    for b in range(len(runs[0]["curve"])):
        pts = [r["curve"][b] for r in runs]
        if field == "rmse":
            n = sum(p["n"] for p in pts)
            out.append(math.sqrt(sum(p["rmse"] ** 2 * p["n"] for p in pts) / n) if n else float("nan"))
        elif field == "mae":
            n = sum(p["n"] for p in pts)
            out.append(sum(p["mae"] * p["n"] for p in pts) / n if n else float("nan"))
        else:
            n = sum(p.get("ranked", 0) for p in pts)
            out.append(sum(p[field] * p["ranked"] for p in pts if p.get("ranked")) / n if n else None)
    return out


def stars_table(models, seeds):
    any_runs = next(iter(models.values()))
    labels = [bucket_label(p) for p in any_runs[0]["curve"]]
    lines = ["| model | RMSE | MAE | " + " | ".join(labels) + " |", "|---" * (3 + len(labels)) + "|"]
    for spec, runs in models.items():
        rm = [r["rmse"] for r in runs]
        ma = [r["mae"] for r in runs]
        curve = zip(pooled_curve(runs, "rmse"), pooled_curve(runs, "mae"))
        lines.append(f"| `{spec}` | {mean(rm):.4f} ± {sd(rm):.4f} | {mean(ma):.4f} ± {sd(ma):.4f} | " +
                     " | ".join(f"{x:.3f} / {y:.3f}" for x, y in curve) + " |")
    counts = [sum(r["curve"][b]["n"] for r in any_runs) for b in range(len(labels))]
    lines.append("")
    lines.append(f"Predictions per bucket, over the {len(seeds)} seeds: " + ", ".join(f"{c:,}" for c in counts) + ".")
    return lines


def list_table(models, seeds):
    any_runs = next(iter(models.values()))
    ranked = [i for i, p in enumerate(any_runs[0]["curve"]) if p.get("ranked")]
    labels = [bucket_label(any_runs[0]["curve"][i]) for i in ranked]
    lines = ["| model | hit@10, all lists | nDCG@10, all lists | " + " | ".join(labels) + " | its stars' RMSE |",
             "|---" * (4 + len(labels)) + "|"]
    for spec, runs in models.items():
        hits = [pooled_hit(r)[0] for r in runs]
        nd = [pooled_hit(r)[1] for r in runs]
        curve = pooled_curve(runs, "hit")
        lines.append(f"| `{spec}` | {mean(hits):.4f} ± {sd(hits):.4f} | {mean(nd):.4f} ± {sd(nd):.4f} | " +
                     " | ".join(f"{curve[i]:.3f}" for i in ranked) + f" | {mean([r['rmse'] for r in runs]):.4f} |")
    counts = [sum(r["curve"][i]["ranked"] for r in any_runs) for i in ranked]
    lines.append("")
    lines.append(f"hit@10 by ratings seen (pooled over the {len(seeds)} seeds), and the RMSE of the stars the list shows beside "
                 "it (the blend's rating network, windowed with the list; EASE predicts the community mean); lists per "
                 "bucket: " +
                 ", ".join(f"{c:,}" for c in counts) + ".")
    return lines


def paired(models, base, pick, metric, lower_is_better):
    """Each seed's difference pick − base, and whether it is beyond seed noise: every seed favours the window and the
    mean difference exceeds both twice the differences' own spread and the spread of off's metric over seeds."""
    a = [metric(r) for r in models[base]]
    b = [metric(r) for r in models[pick]]
    d = [y - x for x, y in zip(a, b)]
    good = [(-x if lower_is_better else x) for x in d]
    helps = all(g > 0 for g in good) and mean(good) > max(2 * sd(d), sd(a))
    hurts = all(g < 0 for g in good) and -mean(good) > max(2 * sd(d), sd(a))
    return d, helps, hurts, sd(a)


def fmt_diff(d):
    return ", ".join(f"{x:+.4f}" for x in d) + f" (mean {mean(d):+.4f})"


def report(raw):
    out = ["# Weighing recent ratings more: the recency window on the stream protocol", "",
           "Produced by `scripts/recency.sh` from the code as it is; do not edit by hand.", "",
           "People who use Letterboxd-based recommenders ask for their **recent** ratings to count more, because taste "
           "changes. Here a person's models can keep a **window**: `recent=N` holds only their latest N ratings, "
           "`recent_days=D` only those within D days of their latest (`model/recent_window.hpp`; any model that forgets "
           "exactly: the rating WNN, the weightless ranker, the app's blended list). A rating that leaves the window is "
           "forgotten exactly (one table decrement per cell it wrote), so each rating is still one write and one "
           "un-write, and off (the default) is today's model bit for bit.", "",
           "**Protocol.** The stream protocol: users are split into 5 groups; for each group the models are fitted on the "
           "other groups' ratings, then each user's ratings are replayed in time order, each predicted (stars) and, "
           f"before each of the first 100, the next movie ranked among every movie they have not rated yet (hit rate@10 "
           "and nDCG@10 of that one movie), before it is learned. The users are cut once (a fixed draw, whatever the "
           "seed) into a **validation half** and a **test half**. The windows are chosen on the validation half alone "
           "(`--validation`: its users replayed on their own ratings; no rating of the test half is read); the chosen "
           "windows are then run once on the test half (`--stream-test`: the test users replayed, every other rating "
           "the community), beside the strongest known model of each kind in the same run. Seeds change the groups, "
           "so the community each user is replayed against; a difference counts as beyond seed noise when every seed "
           "favours the window and the mean difference exceeds both twice the spread of the per-seed differences and "
           "the spread of the plain model's own figure over seeds.", ""]
    verdicts = []
    for tag, name in DATASETS:
        if not glob.glob(os.path.join(raw, f"{tag}-test-stars-seed*.json")):
            out += [f"## {name}", "", "Not measured: the dataset was not on this machine.", ""]
            continue
        vs, vs_seeds, _ = load(raw, tag, "val-stars")
        vl, vl_seeds, _ = load(raw, tag, "val-list")
        ts, ts_seeds, tmeta = load(raw, tag, "test-stars")
        tl, tl_seeds, _ = load(raw, tag, "test-list")
        pick_s, pick_l = choose(raw, tag)
        out += [f"## {name}", "", f"### Validation half: choosing the window", "",
                f"**Predicted stars** (`wnn-best`, the app's rating network), seeds {', '.join(map(str, vs_seeds))}; "
                "RMSE and MAE over every prediction (mean ± sd over seeds), then RMSE / MAE by how many of the "
                "user's ratings the model had learned (pooled over seeds):", ""]
        out += stars_table(vs, vs_seeds) + [""]
        out += [f"**The app's list** (`wnn-blend`), seeds {', '.join(map(str, vl_seeds))}: the next movie's hit "
                "rate@10 and nDCG@10 over every list (mean ± sd over seeds), then hit@10 by ratings seen:", ""]
        out += list_table(vl, vl_seeds) + [""]
        out += [f"Chosen on validation: stars **`{pick_s}`** (lowest RMSE), list **`{pick_l}`** (highest hit@10).", ""]
        out += ["### Test half: the chosen windows once, beside the strongest known models", "",
                f"**Predicted stars**, seeds {', '.join(map(str, ts_seeds))} (`wnn-hybrid`: the best rating model of "
                "docs/RESULTS.md's stream table):", ""]
        out += stars_table(ts, ts_seeds) + [""]
        out += [f"**The app's list**, seeds {', '.join(map(str, tl_seeds))} (`ease`: EASE as published, the best "
                "next-movie ranker of docs/RESULTS.md's stream ranking):", ""]
        out += list_table(tl, tl_seeds) + [""]
        for kind, models, val, base, pick, metric, lower, what in [
                ("stars", ts, vs, "wnn-best", pick_s, lambda r: r["rmse"], True, "RMSE"),
                ("list", tl, vl, "wnn-blend", pick_l, lambda r: pooled_hit(r)[0], False, "hit@10")]:
            if pick == base:
                line = f"{name}, {kind}: no window beat off on validation, so off stays (nothing to test)."
                out += [line, ""]
                verdicts.append((name, kind, False, line))
                continue
            d, helps, hurts, noise = paired(models, base, pick, metric, lower)
            word = "helps, beyond seed noise" if helps else "hurts, beyond seed noise" if hurts else "within seed noise"
            v = mean([metric(r) for r in val[pick]]) - mean([metric(r) for r in val[base]])
            line = (f"{name}, {kind}: `{pick}` against `{base}` on the test half, {what} per seed {fmt_diff(d)}; off's "
                    f"own sd over seeds {noise:.4f}: **{word}** (on the validation half: {v:+.4f}).")
            out += [line, ""]
            verdicts.append((name, kind, helps, line))
        lists_only = f"{pick_l} recent_stars=0"
        if lists_only in tl:
            d, helps, hurts, noise = paired(tl, "wnn-blend", lists_only, lambda r: pooled_hit(r)[0], False)
            ds_, _, _, _ = paired(tl, "wnn-blend", lists_only, lambda r: r["rmse"], True)
            word = "helps, beyond seed noise" if helps else "hurts, beyond seed noise" if hurts else "within seed noise"
            line = (f"{name}, list, the window on the list's parts only (`{lists_only}`, not chosen separately): hit@10 "
                    f"per seed {fmt_diff(d)}: **{word}**; its stars' RMSE per seed {fmt_diff(ds_)}.")
            out += [line, ""]
            verdicts.append((name, "list only", helps, line))
    spans = open(os.path.join(raw, "spans.md")).read().strip()
    out += ["## How long a person's ratings span", "",
            "A window can only act on taste that changes over the time a person's ratings span. MovieLens users "
            "rate most of their films in a few sittings; the real exports (read from ../shared/data/exports at run "
            "time, never copied) span years. Span = first to last rating; rating days = distinct UTC days with a "
            "rating; busiest day = the share of a person's ratings made on their busiest day.", "",
            "| source | people | ratings | median span | spans under a day | median rating days | median share on the busiest day |",
            "|---|---|---|---|---|---|---|", spans, ""]
    order = open(os.path.join(raw, "order.md")).read().strip()
    out += ["**How stars move along a person's ratings** (people with at least 100 rated films; time order, ties in "
            "file order). The last two columns predict each rating from the 21st on by the plain mean of the 20 before "
            "it, and by the mean of every rating before it (mean absolute error in stars): where the first is lower, "
            "the person's level drifts along their sequence, which a window follows.", "",
            "| source | people | mean stars, first 20 ratings | mean stars, the rest | people whose first 20 average higher | "
            "next rating from the latest 20's mean | from the whole past's mean |",
            "|---|---|---|---|---|---|---|", order, ""]
    out += ["## Verdict", ""]
    for name, kind, helps, line in verdicts:
        out.append(f"- {line}")
    out += ["", "The seeds only regroup the community each user is replayed against, so their spread is small; which "
            "users are replayed moves a figure far more, as the validation and test halves' differences show where "
            "they disagree. A window is judged on the test half it was not chosen on.", ""]
    print("\n".join(out))


def main():
    if sys.argv[1] == "choose":
        s, l = choose(sys.argv[2], sys.argv[3])
        print(s, l)
    else:
        report(sys.argv[2])


if __name__ == "__main__":
    main()
