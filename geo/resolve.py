"""Disambiguation: choose, for each recognised name, the gazetteer entry the document means.

Each name's candidates (its best dozen by prior) get a score: a prior (what kind of place, how many
people live there, whether the name is its own, whether it is a national capital) plus evidence from the
rest of the document, weighted by how likely each of the other names' readings currently is:

- a qualifier: "Paris, Texas" puts Paris in Texas;
- containment: a country or first-level region the document names holds the candidate, or the candidate
  (a country or region) holds places the document names ("Georgian", "Tbilisi" -> Georgia the country);
- closeness: candidates of different names that lie near each other support each other (Paris and Henry
  County, Tennessee), the spatial-minimality idea of classic geoparsers; names in the same sentence
  count fully, the strongest two supporters only;
- an article: "the Dnipro" is the river where a town shares the name.

Three rounds of this (readings as softmax over scores) settle joint readings that no single name would
choose alone. The probability of the chosen reading against rivals elsewhere is the place's confidence.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from geo.gazetteer import Candidate, Gazetteer
from geo.geometry import closeness_matrix, distances_km
from geo.recognize import DESIGNATORS, Found
from geo.schema import (
    KIND_ADMIN1,
    KIND_ADMIN2,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_REGION,
    KIND_WATER,
    NAME_ABBREV,
    NAME_PRIMARY,
)
from geo.settings import PROMINENT_POPULATION, SMALL_TOWN_POPULATION

KIND_PRIOR = {
    KIND_COUNTRY: 5.0,
    KIND_CONTINENT: 4.0,
    KIND_REGION: 4.0,
    KIND_WATER: 4.0,
    KIND_ADMIN1: 2.5,
    KIND_ADMIN2: 0.5,
    KIND_CITY: 0.0,
}
W_POPULATION = 0.7
W_PRIMARY = 1.0
EXONYM_POPULATION = PROMINENT_POPULATION  # a big city's other names are known exonyms (Odessa, Kiev)
W_CAPITAL = 1.0
W_QUALIFIER = 10.0
W_IN_NAMED_COUNTRY = 2.5
W_IN_NAMED_ADMIN1 = 3.0
W_IN_NAMED_ADMIN1_ALTERNATE = 1.0
W_HOLDS_NAMED = 4.0
W_NEAR = 3.5
W_ARTICLE = 3.0
W_ARTICLE_OVER_DIVISION = 8.0
W_COUNTY_SCENE = 0.5
W_CITY_SCENE = 0.5
NEAR_KM = 200.0  # closeness falls linearly from 1 at 0 km to 0 at this distance
MAX_NEAR = 3.0
FAR_TEXT_WEIGHT = 0.4
NEAR_SUPPORTERS = 2
LOCAL_SENTENCES = 0  # same sentence only; wider windows let a neighbouring paragraph's crowd decide
TOP_CANDIDATES = 12
MAX_WINDOW_NAMES = 60  # most articles name fewer; 60 names x 12 candidates is a 720^2 matrix per window
LISTED_CONFIDENCE = 0.5  # a name read on its own, in a sentence listing more than MAX_WINDOW_NAMES places
ROUNDS = 3
SAME_PLACE_KM = 30.0
SAME_PLACE_CLOSENESS = 1.0 - SAME_PLACE_KM / NEAR_KM
SPATIAL = (KIND_CITY, KIND_ADMIN2, KIND_REGION, KIND_WATER)
_SPATIAL_KIND = np.isin(np.arange(max(KIND_PRIOR) + 1), SPATIAL)  # by kind: np.isin per table is slow
TIED_EVIDENCE = 1e-6  # evidence for two readings this close is the same (sums in another order)
CACHED_PRIORS = 500_000  # past this many readings kept, the cache starts again
CACHED_BESTS = 20_000  # names' best candidates kept (each holds its candidates): a few MB at most


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen entry for one key in one document."""

    key: str
    pid: int
    confidence: float
    pinned: bool = True  # False: a guess between namesakes, listed but put on no map (see _namesake_guess)


