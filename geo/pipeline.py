"""The extraction pipeline: article -> places -> events -> corridors -> claims.

Pure functions over an :class:`Article` and a loaded :class:`Gazetteer`; reading files and loading the
index happen at the edges (``geo.reading``, ``geo.gazetteer``).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from geo.claims import find_claims
from geo.corridors import (
    GROUP_CUE,
    LEAVING,
    ONE_END_CUE,
    ORIGIN_CUE,
    AttackIndex,
    arrival,
    build_corridors,
    corridor,
    destinations,
    group_routes,
    humanitarian_words,
    merge_restatements,
    origins,
    with_attacks,
)
from geo.cues import Cue
from geo.dates import DATE_HINT, dateline_end, find_date, sentence_date
from geo.discourse import line_contexts
from geo.events import (
    CONTEXT_SENTENCES,
    FORCE,
    MOVEMENT_TYPES,
    Typing,
    classify,
    classify_all,
    flight_from_the_law,
)
from geo.gazetteer import Gazetteer, load_gazetteer
from geo.model import (
    UNLOCATED,
    Article,
    Claim,
    Corridor,
    Event,
    EventType,
    Extraction,
    Mention,
    Place,
    Purpose,
    Role,
    Sentence,
    SentencePlace,
    Statement,
)
from geo.online import ONLINE_CONFIDENCE, Located, OnlineGeocoder
from geo.quotes import head, quote
from geo.recognize import MAX_NAMES_PER_ARTICLE, Found, Recognizer
from geo.resolve import Resolver
from geo.schema import Precision
from geo.sentences import split_sentences
from geo.settings import MAX_MENTIONS_PER_SENTENCE


@dataclass
class _PlaceAcc:
    pid: int
    confidences: list[float] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What one article yields before places are merged across articles."""

    article: Article
    mentions: tuple[tuple[int, float, Mention], ...]  # (place index, confidence, mention)
    events: tuple[Event, ...]
    corridors: tuple[Corridor, ...]
    claims: tuple[Claim, ...]
    online: tuple[Place, ...] = ()  # places the opt-in online geocoder found
    unlocated: tuple[Place, ...] = ()  # places the text marks but no gazetteer holds
    notes: tuple[str, ...] = ()  # what was not read in full ("only the first 100,000 place names ...")


