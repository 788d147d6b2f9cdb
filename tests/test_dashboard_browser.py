"""The dashboard in headless Chromium against the real running app (dash_duo)."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from tests.common import SEED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (os.environ.get("DASH_TEST_CHROMEPATH") or shutil.which("chromium"))
        or not shutil.which("chromedriver"),
        reason="needs chromium and chromedriver",
    ),
]

GRAPH = "#map .js-plotly-plot"


@pytest.fixture()
def app():
    from dashboard.app import create_app

    return create_app([str(SEED)])


def traces(dash_duo) -> list[dict]:
    return dash_duo.driver.execute_script(
        "return document.querySelector(arguments[0]).data.map(t => ({name: t.name, lat: t.lat, lon: t.lon,"
        " text: t.text || null, mode: t.mode}));",
        GRAPH,
    )


def eventually(check, timeout: float = 10.0) -> bool:
    """Poll ``check`` until it holds or ``timeout`` seconds pass; its last answer."""
    deadline = time.time() + timeout
    while not check():
        if time.time() > deadline:
            return False
        time.sleep(0.2)
    return True


def wait_for_map(dash_duo) -> None:
    dash_duo.wait_for_element(f"{GRAPH} canvas", timeout=20)
    dash_duo.wait_for_element(f"{GRAPH} .maplibregl-canvas", timeout=20)


def click_place(dash_duo, lat: float, lon: float) -> None:
    """A real mouse click (Chrome DevTools input events) where MapLibre draws (lat, lon)."""
    x, y = dash_duo.driver.execute_script(
        "const gd = document.querySelector(arguments[0]); const m = gd._fullLayout.map._subplot.map;"
        "const p = m.project([arguments[2], arguments[1]]); const r = m.getCanvas().getBoundingClientRect();"
        "return [r.left + p.x, r.top + p.y];",
        GRAPH,
        lat,
        lon,
    )
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        dash_duo.driver.execute_cdp_cmd(
            "Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}
        )
        time.sleep(0.3)


def map_zoom(dash_duo) -> float:
    """The map's zoom as MapLibre has it now."""
    return dash_duo.driver.execute_script(
        "return document.querySelector(arguments[0])._fullLayout.map._subplot.map.getZoom();", GRAPH
    )


def settled_zoom(dash_duo, timeout: float = 10.0) -> float:
    """The map's zoom once two reads half a second apart agree (a slow machine eases zooms slowly)."""
    last, deadline = map_zoom(dash_duo), time.time() + timeout
    while time.time() < deadline:
        time.sleep(0.5)
        now = map_zoom(dash_duo)
        if abs(now - last) < 0.01:
            return now
        last = now
    return last


def hosts_requested(dash_duo) -> set[str]:
    urls = dash_duo.driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".concat(performance.getEntriesByType('navigation').map(e => e.name));"
    )
    return {u.split("/")[2] for u in urls if "://" in u and not u.startswith(("blob:", "data:"))}


def corridor_ends(dash_duo) -> list[str]:
    towns = next(t for t in traces(dash_duo) if t["name"] == "Corridor towns")
    return towns["text"]


