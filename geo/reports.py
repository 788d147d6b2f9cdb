"""One event, many reports: the same shelling told by ten outlets is one event with ten sources.

The rule, for events: two reports are of one event when they have the same type and subtype, they place
it within ``SAME_EVENT_KM`` of each other (any of their places), and their days are at most
``SAME_EVENT_DAYS`` apart. Undated reports can only join reports of the same article (the article is
their one time frame); a report no place locates stays on its own. Joining is transitive (A~B and B~C
make one event), as reports of a running battle are. Only towns count as places here: two reports "in
Ukraine" are not thereby one event.

For corridors: the same ends in the same order (a corridor announced on Monday and restated on
Wednesday is one corridor, with the range of days). For claims: the same two places and the same stated
figures. Merging never drops a source: every report is one entry of ``sources``.

Candidate pairs come from a grid of cells the size of ``SAME_EVENT_KM``, so the work is near-linear.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from geo.geometry import distance_km
from geo.model import Claim, Corridor, Event, Place
from geo.schema import Precision

#: Reports of one event place it within this many kilometres (a town and its outskirts, a city's two
#: names in two gazetteer rows, a district and its centre).
SAME_EVENT_KM = 5.0
#: ... and date it at most this many days apart (a night strike reported the next day and the day after).
SAME_EVENT_DAYS = 2
#: Reports compared per grid cell and day window: bounds the work when thousands share a cell.
MAX_CANDIDATES = 64

T = TypeVar("T", Event, Corridor, Claim)


@dataclass(frozen=True, slots=True)
class Source:
    """One report: which sentence of which article, and its day."""

    doc: str
    sentence_index: int
    sentence: str
    date: str | None


@dataclass(frozen=True, slots=True)
class Reported(Generic[T]):
    """A record (the earliest report stands for it) with every report of it, earliest first."""

    record: T
    sources: tuple[Source, ...]

    @property
    def first_seen(self) -> str | None:
        days = [s.date for s in self.sources if s.date]
        return min(days) if days else None

    @property
    def last_seen(self) -> str | None:
        days = [s.date for s in self.sources if s.date]
        return max(days) if days else None


def source(r: Event | Corridor | Claim, day: str | None) -> Source:
    return Source(r.doc, r.sentence_index, r.sentence, day)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _ordinal(day: str | None) -> int | None:
    try:
        return date.fromisoformat(day).toordinal() if day else None
    except ValueError:
        return None


def _cell(lat: float, lon: float) -> tuple[int, int]:
    step = SAME_EVENT_KM / 111.0  # degrees of latitude
    return int(lat // step), int(lon * max(math.cos(math.radians(lat)), 0.01) // step)


def _same_time(a: Event, b: Event, da: int | None, db: int | None) -> bool:
    if da is None or db is None:
        return da is None and db is None and a.doc == b.doc
    return abs(da - db) <= SAME_EVENT_DAYS


def _located(e: Event, places: dict[str, Place]) -> list[tuple[float, float]]:
    """Where an event is, to within a few kilometres: its towns. A country or a region is too coarse to
    say two reports are of one event (two attacks "in Ukraine" a day apart are not one attack)."""
    found = (places.get(pid) for pid in e.place_ids)
    return [
        (p.lat, p.lon)
        for p in found
        if p is not None and p.precision == Precision.CITY and p.lat is not None and p.lon is not None
    ]


def _near(lat: float, lon: float) -> list[tuple[int, int]]:
    """The grid cell of a point and its eight neighbours: every point within ``SAME_EVENT_KM``."""
    cy, cx = _cell(lat, lon)
    return [(cy + dy, cx + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]


def merge_events(events: Sequence[Event], places: dict[str, Place]) -> list[Reported[Event]]:
    """Events with all their reports; see the module docstring for the rule."""
    days = [_ordinal(e.date) for e in events]
    spots = [_located(e, places) for e in events]
    union = _Union(len(events))
    grid: dict[Hashable, list[int]] = defaultdict(list)

    def match(i: int) -> int | None:
        e, tried = events[i], 0
        for lat, lon in spots[i]:
            for cy, cx in _near(lat, lon):
                for j in reversed(grid.get((e.event_type, e.subtype, cy, cx), ())):
                    tried += 1
                    if tried > MAX_CANDIDATES:
                        return None
                    if _same_time(e, events[j], days[i], days[j]) and any(
                        distance_km((lat, lon), q) <= SAME_EVENT_KM for q in spots[j]
                    ):
                        return j
        return None

    for i in sorted(range(len(events)), key=lambda i: (days[i] is None, days[i] or 0)):
        j = match(i)
        if j is not None:
            union.join(i, j)
        for lat, lon in spots[i]:
            grid[(events[i].event_type, events[i].subtype, *_cell(lat, lon))].append(i)
    return _groups(events, union, lambda e: e.date)


def merge_corridors(corridors: Sequence[Corridor]) -> list[Reported[Corridor]]:
    """Corridors with the same ends in the same order, each with every restatement."""

    def key(c: Corridor) -> Hashable:
        ends = (c.place_ids[0], c.place_ids[-1]) if c.place_ids else (c.origin, c.destination)
        return (ends, c.destination is None, c.purpose)

    return _by_key(corridors, key)


def merge_claims(claims: Sequence[Claim]) -> list[Reported[Claim]]:
    """Claims about the same two places with the same stated figures."""
    return _by_key(claims, lambda c: (c.subject, c.reference, c.stated_km, c.stated_direction))


def _by_key(records: Sequence[T], key: Callable[[T], Hashable]) -> list[Reported[T]]:
    union = _Union(len(records))
    first: dict[Hashable, int] = {}
    for i, r in enumerate(records):
        union.join(first.setdefault(key(r), i), i)
    return _groups(records, union, lambda r: getattr(r, "date", None))


def _groups(records: Sequence[T], union: _Union, day: Callable[[T], str | None]) -> list[Reported[T]]:
    members: dict[int, list[int]] = defaultdict(list)  # in order of each group's first record
    for i in range(len(records)):
        members[union.find(i)].append(i)
    out = []
    for idx in members.values():
        idx.sort(key=lambda i: (day(records[i]) is None, day(records[i]) or "", i))
        out.append(Reported(records[idx[0]], tuple(source(records[i], day(records[i])) for i in idx)))
    return out
