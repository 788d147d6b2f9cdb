"""Cues: case-insensitive word tests that gate the costlier patterns.

They run on every sentence, so they are written for speed: the pattern is compiled in lower case and
searched in lower-cased text, two to three times faster than Python's ``re.IGNORECASE``.
"""

from __future__ import annotations

import re

_UPPER_ESCAPES = re.compile(r"\\[WSDBAZ]")


class Cue:
    """A word test: ``Cue(r"\\b(?:corridors?|evacuat\\w*)\\b").search("Evacuation began")``."""

    __slots__ = ("_rx",)

    def __init__(self, pattern: str) -> None:
        if _UPPER_ESCAPES.search(pattern):  # lower-casing would change what they mean
            raise ValueError(f"a cue cannot use upper-case escapes: {pattern!r}")
        self._rx = re.compile(pattern.lower())

    def search(self, text: str) -> bool:
        return self._rx.search(text.lower()) is not None

    @property
    def pattern(self) -> str:
        return self._rx.pattern
