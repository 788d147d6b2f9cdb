"""Corridors: routes named by sentences about corridors, evacuations, convoys and columns.

Place mentions in a sentence are replaced by placeholders (``<0>``, ``<1>`` ...) and route patterns run
over that skeleton, most specific first, each mention used once:

- "from X [through|via Y[, Z]] to W"
- "the evacuation of X and delivery of humanitarian aid to Y"
- "X – Y" (a dash between two places, as in route lists)
- "between X and Y"
- one named end: "aid to – and evacuation from – X" keeps ``destination=None``; no end is invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.geometry import distances_to_route_km, path_length_km
from geo.model import Corridor, Event, NearbyAttack
from geo.settings import ATTACK_BUFFER_KM, DENSIFY_KM

ROUTE_CUE = re.compile(r"\b(?:corridors?|convoys?|columns? of|buses|safe passage|routes?)\b", re.IGNORECASE)
CORRIDOR_CUE = re.compile(
    r"\b(?:corridors?|evacuat\w*|convoys?|columns? of|buses|bus|safe passage|"
    r"humanitarian route|routes?)\b",
    re.IGNORECASE,
)
EVAC_CUE = re.compile(
    r"\b(?:evacuat\w*|people|civilians|residents|column of|buses|refugees)\b", re.IGNORECASE
)
AID_CUE = re.compile(r"\b(?:aid|supplies|food|medicine|humanitarian cargo|deliver\w*)\b", re.IGNORECASE)
_P = r"<(\d+)>"
_LEAD = (
    r"(?:(?:the )?(?:besieged |occupied |encircled |port |southern |northern |eastern |western )*"
    r"(?:city|town|village|port|settlement) of )?"
)
_LIST = rf"{_LEAD}<\d+>(?:(?:,| and| or|, and|, or) {_LEAD}<\d+>)*"  # "Berdyansk, Tokmak and Enerhodar"
_VIA = rf"(?:,? (?:through|via|and through|and via|passing through) {_LIST})?"
FROM_TO = re.compile(
    rf"\bfrom (?:from )?(?P<orig>{_LIST})(?P<via>{_VIA}),? (?:on )?to(?:wards?)? "
    rf"(?P<dest>{_LIST})(?P<via2>{_VIA})",
    re.IGNORECASE,
)
LEFT_FOR = re.compile(
    rf"\b(?:left|departed|departing|leaving|set off from|set out from) (?P<orig>{_LIST})[^<;]{{0,40}}?"
    rf"\b(?:for|to|towards?) (?P<dest>{_LIST})(?P<via2>{_VIA})",
    re.IGNORECASE,
)
EVAC_THEN_AID = re.compile(
    rf"\bevacuat\w* (?:of|from) {_LEAD}{_P}[^<;]{{0,80}}?\b(?:aid|supplies|assistance|"
    rf"cargo|food)\b (?:to|for|into) {_LEAD}{_P}",
    re.IGNORECASE,
)
DASH = re.compile(rf"{_P} ?[–—-] ?{_P}")
BETWEEN = re.compile(rf"\bbetween {_LEAD}{_P} and {_LEAD}{_P}", re.IGNORECASE)
ONE_END = re.compile(
    rf"\b(?:evacuat\w* (?:of|from)|aid (?:to|for)|to|from)[\s–—,-]*(?:and (?:evacuat\w* "
    rf"(?:from|of)|aid (?:to|for))[\s–—,-]*)?{_LEAD}{_P}",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SentencePlace:
    """A resolved place mention inside one sentence (offsets within the sentence)."""

    start: int
    end: int
    place_id: str
    name: str
    lat: float
    lon: float
    precision: str


def _skeleton(sentence: str, places: list[SentencePlace]) -> str:
    out, pos = [], 0
    for k, p in enumerate(places):
        out.append(sentence[pos : p.start])
        out.append(f"<{k}>")
        pos = p.end
    out.append(sentence[pos:])
    return "".join(out)


def _purpose(clause: str) -> str:
    evac, aid = bool(EVAC_CUE.search(clause)), bool(AID_CUE.search(clause))
    if evac and aid:
        return "both"
    return "humanitarian_aid" if aid else "evacuation"


def find_routes(sentence: str, places: list[SentencePlace]) -> list[tuple[list[int], bool, str]]:
    """Routes in one sentence as (indices of places in order, has destination, purpose)."""
    places = [p for p in places if p.precision == "city"]
    if len(places) == 0 or not CORRIDOR_CUE.search(sentence):
        return []
    skel = _skeleton(sentence, places)
    used: set[int] = set()
    routes: list[tuple[list[int], bool, int]] = []

    def take(idx: list[int], closed: bool, span: tuple[int, int]) -> None:
        if any(i in used for i in idx) or len(set(idx)) != len(idx):
            return
        used.update(idx)
        routes.append((idx, closed, span[1]))

    for rx in (FROM_TO, LEFT_FOR):  # lists fan out: "from A and B to C" is A -> C and B -> C
        for m in rx.finditer(skel):
            groups = m.groupdict()
            origins, dests = _indices(groups["orig"]), _indices(groups["dest"])
            vias = _indices(groups.get("via")) + _indices(groups.get("via2"))
            if used & set(origins + dests + vias):
                continue
            for o in origins:
                for d in dests:
                    if o != d:
                        routes.append(([o, *vias, d], True, m.end()))
            used.update(origins + dests + vias)
    for rx in (EVAC_THEN_AID, DASH, BETWEEN):
        for m in rx.finditer(skel):
            take([int(m.group(1)), int(m.group(2))], True, m.span())
    for m in ONE_END.finditer(skel) if ROUTE_CUE.search(sentence) else ():
        i = int(m.group(1))
        if i not in used and not _is_reference_point(skel, m.end()):
            take([i], False, m.span())
    routes.sort(key=lambda r: r[2])
    # each route's purpose is read from its own clause: from the previous route's end to its end
    ends = [0] + [end for _, _, end in routes]
    return [(idx, closed, _purpose(skel[ends[k] : end])) for k, (idx, closed, end) in enumerate(routes)]


def _indices(text: str | None) -> list[int]:
    return [int(i) for i in re.findall(_P, text or "")]


def _is_reference_point(skel: str, end: int) -> bool:
    """ "... 84 kilometers south of Mariupol": a place named as a bearing reference is not a route end."""
    return bool(
        re.search(r"\b(?:north|south|east|west)\w* of[^<]*$", skel[max(0, end - 60) : end].split(">")[-1])
    )


def build_corridors(
    doc: str, sentence_index: int, sentence: str, places: list[SentencePlace], date: str | None = None
) -> list[Corridor]:
    """Corridors named by one sentence (without attacks; see :func:`with_attacks`)."""
    city_places = [p for p in places if p.precision == "city"]
    out = []
    for idx, closed, purpose in find_routes(sentence, places):
        stops = [city_places[i] for i in idx]
        path = tuple((p.lat, p.lon) for p in stops)
        out.append(
            Corridor(
                doc=doc,
                sentence_index=sentence_index,
                sentence=sentence,
                origin=stops[0].name,
                destination=stops[-1].name if closed else None,
                via=tuple(p.name for p in stops[1:-1]),
                purpose=purpose,
                place_ids=tuple(p.place_id for p in stops),
                path=path,
                length_km=round(path_length_km(path), 1) if closed else None,
                date=date,
            )
        )
    return out


def with_attacks(
    corridor: Corridor,
    attacks: list[tuple[Event, str, tuple[float, float]]],
    buffer_km: float = ATTACK_BUFFER_KM,
) -> Corridor:
    """The corridor with the attack events whose place lies within ``buffer_km`` of its line."""
    from dataclasses import replace

    near = []
    distances = distances_to_route_km(corridor.path, [latlon for _, _, latlon in attacks], DENSIFY_KM)
    for (event, place_name, _), d in zip(attacks, distances, strict=True):
        if d <= buffer_km:
            near.append(
                NearbyAttack(place_name, round(d, 1), event.sentence, event.doc, event.sentence_index)
            )
    return replace(corridor, attacks_nearby=tuple(near))
