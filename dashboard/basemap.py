"""The offline basemap, served by this app: land, borders, coastlines, lakes, rivers and place names.

Far out, Natural Earth 1:110m land and borders for the whole world (light enough for a software-rendered
browser) and first-level region borders of the countries the articles are about. From zoom
``FINE_MINZOOM`` on, 1:10m land, sea, borders, lakes and rivers cut out around those countries take over
(the world at 1:10m took 10 s to paint). Place names come from ``dashboard.labels``. Every source is a
URL under ``BASEMAP_PATH`` on this server; no request leaves the machine.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from dashboard.labels import label_file, label_layers
from geo.resources import data_file

BASEMAP = data_file("basemap")
SEA, LAND, BORDER, REGION_LINE, RIVER = "#d7e6ef", "#f7f5f0", "#8b969e", "#c3c9cf", "#9cc3dd"
#: From this zoom the 1:10m layers around the articles' countries replace the 1:110m outlines.
FINE_MINZOOM = 4.5
#: Rivers appear from this zoom (before, they crowd the map).
RIVER_MINZOOM = 5.5
#: How far around the articles' countries the 1:10m layers reach, in degrees.
FINE_MARGIN_DEG = 6.0
FINE_KINDS = ("sea", "land-borders", "coast", "lakes", "rivers")


@lru_cache(maxsize=1)
def _countries() -> dict[str, Any]:
    return json.loads((BASEMAP / "countries.geojson").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _regions() -> dict[str, list[dict[str, Any]]]:
    """First-level regions (Natural Earth admin-1) by country ISO code."""
    out: dict[str, list[dict[str, Any]]] = {}
    for f in json.loads((BASEMAP / "admin1.geojson").read_text(encoding="utf-8"))["features"]:
        out.setdefault(f["properties"]["iso"], []).append(f)
    return out


#: Where this app serves the basemap (same origin): the page and its patches carry a URL, not the
#: geometry, and the browser fetches each file once and caches it.
BASEMAP_PATH = "/_corridormap/basemap/"


def regions_key(countries: frozenset[str]) -> str:
    """The URL part naming a set of countries' regions ("RU,UA"; "none" for the empty set)."""
    return ",".join(sorted(countries)) or "none"


@lru_cache(maxsize=64)
def basemap_file(name: str) -> bytes:
    """A basemap file by its URL name: ``countries.geojson``, or ``regions-RU,UA.geojson`` (the
    first-level regions of those countries). Raises KeyError for any other name."""
    if name == "countries.geojson":
        return json.dumps(_countries(), separators=(",", ":")).encode()
    if name.startswith("labels-"):
        return label_file(name)
    if name.startswith("fine-") and name.endswith(".geojson"):
        kind, _, part = name[len("fine-") : -len(".geojson")].rpartition("-")
        codes = _codes(part)
        if kind in FINE_KINDS and codes is not None:
            return fine_file(kind, tuple(codes))
    if name.startswith("regions-") and name.endswith(".geojson"):
        codes = _codes(name[len("regions-") : -len(".geojson")])
        if codes is not None:
            features = [f for c in codes for f in _regions().get(c, [])]
            return json.dumps(
                {"type": "FeatureCollection", "features": features}, separators=(",", ":")
            ).encode()
    raise KeyError(name)


def _codes(part: str) -> list[str] | None:
    """Country codes from a URL part ("RU,UA"; "none" for none), or None if it is not that."""
    codes = [c for c in part.split(",") if c != "none"]
    return sorted(set(codes)) if all(len(c) == 2 and c.isalpha() and c.isupper() for c in codes) else None


@lru_cache(maxsize=4)
def _fine(name: str) -> list[Any]:
    from shapely.geometry import shape

    data = json.loads((BASEMAP / f"{name}-10m.geojson").read_text(encoding="utf-8"))
    return [shape(f["geometry"]) for f in data["features"]]


