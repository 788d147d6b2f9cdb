"""``serve --store``: the collection with a timeline, a range that drives the map, saving added articles."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from corridormap.ingest import ingest
from dashboard import ids, timeline
from geo.store import Store
from tests.common import callback_caller, ingested_store

# Our own sentences; facts from the news of March 2022.
DAYS = {
    "a.txt": "SUMY, March 7, 2022 (Wire) - Buses left Sumy for Poltava.",
    "b.txt": "KHARKIV, March 9, 2022 (Wire) - Shelling hit Kharkiv.",
    "c.txt": "IRPIN, March 12, 2022 (Wire) - Civilians were evacuated from Irpin to Kyiv.",
    "d.txt": "KHARKIV, March 11, 2022 (Wire) - Kharkiv was shelled again.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return ingested_store(tmp_path_factory, DAYS)


@pytest.fixture()
def app(store):
    from dashboard.app import create_store_app

    return create_store_app(store)


def test_timeline_days_and_counts(app) -> None:
    layout = str(app.layout)
    assert ids.TIMELINE in layout and ids.SAVE_TO_STORE in layout
    days_store = next(c for c in _walk(app.layout) if getattr(c, "id", None) == ids.TIMELINE_DAYS)
    assert days_store.data[0] == "2022-03-07" and days_store.data[-1] == "2022-03-12"
    assert len(days_store.data) == 6  # every day, those without events too
    fig = next(c for c in _walk(app.layout) if getattr(c, "id", None) == ids.TIMELINE).figure
    per_type = {t["name"]: dict(zip(t["x"], t["y"], strict=True)) for t in fig["data"]}
    assert per_type["Attack"] == {"2022-03-09": 1, "2022-03-11": 1}


def test_the_range_drives_the_date_range_and_play_slides_it(app) -> None:
    call = callback_caller(app)
    days = [f"2022-03-{d:02d}" for d in range(7, 13)]
    res = call(
        f"{ids.DATE_RANGE}.start_date",
        {f"{ids.TIME_RANGE}.value": [2, 3]},
        {f"{ids.TIMELINE_DAYS}.data": days},
    )
    out = res.get_json()["response"][ids.DATE_RANGE]
    assert (out["start_date"], out["end_date"]) == ("2022-03-09", "2022-03-10")
    res = call(
        f"{ids.TIME_RANGE}.value",
        {f"{ids.PLAY}.n_clicks": 1},
        {
            f"{ids.TIME_RANGE}.value": [0, 5],
            f"{ids.TIMELINE_DAYS}.data": days,
            f"{ids.PLAY_TICK}.disabled": True,
        },
    )
    out = res.get_json()["response"]
    assert out[ids.TIME_RANGE]["value"] == [0, 1] and out[ids.PLAY_TICK]["disabled"] is False


def test_a_town_panel_lists_its_sources_newest_first_within_the_range(store) -> None:
    from dashboard.app import store_corpus
    from dashboard.sources import place_panel
    from dashboard.viewmodel import View

    data = store_corpus(store).data(None)
    kharkiv = data.places[data.places["name"] == "Kharkiv"].iloc[0]["place_id"]
    every = frozenset({"attack"})
    docs = [d for d in _texts(place_panel(data, kharkiv, View(every))) if d.endswith(".txt · 2022-03-11")]
    text = " | ".join(_texts(place_panel(data, kharkiv, View(every))))
    assert docs and text.index("2022-03-11") < text.index("2022-03-09")
    early = " | ".join(_texts(place_panel(data, kharkiv, View(every, "2022-03-07", "2022-03-10"))))
    assert "2022-03-09" in early and "2022-03-11" not in early


def _texts(component) -> list[str]:
    out = []
    for c in component if isinstance(component, list) else [component]:
        children = getattr(c, "children", c)
        if isinstance(children, str):
            out.append(children)
        elif isinstance(children, list | tuple):
            out += _texts(list(children))
        elif children is not None and children is not c:
            out += _texts([children])
    return out


@pytest.mark.parametrize(
    ("value", "expected", "done"),
    [([0, 1], [1, 2], False), ([3, 4], [4, 5], True), ([4, 5], [4, 5], True), ("junk", [0, 5], True)],
)
def test_play_steps(value, expected, done) -> None:
    assert timeline.step(value, 6) == (expected, done)


def test_saving_added_articles_writes_them_once(app, store) -> None:
    call = callback_caller(app)
    added = [{"doc": "new.txt", "text": "Buses left Mariupol for Zaporizhzhia.", "html": False}]
    before = _count(store)
    res = call(
        f"{ids.UPLOAD_MESSAGE}.children",
        {f"{ids.SAVE_TO_STORE}.n_clicks": 1},
        {f"{ids.SESSION_ARTICLES}.data": added},
    )
    assert "Saved 1 article to the collection." in res.get_data(as_text=True)
    res = call(
        f"{ids.UPLOAD_MESSAGE}.children",
        {f"{ids.SAVE_TO_STORE}.n_clicks": 2},
        {f"{ids.SESSION_ARTICLES}.data": added},
    )
    assert "Saved 0 articles to the collection (1 already in it)." in res.get_data(as_text=True)
    assert _count(store) == before + 1
    res = call(
        f"{ids.UPLOAD_MESSAGE}.children",
        {f"{ids.SAVE_TO_STORE}.n_clicks": 3},
        {f"{ids.SESSION_ARTICLES}.data": []},
    )
    assert "nothing to save" in res.get_data(as_text=True)


def test_serve_store_answers(store, tmp_path) -> None:
    """The real command, on a free port: the page and the basemap answer."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "corridormap", "serve", "--store", str(store), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = None
        for _ in range(200):
            line = proc.stderr.readline()
            found = re.search(r"http://[\d.]+:\d+/", line)
            if found:
                url = found.group(0)
                break
        assert url, "the server never said where it listens"
        page = _get(url)  # the address is printed just before the server starts listening
        assert "corridormap" in page
        assert ids.TIMELINE in _get(url + "_dash-layout")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_store_without_a_store_says_so(tmp_path, capsys) -> None:
    from corridormap.cli import main

    assert main(["serve", "--store", str(tmp_path / "none"), "--port", "0"]) == 2
    assert "no store in" in capsys.readouterr().err


