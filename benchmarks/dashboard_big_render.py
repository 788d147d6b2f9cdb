"""First paint of the map with 100,000 events and 2,000 corridors in headless Chromium.

    python benchmarks/dashboard_big_render.py [--events 100000] [--corridors 2000]

The synthetic extraction of ``dashboard_callbacks.py``, drawn by the dashboard's own figure code in a bare
page (one dcc.Graph), timed from navigation start until MapLibre reports the map loaded. Markers are
aggregated per town and clustered above 3,000 per trace, so nothing is dropped. Saves a screenshot to
``/tmp/corridormap-big-map.png`` to look at.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time

from dash import Dash, dcc, html
from dashboard_callbacks import synthetic
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from dashboard.app import serve_basemap, warm_basemap
from dashboard.figures import map_figure
from dashboard.headless import CHROMIUM_FLAGS
from dashboard.viewmodel import View, from_extraction, type_counts

READY = """
const gd = document.querySelector('#map .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.map) return null;
return gd._fullLayout.map._subplot.map.loaded() ? performance.now() : null;
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--corridors", type=int, default=2_000)
    args = ap.parse_args()
    data = from_extraction(synthetic(args.events, args.corridors))
    app = Dash(__name__, serve_locally=True)
    app.layout = html.Div(
        [
            dcc.Graph(
                id="map",
                figure=map_figure(data, View(frozenset(type_counts(data)))),
                style={"height": "900px"},
            )
        ]
    )
    serve_basemap(app)  # the basemap layers are URLs of this app, as in the real one
    warm_basemap(app.layout.children[0].figure)  # made at start, as the real app does
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    threading.Thread(target=lambda: app.run(host="127.0.0.1", port=port), daemon=True).start()
    time.sleep(2)
    options = Options()
    for arg in CHROMIUM_FLAGS:
        options.add_argument(arg)
    options.binary_location = "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "SEVERE"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(f"http://127.0.0.1:{port}/")
        ready, deadline = None, time.time() + 120
        while ready is None and time.time() < deadline:
            ready = driver.execute_script(READY)
            time.sleep(0.05)
        driver.save_screenshot("/tmp/corridormap-big-map.png")
        errors = driver.get_log("browser")
    finally:
        driver.quit()
    shown = "not loaded within 120 s" if ready is None else f"{ready / 1000:.1f} s"
    print(
        f"{args.events:,} events, {args.corridors:,} corridors: map loaded after {shown}; "
        f"console errors: {len(errors)}"
    )


if __name__ == "__main__":
    main()
