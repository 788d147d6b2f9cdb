"""Corridors: routes named by sentences about corridors, evacuations, convoys and people on the move.

A sentence's place mentions become placeholders (``<0>``, ``<1>`` ...) and route patterns run over that
skeleton, most specific first, each place used once:

- "from X [through|via Y] to W", "people from A, B and C were brought to safety in D" (lists fan out);
- "to reach W from X", "heading to W from X" (the direction as written, never reversed);
- "left X for W", "the evacuation of X and delivery of aid to W";
- route lists: "A – B;", "A – X – Y – D" (A→D via X, Y), "A, B, C – D" (three routes to D), with a label
  before the route ("Sumy-Poltava: Sumy – Holubivka – Poltava") read as the route itself;
- "between X and W";
- one named end ("evacuation from X", "buses left X", "corridors planned for X"): ``destination=None``,
  no end is invented. A start told in one sentence may be completed by the ends a neighbouring one names
  (:func:`destinations`, :func:`origins`, joined by ``geo.pipeline.join_arrivals``).

A qualifier that only locates a town ("Brovary, Kyiv region", "Shendi town in River Nile state", "Afar
region's Semera") is no stop of the route. A place written right after "through" or "via" is a via stop.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from geo.cues import Cue
from geo.geometry import distances_to_route_km, path_length_km
from geo.model import UNLOCATED, Corridor, Event, NearbyAttack, Purpose, SentencePlace, Statement
from geo.quotes import around
from geo.settings import ATTACK_BUFFER_KM, DENSIFY_KM, MAX_ROUTE_STOPS
from geo.skeleton import skeleton

#: Place precisions that can be the end or a stop of a route (a sea or a continent cannot).
ROUTE_PRECISIONS = frozenset({"city", "region", "country", UNLOCATED})

#: Words that make a sentence about moving people or aid along a route.
CORRIDOR_CUE = Cue(
    r"\b(?:corridors?|evacuat\w*|evacuees?|convoys?|columns? of|bus|buses|trains?|safe passage|routes?|"
    r"trucks?|"
    r"lorries|refugees?|fled|flee\w*|displaced|people|civilians|residents|families|passengers|"
    r"foreigners|nationals|children|wounded|injured|patients|aid|supplies|cargo|assistance|deliver\w*|"
    r"brought|transport\w*|transferr?\w*|relocat\w*|journey|rescued|arriv\w*|depart\w*|crossings?|"
    r"IDPs|travel\w*|passage|escape\w*|exodus|walked|driven|vehicles|cars|roads?|highway|reach\w*|"
    r"crossed|left|leav\w+)\b"
)
#: The words of CORRIDOR_CUE that say by themselves who travels and why: people in danger, evacuated or
#: helped ("a column of" may be tanks as well as cars). The others (roads, flights, vehicles, goods,
#: travel, arrivals) also describe a commute, a highway or a company's move, so a route told with them
#: alone is a corridor only in a story that reports an evacuation, flight or aid somewhere (see
#: ``geo.pipeline``).
HUMANITARIAN_CUE = Cue(
    r"\b(?:corridors?|evacuat\w*|evacuees?|convoys?|safe passage|safety|refugees?|fled|"
    r"flee\w*|displaced|IDPs|exodus|escap\w*|civilians|residents|families|children|wounded|injured|"
    r"patients|foreigners|nationals|humanitarian|aid|relief|rescued|buses|trains?)\b"
)
#: Corridors of trade and transport ("a commercial corridor", "the I-85 corridor"): no one's evacuation.
BUSINESS_CORRIDOR = re.compile(
    r"\b(?:commercial|transportation|transport|economic|business|trade|rail|railway|highway|interstate|"
    r"wildlife|energy|development|growth|technology|tech|innovation|shopping|retail|industrial|urban|"
    r"freight|logistics|[a-z]-\d+|\d+) corridors?\b",
    re.IGNORECASE,
)


def humanitarian_words(text: str) -> bool:
    """Whether ``text`` speaks of people in danger or help for them (``HUMANITARIAN_CUE``), a corridor
    of trade or transport aside."""
    return HUMANITARIAN_CUE.search(BUSINESS_CORRIDOR.sub(" ", text) if "orridor" in text else text)


#: Words that make a dash between two places a route rather than punctuation.
ROUTE_NOUN = re.compile(
    r"\b(?:corridors?|routes?|evacuat\w*|convoys?|buses|trains?|passage|roads?|highway|directions?)\b",
    re.IGNORECASE,
)
EVAC_CUE = re.compile(
    r"\b(?:evacuat\w*|evacuees?|people|civilians|residents|column of|bus|buses|trains?|refugees|passengers|"
    r"families|"
    r"children|wounded|patients|fle\w*|escape\w*)\b",
    re.IGNORECASE,
)
AID_CUE = re.compile(
    r"\b(?:aid|supplies|food|medicines?|humanitarian cargo|deliver\w*|trucks?|lorries|relief|fuel)\b",
    re.IGNORECASE,
)
#: Verbs that carry people or goods somewhere: the gap in "from X ... were brought to Y".
MOVE_VERB = (
    r"(?:brought|bring|taken|take|transported|transport|moved|move|moving|bused|bussed|evacuated|"
    r"arriv\w*|reach\w*|transferr?\w*|relocated|head(?:s|ed|ing)?|sent|send|went|go|going|travel\w*|fled|flee\w*|"
    r"walked|driven|drove|carried|deliver\w*|came|come|coming|returned|escorted|ferried|flown|flew|"
    r"rescued|now|made it|run|ran|running|rolled|leav\w*|left|departed|depart\w*|crossed|crossing|"
    r"en route|on (?:the|their|its) way|bound|across|shelter\w*|sought refuge|t(?:aking|ook) refuge|settled)"
)

_P = r"<(\d+)>"
_DIR = (
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west)(?:ern)? "
    r"(?:rural |urban |outer |inner |greater )?)?"
)
_QUANT = r"(?:many |several |some |other |\d+ |two |three |four |five |six |seven |eight |nine |ten )?"
_LEAD = (
    r"(?:(?:the )?(?:\w+ly )?(?:besieged |occupied |encircled |port |frontline |front-line |embattled |"
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)? |nearby |neighbou?ring |"
    rf"(?:\w+-held |\w+-controlled ))*{_QUANT}(?:\w+ )?"
    r"(?:(?:city|town|village|port|settlement|region|province|district|area|hamlet|enclave|territory|"
    r"capital) of |(?:cities|towns|villages|settlements|areas|districts|communities|parts|"
    r"neighbou?rhoods) (?:of|in|around|near) |(?:residents|people|civilians|population|inhabitants) of ))?"
    r"(?:the )?"
)
_STOP_TAIL = (
    r"(?:'s?)?(?: (?:town|city|village|camp|crossing|border crossing|area|region|district|"
    r"oblast|province|state|governorate|station)s?)?"
)
#: What a place is called right before its name: "government-held Aleppo", "besieged Mariupol".
_HELD = r"(?:(?:[\w]+-held|[\w]+-controlled|besieged|occupied|encircled|embattled|frontline|front-line) )*"
_STOP = rf"{_LEAD}{_HELD}{_DIR}<\d+>{_STOP_TAIL}"
_SEP = r"(?:,| and| or|, and|, or|,? as well as|, then| then)"
#: A facility in a town before a destination: "to the temporary shelter in X" ends the route at X.
_FACILITY = (
    r"(?:(?:the )?(?:[\w-]+ ){0,2}?(?:shelters?|camps?|centres?|centers?|hospitals?|facilit(?:y|ies)) "
    r"(?:in|at|near) )?"
)
#: What people flee from in a place: "fleeing the fighting in X", "from the conflict in X".
_HARM = r"(?:conflict|fighting|war|violence|offensive|clashes|bombardment|bombing|siege|shelling|hostilities)"
_LIST = rf"{_STOP}(?:{_SEP} {_STOP})*"
_VIA = (
    rf"(?:,?\s*\(?(?:through|via|and through|and via|passing through|by way of|along) (?:the )?"
    rf"(?P<VIA>{_LIST})(?: (?:and \w+ )?(?:crossings?|roads?|corridor|highway|checkpoints?))?\)?)?"
)
_DEST_MARK = r"(?:to|towards?|into|for|in|at|onto)"


def _named_via(n: int) -> str:
    return _VIA.replace("VIA", f"via{n}")


#: What opens a route's origin: "from X", "residents of X", "from hot spots, including X".
_ORIGIN = (
    r"(?:\bfrom (?:from )?(?:\w+ (?:and|or) )?(?:[\w -]{1,40}?,? including )?|"
    r"\b(?:residents|people|civilians|population|inhabitants|families) of (?:\w+ ){0,2}?)"
)
#: "... to B, and from there onward to C": B becomes a via stop of the route to C.
_ONWARD = (
    rf"(?:,? (?:and )?(?:then )?(?:from there|thence)(?: on(?:wards?)?)?(?: \w+){{0,2}}? "
    rf"(?:to|into|towards?) (?P<onward>{_STOP}))?"
)
FROM_TO = re.compile(
    rf"{_ORIGIN}(?P<orig>{_LIST}){_named_via(1)},? (?:on )?(?:to|towards?|into|for|in the direction of) "
    rf"(?:safety (?:in|to) )?{_FACILITY}(?P<dest>{_LIST}){_named_via(2)}{_ONWARD}",
    re.IGNORECASE,
)
FROM_GAP_TO = re.compile(
    rf"{_ORIGIN}(?P<orig>{_LIST}){_named_via(1)}(?P<gap>[^<;:]{{1,80}}?\b{MOVE_VERB}\b[^<;:]{{0,40}}?)"
    rf"\b{_DEST_MARK} (?:safety (?:in|to) )?{_FACILITY}(?P<dest>{_LIST}){_named_via(2)}",
    re.IGNORECASE,
)
TO_FROM = re.compile(
    rf"\b(?:to|towards?|reach(?:ed|ing)?|into|arriv\w+ (?:in|at)|for|entered|in the direction of) "
    rf"(?P<dest>{_STOP}){_named_via(2)} "
    rf"(?:\w+ ){{0,3}}?from (?P<orig>{_LIST}){_named_via(1)}",
    re.IGNORECASE,
)
LEFT_FOR = re.compile(
    rf"\b(?:left|departed(?: from)?|departing(?: from)?|leaving|leave|set (?:off|out) from|fled(?: from)?|"
    rf"fleeing|escaped(?: from)?|escaping|out of) (?:(?:the )?(?:\w+ )?{_HARM} (?:in|of) )?"
    rf"(?P<orig>{_LIST}){_named_via(1)}[^<;]{{0,60}}?"
    rf"\b(?:for|to|towards?|into|(?:and )?arriv\w+ (?:in|at)|reach\w*) {_FACILITY}(?P<dest>{_LIST})"
    rf"{_named_via(2)}",
    re.IGNORECASE,
)
#: "Buses bound for B left A at dawn": the destination told before the start.
BOUND_FOR = re.compile(
    rf"\b(?:bound|destined|headed|heading) for (?P<dest>{_STOP}){_named_via(2)}[^<;]{{0,60}}?"
    rf"\b(?:left|departed|departing|leaving|set (?:off|out) from|pulled out of|out of) (?:from )?"
    rf"(?P<orig>{_LIST}){_named_via(1)}",
    re.IGNORECASE,
)
#: "Evacuees from X reached Y by evening": the arrival verb itself marks the destination.
FROM_REACHED = re.compile(
    rf"{_ORIGIN}(?P<orig>{_LIST}){_named_via(1)}[^<;:]{{0,60}}?\b(?:reached|reaching|arrived (?:in|at)|"
    rf"arrives? (?:in|at)|"
    rf"arriving (?:in|at)|entered|got to|made it (?:safely )?to) (?P<dest>{_LIST}){_named_via(2)}",
    re.IGNORECASE,
)
#: "Karabakh refugees had arrived in Armenia": a place written before the people who left it.
ATTRIBUTIVE = re.compile(
    rf"(?P<orig>{_STOP}) (?:refugees|evacuees|residents|civilians|families|IDPs)\b[^<;]{{0,40}}?"
    rf"\b(?:arriv\w+|reached|fled|taken|brought|moved|crossed)(?: \w+)?? (?:in|at|to|into|towards?) "
    rf"(?P<dest>{_LIST})",
    re.IGNORECASE,
)
EVAC_THEN_AID = re.compile(
    rf"\bevacuat\w* (?:of|from) {_LEAD}(?P<orig>{_STOP})[^<;]{{0,80}}?\b(?:aid|supplies|assistance|"
    rf"cargo|food)\b (?:to|for|into) (?P<dest>{_STOP})",
    re.IGNORECASE,
)
#: "A camp in B for families fleeing the offensive in A", "aid in B to families displaced from A": people
#: from a place are sheltered or helped in another.
SHELTER_FOR = re.compile(
    rf"\b(?:camps?|shelters?|centres?|centers?|sites?|hospitals?|aid|assistance|food) (?:in|at|near) "
    rf"(?P<dest>{_STOP})"
    rf"[^<;]{{0,60}}?\b(?:fleeing|fled|escaping|displaced from|evacuated from|evacuees from|from) "
    rf"(?:the )?(?:[\w-]+ ){{0,3}}?(?:in |of |from )?(?P<orig>{_STOP})",
    re.IGNORECASE,
)
#: "At A ... they boarded a bus for B": where travellers board is where their route starts.
BOARDED = re.compile(
    rf"\b(?:at|in|from) (?P<orig>{_STOP})[^<;]{{0,140}}?\b(?:boarded|board|boarding|took|caught) "
    rf"(?:a |the )?(?:\w+ )?(?:bus|buses|train|flight|plane|boat|ship|ferry)(?: \w+)? "
    rf"(?:for|to|bound for|towards?) (?P<dest>{_STOP})",
    re.IGNORECASE,
)
_DASH = r"\s?(?:[–—-]|->|→|>)\s?"
LABEL = re.compile(rf"(?P<orig>{_STOP}){_DASH}(?P<dest>{_STOP})\s?:\s?")
FAN = re.compile(rf"(?<![–—>-])(?<![–—>-]\s)(?P<orig>{_STOP}(?:{_SEP} {_STOP})+){_DASH}(?P<dest>{_STOP})")
CHAIN = re.compile(rf"(?P<orig>{_STOP})(?P<via1>(?:{_DASH}{_STOP})*){_DASH}(?P<dest>{_STOP})")
BETWEEN = re.compile(
    rf"(?<!distance )(?<!border )(?<!fighting )(?<!clashes )(?<!talks )(?<!relations )(?<!war )"
    rf"(?<!conflict )(?<!ties )(?<!agreement )(?<!deal )(?<!tensions )(?<!difference )\bbetween "
    rf"(?P<orig>{_STOP}) and (?P<dest>{_STOP})",
    re.IGNORECASE,
)
#: "An evacuation corridor linking A and B", "the road connecting A with B": a route named by its ends.
LINKING = re.compile(
    rf"\b(?:corridors?|routes?|roads?|highways?|railways?|rail lines?|passage)\b(?: [\w-]+){{0,3}}? "
    rf"(?:linking|connecting|joining) (?P<orig>{_STOP}) (?:and|with|to) (?P<dest>{_STOP})",
    re.IGNORECASE,
)
_LINK_WORD = re.compile(r"\b(?:link|connect|join)ing\b", re.IGNORECASE)
ONE_END = re.compile(
    rf"\b(?:evacuat\w*(?: \w+){{0,4}}? (?:of (?:\w+ ){{0,3}}?(?:from|of) |(?<!direction )of |from )|"
    rf"(?:way )?out (?:of|from) |"
    rf"(?:left|leave|leaving|fled|flee|fleeing|exit\w*|escap\w*|depart\w*|taken|removed|rescued)"
    rf" (?:from |out of )?|(?:walked|moved|travell?ed|driven|drove|bused|bussed|ferried|airlifted|flown)"
    rf" (?:\w+ ){{0,2}}?(?:from|out of) |"
    rf"(?:evacuees|people|civilians|residents|families|refugees) (?:from|out of) |"
    rf"(?:corridors?|passage|routes?)(?: \w+){{0,4}}? (?:for|from|out of|of) |"
    rf"(?:from|fleeing|fled|escap\w+) (?:the )?(?:\w+ )?{_HARM} (?:in|of) |"
    rf"(?:cross|crossing|crossed|enter|entering|entered) (?:into )?(?:[\w-]+ ){{0,3}}?from )"
    rf"(?:the )?(?P<orig>{_LIST})",
    re.IGNORECASE,
)
#: The words ORDERED_OUT starts with: a cheap test before it.
_ORDER_WORDS = ("call", "urge", "told", "order", "asked", "warn", "instruct")
#: "The villages from which the evacuation is carried out are A, B and C".
FROM_WHICH = re.compile(
    r"\bfrom which (?:the )?(?:[\w-]+ ){0,6}?(?:are|include|included|were|was)\b", re.IGNORECASE
)
#: "A became the new departure station for evacuation trains": where an evacuation now starts.
START_POINT = re.compile(
    r"(?P<orig><\d+>)(?:'s?)?(?: station)?(?: [^<;]{0,40}?)? (?:became|becomes|is|was|has been|have been|"
    r"will be)(?: designated| named| chosen)?(?: as)? (?:the |a )?(?:new )?"
    r"(?:initial |main |starting |first )?(?:departure|evacuation|boarding|assembly|gathering) "
    r"(?:station|point|hub)",
    re.IGNORECASE,
)
_STARTING_WORD = re.compile(r"\b(?:station|point|hub)\b")
#: A cancelled or failed route is no corridor: "Evacuation trains from A have been cancelled", "the
#: corridor from A to B did not open".
CANCELLED = Cue(
    r"\b(?:cancell?ed|cancell?ing|called off|scrapped|no longer (?:run|runs|operate|depart|leave)s?|"
    r"(?:did not|didn't|failed to|never) (?:open|opened|start|started|materiali[sz]e)|"
    r"refused to (?:allow|open|let|agree)|"
    r"no (?:evacuation|corridor|convoy)s?\b[^.;]{0,60}?\b(?:was|were|has been|is) possible)\b"
)
#: "The people of A, now refugees leaving their homes": the people of a place leave it.
PEOPLE_LEAVING = re.compile(
    rf"\b(?:people|population|residents|inhabitants|civilians|families) of (?:the )?(?P<orig>{_LIST})"
    rf"[^<;]{{0,40}}?\b(?:leaving|leave|left|fleeing|fled|flee|evacuat\w+|escap\w+)\b",
    re.IGNORECASE,
)
#: "The army called on residents of A and B to move south": an evacuation order names where people leave.
ORDERED_OUT = re.compile(
    rf"\b(?:called on|calls on|calling on|urged|urges|told|ordered|orders|asked|warned|instructed)"
    rf"(?: \w+){{0,2}}? (?:all )?(?:the )?(?:residents|civilians|people|population|inhabitants|families) "
    rf"(?:of|in) (?:the )?(?P<orig>{_LIST})(?: \w+){{0,2}}? "
    rf"to (?:leave|move|evacuate|flee|head|go|relocate)\b",
    re.IGNORECASE,
)
#: One named end needs more than a word about people: an evacuation, a corridor, a flight.
ONE_END_CUE = Cue(
    r"\b(?:corridors?|evacuat\w*|evacuees?|convoys?|columns? of|bus|buses|trains?|safe passage|routes?|fled|"
    r"flee\w*|refugees?|displaced|escape\w*|exodus|rescued|allowed (?:to leave|out)|let out)\b"
)
#: "The evacuation order covers ...": every place it lists is a place people leave.
COVERS = re.compile(
    r"\b(?:evacuat\w*|order)(?: [\w-]+){0,4}? (?:covered|covers|cover|includes?|included|applies to|applied "
    r"to|extends? to|extended to|affects|affected)\b",
    re.IGNORECASE,
)
_RIVER_AFTER = re.compile(r" (?:River|river|Lake|lake|Sea|sea)\b")
#: "... and delivery of humanitarian aid to – and evacuation from – Melitopol": aid and evacuation.
ONE_END_BOTH = re.compile(
    rf"\baid (?:to|for)[\s–—,-]*and (?:evacuat\w*|evacuees) (?:from|of)[\s–—,-]*(?P<orig>{_STOP})",
    re.IGNORECASE,
)
#: Where a later sentence says the travellers got to (or are bound for: "the evacuees' destination is
#: B"); passing a place is no arrival.
ARRIVAL = re.compile(
    rf"\b(?:(?:arriv\w+|reached|reach|were (?:taken|brought|transported|moved)|made it (?:safely )?)"
    rf"(?: \w+){{0,3}}? (?:in|at|to|into)? ?|(?:are|is|were|was) now in |"
    rf"head(?:s|ed|ing)? (?:to|towards?|for) |"
    rf"destinations? (?:of (?:\w+ ){{1,3}})?(?:is|was|will be|are|were) (?:the )?)"
    rf"(?P<dest>{_STOP})",
    re.IGNORECASE,
)
REFERENCE = re.compile(
    r"\b(?:north|south|east|west)\w* of\s*(?:the )?$|\b(?:km|kilomet\w+|miles) (?:from|of)\s*$"
)
#: Words for leaving a place (``geo.pipeline.DEPARTURE`` adds to them).
LEAVING = r"left|leav\w+|depart\w*|set (?:off|out)|out of|fled|flee\w*|evacuat\w+ from"
_IS_DEPARTURE = re.compile(rf"\b(?:{LEAVING})\b", re.IGNORECASE)


#: Words for a group of people or an operation: what makes a passive "evacuated from X" a corridor.
GROUP = re.compile(
    r"\b(?:people|civilians|residents|families|children|evacuees|refugees|passengers|nationals|patients|"
    r"wounded|injured|women|thousands|hundreds|dozens|population|inhabitants|buses|convoys?|trains?|"
    r"corridors?)\b",
    re.IGNORECASE,
)
#: An organised evacuation, which a one-ended route out of a whole country needs.
OPERATION = re.compile(
    r"\b(?:evacuat\w*|corridors?|convoys?|buses|airlift\w*|flights?|ships?)\b", re.IGNORECASE
)
_ONE_PERSON = re.compile(r"^(?:evacuated|being evacuated|rescued|taken|removed)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Route:
    """A route in one sentence: indices of its stops (origin first), whether the destination is named,
    what it is for, and where in the skeleton its statement ends."""

    stops: tuple[int, ...]
    closed: bool
    purpose: Purpose
    end: int
    departure: bool = False  # one-ended by a departure ("buses left X"): an arrival may complete it


def route_stops(sentence: str, places: Sequence[SentencePlace]) -> list[SentencePlace]:
    """The places of a sentence that can be stops of a route: cities, regions and countries, less the
    qualifiers that only locate the town before them ("Brovary, Kyiv region")."""
    return _stops_and_qualifiers(sentence, places)[0]


def _stops_and_qualifiers(
    sentence: str, places: Sequence[SentencePlace]
) -> tuple[list[SentencePlace], list[tuple[int, int]]]:
    """Route stops, and the spans of qualifiers to leave out of the skeleton (with the comma or "in"
    that joins them to their town), so that "from A, X region, to B" reads "from <0> to <1>"."""
    stops: list[SentencePlace] = []
    omitted: list[tuple[int, int]] = []
    for p in places:
        if p.precision not in ROUTE_PRECISIONS:
            continue
        if stops and _qualifies(sentence, stops[-1], p):
            omitted.append((stops[-1].end, p.end))
            continue
        if stops and _possessive_qualifier(sentence, stops[-1], p):
            omitted.append((stops[-1].start, p.start))
            stops[-1] = p
            continue
        stops.append(p)
    return stops, omitted


def _route_skeleton(sentence: str, stops: Sequence[SentencePlace], omitted: Sequence[tuple[int, int]]) -> str:
    """The skeleton of ``sentence`` over its stops, with qualifiers blanked out."""
    chars = list(sentence)
    for lo, hi in omitted:
        for i in range(lo, hi):
            chars[i] = "\0"
    blanked = "".join(chars)
    skel = skeleton(blanked, stops).replace("\0", "")
    # a parenthesis that only locates a stop ("X (Baryshivskyi district of Kyiv region)") is no part of
    # the route; one that names a via ("(via Berdiansk)") is
    return _ASIDE.sub(lambda m: "" if not _VIA_WORD.search(m.group(0)) else m.group(0), skel)


_QUALIFIER_GAP = re.compile(
    r"\s*(?:,|\s(?:town|city|village|settlement|station)?\s?in(?: the)?|\s(?:town|city|village),?|\sof)\s*"
    r"(?:(?:(?:north|south)(?:-?(?:east|west))?|east|west|central)(?:ern)?\s)?$",
    re.IGNORECASE,
)


def _qualifies(sentence: str, town: SentencePlace, p: SentencePlace) -> bool:
    """``p`` is a region or country written right after ``town`` to locate it (", Kyiv region",
    " in south-eastern Ukraine"), in the same country."""
    if p.precision == "city" or town.precision == "country":
        return False
    if town.country_code and p.country_code and town.country_code != p.country_code:
        return False
    return bool(_QUALIFIER_GAP.match(sentence[town.end : p.start]))


def _possessive_qualifier(sentence: str, region: SentencePlace, p: SentencePlace) -> bool:
    """ "Afar region's Semera": the region before a possessive only locates the town after it."""
    gap = sentence[region.end : p.start]
    return region.precision != "city" and p.precision == "city" and bool(re.fullmatch(r"['’]s\s", gap))


def _purpose(clause: str) -> Purpose:
    evac, aid = bool(EVAC_CUE.search(clause)), bool(AID_CUE.search(clause))
    if evac and aid:
        return Purpose.BOTH
    return Purpose.HUMANITARIAN_AID if aid else Purpose.EVACUATION


def _indices(text: str | None) -> list[int]:
    return [int(i) for i in re.findall(_P, text or "")]


def _is_reference_point(skel: str, start: int) -> bool:
    """ "... 84 kilometers south of Mariupol": a place named as a bearing reference is not a route end."""
    return bool(REFERENCE.search(skel[max(0, start - 40) : start].split(">")[-1]))


_ASIDE = re.compile(r" ?\([^()]{0,80}\)")
_VIA_WORD = re.compile(r"\b(?:via|through|passing)\b", re.IGNORECASE)
_ROAD_AFTER = re.compile(r"(?:road|highway|route|corridor|railway|motorway)s?\b", re.IGNORECASE)


def _route_line(skel: str, m: re.Match[str], heading: bool) -> bool:
    """A dash between places is a route in a list line or after a route word, not prose punctuation
    ("Kyiv — the capital")."""
    before = skel[: m.start()].rstrip(" -–—•*·▪\t")
    after = skel[m.end() :].lstrip()
    named_road = bool(_ROAD_AFTER.match(after))  # "the Semera–Abala–Mekelle road"
    ends_well = not after or after[0] in ";,.():" or after.startswith(("and ", "or ", "<")) or named_road
    starts_well = not before or before[-1] in ":;,(" or bool(ROUTE_NOUN.search(before[-40:])) or named_road
    return ends_well and (starts_well or heading)


#: A stop with a dash after it, which every dashed route (LABEL, FAN, CHAIN) has: one cheap search, as a
#: placeholder is found by its "<", decides most sentences before those patterns' long leads are tried.
_STOP_DASH = re.compile(rf"<\d+>{_STOP_TAIL}{_DASH}")
_ANCHORS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (FROM_TO, ("from", " of ")),
    (BOUND_FOR, ("bound for", "destined for", "headed for", "heading for")),
    (FROM_GAP_TO, ("from", " of ")),
    (FROM_REACHED, ("reach", "arriv", "entered", "got to", "made it")),
    (TO_FROM, ("from",)),
    (LEFT_FOR, ("left", "leav", "depart", "set o", "fled", "flee", "escap", "out of")),
    (ATTRIBUTIVE, ("refugees", "evacuees", "residents", "civilians", "families", "idp")),
    (EVAC_THEN_AID, ("evacuat",)),
    (SHELTER_FOR, ("camp", "shelter", "centre", "center", "site", "hospital", "aid", "assistance", "food")),
    (BOARDED, ("board", "caught")),
)


def _worded(body: str, many: bool) -> list[re.Pattern[str]]:
    """The two-ended route patterns whose anchor words ``body`` holds."""
    if not many:
        return []
    low = body.lower()
    return [rx for rx, words in _ANCHORS if any(w in low for w in words)]


def find_routes(
    sentence: str,
    stops: Sequence[SentencePlace],
    *,
    context: bool = False,
    context_purpose: Purpose | None = None,
    nearby_cue: bool = False,
    omitted: Sequence[tuple[int, int]] = (),
) -> list[Route]:
    """Routes in one sentence over its route ``stops`` (see :func:`route_stops`).

    ``context`` says that a heading before this line names routes or corridors ("the following routes:"),
    so a bare "A – B" line is a route; ``context_purpose`` is that heading's purpose. ``nearby_cue`` says
    the sentence before is about an evacuation, so "Among them, 15,000 people from A" is one too.
    ``omitted`` are qualifier spans to leave out (see :func:`route_stops`).
    """
    if not stops or not (context or nearby_cue or CORRIDOR_CUE.search(sentence)):
        return []
    skel = _route_skeleton(sentence, stops, omitted)
    used: set[int] = set()
    found: list[tuple[tuple[int, ...], bool, int, bool]] = []

    def take(stops_: list[int], closed: bool, end: int, departure: bool = False) -> bool:
        if len(set(stops_)) != len(stops_) or used & set(stops_):
            return False
        used.update(stops_)
        found.append((tuple(stops_), closed, end, departure))
        return True

    def fan(m: re.Match[str]) -> None:
        origins, dests = _indices(m.group("orig")), _indices(m.group("dest"))
        groups = m.groupdict()
        vias = _indices(groups.get("via1")) + _indices(groups.get("via2"))
        if groups.get("onward") and len(dests) == 1:  # "to B, and from there onward to C"
            vias, dests = [*vias, *dests], _indices(groups["onward"])
        if used & set(origins + dests + vias) or not origins or not dests:
            return
        if len(origins) > 1 and len(dests) > 1:  # "from A and B to C and D" pairs nothing safely
            dests = dests[:1]
        for o in origins:
            for d in dests:
                if o != d and o not in vias and d not in vias:
                    found.append(((o, *vias, d), True, m.end(), False))
        used.update(origins + dests + vias)

    many = len(stops) > 1
    dashed = many and bool(_STOP_DASH.search(skel))
    labels = [(m, _indices(m.group(0))) for m in LABEL.finditer(skel)] if dashed else []
    body = skel
    for m, _ in labels:  # "Sumy-Poltava: Sumy – ... – Poltava": the label restates the route after it
        body = body[: m.start()] + " " * (m.end() - m.start()) + body[m.end() :]
    # each pattern is tried only where its anchor words are: most sentences with places name no route
    for rx in _worded(body, many):
        for m in rx.finditer(body):
            fan(m)
    for m in FAN.finditer(body) if dashed else ():
        if _route_line(body, m, context):
            fan(m)
    for m in CHAIN.finditer(body) if dashed else ():
        if _route_line(body, m, context):
            idx = _indices(m.group(0))
            take(idx, True, m.end())
    for m in BETWEEN.finditer(body) if many and "between" in body.lower() else ():
        take(_indices(m.group(0)), True, m.end())
    for m in LINKING.finditer(body) if many and _LINK_WORD.search(body) else ():
        take(_indices(m.group(0)), True, m.end())
    for m, idx in labels:
        label_ends = (stops[idx[0]].place_id, stops[idx[-1]].place_id)
        if not any((stops[r[0][0]].place_id, stops[r[0][-1]].place_id) == label_ends for r in found):
            take(idx, True, m.end())
    one_end_cue = ONE_END_CUE.search(sentence)
    low = body.lower()
    listed = [*COVERS.finditer(body)] if one_end_cue else []
    if one_end_cue and "from which" in low:
        listed += FROM_WHICH.finditer(body)
    for m in listed:
        # "The evacuation order covered A (B, C) and nearby settlements D, E", "the villages from which
        # people are evacuated are A, B and C": every place after it
        for k in _indices(body[m.end() :]):
            if not _RIVER_AFTER.match(body, body.index(f"<{k}>") + len(f"<{k}>")):
                take([k], False, m.end())
    ordered = any(w in low for w in _ORDER_WORDS)
    starting = one_end_cue and bool(_STARTING_WORD.search(low))
    for rx in [ORDERED_OUT] * ordered + [START_POINT] * starting:
        for m in rx.finditer(body):
            for i in _indices(m.group("orig")):
                take([i], False, m.end())
    for m in PEOPLE_LEAVING.finditer(body) if " of " in low else ():
        for i in _indices(m.group("orig")):
            take([i], False, m.end(), True)
    for m in ONE_END_BOTH.finditer(body):
        take(_indices(m.group("orig")), False, m.end())
    for m in ONE_END.finditer(body) if nearby_cue or one_end_cue else ():
        if _is_reference_point(body, m.start("orig")):
            continue
        if _ONE_PERSON.search(m.group(0)) and not GROUP.search(sentence):
            continue  # "a woman comforted after being evacuated from X": one person's rescue is no corridor
        if all(stops[i].precision == "country" for i in _indices(m.group("orig"))) and not OPERATION.search(
            sentence
        ):
            continue  # "millions have fled Ukraine": refugees leaving a country, not a route out of it
        departure = bool(_IS_DEPARTURE.search(m.group(0)))
        for i in _indices(m.group("orig")):
            take([i], False, m.end(), departure)
    if found and CANCELLED.search(sentence):
        return []
    found.sort(key=lambda r: r[2])
    # each route's purpose is read from its own clause: from the previous route's end to its end
    ends = [0] + [end for _, _, end, _ in found]
    routes = []
    for k, (stop_ids, closed, end, departure) in enumerate(found):
        clause = skel[ends[k] : end] if k else skel[:end]
        purpose = _purpose(clause) if (EVAC_CUE.search(clause) or AID_CUE.search(clause)) else None
        routes.append(
            Route(stop_ids, closed, purpose or context_purpose or _purpose(sentence), end, departure)
        )
    return routes


def corridor(
    doc: str,
    sentence_index: int,
    sentence: str,
    stops: Sequence[SentencePlace],
    closed: bool,
    purpose: Purpose,
    date: str | None = None,
) -> Corridor:
    """A corridor through ``stops`` (origin first; the last is the destination when ``closed``). Stops
    that no gazetteer locates are named in ``unlocated`` and left out of the path: a corridor with such
    an end is listed but not drawn."""
    located = [p for p in stops if p.precision != UNLOCATED] if closed else [p for p in stops[:1]]
    located = [p for p in located if p.precision != UNLOCATED]
    path = tuple((p.lat, p.lon) for p in located)
    unlocated = tuple(p.name for p in stops if p.precision == UNLOCATED)
    drawable = closed and len(path) >= 2 and not unlocated_ends(stops)
    return Corridor(
        doc=doc,
        sentence_index=sentence_index,
        sentence=around(sentence, stops[0].start),
        origin=stops[0].name,
        destination=stops[-1].name if closed else None,
        via=tuple(p.name for p in stops[1:-1]) if closed else tuple(p.name for p in stops[1:]),
        purpose=purpose,
        place_ids=tuple(p.place_id for p in stops),
        path=path,
        length_km=round(path_length_km(path), 1) if drawable else None,
        date=date,
        unlocated=unlocated,
    )


def unlocated_ends(stops: Sequence[SentencePlace]) -> bool:
    return stops[0].precision == UNLOCATED or stops[-1].precision == UNLOCATED


def build_corridors(
    doc: str,
    sentence_index: int,
    sentence: str,
    places: Sequence[SentencePlace],
    date: str | None = None,
    *,
    context: bool = False,
    context_purpose: Purpose | None = None,
    nearby_cue: bool = False,
) -> list[Corridor]:
    """Corridors named by one sentence (without attacks; see :func:`with_attacks`)."""
    stops, omitted = _stops_and_qualifiers(sentence, places)
    if len(stops) > MAX_ROUTE_STOPS:  # a list of towns, not a statement of routes
        return []
    routes = find_routes(
        sentence,
        stops,
        context=context,
        context_purpose=context_purpose,
        nearby_cue=nearby_cue,
        omitted=omitted,
    )
    return [
        corridor(doc, sentence_index, sentence, [stops[i] for i in r.stops], r.closed, r.purpose, date)
        for r in routes
    ]


def arrival(sentence: str, places: Sequence[SentencePlace]) -> SentencePlace | None:
    """The place a sentence says people or goods arrived at ("They arrived in Zaporizhzhia"), if it names
    no origin of its own."""
    stops = route_stops(sentence, places)
    if not stops or (re.search(r"\bfrom\b", sentence, re.IGNORECASE) and _departs_in(sentence, stops)):
        return None
    m = ARRIVAL.search(skeleton(sentence, stops))
    return stops[_slot(m.group("dest"))] if m else None


#: Words after which a preposition names where people went: "arrived in", "sought refuge in",
#: "displaced to", "fled towards", "the arrival of the displaced in".
_SETTLE = r"(?:arriv\w+|reached|sought refuge|took refuge|taking refuge|shelter\w*|settled)"
_GO = (
    r"(?:evacuat\w+|displac\w+|fled|flee\w*|head(?:s|ed|ing)?|relocat\w+|transferr?\w*|moved|moving|taken|brought|"
    r"bused|bussed|transported|travel\w*|walked|escaped|sent|leav\w+|left|depart\w*|bound|take|takes|took|"
    r"taking|carr(?:y|ies|ied|ying)|bring|brings|bringing|driv(?:e|es|en|ing)|drove|ferr(?:y|ies|ied|ying))"
)
#: The words between a movement and where it went ("sought refuge in neighbourhoods west of ..." stops at
#: the first place: what follows "west of" is a reference, see REFERENCE).
_GAP = r"[^<.;:!?]{0,60}?"
_NOUNS = (
    r"(?:(?:towns?|cities|villages?|camps?|areas?|localit(?:y|ies)|locations?|neighbou?rhoods?) (?:of|in) )?"
)
_TO = (
    rf"(?:\b{_SETTLE}\b{_GAP}\b(?:in|at|to|into|towards?)|\b{_GO}\b{_GAP}\b(?:to|into|towards?|for)|"
    rf"\bnow in) "
)
DESTINATION = re.compile(
    rf"{_TO}(?:the |other |several |some )?(?:[\w'-]+ ){{0,3}}?{_NOUNS}(?P<first>{_STOP})", re.IGNORECASE
)
#: Places joined to a destination: "to X and Y", "in X, as well as other locations in Y, and towards Z".
DEST_MORE = re.compile(
    rf"(?:'s?)?(?: (?:town|city|village|camp|camps|area|region|district|oblast|province|state|states|"
    rf"governorate|locality))?(?:{_SEP} |,? as well as (?:[\w'-]+ ){{0,3}}?(?:in|at|to|into|towards?) |"
    rf",?(?: and)? (?:[\w,-]+ ){{0,10}}?(?:towards?|into|to|in) (?:[\w'-]+ )?)(?:the |other )?{_NOUNS}"
    rf"(?P<first>{_STOP})",
    re.IGNORECASE,
)
#: Where people came from, in a sentence that names no destination: "displaced from X", "have come from
#: X", "fled X", "fleeing the fighting in X".
ORIGIN = re.compile(
    rf"\b(?:(?:displaced|come|came|coming|fled|fleeing|escaped|escaping|evacuated|driven|arrived|arriving)"
    rf"(?: [\w-]+){{0,3}}? from|(?:evacuees|refugees|IDPs) from|out of|fled|fleeing|escaped from|"
    rf"fleeing (?:the )?(?:[\w-]+ ){{1,4}}?in) "
    rf"(?:the )?{_NOUNS}(?P<first>{_STOP})",
    re.IGNORECASE,
)


#: Places listed after an origin: "from X, Y and Z".
ORIGIN_MORE = re.compile(rf"{_SEP} (?:{_LEAD}{_DIR})<(\d+)>", re.IGNORECASE)


#: A place a sentence's people or goods left: then its ends are its own route's, not another sentence's.
OWN_ORIGIN = re.compile(
    r"\b(?:left|leav\w+|depart\w*|out of|fled|flee\w*|from|escap\w+)\s+(?!for\b|to\b|towards?\b)"
    r"(?:the\s+)?(?:[\w'-]+\s+){0,3}?<\d+>",
    re.IGNORECASE,
)
#: A cheap test before :func:`origins`: the words its patterns start with.
ORIGIN_CUE = Cue(r"\b(?:from|out of|fled|flee\w*|escap\w+)\b")
PEOPLE_MOVED = re.compile(r"\b(?:displaced|fled|flee\w*|IDPs|arrivals|(?:have|has) come)\b", re.IGNORECASE)


_PEOPLE_OF = r"\b(?:population|residents|inhabitants|people|civilians|families)\s+(?:of|from)"
#: A cheap test before :func:`group_routes`.
GROUP_CUE = Cue(rf"{_PEOPLE_OF}\b")
#: The people of a place, as the subject of a movement: "the population of A has sought refuge in B".
GROUP_OF = re.compile(
    rf"{_PEOPLE_OF}\s+(?:the\s+)?"
    rf"(?:[\w'-]+\s+){{0,3}}?(?P<first>{_STOP})(?:\s+(?:capital|city|town)\s+(?P<seat><\d+>))?",
    re.IGNORECASE,
)


def group_routes(sentence: str, places: Sequence[SentencePlace]) -> list[tuple[SentencePlace, SentencePlace]]:
    """(origin, end) pairs of one sentence whose people of a place moved somewhere: "70 per cent of the
    population of A has sought refuge in the towns of B and C" is A→B and A→C."""
    stops = route_stops(sentence, places)
    if len(stops) < 2:
        return []
    sk = skeleton(sentence, stops)
    m = GROUP_OF.search(sk)
    if m is None:
        return []
    origin = stops[_slot(m.group("seat") or m.group("first"))]
    ends = _destination_indices(sk, m.end())
    return [(origin, stops[k]) for k in ends if stops[k].place_id != origin.place_id]


