"""Place names on the basemap, from the data the app already ships: countries, first-level regions, seas
and towns, denser as one zooms in.

Each group is a GeoJSON file this app serves (same origin, cached by the browser) and a MapLibre symbol
layer with a ``minzoom``: the biggest towns of the world from far out, then the towns of the countries the
articles are about by falling size. MapLibre hides a label that would overlap one already placed, and
layers higher in the stack are placed first, so bigger towns win. No glyphs are fetched: MapLibre draws
the text with the browser's own fonts when the style names no glyph server.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import numpy as np

from geo.resources import data_file
from geo.schema import Kind

#: Town labels by size: (smallest population, zoom from which shown, worldwide?). Worldwide tiers stay
#: small (the world's cities), the dense ones cover only the countries the articles are about.
TOWN_TIERS: tuple[tuple[int, float, bool], ...] = (
    (1_000_000, 2.5, True),
    (200_000, 4.0, False),
    (50_000, 5.5, False),
    (10_000, 7.0, False),
    (1_000, 8.5, False),
)
#: Towns named per size tier, the biggest first (a large country has tens of thousands of villages).
MAX_TOWN_LABELS = 4000
COUNTRY_ZOOMS = (1.0, 6.0)  # country names from world view to where towns take over
REGION_ZOOMS = (4.5, 9.0)
WATER_MINZOOM = 2.0
LABEL_COLOR, REGION_COLOR, WATER_COLOR = "#374151", "#7c8791", "#4f7fa3"

_NAME = "labels-"


def _collection(points: list[tuple[float, float, str]]) -> bytes:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(lon, 4), round(lat, 4)]},
            "properties": {"name": name},
        }
        for lat, lon, name in points
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def codes_key(countries: frozenset[str]) -> str:
    """The URL part naming a set of countries ("RU,UA"; "none" for the empty set)."""
    return ",".join(sorted(countries)) or "none"


def country_codes(part: str) -> list[str] | None:
    """Country codes from a URL part made by :func:`codes_key`, or None if it is not one."""
    codes = [c for c in part.split(",") if c != "none"]
    return sorted(set(codes)) if all(len(c) == 2 and c.isalpha() and c.isupper() for c in codes) else None


def towns(tier: int, countries: list[str] | None) -> list[tuple[float, float, str]]:
    """Towns of one size tier (in ``countries``, or worldwide when None), biggest first."""
    from geo.gazetteer import load_gazetteer

    g = load_gazetteer()
    low = TOWN_TIERS[tier][0]
    high = TOWN_TIERS[tier - 1][0] if tier else None
    pop = g.population
    mask = (g.kind == Kind.CITY) & (pop >= low)
    if high is not None:
        mask &= pop < high
    idx = np.flatnonzero(mask)
    if countries is not None:
        wanted = set(countries)
        idx = np.array([i for i in idx if g.country_code(int(i)) in wanted], dtype=np.int64)
    idx = idx[np.argsort(-pop[idx], kind="stable")][:MAX_TOWN_LABELS] if len(idx) else idx
    return [(float(g.lat[i]), float(g.lon[i]), g.name(int(i))) for i in idx]


def _water() -> list[tuple[float, float, str]]:
    from geo.gazetteer import load_gazetteer

    g = load_gazetteer()
    return [(float(g.lat[i]), float(g.lon[i]), g.name(int(i))) for i in np.flatnonzero(g.kind == Kind.WATER)]


def _country_points(countries_geojson: dict[str, Any]) -> list[tuple[float, float, str]]:
    """A point inside each country's largest polygon (a label never sits in the sea or a neighbour)."""
    from shapely.geometry import shape

    out = []
    for f in countries_geojson["features"]:
        geom = shape(f["geometry"])
        part = max(getattr(geom, "geoms", [geom]), key=lambda p: p.area)
        pt = part.representative_point()
        out.append((pt.y, pt.x, f["properties"]["name"]))
    return out


def _basemap(name: str) -> dict[str, Any]:
    return json.loads((data_file("basemap") / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=64)
def label_file(name: str) -> bytes:
    """A label file by its URL name (see :func:`label_layers`); KeyError for any other name."""
    if not (name.startswith(_NAME) and name.endswith(".geojson")):
        raise KeyError(name)
    body = name[len(_NAME) : -len(".geojson")]
    if body == "countries":
        return _collection(_country_points(_basemap("countries.geojson")))
    if body == "water":
        return _collection(_water())
    if body.startswith("regions-") and (codes := country_codes(body[len("regions-") :])) is not None:
        feats = _basemap("admin1.geojson")["features"]
        wanted = set(codes)
        return _collection(
            [
                (f["properties"]["lat"], f["properties"]["lon"], f["properties"]["name"])
                for f in feats
                if f["properties"].get("iso") in wanted
            ]
        )
    if body.startswith("towns-"):
        tier_text, _, rest = body[len("towns-") :].partition("-")
        if tier_text.isdigit() and int(tier_text) < len(TOWN_TIERS):
            tier = int(tier_text)
            if TOWN_TIERS[tier][2] and not rest:
                return _collection(towns(tier, None))
            codes = country_codes(rest)
            if not TOWN_TIERS[tier][2] and codes is not None:
                return _collection(towns(tier, codes))
    raise KeyError(name)


def _symbol(source: str, minzoom: float, maxzoom: float, size: int, color: str) -> dict[str, Any]:
    return {
        "sourcetype": "geojson",
        "source": source,
        "type": "symbol",
        "minzoom": minzoom,
        "maxzoom": maxzoom,
        "below": "traces",
        "symbol": {
            "icon": "",
            "text": "{name}",
            "textfont": {"size": size, "color": color},
            "placement": "point",
        },
    }


def label_layers(base: str, countries: frozenset[str]) -> list[dict[str, Any]]:
    """The symbol layers, smallest towns first (lowest priority) and country names last."""
    codes = codes_key(countries)
    layers = []
    for tier in reversed(range(len(TOWN_TIERS))):
        _, minzoom, worldwide = TOWN_TIERS[tier]
        name = f"towns-{tier}" if worldwide else f"towns-{tier}-{codes}"
        layers.append(
            _symbol(f"{base}{_NAME}{name}.geojson", minzoom, 24, 12 if tier < 2 else 11, LABEL_COLOR)
        )
    layers.append(_symbol(f"{base}{_NAME}regions-{codes}.geojson", *REGION_ZOOMS, 11, REGION_COLOR))
    layers.append(_symbol(f"{base}{_NAME}water.geojson", WATER_MINZOOM, 24, 12, WATER_COLOR))
    layers.append(_symbol(f"{base}{_NAME}countries.geojson", *COUNTRY_ZOOMS, 13, LABEL_COLOR))
    return layers
