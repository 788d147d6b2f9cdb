"""The gazetteer index's schema: kinds of place, name and key flags, and what a kind is on the map.

The builder (``geo.gazetteer_build``), the loader (``geo.gazetteer``), recognition and resolution all read
these from here; none of them defines them.
"""

from __future__ import annotations

from enum import IntEnum, IntFlag, StrEnum


class Kind(IntEnum):
    """What a gazetteer entry is (stored as a small integer per place)."""

    CITY = 0
    ADMIN1 = 1
    ADMIN2 = 2
    COUNTRY = 3
    REGION = 4
    WATER = 5
    CONTINENT = 6


class NameFlag(IntFlag):
    """How a name belongs to its place (a name may be several at once)."""

    ALT = 0
    PRIMARY = 1
    DEMONYM = 2
    ABBREV = 4


class KeyFlag(IntFlag):
    """What else a folded name is, in English."""

    COMMON_WORD = 1
    FIRST_NAME = 2


class Precision(StrEnum):
    """How exactly a place can be pinned: what the map and the exports say."""

    CITY = "city"
    REGION = "region"
    COUNTRY = "country"
    WATER = "water"
    CONTINENT = "continent"
    UNLOCATED = "unlocated"  # named in the text, held by no gazetteer


PRECISION_OF_KIND: dict[int, Precision] = {
    Kind.CITY: Precision.CITY,
    Kind.ADMIN1: Precision.REGION,
    Kind.ADMIN2: Precision.REGION,
    Kind.COUNTRY: Precision.COUNTRY,
    Kind.REGION: Precision.REGION,
    Kind.WATER: Precision.WATER,
    Kind.CONTINENT: Precision.CONTINENT,
}

#: Countries whose place names reach English through several romanisations of Cyrillic.
CYRILLIC_COUNTRIES = frozenset(["UA", "RU", "BY", "KZ", "MD", "KG", "TJ", "UZ"])
#: Countries whose names reach English from Arabic, where the article is written al-, el-, ad-, as- ...
ARABIC_COUNTRIES = frozenset("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())

# The short names the hot paths read, as plain integers: recognition and resolution compare kinds and
# test flags a million times per corpus, and enum operators run several times slower than int ones.
KIND_CITY, KIND_ADMIN1, KIND_ADMIN2 = int(Kind.CITY), int(Kind.ADMIN1), int(Kind.ADMIN2)
KIND_COUNTRY, KIND_REGION = int(Kind.COUNTRY), int(Kind.REGION)
KIND_WATER, KIND_CONTINENT = int(Kind.WATER), int(Kind.CONTINENT)
NAME_ALT, NAME_PRIMARY = int(NameFlag.ALT), int(NameFlag.PRIMARY)
NAME_DEMONYM, NAME_ABBREV = int(NameFlag.DEMONYM), int(NameFlag.ABBREV)
KEY_COMMON_WORD, KEY_FIRST_NAME = int(KeyFlag.COMMON_WORD), int(KeyFlag.FIRST_NAME)
