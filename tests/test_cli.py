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
        [sys.executable, "-m", "corridormap", *map(str, args)], capture_output=True, text=True, **kw
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


# --- a command line that holds up (issue: installs like a library, fails like a good tool) ---


def test_version():
    res = run("--version")
    assert res.returncode == 0 and res.stdout.startswith("corridormap ")


def test_help_is_plain_text_and_explains_serve():
    top = run("--help").stdout
    assert "``" not in top and ":func:" not in top
    serve = " ".join(run("serve", "--help").stdout.split())
    assert "PATH" in serve and "bundled seed article" in serve and "0 picks a free one" in serve


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_bad_port_is_a_usage_error_before_anything_starts(port):
    res = run("serve", "--port", port)
    assert res.returncode == 2 and "serving on" not in res.stderr and "Traceback" not in res.stderr
    assert "must be a whole number from 0 to 65535" in res.stderr


def test_port_in_use_is_one_line_before_serving():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        res = run("serve", "--port", s.getsockname()[1], timeout=60)
    assert res.returncode == 2 and "serving on" not in res.stderr
    [line] = res.stderr.strip().splitlines()
    assert line.startswith("corridormap: port ") and "in use" in line


def test_output_into_a_missing_folder_is_one_line(story, tmp_path):
    res = run("extract", story, "-o", tmp_path / "missing" / "out.geojson")
    assert res.returncode == 2 and "Traceback" not in res.stderr
    [line] = res.stderr.strip().splitlines()
    assert "does not exist" in line


def test_a_closed_pipe_is_no_error(story):
    cmd = f"{sys.executable} -m corridormap extract {story} {SEED} | head -c 10"
    res = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True)
    assert res.stdout == '{"type": "' and "Traceback" not in res.stderr and "Broken" not in res.stderr


def test_serve_on_port_zero_prints_the_port_and_answers(tmp_path):
    """A real server on loopback: started, asked once for the page, stopped (bounded in time)."""
    import re
    import time
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "corridormap", "serve", str(tmp_path / "nope.txt"), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline, url, seen = time.monotonic() + 90, None, []
        while url is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            seen.append(line)
            m = re.search(r"serving on (http://127\.0\.0\.1:\d+/)", line)
            url = m.group(1) if m else None
        assert url and not url.endswith(":8050/"), seen
        assert any("nope.txt" in s for s in seen)  # the unreadable file is reported on the terminal
        for _ in range(50):
            try:
                with urllib.request.urlopen(url + "_dash-layout", timeout=5) as r:
                    layout = r.read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "No article could be read" in layout and "nope.txt" in layout  # and in the page
    finally:
        proc.terminate()
        proc.wait(timeout=10)
