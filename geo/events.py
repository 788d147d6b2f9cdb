"""Event typing: which of the taxonomy's event types a sentence reports, and the words that say so.

Rules over trigger lexicons, written for precision: a sentence is typed only on words that report the
event ("artillery attacks", "evacuated", "peace talks"), not on words that merely evoke a war
("invasion", "fighting", "military operation"). Military movement needs both a force ("troops",
"units") and a movement ("withdraw", "return to", "focus on"). A sentence with none is ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.model import EVENT_TYPES


def _rx(*words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)


ATTACK_SUBTYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "shelling",
        _rx(
            r"shell(?:ing|ed|s)?",
            r"artillery",
            r"mortars?",
            r"howitzers?",
            r"grad rockets?",
            r"multiple rocket launchers?",
        ),
    ),
    (
        "missile",
        _rx(r"(?:cruise |ballistic |hypersonic )?missiles?", r"rockets?(?: attacks?| strikes?| fire)?"),
    ),
    (
        "air_strike",
        _rx(
            r"air ?strikes?",
            r"air raids?",
            r"airstrikes?",
            r"drone (?:strikes?|attacks?)",
            r"(?:kamikaze |attack )?drones? (?:hit|struck|attacked)",
            r"bombers?",
            r"warplanes?",
            r"drones?",
            r"bombed from the air",
            r"aerial (?:bombardment|attacks?)",
        ),
    ),
    (
        "bombing",
        _rx(
            r"bomb(?:s|ing|ings|ed)?",
            r"explosions?",
            r"blasts?",
            r"car bombs?",
            r"suicide bomb(?:er|ing)s?",
            r"bombardments?",
            r"bombarded",
        ),
    ),
    (
        "armed_clash",
        _rx(
            r"clash(?:es|ed)?",
            r"firefights?",
            r"gunfire",
            r"shootouts?",
            r"gun ?battles?",
            r"opened fire",
            r"(?:street|heavy|fierce|intense|continued|ongoing) fighting",
            r"fighting (?:continued|raged|intensified|erupted|broke out|around|near|for)",
            r"battles? for",
            r"skirmish(?:es)?",
            r"ambush(?:ed)?",
        ),
    ),
)
ATTACK_GENERAL = _rx(
    r"attack(?:s|ed|ing)?",
    r"strikes? (?:on|against|hit)",
    r"struck",
    r"pound(?:ed|ing)",
    r"hammer(?:ed|ing)",
    r"shot down",
    r"destroyed",
    r"assault(?:s|ed)? on",
    r"came under (?:heavy |artillery |rocket |mortar |sniper )fire",
)
NOT_ATTACK = _rx(
    r"heart attacks?",
    r"panic attacks?",
    r"attack ads?",
    r"hunger strikes?",
    r"strike a deal",
    r"lightning struck",
    r"struck (?:a|an) (?:deal|agreement|balance|chord)",
    r"air[- ]raid (?:sirens?|alerts?|alarms?|warnings?|shelters?)",
)
EVACUATION = _rx(
    r"evacuat(?:e|ed|es|ing|ion|ions)",
    r"evacuees?",
    r"safe passage",
    r"humanitarian corridors?",
    r"green corridors?",
)
AID = _rx(
    r"humanitarian (?:aid|assistance|supplies|cargo|convoys?|relief)",
    r"aid convoys?",
    r"relief (?:supplies|goods|convoys?)",
    r"deliver(?:y|ies|ed|ing)? (?:[\w,-]+ ){0,4}?(?:of )?(?:food|water|medicines?|medical "
    r"supplies|aid|supplies|fuel|generators)",
    r"food (?:aid|supplies|parcels)",
    r"medical supplies",
    r"aid (?:to|for|deliveries)",
    r"(?:delivery|deliveries) of humanitarian",
    r"aid (?:trucks|lorries|shipments?|flights?|drops?|airdrops?)",
    r"(?:trucks|lorries|convoys?|shipments?) (?:of|carrying|with) (?:aid|food|medicine|fuel|supplies)",
)
REFUGEES = _rx(
    r"refugees?",
    r"fled",
    r"flee(?:ing|s)?",
    r"displaced",
    r"asylum",
    r"exodus",
    r"left (?:the country|their homes?|home)",
    r"crossed (?:the border|into)",
    r"border crossings?",
    r"headed (?:north|south|east|west)(?:ward)? into",
    r"have left [A-Z]\w+",
)
NEGOTIATION = _rx(
    r"(?:peace )?talks",
    r"negotiat(?:e|ed|es|ing|ion|ions|ors?)",
    r"cease-?fires?",
    r"truce",
    r"armistice",
    r"peace (?:deal|agreement|plan|process|proposal|summit)",
    r"mediat(?:e|ed|ion|or)",
    r"delegations?",
    r"prisoner (?:swaps?|exchanges?)",
    r"grain (?:deal|corridor|initiative)",
)
NOT_NEGOTIATION = _rx(r"talks? to reporters", r"talk show")
FORCE = _rx(
    r"troops",
    r"forces",
    r"units",
    r"soldiers",
    r"army",
    r"armies",
    r"military",
    r"tanks",
    r"battalions?",
    r"brigades?",
    r"divisions",
    r"columns?",
    r"armou?red vehicles",
    r"reinforcements",
    r"marines",
    r"paratroopers",
    r"warships?",
    r"fleet",
)
MOVEMENT = _rx(
    r"push(?:ed|ing)? (?:back|out)",
    r"(?:counter-?)?offensives?",
    r"withdr(?:aw|awn|ew|awal|awing)",
    r"pull(?:ed|ing)? (?:back|out)",
    r"retreat(?:ed|ing|s)?",
    r"redeploy(?:ed|ing|ment)?",
    r"regroup(?:ed|ing)?",
    r"advanc(?:ed|ing|es)|advance (?:on|toward|towards|into|near)",
    r"mov(?:e|ed|ing) (?:into|toward|towards|to|from|closer)",
    r"massing",
    r"massed",
    r"deploy(?:ed|ing|ment)",
    r"return(?:ed|ing)? to",
    r"focus on",
    r"head(?:ed|ing) (?:to|toward|towards)",
    r"enter(?:ed|ing)",
    r"crossed (?:into|the)",
    r"encircl(?:e|ed|ing|ement)",
    r"(?:re)?capture[ds]?",
    r"retook",
    r"retaken",
    r"liberated",
    r"seiz(?:e|ed|ing)",
    r"occup(?:y|ied|ying) (?:the|a|an|parts? of|much of)",
    r"reinforc(?:e|ed|ing)",
)


@dataclass(frozen=True, slots=True)
class Typing:
    """One event type found in a sentence."""

    event_type: str
    subtype: str | None
    triggers: tuple[str, ...]


def _hits(rx: re.Pattern[str], text: str) -> list[str]:
    return [m.group(0) for m in rx.finditer(text)]


_ALL = (*(rx for _, rx in ATTACK_SUBTYPES), ATTACK_GENERAL, EVACUATION, AID, REFUGEES, NEGOTIATION, FORCE)
# run on lower-cased text without IGNORECASE: several times faster than case-folding while matching
ANY_TRIGGER = re.compile("|".join(f"(?:{rx.pattern})" for rx in _ALL).replace("[A-Z]", "[a-z]"))
OTHER = Typing("other", None, ())


def classify(sentence: str) -> list[Typing]:
    """The event types ``sentence`` reports, in taxonomy order; ``[Typing("other", ...)]`` if none."""
    if not ANY_TRIGGER.search(sentence.lower()):  # one pass decides most sentences of most articles
        return [OTHER]
    out: list[Typing] = []
    clean = NOT_ATTACK.sub(" ", sentence)
    weapons = [(name, list(rx.finditer(clean))) for name, rx in ATTACK_SUBTYPES]
    weapons = [(n, ms) for n, ms in weapons if ms]
    general = _hits(ATTACK_GENERAL, clean)
    if weapons or general:
        # the weapon named first leads: "Airstrikes hit Gaza as rockets flew" is an air strike
        subtype = min(weapons, key=lambda nm: nm[1][0].start())[0] if weapons else None
        triggers = [m.group(0) for _, ms in weapons for m in ms] + general
        out.append(Typing("attack", subtype, tuple(dict.fromkeys(triggers))))
    for etype, rx in (("evacuation", EVACUATION), ("humanitarian_aid", AID), ("refugees", REFUGEES)):
        hits = _hits(rx, sentence)
        if hits:
            out.append(Typing(etype, None, tuple(dict.fromkeys(hits))))
    neg = _hits(NEGOTIATION, NOT_NEGOTIATION.sub(" ", sentence))
    if neg:
        out.append(Typing("negotiation", None, tuple(dict.fromkeys(neg))))
    force, move = _hits(FORCE, sentence), _hits(MOVEMENT, sentence)
    if force and move:
        out.append(Typing("military_movement", None, tuple(dict.fromkeys(force + move))))
    if not out:
        out.append(OTHER)
    assert all(t.event_type in EVENT_TYPES for t in out)
    return out
