from __future__ import annotations

import pytest

from geo.geometry import distance_km
from geo.reading import article_from_text
from geo.schema import KIND_ADMIN1, KIND_COUNTRY, KIND_REGION, KIND_WATER
from geo.textnorm import fold, fold_key

VARIANTS = [
    ("Kyiv", "Kiev"),
    ("Zaporizhzhia", "Zaporizhia"),
    ("Zaporizhzhia", "Zaporozhye"),
    ("Kharkiv", "Kharkov"),
    ("Odesa", "Odessa"),
    ("Mykolaiv", "Nikolaev"),
    ("Berdyansk", "Berdiansk"),
    ("Enerhodar", "Energodar"),
    ("Hostomel", "Gostomel"),
]


@pytest.mark.parametrize("a, b", VARIANTS)
def test_spelling_variants_reach_the_same_ukrainian_city(extractor, a, b):
    def resolved(name: str):
        x = extractor.extract(
            [article_from_text(f"Shelling hit {name} overnight, Ukraine's army said.", "t")]
        )
        [place] = [p for p in x.places if p.precision == "city"]
        return place

    pa, pb = resolved(a), resolved(b)
    assert pa.country_code == "UA"
    assert pa.geonameid == pb.geonameid


def test_exonym_beats_a_smaller_namesake_without_context(extractor):
    x = extractor.extract([article_from_text("The ferry reached Odessa at dawn.", "t")])
    assert [p.country_code for p in x.places] == ["UA"]


@pytest.mark.parametrize(
    "name, kind, country, near",
    [
        ("Donbas", KIND_REGION, "UA", (48.0, 38.0)),
        ("Crimea", KIND_REGION, "UA", (45.0, 34.0)),
        ("Black Sea", KIND_WATER, "", (43.0, 35.0)),
        ("Sea of Azov", KIND_WATER, "", (46.0, 36.5)),
        ("Dnipro River", KIND_WATER, "UA", (46.5, 32.5)),
        ("Gaza Strip", KIND_REGION, "PS", (31.4, 34.4)),
        ("Kharkiv Oblast", KIND_ADMIN1, "UA", (49.5, 36.5)),
        ("Texas", KIND_ADMIN1, "US", (31.25, -99.25)),
        ("Bavaria", KIND_ADMIN1, "DE", (48.9, 11.4)),
        ("Ukraine", KIND_COUNTRY, "UA", (49.0, 32.0)),
    ],
)
def test_regions_water_and_countries(gazetteer, name, kind, country, near):
    found = [c.pid for c in gazetteer.candidates(fold_key(name)) if gazetteer.kind_of(c.pid) == kind]
    assert found, name
    pid = found[0]
    assert gazetteer.country_code(pid) == country
    assert distance_km(gazetteer.latlon(pid), near) < 161


def test_demonym_points_at_its_country(gazetteer):
    [c] = [c for c in gazetteer.candidates("ukrainian")]
    assert gazetteer.kind_of(c.pid) == KIND_COUNTRY and gazetteer.country_code(c.pid) == "UA"


def test_airport_codes_are_not_names(gazetteer):
    assert not gazetteer.candidates("iev")


def test_fold_keeps_length():
    for s in ["Zaporizhzhia – Kyiv’s “corridor”", "Dnipro\u00a0Oblast", "İstanbul", "Łódź", "Straße"]:
        assert len(fold(s)) == len(s)
    assert fold("Łódź") == "lodz"


def test_index_loads_from_cache(gazetteer):
    from geo.gazetteer import Gazetteer, default_index_dir

    again = Gazetteer(default_index_dir())
    assert again.size == gazetteer.size > 250_000


def test_british_spellings_of_common_words_are_common_words():
    from geo.gazetteer_build import _british, _common_english

    assert _british("center") == ["centre"] and _british("harbor") == ["harbour"]
    common = _common_english()
    assert {"centre", "harbour", "theatre", "offence"} <= common
    assert "paris" not in common  # a place, not a word
