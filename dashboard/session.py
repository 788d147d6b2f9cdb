"""Which data a browser sees: the articles the server was started on, plus that browser's own.

Articles a user adds live in that browser's ``dcc.Store`` (never in module globals, never shared). The
server keeps only read-only results: the base articles' extraction, and a small cache of merged views
keyed by the exact added texts, so repeated callbacks do not extract twice.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

from dashboard.viewmodel import MapData, from_extraction
from geo.exc import InputError
from geo.model import Extraction
from geo.pipeline import ArticleResult, Extractor
from geo.reading import article_from_text, decode

#: Largest article a user may add in the browser, in bytes (the CLI's limit is larger).
MAX_UPLOAD_BYTES = 1_000_000
CACHE_SIZE = 32


@dataclass
class Corpus:
    """The server's read-only base extraction and a bounded cache of per-session views."""

    extractor: Extractor
    base: list[ArticleResult]
    errors: tuple[str, ...] = ()
    _cache: OrderedDict[str, tuple[Extraction, MapData]] = field(default_factory=OrderedDict)

    def __post_init__(self) -> None:
        base = self.extractor.merge(self.base, self.errors)
        self._base = (base, from_extraction(base))

    def view(self, added: list[dict] | None) -> tuple[Extraction, MapData]:
        """The base articles plus a session's added ones (``[{"doc", "text", "html"}]``)."""
        if not added:
            return self._base
        key = hashlib.sha256(repr([(a["doc"], a["text"]) for a in added]).encode()).hexdigest()
        if key not in self._cache:
            extra = [
                self.extractor.article(article_from_text(a["text"], a["doc"], is_html=a.get("html", False)))
                for a in added
            ]
            merged = self.extractor.merge(self.base + extra, self.errors)
            self._cache[key] = (merged, from_extraction(merged))
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        self._cache.move_to_end(key)
        return self._cache[key]

    def data(self, added: list[dict] | None) -> MapData:
        return self.view(added)[1]


def check_added(name: str, data: bytes) -> dict:
    """Validate one added file or pasted text; raise :class:`InputError` with a one-line reason."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            f"{name}: {len(data):,} bytes is over the {MAX_UPLOAD_BYTES:,}-byte limit for the browser"
        )
    lower = name.lower()
    if not lower.endswith((".txt", ".html", ".htm", ".text", ".md")):
        raise InputError(f"{name}: only .txt and .html files can be added")
    text = decode(data, name)
    is_html = lower.endswith((".html", ".htm"))
    article = article_from_text(text, name, is_html=is_html)  # raises if nothing readable is left
    return {"doc": name, "text": text, "html": is_html, "sentences": len(article.sentences)}