def _destination_indices(sk: str, start: int = 0) -> list[int]:
    """The placeholders after movement words in ``sk`` (from ``start``), lists followed, references
    ("west of X") left out."""
    found: list[int] = []
    for m in DESTINATION.finditer(sk, start):
        at, token, pos = m.start("first"), m.group("first"), m.end()
        while True:
            if not REFERENCE.search(sk[:at]):
                found.append(_slot(token))
            more = DEST_MORE.match(sk, pos)
            if more is None:
                break
            at, token, pos = more.start("first"), more.group("first"), more.end()
    return list(dict.fromkeys(found))


def destinations(sentence: str, places: Sequence[SentencePlace]) -> list[SentencePlace]:
    """Where a sentence says people or goods went, when it names no origin of its own ("Many arrived in
    the X and Y camps", "IDPs sought refuge in X and towards Y and Z"): the end of a route
    whose start a neighbouring sentence names. A place after "north of" and the like is a reference."""
    stops = route_stops(sentence, places)
    if not stops:
        return []
    sk = skeleton(sentence, stops)
    if OWN_ORIGIN.search(sk) or ORIGIN.search(sk):  # "those who left A headed into B": its own route
        return []
    return [stops[k] for k in _destination_indices(sk)]


def origins(sentence: str, places: Sequence[SentencePlace]) -> list[SentencePlace]:
    """Where a sentence says people came from, when it names no destination ("thousands were displaced
    from X", "most have come from Y"), or the one town of a sentence whose people fled ("shelling hit X
    as civilians fled"): the start of a route a neighbouring sentence ends."""
    stops = route_stops(sentence, places)
    if not stops or not (GROUP.search(sentence) or PEOPLE_MOVED.search(sentence)):
        return []
    sk = skeleton(sentence, stops)
    found = []
    for m in ORIGIN.finditer(sk):
        found.append(_slot(m.group("first")))
        pos = m.end()
        while more := ORIGIN_MORE.match(sk, pos):
            found.append(int(more.group(1)))
            pos = more.end()
    towns = [k for k, p in enumerate(stops) if p.precision == "city"]
    if not found and len(towns) == 1 and FLED.search(sk) and not _destination_indices(sk):
        found = towns  # the town the fighting is in, which its people fled
    return [stops[k] for k in dict.fromkeys(found)]


