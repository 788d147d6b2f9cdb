"""Event typing: which of the taxonomy's event types a sentence reports, and the words that say so.

Rules over trigger lexicons, written for precision: a sentence is typed only on words that report the
event ("artillery attacks", "evacuated", "peace talks"), not on words that merely evoke a war
("invasion", "fighting", "military operation"). Military movement needs both a force ("troops",
"units") and a movement ("withdraw", "return to", "focus on"). A sentence with none is ``other``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from geo.cues import any_word, word_start
from geo.model import EVENT_TYPES, EventType


def _rx(*words: str) -> re.Pattern[str]:
    """A trigger lexicon, matched in lower-cased text (two to three times faster than IGNORECASE):
    :func:`classify` lower-cases each sentence once."""
    return re.compile((r"\b(?:" + "|".join(words) + r")\b").lower())


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
    r"strikes? (?:on|against|hit|hits|killed|kill|kills|wounded|injured|destroyed|damaged|pounded|targeted)",
    r"struck",
    r"pound(?:ed|ing)",
    r"hammer(?:ed|ing)",
    r"shot down",
    r"destroyed",
    r"assault(?:s|ed)? on",
    r"came under (?:heavy |artillery |rocket |mortar |sniper |drone |small-arms )fire",
    # bare, only where a place or a time follows: "came under fire from lawmakers" is criticism
    r"came under fire(?= (?:near|in|at|outside|along|overnight|last night|again|while|as|on (?:monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|the road)))",
    r"fir(?:ed|ing) (?:\w+ )?(?:on|at|upon)",
    r"open(?:ed)? fire",
    r"shootings?",
    r"shot (?:dead|at)",
    r"(?:of|by|amid|after|the|heavy|fierce|intense|street|continued|ongoing|renewed|escalating) fighting",
    r"fighting (?:between|broke out|erupted|continued|raged|resumed)",
    r"hostilities",
    r"killing (?:\w+ ){0,3}(?:civilians|people|children|women|men|soldiers)",
    r"massacres?",
    r"targeted with",
    r"targeting (?:\w+ ){0,2}(?:civilians|convoys?|buses|hospitals|shelters)",
)
NOT_ATTACK = _rx(
    r"heart attacks?",
    r"panic attacks?",
    r"attack ads?",
    r"hunger strikes?",
    r"(?:drone|aerial) (?:surveillance|reconnaissance)",
    r"(?:surveillance|reconnaissance|spy) drones?",
    r"(?:labou?r|general|workers'?|dockers'?|miners'?|teachers'?|nurses'?|doctors'?|rail|transport|union|"
    r"nationwide|one-day|24-hour|48-hour|week-long) strikes?",
    r"(?:on|went on|go on|going on|called a|call a) strike",
    r"strike a deal",
    r"lightning struck",
    r"struck (?:a|an) (?:deal|agreement|balance|chord)",
    r"air[- ]raid (?:sirens?|alerts?|alarms?|warnings?|shelters?)",
    r"fighting (?:for (?:their|his|her|our) lives|chance|spirit)",
    r"fighting (?:poverty|hunger|disease|fires?|corruption)",
)
#: Verbs of flight that, beside an evacuation, describe the evacuees rather than refugees.
FLIGHT_VERB = re.compile(r"fle(?:e|es|eing|d)|exodus", re.IGNORECASE)
#: A flight from the law ("the suspect fled on foot", "fleeing a traffic stop"): a crime story's, not a
#: refugee's, unless people in danger are named too ("police said thousands fled the shelling").
LAW_FLIGHT = re.compile(
    r"\b(?:suspects?|offenders?|robbers?|thie(?:f|ves)|shoplift\w*|burglars?|gunm[ae]n|assailants?|"
    r"inmates?|fugitives?|police|officers?|deput(?:y|ies)|troopers?|sheriff\w*|pursuit|apprehended|"
    r"arrest\w*|custody|jail|prison|correctional|traffic stop|the scene|squad car|patrol car)\b"
)
RUNNING = re.compile(r"\b(?:fle(?:e|es|eing|d)|escap\w*|evad\w*)\b")
IN_DANGER = re.compile(
    r"\b(?:civilians|residents|families|villagers|thousands|hundreds|refugees|people|women|children|"
    r"shelling|fighting|bombing|war|violence|persecution|troops|army|military|militias?|soldiers|rebels)\b"
)
#: "had agreed to open three corridors": an agreement whose object is a corridor reports the corridor.
AGREED_CORRIDOR = re.compile(
    r"(?<=agreed)(?: to)? (?:\w+ ){0,4}?(?:corridors?|evacuations?)\b", re.IGNORECASE
)
#: "Refugees" reports a flight with a number or a movement beside it ("28,000 refugees arrived", "the flow
#: of refugees"), not where it only names people ("the centre where refugees are processed").
REFUGEE_NOUN = re.compile(r"refugees?", re.IGNORECASE)
SUPPORT_REACH = 30
REFUGEE_SUPPORT = re.compile(
    r"\b(?:\d[\d,.]*|thousands|hundreds|millions|tens of|dozens|number|flows?|influx|waves?|streams?|"
    r"arriv\w*|fled|flee\w*|cross\w*|leav\w*|left|head(?:s|ed|ing)?|enter\w*|return\w*|reach\w*|poured|"
    r"exodus|displac\w*|camps?|sheltering|mov(?:ed|ing))\b",
    re.IGNORECASE,
)
CROSSING = re.compile(r"cross", re.IGNORECASE)
#: "Evacuees" alone reports an evacuation when they move or are counted ("16 evacuees were transferred"),
#: not where it only names people ("water for evacuees", "the evacuees' safety").
EVACUEE_NOUN = re.compile(r"evacuees?")
EVACUEE_SUPPORT = re.compile(
    r"\b(?:\d[\d,.]*(?! ?(?:km|kilomet|miles?|mi\b|%|per ?cent))|thousands|hundreds|dozens|number|arriv\w*|"
    r"fled|cross\w*|leav\w*|left|head(?:s|ed|ing)?|reach\w*|travel\w*|walk\w*|board\w*|transferr?\w*|taken|brought|"
    r"bused|buses|carrying|carried)\b"
)
#: Refugee words that can name an aid delivery's recipients.
RECIPIENT = re.compile(r"refugees?|(?:internally )?displaced|IDPs?", re.IGNORECASE)
#: Words that make what follows them (within ``HYPOTHETICAL_REACH`` characters) a fear, a condition or a
#: possibility rather than a report.
HYPOTHETICAL = re.compile(
    r"\b(?:could(?:n't| not)?|would|might|may|likely to|fear\w*|afraid|potential|if|threat\w*|warn\w*|"
    r"refrain|should|risk\w*|want(?:s|ed)? to|plan\w* to|unable to|afford to|choice|option)\b",
    re.IGNORECASE,
)
HYPOTHETICAL_REACH = 45
#: "No shelling was reported", "there will be no shooting": a negated attack is none.
NEGATED_ATTACK = re.compile(
    r"\b(?:no|without|nor|free of|halt(?:ed)? (?:to|the)|end to)\s+(?:reports?\s+of\s+)?"
    r"(?:further\s+|more\s+|new\s+|\w+\s+)?"
    r"(?:shelling|shooting|attacks?|strikes?|fighting|fire|firing|hostilities|bombing|bombardment)\b",
    re.IGNORECASE,
)
EVACUATION = _rx(
    r"evacuat(?:e|ed|es|ing|ion|ions)",
    r"evacuees?",
    r"safe passage",
    r"(?:humanitarian|green|escape|safe|secured?|evacuation) (?:corridors?|routes?)",
    r"brought (?:them )?to (?:safety|a safer place)",
    r"taken to safety",
    r"(?:transfer|transport)(?:red|ed|ing|s)? (?:of )?(?:civilians|people|residents|the wounded|patients)",
    r"(?:buses|trains) (?:carrying|carried|with) (?:\w+ ){0,2}"
    r"(?:people|civilians|evacuees|residents|passengers)",
    r"rescued",
    r"(?:took|taken|take|taking|brought|bring|bringing|got|get|getting|escort\w*|drove|driven|drive|led|"
    r"helped|bused|bussed|ferried) (?:\w+ ){0,3}?(?:civilians|people|"
    r"residents|children|families|patients|the wounded|the sick|foreigners|nationals) out",
    r"(?:brought|bring|bringing|take|took|taken) (?:\w+ ){0,3}?to safety",
    r"(?:people|civilians|residents|families|children|villagers|evacuees|patients|wounded|fighters|thousands|"
    r"hundreds|dozens) (?:[\w'-]+ ){0,3}?(?:were|have been|had been|are being|were being|was|will be|are) "
    r"(?:bused|bussed|relocated|ferried|transported|transferred|moved (?:out|away|from|to(?! tears)))",
)
#: Aid that is no humanitarian delivery: weapons, money or a helping hand ("military aid to Israel",
#: "came to her aid", "first aid"), and the help police and fire crews give each other.
NOT_AID = _rx(
    r"(?:military|financial|legal|student|first|mutual|lethal|defen[cs]e|security|campaign|hearing) aid",
    r"(?:came|come|comes|coming|rushed|rushing) to (?:his|her|their|its|the|our|my) aid",
    r"aid(?:ed|ing)? and abet\w*",
    # who reports, not what was delivered: "aid agencies said", "according to humanitarian groups"
    r"(?:aid|humanitarian|relief) (?:agencies|organi[sz]ations|groups|workers|officials|sources) "
    r"(?:said|say|says|reported|report|reports|warned|warn|warns|estimated|estimate|told)",
    r"according to (?:\w+ )?(?:aid|humanitarian|relief) "
    r"(?:agencies|organi[sz]ations|groups|workers|officials|sources)",
    r"(?:call(?:s|ed)?|request(?:s|ed)?|radioed) for (?:assistance|help)",
    r"(?:assisted|helped) by (?:\w+ ){0,3}?(?:officers?|police|deputies|detectives?|troopers?|firefighters)",
    r"(?:provid\w+|receiv\w+|with) (?:\w+ ){0,2}?assistance\b[^.;]{0,80}?\b(?:police|sheriff\w*|attorney\w*|"
    r"officers?|deputies|detectives?|prosecutors?|fire (?:department|crews?))",
)
AID = _rx(
    r"humanitarian (?:aid|assistance|supplies|cargo|convoys?|relief)",
    r"aid convoys?",
    r"relief (?:supplies|goods|convoys?|flights?|planes?|ships?|shipments?)",
    r"deliver(?:y|ies|ed|ing)? (?:[\w,-]+ ){0,4}?(?:of )?(?:food|water|medicines?|medical "
    r"supplies|aid|supplies|fuel|generators)",
    r"food (?:aid|supplies|parcels)",
    r"medical supplies",
    r"aid (?:to|for|deliveries)",
    r"(?:delivery|deliveries) of humanitarian",
    r"aid (?:trucks|lorries|shipments?|flights?|drops?|airdrops?)",
    r"(?:trucks|lorries|convoys?|shipments?|flights?|planes?|aircraft|ships?|vessels?|boats?) "
    r"(?:of|carrying|with|loaded with) (?:[\w-]+ ){0,3}?"
    r"(?:aid|food|medicines?|medical|fuel|supplies|relief|assistance|water)",
    r"humanitarian (?:assistance|centres?|centers?|facilities|partners|organi[sz]ations|workers|supplies)",
    r"aid (?:organi[sz]ations|agencies|workers|groups)",
    r"(?:relief|medical) (?:supplies|assistance|items)",
    r"deliver(?:y|ies|ed|ing|s)? (?:of )?(?:\w+ ){0,3}?(?:assistance|aid|relief)",
    r"distribut(?:ed|ing|ion|es?) (?:of )?(?:\w+ ){0,3}?(?:aid|food|water|tents|supplies|rations|"
    r"assistance|items|kits)",
    r"provid(?:e|ed|es|ing) (?:\w+ ){0,4}?(?:food|water|shelter|tents|aid|assistance|medicines?|"
    r"health(?:care)? services)",
    r"food (?:rations|items|assistance|baskets)",
    r"cargo flights?",
    r"(?:tonnes|tons) of (?:\w+ ){0,2}?(?:aid|assistance|food|supplies|cargo|flour|wheat|grain|rice|"
    r"medicines?|fuel)",
    r"(?:shelter|hygiene) (?:supplies|kits|items)",
    r"tents",
    r"assistance (?:to|for|from|was|is|has|keeps)",
    r"receiv(?:e|ed|es|ing) (?:\w+ )?(?:food|aid|assistance|supplies|tents|rations|water)",
    r"food (?:delivered|distributed)",
    r"(?:being|been|were|was|are|is) assisted",
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
    r"displacement",
    r"internally displaced",
    r"IDPs?",
    r"s(?:ought|eek|eeking|eeks) refuge",
    r"(?:are |were |is )?sheltering",
    r"self-relocated",
    r"on the move",
    r"(?:cross|crossing|crosses|crossed) (?:the |its |their |a )?(?:\w+ )?(?:border|frontier)s?",
    r"(?:cross|crossing|crosses|crossed) into",
    r"(?:cross|crossing|crosses|crossed) from (?:[\w'-]+ ){1,4}?into",
    r"(?:camps?|shelters?) (?:for|to house) (?:\w+ ){0,2}?(?:displaced|refugees|families|people)",
    r"new arrivals",
    r"(?:forced|forcing) to leave",
    r"leave (?:their|his|her) homes?",
    r"fled (?:their|his|her) homes?",
    r"walk(?:ed|ing)? out of",
    r"(?:try|tries|tried|trying|attempt\w*) to (?:leave|flee|escape|cross)",
    r"left everything",
)
NEGOTIATION = _rx(
    r"(?:peace )?talks",
    r"negotiat(?:e|ed|es|ing|ion|ions|ors?)",
    r"cease-?fires?",
    r"truce",
    r"armistice",
    r"peace (?:deal|agreement|plan|process|proposal|summit)",
    r"mediat(?:e|ed|ion|or)",
    r"delegations? (?:met|meet|meets|held|hold|arrived|resumed|returned)",
    r"prisoner (?:swaps?|exchanges?)",
    r"(?:exchang|swapp)(?:ed|ing|es?) (?:\w+ ){0,3}?(?:prisoners|captives|detainees|bodies)",
    r"humanitarian pauses?",
    r"pauses? in (?:the )?fighting",
    r"propos(?:e|ed|es|ing|al) (?:\w+ ){0,3}?(?:truce|ceasefire|pause|deal|plan|agreement|talks)",
    r"grain (?:deal|corridor|initiative)",
    r"agree(?:s|ing|ment|ments)?",
    r"agreed (?:to|on|upon|that|with|by)",
    r"(?:been|be|were|was|is|are|has|have|had|not|they|sides|parties|who) agreed",
    r"deals? (?:brokered|mediated|reached)",
    r"brokered",
    r"security guarantees?",
    r"guarantee(?:d|s)? (?:\w+ )?(?:safe passage|passage|a ceasefire|the ceasefire)",
    r"coordinated with",
    r"called on (?:all )?(?:the )?parties",
    r"(?:put|putting) pressure on",
    r"accords?",
    r"parties (?:must|should|to) (?:agree|respect)",
)
NOT_NEGOTIATION = _rx(
    r"talks? to reporters",
    r"talk show",
    r"head of (?:the )?delegation",
    # a truce as the time or the cause of another event: "during the truce", "following a ceasefire"
    r"(?:during|following|after|amid|despite|under|before) (?:the |a |an )?(?:period of (?:the )?)?"
    r"(?:\w+ )?(?:truce|cease-?fire)s?",
    r"(?:respecting|respect|violat\w+|breach\w*) (?:the |an? )?(?:\w+ )?(?:truce|cease-?fire)s?",
)
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
    r"columns?(?! of (?:cars|vehicles|buses|people|civilians|refugees|evacuees|displaced|trucks|lorries))",
    r"armou?red vehicles",
    r"reinforcements",
    r"marines",
    r"paratroopers",
    r"warships?",
    r"fleet",
)
MOVEMENT = _rx(
    r"push(?:ed|ing)? (?:back|out|into|toward|towards|deeper)",
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
    r"rushing",
    r"stepped up",
)
#: Movements that need no force named: a blockade, an offensive, a convoy stopped at a checkpoint.
MOVEMENT_ALONE = _rx(
    r"blockad(?:e|es|ed|ing)",
    r"(?:a|the|major|new|lightning|ground|spring|summer|autumn|winter|military|russian|israeli) "
    r"(?:counter-?)?offensive",
    r"offensive (?:against|on|in|toward|towards|to)",
    r"(?:were|was|been|are|is) blocked",
    r"blocked (?:the|a|an|their|its|them)",
    r"block(?:ing|s)? (?:their|the|its) (?:entry|exit|passage|way)",
    r"(?:at|through|passed) (?:a|an|the|\w+) (?:\w+ )?checkpoints?",
    r"(?:do|does|did|would|will) not allow (?:anyone|civilians|people|buses|convoys?|aid) "
    r"to (?:enter|leave|pass)",
    r"prevent(?:ed|ing|s)? (?:the )?(?:\w+ ){0,2}?(?:civilians|people|residents|refugees|buses|convoys?) "
    r"(?:from|to)",
    r"confiscat(?:e|ed|ing)",
    r"retake",
    r"advanc(?:e|es|ed|ing) (?:from|on|toward|towards|into|in)",
    r"(?:entered|captured|seized) (?!into\b|talks\b|by\b)(?:the )?\w+",
    r"took control|taken control|control of (?:the )?(?:\w+ ){0,2}?(?:districts?|city|town|areas?)",
    r"(?:regain\w*|retook|retaken|recaptur\w*|seiz\w+) control of",
    r"(?:took|taken|take|taking) over (?:the )?(?:\w+ ){0,2}?(?:city|town|village|camp|base|airport|"
    r"district|area|region|garrison|headquarters|port)",
    r"overr(?:an|un|unning|uns) (?:the |a |an )?(?:\w+ ){0,2}?(?:city|town|village|camp|base|positions?|"
    r"defen[cs]es|garrison|lines?|trenches|outposts?)",
)


#: Words that report an event only where a neighbouring sentence reports one of that type: "Six women
#: died" beside a shelling is a casualty of it; "The buses left at noon" beside an evacuation is part of it.
WEAK: dict[EventType, re.Pattern[str]] = {
    EventType.ATTACK: _rx(
        r"killed",
        r"killing",
        r"dead",
        r"died",
        r"deaths?",
        r"injured",
        r"wounded",
        r"casualties",
        r"corpses",
        r"bodies",
        r"brutal act",
        r"victims",
    ),
    EventType.EVACUATION: _rx(
        r"buses",
        r"bus",
        r"trains?",
        r"convoys?",
        r"ambulances",
        r"columns? of",
        r"boarding",
        r"way out",
        r"roll(?:ed)? out",
        r"depart\w*",
        r"leav(?:e|es|ing)",
        r"left",
        r"arriv\w*",
        r"exit(?:ed|ing|s)?",
        r"move south",
        r"moving",
        r"transfer\w*",
        r"transport\w*",
        r"rescue\w*",
        r"priority",
        r"urgent cases",
    ),
    EventType.REFUGEES: _rx(
        r"leav(?:e|es|ing)",
        r"left",
        r"arriv\w*",
        r"cross(?:ed|ing|es)?",
        r"crossings",
        r"head(?:ed|ing) to",
        r"vehicles",
        r"cars",
        r"housed",
        r"hostels",
        r"shelters?",
        r"camps?",
        r"came",
        r"trapped",
        r"visas?",
        r"queues?",
        r"lines of",
    ),
    EventType.HUMANITARIAN_AID: _rx(
        r"food",
        r"water",
        r"medicines?",
        r"flour",
        r"rations",
        r"blankets",
        r"supplies",
        r"trucks",
        r"cargo",
        r"deliver\w*",
        r"distribut\w*",
        r"tents?",
        r"fuel",
        r"generators",
        r"biscuits",
        r"shelter",
        r"warehouses",
        r"storage",
        r"health services",
        r"money",
    ),
}
NOT_CASUALTY = _rx(
    r"(?:car|road|traffic|plane|train) (?:crash|accident)",
    r"crash",
    r"accident",
    r"illness",
    r"disease",
    r"natural causes",
    r"heart attack",
    r"overdose",
)
#: How many sentences either side lend their event types to a sentence's weak words.
CONTEXT_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Typing:
    """One event type found in a sentence."""

    event_type: EventType
    subtype: str | None
    triggers: tuple[str, ...]


def _hits(rx: re.Pattern[str], text: str) -> list[str]:
    return [m.group(0) for m in rx.finditer(text)]


_ALL = (
    *(rx for _, rx in ATTACK_SUBTYPES),
    ATTACK_GENERAL,
    EVACUATION,
    AID,
    REFUGEES,
    NEGOTIATION,
    FORCE,
    MOVEMENT_ALONE,
)
# run on lower-cased text without IGNORECASE (several times faster than case-folding while matching), and
# only where words start, trying the phrases a word's first letter can open
ANY_TRIGGER = re.compile(any_word(rx.pattern for rx in _ALL))
ANY_WEAK = re.compile(word_start(r"\b(?:" + "|".join(f"(?:{rx.pattern})" for rx in WEAK.values()) + ")"))
OTHER = Typing(EventType.OTHER, None, ())


def classify(sentence: str) -> list[Typing]:
    """The event types ``sentence`` reports by its own words, in taxonomy order; ``[OTHER]`` if none.
    Triggers are reported in lower case."""
    sentence = sentence.lower()  # every lexicon is written for lower-cased text
    if not ANY_TRIGGER.search(sentence) or sentence.rstrip().endswith(":"):
        return [OTHER]  # one pass decides most sentences; a heading reports through the lines it opens
    out: list[Typing] = []
    clean = NEGATED_ATTACK.sub(" ", NOT_ATTACK.sub(" ", sentence))
    weapons = [
        (name, [m for m in rx.finditer(clean) if not _hypothetical(clean, m.start())])
        for name, rx in ATTACK_SUBTYPES
    ]
    weapons = [(n, ms) for n, ms in weapons if ms]
    general = [m.group(0) for m in ATTACK_GENERAL.finditer(clean) if not _hypothetical(clean, m.start())]
    if weapons or general:
        # the weapon named first leads: "Airstrikes hit Gaza as rockets flew" is an air strike
        subtype = min(weapons, key=lambda nm: nm[1][0].start())[0] if weapons else None
        triggers = [m.group(0) for _, ms in weapons for m in ms] + general
        out.append(Typing(EventType.ATTACK, subtype, tuple(dict.fromkeys(triggers))))
    for etype, rx in ((EventType.EVACUATION, EVACUATION), (EventType.HUMANITARIAN_AID, AID)):
        hits = _hits(rx, sentence)
        if etype == EventType.HUMANITARIAN_AID and hits:  # read again without the idioms ("first aid")
            hits = _hits(rx, NOT_AID.sub(" ", sentence))
        if etype == EventType.EVACUATION and hits:
            hits = _evacuation_hits(rx, sentence)
        if hits:
            out.append(Typing(etype, None, tuple(dict.fromkeys(hits))))
    refugees = _refugee_hits(sentence, {t.event_type for t in out})
    if refugees:
        out.append(Typing(EventType.REFUGEES, None, tuple(dict.fromkeys(refugees))))
    neg = [
        m.group(0)
        for m in NEGOTIATION.finditer(NOT_NEGOTIATION.sub(" ", sentence))
        if not _hypothetical(sentence, m.start()) and not AGREED_CORRIDOR.match(sentence, m.end())
    ]
    if neg:
        out.append(Typing(EventType.NEGOTIATION, None, tuple(dict.fromkeys(neg))))
    force, move = _hits(FORCE, sentence), _hits(MOVEMENT, sentence)
    alone = _hits(MOVEMENT_ALONE, sentence)
    if (force and move) or alone:
        out.append(Typing(EventType.MILITARY_MOVEMENT, None, tuple(dict.fromkeys(force + move + alone))))
    if not out:
        out.append(OTHER)
    return out


#: People or goods on the move: a sentence with one of these types reads its weak words as part of it.
MOVEMENT_TYPES = (EventType.EVACUATION, EventType.REFUGEES, EventType.HUMANITARIAN_AID)


def _hypothetical(sentence: str, at: int) -> bool:
    """A trigger that a fear, a warning, a condition or a modal governs ("likely to be targeted", "afraid
    of potential massacres") reports no event."""
    return bool(HYPOTHETICAL.search(sentence, max(0, at - HYPOTHETICAL_REACH), at))


#: Words before an evacuation that say it did not happen: "preventing evacuations", "stopped people from
#: leaving" (the blocking itself is a military movement, see MOVEMENT_ALONE).
PREVENTED = re.compile(r"\b(?:prevent\w*|block\w*|stop(?:s|ped|ping)?|obstruct\w*|barr(?:ed|ing))\b")
PREVENTED_REACH = 40
#: "No evacuation was possible": a negation right before the word.
NEGATED_BEFORE = re.compile(r"\b(?:no|without)\s+(?:further\s+|more\s+|new\s+)?$")


def _evacuation_hits(rx: re.Pattern[str], sentence: str, allowed: list[str] | None = None) -> list[str]:
    """The evacuation words of a lower-cased sentence (those in ``allowed`` when given) that report one:
    not prevented, and "evacuees" only when they move or are counted."""
    hits = [
        m.group(0)
        for m in rx.finditer(sentence)
        if (allowed is None or m.group(0) in allowed)
        and not PREVENTED.search(sentence, max(0, m.start() - PREVENTED_REACH), m.start())
        and not NEGATED_BEFORE.search(sentence, max(0, m.start() - 20), m.start())
    ]
    if hits and all(EVACUEE_NOUN.fullmatch(h) for h in hits):
        return _evacuees_moving(sentence)
    return hits


def _evacuees_moving(sentence: str) -> list[str]:
    """The "evacuees" of a lower-cased sentence that have a movement or a count beside them."""
    return [
        m.group(0)
        for m in EVACUEE_NOUN.finditer(sentence)
        if EVACUEE_SUPPORT.search(sentence[max(0, m.start() - SUPPORT_REACH) : m.end() + SUPPORT_REACH])
    ]


def flight_from_the_law(sentence: str) -> bool:
    """Whether a (lower-cased) sentence tells of someone running from the police, not of people in
    danger: its flight is no refugees' and its route no corridor."""
    return (
        bool(RUNNING.search(sentence))
        and bool(LAW_FLIGHT.search(sentence))
        and not IN_DANGER.search(sentence)
    )


def _refugee_hits(sentence: str, types: set[str]) -> list[str]:
    """Words that report people fleeing, less those that only describe an evacuation's people ("an
    evacuation for fleeing civilians") or an aid delivery's recipients ("food for displaced families"),
    flights from the law (``LAW_FLIGHT``) and flights that are only feared or wished."""
    out = []
    for m in REFUGEES.finditer(sentence):
        word = m.group(0)
        if FLIGHT_VERB.fullmatch(word) and (EventType.EVACUATION in types or flight_from_the_law(sentence)):
            continue  # an evacuation's people, or someone running from the police
        if EventType.HUMANITARIAN_AID in types and (RECIPIENT.fullmatch(word) or CROSSING.match(word)):
            continue  # the aid's recipients, or the aid convoy's own crossing
        if _hypothetical(sentence, m.start()):
            continue
        near = sentence[max(0, m.start() - SUPPORT_REACH) : m.end() + SUPPORT_REACH]
        if REFUGEE_NOUN.fullmatch(word) and not REFUGEE_SUPPORT.search(near):
            continue  # "where refugees are processed": a mention of refugees, not a flight
        out.append(word)
    return out


#: "More than 100,000 Armenians have left": a counted departure, a flight when nothing around it says
#: what kind of movement it is (beside an evacuation it is that evacuation's people).
COUNTED_DEPARTURE = re.compile(
    r"\b(?:\d[\d,.]*|thousands|hundreds|tens of thousands|hundreds of thousands|millions) (?:of )?"
    r"(?:[\w-]+ ){0,2}?(?:people|residents|civilians|families|refugees|villagers|inhabitants|"
    r"(?-i:[A-Z]\w+(?:ians|ans|ese|is)))"  # a people by its demonym: "Armenians", "Sudanese"
    r" (?:who )?(?:have |has |had )?(?:left (?!with\b|behind\b|a\b|an\b|over\b|out\b|in\b|on\b|to\b)|"
    r"moved (?:south|north|east|west)\w*)",
    re.IGNORECASE,
)


def _counted_departure(sentence: str, typings: list[Typing]) -> list[Typing]:
    if any(t.event_type in MOVEMENT_TYPES for t in typings) or not (
        "left" in sentence or "moved" in sentence
    ):
        return typings
    m = COUNTED_DEPARTURE.search(sentence)
    if m is None or _hypothetical(sentence.lower(), m.start()):
        return typings
    kept = [t for t in typings if t.event_type != EventType.OTHER]
    return [*kept, Typing(EventType.REFUGEES, None, (m.group(0).lower().strip(),))]


def classify_all(sentences: Sequence[str]) -> list[list[Typing]]:
    """Each sentence's event types, by its own words and then by weak words that a neighbour's events
    explain ("Six women and a child died" after a shelling is a report of that attack). A sentence that
    reports a movement of people or aid by its own words takes no other movement type from its
    neighbours, and one that reports none takes the nearest neighbour's."""
    own = [classify(s) for s in sentences]
    strong = [{t.event_type for t in ts} - {EventType.OTHER} for ts in own]
    # only a sentence with a typed neighbour can take a type from it (most articles: a few, if any)
    lent = {
        j for i, s in enumerate(strong) if s for j in range(i - CONTEXT_SENTENCES, i + CONTEXT_SENTENCES + 1)
    }
    out = []
    for i, sentence in enumerate(sentences):
        if i not in lent:
            out.append(_counted_departure(sentence, own[i]))
            continue
        around: set[str] = set()
        for d in range(1, CONTEXT_SENTENCES + 1):
            near = set().union(*(strong[j] for j in (i - d, i + d) if 0 <= j < len(sentences)))
            moving = [
                t for t in MOVEMENT_TYPES if t in near and not any(t2 in around for t2 in MOVEMENT_TYPES)
            ]
            around |= (near - set(MOVEMENT_TYPES)) | set(moving)
        if strong[i] & set(MOVEMENT_TYPES):
            around -= set(MOVEMENT_TYPES)
        out.append(_counted_departure(sentence, _with_context(sentence, own[i], around)))
    return out


#: A caption or heading fragment ("Kramatorsk train station") reports nothing by its neighbours.
MIN_CONTEXT_WORDS = 6


def _with_context(sentence: str, typings: list[Typing], around: set[str]) -> list[Typing]:
    if len(sentence.split()) < MIN_CONTEXT_WORDS:
        return typings
    have = {t.event_type for t in typings}
    wanted = [t for t in WEAK if t in around and t not in have]
    if not wanted or not ANY_WEAK.search(sentence.lower()):
        return typings
    added = []
    sentence = sentence.lower()
    for etype in wanted:
        hits = _hits(WEAK[etype], sentence)
        if etype == EventType.ATTACK and (NOT_CASUALTY.search(sentence) or NEGATED_ATTACK.search(sentence)):
            continue
        if etype in (EventType.ATTACK, EventType.REFUGEES, EventType.EVACUATION):
            hits = [
                m.group(0) for m in WEAK[etype].finditer(sentence) if not _hypothetical(sentence, m.start())
            ]
        if etype == EventType.EVACUATION and hits:
            hits = _evacuation_hits(WEAK[etype], sentence, hits)
        if hits:
            added.append(Typing(etype, None, tuple(dict.fromkeys(hits))))
    if not added:
        return typings
    kept = [t for t in typings if t.event_type != EventType.OTHER] + added
    return sorted(kept, key=lambda t: EVENT_TYPES.index(t.event_type))
