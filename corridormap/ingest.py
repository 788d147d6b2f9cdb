"""``corridormap ingest``: read files, folders and feeds into the store, on every core or a Dask cluster.

The main process lists the inputs, hashes each article's bytes and skips those already stored before any
work is spent on them; workers decode and extract; the main process alone writes, one transaction per
batch of articles, so an ingest killed at any moment loses at most the batch in flight and a second run
picks up exactly what is missing.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from functools import cache
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from geo.dates import Dated, DateSource
from geo.exc import CorridormapError, InputError
from geo.feeds import FEED_SUFFIXES, feed_entries, looks_like_feed
from geo.reading import decode, folder_files, read_bytes
from geo.settings import HTML_SUFFIXES
from geo.store import Rows, Store, article_rows, content_id

#: Articles per task sent to a worker: small enough that workers stay evenly busy, large enough that a
#: task's overhead (its pickling, its future, the main process waking) is spread over many articles
#: (48 against 16: some 2 % more articles/s on 2 workers). The first tasks are smaller (4, 8, 16, ...),
#: so every worker starts at once and a small ingest is shared out too.
CHUNK_ARTICLES = 48
FIRST_CHUNK_ARTICLES = 4
#: Articles written per transaction: bigger batches spread the store's per-insert cost; a kill loses at
#: most this many (uncommitted) articles, which the next run extracts again.
WRITE_ARTICLES = 256
#: ... or whatever has been extracted after this many seconds, so a short or slow ingest shows progress
#: in the store early.
WRITE_SECONDS = 1.0
#: Chunks in flight per worker: bounds memory whatever the size of the corpus.
CHUNKS_IN_FLIGHT = 4

#: What the main process does with a finished chunk (store its rows, count its errors).
Writer = Callable[[list["Rows | str"]], None]


@dataclass(frozen=True, slots=True)
class Item:
    """One article to read: its name, its bytes as read, and a date known from outside it (a feed's)."""

    doc: str
    data: bytes
    is_html: bool
    dated: Dated = (None, None)
    key: str | None = None  # the stored id, when an article is read again from the store's text

    @property
    def article_id(self) -> str:
        return self.key or content_id(self.data)


@dataclass
class Summary:
    """What an ingest did: its last line."""

    seen: int = 0
    new: int = 0
    known: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"ingested: {self.seen} articles ({self.new} new, {self.known} already in the store, "
            f"{len(self.errors)} errors) in {self.seconds:.1f} s"
        )


def listed(paths: Iterable[str]) -> list[str]:
    """The files named and those inside the folders named (an empty folder stays, to be reported as
    such), URLs as given: a folder of a hundred thousand articles is listed once, for the progress
    line's total and the ingest alike."""
    out: list[str] = []
    for path in paths:
        if not path.startswith(("http://", "https://")) and Path(path).is_dir():
            out += folder_files(path, extra_suffixes=FEED_SUFFIXES) or [path]
        else:
            out.append(path)
    return out


def items(paths: Iterable[str], online: bool = False) -> Iterator[Item | str]:
    """The articles named by ``paths`` (files, folders, feed files; feed URLs with ``online``), or a
    one-line error for what cannot be read."""
    for path in paths:
        if path.startswith(("http://", "https://")):
            if not online:
                yield f"{path}: a URL; pass --online to fetch feeds from the internet"
            else:
                yield from _online_feed(path)
            continue
        names = folder_files(path, extra_suffixes=FEED_SUFFIXES)
        if not names:
            yield f"{path}: no article or feed files in this folder"
        for name in names:
            try:
                data = read_bytes(name)
            except InputError as exc:
                yield str(exc)
                continue
            if Path(name).suffix.lower() in FEED_SUFFIXES or looks_like_feed(data):
                yield from _feed(data, name)
            else:
                yield Item(name, data, Path(name).suffix.lower() in HTML_SUFFIXES)


def _feed(data: bytes, name: str) -> Iterator[Item | str]:
    if not looks_like_feed(data):
        yield f"{name}: not an RSS or Atom feed"
        return
    entries = feed_entries(data, name)
    if not entries:
        yield f"{name}: a feed with no entries"
    for e in entries:
        yield Item(e.doc, e.html.encode("utf-8"), True, e.dated)


def _online_feed(url: str) -> Iterator[Item | str]:  # pragma: no cover - needs the internet
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            data = response.read()
    except OSError as exc:
        yield f"{url}: cannot fetch ({exc})"
        return
    yield from _feed(data, url)


@cache
def _extractor() -> Any:
    """One extractor per worker process, loaded on its first chunk (or inherited from the parent)."""
    from geo.pipeline import Extractor

    return Extractor()


def extract_chunk(chunk: list[Item]) -> list[Rows | str]:
    """A worker's task: each item's rows, or its one-line error."""
    from geo.reading import article_from_text

    ex = _extractor()
    out: list[Rows | str] = []
    for item in chunk:
        try:
            article = article_from_text(
                decode(item.data, item.doc), item.doc, is_html=item.is_html, dated=item.dated
            )
            out.append(article_rows(item.article_id, ex.merge([ex.article(article, unevented=False)])))
        except InputError as exc:
            out.append(str(exc))
    return out


