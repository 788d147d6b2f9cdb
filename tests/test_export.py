from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from geo.export import geojson_to_kml, render, to_geojson
from geo.pipeline import extract_text

STORY = "Buses will run from Mariupol to Zaporizhzhia. Shelling hit Kharkiv. Ukrainian officials spoke."


def test_geojson_places_in_lon_lat_order(gazetteer):
    fc = to_geojson(extract_text(STORY, gazetteer=gazetteer))
    mariupol = next(f for f in fc["features"] if f["properties"].get("name") == "Mariupol")
    lon, lat = mariupol["geometry"]["coordinates"]
    assert 47 < lat < 47.2 and 37.4 < lon < 37.7


def test_other_events_only_on_request(gazetteer):
    x = extract_text(STORY, gazetteer=gazetteer)
    assert "other" not in {f["properties"].get("event_type") for f in to_geojson(x)["features"]}
    assert "other" in {
        f["properties"].get("event_type") for f in to_geojson(x, include_other=True)["features"]
    }


def test_demonym_only_country_is_not_drawn(gazetteer):
    fc = to_geojson(extract_text(STORY, gazetteer=gazetteer))
    ukraine = next(f for f in fc["features"] if f["properties"].get("name") == "Ukraine")
    assert ukraine["properties"]["drawn"] is False


def test_kml_is_valid_xml_with_placemarks(gazetteer):
    kml = geojson_to_kml(json.loads(render(extract_text(STORY, gazetteer=gazetteer), "geojson")))
    root = ET.fromstring(kml)
    marks = root.findall(".//{http://www.opengis.net/kml/2.2}Placemark")
    assert len(marks) >= 4
    assert root.find(".//{http://www.opengis.net/kml/2.2}LineString") is not None


def test_empty_extraction_exports():
    from geo.model import Extraction

    assert to_geojson(Extraction()) == {"type": "FeatureCollection", "features": []}
    assert render(Extraction(), "csv").startswith("kind,")
