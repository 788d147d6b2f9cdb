"""Dates: when an article was published, and which day one of its sentences is about.

An article's date says where it came from (:class:`DateSource`); an article with none stays undated: a
file's modification time says when it was copied, not when the news happened, and is never used.

A sentence's day is its article's unless the sentence names its own ("yesterday", "on Monday",
"March 8", "8 March 2022"). Relative days need the article's date; a written date with its year does not.
A sentence naming two different days is left at the article's date: which event took which day is not
ours to guess.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from geo.sentences import DAYS, MONTHS

#: A written date further back than this from the article's day is history the sentence recalls ("the
#: bridge built on May 2, 1923"), not the day of what it reports.
PAST_HORIZON_DAYS = 31
#: A day-month date this far after the article's date is last year's (a January article about "December 28").
FUTURE_SLACK_DAYS = 7


class DateSource(StrEnum):
    """Where an article's date was read."""

    HTML_META = "html_meta"  # <meta property="article:published_time">, name="date", itemprop=...
    JSON_LD = "json_ld"  # "datePublished" in a JSON-LD block
    TIME_TAG = "time_tag"  # <time datetime="...">
    FEED = "feed"  # the RSS/Atom entry's published or updated date
    FILE_NAME = "file_name"  # an ISO date in the file's name (2022-03-19-kyiv.txt)
    DATELINE = "dateline"  # "KYIV, March 19, 2022 (Reuters) -" at the top
    TEXT = "text"  # the first full written date near the top


#: An article's date and where it was read, or (None, None).
Dated = tuple[str | None, "DateSource | None"]

_MONTH = {m.lower(): i for i, m in enumerate(MONTHS, start=1)}
_MONTH.update({m[:3].lower(): i for i, m in enumerate(MONTHS, start=1)})
_MONTH["sept"] = 9
_MONTH_ALT = "|".join(sorted(_MONTH, key=len, reverse=True))
_WEEKDAY = {d.lower(): i for i, d in enumerate(DAYS)}  # DAYS starts with Monday

ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
# "March 19, 2022", "Mar. 19 2022", "19 March 2022", with the year optional ("March 19", "19 March"); searched
# in lower-cased text (several times faster than IGNORECASE), and only at word starts (``(?=\w)`` spares the
# alternation the positions where a word ends)
MONTH_DAY = re.compile(
    rf"\b(?=\w)(?:(?P<m1>{_MONTH_ALT})\.?\s+(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
    rf"(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?"
    rf"|(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH_ALT})\b\.?(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?)"
)
# "on Monday", "last Tuesday", "Wednesday night", "early on Thursday"
WEEKDAY = re.compile(
    rf"\b(?:on|last|this|since|early|late)\s+(?P<a>{'|'.join(DAYS)})\b"
    rf"|\b(?P<b>{'|'.join(DAYS)})\s+(?:morning|afternoon|evening|night)\b"
)
#: Every month name holds one of these: a cheap test before MONTH_DAY's alternation (a literal first
#: letter lets the engine skip ahead).
_MONTH_WORD = re.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
#: Every way a sentence names a day has a digit (a written date) or the word "day" (a weekday, "yesterday",
#: "the day before"): a sentence with neither is its article's day, found with two cheap tests.
_DIGIT = re.compile(r"\d")
#: A sentence of an undated article can only be dated by a written date with its year: a cheap test first.
DATE_HINT = re.compile(r"(?:19|20)\d\d")
#: How far into the text a publication date is looked for (a byline, a dateline, "Published March 3, 2022").
DATE_WINDOW_CHARS = 1500
RELATIVE = re.compile(r"\b(yesterday|the day before)\b", re.IGNORECASE)


