"""Length-preserving text folding, so that a match in folded text is a match in the original.

Gazetteer keys and article text are both folded with :func:`fold`: lower case, diacritics dropped,
typographic quotes and dashes made plain. Each character maps to exactly one character, which keeps every
offset found in folded text valid in the original text, the only way a mention can point at its surface.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_PLAIN = {
    "\u2019": "'",
    "\u2018": "'",
    "\u02bc": "'",
    "\u00b4": "'",
    "`": "'",
    "\u2013": "-",
    "\u2014": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\t": " ",
    "\n": " ",
    "\r": " ",
    "\u00df": "s",
    "\u0131": "i",
    "\u0142": "l",
    "\u00f8": "o",
    "\u0111": "d",
    "\u00e6": "a",
}


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in _PLAIN:
        return _PLAIN[ch]
    low = ch.lower()
    if len(low) != 1:  # e.g. "İ" lowers to two code points
        low = ch
    if low in _PLAIN:
        return _PLAIN[low]
    if low.isascii():
        return low
    base = unicodedata.normalize("NFKD", low)[:1]
    return base if base.isascii() and base.isalpha() else low


class _FoldTable(dict):
    """A ``str.translate`` table that computes (and keeps) each character's folding on first sight."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold ``text`` for matching; ``len(fold(text)) == len(text)`` always."""
    return text.translate(_TABLE)


def fold_key(name: str) -> str:
    """Fold a gazetteer name into its lookup key (also collapsing runs of white space)."""
    return " ".join(fold(name).split())


def is_latin_name(name: str) -> bool:
    """True when ``name`` folds to plain Latin letters, spaces and name punctuation only."""
    key = fold_key(name)
    return bool(key) and any(c.isalpha() for c in key) and all(("a" <= c <= "z") or c in " -'." for c in key)


_SKELETON_RULES = (
    ("'", ""),
    ("-", " "),
    ("shch", "sh"),
    ("zhzh", "zh"),
    ("kh", "h"),
    ("g", "h"),
    ("ye", "e"),
    ("ie", "e"),
    ("je", "e"),
    ("ya", "a"),
    ("ia", "a"),
    ("ja", "a"),
    ("yu", "u"),
    ("iu", "u"),
    ("ju", "u"),
    ("yi", "i"),
    ("iy", "i"),
    ("yy", "i"),
    ("y", "i"),
)


def skeleton(key: str) -> str:
    """A transliteration-insensitive form of a folded key, for names romanised from Cyrillic in several
    ways: "Zaporizhzhia", "Zaporizhia" and "Zaporizh'ya" share one skeleton, as do "Berdjansk" and
    "Berdiansk". Doubled letters collapse ("Odessa", "Odesa")."""
    out = key
    for a, b in _SKELETON_RULES:
        out = out.replace(a, b)
    collapsed: list[str] = []
    for ch in out:
        if not collapsed or ch != collapsed[-1] or not ch.isalpha():
            collapsed.append(ch)
    return "".join(collapsed)