@dataclass(frozen=True)
class _Table:
    """The candidates of one document's names, one row each (``key_of`` says whose)."""

    key_of: np.ndarray
    pids: np.ndarray
    flags: np.ndarray
    base: np.ndarray
    kinds: np.ndarray
    ccs: list[str]
    a1s: list[str]
    cc_group: np.ndarray  # each row's country as a small integer (containment sums per country)
    a1_group: np.ndarray  # each row's (country, first-level region) likewise
    lat: np.ndarray
    lon: np.ndarray
    told: np.ndarray  # what the text itself adds to each row's base score (a qualifier, an article)
    starts: np.ndarray  # each name's first row (a name's candidates are consecutive rows; all have one)


def _near_bonus(t: _Table, close: np.ndarray, prob: np.ndarray, local_rows: np.ndarray) -> np.ndarray:
    """Closeness: for each other name, its nearest likely candidate; same-sentence names count fully,
    and only the strongest few supporters count (many faint ones, a village near every town of another
    paragraph, must not outweigh one clear neighbour). ``local_rows`` is each row's text locality."""
    weighted = close * np.sqrt(prob)[None, :]
    # a name's candidates are consecutive rows, so the nearest of each is one reduction per name
    near = np.maximum.reduceat(weighted, t.starts, axis=1)
    near *= local_rows
    strongest = -np.sort(-near, axis=1)[:, :NEAR_SUPPORTERS]
    return W_NEAR * np.minimum(strongest.sum(axis=1), MAX_NEAR)


