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


def test_kml_names_every_placemark_and_styles_each_kind(gazetteer):
    from geo.export import KML_STYLES, geojson_to_kml

    x = extract_text(
        "Artillery shelled Kharkiv. A second corridor will carry aid to – and evacuees from – the city of "
        "Melitopol. Berdyansk lies some 84 kilometres south of Mariupol.",
        gazetteer=gazetteer,
    )
    kml = geojson_to_kml(to_geojson(x))
    assert "<name></name>" not in kml and "<name>None</name>" not in kml
    assert all(f'<Style id="{k}">' in kml for k in KML_STYLES)
    assert "<styleUrl>#attack</styleUrl>" in kml and "<styleUrl>#claim</styleUrl>" in kml
    assert "Melitopol → (end not named)" in kml


def test_served_articles_are_named_below_their_folder(tmp_path):
    from dashboard.app import short_docs
    from geo.reading import read_articles

    (tmp_path / "day2").mkdir()
    (tmp_path / "a.txt").write_text("Shelling hit Kharkiv.", encoding="utf-8")
    (tmp_path / "day2" / "b.txt").write_text("Shelling hit Kyiv.", encoding="utf-8")
    articles, _ = read_articles([tmp_path])
    assert sorted(a.doc for a in short_docs(articles)) == ["a.txt", "day2/b.txt"]
