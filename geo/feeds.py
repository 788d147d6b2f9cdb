"""Articles from RSS/Atom feed files: each entry is an article, dated by the feed.

Parsing is pure (bytes in, items out); fetching a feed's URL happens only when the caller asks for it
(``corridormap ingest --online``), never here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from html import escape

from geo.dates import Dated, DateSource

#: Suffixes of feed files; other files are sniffed (an .xml that is not a feed is not read as one).
FEED_SUFFIXES = (".rss", ".atom", ".xml")


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed entry as an article to read: its name, its HTML and the feed's date for it."""

    doc: str
    html: str
    dated: Dated


def looks_like_feed(data: bytes) -> bool:
    """An RSS or Atom document (by its root element), whatever the file is called."""
    head = data[:2000].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def _day(entry: dict) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def feed_entries(data: bytes, name: str) -> list[Entry]:
    """The entries of a feed document; an entry with no text is skipped. ``doc`` is ``name#id``."""
    import feedparser

    parsed = feedparser.parse(data)
    out = []
    for i, entry in enumerate(parsed.entries):
        body = entry.get("content", [{}])[0].get("value") if entry.get("content") else None
        body = body or entry.get("summary") or ""
        title = entry.get("title") or ""
        if not (body.strip() or title.strip()):
            continue
        key = entry.get("id") or entry.get("link") or str(i + 1)
        head = escape(title)
        html = f"<html><head><title>{head}</title></head><body><article><h1>{head}</h1>{body}</article>"
        day = _day(entry)
        out.append(Entry(f"{name}#{key}", html, (day, DateSource.FEED if day else None)))
    return out
