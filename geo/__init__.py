"""corridormap's extraction engine: news text in, places, events, corridors and claims out.

Everything here is pure and offline: functions from text to frozen dataclasses (see ``geo.model``), with
file reading (``geo.reading``) and the gazetteer's on-disk cache (``geo.gazetteer``) kept at the edges.
"""

from geo.model import Article, Claim, Corridor, Event, Extraction, Mention, Place, Sentence
from geo.pipeline import extract_article, extract_text

__all__ = [
    "Article",
    "Claim",
    "Corridor",
    "Event",
    "Extraction",
    "Mention",
    "Place",
    "Sentence",
    "extract_article",
    "extract_text",
]