class Extractor:
    """Runs the pipeline with one gazetteer (recogniser and resolver share it)."""

    def __init__(self, gazetteer: Gazetteer | None = None, geocoder: OnlineGeocoder | None = None) -> None:
        self.gaz = gazetteer or load_gazetteer()
        self.recognizer = Recognizer(self.gaz)
        self.resolver = Resolver(self.gaz)
        self.geocoder = geocoder  # opt-in, online; None keeps everything on this machine

    def article(self, article: Article, *, unevented: bool = True) -> ArticleResult:
        """One article's places, events, corridors and claims. ``unevented=False`` leaves out the
        ``other`` events of sentences that report none (and the work of dating them), for a caller that
        keeps typed events only, as the store does."""
        g = self.gaz
        found = self.recognizer.find(article)
        notes = (
            (f"{article.doc}: only the first {MAX_NAMES_PER_ARTICLE:,} place names were read",)
            if self.recognizer.truncated(found)
            else ()
        )
        mentions = []
        by_sentence: dict[int, list[SentencePlace]] = defaultdict(list)
        per_sentence: Counter[tuple[int, int]] = Counter()
        guessed: dict[str, list[Mention]] = {}  # names read only as a guess between namesakes: no pin
        for f, res in zip(found, self.resolver.resolve_each(found), strict=True):
            sent = article.sentences[f.sentence_index]
            start, end = f.start - sent.start, f.end - sent.start
            if not res.pinned and f.role == Role.PLACE:
                name = f.surface  # as written: the guessed namesake's own name may be another spelling
                guessed.setdefault(name, []).append(mention(article.doc, sent, start, end, f.surface))
                by_sentence[sent.index].append(
                    SentencePlace(start, end, unlocated_id(name), name, math.nan, math.nan, UNLOCATED)
                )
                continue
            per_sentence[(res.pid, sent.index)] += 1
            if per_sentence[(res.pid, sent.index)] <= MAX_MENTIONS_PER_SENTENCE:
                mentions.append(
                    (res.pid, res.confidence, mention(article.doc, sent, start, end, f.surface, f.role))
                )
            if f.role == Role.PLACE:
                lat, lon = g.latlon(res.pid)
                by_sentence[sent.index].append(
                    SentencePlace(
                        start,
                        end,
                        g.place_id(res.pid),
                        g.name(res.pid),
                        lat,
                        lon,
                        g.precision(res.pid),
                        g.country_code(res.pid) or None,
                    )
                )
        online = self._online_places(article, found, mentions, by_sentence) if self.geocoder else ()
        unlocated = self._unlocated_places(article, found, online, by_sentence, guessed)
        contexts = line_contexts(article.sentences)
        typed = classify_all([s.text for s in article.sentences])
        # sentences about an evacuation or a flight, which lend the next one their cue (one scan if none)
        cued = (
            {s.index for s in article.sentences if ONE_END_CUE.search(s.text)}
            if ONE_END_CUE.search(article.text)
            else set()
        )
        events: list[Event] = []
        corridors: list[Corridor] = []
        claims: list[Claim] = []
        for sent in article.sentences:
            places = sorted(by_sentence.get(sent.index, []), key=lambda p: p.start)
            if not (places or unevented or _typed(typed[sent.index])):
                continue  # no route, claim or event can come of it
            ctx = contexts.get(sent.index)
            day = _day(sent.text, article.date)
            found_here = build_corridors(
                article.doc,
                sent.index,
                sent.text,
                places,
                day,
                context=ctx is not None,
                context_purpose=ctx.purpose if ctx else None,
                nearby_cue=sent.index - 1 in cued,
            )
            if found_here and (flight_from_the_law(sent.text.lower()) or _troops_only(sent.text)):
                found_here = []  # "the suspect fled from A", "columns of armour moving toward A from B"
            typings = typed[sent.index]
            if found_here and (ctx is not None or not _moves(typings)):
                # a route line reports what its heading does; a route told in plain words ("took the road
                # from A to B") reports what the story around it does, else what the route is for
                organised = ctx is not None or ORGANISED.search(sent.text)
                nearest = None if organised else _nearest_movement(typed, sent.index)
                if (
                    nearest is None
                    and not organised
                    and not _humanitarian(article.sentences, sent.index, typed)
                ):
                    found_here = []  # "Highway 29 runs from A to B": a journey, not a corridor
                typings = _with_route_types(typings, found_here, nearest)
            if not unevented:
                typings = [t for t in typings if t.event_type != EventType.OTHER]
            filed = dateline_end(sent.text) if sent.index == 0 else 0  # "KYIV, March 3 (Reuters) -"
            located = _locating(sent.text, [p for p in places if p.start >= filed])
            for t in typings:
                where = _clause_places(sent.text, located, t.triggers)
                names = tuple(dict.fromkeys(p.name for p in where))
                ids = tuple(dict.fromkeys(p.place_id for p in where))
                events.append(
                    Event(
                        article.doc,
                        sent.index,
                        head(sent.text),
                        t.event_type,
                        t.subtype,
                        ids,
                        names,
                        t.triggers,
                        day,
                    )
                )
            corridors += found_here
            claims += find_claims(article.doc, sent.index, sent.text, places)
        corridors = merge_restatements(join_arrivals(article, corridors, by_sentence))
        return ArticleResult(
            article, tuple(mentions), tuple(events), tuple(corridors), tuple(claims), online, unlocated, notes
        )

    def _unlocated_places(
        self,
        article: Article,
        found: list[Found],
        online: tuple[Place, ...],
        by_sentence: dict[int, list[SentencePlace]],
        guessed: dict[str, list[Mention]],
    ) -> tuple[Place, ...]:
        """Names the text marks as places ("the village of X") that neither the gazetteer nor the online
        geocoder located, and the names ``guessed`` between namesakes (see ``Resolution.pinned``): kept
        with their mentions so every route and event can name them."""
        known = [(m.start, m.end, m.sentence_index) for p in online for m in p.mentions]
        sents = article.sentences
        taken = list(found) + [
            Found(sents[i].start + a, sents[i].start + b, "", "", i, (), Role.PLACE, False, None)
            for a, b, i in known
        ]
        places: dict[str, list[Mention]] = {name: list(ms) for name, ms in guessed.items()}
        for start, end, name, index in self.recognizer.marked_unknowns(article, taken):
            sent = sents[index]
            a, b = start - sent.start, end - sent.start
            places.setdefault(name, []).append(mention(article.doc, sent, a, b, sent.text[a:b]))
            by_sentence[index].append(
                SentencePlace(a, b, unlocated_id(name), name, math.nan, math.nan, UNLOCATED)
            )
        return tuple(
            textual_place(unlocated_id(name), name, None, None, UNLOCATED, UNLOCATED_CONFIDENCE, ms)
            for name, ms in places.items()
        )

    def _online_places(self, article: Article, found, mentions, by_sentence) -> tuple[Place, ...]:
        """Ask the opt-in geocoder about unknown names after locatives, in the document's main country."""
        if self.geocoder is None:
            return ()
        countries = Counter(
            self.gaz.country_code(pid) for pid, _, m in mentions if self.gaz.country_code(pid)
        )
        hint = countries.most_common(1)[0][0] if countries else None
        places: dict[str, tuple[Located, list[Mention]]] = {}
        for start, end, surface, index in self.recognizer.unknown_after_locatives(article, found):
            located = self.geocoder.locate(surface, hint)
            if located is None:
                continue
            sent = article.sentences[index]
            a, b = start - sent.start, end - sent.start
            places.setdefault(surface, (located, []))[1].append(mention(article.doc, sent, a, b, surface))
            by_sentence[index].append(
                SentencePlace(a, b, online_id(surface), surface, located.lat, located.lon, Precision.CITY)
            )
        return tuple(
            textual_place(online_id(name), name, loc.lat, loc.lon, Precision.CITY, ONLINE_CONFIDENCE, ms)
            for name, (loc, ms) in places.items()
        )

    def extract(self, articles: Iterable[Article], errors: Iterable[str] = ()) -> Extraction:
        results = [self.article(a) for a in articles]
        return self.merge(results, errors)

    def merge(self, results: list[ArticleResult], errors: Iterable[str] = ()) -> Extraction:
        """Articles' results as one extraction: a place per gazetteer entry with every article's
        mentions, and every corridor with the attacks near it."""
        return self.extend(Extraction(errors=tuple(errors)), results)

    def extend(self, base: Extraction, results: list[ArticleResult]) -> Extraction:
        """``base`` with more articles' results merged in, without redoing ``base``'s work: only the
        places those articles name are rebuilt, and only the new attacks are measured against the old
        corridors (a browser adding one article to a large corpus pays for that article)."""
        g = self.gaz
        by_id = {p.place_id: p for p in base.places}
        acc: dict[int, _PlaceAcc] = {}
        for r in results:
            for pid, conf, m in r.mentions:
                a = acc.setdefault(pid, _PlaceAcc(pid))
                a.confidences.append(conf)
                a.mentions.append(m)
        for pid, a in acc.items():
            old = by_id.get(g.place_id(pid))
            mentions = (*(old.mentions if old else ()), *a.mentions)
            weight = len(old.mentions) if old else 0  # the old mean counts for its mentions
            mean = ((old.confidence * weight if old else 0.0) + sum(a.confidences)) / (
                weight + len(a.confidences)
            )
            lat, lon = g.latlon(pid)
            gid = int(g.geonameid[pid])
            by_id[g.place_id(pid)] = Place(
                place_id=g.place_id(pid),
                name=g.name(pid),
                lat=lat,
                lon=lon,
                precision=g.precision(pid),
                country_code=g.country_code(pid) or None,
                admin1=g.admin1(pid) or None,
                geonameid=gid if gid >= 0 else None,
                population=int(g.population[pid]),
                confidence=round(mean, 3),
                mentions=mentions,
                label=spelling(mentions, g.name(pid)),
            )
        extra = [p for r in results for p in (*r.online, *r.unlocated)]
        for p in _merge_online([by_id[p.place_id] for p in extra if p.place_id in by_id] + extra):
            by_id[p.place_id] = p
        new_events = [e for r in results for e in r.events]
        events = (*base.events, *new_events)
        new_attacks = AttackIndex(attack_points(new_events, by_id))
        all_attacks = AttackIndex(attack_points(events, by_id) if base.corridors or len(new_attacks) else [])
        corridors = [
            *(with_attacks(c, new_attacks, keep=True) for c in base.corridors),
            *(with_attacks(c, all_attacks) for r in results for c in r.corridors),
        ]
        return Extraction(
            articles=(*base.articles, *(r.article for r in results)),
            places=tuple(by_id.values()),
            events=events,
            corridors=tuple(corridors),
            claims=(*base.claims, *(c for r in results for c in r.claims)),
            errors=(*base.errors, *(n for r in results for n in r.notes)),
        )