#: People fleeing with no place after the verb ("civilians fled the combat zones").
FLED = re.compile(r"\b(?:fled|flee|fleeing)\b(?!\s+(?:the\s+)?(?:[\w'-]+\s+){0,3}?<\d+>)", re.IGNORECASE)


def _slot(token: str) -> int:
    """The place index of a stop as matched in a skeleton ("the town of <3>" is 3)."""
    found = re.search(_P, token)
    if found is None:
        raise ValueError(f"no place in {token!r}")
    return int(found.group(1))


def _departs_in(sentence: str, stops: Sequence[SentencePlace]) -> bool:
    return bool(re.search(rf"\bfrom {_LIST}", skeleton(sentence, stops), re.IGNORECASE))


def merge_restatements(corridors: Sequence[Corridor]) -> list[Corridor]:
    """One corridor per route and article: a route restated lists every sentence that states it."""
    merged: dict[tuple[str, tuple[str, ...], bool], Corridor] = {}
    for c in corridors:
        key = (c.doc, c.place_ids, c.destination is not None)
        if key in merged:
            first = merged[key]
            seen = {s.sentence_index for s in first.all_statements}
            extra = tuple(s for s in c.all_statements if s.sentence_index not in seen)
            purpose = first.purpose if first.purpose == c.purpose else Purpose.BOTH
            merged[key] = replace(first, statements=first.all_statements + extra, purpose=purpose)
        else:
            merged[key] = c
    return list(merged.values())


