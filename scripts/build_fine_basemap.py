"""Build the fine basemap layers shipped in ``data/basemap/``: land, borders, lakes and rivers at 1:10m.

Natural Earth 1:10m "Land", "Admin 0 - boundary lines (land)", "Lakes" and "Rivers + lake centerlines"
(public domain), as published in
the GeoJSON mirror martynafford/natural-earth-geojson (CC0). Simplified to ``TOLERANCE_DEG`` (about
300 m, finer than a town's extent at the zooms these layers are shown) and rounded to 4 decimals.

The dashboard never sends the world at this detail (1:10m outlines took 10 s to paint in a software-
rendered browser): it cuts out the part around the countries the articles are about and shows it from
zoom ``FINE_MINZOOM`` on (see ``dashboard/figures.py``).

Regenerate with (the .7z archives of that repository's ``10m/physical`` folder, extracted):

    python scripts/build_fine_basemap.py ne_10m_land.json ne_10m_admin_0_boundary_lines_land.json \
        ne_10m_lakes.json ne_10m_rivers_lake_centerlines.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shapely import make_valid
from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parent.parent / "data" / "basemap"
TOLERANCE_DEG = 0.003
#: Lakes and rivers of at most this Natural Earth scale rank (0 the largest): the ones an atlas shows.
MAX_SCALERANK = 8


def _features(path: str, keep_name: bool) -> list[dict]:
    out = []
    for f in json.loads(Path(path).read_text(encoding="utf-8"))["features"]:
        props = f.get("properties") or {}
        if f.get("geometry") is None or float(props.get("scalerank") or 0) > MAX_SCALERANK:
            continue
        geom = make_valid(shape(f["geometry"])).simplify(TOLERANCE_DEG, preserve_topology=True)
        if geom.is_empty:
            continue
        gj = json.loads(json.dumps(mapping(geom)), parse_float=lambda x: round(float(x), 4))
        out.append(
            {
                "type": "Feature",
                "geometry": gj,
                "properties": {"name": props.get("name")} if keep_name else {},
            }
        )
    return out


def _write(name: str, features: list[dict]) -> None:
    path = OUT / name
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"{path}: {len(features)} features, {path.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("land")
    ap.add_argument("borders")
    ap.add_argument("lakes")
    ap.add_argument("rivers")
    args = ap.parse_args()
    _write("land-10m.geojson", _features(args.land, keep_name=False))
    _write("borders-10m.geojson", _features(args.borders, keep_name=False))
    _write("lakes-10m.geojson", _features(args.lakes, keep_name=True))
    _write("rivers-10m.geojson", _features(args.rivers, keep_name=True))


if __name__ == "__main__":
    main()
