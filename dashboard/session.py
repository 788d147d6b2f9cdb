"""Which data a browser sees: the articles the server was started on, plus that browser's own.

Articles a user adds live in that browser's ``dcc.Store`` (never in module globals, never shared). The
server keeps only read-only results and caches: the base articles' extraction, each added article's
extraction (by the hash of its text, so it is extracted once however often it is sent), and merged views
keyed by the exact added set. Both caches are bounded in bytes and safe across Flask's threads.

The browser's store is not trusted: every callback checks what it sends (:func:`checked`) with the same
rules as an upload, so a crafted request costs no more than a real one.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Generic, TypeVar

from dashboard.viewmodel import MapData, View, combined, filter_extraction, from_collection, from_extraction
from geo.collection import Collection
from geo.exc import InputError
from geo.model import Article, Extraction
from geo.pipeline import ArticleResult, Extractor
from geo.reading import article_from_text, decode

#: Largest article a user may add in the browser, in bytes (the CLI's limit is larger).
MAX_UPLOAD_BYTES = 1_000_000
#: Articles one browser may add (each is extracted and merged into its view).
MAX_ADDED_ARTICLES = 20
#: Bytes of added text the server keeps extracted and merged views for, across all browsers.
CACHE_BYTES = 64_000_000
SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")

V = TypeVar("V")


class ByteBoundedCache(Generic[V]):
    """A least-recently-used cache whose entries are weighed in bytes; thread-safe."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get_or_make(self, key: str, weight: int, make: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
        value = make()  # outside the lock: other browsers are not held up by this one's extraction
        with self._lock:
            if key not in self._items:
                self._items[key] = (value, weight)
                self._bytes += weight
                while self._bytes > self.max_bytes and len(self._items) > 1:
                    _, (_, w) = self._items.popitem(last=False)
                    self._bytes -= w
            return self._items[key][0]

    def __len__(self) -> int:
        return len(self._items)

    @property
    def bytes(self) -> int:
        return self._bytes


@dataclass
class Corpus:
    """The server's read-only base extraction and bounded caches of per-article and per-session work."""

    extractor: Extractor
    base: list[ArticleResult]
    errors: tuple[str, ...] = ()
    #: a collection (``serve --store``): the base is laid out from it, not from an extraction
    collection: Collection | None = None
    store: Path | None = None  # the collection's folder, read again only to export it
    _articles: ByteBoundedCache[ArticleResult] = field(default_factory=lambda: ByteBoundedCache(CACHE_BYTES))
    _views: ByteBoundedCache[tuple[Extraction, MapData]] = field(
        default_factory=lambda: ByteBoundedCache(CACHE_BYTES)
    )

    def __post_init__(self) -> None:
        base = self.extractor.merge(self.base, self.errors)
        self._base = (base, from_collection(self.collection) if self.collection else from_extraction(base))

    def view(self, added: Any) -> tuple[Extraction, MapData]:
        """The base articles plus a session's added ones, checked (see :func:`checked`)."""
        items = checked(added)
        if not items:
            return self._base
        keys = [_digest(a) for a in items]
        weight = sum(len(a["text"]) for a in items)
        return self._views.get_or_make("|".join(keys), weight, lambda: self._merged(items, keys))

    def prepare(self, item: dict, article: Article) -> None:
        """Extract an added article now, from the parse the upload check already made (cached by its
        text), so the view that follows only merges."""
        [checked_item] = checked([item])
        key = _digest(checked_item)
        self._articles.get_or_make(key, len(checked_item["text"]), partial(self.extractor.article, article))

    def _merged(self, items: list[dict], keys: list[str]) -> tuple[Extraction, MapData]:
        extra = [
            self._articles.get_or_make(key, len(a["text"]), partial(self._extract, a))
            for a, key in zip(items, keys, strict=True)
        ]
        merged = self.extractor.extend(self._base[0], extra)  # the base is merged once, at start
        if self.collection is None:
            return merged, from_extraction(merged)
        return merged, combined(self._base[1], from_extraction(merged))  # merged: the added articles only

    def exported(self, added: Any, view: View) -> Extraction:
        """What an export of a view holds: the base and a session's added articles, within its dates (a
        collection is read again from its store for the range asked, and only then)."""
        if self.collection is None or self.store is None:
            return filter_extraction(self.view(added)[0], view)
        from geo.store import DateRange, Store

        with Store(self.store, read_only=True) as store:
            stored = store.extraction(DateRange(view.start, view.end))
        added_results = [r for _, r in self.added_results(added)]
        return filter_extraction(self.extractor.extend(stored, added_results), view)

    def _extract(self, item: dict) -> ArticleResult:
        return self.extractor.article(article_from_text(item["text"], item["doc"], is_html=item["html"]))

    def added_results(self, added: Any) -> list[tuple[dict, ArticleResult]]:
        """A session's added articles, each with its extraction (from the cache when it has it)."""
        items = checked(added)
        return [
            (a, self._articles.get_or_make(_digest(a), len(a["text"]), partial(self._extract, a)))
            for a in items
        ]

    def data(self, added: Any) -> MapData:
        return self.view(added)[1]


def _digest(item: dict) -> str:
    return hashlib.sha256(f"{item['doc']}\0{item['html']}\0{item['text']}".encode()).hexdigest()


def checked(added: Any) -> list[dict]:
    """The browser's added articles, each re-checked as an upload is: a list of at most
    ``MAX_ADDED_ARTICLES`` records ``{"doc", "text", "html"}`` of text files within the size limit.
    Anything else raises :class:`InputError` with a one-line reason."""
    if added in (None, []):
        return []
    if not isinstance(added, list) or len(added) > MAX_ADDED_ARTICLES:
        raise InputError(f"the added articles must be a list of at most {MAX_ADDED_ARTICLES}")
    out = []
    for item in added:
        if not isinstance(item, dict):
            raise InputError("an added article must be a record with doc, text and html")
        doc, text, is_html = item.get("doc"), item.get("text"), item.get("html", False)
        if not isinstance(doc, str) or not isinstance(text, str) or not isinstance(is_html, bool):
            raise InputError("an added article needs a file name, its text and whether it is HTML")
        _check_name(doc)
        if len(text.encode("utf-8", "replace")) > MAX_UPLOAD_BYTES:
            raise InputError(f"{doc}: over the {MAX_UPLOAD_BYTES:,}-byte limit for the browser")
        if "\x00" in text:
            raise InputError(f"{doc}: binary file, not text or HTML")
        out.append({"doc": doc, "text": text, "html": is_html})
    return out


def _check_name(name: str) -> None:
    if not name.lower().endswith(SUFFIXES):
        raise InputError(f"{name}: only .txt and .html files can be added")


def check_added(name: str, data: bytes) -> dict:
    """Validate one added file or pasted text; raise :class:`InputError` with a one-line reason."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            f"{name}: {len(data):,} bytes is over the {MAX_UPLOAD_BYTES:,}-byte limit for the browser"
        )
    _check_name(name)
    text = decode(data, name)
    is_html = name.lower().endswith((".html", ".htm"))
    article = article_from_text(text, name, is_html=is_html)  # raises if nothing readable is left
    return {
        "doc": name,
        "text": text,
        "html": is_html,
        "sentences": len(article.sentences),
        "article": article,
    }