#: Degrees added around a route's stops before measuring: a geodesic between two stops bulges toward
#: the pole by well under this over the distances a corridor spans.
BULGE_DEG = 1.0


AttackPoint = tuple[Event, str, tuple[float, float]]


class AttackIndex:
    """Attack points sorted by latitude, measured once per distinct location: the box around a route is
    two binary searches and a mask, and ten reports of shelling in one town cost one distance. Build it
    once for many corridors (a collection has thousands of corridors and hundreds of thousands of
    attacks)."""

    def __init__(self, attacks: Sequence[AttackPoint]) -> None:
        self.attacks = list(attacks)
        self._sort([a[2] for a in self.attacks])

    @classmethod
    def of_spots(cls, spots: Sequence[tuple[float, float]]) -> AttackIndex:
        """An index of bare (lat, lon) spots (no reports): :meth:`near_box` gives indices into ``spots``."""
        index = cls([])
        index._sort(spots)
        return index

    def _sort(self, spots: Sequence[tuple[float, float]]) -> None:
        lat = np.array([s[0] for s in spots], dtype=float)
        lon = np.array([s[1] for s in spots], dtype=float)
        self.order = np.argsort(lat, kind="stable")
        self.lat, self.lon = lat[self.order], lon[self.order]

    def __len__(self) -> int:
        return len(self.lat)

    def near_box(self, path: Sequence[tuple[float, float]], buffer_km: float) -> list[int]:
        """Indices of the attacks in a box around ``path`` wide enough for ``buffer_km`` and the
        geodesic's bulge (all of them across the antimeridian)."""
        lats, lons = [p[0] for p in path], [p[1] for p in path]
        if max(lons) - min(lons) > 180:
            return list(range(len(self)))
        dlat = buffer_km / 110.0 + BULGE_DEG
        dlon = dlat / max(0.05, math.cos(math.radians(min(89.0, max(abs(x) for x in lats) + dlat))))
        lo = int(np.searchsorted(self.lat, min(lats) - dlat, side="left"))
        hi = int(np.searchsorted(self.lat, max(lats) + dlat, side="right"))
        sel = np.arange(lo, hi)
        sel = sel[(self.lon[sel] >= min(lons) - dlon) & (self.lon[sel] <= max(lons) + dlon)]
        return self.order[sel].tolist()