def _get(url: str, tries: int = 100) -> str:
    for _ in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")


def _count(store: Path) -> int:
    with Store(store, read_only=True) as s:
        return s.count()


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    if isinstance(children, list | tuple):
        for c in children:
            yield from _walk(c)
    elif children is not None and hasattr(children, "children"):
        yield from _walk(children)


@pytest.mark.browser
@pytest.mark.skipif(not shutil.which("chromedriver"), reason="needs chromium and chromedriver")
def test_play_moves_the_dates_and_the_map_follows(dash_duo, app) -> None:
    from tests.test_dashboard_browser import eventually, traces, wait_for_map

    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    dash_duo.wait_for_element(f"#{ids.TIMELINE} .js-plotly-plot", timeout=20)
    start = dash_duo.find_element(f"input#{ids.DATE_RANGE}").get_attribute("value")
    assert start == "2022-03-07"
    dash_duo.find_element(f"#{ids.PLAY}").click()
    assert eventually(
        lambda: dash_duo.find_element(f"input#{ids.DATE_RANGE}").get_attribute("value") > start, 20
    )
    # play runs to the last day: the window then covers March 11-12, and Sumy's evacuation of the 7th
    # is off the map while Irpin's of the 12th is on it
    assert eventually(lambda: dash_duo.find_element(f"#{ids.PLAY}").text == timeline.PLAY_LABEL, 30)

    def evacuation_lats() -> list[float]:
        return next((t["lat"] for t in traces(dash_duo) if t["name"] == "Evacuation"), [])

    assert eventually(
        lambda: evacuation_lats() and all(abs(lat - 50.9) > 0.3 for lat in evacuation_lats()), 20
    )
    assert dash_duo.find_element(f"input#{ids.DATE_RANGE}").get_attribute("value") == "2022-03-11"
    assert dash_duo.get_logs() == []


def test_a_route_restated_by_several_reports_is_one_line_and_one_row(tmp_path) -> None:
    from dashboard.app import store_corpus
    from dashboard.callbacks import table_rows
    from dashboard.figures import corridor_traces
    from dashboard.sources import corridor_panel
    from dashboard.viewmodel import View

    folder = tmp_path / "news"
    folder.mkdir()
    for day in (7, 8, 9):  # the same corridor announced on three days
        (folder / f"{day}.txt").write_text(
            f"SUMY, March {day}, 2022 (Wire) - Buses left Sumy for Poltava again."
        )
    with Store(tmp_path / "store") as s:
        ingest([str(folder)], s, workers=1)
    data = store_corpus(tmp_path / "store").data(None)
    view = View(frozenset({"evacuation"}))
    [row] = table_rows(data, view)
    assert (row["origin"], row["destination"], row["n_reports"]) == ("Sumy", "Poltava", 3)
    [line] = [t for t in corridor_traces(data, view) if t["name"] == "Corridor: evacuation"]
    assert line["lat"].count(None) == 1  # one line, not three on top of each other
    panel = " ".join(_texts(corridor_panel(data, row["corridor_id"])))
    assert panel.index("2022-03-09") < panel.index("2022-03-07")  # every report, newest first


@pytest.mark.parametrize(
    ("n_days", "bar"),
    [(10, "2022-03-09"), (200, "2022-03-07"), (2000, "2022-03-01")],  # the day, its Monday, its month
)
def test_timeline_bars_are_days_weeks_or_months_by_span(n_days, bar) -> None:
    import pandas as pd

    from dashboard.timeline import _bucket

    assert _bucket(pd.Series(["2022-03-09"]), n_days).tolist() == [bar]
