"""Place recognition: find every toponym in an article and reject what is not a place.

Candidates come from one walk of the gazetteer's name trie at each capitalised word start (a
dictionary automaton over 500,000 folded names, not a regex per name), leftmost-longest. The filters that
follow are general: capitalisation, common English words and first names (which need a locative, a
qualifier or a big namesake), people (a first name or a title before, a surname seen elsewhere in the
document), streets after, languages, institutions that share a name with a town. Names the trie misses are
tried in other romanisations where the document is about a Cyrillic-script country. What survives goes to
``geo.resolve`` with all its gazetteer candidates.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial
from typing import Any, TypeVar, cast

from geo.cues import Cue
from geo.gazetteer import Candidate, Gazetteer
from geo.model import Article, Role, Sentence
from geo.resources import data_file
from geo.schema import (
    ARABIC_COUNTRIES,
    CYRILLIC_COUNTRIES,
    KIND_ADMIN1,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_REGION,
    KIND_WATER,
    NAME_ABBREV,
    NAME_DEMONYM,
    NAME_PRIMARY,
)
from geo.sentences import ABBREVIATIONS, DAYS_AND_MONTHS
from geo.settings import (
    PROMINENT_POPULATION,
    SIZEABLE_POPULATION,
    SMALL_TOWN_POPULATION,
    SPELLING_TOWN_POPULATION,
)
from geo.textnorm import fold, fold_key

MAX_NAME_CHARS = 48
#: Place names read per article: a long report names some tens of thousands; past this a text is a list
#: or an attack on the reader, and the rest of it is read for events only (the cut is reported).
MAX_NAMES_PER_ARTICLE = 100_000
# Lower-case particles inside place names ("Sea of Azov", "Deir ez-Zor", "Rostov-on-Don", "Den Haag").
CONNECTORS = frozenset(
    """of the de la le les du del della des al el am an der den sur on upon and y i da do dos das di im zu
    von van ter op aan ez es ed ad ar as at az ash ech et er en ul ibn bin bint abu sul""".split()
)
ARTICLES = frozenset("al el ad as ash an ar at az ez es ed".split())
DESIGNATORS = frozenset("region oblast province county parish district raion governorate state".split())
# Designators that also start an institution's name: "Idaho State University", "Sligo District Council".
INSTITUTIONAL = frozenset("state district province region".split())
MONTHS_DAYS = DAYS_AND_MONTHS | frozenset(
    """mon tue tues wed thu thur thurs fri sat sun
    christmas easter thanksgiving halloween ramadan hanukkah passover
    north south east west central northern southern eastern western northeast northwest southeast southwest
    northeastern northwestern southeastern southwestern""".split()
)
# Words after a first name that make "Denver Police", "Virginia Tech" an institution, not a person.
INSTITUTION_WORDS = frozenset(
    """police city county council school schools university college high hospital airport department state
    times post news valley river lake beach heights springs park mall center centre church board area metro
    community fire sheriff tech chamber district township village borough region national international
    regional public memorial medical health court jail museum library zoo bay harbor island islands""".split()
)
ROMAN = re.compile(r"^(?=[ivxlc]+$)c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$")
TITLES = frozenset(
    """mr mrs ms miss dr prof president sen senator gov governor rep representative gen general lt col
    colonel maj major capt captain sgt sergeant officer judge justice mayor minister secretary chief
    coach pastor rev father sister brother saint st deputy trooper detective det spokesman spokeswoman
    spokesperson ambassador chancellor king queen prince princess sheikh ayatollah pope lord lady sir
    commissioner councilman councilwoman attorney dean chairman chairwoman director manager
    principal""".split()
)
# A word after a name that makes the whole a street, not the place itself ("Kingston Road"). A building or
# an organisation named after a town ("a Tulsa hospital") still names the town.
NOT_PLACE_AFTER = frozenset(
    """street st road rd avenue ave drive dr boulevard blvd lane ln way court ct pike highway hwy parkway
    pkwy circle trail terrace alley plaza expressway freeway turnpike""".split()
)
#: Words that make any name before them a street's ("Salah al-Din Road"); a state's name before a
#: highway, turnpike or court still names the state ("the Massachusetts Turnpike", "S.C. Highway Patrol").
STREET_WORDS = frozenset("street st road rd avenue ave boulevard blvd lane ln".split())
LOCATIVE = frozenset(
    "in at near from to into outside inside across toward towards around via between through".split()
)
LOCATIVE_OR_OF = LOCATIVE | {"of"}
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff][\w'\u2019.]*")  # "R-N.M.": a start after "-"


def _capitalised_words(word: re.Pattern[str]) -> re.Pattern[str]:
    """The words of ``word`` (a start letter, then a tail) that start with a capital, found exactly where
    ``word.finditer`` would find them, in one pass of the regex engine: the words in lower case and the
    characters between words are skipped inside the match instead of each costing a step of a Python
    loop (five words in six are not capitalised). Every match ends at a capitalised word (group
    ``cap``) or at the end of the text, so no position is scanned twice."""
    start, tail = word.pattern.split("]", 1)
    letters = [chr(c) for c in range(0x250) if re.fullmatch(start + "]", chr(c))]
    letters += [chr(c) for c in range(0x400, 0x500) if re.fullmatch(start + "]", chr(c))]
    upper = "".join(re.escape(c) for c in letters if c.isupper())
    other = "".join(re.escape(c) for c in letters if not c.isupper())
    tail = tail.replace("*", "*+")  # a word's tail is taken whole, as finditer takes it
    return re.compile(rf"(?:[{other}]{tail}|[^{start[1:]}])*+(?:(?P<cap>[{upper}]){tail})?")


#: What the name finder reads: each capitalised word of ``_WORD``, as ``cap``'s start.
_CAPITALISED = _capitalised_words(_WORD)
_PERSON_VERB = re.compile(
    r"^\s*(?:said|says|told|added|explained|asked|wrote|argued|noted|\(\s*\d{1,3}\s*\)|,\s*\d{1,3}\s*,)"
)


class Spans:
    """Non-overlapping text spans, sorted: "is this span free?" in logarithmic time, so checking every
    candidate name of a long text stays near-linear."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._spans = sorted(spans)
        self._starts = [a for a, _ in self._spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        # the span starting at or before ``start``, and any starting inside [start, end)
        if i > 0 and self._spans[i - 1][1] > start:
            return True
        return i < len(self._starts) and self._starts[i] < end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._spans.insert(i, (start, end))


@dataclass(frozen=True, slots=True)
class Found:
    """A recognised toponym: article offsets, its folded key, its gazetteer candidates."""

    start: int
    end: int
    surface: str
    key: str
    sentence_index: int
    candidates: tuple[Candidate, ...]
    role: Role
    sentence_initial: bool
    qualifier: str | None  # the key of a name right after a comma ("Paris, Texas" -> "texas")
    after_the: bool = False  # "the Dnipro" is the river, "Dnipro" the city


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    lines = data_file("not_places.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(fold_key(s) for s in lines if s.strip() and not s.startswith("#"))


_AFTER_LOCATIVE = re.compile(
    r"\b(?:in|near|outside|around|from|into|towards?|the village of|the town of)\s+"
    r"([A-Z][a-z\u00e0-\u024f'’-]+(?:\s[A-Z][a-z\u00e0-\u024f'’-]+){0,2})"
)
_DASH_BEFORE = re.compile(r"\w\s?[–—-]\s?$")
_DASH_AFTER = re.compile(r"\s?[–—-]\s?[A-Z]")
_PREV_CAPITALISED = re.compile(r"(?<![.!?:;]\s)\b([A-Z][\w'’-]+) $")
_NAME_PAIR = re.compile(r"\b([A-Z][a-z]+)\.? ([A-Z][\w'’-]+)")
_ARTICLE_NEXT = re.compile(r" (?:al|el|Al|El)[- ][A-Z]")
_PARTICLE_HYPHEN = re.compile(r"-(?:el|al|ed|ad|es|as|ash|ar|on|sur|en|de|le|la|les|du)-")
CITY_AFTER = re.compile(r" City\b")
_REGION_AFTER = re.compile(r" region\b")
_TOKEN = re.compile(r"(?<![\w'’-])[^\W\d_][\w'’-]*")
_FINAL_AH = re.compile(r"[A-Z][a-z]{3,}ah\b")
#: A direction written before a name: "northern Gaza", "Eastern Aleppo City".
DIRECTION_BEFORE = re.compile(r"\b(?P<word>(?P<base>[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)(?:ern)?) $")
# A capitalised name the gazetteer may lack: up to three words, Arabic articles and hyphens inside
# ("Ras al-Ain", "Kafr el-Sheikh", "Novo-Oleksandrivka").
_PART = r"[A-Z][a-z\u00e0-\u024f'’]+"
_ART = r"(?:al|el|ad|as|ash|an|ar|at|az|ez|es|ed|ul|ibn|bin|abu|de|du|la|le)"
_NAME_RX = rf"(?<![\w'’-])(?:(?:{_ART}|Al|El)[- ])?{_PART}(?:(?:[- ](?:{_ART}[- ])?|-){_PART}){{0,2}}"
_NAME = re.compile(_NAME_RX)
_NAMES = rf"{_NAME_RX}(?:(?:, | and |, and ){_NAME_RX}){{0,8}}"
#: A sentence about people leaving or arriving, where a capitalised name after "from", "to", "leave" ...
#: is a place the route runs from or to.
FLIGHT_CONTEXT = Cue(
    r"\b(?:evacuat\w*|evacuees|refugees?|fled|flee\w*|displaced|corridors?|convoys?|buses|exodus|"
    r"safe passage)\b"
)
#: In an article about flight, weaker words that make a sentence one about people moving.
MOVING_CONTEXT = Cue(r"\b(?:transfer\w*|civilians|arrivals|(?:have|has) come|leav\w+|left)\b")
ROUTE_SLOT = re.compile(
    rf"\b(?:from|to|towards?|into|through|via|leave|left|leaving|exit(?:ed)? from|reach(?:ed)?|shelter in|"
    rf"camps? in|arrived in|arrived at|departed|departing|(?:civilians|residents|inhabitants|families) of|"
    rf"(?:hospitals?|camps?|centres?|centers?|shelters?) (?:in|at|near)) "
    rf"(?:the )?(?P<names>{_NAMES})"
)
#: A list of names ("A, B, C and D"): in a sentence about flight, a name the gazetteer lacks listed with
#: towns it knows is a town too.
NAME_LIST = re.compile(rf"(?P<names>{_NAME_RX}(?:(?:, | and |, and ){_NAME_RX}){{2,}})")
#: Words that make a capitalised run an organisation, not a place the gazetteer lacks.
ORGANISATION_WORDS = frozenset(
    """committee organization organisation agency ministry council office union nations red cross crescent
    army forces force government police department program programme fund bank company corporation group
    front movement party brigade service services authority administration commission court university
    school hospital church mosque center centre institute foundation association news times post press
    network channel television radio""".split()
)
MARKER_WORDS = (
    "village",
    "town",
    "settlement",
    "hamlet",
    "camp",
    "neighbo",
    "suburb",
    "locality",
    "district",
    "crossing",
    "checkpoint",
)
#: Any of ``MARKER_WORDS`` inside a lower-cased text (one search, not one per word).
_ANY_MARKER = re.compile("|".join(MARKER_WORDS))
MARKED_BEFORE = re.compile(
    rf"\b(?:the )?(?:(?:\w+-held |nearby |small |neighbou?ring |[a-z]+ern )?"
    rf"(?:village|town|settlement|hamlet|camp|neighbou?rhood|suburb|locality|district)s? of|"
    rf"villages|towns|settlements) (?P<names>{_NAMES})"
)
MARKED_AFTER = re.compile(
    rf"(?P<names>{_NAMES}) (?:[Vv]illages?|[Tt]owns?|[Cc]amps?|[Cc]rossings?|[Cc]heckpoints?|[Ll]ocality|"
    r"[Ss]ettlements?|IDP [Cc]amps?|[Rr]efugee [Cc]amps?)\b"
)
_WORD_CHARS = re.compile(r"[A-Za-z][\w.'’-]*")
_NEXT_WORD = re.compile(r"\s*([A-Za-z][\w.'’-]*)")
_ONLY_OPENERS = re.compile(r"[\s\"'“‘(—–-]*")
_SEGMENTS = re.compile(r"[.\s]+")
#: Words of more than three characters (exactly those of ``[A-Za-z][\w'’-]*`` that are: a shorter word
#: cannot hold the start of a longer one).
_LONGER_WORDS = re.compile(r"[A-Za-z][\w'’-]{3,}")
_FOLLOWING = re.compile(r"[A-Za-z][\w'’.]*")
_VARIANT_WORDS = re.compile(r"[A-Za-z\u00c0-\u024f'’-]+")


# asked of the same name by several rules (person, strength, "the"); emptied for each article
@lru_cache(maxsize=4096)
def _prev_word(text: str, start: int) -> str:
    """The word just before ``start`` (across spaces and commas), or ""."""
    words = text[max(0, start - 40) : start].rstrip(" ,\t\n").split()
    if not words:
        return ""
    m = _WORD_CHARS.search(words[-1])
    return m.group(0) if m and m.end() == len(words[-1]) else ""


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text, end, end + 40)
    return m.group(1) if m else ""


def _in_proper_name(text: str, start: int) -> bool:
    """A capitalised word right before ``start`` (same line, no comma): the name continues a proper name."""
    m = _PREV_CAPITALISED.search(text, max(0, start - 30), start)
    return m is not None and m.group(1).lower() not in LOCATIVE | {"the", "of", "and"}


def _capital_follows(text: str, end: int) -> bool:
    """A capitalised word right after ``end``: "Cork City Council", "Idaho State University"."""
    m = _NEXT_WORD.match(text, end, end + 40)
    return bool(m) and m.group(1)[0].isupper()  # type: ignore[union-attr]


def _capitalised_ok(surface: str) -> bool:
    words = surface.split()
    for i, w in enumerate(words):
        if w[0].isupper() or w[0].isdigit():
            continue
        lead = w.lower().split("-")[0]
        if i > 0 and (lead in CONNECTORS or w.lower() in DESIGNATORS):
            continue
        return False
    return True


def _abbreviation_ok(surface: str, text: str, start: int, cands: tuple[Candidate, ...]) -> bool:
    """ "US", "Ky.", "W.Va.": an abbreviation must be written in capitals, and a one-dot state abbreviation
    ("Ind.", "Miss.") only counts after a comma, as in "Gary, Ind."."""
    if not all(c.flag & NAME_ABBREV for c in cands):
        return True
    if surface.count(".") >= 2:  # "W.Va.", "S.C.": every segment capitalised
        return all(seg[:1].isupper() for seg in _SEGMENTS.split(surface) if seg)
    if surface.endswith("."):
        return text[max(0, start - 2) : start].rstrip().endswith(",")
    return surface.isupper()


T = TypeVar("T")
#: Answers kept by :class:`_PerCandidates` (each holds its candidate tuple alive): a few MB at most.
CACHED_ANSWERS = 20_000


class _PerCandidates:
    """Answers worked out once per candidate tuple. The gazetteer hands out the same tuple each time a
    name is looked up, and the news names the same places article after article, so questions about a
    name's candidates (their kinds, their countries) are asked of the same tuple again and again. Each
    answer is kept with its tuple, so the tuple's id cannot pass to another while the answer is kept."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, int], tuple[tuple[Candidate, ...], Any]] = {}

    def get(self, question: str, cands: tuple[Candidate, ...], answer: Callable[[], T]) -> T:
        kept = self._kept.get((question, id(cands)))
        if kept is not None and kept[0] is cands:
            return cast(T, kept[1])
        value = answer()
        if len(self._kept) >= CACHED_ANSWERS:
            self._kept.clear()
        self._kept[(question, id(cands))] = (cands, value)
        return value


class Recognizer:
    """Finds toponyms in articles with one gazetteer."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._asked = _PerCandidates()

    def _longest(self, folded: str, i: int, text: str) -> str | None:
        """The longest name at ``i`` that ends at a word boundary; a designated name ("Idaho State",
        "Sligo district") followed by a capitalised word names an institution ("Idaho State
        University"), so the shorter name is taken there."""
        best = None
        for key in self.gaz.prefixes(folded[i : i + MAX_NAME_CHARS]):
            end = i + len(key)
            if end < len(folded) and (
                folded[end].isalnum()
                or (folded[end] == "." and key[-1].isalpha() and folded[end + 1 : end + 2].isalpha())
            ):
                continue
            if _PARTICLE_HYPHEN.match(text, end) or _ARTICLE_NEXT.match(text, end):
                continue  # "Bab-el-Mandeb", "Bir al-Abd": the name goes on past the particle
            if " " in key and key.rsplit(" ", 1)[-1] in INSTITUTIONAL and _capital_follows(text, end):
                continue
            if best is None or len(key) > len(best):
                best = key
        return best

    def _found(
        self, text: str, sent: Sentence, i: int, key: str, cands: tuple[Candidate, ...], title_case: bool
    ) -> Found | None:
        """A name found at ``sent.text[i:]``, unless its form rules it out."""
        a = sent.start + i
        end = a + len(key)
        surface = text[a:end]
        if key in not_places() or key in MONTHS_DAYS or ROMAN.match(key) or not _capitalised_ok(surface):
            return None
        if key in ARTICLES and (
            _capital_follows(text, end) or text[end : end + 1] == "-"
        ):  # "Al Mawasi": the article of an unknown name
            return None
        if text[end : end + 1] == "." and key in ABBREVIATIONS:  # "Sens.", "Col.": a title, not a town
            return None
        if not _abbreviation_ok(surface, text, a, cands):
            return None
        initial = i == 0 or bool(_ONLY_OPENERS.fullmatch(sent.text, 0, i)) or title_case
        cands, role = self._role(cands)
        after_the = text[max(0, a - 4) : a].lower() == "the " and _prev_word(text, a).lower() == "the"
        return Found(a, end, surface, key, sent.index, cands, role, initial, None, after_the)

    def _role(self, cands: tuple[Candidate, ...]) -> tuple[tuple[Candidate, ...], Role]:
        """What a name's candidates make of it, and the candidates of that reading. "Spanish" is the
        adjective before it is a hamlet in Ontario: a demonym reading wins; "Djibouti" is the country's own
        name before it is its demonym."""

        def answer() -> tuple[tuple[Candidate, ...], Role]:
            demonyms = tuple(c for c in cands if c.flag & NAME_DEMONYM)
            if {c.pid for c in demonyms} & {c.pid for c in cands if c.flag & NAME_PRIMARY}:
                demonyms = ()
            return demonyms or cands, Role.DEMONYM if demonyms else Role.PLACE

        return self._asked.get("role", cands, answer)

    def _kinds(self, cands: tuple[Candidate, ...]) -> frozenset[int]:
        return self._asked.get("kinds", cands, lambda: frozenset(self.gaz.kind_of(c.pid) for c in cands))

    def _countries(self, cands: tuple[Candidate, ...], flag: int = 0) -> frozenset[str]:
        """The countries of the candidates (those with ``flag`` in their name's flags, when given)."""
        return self._asked.get(
            f"countries {flag}",
            cands,
            lambda: frozenset(self.gaz.country_code(c.pid) for c in cands if not flag or c.flag & flag),
        )

    def marked_unknowns(self, article: Article, found: list[Found]) -> list[tuple[int, int, str, int]]:
        """Names the gazetteer lacks but the text marks as places, as (start, end, surface, sentence index):
        "the village of X", "the towns of A and B", "X camp", "the X and Y crossings", "X town". They are
        listed with their sentences and never pinned."""
        taken = Spans((f.start, f.end) for f in found)
        out: list[tuple[int, int, str, int]] = []
        flight = bool(FLIGHT_CONTEXT.search(article.text))  # one scan decides most articles
        people: frozenset[str] | None = None
        for sent in article.sentences:
            low = sent.text.lower()
            scans = [MARKED_BEFORE, MARKED_AFTER] if _ANY_MARKER.search(low) else []
            fleeing = flight and FLIGHT_CONTEXT.search(sent.text)
            if flight and (fleeing or MOVING_CONTEXT.search(sent.text)):
                scans.append(ROUTE_SLOT)  # "civilians exited from Ghouta": a route names its ends
            if fleeing:
                scans.append(NAME_LIST)
            for rx in scans:
                for m in rx.finditer(sent.text):
                    if rx is NAME_LIST and not self._lists_a_town(m, sent, taken):
                        continue
                    for n in _NAME.finditer(m.group("names")):
                        start = sent.start + m.start("names") + n.start()
                        end = start + len(n.group(0))
                        if taken.overlaps(start, end):
                            continue
                        if people is None:
                            people = self._surnames(article.text)
                        if self._plausible_unknown(n.group(0), people):
                            out.append((start, end, n.group(0), sent.index))
                            taken.add(start, end)
        return sorted(out + self._written_again(article, {name for *_, name, _ in out}, taken))

    @staticmethod
    def _written_again(article: Article, names: set[str], taken: Spans) -> list[tuple[int, int, str, int]]:
        """The other places in the article where a name marked once is written (a dateline's capitals
        too): "the Arqeen crossing" makes "at Arqeen" a place as well. As (start, end, name, sentence).
        One pass over the words, each looked up with the few that follow it (linear in the text)."""
        if not names:
            return []
        forms = {form: name for name in names for form in (name, name.upper())}
        # a written form opens with the word it is written at: the other words are passed at once
        openers = {m.group(0) for form in forms if (m := _TOKEN.match(form))}
        longest = max(len(_TOKEN.findall(n)) for n in names)
        text = article.text
        words = list(_TOKEN.finditer(text))
        starts = [s.start for s in article.sentences]
        out = []
        for i, w in enumerate(words):
            if w.group(0) not in openers:
                continue
            for j in range(min(len(words), i + longest) - 1, i - 1, -1):
                span = text[w.start() : words[j].end()]
                if span not in forms or taken.overlaps(w.start(), words[j].end()):
                    continue
                index = bisect.bisect_right(starts, w.start()) - 1
                if index >= 0 and words[j].end() <= article.sentences[index].end:
                    out.append((w.start(), words[j].end(), forms[span], article.sentences[index].index))
                    taken.add(w.start(), words[j].end())
                break
        return out

    @staticmethod
    def _lists_a_town(m: re.Match[str], sent: Sentence, taken: Spans) -> bool:
        """Whether a list of names holds a name recognised already (its other names are its siblings)."""
        return any(
            taken.overlaps(sent.start + m.start("names") + n.start(), sent.start + m.start("names") + n.end())
            for n in _NAME.finditer(m.group("names"))
        )

    def _plausible_unknown(self, surface: str, people: frozenset[str]) -> bool:
        key = fold_key(surface)
        words = [w for w in re.split(r"[\s-]+", key) if w and w not in CONNECTORS]
        if not words or key in MONTHS_DAYS or key in not_places() or ROMAN.match(key):
            return False
        if any(w in ORGANISATION_WORDS or w in TITLES for w in words):
            return False  # "the International Committee", "Minister Smith"
        if self.gaz.is_common_english(key) or self.gaz.is_first_name(words[0]):
            return False
        return surface not in people

    def _surnames(self, text: str) -> frozenset[str]:
        """Words written after a first name or a title anywhere in the text ("Oleh Syniehubov"): people.
        One scan of the text, however many names are checked against it."""
        return frozenset(
            m.group(2)
            for m in _NAME_PAIR.finditer(text)
            if m.group(1).lower() in TITLES or self.gaz.is_first_name(m.group(1).lower())
        )

    def unknown_after_locatives(
        self, article: Article, found: list[Found]
    ) -> list[tuple[int, int, str, int]]:
        """Capitalised names right after a locative ("near Robotyne") that no gazetteer name covers, as
        (start, end, surface, sentence index): what an online geocoder may be asked about."""
        taken = Spans((f.start, f.end) for f in found)
        out = []
        for sent in article.sentences:
            for m in _AFTER_LOCATIVE.finditer(sent.text):
                start, end = sent.start + m.start(1), sent.start + m.end(1)
                surface = m.group(1)
                key = fold_key(surface)
                if taken.overlaps(start, end) or key in MONTHS_DAYS or key in not_places():
                    continue
                if self.gaz.is_common_english(key) or self.gaz.is_first_name(key.split()[0]):
                    continue
                out.append((start, end, surface, sent.index))
        return out

    def _cyrillic_context(self, found: list[Found]) -> bool:
        """Whether the document names a country, region or big city where names reach English through
        several romanisations of Cyrillic: only then are unknown capitalised words tried as other
        spellings (which keeps the look-ups, and their false matches, out of other news)."""
        g = self.gaz

        def cyrillic(cands: tuple[Candidate, ...]) -> bool:
            return any(
                g.country_code(c.pid) in CYRILLIC_COUNTRIES
                and (g.kind_of(c.pid) != KIND_CITY or int(g.population[c.pid]) >= SIZEABLE_POPULATION)
                for c in cands
            )

        return any(
            self._asked.get("cyrillic", cands, partial(cyrillic, cands))
            for cands in _distinct_candidates(found)
        )

    def _variants(self, text: str, folded: str, unknown: list[tuple[Sentence, int, bool]]) -> list[Found]:
        out: list[Found] = []
        for sent, i, title_case in unknown:
            a = sent.start + i
            if out and a < out[-1].end:
                continue
            key, cands = self._variant(sent.text, i, folded[a : a + MAX_NAME_CHARS])
            found = self._found(text, sent, i, key, cands, title_case) if key else None
            if found is not None:
                out.append(found)
        return out

    def _final_h(
        self, text: str, folded: str, unknown: list[tuple[Sentence, int, bool]], found: list[Found]
    ) -> list[Found]:
        """An Arabic name ending in the feminine "-a" is written with or without a final "h"
        ("Hodeidah" / "Hodeida", "Jeddah" / "Jedda"): an unknown word so ending is the town without it."""
        taken = Spans((f.start, f.end) for f in found)
        out: list[Found] = []
        for sent, i, title_case in unknown:
            m = _FINAL_AH.match(sent.text, i)
            a = sent.start + i
            if m is None or taken.overlaps(a, a + len(m.group(0))):
                continue
            key = folded[a : a + len(m.group(0))]
            if self.gaz.is_first_name(key) or self.gaz.is_common_english(key):
                continue
            cands = tuple(
                c for c in self.gaz.candidates(key[:-1]) if self.gaz.country_code(c.pid) in ARABIC_COUNTRIES
            )
            hit = self._found(text, sent, i, key, cands, title_case) if cands else None
            if hit is not None:
                out.append(hit)
        return out

    def _variant(self, stext: str, i: int, folded: str) -> tuple[str | None, tuple[Candidate, ...]]:
        """A capitalised name (up to three words) spelt in another romanisation: "Zaporizhia"."""
        words = list(_VARIANT_WORDS.finditer(stext[i : i + MAX_NAME_CHARS]))[:3]
        for n in range(len(words), 0, -1):
            span = words[n - 1].end()
            key = folded[:span]
            if not all(w.group(0)[0].isupper() for w in words[:n]) or len(key) < 5:
                continue
            if self.gaz.is_common_english(key) or self.gaz.is_first_name(key):
                continue
            cands = tuple(self.gaz.variant_candidates(key))
            if cands:
                return key, cands
        return None, ()

    def find(self, article: Article) -> list[Found]:
        """Every toponym of ``article``, up to ``MAX_NAMES_PER_ARTICLE`` (see :meth:`truncated`)."""
        _prev_word.cache_clear()  # its keys hold their texts: one article's at most
        text = article.text
        folded = fold(text)
        raw: list[Found] = []
        unknown: list[tuple[Sentence, int, bool]] = []  # capitalised words no name starts at
        candidates: dict[str, tuple[Candidate, ...]] = {}  # a name repeated is looked up once
        for sent in article.sentences:
            if len(raw) >= MAX_NAMES_PER_ARTICLE:
                break
            stext = sent.text
            title_case = _is_title_case(stext)
            pos = 0
            for m in _CAPITALISED.finditer(stext):
                i = m.start("cap")
                if i < pos:  # inside the name just read ("New York": "York"), or the end of the text (-1)
                    continue
                key = self._longest(folded, sent.start + i, text)
                if key is None:
                    unknown.append((sent, i, title_case))
                    continue
                pos = i + len(key)
                if key not in candidates:
                    candidates[key] = tuple(self.gaz.candidates(key))
                found = self._found(text, sent, i, key, candidates[key], title_case)
                if found is not None:
                    raw.append(found)
        if unknown and self._cyrillic_context(raw):
            raw = sorted(raw + self._variants(text, folded, unknown), key=lambda f: f.start)
        if unknown:
            raw = sorted(raw + self._final_h(text, folded, unknown, raw), key=lambda f: f.start)
        raw = [
            self._with_region_word(self._with_direction(self._with_city(f, text), text), text) for f in raw
        ]
        raw = self._qualify(raw, text)
        return self._filter(raw, text)

    @staticmethod
    def truncated(found: list[Found]) -> bool:
        """Whether :meth:`find` stopped at ``MAX_NAMES_PER_ARTICLE`` names."""
        return len(found) >= MAX_NAMES_PER_ARTICLE

    def _with_city(self, f: Found, text: str) -> Found:
        """ "Gaza City", "Aleppo City": a town's name followed by "City" is that town, written whole."""
        if not CITY_AFTER.match(text, f.end) or f.role != Role.PLACE or _capital_follows(text, f.end + 5):
            return f
        towns = tuple(c for c in f.candidates if self.gaz.kind_of(c.pid) == KIND_CITY)
        if not towns:
            return f
        end = f.end + len(CITY_AFTER.match(text, f.end).group(0))  # type: ignore[union-attr]
        return replace(f, end=end, surface=text[f.start : end], candidates=towns)

    def _with_region_word(self, f: Found, text: str) -> Found:
        """ "Kupiansk region" where the gazetteer knows no region of that name but a district: the news
        calls a town's district its region (a region of that name would have been read whole)."""
        m = _REGION_AFTER.match(text, f.end)
        if m is None or f.role != Role.PLACE or " " in f.key:
            return f
        district = tuple(self.gaz.candidates(f"{f.key} district"))
        if not district:
            return f
        end = m.end()
        return replace(f, end=end, surface=text[f.start : end], key=f"{f.key} region", candidates=district)

    def _with_direction(self, f: Found, text: str) -> Found:
        """ "northern Gaza" is the North Gaza governorate when the gazetteer has one; "Eastern Aleppo City"
        (a capitalised "-ern" direction inside a sentence) names a part of the town, written whole. Else
        the direction is only a word before the name ("eastern Ukraine" is Ukraine, "South Philadelphia"
        is read as Philadelphia: public corpora annotate such parts by the town's name)."""
        if text[f.start - 2 : f.start - 1] not in ("h", "t", "n"):  # no direction ends there: the usual case
            return f
        m = DIRECTION_BEFORE.search(text, max(0, f.start - 12), f.start)
        if (
            m is None
            or f.role != Role.PLACE
            or any(self.gaz.kind_of(c.pid) == KIND_COUNTRY for c in f.candidates)
        ):
            return f  # "northern Sudan" is a part of the country described, not a province named
        for key in (f"{m.group('base').lower()} {f.key}", f"{m.group('word').lower()} {f.key}"):
            named = tuple(self.gaz.candidates(key))
            if named:
                return replace(f, start=m.start(), surface=text[m.start() : f.end], key=key, candidates=named)
        inside = text[max(0, m.start() - 3) : m.start()].strip()[-1:] not in (
            "",
            ".",
            "!",
            "?",
            '"',
            "“",
            "\n",
        )
        towns = tuple(c for c in f.candidates if self.gaz.kind_of(c.pid) == KIND_CITY)
        if m.group("word").endswith("ern") and m.group("word")[0].isupper() and inside and towns:
            return replace(f, start=m.start(), surface=text[m.start() : f.end], candidates=towns)
        return f

    def _qualify(self, found: list[Found], text: str) -> list[Found]:
        """Link "Paris, Texas" / "Laurel, Ky.": the second name qualifies the first."""
        out = []
        for k, f in enumerate(found):
            nxt = found[k + 1] if k + 1 < len(found) else None
            if nxt is not None and re.fullmatch(r",\s*", text[f.end : nxt.start]):
                kinds = self._kinds(nxt.candidates)
                if kinds & {KIND_ADMIN1, KIND_COUNTRY}:
                    f = replace(f, qualifier=nxt.key)
            out.append(f)
        return out

    def _filter(self, found: list[Found], text: str) -> list[Found]:
        people = self._people(found, text)
        # a street's name ("Salah al-Din Road") says nothing of the countries the story is about
        streets = {k for k, f in enumerate(found) if f.role != Role.DEMONYM and self._street(f, text)}
        places = [f for k, f in enumerate(found) if k not in streets] if streets else found
        # countries the document names: a small town's other spelling ("Gostomel") counts there
        countries = set().union(*(self._named_countries(cands) for cands in _distinct_candidates(places)))
        scene: set[str] | None = None  # the document's countries, computed when a name needs them
        kept = []
        for k, f in enumerate(found):
            if f.role == Role.DEMONYM:
                if not _language_use(text, f):
                    kept.append(f)
                continue
            if f.key in people or k in streets:
                continue
            if self._needs_evidence(f) and not self._strong(f, text):
                continue
            if self._only_alternates(f):
                if scene is None:
                    scene = countries | self._towns_countries(places)
                if scene and self._foreign(f, scene):
                    continue  # "Semera" in a story about Ethiopia is not an old spelling of Samara, Russia
            if self.gaz.is_common_word(f.key) and _in_proper_name(text, f.start):
                continue  # "the Russian Centre for ...", "Training Centre": a word of an organisation's name
            if self._weak_alternate(f) and not self._strong(f, text):
                if scene is None:
                    scene = countries | self._towns_countries(places)
                seen = scene if self._prominent(f, SPELLING_TOWN_POPULATION) else countries
                if not {self.gaz.country_code(c.pid) for c in f.candidates} & seen:
                    continue
            kept.append(f)
        return kept

    def _people(self, found: list[Found], text: str) -> set[str]:
        """Keys used as a person's name anywhere in the document, by three named rules:
        :meth:`_named_after_person` ("President Kharkiv", "Anna Berlin"), :meth:`_surname_after` ("Chad
        Walker": the first name and the surname) and :meth:`_speaks` ("Odesa said")."""
        people: set[str] = set()

        @cache
        def prominent(key: str) -> bool:  # a surname that is also read as a prominent place stays one
            return any(self._prominent(g) for g in found if g.key == key)

        placed = {f.key for f in found if f.qualifier or _prev_word(text, f.start).lower() in LOCATIVE_OR_OF}
        for f in found:
            if (
                f.key in placed or f.role == Role.DEMONYM or " " in f.key
            ):  # multi-word names are rarely people
                continue
            if self._named_after_person(f, text):
                people.add(f.key)
                continue
            surname = self._surname_after(f, text)
            if surname is not None:
                people.add(f.key)
                if surname not in placed and not prominent(surname):
                    people.add(surname)
            elif self._speaks(f, text):
                people.add(f.key)
        return people

    def _named_after_person(self, f: Found, text: str) -> bool:
        """Right after a title or a first name ("Gen. Kherson", "Maria Odesa"), unless a prominent place
        follows a title or a country or state follows a first name ("Mr Biden's Ukraine")."""
        prev = _prev_word(text, f.start)
        joined = text[max(0, f.start - len(prev) - 1) : f.start]
        adjacent = bool(prev) and joined.rstrip(" ").endswith(prev) and " " in joined[-2:]
        if not adjacent or not prev[0].isupper():
            return False
        title = prev.rstrip(".").lower() in TITLES
        if not (title or self.gaz.is_first_name(fold_key(prev.rstrip(".")))):
            return False
        return not (self._prominent(f) if title else self._is_country_or_state(f))

    def _surname_after(self, f: Found, text: str) -> str | None:
        """The surname when ``f`` is a first name followed by a capitalised word that is no street,
        designator, institution word, month or common English word ("Chad Walker" -> "walker")."""
        if text[f.end : f.end + 1] != " " or not self.gaz.is_first_name(f.key):
            return None
        nxt = _next_word(text, f.end)
        bare = nxt.rstrip(".,").removesuffix("'s").removesuffix("’s")
        low = bare.lower()
        if not nxt[:1].isupper() or low in NOT_PLACE_AFTER | DESIGNATORS | INSTITUTION_WORDS | MONTHS_DAYS:
            return None
        return None if self.gaz.is_common_english(low) else fold_key(bare)

    def _speaks(self, f: Found, text: str) -> bool:
        """Followed by a verb of speech or an age ("Lviv said", "Irpin, 42,"), and no big place."""
        return bool(_PERSON_VERB.match(text[f.end : f.end + 20])) and not self._prominent(
            f, SIZEABLE_POPULATION
        )

    def _street(self, f: Found, text: str) -> bool:
        """A street named after a place: "Kingston Road" (a town's name), "Pennsylvania Avenue" (any
        name with the street word right after it); not "the Semera–Abala–Mekelle road"."""
        if f.qualifier or not _street_follows(text, f.end) or _linked(text, f):
            return False
        return self._town_like(f) or _street_next(text, f.end)

    def _town_like(self, f: Found) -> bool:
        """Could be a town (streets are named after towns, not after states: "the N.M. State Police")."""
        return any(self.gaz.kind_of(c.pid) not in (KIND_ADMIN1, KIND_COUNTRY) for c in f.candidates)

    def _prominent(self, f: Found, population: int = PROMINENT_POPULATION) -> bool:
        for c in f.candidates:
            kind = self.gaz.kind_of(c.pid)
            if kind in (KIND_COUNTRY, KIND_CONTINENT, KIND_REGION, KIND_WATER):
                return True
            if (
                kind == KIND_ADMIN1
                and c.flag & NAME_PRIMARY
                and int(self.gaz.population[c.pid]) >= population
            ):
                return True
            if kind == KIND_CITY and int(self.gaz.population[c.pid]) >= population:
                return True
        return False

    def _named_countries(self, cands: tuple[Candidate, ...]) -> frozenset[str]:
        """The countries among a name's candidates (a country's own name, not a place in it)."""
        return self._asked.get(
            "named countries",
            cands,
            lambda: frozenset(
                self.gaz.country_code(c.pid) for c in cands if self.gaz.kind_of(c.pid) == KIND_COUNTRY
            ),
        )

    def _is_country_or_state(self, f: Found) -> bool:
        return any(
            self.gaz.kind_of(c.pid) in (KIND_COUNTRY, KIND_ADMIN1) and c.flag & NAME_PRIMARY
            for c in f.candidates
        )

    def _needs_evidence(self, f: Found) -> bool:
        """Names that are also common words or first names ("North", "Michael") need context."""
        return self.gaz.is_common_word(f.key) or (" " not in f.key and self.gaz.is_first_name(f.key))

    def _weak_alternate(self, f: Found) -> bool:
        """Only alternate names of small places: "Aleksandrovka" for a city renamed a century ago. A name
        that says what it is ("Luhansk region", "Kupiansk district") is never weak."""
        if f.key.rsplit(" ", 1)[-1] in DESIGNATORS:
            return False
        return not any(c.flag & (NAME_PRIMARY | NAME_ABBREV) for c in f.candidates) and not self._prominent(
            f, SMALL_TOWN_POPULATION
        )

    def _towns_countries(self, found: list[Found]) -> set[str]:
        """Countries of the names written as a place's own name in one country only ("Gaza", "Mekelle")."""
        out: set[str] = set()
        for cands in _distinct_candidates(found):
            own = self._countries(cands, NAME_PRIMARY)
            if len(own) == 1:
                out |= own
        return out

    @staticmethod
    def _only_alternates(f: Found) -> bool:
        """Only other-language spellings match (and the name does not say what it is: "X district")."""
        if any(c.flag & (NAME_PRIMARY | NAME_ABBREV) for c in f.candidates):
            return False
        return f.key.rsplit(" ", 1)[-1] not in DESIGNATORS

    def _foreign(self, f: Found, countries: set[str]) -> bool:
        """Every candidate lies outside every country the document names or writes a town of."""
        return not self._countries(f.candidates) & countries

    def _strong(self, f: Found, text: str) -> bool:
        """Evidence that a capitalised common word or first name is meant as a place."""
        if f.qualifier:
            return True
        common = self.gaz.is_common_word(f.key)
        kinds = self._kinds(f.candidates)
        prev = _prev_word(text, f.start).lower()
        if kinds & {KIND_COUNTRY, KIND_CONTINENT} and prev != "the":  # "Turkey said", "Chad's army"
            return True
        if common and f.sentence_initial:  # a capital at a sentence start says nothing
            return False
        if common and prev == "the" and not kinds & {KIND_REGION, KIND_WATER}:  # "the North"; "the Rafah
            return False  # crossing" (a first name, not a common word) passes
        residence = prev == "of" and text[max(0, f.start - 5) : f.start] == ", of "  # "Anna Berg, of Salem"
        if kinds & {KIND_REGION, KIND_WATER} or prev in LOCATIVE or residence:
            return True
        if common:  # "Man", "Reading", "Mobile": only with a locative or a qualifier
            return False
        # a first name used as a place: a state or a sizeable city ("Virginia", "Austin")
        return any(
            self.gaz.kind_of(c.pid) in (KIND_ADMIN1, KIND_CITY)
            and c.flag & NAME_PRIMARY
            and int(self.gaz.population[c.pid]) >= SIZEABLE_POPULATION
            for c in f.candidates
        )


def _distinct_candidates(found: list[Found]) -> Iterable[tuple[Candidate, ...]]:
    """Each distinct candidate list of ``found`` once: a name written ten times shares one list (the
    gazetteer's), so document-wide questions about candidates need not ask them ten times."""
    return {id(f.candidates): f.candidates for f in found}.values()


def _is_title_case(sentence: str) -> bool:
    """Headlines capitalise every word, so a capital there says nothing about a name."""
    words = _LONGER_WORDS.findall(sentence)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) > 0.8