def attack_points(
    events: Iterable[Event], places: dict[str, Place]
) -> list[tuple[Event, str, tuple[float, float]]]:
    """Attacks pinned to towns, as (event, town, (lat, lon)): what a corridor can pass near."""
    return [
        (e, place.name, (place.lat, place.lon))
        for e in events
        if e.event_type == "attack"
        for place in (places[pid] for pid in e.place_ids if pid in places)
        if place.precision == "city" and place.lat is not None and place.lon is not None
    ]


FACILITY_AFTER = re.compile(
    r"\s+(?:nuclear|power|hydroelectric|thermal|NPP|TPP|HPP|dam|reservoir|plant)\b", re.IGNORECASE
)


def _locating(sentence: str, places: list[SentencePlace]) -> list[SentencePlace]:
    """The places that locate a sentence's events: not a town that only names a facility elsewhere
    ("the Zaporizhzhia nuclear power plant in Enerhodar" happened in Enerhodar), when another place
    is there to locate it."""
    kept = [p for p in places if not FACILITY_AFTER.match(sentence, p.end)]
    return kept if kept else places


CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s*|\s+[–—]\s+|,?\s+(?:after|while|as|before|when|whereas|but|despite|following|although|"
    r"even as|amid)\s+",
    re.IGNORECASE,
)


