"""Discourse: what a line inherits from the heading above it.

Official announcements list routes as bare lines under a heading ("the following routes:", "Humanitarian
aid is planned to be delivered to:"), and a line such as "- Bucha – Bilohorodka;" only reads as a route in
that light. A line inherits the heading's route context when every line between them is a list line or
another heading ("Kyiv region:").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.model import Purpose, Sentence

#: How many list lines and sub-headings a heading reaches down.
MAX_LIST_RUN = 40

BULLET = re.compile(r"^\s*(?:[-–—•*·▪►‣○●]|\d{1,2}[.)]\s)")
_DASHED = re.compile(r"[A-Z][\w'’.-]*\s?[–—-]\s?(?:the )?[A-Z]")
HEADING_CUE = re.compile(
    r"\b(?:corridors?|routes?|evacuat\w*|convoys?|buses|trains?|directions?|safe passage|aid|deliver\w*|"
    r"assistance|supplies)\b",
    re.IGNORECASE,
)
_AID = re.compile(r"\b(?:aid|deliver\w*|assistance|supplies|cargo)\b", re.IGNORECASE)
_EVAC = re.compile(r"\b(?:corridors?|evacuat\w*|buses|trains?|safe passage|routes?)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LineContext:
    """A list line's inheritance: the heading sentence and what its routes are for."""

    heading_index: int
    purpose: Purpose


def is_heading(text: str) -> bool:
    return text.rstrip().endswith(":")


def is_list_line(text: str) -> bool:
    """A bullet, a numbered item, an item ending in ";" or ",", or a short line of dashed names."""
    t = text.strip()
    if BULLET.match(t) or t.endswith((";", ",")):
        return True
    return len(t.split()) <= 14 and bool(_DASHED.search(t))


def heading_purpose(text: str) -> Purpose:
    evac, aid = bool(_EVAC.search(text)), bool(_AID.search(text))
    if evac and aid:
        return Purpose.BOTH
    return Purpose.HUMANITARIAN_AID if aid else Purpose.EVACUATION


def line_contexts(sentences: Sequence[Sentence]) -> dict[int, LineContext]:
    """For each list line under a heading about routes, corridors or aid: that heading. One pass: a
    heading with a cue opens a run that list lines and cue-less sub-headings continue."""
    out: dict[int, LineContext] = {}
    current: LineContext | None = None
    run = 0
    for s in sentences:
        text = s.text
        if is_heading(text) and HEADING_CUE.search(text):
            current, run = LineContext(s.index, heading_purpose(text)), 0
            continue
        if current is not None and run < MAX_LIST_RUN and (is_list_line(text) or is_heading(text)):
            run += 1
            if not is_heading(text):
                out[s.index] = current
            continue
        current = None
    return out
