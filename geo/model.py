"""The data model: frozen dataclasses from article to corridor.

Every mark on the map answers "which sentence says so?": a :class:`Mention` carries its sentence and the
offsets of its surface in it, and events, corridors and claims carry the sentence they came from.
Coordinates are always named ``lat``/``lon``; conversion to shapely's (x=lon, y=lat) lives in
``geo.geometry`` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from geo.schema import Precision


class EventType(StrEnum):
    """What a sentence reports. A sentence may report several."""

    ATTACK = "attack"
    EVACUATION = "evacuation"
    HUMANITARIAN_AID = "humanitarian_aid"
    REFUGEES = "refugees"
    NEGOTIATION = "negotiation"
    MILITARY_MOVEMENT = "military_movement"
    OTHER = "other"


class Role(StrEnum):
    """How a name is used: as a place, or as a country's demonym ("Ukrainian"), kept but never drawn."""

    PLACE = "place"
    DEMONYM = "demonym"


class Purpose(StrEnum):
    """What a corridor is for."""

    EVACUATION = "evacuation"
    HUMANITARIAN_AID = "humanitarian_aid"
    BOTH = "both"


EVENT_TYPES = tuple(t.value for t in EventType)


@dataclass(frozen=True, slots=True)
class SentencePlace:
    """A resolved place mention inside one sentence (offsets within the sentence), as the event, corridor
    and claim readers see it."""

    start: int
    end: int
    place_id: str
    name: str
    lat: float
    lon: float
    precision: str
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence that states a corridor: an article restating a route lists each statement."""

    sentence_index: int
    sentence: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of an article; ``start``/``end`` are offsets into the article text."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: ``text`` is what sentences and offsets refer to."""

    doc: str
    text: str
    sentences: tuple[Sentence, ...]
    title: str | None = None
    date: str | None = None  # ISO day of publication, None when nothing in or around the text says
    date_source: str | None = None  # a geo.dates.DateSource value: where ``date`` was read


@dataclass(frozen=True, slots=True)
class Mention:
    """A place name as written: ``sentence[start:end] == surface``.

    A very long sentence is quoted as a window around the surface (``offset`` says where it begins).
    ``role`` is ``"place"`` for a toponym and ``"demonym"`` for a country reference such as "Ukrainian",
    which is kept in the output but never drawn as a place.
    """

    doc: str
    sentence_index: int
    sentence: str
    start: int
    end: int
    surface: str
    role: Role = Role.PLACE
    offset: int = 0  # where ``sentence`` starts in the full sentence, when only a window is quoted


#: The precision of a place the text names but no gazetteer holds: listed, never pinned.
UNLOCATED = Precision.UNLOCATED


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved gazetteer entry and every mention of it. An unlocated place ("the village of X" that no
    gazetteer holds) has ``lat``/``lon`` None and precision ``"unlocated"``: it is listed, never drawn."""

    place_id: str
    name: str
    lat: float | None
    lon: float | None
    precision: str
    country_code: str | None
    admin1: str | None
    geonameid: int | None
    population: int
    confidence: float
    mentions: tuple[Mention, ...] = ()
    label: str = ""  # the spelling its articles use most ("Zaporizhzhia"); ``name`` is the gazetteer's

    @property
    def display(self) -> str:
        """What a reader sees: the articles' spelling, else the gazetteer's."""
        return self.label or self.name

    @property
    def drawn(self) -> bool:
        """A place referred to only by demonyms is a country reference, not a pin; an unlocated place
        cannot be one."""
        return self.lat is not None and any(m.role == Role.PLACE for m in self.mentions)


@dataclass(frozen=True, slots=True)
class Event:
    """One event type reported by one sentence, with the places that locate it."""

    doc: str
    sentence_index: int
    sentence: str
    event_type: EventType
    subtype: str | None
    place_ids: tuple[str, ...]
    places: tuple[str, ...]
    triggers: tuple[str, ...]
    date: str | None = None


@dataclass(frozen=True, slots=True)
class NearbyAttack:
    """An attack event whose place lies within the corridor's buffer."""

    place: str
    distance_km: float
    sentence: str
    doc: str
    sentence_index: int


@dataclass(frozen=True, slots=True)
class Corridor:
    """A route named by a sentence: origin, optional via towns, destination (None if unnamed).

    ``path`` holds (lat, lon) of origin, vias and destination in order; the geometry densified along the
    great circle is built from it by ``geo.geometry``.
    """

    doc: str
    sentence_index: int
    sentence: str
    origin: str
    destination: str | None
    via: tuple[str, ...]
    purpose: Purpose
    place_ids: tuple[str, ...]
    path: tuple[tuple[float, float], ...]
    length_km: float | None
    attacks_nearby: tuple[NearbyAttack, ...] = ()
    date: str | None = None
    statements: tuple[Statement, ...] = ()
    unlocated: tuple[str, ...] = ()  # stops the text names but no gazetteer holds

    @property
    def drawable(self) -> bool:
        """Both named ends are located (a line can be drawn), or the one named end is."""
        return bool(self.path) and not self.unlocated_end

    @property
    def unlocated_end(self) -> bool:
        return self.origin in self.unlocated or (
            self.destination is not None and self.destination in self.unlocated
        )

    @property
    def all_statements(self) -> tuple[Statement, ...]:
        """Every sentence that states this corridor, the defining one first."""
        return self.statements or (Statement(self.sentence_index, self.sentence),)


@dataclass(frozen=True, slots=True)
class Claim:
    """A stated distance/direction between two places, checked against the gazetteer."""

    doc: str
    sentence_index: int
    sentence: str
    subject: str
    reference: str
    stated_km: float | None
    stated_direction: str | None
    computed_km: float
    computed_bearing: float
    computed_direction: str
    distance_ok: bool | None
    direction_ok: bool | None
    direction_off_deg: float | None = None
    explanation: str = ""
    subject_lat: float = 0.0
    subject_lon: float = 0.0
    reference_lat: float = 0.0
    reference_lon: float = 0.0
    date: str | None = None  # the article's day (set when read back from the store)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from a set of articles."""

    articles: tuple[Article, ...] = ()
    places: tuple[Place, ...] = ()
    events: tuple[Event, ...] = ()
    corridors: tuple[Corridor, ...] = ()
    claims: tuple[Claim, ...] = ()
    errors: tuple[str, ...] = field(default=())