def _clause_places(
    sentence: str, places: list[SentencePlace], triggers: tuple[str, ...]
) -> list[SentencePlace]:
    """The places in the clauses that hold an event's trigger words: in "evacuations from A to B were
    suspended after shelling near C", the shelling happened near C, not in A or B. All the sentence's
    places when the trigger's clauses name none."""
    if not triggers or not places:
        return places
    bounds = [0, *(m.end() for m in CLAUSE_BREAK.finditer(sentence)), len(sentence) + 1]
    lowered = sentence.lower()
    spans = []
    for trigger in triggers:
        at = lowered.find(trigger.lower())
        if at >= 0:
            k = max(i for i, b in enumerate(bounds[:-1]) if b <= at)
            spans.append((bounds[k], bounds[k + 1]))
    inside = [p for p in places if any(lo <= p.start < hi for lo, hi in spans)]
    return inside or places


def mention(doc: str, sent: Sentence, start: int, end: int, surface: str, role: Role = Role.PLACE) -> Mention:
    """A mention quoting its sentence (a window of a freak one); ``sentence[start:end] == surface``."""
    text, a, b, offset = quote(sent.text, start, end)
    return Mention(doc, sent.index, text, a, b, surface, role, offset)


#: How many sentences after a departure ("Buses left A this morning.") an arrival may complete it.
ARRIVAL_WINDOW = 2


def join_arrivals(
    article: Article, corridors: list[Corridor], by_sentence: dict[int, list[SentencePlace]]
) -> list[Corridor]:
    """A route told over neighbouring sentences: a start ("Buses left A this morning.", "thousands were
    displaced from A") and the ends a sentence next to it names ("They arrived in B.", "families found
    shelter in C and headed towards D and E") when that sentence states no route of its own. One
    corridor per end, listing both sentences, the start first. A one-ended departure stays as well (its
    sentence states it so); a bare "displaced from A" no neighbour completes is no corridor."""
    routed = {c.sentence_index for c in corridors if c.destination is not None}
    stated = {c.sentence_index for c in corridors}
    sents = article.sentences

    def places(j: int) -> list[SentencePlace]:
        return sorted(by_sentence.get(j, []), key=lambda p: p.start)

    ends: dict[int, list[SentencePlace]] = {}

    def ends_of(j: int) -> list[SentencePlace]:
        if j not in ends:
            found = [] if j in routed else destinations(sents[j].text, places(j))
            if not found and j not in routed:
                one = arrival(sents[j].text, places(j))
                found = [one] if one is not None else []
            ends[j] = found
        return ends[j]

    starts: list[tuple[int, SentencePlace, Corridor | None]] = []
    for c in corridors:
        if c.destination is None and _departure(c):
            origin = next((p for p in places(c.sentence_index) if p.place_id == c.place_ids[0]), None)
            if origin is not None:
                starts.append((c.sentence_index, origin, c))
    for i in _cued(article, ORIGIN_CUE, stated):
        if not flight_from_the_law(sents[i].text.lower()):  # "fled from the police" starts no route
            starts.extend((i, o, None) for o in origins(sents[i].text, places(i)))
    joined: list[Corridor] = []
    for i in _cued(article, GROUP_CUE, stated):
        for origin, dest in group_routes(sents[i].text, places(i)):
            day = _day(sents[i].text, article.date)
            joined.append(
                corridor(article.doc, i, head(sents[i].text), [origin, dest], True, Purpose.EVACUATION, day)
            )
    start_at = sorted({i for i, _, _ in starts})
    for c in corridors:  # "... had arrived in A. They were taken to B.": the travellers go on
        j = c.sentence_index + 1
        if c.destination is not None and j < len(sents) and GOING_ON.match(sents[j].text):
            origin = next((p for p in places(c.sentence_index) if p.place_id == c.place_ids[0]), None)
            if origin is not None:
                starts.append((c.sentence_index, origin, c))
    # where a sentence's people start from is no end of its routes ("residents of A and B were told to
    # move south ... [two sentences on] 1.5 million people in A are displaced")
    started = {(i, o.place_id) for i, o, _ in starts}
    for i, origin, start in starts:
        purpose = start.purpose if start is not None else Purpose.EVACUATION
        day = start.date if start is not None else _day(sents[i].text, article.date)
        going_on = start is not None and start.destination is not None
        for j in _neighbours(article, i):
            if (j != i + 1) if going_on else (_nearest_start(start_at, j) != i):
                continue  # an arrival completes the start told nearest it (the one before, on a tie)
            for dest in ends_of(j):
                if dest.place_id != origin.place_id and (i, dest.place_id) not in started:
                    route = corridor(article.doc, i, head(sents[i].text), [origin, dest], True, purpose, day)
                    both = (Statement(i, head(sents[i].text)), Statement(j, head(sents[j].text)))
                    joined.append(replace(route, statements=both))
    return list(corridors) + joined


