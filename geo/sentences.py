"""Sentence splitting that survives news abbreviations ("U.S.", "U.N.", "Feb. 24", "Gen.") and quotes.

Paragraphs (blank-line separated blocks) never share a sentence: headlines and captions have no final
period. Inside a paragraph a boundary is a ``.``, ``!`` or ``?`` (with any closing quotes or brackets)
followed by space and a capital, digit or opening quote, unless the word before it is an abbreviation.
"""

from __future__ import annotations

import re

from geo.model import Sentence

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st mt ft gen lt col maj capt cpl sgt adm cmdr gov sen rep rev hon pres supt det
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    inc co corp ltd jr sr no nos vs etc approx est dept univ assn ave blvd rd hwy dist sens reps gens
    ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn miss mo mont neb nev
    okla ore pa tenn tex vt va wash wis wyo""".split()
)
# Words that do start a new sentence after an initialism such as "U.S." ("... in the U.S. The ...").
SENTENCE_STARTERS = frozenset(
    "the a an he she it they we i but and in on at this that these those there his her their its our".split()
)
#: The one list of month names (date reading, sentence splitting and recognition all read it).
MONTHS = ("January February March April May June July August September October November December").split()
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
DAYS_AND_MONTHS = frozenset(
    [w.lower() for w in DAYS + MONTHS] + "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_INITIALISM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
_LIST_NUMBER = re.compile(r"\s*\d{1,3}[.)]")
#: A list line: a bullet or an item number first.
_LIST_LINE = re.compile(r"[ \t]*(?:[-–—•*·▪►‣○●][ \t]|\d{1,3}[.)][ \t])")


_WORD_BEFORE = re.compile(r"[A-Za-z.]+$")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")


def _is_abbreviation(before: str, after: str) -> bool:
    word = _WORD_BEFORE.search(before)
    if not word:
        return False
    token = word.group(0)
    if _INITIALISM.search(token + "."):  # U.S., U.N., a.m.
        nxt = after.split(maxsplit=1)[0].strip("\"'“‘(").lower() if after.strip() else ""
        if token.islower():  # "at 4 a.m. Residents fled": a time ends a sentence unless a day follows
            return nxt.rstrip(".,") in DAYS_AND_MONTHS
        return nxt not in SENTENCE_STARTERS
    bare = token.rstrip(".").rsplit(".", 1)[-1].lower()
    return bare in ABBREVIATIONS or (len(bare) == 1 and bare.isalpha())


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences with offsets; ``text[s.start:s.end] == s.text``."""
    out: list[Sentence] = []
    for para in _PARAGRAPH.finditer(text):
        for start, body in _units(para.start(), para.group(0)):
            _split_unit(out, text, start, body)
    return tuple(out)


def _units(start: int, para: str) -> list[tuple[int, str]]:
    """A paragraph's parts that never share a sentence: a list line ("- A – B;", "2. C – D") is a part of
    its own, and a line after one ending in ":" or ";" starts a part."""
    units: list[tuple[int, str]] = []
    at, unit_start, alone, closed = 0, 0, False, False
    for line in para.split("\n"):
        listed = bool(_LIST_LINE.match(line))
        if at > unit_start and (listed or alone or closed):
            units.append((start + unit_start, para[unit_start:at]))
            unit_start = at
        alone, closed = listed, line.rstrip().endswith((":", ";"))
        at += len(line) + 1
    units.append((start + unit_start, para[unit_start:]))
    return units


def _split_unit(out: list[Sentence], text: str, start: int, body: str) -> None:
    """The sentences of one unit, at ".", "!" or "?" before a capital, not after an abbreviation."""
    cut = 0
    for m in _BOUNDARY.finditer(body):
        end = m.end()
        if _list_number_before(body, m.start(), end):
            continue  # "1. Mariupol – Zaporizhzhia;": an item's number starts its line, ends nothing
        if (
            body[m.start()] == "."
            and m.end() - m.start() == 1
            and _is_abbreviation(body[max(0, m.start() - 40) : m.start()], body[end : end + 40])
        ):
            continue
        _append(out, text, start + cut, start + end)
        cut = end
    _append(out, text, start + cut, start + len(body))


def _list_number_before(body: str, at: int, end: int) -> bool:
    """Whether ``body[:end]`` ends a line that holds only an item number ("2."): the line's start is
    looked for among the few characters before ``at`` only (a long line has no number there)."""
    lo = max(0, at - 6)
    newline = body.rfind("\n", lo, at)
    line_start = newline + 1 if newline >= 0 else (0 if lo == 0 else -1)
    return line_start >= 0 and bool(_LIST_NUMBER.fullmatch(body, line_start, end))


def _append(out: list[Sentence], text: str, lo: int, hi: int) -> None:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if hi > lo:
        out.append(Sentence(len(out), lo, hi, text[lo:hi]))
