"""Disambiguation: choose, for each recognised name, the gazetteer entry the document means.

A candidate's score adds a prior (what kind of place, how many people live there, whether the name is its
own or an alternate) to evidence from the document: a qualifier ("Paris, Texas"), the countries and
first-level regions the document names, and closeness to the document's other places (two rounds, each
name judged against the others' current best). Scores are in log-odds-like units; the gap between the
best and the runner-up becomes the place's confidence.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from geo.gazetteer import (
    KIND_ADMIN1,
    KIND_ADMIN2,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_REGION,
    KIND_WATER,
    Candidate,
    Gazetteer,
)
from geo.gazetteer_build import NAME_ABBREV, NAME_DEMONYM, NAME_PRIMARY
from geo.recognize import DESIGNATORS, Found

KIND_PRIOR = {KIND_COUNTRY: 5.0, KIND_CONTINENT: 4.0, KIND_REGION: 4.0, KIND_WATER: 4.0, KIND_ADMIN1: 3.0,
              KIND_ADMIN2: 0.5, KIND_CITY: 0.0}
W_POPULATION = 0.7
W_PRIMARY = 1.0
W_COUNTRY_NAMED = 2.5
W_ADMIN1_NAMED = 3.0
W_QUALIFIER = 10.0
W_NEAR = 2.5  # within 100 km of another place of the document; half that within 400 km
EARTH_KM = 6371.0088


@dataclass(frozen=True, slots=True)
class Resolution:
    """The chosen entry for one key in one document."""

    key: str
    pid: int
    confidence: float


def _haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    la1, lo1, la2, lo2 = map(np.radians, (lat, lon, lats, lons))
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


class Resolver:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def prior(self, c: Candidate, surface_has_designator: bool) -> float:
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
        if c.flag & (NAME_PRIMARY | NAME_ABBREV):
            score += W_PRIMARY
        return score

    def resolve(self, found: list[Found]) -> dict[str, Resolution]:
        g = self.gaz
        by_key: dict[str, list[Found]] = defaultdict(list)
        for f in found:
            by_key[f.key].append(f)
        cands = {k: fs[0].candidates for k, fs in by_key.items()}
        qualifiers = {k: {f.qualifier for f in fs if f.qualifier} for k, fs in by_key.items()}

        base: dict[str, np.ndarray] = {}
        for key, cs in cands.items():
            designator = any(w in DESIGNATORS for w in key.split())
            base[key] = np.array([self.prior(c, designator) for c in cs])
        # first guess, from priors and qualifiers only
        best = {k: int(np.argmax(base[k] + self._qualifier_bonus(cands[k], qualifiers[k]))) for k in cands}
        for _ in range(2):
            named_cc, named_a1 = self._named_regions(by_key, cands, best)
            points = {k: g.latlon(cands[k][i].pid) for k, i in best.items() if by_key[k][0].role == "place"}
            new_best = {}
            scores_by_key = {}
            for key, cs in cands.items():
                scores = base[key] + self._qualifier_bonus(cs, qualifiers[key])
                scores = scores + self._context(key, cs, named_cc[key], named_a1[key], points)
                scores_by_key[key] = scores
                new_best[key] = int(np.argmax(scores))
            if new_best == best:
                break
            best = new_best
        out = {}
        for key, cs in cands.items():
            scores = scores_by_key[key]
            i = self._prefer_city(cs, best[key])
            # rivals: candidates elsewhere (a namesake division around the same city is not a rival)
            lat, lon = g.latlon(cs[i].pid)
            far = _haversine_km(lat, lon, g.lat[[c.pid for c in cs]], g.lon[[c.pid for c in cs]]) > 30
            rivals = scores[far]
            gap = float(scores[best[key]] - rivals.max()) if rivals.size else 6.0
            out[key] = Resolution(key, cs[i].pid, round(1.0 / (1.0 + math.exp(-gap)), 3))
        return out

    def _qualifier_bonus(self, cs: tuple[Candidate, ...], quals: set[str]) -> np.ndarray:
        bonus = np.zeros(len(cs))
        if not quals:
            return bonus
        g = self.gaz
        containers = [c.pid for q in quals for c in g.candidates(q)
                      if g.kind_of(c.pid) in (KIND_ADMIN1, KIND_COUNTRY)]
        for j, c in enumerate(cs):
            for p in containers:
                same_cc = g.country_code(p) == g.country_code(c.pid)
                if same_cc and (g.kind_of(p) == KIND_COUNTRY or g.admin1(p) == g.admin1(c.pid)):
                    bonus[j] = W_QUALIFIER
        return bonus

    def _named_regions(self, by_key, cands, best) -> tuple[dict[str, Counter], dict[str, set]]:
        """Per key, the countries and first-level regions the *other* keys name or lie in (by their
        current best reading): "Georgian" and "Tbilisi" both point "Georgia" at the country."""
        g = self.gaz
        per_key_cc: list[tuple[str, str, tuple[str, str] | None]] = []
        for key, i in best.items():
            pid = cands[key][i].pid
            kind = g.kind_of(pid)
            cc = g.country_code(pid)
            a1 = (cc, g.admin1(pid)) if kind in (KIND_ADMIN1, KIND_ADMIN2, KIND_CITY) and g.admin1(pid) else None
            per_key_cc.append((key, cc, a1 if kind == KIND_ADMIN1 else None))
            if kind in (KIND_CITY, KIND_ADMIN2, KIND_REGION) and cc:
                per_key_cc.append((key, f"in:{cc}", a1))
        named_cc: dict[str, Counter] = {}
        named_a1: dict[str, set] = {}
        for key in best:
            cnt: Counter = Counter()
            a1s = set()
            for other, cc, a1 in per_key_cc:
                if other != key and cc:
                    cnt[cc] += 1
                    if a1 is not None and not cc.startswith("in:"):
                        a1s.add(a1)
            named_cc[key], named_a1[key] = cnt, a1s
        return named_cc, named_a1

    def _context(self, key, cs, named_cc, named_a1, points) -> np.ndarray:
        g = self.gaz
        out = np.zeros(len(cs))
        others = [pt for k, pt in points.items() if k != key]
        lats = np.array([p[0] for p in others]) if others else None
        lons = np.array([p[1] for p in others]) if others else None
        for j, c in enumerate(cs):
            if c.flag & NAME_DEMONYM:
                continue
            kind = g.kind_of(c.pid)
            cc = g.country_code(c.pid)
            if kind != KIND_COUNTRY and named_cc.get(cc):
                out[j] += W_COUNTRY_NAMED
            if kind == KIND_COUNTRY and named_cc.get(f"in:{cc}"):
                out[j] += W_COUNTRY_NAMED  # the document names places inside this country
            if kind in (KIND_CITY, KIND_ADMIN2) and (cc, g.admin1(c.pid)) in named_a1:
                out[j] += W_ADMIN1_NAMED
            if lats is not None and kind in (KIND_CITY, KIND_ADMIN2):
                lat, lon = g.latlon(c.pid)
                d = _haversine_km(lat, lon, lats, lons)
                out[j] += W_NEAR * min(1.0, float(np.sum(d < 100)) + 0.5 * float(np.sum((d >= 100) & (d < 400))))
        return out

    def _prefer_city(self, cs: tuple[Candidate, ...], i: int) -> int:
        """A bare name shared by a division and its namesake city ("Kyiv", "Paris") means the city."""
        g = self.gaz
        win = cs[i].pid
        if g.kind_of(win) not in (KIND_ADMIN1, KIND_ADMIN2):
            return i
        for j, c in enumerate(cs):
            if (g.kind_of(c.pid) == KIND_CITY and c.flag & NAME_PRIMARY
                    and g.country_code(c.pid) == g.country_code(win) and g.admin1(c.pid) == g.admin1(win)
                    and int(g.population[c.pid]) >= 50_000):
                return j
        return i


def resolve(found: list[Found], gazetteer: Gazetteer) -> dict[str, Resolution]:
    return Resolver(gazetteer).resolve(found)