LANGUAGE_AFTER = frozenset(
    "language languages speaker speakers speaking translation translations subtitles lessons class classes "
    "teacher teachers version edition dub dubbed".split()
)
LANGUAGE_BEFORE = frozenset(
    "in speak speaks spoke spoken speaking learn learning learned taught into".split()
)


def _language_use(text: str, f: Found) -> bool:
    """ "in English", "French speakers": a language, not a country reference ("Russian-occupied" stays)."""
    if text[f.end : f.end + 1] == "-" and not text[f.end + 1 : f.end + 9].lower().startswith(
        ("speak", "lang")
    ):
        return False
    nxt = _next_word(text, f.end).lower().lstrip("-")
    return nxt in LANGUAGE_AFTER or _prev_word(text, f.start).lower() in LANGUAGE_BEFORE


def _linked(text: str, f: Found) -> bool:
    """A name dash-joined to another ("the Semera–Abala–Mekelle road"): a road between towns, not a
    street named after one."""
    return bool(_DASH_BEFORE.search(text, max(0, f.start - 3), f.start) or _DASH_AFTER.match(text, f.end))


def _street_next(text: str, end: int) -> bool:
    """A street word right after the name ("Salah al-Din Road", "Pennsylvania Avenue"): a street, whatever
    the name's kind; a state's name further off ("the Virginia State Police Road") stays a state."""
    word = _NEXT_WORD.match(text, end, end + 40)
    return word is not None and word.group(1).rstrip(".,").lower() in STREET_WORDS


def _street_follows(text: str, end: int) -> bool:
    """ "Kingston Road", "Elm Grove Street": a street suffix closes the capitalised run after the name."""
    for word in _FOLLOWING.findall(text, end, end + 40)[:3]:
        bare = word.rstrip(".,").lower()
        if bare in NOT_PLACE_AFTER:
            return True
        if not word[0].isupper():
            return False
    return False


def recognize(article: Article, gazetteer: Gazetteer) -> list[Found]:
    """Every toponym in ``article`` with its gazetteer candidates."""
    return Recognizer(gazetteer).find(article)


__all__ = ["Found", "Recognizer", "not_places", "recognize"]