def focus_box(codes: tuple[str, ...]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) around the countries' first-level regions, with a margin."""
    from shapely.geometry import shape

    parts = [shape(f["geometry"]).bounds for c in codes for f in _regions().get(c, [])]
    if not parts:
        return None
    m = FINE_MARGIN_DEG
    return (
        max(-180.0, min(p[0] for p in parts) - m),
        max(-85.0, min(p[1] for p in parts) - m),
        min(180.0, max(p[2] for p in parts) + m),
        min(85.0, max(p[3] for p in parts) + m),
    )


@lru_cache(maxsize=32)
def fine_file(kind: str, codes: tuple[str, ...]) -> bytes:
    """One 1:10m layer cut to the box around ``codes``: the sea (the box less the land), the land
    borders, the coastline, lakes or rivers."""
    import shapely
    from shapely.geometry import box, mapping

    bounds = focus_box(codes)
    geoms: list[Any] = []
    if bounds is not None:
        if kind in ("sea", "coast"):
            land = shapely.union_all([shapely.clip_by_rect(g, *bounds) for g in _fine("land")])
            geoms = [
                box(*bounds).difference(land)
                if kind == "sea"
                else shapely.clip_by_rect(land.boundary, *bounds)
            ]
        else:
            source = {"land-borders": "borders", "lakes": "lakes", "rivers": "rivers"}[kind]
            geoms = [shapely.clip_by_rect(g, *bounds) for g in _fine(source)]
    features = [
        {"type": "Feature", "properties": {}, "geometry": mapping(g)}
        for g in geoms
        if g is not None and not g.is_empty
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")).encode()


def _layer(source: str, kind: str, color: str, **extra: Any) -> dict[str, Any]:
    return {
        "sourcetype": "geojson",
        "source": BASEMAP_PATH + source,
        "type": kind,
        "color": color,
        "below": "traces",
        **extra,
    }


def basemap_layers(countries: frozenset[str]) -> list[dict[str, Any]]:
    """The layers, bottom to top: land; the first-level region borders of ``countries`` (those the
    articles are about); from ``FINE_MINZOOM`` the 1:10m sea, lakes and rivers around them; country
    borders and coasts (1:110m far out, 1:10m near); then place names (``dashboard.labels``)."""
    codes = regions_key(countries)
    fine = bool(countries)
    near = {"minzoom": FINE_MINZOOM}
    return [
        _layer("countries.geojson", "fill", LAND),
        # region borders under the fine sea: their coarse lines across bays are covered where they cross
        _layer(f"regions-{codes}.geojson", "line", REGION_LINE, line={"width": 0.6}),
        *(
            [
                _layer(f"fine-sea-{codes}.geojson", "fill", SEA, **near),
                _layer(f"fine-lakes-{codes}.geojson", "fill", SEA, **near),
                _layer(
                    f"fine-rivers-{codes}.geojson", "line", RIVER, line={"width": 1.0}, minzoom=RIVER_MINZOOM
                ),
            ]
            if fine
            else []
        ),
        _layer(
            "countries.geojson",
            "line",
            BORDER,
            line={"width": 1.0},
            **({"maxzoom": FINE_MINZOOM} if fine else {}),
        ),
        *(
            [
                _layer(f"fine-land-borders-{codes}.geojson", "line", BORDER, line={"width": 1.0}, **near),
                _layer(f"fine-coast-{codes}.geojson", "line", BORDER, line={"width": 0.8}, **near),
            ]
            if fine
            else []
        ),
        *label_layers(BASEMAP_PATH, countries),
    ]


def offline_style() -> dict[str, Any]:
    """A style with a background only: no glyphs, sprites or sources to fetch."""
    # "sources" must not be empty: plotly drops empty objects when it re-renders, and MapLibre then
    # rejects the style ("missing required property sources")
    empty = {"type": "geojson", "data": {"type": "FeatureCollection", "features": []}}
    return {
        "version": 8,
        "name": "corridormap-offline",
        "sources": {"empty": empty},
        "layers": [{"id": "sea", "type": "background", "paint": {"background-color": SEA}}],
    }
