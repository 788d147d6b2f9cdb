"""Read articles from files: decode, strip HTML and site chrome, split into sentences.

The only module that touches the file system for input. Every failure is an :class:`InputError` with a
one-line message naming the file, so a caller can report it and carry on with the other files.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.dates import Dated, DateSource, find_date, parse_iso
from geo.exc import InputError
from geo.model import Article
from geo.sentences import split_sentences
from geo.settings import HTML_SUFFIXES, MAX_INPUT_BYTES, TEXT_SUFFIXES

# Whole lines that are site furniture, not article text (compared case-insensitively).
CHROME_LINES = frozenset(
    s.lower()
    for s in (
        "Accessibility links",
        "Breaking News",
        "Skip to main content",
        "Skip to content",
        "Skip navigation",
        "Share this article",
        "Share",
        "Advertisement",
        "Most Read",
        "Most Popular",
        "Related",
        "Related Stories",
        "Follow us",
        "Sign up",
        "Subscribe",
        "Print",
        "Email",
        "Comments",
        "Read more",
        "Top Stories",
        "Menu",
        "Search",
        "Home",
        "Share on Facebook",
        "Share on Twitter",
        "Copy link",
        "Live",
    )
)
# Word-processor field errors pasted along with copied text.
DEBRIS = re.compile(
    r"Error! (?:Hyperlink reference not valid|Bookmark not defined|Reference source not found)\.\s*"
)


def decode(data: bytes, name: str = "input") -> str:
    """Bytes to text: UTF-8 (with or without BOM), else the most likely legacy code page (cp1251, latin-1)."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"{name}: broken UTF-16 text ({exc.reason})") from exc
    if b"\x00" in data[:8192] or _control_share(data[:8192]) > 0.1:
        raise InputError(f"{name}: binary file, not text or HTML")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1251", "cp1252", "latin_1", "koi8_r", "iso8859_2"]).best()
    return str(best) if best is not None else data.decode("latin-1")


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


def _control_share(chunk: bytes) -> float:
    """Share of control bytes (not tab, newline, form feed, carriage return): high in binary files."""
    return (len(chunk) - len(chunk.translate(None, _CONTROL_BYTES))) / max(len(chunk), 1)


#: Deeper element nesting than this is no article (news pages nest a few dozen levels); the HTML parser's
#: cost grows faster than the depth, so such a page is read by the flat reader instead.
MAX_HTML_DEPTH = 512
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIPPED = ("script", "style", "noscript", "template", "svg", "head")
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|li|h[1-6]|blockquote|figcaption|tr|td|th|section|article|dd|dt|pre|table|ul|ol|figure)"
    r"\b[^>]*>",
    re.IGNORECASE,
)


def html_depth(html: str) -> int:
    """The deepest element nesting of ``html``, read from its tags in one pass (void tags don't nest)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif not selfclosing and name not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flat_html_text(html: str) -> str:
    """The text of pathological HTML in linear time: skipped elements cut out, blocks made lines, every
    other tag dropped, entities decoded."""
    import html as htmllib

    low = html.lower()
    kept, pos = [], 0
    following = {t: low.find(f"<{t}") for t in _SKIPPED}  # each search only ever moves forward
    while True:
        for t, at in following.items():
            if at != -1 and at < pos:
                following[t] = low.find(f"<{t}", pos)
        starts = [(at, t) for t, at in following.items() if at != -1]
        if not starts:
            break
        i, t = min(starts)
        kept.append(html[pos:i])
        close = low.find(f"</{t}", i)
        if close == -1:
            pos = len(html)
            break
        end = low.find(">", close)
        pos = len(html) if end == -1 else end + 1
    kept.append(html[pos:])
    text = _BLOCK_TAG.sub("\n", "".join(kept))
    return htmllib.unescape(re.sub(r"<[^>]*>", "", text))


def _json_ld_date(tree: Any) -> str | None:
    """``datePublished`` (else ``dateCreated``) of the page's JSON-LD blocks."""
    for node in tree.css('script[type="application/ld+json"]'):
        found = re.search(r'"date(?:Published|Created)"\s*:\s*"([^"]+)"', node.text() or "")
        day = parse_iso(found.group(1)) if found else None
        if day:
            return day.isoformat()
    return None


def _html_date(tree: Any) -> Dated:
    """The page's publication date and where it was read: metadata, JSON-LD, then a <time> element."""
    for sel in (
        'meta[property="article:published_time"]',
        'meta[name="date"]',
        'meta[name="pubdate"]',
        'meta[itemprop="datePublished"]',
    ):
        node = tree.css_first(sel)
        day = parse_iso(node.attributes.get("content")) if node else None
        if day:
            return day.isoformat(), DateSource.HTML_META
    ld = _json_ld_date(tree)
    if ld:
        return ld, DateSource.JSON_LD
    node = tree.css_first("time[datetime]")
    day = parse_iso(node.attributes.get("datetime")) if node else None
    return (day.isoformat(), DateSource.TIME_TAG) if day else (None, None)


