"""Sentence skeletons: place mentions replaced by numbered placeholders.

Route and claim patterns read "from <0> to <1>" instead of every spelling of every town, so one regular
expression serves all places.
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.model import SentencePlace


def skeleton(sentence: str, places: Sequence[SentencePlace]) -> str:
    """``sentence`` with the k-th of ``places`` (sorted, non-overlapping) written as ``<k>``."""
    out, pos = [], 0
    for k, p in enumerate(places):
        out.append(sentence[pos : p.start])
        out.append(f"<{k}>")
        pos = p.end
    out.append(sentence[pos:])
    return "".join(out)
