"""``serve --store`` on a big collection: load, first map, filter and click, with N events in the store.

    python benchmarks/store_serve.py [--events 1000000] [--keep DIR]

How the store is made: the 629 shared articles (LGL, corridor passages, seed) are ingested for real, then
copied inside DuckDB with new ids until the events table holds N rows; copy k moves every date k days
later (undated articles get dates too, spread over five years), so the timeline and the date filter have
work to do. Places, mentions, corridors and claims are copied with their articles.

Prints: the time to lay the collection out (its tables copied into an in-memory DuckDB database, events
counted per place, day and type), to draw the first figure, a filter callback (one type unticked, a month
picked) and a town click (a query of that town's sentences), and the server's memory.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corridormap.ingest import ingest  # noqa: E402
from geo.store import TABLES, Store  # noqa: E402

SHARED = ROOT.parent / "shared"
SOURCES = [SHARED / "eval" / "lgl", SHARED / "eval" / "corridors", SHARED / "seeds"]
DATED = ("articles", "events", "event_places", "corridors", "claims")


def build(folder: Path, n_events: int) -> int:
    with Store(folder) as store:
        ingest([str(s) for s in SOURCES], store, workers=2)
        per_copy = store.count("events")
        copies = max(1, -(-n_events // per_copy)) - 1
        con = store.con
        con.execute("BEGIN TRANSACTION")
        for table in TABLES:
            cols = [c.strip().split()[0] for c in TABLES[table].replace("\n", " ").split(",") if c.strip()]
            exprs = []
            for c in cols:
                if c == "article_id":
                    exprs.append("t.article_id || '-' || k.range")
                elif c == "doc" and table == "articles":
                    exprs.append("t.doc || '#' || k.range")
                elif c == "date" and table in DATED:
                    exprs.append(
                        "coalesce(t.date, DATE '2019-01-01' + CAST(hash(t.article_id) % 1800 AS INTEGER)) "
                        "+ CAST(k.range AS INTEGER)"
                    )
                else:
                    exprs.append(f"t.{c}")
            con.execute(
                f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM {table} t, range(1, {copies + 1}) k"
            )
        con.execute("COMMIT")
        return store.count("events")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--keep", help="build (or reuse) the store in this folder")
    args = ap.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="corridormap-big-store-"))
    try:
        started = time.perf_counter()
        if (folder / "corridormap.duckdb").exists():
            with Store(folder, read_only=True) as s:
                n = s.count("events")
        else:
            n = build(folder, args.events)
        print(f"store: {n:,} events, built in {time.perf_counter() - started:.0f} s", flush=True)

        from dashboard.app import store_corpus
        from dashboard.callbacks import click_outputs, view_outputs
        from dashboard.figures import map_figure
        from dashboard.viewmodel import View, type_counts

        started = time.perf_counter()
        corpus = store_corpus(folder)
        data = corpus.data(None)
        print(f"collection copied and laid out: {time.perf_counter() - started:.1f} s", flush=True)
        started = time.perf_counter()
        map_figure(data, View(frozenset(type_counts(data))))
        print(f"first figure: {time.perf_counter() - started:.1f} s", flush=True)
        types = [t for t in type_counts(data) if t != "negotiation"]
        started = time.perf_counter()
        view_outputs(data, types, "2021-03-01", "2021-03-31", [], "offline")
        print(f"filter (a type unticked, one month): {(time.perf_counter() - started) * 1000:.0f} ms")
        town = data.places[data.places["drawn"]].sort_values("n_mentions").iloc[-1]["place_id"]
        click = {"points": [{"customdata": ["place", town]}]}
        started = time.perf_counter()
        click_outputs(data, click, View(frozenset(types)))
        print(f"click on the most mentioned town: {(time.perf_counter() - started) * 1000:.0f} ms")
        print(f"server memory: {psutil.Process().memory_info().rss / 1e9:.2f} GB")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