def html_to_text(html: str) -> tuple[str, str | None, Dated]:
    """Visible article text of an HTML page, one block per line; also its title and publication date."""
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    if html_depth(html) > MAX_HTML_DEPTH:
        return flat_html_text(html), None, (None, None)
    tree = HTMLParser(html)
    date = _html_date(tree)
    title_node = tree.css_first("title")
    title = title_node.text(strip=True) if title_node else None
    tree.strip_tags(
        [
            "script",
            "style",
            "noscript",
            "template",
            "svg",
            "iframe",
            "object",
            "embed",
            "canvas",
            "nav",
            "header",
            "footer",
            "aside",
            "form",
            "button",
            "select",
            "head",
        ]
    )
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        return "", title, date
    parts: list[str] = []
    blocks = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "figcaption",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "dd",
        "dt",
        "pre",
        "table",
        "ul",
        "ol",
        "figure",
    }
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(node.text_content or "")
        elif node.tag in blocks:
            parts.append("\n")
    return "".join(parts), title, date


def clean_text(text: str) -> str:
    """Drop chrome lines and word-processor debris, count a repeated paragraph (a doubled caption) once."""
    text = DEBRIS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept: list[str] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        line = " ".join(line.split())
        if not line or line.lower().rstrip(":|") in CHROME_LINES:
            continue
        if line in seen and len(line) > 20:
            continue
        seen.add(line)
        kept.append(line)
    return "\n\n".join(kept)


def article_from_text(raw: str, doc: str, *, is_html: bool = False, dated: Dated = (None, None)) -> Article:
    """Build an :class:`Article` from decoded text (or HTML); ``dated`` is a date known from outside the
    text (a feed entry's), used when the page itself carries none."""
    title = None
    date: Dated = (None, None)
    if is_html or _looks_like_html(raw):
        raw, title, date = html_to_text(raw)
    text = clean_text(raw)
    if not text.strip():
        raise InputError(f"{doc}: no article text found")
    if date[0] is None:
        date = dated if dated[0] is not None else find_date(text, doc)
    return Article(
        doc=doc,
        text=text,
        sentences=split_sentences(text),
        title=title,
        date=date[0],
        date_source=str(date[1]) if date[1] else None,
    )


def _looks_like_html(raw: str) -> bool:
    head = raw[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(p|div|body|article)\b", head))


def read_bytes(path: str | Path) -> bytes:
    """A regular file's bytes, at most ``MAX_INPUT_BYTES``; an :class:`InputError` names what is wrong."""
    p = Path(path)
    name = str(path)
    try:
        mode = p.stat().st_mode  # one look at the file (an ingest reads hundreds of thousands)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if stat.S_ISDIR(mode):
        raise InputError(f"{name}: is a folder (pass it to read_articles)")
    if not stat.S_ISREG(mode):  # a device (/dev/zero), a FIFO or a socket would read forever or block
        raise InputError(f"{name}: not a regular file")
    try:
        with p.open("rb") as fh:
            # a buffer of the size the file states (read(n) sets n bytes aside first: 5 MB for every
            # small article), then whatever it grew by since: the bytes read are capped either way
            size = min(os.fstat(fh.fileno()).st_size, MAX_INPUT_BYTES)
            data = fh.read(size + 1)
            if len(data) > size:
                data += fh.read(MAX_INPUT_BYTES + 1 - len(data))
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{name}: over the {MAX_INPUT_BYTES:,}-byte limit")
    return data


def read_article(path: str | Path) -> Article:
    """Read one file as an article; ``doc`` is the path as given."""
    name = str(path)
    data = read_bytes(path)
    return article_from_text(decode(data, name), name, is_html=Path(path).suffix.lower() in HTML_SUFFIXES)


#: Files that describe a folder rather than report news (README.md, LICENSE.txt): skipped in folders,
#: still read when named on their own.
FOLDER_NOTES = frozenset({"readme", "license", "licence", "changelog", "copying", "notice", "authors"})


def folder_files(path: str | Path, extra_suffixes: tuple[str, ...] = ()) -> list[str]:
    """A file named, or the article files inside a folder named (sorted, recursively)."""
    p = Path(path)
    if not p.is_dir():
        return [str(path)]
    suffixes = TEXT_SUFFIXES + HTML_SUFFIXES + extra_suffixes
    return [
        str(c)
        for c in sorted(p.rglob("*"))
        if c.is_file() and c.suffix.lower() in suffixes and c.stem.lower() not in FOLDER_NOTES
    ]


def read_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[str]]:
    """Read every file; a bad one becomes a one-line error and the rest are still read."""
    articles, errors = [], []
    for path in paths:
        names = folder_files(path)
        if not names:
            errors.append(f"{path}: no .txt or .html files in this folder")
        for name in names:
            try:
                articles.append(read_article(name))
            except InputError as exc:
                errors.append(str(exc))
    return articles, errors