def test_loads_offline_with_corridors_and_attacks(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    time.sleep(2)
    names = [t["name"] for t in traces(dash_duo)]
    assert "Attack" in names
    ends = corridor_ends(dash_duo)
    assert {"Mariupol", "Berdyansk", "Enerhodar", "Zaporizhzhia"} <= set(ends) and len(ends) == 4
    assert "Corridor: one end named" in names
    assert hosts_requested(dash_duo) == {dash_duo.server_url.split("/")[2]}
    assert dash_duo.get_logs() == []


def test_unticking_attack_removes_attack_markers(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    dash_duo.find_element("#event-filter input[value='attack']").click()
    assert eventually(lambda: "Attack" not in [t["name"] for t in traces(dash_duo)])
    assert "Corridor towns" in [t["name"] for t in traces(dash_duo)]  # the rest stays
    assert dash_duo.get_logs() == []


def test_clicking_mariupol_lists_its_sentence_highlighted(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    time.sleep(2)
    click_place(dash_duo, 47.09514, 37.54131)
    dash_duo.wait_for_contains_text("#sources", "Mariupol", timeout=10)
    marks = [m.text for m in dash_duo.find_elements("#sources mark")]
    assert marks and set(marks) == {"Mariupol"}
    assert "besieged city of Mariupol" in dash_duo.find_element("#sources").text
    if os.environ.get(
        "CORRIDORMAP_SCREENSHOT"
    ):  # the README's picture: CORRIDORMAP_SCREENSHOT=docs/dashboard-1280x800.png
        time.sleep(1)
        dash_duo.driver.save_screenshot(os.environ["CORRIDORMAP_SCREENSHOT"])
    assert dash_duo.get_logs() == []


def test_uploaded_article_towns_appear_and_scripts_stay_text(dash_duo, app, tmp_path):
    article = tmp_path / "kherson.html"
    article.write_text(
        "<p>Buses carried families from Kherson to Mykolaiv on Sunday. "
        "&lt;script&gt;alert('x')&lt;/script&gt; was printed on a sign in Kherson.</p>"
        "<script>alert('run')</script>",
        encoding="utf-8",
    )
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    dash_duo.find_element("#upload input[type=file]").send_keys(str(article))
    dash_duo.wait_for_contains_text("#upload-message", "Added kherson.html", timeout=15)
    assert eventually(lambda: {"Kherson", "Mykolaiv"} <= set(corridor_ends(dash_duo)))
    time.sleep(1.5)
    click_place(dash_duo, 46.63695, 32.61458)  # Kherson
    dash_duo.wait_for_contains_text("#sources", "printed on a sign", timeout=10)
    assert "<script>alert('x')</script>" in dash_duo.find_element("#sources").text
    assert dash_duo.driver.execute_script("return document.querySelectorAll('#sources script').length") == 0
    assert dash_duo.get_logs() == []


def test_bad_upload_shows_why_and_changes_nothing(dash_duo, app, tmp_path):
    bad = tmp_path / "blob.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    before = corridor_ends(dash_duo)
    dash_duo.find_element("#upload input[type=file]").send_keys(str(bad))
    dash_duo.wait_for_contains_text("#upload-message", "binary", timeout=10)
    assert corridor_ends(dash_duo) == before


def test_export_downloads_valid_geojson(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    dash_duo.find_element("#export-geojson").click()
    target = Path(dash_duo.download_path) / "corridormap.geojson"
    assert eventually(target.exists, timeout=15)
    fc = json.loads(target.read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection"
    kinds = {f["properties"]["kind"] for f in fc["features"]}
    assert {"place", "event", "corridor", "claim"} <= kinds


def test_filtering_keeps_the_zoom(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    time.sleep(1)
    before = map_zoom(dash_duo)
    x, y = dash_duo.driver.execute_script(
        "const r = document.querySelector(arguments[0]).querySelector('.maplibregl-canvas')"
        ".getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];",
        GRAPH,
    )
    for _ in range(3):  # a user's scroll-wheel zoom
        dash_duo.driver.execute_cdp_cmd(
            "Input.dispatchMouseEvent", {"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": -300}
        )
        time.sleep(0.4)
    zoomed = settled_zoom(dash_duo)  # wheel zoom eases in: read it once it has stopped moving
    assert zoomed > before + 0.5
    dash_duo.find_element("#event-filter input[value='negotiation']").click()
    assert eventually(lambda: "Negotiation" not in [t["name"] for t in traces(dash_duo)])
    time.sleep(0.5)
    assert abs(settled_zoom(dash_duo) - zoomed) < 0.05
    assert dash_duo.get_logs() == []


def test_oversized_upload_says_so(dash_duo, app, tmp_path):
    from dashboard.session import MAX_UPLOAD_BYTES

    big = tmp_path / "long.txt"
    big.write_text("Shelling hit Kharkiv. " * (MAX_UPLOAD_BYTES // 20), encoding="utf-8")
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    dash_duo.find_element("#upload input[type=file]").send_keys(str(big))
    dash_duo.wait_for_contains_text("#upload-message", "limit", timeout=20)


def test_clicking_a_corridor_shows_its_sentence_and_zooms_to_it(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    time.sleep(1.5)
    before = map_zoom(dash_duo)
    line = next(
        t for t in traces(dash_duo) if t["name"] == "Corridor: evacuation"
    )  # Enerhodar -> Zaporizhzhia
    mid = len(line["lat"]) // 2
    click_place(dash_duo, line["lat"][mid], line["lon"][mid])
    dash_duo.wait_for_contains_text("#sources", "Enerhodar", timeout=10)
    assert "column of people traveling" in dash_duo.find_element("#sources").text
    assert eventually(lambda: map_zoom(dash_duo) > before + 0.5, timeout=5)
    assert dash_duo.get_logs() == []


def test_a_corridor_table_row_opens_and_zooms_to_its_corridor(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    time.sleep(1)
    before = map_zoom(dash_duo)
    cell = next(
        c
        for c in dash_duo.find_elements("#corridor-table td[data-dash-column='origin']")
        if c.text == "Melitopol"
    )
    cell.click()
    dash_duo.wait_for_contains_text("#sources", "Melitopol", timeout=10)
    text = dash_duo.find_element("#sources").text
    assert "(end not named)" in text.lower() and "nan" not in text.lower().split()
    assert eventually(lambda: map_zoom(dash_duo) > before + 0.5, timeout=5)
    dash_duo.find_element("#reset-view").click()
    assert eventually(lambda: abs(map_zoom(dash_duo) - before) < 0.3, timeout=5)
    dash_duo.find_element("#fit-all").click()  # every mark: the talks in Istanbul too, so further out
    assert eventually(lambda: map_zoom(dash_duo) < before - 0.5, timeout=5)
    assert dash_duo.get_logs() == []


def visible_in(dash_duo, selector: str, container: str) -> bool:
    """The element is wholly inside its scroll container's visible box and inside the window."""
    return dash_duo.driver.execute_script(
        "const e = document.querySelector(arguments[0]).getBoundingClientRect();"
        "const c = document.querySelector(arguments[1]).getBoundingClientRect();"
        "return e.width > 0 && e.top >= c.top && e.bottom <= c.bottom && e.left >= c.left"
        " && e.right <= c.right + 1 && e.bottom <= window.innerHeight;",
        selector,
        container,
    )


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_laptop_first_controls_legend_and_the_melitopol_row(dash_duo, app, size):
    """At 1280 x 800 and 1920 x 1080: filter, dates, export and view controls visible without scrolling,
    the legend beside (under) the map covering at most 15 % of it; the Melitopol row opens its corridor,
    and from there Melitopol's own sentences."""
    dash_duo.driver.set_window_size(*size)
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    for sel in (
        "#event-filter",
        "input#date-range",
        "#export-geojson",
        "#export-kml",
        "#fit-all",
        "#reset-view",
    ):
        assert visible_in(dash_duo, sel, ".controls"), sel
    end_date = dash_duo.driver.execute_script(
        "const i = document.querySelectorAll('#date-box input');"
        "return i[i.length - 1].getBoundingClientRect().right;"
    )
    box = dash_duo.driver.execute_script(
        "return document.querySelector('.controls').getBoundingClientRect().right;"
    )
    assert end_date <= box  # the date control is whole
    covered = dash_duo.driver.execute_script(
        "const m = document.querySelector('#map .maplibregl-canvas').getBoundingClientRect();"
        "const l = document.querySelector('#map .legend').getBoundingClientRect();"
        "const w = Math.max(0, Math.min(m.right, l.right) - Math.max(m.left, l.left));"
        "const h = Math.max(0, Math.min(m.bottom, l.bottom) - Math.max(m.top, l.top));"
        "return w * h / (m.width * m.height);"
    )
    assert covered <= 0.15
    cell = next(
        c
        for c in dash_duo.find_elements("#corridor-table td[data-dash-column='origin']")
        if c.text == "Melitopol"
    )
    cell.click()
    dash_duo.wait_for_contains_text("#sources", "Melitopol: its sentences", timeout=10)
    assert "(end not named)" in dash_duo.find_element("#sources h2").text.lower()
    town = next(b for b in dash_duo.find_elements("#sources .open-place") if b.text.startswith("Melitopol"))
    town.click()
    assert eventually(lambda: "Melitopol" in [m.text for m in dash_duo.find_elements("#sources mark")])
    assert dash_duo.get_logs() == []


def test_place_names_get_denser_as_one_zooms_in(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    count = (
        "const m = document.querySelector(arguments[0])._fullLayout.map._subplot.map;"
        "const ids = m.getStyle().layers.filter(l => l.type === 'symbol' && l.layout &&"
        " String(l.layout['text-field']).includes('name')).map(l => l.id);"
        "return m.queryRenderedFeatures({layers: ids}).length;"
    )
    assert eventually(lambda: dash_duo.driver.execute_script(count, GRAPH) > 10, 20)
    far = dash_duo.driver.execute_script(count, GRAPH)
    dash_duo.driver.execute_script(
        "document.querySelector(arguments[0])._fullLayout.map._subplot.map.jumpTo("
        "{center: [35.14, 47.84], zoom: 9});",
        GRAPH,
    )
    assert eventually(lambda: dash_duo.driver.execute_script(count, GRAPH) > 0, 20)
    time.sleep(2)
    near_names = dash_duo.driver.execute_script(
        "const m = document.querySelector(arguments[0])._fullLayout.map._subplot.map;"
        "const ids = m.getStyle().layers.filter(l => l.type === 'symbol' && l.layout &&"
        " String(l.layout['text-field']).includes('name')).map(l => l.id);"
        "return m.queryRenderedFeatures({layers: ids}).map(f => f.properties.name);",
        GRAPH,
    )
    assert far > 10 and len(near_names) > 5  # close in, villages of a few thousand are named
    assert hosts_requested(dash_duo) == {dash_duo.server_url.split("/")[2]}
    assert dash_duo.get_logs() == []


def test_attacks_on_top_and_unplaced_counts_said(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    names = [t["name"] for t in traces(dash_duo)]
    event_names = [n for n in names if n in ("Attack", "Evacuation", "Negotiation", "Military movement")]
    assert event_names[-1] == "Attack"  # drawn last, above the rest
    attack_text = [t["text"] for t in traces(dash_duo) if t["name"] == "Attack" and t["text"]]
    assert attack_text and "Kyiv" in attack_text[0]  # attacked towns named on the map
    labels = dash_duo.find_element("#event-filter").text
    assert "Refugees (2, unplaced)" in labels and "Refugees" not in names  # counted, said, not invented
    assert dash_duo.get_logs() == []


def test_added_articles_survive_a_reload_and_are_removed_one_by_one(dash_duo, app):
    dash_duo.start_server(app)
    wait_for_map(dash_duo)
    for text in ("Shelling hit Kherson on Sunday.", "A convoy left Sumy for Poltava."):
        dash_duo.find_element("#paste-text").send_keys(text)
        dash_duo.find_element("#paste-button").click()
        dash_duo.wait_for_contains_text("#upload-message", "Added", timeout=20)
        time.sleep(0.5)
    assert eventually(lambda: len(dash_duo.find_elements("#added-list li")) == 2)
    dash_duo.driver.refresh()
    wait_for_map(dash_duo)
    assert eventually(lambda: len(dash_duo.find_elements("#added-list li")) == 2, 20)
    assert eventually(lambda: any("Kherson" in (t["text"] or []) for t in traces(dash_duo)), 20)
    dash_duo.find_elements("#added-list li .remove")[0].click()  # Kherson's article
    assert eventually(lambda: len(dash_duo.find_elements("#added-list li")) == 1)
    assert eventually(lambda: not any("Kherson" in (t["text"] or []) for t in traces(dash_duo)), 20)
    dash_duo.driver.execute_script("window.localStorage.clear();")
    assert dash_duo.get_logs() == []