def parse_iso(text: str | None) -> date | None:
    """The first ISO date (YYYY-MM-DD) in ``text`` as a date, or None (also for impossible days)."""
    m = ISO_DATE.search(text or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def _article_day(article_date: str | None) -> date | None:
    """An article's date as a date: read once for all its sentences."""
    return parse_iso(article_date)


def _written(m: re.Match[str], year: int | None) -> date | None:
    month = _MONTH[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
    day = int(m.group("d1") or m.group("d2"))
    y = m.group("y1") or m.group("y2")
    try:
        return date(int(y) if y else year, month, day) if (y or year) else None  # type: ignore[arg-type]
    except ValueError:
        return None


def written_date(text: str) -> date | None:
    """The first full written date (with its year) in ``text``: "March 19, 2022", "19 March 2022"."""
    for m in MONTH_DAY.finditer(text.lower()):
        if m.group("y1") or m.group("y2"):
            found = _written(m, None)
            if found:
                return found
    return None


def dateline_date(text: str) -> date | None:
    """The date of a dateline on the article's first line ("KYIV, March 19, 2022 (Reuters) -")."""
    head = _dateline(text)
    return (parse_iso(head) or written_date(head)) if head else None


def _dateline(text: str) -> str | None:
    """The dateline part of a first line, up to its dash, parenthesis or colon; None when it has none."""
    first = text.lstrip().split("\n", 1)[0][:120]
    parts = re.split(r"\s[-—–]\s|\(|:", first, maxsplit=1)
    return parts[0] if len(parts) == 2 and len(parts[0]) <= 60 else None


#: A dateline opening an article: a place in capitals, perhaps a date and an agency, then a dash or colon
#: ("KYIV, March 3 (Reuters) - ", "RAFAH CROSSING, Egypt — ", "GAZA: ").
_DATELINE_LEAD = re.compile(
    r"\s*[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+)*(?:,[^\n\-—–:()]{0,40})?\s*(?:\([^()\n]{1,40}\)\s*)?"
    r"(?:[-—–]+|:\s*[-—–]*)\s"
)


def dateline_end(sentence: str) -> int:
    """Where a dateline at the start of ``sentence`` ends (0 when it has none): the place it names is
    where the story was filed, not where its events happened."""
    m = _DATELINE_LEAD.match(sentence)
    return m.end() if m else 0


def sentence_date(sentence: str, article_date: str | None) -> str | None:
    """The day ``sentence`` is about (ISO), else its article's date. See the module's docstring."""
    digits, day_word = _DIGIT.search(sentence) is not None, "day" in sentence.lower()
    if not digits and not day_word:
        return article_date
    base = _article_day(article_date)
    days: set[date] = set()
    if digits:  # a written date
        head = _dateline(sentence)
        if head and (parse_iso(head) or written_date(head)):  # "KYIV, March 9, 2022 (AP) -": the article's
            sentence = sentence[len(head) :]
        low = sentence.lower()
        for m in MONTH_DAY.finditer(low) if _MONTH_WORD.search(low) else ():
            d = _written(m, base.year if base else None)
            if d is None:
                continue
            if base and not (m.group("y1") or m.group("y2")) and d > base + timedelta(days=FUTURE_SLACK_DAYS):
                d = d.replace(year=d.year - 1) if not (d.month == 2 and d.day == 29) else d
            if base and not base - timedelta(days=PAST_HORIZON_DAYS) <= d <= base + timedelta(
                days=FUTURE_SLACK_DAYS
            ):
                continue
            days.add(d)
    if base and day_word:  # a weekday, "yesterday"
        for m in WEEKDAY.finditer(sentence):
            wanted = _WEEKDAY[(m.group("a") or m.group("b")).lower()]
            days.add(base - timedelta(days=(base.weekday() - wanted) % 7))
        if RELATIVE.search(sentence):
            days.add(base - timedelta(days=1))
    if len(days) == 1:
        return days.pop().isoformat()
    return article_date


def find_date(text: str, name: str = "") -> Dated:
    """The article's date when no markup gave one: an ISO date in its file name, a dateline, else the
    publication date written near its top (see :func:`byline_date`). Never the file's modification time
    (when it was copied)."""
    day = parse_iso(Path(name).name)
    if day:
        return day.isoformat(), DateSource.FILE_NAME
    day = dateline_date(text)
    if day:
        return day.isoformat(), DateSource.DATELINE
    day = byline_date(text[:DATE_WINDOW_CHARS])
    return (day.isoformat(), DateSource.TEXT) if day else (None, None)


#: A line that states its article's date: "Published ...", "Updated ...".
_BYLINE = re.compile(r"^\W*(?:published|updated|posted|dated?|last updated|first published)\b", re.IGNORECASE)
#: A line this short with a full date is a byline or a date line, not running text.
BYLINE_MAX_CHARS = 100


#: A date followed by a dateline ("... March 15, 2009 NEWARK -- "): the byline of a page saved as one line.
_DATE_DATELINE = re.compile(
    r"((?:19|20)\d\d)\s+[A-Z][A-Z.' ]{2,30}(?:,\s*[A-Za-z. ]{2,20})?\s*(?:--|—|–|-)\s"
)


def byline_date(top: str) -> date | None:
    """The publication date written near an article's top: a full date on a short line, after
    "Published"/"Updated", or closing a line (a photo caption: "..., Ukraine, March 30, 2022."). A date
    inside running text ("the bridge built on May 2, 1923") is history, not the publication day."""
    for line in top.split("\n"):
        line = line.strip()
        found = parse_iso(line) or written_date(line)
        if found is None:
            continue
        tail = line[-24:]
        closes = bool(re.search(r"\b(?:19|20)\d\d\W{0,3}$", tail)) and (written_date(tail) or parse_iso(tail))
        if len(line) <= BYLINE_MAX_CHARS or _BYLINE.match(line) or closes:
            return found
        for m in _DATE_DATELINE.finditer(line):
            day = written_date(line[max(0, m.end(1) - 24) : m.end(1)])
            if day:
                return day
    return None