def with_attacks(
    corridor: Corridor,
    attacks: Sequence[AttackPoint] | AttackIndex,
    buffer_km: float = ATTACK_BUFFER_KM,
    keep: bool = False,
) -> Corridor:
    """The corridor with the attack events whose place lies within ``buffer_km`` of its line (added to
    those it has when ``keep``)."""
    if not corridor.drawable or not len(attacks):
        return corridor if keep or not corridor.attacks_nearby else replace(corridor, attacks_nearby=())
    index = attacks if isinstance(attacks, AttackIndex) else AttackIndex(attacks)
    near = list(corridor.attacks_nearby) if keep else []
    picked = [index.attacks[i] for i in index.near_box(corridor.path, buffer_km)]  # most ruled out cheaply
    spots = list(dict.fromkeys(latlon for _, _, latlon in picked))
    by_spot = dict(zip(spots, distances_to_route_km(corridor.path, spots, DENSIFY_KM), strict=True))
    for event, place_name, latlon in picked:
        d = by_spot[latlon]
        if d <= buffer_km:
            near.append(
                NearbyAttack(place_name, round(d, 1), event.sentence, event.doc, event.sentence_index)
            )
    return replace(corridor, attacks_nearby=tuple(near))


__all__ = [
    "AttackIndex",
    "Route",
    "SentencePlace",
    "Statement",
    "arrival",
    "build_corridors",
    "corridor",
    "find_routes",
    "merge_restatements",
    "route_stops",
    "with_attacks",
]
