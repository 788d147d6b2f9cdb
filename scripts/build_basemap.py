"""Build the offline basemap shipped in ``data/basemap/``.

Source: country outlines from Natural Earth 1:110m (public domain), as packaged in johan/world.geo.json
(UNLICENSE) and shipped inside the countryinfo package (MIT) from the package registry. Simplified with
shapely to keep the file small. Regenerate with:

    python scripts/build_basemap.py
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from shapely.geometry import mapping, shape

OUT = Path(__file__).resolve().parent.parent / "data" / "basemap" / "countries.geojson"
TOLERANCE_DEG = 0.02


def main() -> None:
    features = []
    for path in sorted(Path(str(resources.files("countryinfo").joinpath("data"))).glob("*.json")):
        info = json.loads(path.read_text(encoding="utf-8"))
        iso = (info.get("ISO") or {}).get("alpha2")
        for f in (info.get("geoJSON") or {}).get("features", []):
            geom = shape(f["geometry"]).simplify(TOLERANCE_DEG, preserve_topology=True)
            if geom.is_empty:
                continue
            coords = json.loads(json.dumps(mapping(geom)), parse_float=lambda x: round(float(x), 3))
            features.append(
                {"type": "Feature", "properties": {"name": info.get("name"), "iso": iso}, "geometry": coords}
            )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    print(f"{OUT}: {len(features)} countries, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