class _Containment:
    """Containment, both ways: a country or region the document names holds a candidate; a country or
    region candidate holds places the document names. Evidence is summed per (country or region, name)
    and weighed by text locality in a few matrix products, not row by row; what does not change from
    round to round (which rows count for which sum, and how much) is worked out once."""

    def __init__(self, t: _Table, local: np.ndarray, n_keys: int) -> None:
        k = t.key_of
        cc, a1 = t.cc_group, t.a1_group
        country, admin1 = t.kinds == KIND_COUNTRY, t.kinds == KIND_ADMIN1
        other = ~country & ~admin1
        has_a1 = np.array([bool(x) for x in t.a1s])
        with_cc = other & np.array([bool(c) for c in t.ccs])
        with_a1 = with_cc & has_a1
        n_cc, n_a1 = int(cc.max()) + 1, int(a1.max()) + 1
        self.n_keys, self.local_t, self.own = n_keys, local.T, np.diag(local)[None, :]
        self.named_cc = self._sum(
            cc, n_cc, k, [(country, 1.0), (admin1, 1.0), (with_cc & (t.kinds == KIND_CITY), W_CITY_SCENE)]
        )
        self.named_a1 = self._sum(
            a1, n_a1, k, [(admin1, 1.0), (with_a1 & (t.kinds == KIND_ADMIN2), W_COUNTY_SCENE)]
        )
        self.held_cc = self._sum(cc, n_cc, k, [(admin1, 1.0), (with_cc, 1.0)])
        self.held_a1 = self._sum(a1, n_a1, k, [(with_a1, 1.0)])
        self.cc_cell, self.a1_cell = (cc, k), (a1, k)
        self.country, self.admin1, self.not_country = country, admin1, ~country
        # a region makes its towns' own names likely, not every other spelling that matches a village
        self.a1_weight = np.where(t.flags & NAME_PRIMARY, W_IN_NAMED_ADMIN1, W_IN_NAMED_ADMIN1_ALTERNATE)
        self.town_in_a1 = other & ((t.kinds == KIND_CITY) | (t.kinds == KIND_ADMIN2)) & has_a1

    def _sum(
        self, groups: np.ndarray, n: int, k: np.ndarray, parts: list[tuple[np.ndarray, float]]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """(rows, cells, weights, number of groups) of one sum: each part's rows in np.add.at's order."""
        rows = np.concatenate([np.flatnonzero(mask) for mask, _ in parts])
        weights = np.concatenate([np.full(int(mask.sum()), weight) for mask, weight in parts])
        return rows, (groups * self.n_keys + k)[rows], weights, n

    def _summed(self, part: tuple[np.ndarray, np.ndarray, np.ndarray, int], prob: np.ndarray) -> np.ndarray:
        rows, cells, weights, n = part
        m = np.bincount(cells, weights * prob[rows], minlength=n * self.n_keys).reshape(n, self.n_keys)
        # evidence from every name but the one itself, weighed by closeness in the text, capped at 1
        return np.minimum(1.0, m @ self.local_t - m * self.own)

    def bonus(self, prob: np.ndarray) -> np.ndarray:
        named_cc, named_a1 = self._summed(self.named_cc, prob), self._summed(self.named_a1, prob)
        held_cc, held_a1 = self._summed(self.held_cc, prob), self._summed(self.held_a1, prob)
        bonus = np.where(self.country, W_HOLDS_NAMED * held_cc[self.cc_cell], 0.0)
        bonus += np.where(self.admin1, W_HOLDS_NAMED * held_a1[self.a1_cell], 0.0)
        bonus += np.where(self.not_country, W_IN_NAMED_COUNTRY * named_cc[self.cc_cell], 0.0)
        bonus += np.where(self.town_in_a1, self.a1_weight * named_a1[self.a1_cell], 0.0)
        return bonus


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        # a candidate's prior is read for every name that may be it, article after article: kept
        self._priors: dict[tuple[int, int, bool], float] = {}
        self._bests: dict[
            tuple[str, int, frozenset[str], bool],
            tuple[tuple[Candidate, ...], list[tuple[Candidate, float, float]]],
        ] = {}

    def prior(self, c: Candidate, surface_has_designator: bool) -> float:
        """What kind of place, how many live there, whether the name is its own, whether a capital."""
        key = (c.pid, c.flag, surface_has_designator)
        score = self._priors.get(key)
        if score is None:
            if len(self._priors) >= CACHED_PRIORS:
                self._priors.clear()
            score = self._priors[key] = self._prior(c, surface_has_designator)
        return score

    def _prior(self, c: Candidate, surface_has_designator: bool) -> float:
        g = self.gaz
        kind = g.kind_of(c.pid)
        score = KIND_PRIOR[kind]
        if kind == KIND_ADMIN1 and not c.flag & (NAME_PRIMARY | NAME_ABBREV):
            score -= 1.5
        if kind == KIND_ADMIN2 and surface_has_designator:
            score += 3.0
        pop = int(g.population[c.pid])
        if kind in (KIND_ADMIN1, KIND_ADMIN2):
            pop //= 4  # summed over the towns in it: discount against a city of the same name
        score += W_POPULATION * math.log10(pop + 10)
        if c.flag & (NAME_PRIMARY | NAME_ABBREV) or (kind == KIND_CITY and pop >= EXONYM_POPULATION):
            score += W_PRIMARY
        if g.is_capital(c.pid):
            score += W_CAPITAL
        return score

    def resolve_each(self, found: list[Found]) -> list[Resolution]:
        """The reading of each found name, in order. A long text (a book, a feed pasted whole) is read
        in windows of consecutive sentences holding at most ``MAX_WINDOW_NAMES`` names, so the work per
        window stays bounded (the joint reading costs the square of its candidates)."""
        out: list[Resolution] = []
        for window, listed in _windows(found):
            chosen = self.resolve_by_prior(window) if listed else self.resolve(window)
            out += [chosen[f.key] for f in window]
        return out

    def resolve_by_prior(self, found: list[Found]) -> dict[str, Resolution]:
        """Each name's likeliest reading on its own (kind, size, qualifier): for a sentence that only
        lists hundreds of places, where closeness and containment between them say nothing and would cost
        the square of the list."""
        out: dict[str, Resolution] = {}
        for f in found:
            if f.key in out:
                continue
            designator = any(w in DESIGNATORS for w in f.key.split())
            quals = {f.qualifier} if f.qualifier else set()

            def score(c: Candidate, designator: bool = designator, quals: set[str] = quals) -> float:
                return self.prior(c, designator) + self._qualifier_bonus(c, quals)

            best = max(f.candidates, key=score)
            out[f.key] = Resolution(f.key, best.pid, LISTED_CONFIDENCE if len(f.candidates) > 1 else 1.0)
        return out

    def resolve(self, found: list[Found]) -> dict[str, Resolution]:
        """The reading of every name in one document (or one window of it)."""
        by_key: dict[str, list[Found]] = defaultdict(list)
        for f in found:
            by_key[f.key].append(f)
        keys = list(by_key)
        if not keys:
            return {}
        t = self._table(keys, by_key)
        if len(keys) == 1:  # no other name to weigh: every bonus is 0 and the priors decide
            return self._choose(t, t.base, keys, closeness_matrix(t.lat, t.lon, NEAR_KM))
        # closeness between candidates of different names that can be pinned, and between a name's own
        # readings (how far a rival lies): what is read of the one earth model, in one call per document
        spatial = _SPATIAL_KIND[t.kinds]
        same_name = t.key_of[:, None] == t.key_of[None, :]
        pinnable = spatial[:, None] & spatial[None, :] & ~same_name
        raw = closeness_matrix(t.lat, t.lon, NEAR_KM, pinnable | same_name)
        close = np.where(pinnable, raw, 0.0)
        local = self._text_locality(keys, by_key)
        local_rows = local[t.key_of]
        containment = _Containment(t, local, len(keys))
        scores = t.base.copy()
        for _ in range(ROUNDS):
            prob = self._softmax_by_key(scores, t)
            scores = t.base + _near_bonus(t, close, prob, local_rows) + containment.bonus(prob)
        return self._choose(t, scores, keys, raw)

    def _best(
        self, key: str, cands: tuple[Candidate, ...], quals: frozenset[str], article: bool
    ) -> list[tuple[Candidate, float, float]]:
        """A name's best ``TOP_CANDIDATES`` as (candidate, prior with bonuses, bonuses), best first. The
        news names the same places article after article: each reading is kept (the candidates held
        with it, so their id stays theirs), up to ``CACHED_BESTS`` of them."""
        cache_key = (key, id(cands), quals, article)
        kept = self._bests.get(cache_key)
        if kept is not None and kept[0] is cands:
            return kept[1]
        g = self.gaz
        designator = any(w in DESIGNATORS for w in key.split())
        has_city = any(g.kind_of(c.pid) == KIND_CITY for c in cands)
        has_division = any(g.kind_of(c.pid) in (KIND_ADMIN1, KIND_ADMIN2) for c in cands)
        scored = []
        for c in cands:
            qualified = self._qualifier_bonus(c, quals)
            written = _article_bonus(g, c, article, has_city, has_division)
            scored.append((c, self.prior(c, designator) + qualified + written, qualified + written))
        scored.sort(key=lambda x: -x[1])
        if len(self._bests) >= CACHED_BESTS:
            self._bests.clear()
        self._bests[cache_key] = (cands, scored[:TOP_CANDIDATES])
        return scored[:TOP_CANDIDATES]

    def _table(self, keys: list[str], by_key: dict[str, list[Found]]) -> _Table:
        """Each name's best few candidates by prior (qualifiers and articles included), one row each."""
        g = self.gaz
        rows: list[tuple[int, Candidate, float, float]] = []
        for ki, key in enumerate(keys):
            quals = frozenset(f.qualifier for f in by_key[key] if f.qualifier)
            article = any(f.after_the for f in by_key[key])
            best = self._best(key, by_key[key][0].candidates, quals, article)
            rows += [(ki, c, s, told) for c, s, told in best]
        pids = np.array([r[1].pid for r in rows])
        key_of = np.array([r[0] for r in rows])
        ccs = [g.country_code(int(p)) for p in pids]
        a1s = [g.admin1(int(p)) for p in pids]
        return _Table(
            key_of=key_of,
            pids=pids,
            flags=np.array([r[1].flag for r in rows]),
            base=np.array([r[2] for r in rows]),
            told=np.array([r[3] for r in rows]),
            kinds=np.array([g.kind_of(int(p)) for p in pids]),
            ccs=ccs,
            a1s=a1s,
            cc_group=_groups(ccs),
            a1_group=_groups(list(zip(ccs, a1s, strict=True))),
            lat=np.asarray(g.lat[pids], dtype=float),
            lon=np.asarray(g.lon[pids], dtype=float),
            starts=np.searchsorted(key_of, np.arange(len(keys))),
        )

    def _choose(
        self, t: _Table, scores: np.ndarray, keys: list[str], raw: np.ndarray
    ) -> dict[str, Resolution]:
        """The best candidate of each name, and how likely it is against rivals elsewhere."""
        prob = self._softmax_by_key(scores, t)
        out = {}
        # a name's candidates are consecutive rows of the table: slice them instead of searching
        bounds = np.append(t.starts, len(t.key_of)).tolist()
        division = (t.kinds == KIND_ADMIN1) | (t.kinds == KIND_ADMIN2)
        said = scores - t.base + t.told  # what the text says for each reading, its size left out
        for ki, key in enumerate(keys):
            lo, hi = bounds[ki], bounds[ki + 1]
            if hi - lo == 1:  # one reading: no rival to weigh
                out[key] = Resolution(key, int(t.pids[lo]), 1.0)
                continue
            idx = np.arange(lo, hi)
            best = lo + int(np.argmax(scores[lo:hi]))
            best = self._prefer_city(idx, best, t.pids, t.kinds, t.flags)
            far = raw[best, lo:hi] < SAME_PLACE_CLOSENESS  # farther than SAME_PLACE_KM, read off the matrix
            # the division a city shares its name with is the same answer on a map, not a rival
            namesake = division[lo:hi] & (t.a1_group[lo:hi] == t.a1_group[best])
            rivals = far & ~namesake
            confidence = round(1.0 - float(prob[lo:hi][rivals].sum()), 3)
            guess = self._namesake_guess(t, said, range(lo, hi), best, raw)
            out[key] = Resolution(key, int(t.pids[best]), confidence, pinned=not guess)
        return out

    def _namesake_guess(self, t: _Table, said: np.ndarray, rows: range, best: int, raw: np.ndarray) -> bool:
        """A small town chosen among namesakes of its own country for its size alone: another town that
        bears the name as its own lies in the same country farther than SAME_PLACE_KM, and nothing the text
        says (a qualifier, a region or country it names, a place near one of them) favours the one
        chosen. Such a reading is listed with its sentences but put on no map: a village pinned 300 km
        from the story ("Novodmytrivka", "Geneva" in a story naming the United States) sends a reader
        the wrong way."""
        if t.kinds[best] != KIND_CITY or int(self.gaz.population[t.pids[best]]) >= SMALL_TOWN_POPULATION:
            return False
        rivals = [
            r
            for r in rows
            if r != best
            and t.kinds[r] == KIND_CITY
            and t.flags[r] & NAME_PRIMARY
            and t.ccs[r] == t.ccs[best]
            and raw[best, r] < SAME_PLACE_CLOSENESS
        ]
        if not rivals:
            return False
        return bool(said[best] <= max(said[r] for r in rivals) + TIED_EVIDENCE)

    @staticmethod
    def _softmax_by_key(scores: np.ndarray, t: _Table) -> np.ndarray:
        top = np.maximum.reduceat(scores, t.starts)
        e = np.exp(scores - top[t.key_of])
        total = np.bincount(t.key_of, e, minlength=len(t.starts))
        return e / total[t.key_of]

    @staticmethod
    def _text_locality(keys: list[str], by_key: dict[str, list[Found]]) -> np.ndarray:
        """Weight of each name's evidence for each other: 1 in the same sentence, less across the
        document (a village near the Donbas towns of paragraph 5 says little about the "Mykolaiv" of
        paragraph 9, written next to Odesa), none between a name and a longer one containing it."""
        sentences = [{f.sentence_index for f in by_key[k]} for k in keys]
        n = len(keys)
        local = np.full((n, n), FAR_TEXT_WEIGHT)
        for i in range(n):
            near_i = {s + d for s in sentences[i] for d in range(-LOCAL_SENTENCES, LOCAL_SENTENCES + 1)}
            for j in range(n):
                if near_i & sentences[j]:
                    local[i, j] = 1.0
        for i, j in Resolver._nested(keys):  # "Cork City" is no independent evidence for "Cork"
            local[i, j] = local[j, i] = 0.0
        return local

    @staticmethod
    def _nested(keys: list[str]) -> list[tuple[int, int]]:
        return [
            (i, j) for i, a in enumerate(keys) for j, b in enumerate(keys) if i < j and (a in b or b in a)
        ]

    def _qualifier_bonus(self, c: Candidate, quals: Iterable[str]) -> float:
        g = self.gaz
        for q in quals:
            for p in g.candidates(q):
                kind = g.kind_of(p.pid)
                if kind not in (KIND_ADMIN1, KIND_COUNTRY) or g.country_code(p.pid) != g.country_code(c.pid):
                    continue
                if kind == KIND_COUNTRY or g.admin1(p.pid) == g.admin1(c.pid):
                    return W_QUALIFIER
        return 0.0

    def _prefer_city(
        self, idx: np.ndarray, best: int, pids: np.ndarray, kinds: np.ndarray, flags: np.ndarray
    ) -> int:
        """A bare name shared by a division and its namesake city means the city: "Kyiv", "Paris", and
        "Zaporizhzhia", which names the oblast only as an alternate."""
        g = self.gaz
        win = int(pids[best])
        if kinds[best] not in (KIND_ADMIN1, KIND_ADMIN2):
            return best
        wlat, wlon = g.latlon(win)
        for r in idx:
            p = int(pids[r])
            if (
                kinds[r] != KIND_CITY
                or g.country_code(p) != g.country_code(win)
                or int(g.population[p]) < SMALL_TOWN_POPULATION
            ):
                continue
            inside = (
                g.admin1(p) == g.admin1(win)
                or float(distances_km(np.array(wlat), np.array(wlon), np.array(g.lat[p]), np.array(g.lon[p])))
                < 100
            )
            if inside and (g.name(p) == g.name(win) or not flags[best] & NAME_PRIMARY):
                return int(r)
        return best


def _windows(found: list[Found]) -> list[tuple[list[Found], bool]]:
    """Consecutive runs of whole sentences with at most ``MAX_WINDOW_NAMES`` distinct names each; a
    sentence that alone names more (a freak run of towns) is cut into runs of names, so resolution
    stays linear in the names of any text."""
    windows: list[tuple[list[Found], bool]] = [([], False)]
    keys: set[str] = set()
    by_sentence: dict[int, list[Found]] = defaultdict(list)
    for f in found:
        by_sentence[f.sentence_index].append(f)
    for index in sorted(by_sentence):
        group = by_sentence[index]
        names = {f.key for f in group}
        if len(names) > MAX_WINDOW_NAMES:  # no news sentence names this many places: a list
            windows.append((group, True))
            windows.append(([], False))
            keys = set()
            continue
        new = names - keys
        if windows[-1][0] and len(keys) + len(new) > MAX_WINDOW_NAMES:
            windows.append(([], False))
            keys = set()
        windows[-1][0].extend(group)
        keys |= names
    return [(w, listed) for w, listed in windows if w]


def _article_bonus(g: Gazetteer, c: Candidate, article: bool, has_city: bool, has_division: bool) -> float:
    """A name shared by a town or division and a river or sea: "the Dnipro" is the river, bare "Dnipro" the
    city. A division named after a sea is written with its designator ("Red Sea State"), so "on the Red
    Sea" is the sea whatever the document's country."""
    if g.kind_of(c.pid) != KIND_WATER or not (has_city or has_division):
        return 0.0
    if has_division and article:
        return W_ARTICLE_OVER_DIVISION
    return W_ARTICLE if article else -W_ARTICLE


def _groups(values: list) -> np.ndarray:
    """Each value's index among the distinct values (first seen first)."""
    index: dict = {}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int64)


def resolve(found: list[Found], gazetteer: Gazetteer) -> dict[str, Resolution]:
    return Resolver(gazetteer).resolve(found)