def _nearest_start(starts: list[int], j: int) -> int | None:
    """Of the sentences with a start, the one nearest sentence ``j`` within ``ARRIVAL_WINDOW``."""
    near = [i for i in starts if i != j and abs(i - j) <= ARRIVAL_WINDOW]
    return min(near, key=lambda i: (abs(i - j), i > j)) if near else None


#: A sentence whose subject is the travellers of the sentence before: "They were taken to B."
GOING_ON = re.compile(
    r"\s*(?:They|The (?:evacuees|refugees|convoys?|buses|trucks|passengers|families|displaced))\b"
)


def _cued(article: Article, cue: Cue, skip: set[int]) -> list[int]:
    """The sentences (not in ``skip``) where ``cue`` occurs; one search of the whole text when none do."""
    if not cue.search(article.text):
        return []
    return [s.index for s in article.sentences if s.index not in skip and cue.search(s.text)]


def _typed(typings: list[Typing]) -> bool:
    """Whether a sentence reports an event of a type (not only ``other``)."""
    return any(t.event_type != EventType.OTHER for t in typings)


def _day(sentence: str, article_date: str | None) -> str | None:
    """The day a sentence is about; in an undated article only a year written in it can give one."""
    return sentence_date(sentence, article_date) if article_date or DATE_HINT.search(sentence) else None


def _neighbours(article: Article, i: int) -> list[int]:
    """The sentences within ``ARRIVAL_WINDOW`` of sentence ``i`` (news paragraphs are often one sentence
    long, so paragraph breaks are crossed), the nearest first."""
    near = range(max(0, i - ARRIVAL_WINDOW), min(i + 1 + ARRIVAL_WINDOW, len(article.sentences)))
    return sorted((j for j in near if j != i), key=lambda j: (abs(j - i), -j))


def _departure(c: Corridor) -> bool:
    return bool(DEPARTURE.search(c.sentence))


#: A one-ended route that a neighbouring sentence's ends can complete: the leaving words, and more.
DEPARTURE = re.compile(
    rf"\b(?:{LEAVING}|evacuat\w+ of (?:[\w,-]+ ){{1,5}}?from|rolled out|headed out|on (?:their|its) way|"
    rf"escaped|displaced from|(?:move|moving|relocate|go|head) (?:south|north|east|west)\w*|"
    rf"(?:evacuees|refugees|IDPs) from)\b",
    re.IGNORECASE,
)


#: Words that make a route an organised one, whatever the story around it: its purpose types it.
ORGANISED = Cue(r"\b(?:corridors?|convoys?|evacuat\w*|buses|airlift\w*)\b")


def _moves(typings: list[Typing]) -> bool:
    return any(t.event_type in MOVEMENT_TYPES for t in typings)


