#!/usr/bin/env python3
"""How long a person's ratings span, in MovieLens and in real exports: the time a recency window could act on.
Usage: recency_spans.py DATA_DIR [order]   (DATA_DIR = ../shared/data: ml-latest-small, ml-100k, exports; read,
never copied). Prints Markdown table rows: source | people | ratings | median span | spans under a day | median
rating days | median share on the busiest day. With `order`: how a person's stars move along their ratings in time
order, for the people with at least 100 rated films: source | people | mean stars of their first 20 ratings | of
the rest | people whose first 20 average higher | how far the latest 20's mean is from the next rating's stars,
against the whole past's mean (median absolute error, each rating from the 21st on)."""
import csv
import datetime as dt
import os
import statistics
import sys
from collections import defaultdict

DAY = 86400


def row(name, per_person):
    """per_person: {person: [unix seconds, ...]} -> one Markdown row."""
    spans, under_day, days, busiest = [], 0, [], []
    ratings = 0
    for ts in per_person.values():
        if not ts:
            continue
        ratings += len(ts)
        span = (max(ts) - min(ts)) / DAY
        spans.append(span)
        under_day += span < 1
        by_day = defaultdict(int)
        for t in ts:
            by_day[t // DAY] += 1
        days.append(len(by_day))
        busiest.append(max(by_day.values()) / len(ts))
    n = len(spans)
    return (f"| {name} | {n} | {ratings:,} | {statistics.median(spans):,.0f} days | {under_day / n:.0%} | "
            f"{statistics.median(days):.0f} | {statistics.median(busiest):.0%} |")


def unix(date):
    return int(dt.datetime.strptime(date, "%Y-%m-%d").replace(tzinfo=dt.timezone.utc).timestamp())


def order_row(name, per_person):
    """per_person: {person: [(unix seconds, stars), ...]}; people with >= 100 ratings."""
    # Time order, ties (same second; same day in an export) in file order: sorting on the stars too would invent a
    # drift within a day.
    people = [sorted(v, key=lambda x: x[0]) for v in per_person.values() if len(v) >= 100]
    first = [mean([s for _, s in p[:20]]) for p in people]
    rest = [mean([s for _, s in p[20:]]) for p in people]
    higher = sum(f > r for f, r in zip(first, rest))
    err_window, err_all = [], []
    for p in people:
        stars = [s for _, s in p]
        total = sum(stars[:20])
        for k in range(20, len(stars)):
            err_window.append(abs(mean(stars[k - 20:k]) - stars[k]))
            err_all.append(abs(total / k - stars[k]))
            total += stars[k]
    return (f"| {name} | {len(people)} | {mean(first):.2f} | {mean(rest):.2f} | {higher / len(people):.0%} | "
            f"{mean(err_window):.3f} | {mean(err_all):.3f} |")


def mean(v):
    return sum(v) / len(v)


def order(base):
    out = []
    p = os.path.join(base, "ml-latest-small", "ratings.csv")
    if os.path.exists(p):
        users = defaultdict(list)
        with open(p, newline="") as f:
            for r in csv.DictReader(f):
                users[r["userId"]].append((int(r["timestamp"]), float(r["rating"])))
        out.append(order_row("ml-latest-small", users))
    p = os.path.join(base, "ml-100k", "u.data")
    if os.path.exists(p):
        users = defaultdict(list)
        with open(p) as f:
            for line in f:
                u, _, s, t = line.split("\t")
                users[u].append((int(t), float(s)))
        out.append(order_row("ml-100k", users))
    p = os.path.join(base, "exports", "imdb-mcanouil", "ratings.csv")
    if os.path.exists(p):
        with open(p, newline="", encoding="utf-8") as f:
            # IMDb's 1..10 as half stars, as the app reads it.
            rows = [(unix(r["Date Rated"]), int(r["Your Rating"]) / 2) for r in csv.DictReader(f) if r.get("Your Rating")]
        out.append(order_row("IMDb ratings export (mcanouil)", {"one": rows}))
    print("\n".join(out))


def main():
    base = sys.argv[1]
    if len(sys.argv) > 2 and sys.argv[2] == "order":
        order(base)
        return
    out = []
    p = os.path.join(base, "ml-latest-small", "ratings.csv")
    if os.path.exists(p):
        users = defaultdict(list)
        with open(p, newline="") as f:
            for r in csv.DictReader(f):
                users[r["userId"]].append(int(r["timestamp"]))
        out.append(row("ml-latest-small (1996–2018)", users))
        out.append(row("ml-latest-small, people with ≥ 100 ratings", {u: t for u, t in users.items() if len(t) >= 100}))
    p = os.path.join(base, "ml-100k", "u.data")
    if os.path.exists(p):
        users = defaultdict(list)
        with open(p) as f:
            for line in f:
                u, _, _, t = line.split("\t")
                users[u].append(int(t))
        out.append(row("ml-100k (1997–98)", users))
        out.append(row("ml-100k, people with ≥ 100 ratings", {u: t for u, t in users.items() if len(t) >= 100}))
    exports = os.path.join(base, "exports")
    # Each export is one person; the date their rating (or diary entry, or watch) was logged.
    sources = [
        ("imdb-mcanouil/ratings.csv", "Date Rated", "Your Rating", "IMDb ratings export (mcanouil)"),
        ("letterboxd-patrickmjones/diary.csv", "Date", "Rating", "Letterboxd diary, rated entries (patrickmjones)"),
        ("letterboxd-patrickmjones/diary.csv", "Date", None, "Letterboxd diary, every entry (patrickmjones)"),
        ("letterboxd-kleutzinger/watched.csv", "Date", None, "Letterboxd watched list (kleutzinger)"),
    ]
    for rel, date_col, need_col, name in sources:
        p = os.path.join(exports, rel)
        if not os.path.exists(p):
            continue
        ts = []
        with open(p, newline="", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if need_col and not r.get(need_col, "").strip():
                    continue
                if r.get(date_col):
                    ts.append(unix(r[date_col]))
        if ts:
            out.append(row(name, {"one": ts}))
    print("\n".join(out))


if __name__ == "__main__":
    main()
