"""Ingest throughput: a corpus of N articles on 1 and 2 workers and on a Dask LocalCluster.

    python benchmarks/ingest_corpus.py [--articles 100000] [--runs 1,2,dask] [--keep DIR]

The corpus is assembled from the shared corpora's texts (LGL, the corridor passages, the seed): article
i is text i mod 629 under a date line of its own (days spread over 2020-2024, so every file's bytes, and
so its content hash, are new and the store gets dated events to index). Each run ingests the whole corpus
into an empty store and prints articles/s, the store's size on disk against the raw text, and the peak
resident memory of any one worker process (sampled every 0.2 s).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corridormap.ingest import ingest  # noqa: E402
from geo.reading import folder_files  # noqa: E402
from geo.store import Store  # noqa: E402

SHARED = ROOT.parent / "shared"
SOURCES = [SHARED / "eval" / "lgl", SHARED / "eval" / "corridors", SHARED / "seeds"]


def build_corpus(folder: Path, n: int) -> int:
    texts = [Path(f).read_text(encoding="utf-8", errors="replace") for s in SOURCES for f in folder_files(s)]
    first = date(2020, 1, 1)
    size = 0
    for i in range(n):
        day = first + timedelta(days=(i * 7919) % 1827)  # a stride prime to the span: days all over it
        body = f"{day:%B} {day.day}, {day.year}\n\n{texts[i % len(texts)]}"
        sub = folder / f"{i // 1000:04d}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:07d}.txt").write_text(body, encoding="utf-8")
        size += len(body.encode("utf-8"))
    return size


class PeakWorkerMemory:
    """The largest resident set of any one child process of this one, sampled in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for child in me.children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    self.peak = max(self.peak, child.memory_info().rss)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakWorkerMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(corpus: Path, raw_bytes: int, label: str, workers: int, dask: str | None) -> None:
    target = Path(tempfile.mkdtemp(prefix="corridormap-store-"))
    try:
        with Store(target) as store, PeakWorkerMemory() as mem:
            started = time.perf_counter()
            summary = ingest([str(corpus)], store, workers=workers, dask=dask)
            seconds = time.perf_counter() - started
            events = store.count("events")
        on_disk = sum(f.stat().st_size for f in target.rglob("*") if f.is_file())
        own = psutil.Process().memory_info().rss
        print(
            f"{label:>8}: {summary.new:,} articles in {seconds:.1f} s = {summary.new / seconds:,.0f}/s; "
            f"{events:,} events; store {on_disk / 1e6:,.1f} MB = {on_disk / raw_bytes:.2f}x the raw text; "
            f"peak worker RSS {mem.peak / 1e6:,.0f} MB (writer process {own / 1e6:,.0f} MB)",
            flush=True,
        )
    finally:
        shutil.rmtree(target, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--runs", default="1,2,dask", help="comma-separated: a worker count, or 'dask'")
    ap.add_argument("--keep", help="build (or reuse) the corpus in this folder")
    args = ap.parse_args()
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="corridormap-corpus-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    raw = build_corpus(folder, args.articles)
    took = time.perf_counter() - started
    print(f"corpus: {args.articles:,} articles, {raw / 1e6:,.1f} MB, built in {took:.0f} s")
    try:
        for spec in args.runs.split(","):
            if spec == "dask":
                run(folder, raw, "dask", os.cpu_count() or 2, "local")
            else:
                run(folder, raw, f"{spec} worker", int(spec), None)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
