"""The seed article's expectations (issue 2's "Done means"), run through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.common import SEED, SHARED

SCORER = SHARED / "eval" / "score.py"
SEED_GOLD = SHARED / "eval" / "seed_gold.json"


@pytest.fixture(scope="module")
def seed_geojson(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("seed") / "000_e8468adc1733f02c.geojson"
    # the gold's id is the original file's stem, so extract a copy under that name
    src = out.with_suffix(".txt")
    src.write_bytes(SEED.read_bytes())
    subprocess.run([sys.executable, "-m", "corridormap", "extract", str(src), "-o", str(out)], check=True)
    return json.loads(out.read_text())


def features(fc, kind):
    return [f for f in fc["features"] if f["properties"]["kind"] == kind]


@pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval (the scorer and gold)")
def test_scored_against_gold(seed_geojson, tmp_path):
    pred = tmp_path / "pred.geojson"
    pred.write_text(json.dumps(seed_geojson))
    res = subprocess.run(
        [sys.executable, str(SCORER), str(SEED_GOLD), str(pred), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    score = json.loads(res.stdout.strip().splitlines()[-1])
    assert score["toponym_F1"] >= 0.95
    assert score["acc161"] == 1.0
    assert score["event_R"] >= 0.9 and score["event_P"] >= 0.8
    assert score["corridor_R"] == 1.0 and score["corridor_P"] == 1.0


def test_corridors_exactly(seed_geojson):
    cs = features(seed_geojson, "corridor")
    closed = sorted(
        (c["properties"]["origin"], c["properties"]["destination"])
        for c in cs
        if c["properties"]["destination"]
    )
    assert closed == [("Enerhodar", "Zaporizhzhya"), ("Mariupol", "Berdyansk")]
    open_ended = [c["properties"] for c in cs if not c["properties"]["destination"]]
    assert [c["origin"] for c in open_ended] == ["Melitopol"]
    assert open_ended[0]["destination"] is None
    for c in cs:
        geom = c["geometry"]["type"]
        assert geom == ("LineString" if c["properties"]["destination"] else "Point")


def test_attacks_at_kyiv_and_chernihiv(seed_geojson):
    attacks = [
        e["properties"] for e in features(seed_geojson, "event") if e["properties"]["event_type"] == "attack"
    ]
    assert len(attacks) == 1
    assert {"Kyiv", "Chernihiv"} <= set(attacks[0]["places"])
    assert attacks[0]["subtype"] == "shelling"
    assert attacks[0]["date"] == "2022-03-30"


def test_84_km_claim_flagged(seed_geojson):
    [claim] = [c["properties"] for c in features(seed_geojson, "claim")]
    assert (claim["subject"], claim["reference"], claim["stated_km"]) == ("Berdyansk", "Mariupol", 84.0)
    assert claim["verdict"] == "flagged"
    assert claim["computed_direction"] == "west-southwest"
    assert 65 < claim["computed_km"] < 72


def test_every_mention_points_at_its_surface(seed_geojson):
    for f in features(seed_geojson, "place"):
        for m in f["properties"]["mentions"]:
            assert m["sentence"][m["start"] : m["end"]] == m["surface"]


def test_people_and_organisations_are_not_places(seed_geojson):
    surfaces = {m["surface"] for f in features(seed_geojson, "place") for m in f["properties"]["mentions"]}
    assert not surfaces & {"Grandi", "Peskov", "Larysa", "Kremlin", "NATO", "Wednesday", "Tuesday"}
