"""Claims: a stated distance or direction between two places, checked against the gazetteer.

"Berdyansk, located about 84 kilometers south of Mariupol" states 84 km due south; the gazetteer says
68.7 km west-southwest. Each part is judged and explained on its own, so a fact-checker sees which part is
off: "direction: stated south, computed west-southwest (57° off); distance: stated 84 km, straight line
68.7 km: consistent with a road distance". Roads run longer than straight lines, so a stated distance is
only wrong when it is shorter than the straight line (beyond rounding, ``CLAIM_ROUNDING``) or longer than
any plausible road (``ROAD_DETOUR_MAX``); a direction when it is more than
``CLAIM_DIRECTION_TOLERANCE_DEG`` off.
"""

from __future__ import annotations

import re

from geo.geometry import bearing_deg, compass, distance_km
from geo.model import UNLOCATED, Claim, SentencePlace
from geo.quotes import around
from geo.settings import CLAIM_DIRECTION_TOLERANCE_DEG, CLAIM_ROUNDING, ROAD_DETOUR_MAX
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


_UNIT = re.compile(r"\d\s*-?\s*(?:km|kilomet|mi)", re.IGNORECASE)


def _angle_diff(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180)


def find_claims(doc: str, sentence_index: int, sentence: str, places: list[SentencePlace]) -> list[Claim]:
    """Distance/direction statements between two places of one sentence, checked."""
    if len(places) < 2 or not _UNIT.search(sentence):  # no distance stated: nothing to check
        return []
    out = []
    for m in CLAIM.finditer(skeleton(sentence, places)):
        subj, ref = places[int(m.group(1))], places[int(m.group(5))]
        if subj.place_id == ref.place_id or UNLOCATED in (subj.precision, ref.precision):
            continue  # a place with no coordinates leaves a claim about it unchecked
        unit_km = _UNIT_KM[m.group(3).lower()]
        stated_km = float(m.group(2).replace(",", "")) * unit_km
        slack = rounding_slack(m.group(2)) * unit_km
        direction = (m.group(4) or "").lower().removesuffix("ern") or None
        a, b = (ref.lat, ref.lon), (subj.lat, subj.lon)
        km, brg = distance_km(a, b), bearing_deg(a, b)
        stated_brg = _BEARING.get((direction or "").replace("-", ""))
        off = None if stated_brg is None else round(_angle_diff(stated_brg, brg))
        distance_ok = distance_consistent(stated_km, km, slack)
        out.append(
            Claim(
                doc=doc,
                sentence_index=sentence_index,
                sentence=around(sentence, subj.start),
                subject=subj.name,
                reference=ref.name,
                stated_km=round(stated_km, 1),
                stated_direction=direction,
                computed_km=round(km, 1),
                computed_bearing=round(brg, 1),
                computed_direction=compass(brg),
                distance_ok=distance_ok,
                direction_ok=None if off is None else off <= CLAIM_DIRECTION_TOLERANCE_DEG,
                direction_off_deg=off,
                explanation=explain(direction, compass(brg), off, stated_km, km, slack),
                subject_lat=subj.lat,
                subject_lon=subj.lon,
                reference_lat=ref.lat,
                reference_lon=ref.lon,
            )
        )
    return out


def rounding_slack(figure: str) -> float:
    """How far a figure as written may be from the truth by rounding alone, in its own unit: half of its
    last significant place, at most a tenth of the figure ("84": 0.5, "25": 2.5, "50": 5, "300": 30,
    "1.5": 0.05). A round "some 50 km" for 53 km is no error; trailing zeros do not say how far a figure
    was rounded, so a tenth of it is the most taken."""
    digits = figure.replace(",", "")
    whole, _, fraction = digits.partition(".")
    if fraction:
        return 0.5 * 10 ** -len(fraction)
    zeros = len(whole) - len(whole.rstrip("0"))
    if zeros == len(whole):  # "0"
        return 0.5
    unit = 10**zeros * (5 if whole.rstrip("0")[-1] == "5" and len(whole.rstrip("0")) > 1 else 1)
    return min(unit / 2, float(whole) / 10)


def _shortest_consistent(straight_km: float, slack_km: float) -> float:
    """The shortest stated distance that is not shorter than the straight line: less the percentage
    ``CLAIM_ROUNDING`` or the figure's own rounding, whichever allows more."""
    return min(straight_km * (1 - CLAIM_ROUNDING), straight_km - slack_km)


def distance_consistent(stated_km: float, straight_km: float, slack_km: float = 0.0) -> bool:
    """A stated distance is consistent from the straight line (less rounding) up to a road's detour."""
    return _shortest_consistent(straight_km, slack_km) <= stated_km <= straight_km * ROAD_DETOUR_MAX


def explain(
    stated_direction: str | None,
    computed_direction: str,
    off_deg: float | None,
    stated_km: float,
    km: float,
    slack_km: float = 0.0,
) -> str:
    """Which part of a claim is off, in words a fact-checker can quote."""
    parts = []
    if stated_direction is not None and off_deg is not None:
        verdict = "consistent" if off_deg <= CLAIM_DIRECTION_TOLERANCE_DEG else f"{off_deg:g}° off"
        parts.append(f"direction: stated {stated_direction}, computed {computed_direction} ({verdict})")
    if stated_km < _shortest_consistent(km, slack_km):
        judged = "shorter than the straight line"
    elif stated_km <= max(km * (1 + CLAIM_ROUNDING), km + slack_km):
        judged = "consistent"
    elif stated_km <= km * ROAD_DETOUR_MAX:
        judged = "consistent with a road distance"
    else:
        judged = f"longer than a road would run ({stated_km / km:.1f}× the straight line)"
    parts.append(f"distance: stated {stated_km:g} km, straight line {round(km, 1):g} km: {judged}")
    return "; ".join(parts)
