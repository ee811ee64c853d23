#!/usr/bin/env python3
"""How long a person's ratings span, in MovieLens and in real exports: the time a recency window could act on.
Usage: recency_spans.py DATA_DIR   (DATA_DIR = ../shared/data: ml-latest-small, ml-100k, exports; read, never copied)
Prints Markdown table rows: source | people | ratings | median span | spans under a day | median rating days |
median share on the busiest day."""
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


def main():
    base = sys.argv[1]
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
