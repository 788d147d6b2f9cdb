"""Claims: a stated distance or direction between two places, checked against the gazetteer.

"Berdyansk, located about 84 kilometers south of Mariupol" states 84 km due south; the gazetteer says
68 km west-southwest. Both are reported, and the claim is judged: the distance within a share
(``CLAIM_DISTANCE_TOLERANCE``) and the direction within 45 degrees. Road distances run longer than
straight lines, so a stated distance is only called wrong when it is off by more than that share.
"""

from __future__ import annotations

import re

from geo.geometry import bearing_deg, compass, distance_km
from geo.model import Claim, SentencePlace
from geo.settings import CLAIM_DISTANCE_TOLERANCE
from geo.skeleton import skeleton

_DIRS = {
    "north": 0,
    "northeast": 45,
    "east": 90,
    "southeast": 135,
    "south": 180,
    "southwest": 225,
    "west": 270,
    "northwest": 315,
    "north-northeast": 22.5,
    "east-northeast": 67.5,
    "east-southeast": 112.5,
    "south-southeast": 157.5,
    "south-southwest": 202.5,
    "west-southwest": 247.5,
    "west-northwest": 292.5,
    "north-northwest": 337.5,
}
_BEARING = {k.replace("-", ""): v for k, v in _DIRS.items()}  # "north-east" is "northeast"
_UNIT_KM = {
    "kilometers": 1.0,
    "kilometres": 1.0,
    "km": 1.0,
    "kilometer": 1.0,
    "kilometre": 1.0,
    "miles": 1.609344,
    "mile": 1.609344,
    "mi": 1.609344,
}
CLAIM = re.compile(
    r"<(\d+)>[^<]{0,60}?\b(?:about|some|around|roughly|approximately|nearly|almost|just|only|over|under)?\s*"
    r"(\d[\d,]*(?:\.\d+)?)[\s-]*(kilomet(?:er|re)s?|km|miles?|mi)\b(?:\s*\([^)]*\))?\s*(?:to the\s+)?"
    r"((?:north|south)?-?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?)?\s*(?:of|from)\s+"
    r"(?:the\s+(?:\w+\s+)?(?:city|town|village|port|capital)\s+of\s+)?<(\d+)>",
    re.IGNORECASE,
)


def _angle_diff(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


def find_claims(doc: str, sentence_index: int, sentence: str, places: list[SentencePlace]) -> list[Claim]:
    """Distance/direction statements between two places of one sentence, checked."""
    if len(places) < 2:
        return []
    out = []
    for m in CLAIM.finditer(skeleton(sentence, places)):
        subj, ref = places[int(m.group(1))], places[int(m.group(5))]
        if subj.place_id == ref.place_id:
            continue
        stated_km = float(m.group(2).replace(",", "")) * _UNIT_KM[m.group(3).lower()]
        direction = (m.group(4) or "").lower().removesuffix("ern") or None
        a, b = (ref.lat, ref.lon), (subj.lat, subj.lon)
        km, brg = distance_km(a, b), bearing_deg(a, b)
        stated_brg = _BEARING.get((direction or "").replace("-", ""))
        out.append(
            Claim(
                doc=doc,
                sentence_index=sentence_index,
                sentence=sentence,
                subject=subj.name,
                reference=ref.name,
                stated_km=round(stated_km, 1),
                stated_direction=direction,
                computed_km=round(km, 1),
                computed_bearing=round(brg, 1),
                computed_direction=compass(brg),
                distance_ok=abs(stated_km - km) <= CLAIM_DISTANCE_TOLERANCE * km,
                direction_ok=None if stated_brg is None else _angle_diff(stated_brg, brg) <= 45.0,
                subject_lat=subj.lat,
                subject_lon=subj.lon,
                reference_lat=ref.lat,
                reference_lon=ref.lon,
            )
        )
    return out
