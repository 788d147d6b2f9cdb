"""Quotes: the part of a sentence a record carries, so output stays linear in the input.

Every mark answers "which sentence says so?" by quoting it. A news sentence is quoted whole; a freak
one (a 100 KB run of town names) is quoted as a window around the words that matter, or every mention
in it would repeat it and the output would grow with the square of its length.
"""

from __future__ import annotations

from geo.settings import MAX_QUOTE_CHARS, QUOTE_CONTEXT_CHARS

ELLIPSIS = "…"


def quote(sentence: str, start: int, end: int) -> tuple[str, int, int, int]:
    """``(text, start, end, offset)``: ``text[start:end] == sentence[start0:end0]`` for the span asked,
    ``offset`` where ``text`` begins in ``sentence`` (0 when the sentence is quoted whole)."""
    if len(sentence) <= MAX_QUOTE_CHARS:
        return sentence, start, end, 0
    lo = max(0, start - QUOTE_CONTEXT_CHARS)
    hi = min(len(sentence), max(end, start) + QUOTE_CONTEXT_CHARS)
    lo, hi = _word_edge_left(sentence, lo, start), _word_edge_right(sentence, hi, end)
    lead = ELLIPSIS if lo > 0 else ""
    tail = ELLIPSIS if hi < len(sentence) else ""
    text = lead + sentence[lo:hi] + tail
    shift = len(lead) - lo
    return text, start + shift, end + shift, lo - len(lead)


def head(sentence: str) -> str:
    """The sentence, or its first ``MAX_QUOTE_CHARS`` characters and an ellipsis."""
    return sentence if len(sentence) <= MAX_QUOTE_CHARS else sentence[:MAX_QUOTE_CHARS] + ELLIPSIS


def around(sentence: str, start: int) -> str:
    """The sentence, or a window of it around ``start``."""
    return quote(sentence, start, start)[0]


def _word_edge_left(s: str, lo: int, limit: int) -> int:
    cut = s.find(" ", lo, limit)
    return cut + 1 if cut != -1 and lo > 0 else lo


def _word_edge_right(s: str, hi: int, limit: int) -> int:
    cut = s.rfind(" ", limit, hi)
    return cut if cut != -1 and hi < len(s) else hi
