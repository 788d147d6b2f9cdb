from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.common import BINARY, SEED


def run(*args, **kw):
    return subprocess.run(
        [sys.executable, "-m", "geo.cli", *map(str, args)], capture_output=True, text=True, **kw
    )


@pytest.fixture()
def story(tmp_path):
    p = tmp_path / "story.txt"
    p.write_text(
        "Buses will run from Mariupol to Zaporizhzhia. Shelling hit Kharkiv overnight. "
        "The mayor thanked the volunteers.",
        encoding="utf-8",
    )
    return p


def test_geojson_interface(story):
    res = run("extract", story)
    assert res.returncode == 0, res.stderr
    fc = json.loads(res.stdout)
    assert fc["type"] == "FeatureCollection"
    kinds = {f["properties"]["kind"] for f in fc["features"]}
    assert {"place", "event", "corridor"} <= kinds
    place = next(f for f in fc["features"] if f["properties"]["kind"] == "place")
    for key in ("name", "geonameid", "country_code", "precision", "population", "mentions"):
        assert key in place["properties"]
    m = place["properties"]["mentions"][0]
    assert m["doc"] == str(story)
    event = next(f for f in fc["features"] if f["properties"]["kind"] == "event")
    for key in ("event_type", "subtype", "sentence", "doc", "sentence_index", "places", "date"):
        assert key in event["properties"]
    corridor = next(f for f in fc["features"] if f["properties"]["kind"] == "corridor")
    for key in ("origin", "destination", "via", "purpose", "length_km", "attacks_nearby", "sentence", "doc"):
        assert key in corridor["properties"]


def test_csv_and_json_and_output_file(story, tmp_path):
    rows = list(csv.DictReader(io.StringIO(run("extract", story, "--format", "csv").stdout)))
    assert {r["kind"] for r in rows} >= {"place", "event", "corridor"}
    out = tmp_path / "x.json"
    assert run("extract", story, "--format", "json", "-o", out).returncode == 0
    data = json.loads(out.read_text())
    assert {e["event_type"] for e in data["events"]} >= {"attack", "other"}  # json keeps "other" sentences
    assert data["corridors"][0]["origin"] == "Mariupol"


def test_bad_inputs_one_line_errors_and_the_rest_processed(story, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(BINARY)
    res = run("extract", tmp_path / "missing.txt", empty, binary, story)
    assert res.returncode != 0
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 3 and all(line.startswith("corridormap: ") for line in lines)
    assert "Traceback" not in res.stderr
    fc = json.loads(res.stdout)
    assert any(f["properties"]["kind"] == "corridor" for f in fc["features"])


def test_folder_input(tmp_path, story):
    (tmp_path / "second.html").write_text("<p>An aid convoy reached Kherson.</p>", encoding="utf-8")
    fc = json.loads(run("extract", tmp_path).stdout)
    docs = {
        m["doc"]
        for f in fc["features"]
        if f["properties"]["kind"] == "place"
        for m in f["properties"]["mentions"]
    }
    assert len(docs) == 2


def test_unknown_format_lists_choices():
    res = run("extract", SEED, "--format", "xml")
    assert res.returncode == 2 and "geojson" in res.stderr