def _chunks(found: Iterable[Item | str], known: set[str], summary: Summary) -> Iterator[list[Item]]:
    """Chunks of articles not yet stored; errors and already-stored articles are counted on the way."""
    return _growing(_new(found, known, summary))


def _new(found: Iterable[Item | str], known: set[str], summary: Summary) -> Iterator[Item]:
    seen_now: set[str] = set()
    for item in found:
        summary.seen += 1
        if isinstance(item, str):
            summary.errors.append(item)
            continue
        aid = item.article_id
        if aid in known or aid in seen_now:  # stored already, or the same bytes twice in this run
            summary.known += 1
            continue
        seen_now.add(aid)
        yield item


def _growing(items: Iterable[Item]) -> Iterator[list[Item]]:
    """``items`` in chunks of ``FIRST_CHUNK_ARTICLES``, twice that, ... up to ``CHUNK_ARTICLES``."""
    chunk: list[Item] = []
    size = FIRST_CHUNK_ARTICLES
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk, size = [], min(2 * size, CHUNK_ARTICLES)
    if chunk:
        yield chunk


def ingest(
    paths: list[str],
    store: Store,
    *,
    workers: int | None = None,
    dask: str | None = None,
    online: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Ingest ``paths`` into ``store``; see the module docstring."""
    started = time.perf_counter()
    summary = Summary()
    chunks = _chunks(items(paths, online), store.known(), summary)
    n_workers = workers or os.cpu_count() or 1

    pending: list[Rows] = []
    last_write = time.perf_counter()

    def flush() -> None:
        nonlocal last_write
        last_write = time.perf_counter()
        stored = store.write(pending)
        summary.new += stored
        summary.known += len(pending) - stored
        pending.clear()
        if progress:
            progress(summary.new + summary.known + len(summary.errors))

    def write(results: list[Rows | str]) -> None:
        pending.extend(r for r in results if not isinstance(r, str))
        summary.errors.extend(r for r in results if isinstance(r, str))
        if len(pending) >= WRITE_ARTICLES or time.perf_counter() - last_write >= WRITE_SECONDS:
            flush()

    if dask:
        with store.one_thread():
            _run_dask(chunks, write, dask, n_workers)
    elif n_workers == 1:
        for chunk in chunks:
            write(extract_chunk(chunk))
    else:
        with store.one_thread():
            _run_pool(chunks, write, n_workers)
    flush()
    summary.seconds = time.perf_counter() - started
    return summary


def reextract(
    store: Store,
    stale: list[tuple[str, str, str, str | None, str | None]],
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Summary:
    """Read ``stale`` again with this engine (``Store.stale``: articles another engine version read, or
    all of them): each article's rows are replaced in one transaction per batch, its id and date kept."""
    started = time.perf_counter()
    summary = Summary()
    items = [
        Item(doc, text.encode("utf-8"), False, (day, DateSource(source) if source else None), key=aid)
        for aid, doc, text, day, source in stale
    ]
    summary.seen = len(items)
    chunks = list(_growing(items))
    n_workers = workers or os.cpu_count() or 1

    def write(results: list[Rows | str]) -> None:
        rows = [r for r in results if not isinstance(r, str)]
        summary.errors.extend(r for r in results if isinstance(r, str))
        summary.new += store.write(rows, replace=True)
        if progress:
            progress(summary.new + len(summary.errors))

    if n_workers == 1 or len(chunks) < 2:
        for chunk in chunks:
            write(extract_chunk(chunk))
    else:
        with store.one_thread():
            _run_pool(iter(chunks), write, n_workers)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_pool(chunks: Iterator[list[Item]], write: Writer, n: int) -> None:
    _extractor()  # loaded once here, shared with the forked workers page by page
    with ProcessPoolExecutor(n, mp_context=get_context("fork")) as pool:
        pending: set[Future[list[Rows | str]]] = set()
        for chunk in chunks:
            pending.add(pool.submit(extract_chunk, chunk))
            if len(pending) >= n * CHUNKS_IN_FLIGHT:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in done:
                    write(f.result())
        for f in pending:
            write(f.result())


def _run_dask(
    chunks: Iterator[list[Item]], write: Callable[[list[Rows | str]], None], address: str, n: int
) -> None:
    """The same chunks on a Dask cluster (``local``: a LocalCluster of ``n`` one-thread processes)."""
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:  # pragma: no cover - installed with corridormap
        raise CorridormapError("--dask needs the 'distributed' package") from exc
    logging.getLogger("distributed").setLevel(logging.ERROR)  # its start-up chatter is not ours to print
    cluster = (
        LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            silence_logs=logging.ERROR,
            scheduler_kwargs={"dashboard": False},  # no web server on a port nobody asked for
        )
        if address == "local"
        else None
    )
    try:
        client = Client(cluster if cluster is not None else address, timeout=30)
    except OSError as exc:
        raise CorridormapError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        queue = as_completed()
        in_flight = 0
        for chunk in chunks:
            queue.add(client.submit(extract_chunk, chunk, pure=False))
            in_flight += 1
            if in_flight >= n * CHUNKS_IN_FLIGHT:
                write(next(queue).result())
                in_flight -= 1
        for f in queue:
            write(f.result())
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