def _humanitarian(sentences: Sequence[Sentence], i: int, typed: list[list[Typing]]) -> bool:
    """Whether a route told in sentence ``i`` is about people in danger or help for them: its words or
    its neighbours' say so ("The convoy route was agreed. A - B - C."), or the story reports an
    evacuation, refugees or aid somewhere. Roads, flights and goods between two towns are news of every
    day; only the words around them make them a corridor."""
    near = sentences[max(0, i - CONTEXT_SENTENCES) : i + CONTEXT_SENTENCES + 1]
    return any(humanitarian_words(s.text) for s in near) or any(_moves(t) for t in typed)


def _troops_only(sentence: str) -> bool:
    """A route of troops: the sentence's own words report a military movement and no evacuation, flight
    or aid, and speak of no one in danger ("columns of armour moving toward A from B"), whatever
    evacuation is told beside it. A blocked convoy stays a corridor by its convoy."""
    typings = classify(sentence)
    own = {t.event_type for t in typings}
    troops = any(
        t.event_type == EventType.MILITARY_MOVEMENT and any(FORCE.fullmatch(w) for w in t.triggers)
        for t in typings
    )  # forces on the move, not an offensive named as the reason people left
    return (
        troops
        and not own & set(MOVEMENT_TYPES)
        and not humanitarian_words(sentence)
        and not ORGANISED.search(sentence)
    )


def _nearest_movement(typed: list[list[Typing]], i: int) -> EventType | None:
    """The movement type (evacuation, refugees, aid) of the nearest sentence within the event context."""
    for d in range(1, CONTEXT_SENTENCES + 1):
        for j in (i - d, i + d):
            if 0 <= j < len(typed):
                moving = [t.event_type for t in typed[j] if t.event_type in MOVEMENT_TYPES]
                if moving:
                    return moving[0]
    return None


def _with_route_types(
    typings: list[Typing], routes: list[Corridor], nearest: EventType | None = None
) -> list[Typing]:
    """Add the event type of the routes a sentence states: ``nearest`` when given, else by the routes'
    purpose (evacuation, aid or both)."""
    have = {t.event_type for t in typings if t.event_type != EventType.OTHER}
    wanted: list[EventType] = [nearest] if nearest else []
    for c in routes if not nearest else ():
        if c.purpose in (Purpose.EVACUATION, Purpose.BOTH):
            wanted.append(EventType.EVACUATION)
        if c.purpose in (Purpose.HUMANITARIAN_AID, Purpose.BOTH):
            wanted.append(EventType.HUMANITARIAN_AID)
    added = [Typing(t, None, ()) for t in dict.fromkeys(wanted) if t not in have]
    kept = [t for t in typings if t.event_type != EventType.OTHER]
    return kept + added if kept or added else typings


def spelling(mentions: Iterable[Mention], fallback: str) -> str:
    """The spelling a place's articles use most for it, as a name (not a dateline's capitals, not a
    demonym); the first written wins a tie."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.role == Role.PLACE:
            surface = m.surface.title() if m.surface.isupper() and len(m.surface) > 3 else m.surface
            counts[surface] += 1
    return counts.most_common(1)[0][0] if counts else fallback


def textual_place(
    place_id: str,
    name: str,
    lat: float | None,
    lon: float | None,
    precision: str,
    confidence: float,
    mentions: list[Mention],
) -> Place:
    """A place known by its name in the text (and an online answer), not by a gazetteer entry."""
    return Place(
        place_id=place_id,
        name=name,
        lat=lat,
        lon=lon,
        precision=precision,
        country_code=None,
        admin1=None,
        geonameid=None,
        population=0,
        confidence=confidence,
        mentions=tuple(mentions),
    )


#: Confidence of a place the text marks but no gazetteer holds: its name is sure, its position unknown.
UNLOCATED_CONFIDENCE = 0.5


def unlocated_id(name: str) -> str:
    return "unlocated:" + "-".join(name.lower().split())


def online_id(name: str) -> str:
    return "online:" + "-".join(name.lower().split())


def _merge_online(places: list[Place]) -> list[Place]:
    """One place per online id, with the mentions of every article."""

    merged: dict[str, Place] = {}
    for p in places:
        merged[p.place_id] = (
            replace(merged[p.place_id], mentions=merged[p.place_id].mentions + p.mentions)
            if p.place_id in merged
            else p
        )
    return list(merged.values())


def extract_article(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Extract everything from one article."""
    return Extractor(gazetteer).extract([article])


def extract_text(text: str, doc: str = "text", gazetteer: Gazetteer | None = None) -> Extraction:
    """Extract everything from plain text (already clean; no chrome removal)."""
    day, source = find_date(text, doc)
    article = Article(doc, text, split_sentences(text), date=day, date_source=source)
    return extract_article(article, gazetteer)
