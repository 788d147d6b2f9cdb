"""Time to first rendered map in headless Chromium, on the bundled seed article.

    python benchmarks/dashboard_first_render.py [--runs 5] [--store DIR]

Starts the app on a free local port, opens it in Debian's Chromium (headless, via chromedriver) and reads,
from the page's own clock, how long after navigation started MapLibre reported the map loaded with the
corridor layers drawn. Also lists every host the page requested (only the app's should appear). With
``--store DIR`` the app is ``serve --store``'s over that collection (timed after the server has read it).
"""

from __future__ import annotations

import argparse
import socket
import statistics
import threading
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from dashboard.app import create_app, create_store_app
from dashboard.headless import CHROMIUM_FLAGS

SEED = Path(__file__).resolve().parent.parent / "seeds"
READY = """
const gd = document.querySelector('#map .js-plotly-plot');
if (!gd || !gd._fullLayout || !gd._fullLayout.map) return null;
const m = gd._fullLayout.map._subplot.map;
if (!m.loaded() || !m.getStyle().layers.some(l => l.id.startsWith('plotly-trace-layer'))) return null;
return performance.now();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser() -> webdriver.Chrome:
    o = Options()
    for arg in CHROMIUM_FLAGS:
        o.add_argument(arg)
    o.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=o)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--store", help="a collection's store folder (serve --store) instead of the seed")
    args = ap.parse_args()
    port = free_port()
    started = time.perf_counter()
    app = create_store_app(args.store) if args.store else create_app([str(SEED)])
    print(f"server ready after {time.perf_counter() - started:.1f} s", flush=True)
    threading.Thread(target=lambda: app.run(host="127.0.0.1", port=port), daemon=True).start()
    time.sleep(1.5)
    times, hosts = [], set()
    driver = browser()
    try:
        for _ in range(args.runs):
            driver.get(f"http://127.0.0.1:{port}/?t={time.time()}")
            deadline = time.time() + 120
            ready = None
            while ready is None and time.time() < deadline:
                ready = driver.execute_script(READY)
                time.sleep(0.02)
            times.append(ready / 1000)
            hosts |= set(
                driver.execute_script(
                    "return performance.getEntriesByType('resource').map(e => e.name.split('/')[2]);"
                )
            )
    finally:
        driver.quit()
    each = ", ".join(f"{t:.2f}" for t in times)
    print(
        f"first rendered map: median {statistics.median(times):.2f} s, worst {max(times):.2f} s "
        f"over {len(times)} loads ({each}); hosts requested: {sorted(h for h in hosts if h)}"
    )


if __name__ == "__main__":
    main()
