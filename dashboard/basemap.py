"""The offline basemap, served by this app: land, borders, coastlines, lakes, rivers and place names.

Far out, Natural Earth 1:110m land and borders for the whole world (light enough for a software-rendered
browser) and first-level region borders of the countries the articles are about. From zoom
``FINE_MINZOOM`` on, 1:10m land, sea, borders, lakes and rivers cut out around those countries take over
(the world at 1:10m took 10 s to paint). Place names come from ``dashboard.labels``. Every source is a
URL under ``BASEMAP_PATH`` on this server; no request leaves the machine.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from typing import Any

from dashboard.labels import codes_key, country_codes, label_file, label_layers
from geo.resources import data_file

BASEMAP = data_file("basemap")
SEA, LAND, BORDER, REGION_LINE, RIVER = "#d7e6ef", "#f7f5f0", "#8b969e", "#c3c9cf", "#9cc3dd"
#: From this zoom the 1:10m layers around the articles' countries replace the 1:110m outlines.
FINE_MINZOOM = 4.5
#: Rivers appear from this zoom (before, they crowd the map).
RIVER_MINZOOM = 5.5
#: How far around the articles' countries the 1:10m layers reach, in degrees.
FINE_MARGIN_DEG = 4.0
#: The largest box (square degrees) cut out at 1:10m: Ukraine and its neighbours, Sudan and Chad.
MAX_FINE_BOX_DEG2 = 1200
FINE_NAME = re.compile(r"fine-([a-z-]+)-(-?\d+)_(-?\d+)_(-?\d+)_(-?\d+)\.geojson")
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


@lru_cache(maxsize=64)
def basemap_file(name: str) -> bytes:
    """A basemap file by its URL name: ``countries.geojson``, or ``regions-RU,UA.geojson`` (the
    first-level regions of those countries). Raises KeyError for any other name."""
    if name == "countries.geojson":
        return json.dumps(_countries(), separators=(",", ":")).encode()
    if name.startswith("labels-"):
        return label_file(name)
    fine = FINE_NAME.fullmatch(name)
    if fine and fine.group(1) in FINE_KINDS:
        box = tuple(int(v) for v in fine.group(2, 3, 4, 5))
        if -180 <= box[0] < box[2] <= 180 and -90 <= box[1] < box[3] <= 90:
            return fine_file(fine.group(1), box)
    if name.startswith("regions-") and name.endswith(".geojson"):
        codes = country_codes(name[len("regions-") : -len(".geojson")])
        if codes is not None:
            features = [f for c in codes for f in _regions().get(c, [])]
            return json.dumps(
                {"type": "FeatureCollection", "features": features}, separators=(",", ":")
            ).encode()
    raise KeyError(name)


@lru_cache(maxsize=4)
def _fine(name: str) -> list[Any]:
    from shapely.geometry import shape

    data = json.loads((BASEMAP / f"{name}-10m.geojson").read_text(encoding="utf-8"))
    return [shape(f["geometry"]) for f in data["features"]]


def fine_box(lats: list[float], lons: list[float]) -> tuple[int, int, int, int] | None:
    """Whole degrees (west, south, east, north) around the points, with a margin; None when they lie a
    continent apart (the 1:10m cut-out would be most of the world) or there are none."""
    if not lats:
        return None
    m = FINE_MARGIN_DEG
    w, e = max(-180, math.floor(min(lons) - m)), min(180, math.ceil(max(lons) + m))
    s, n = max(-85, math.floor(min(lats) - m)), min(85, math.ceil(max(lats) + m))
    return (w, s, e, n) if (e - w) * (n - s) <= MAX_FINE_BOX_DEG2 else None


@lru_cache(maxsize=32)
def fine_file(kind: str, bounds: tuple[int, int, int, int]) -> bytes:
    """One 1:10m layer cut to ``bounds`` (west, south, east, north): the sea (the box less the land),
    the land borders, the coastline, lakes or rivers."""
    import shapely
    from shapely.geometry import box, mapping

    geoms: list[Any] = []
    if bounds:
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


def basemap_layers(
    countries: frozenset[str], box: tuple[int, int, int, int] | None = None
) -> list[dict[str, Any]]:
    """The layers, bottom to top: land; the first-level region borders of ``countries`` (those the
    articles are about); from ``FINE_MINZOOM`` the 1:10m sea, lakes and rivers around them; country
    borders and coasts (1:110m far out, 1:10m near); then place names (``dashboard.labels``)."""
    codes = codes_key(countries)
    fine = box is not None
    area = "_".join(str(v) for v in box) if box else ""
    near = {"minzoom": FINE_MINZOOM}
    return [
        _layer("countries.geojson", "fill", LAND),
        # region borders under the fine sea: their coarse lines across bays are covered where they cross
        _layer(f"regions-{codes}.geojson", "line", REGION_LINE, line={"width": 0.6}),
        *(
            [
                _layer(f"fine-sea-{area}.geojson", "fill", SEA, **near),
                _layer(f"fine-lakes-{area}.geojson", "fill", SEA, **near),
                _layer(
                    f"fine-rivers-{area}.geojson", "line", RIVER, line={"width": 1.0}, minzoom=RIVER_MINZOOM
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
                _layer(f"fine-land-borders-{area}.geojson", "line", BORDER, line={"width": 1.0}, **near),
                _layer(f"fine-coast-{area}.geojson", "line", BORDER, line={"width": 0.8}, **near),
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
