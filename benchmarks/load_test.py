"""Load test of the dashboard on loopback: many users at once loading, filtering, clicking and adding an
article, each request timed through Dash's own callback endpoint.

    python benchmarks/load_test.py [--users 50] [--article-kb 50]

Starts the app (the bundled seed) on a free port of 127.0.0.1 only, then runs ``--users`` threads
(arriving evenly over ``--spread`` seconds; 0 sends them all at one instant, a worst case), each
making a fixed, bounded sequence of requests (load the page, filter, click a town, add an article, the map
update that follows, filter again), with a 60 s timeout per request and a 10-minute cap on the whole run.
Prints p50 / p95 / max per kind of request and whether any answer was an error. Goals: p95 <= 1 s for
filter and click, <= 3 s for the map update after an upload, no error, no leak between users (each user's
added article appears in its own view only).
"""

from __future__ import annotations

import argparse
import base64
import json
import re
import socket
import statistics
import threading
import time
import urllib.request
from collections import defaultdict
from pathlib import Path

from dashboard import ids
from dashboard.app import create_app
from geo.resources import seeds_dir

LGL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "lgl"
TIMEOUT_S = 60
RUN_CAP_S = 600


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Client:
    """One user: its own store of added articles, talking to the server as the page does."""

    def __init__(self, base: str, deps: list[dict]) -> None:
        self.base = base
        self.deps = deps
        self.added: list = []

    def call(self, output_prefix: str, inputs: dict, state: dict | None = None, changed: str = "") -> dict:
        dep = next(d for d in self.deps if d["output"].lstrip(".").startswith(output_prefix))
        outputs = [_parse(o) for o in dep["output"].strip(".").split("...")]
        body = {
            "output": dep["output"],
            "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": [{**i, "value": inputs.get(f"{i['id']}.{i['property']}")} for i in dep["inputs"]],
            "state": [{**s, "value": (state or {}).get(f"{s['id']}.{s['property']}")} for s in dep["state"]],
            "changedPropIds": [changed] if changed else [],
        }
        req = urllib.request.Request(
            self.base + "_dash-update-component",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=TIMEOUT_S) as r:
            return json.loads(r.read() or b"{}") if r.status == 200 else {}


def _parse(spec: str) -> dict:
    ident, prop = spec.rsplit(".", 1)
    return {"id": ident, "property": prop.split("@")[0]}


def user(
    n: int, base: str, deps: list[dict], article: str, times: dict, errors: list, leaks: list, delay: float
) -> None:
    time.sleep(delay)
    c = Client(base, deps)
    types = ["attack", "evacuation", "humanitarian_aid", "refugees", "negotiation", "military_movement"]

    def timed(kind: str, fn):
        t = time.perf_counter()
        try:
            out = fn()
        except Exception as exc:  # an error is a result of the test, reported at the end
            errors.append(f"user {n} {kind}: {exc}")
            return {}
        times[kind].append(time.perf_counter() - t)
        return out

    timed("page", lambda: urllib.request.urlopen(base + "_dash-layout", timeout=TIMEOUT_S).read())
    filt = {f"{ids.EVENT_FILTER}.value": types[: 1 + n % 5], f"{ids.SESSION_ARTICLES}.data": []}
    timed(
        "filter",
        lambda: c.call(
            f"{ids.MAP}.figure", filt, {f"{ids.EVENT_FILTER}.options": []}, f"{ids.EVENT_FILTER}.value"
        ),
    )
    click = {"points": [{"customdata": ["place", "geonames:701822"]}]}  # Mariupol
    timed(
        "click",
        lambda: c.call(
            f"{ids.SOURCES}.children",
            {f"{ids.MAP}.clickData": click},
            {f"{ids.EVENT_FILTER}.value": types},
            f"{ids.MAP}.clickData",
        ),
    )
    name = f"user{n}.txt"
    text = f"Buses from Tokmak reached Zaporizhzhia, user {n} reported.\n\n" + article
    contents = "data:text/plain;base64," + base64.b64encode(text.encode()).decode()
    out = timed(
        "upload",
        lambda: c.call(
            f"{ids.SESSION_ARTICLES}.data",
            {f"{ids.UPLOAD}.contents": contents},
            {f"{ids.UPLOAD}.filename": name, f"{ids.SESSION_ARTICLES}.data": []},
            f"{ids.UPLOAD}.contents",
        ),
    )
    added = (out.get("response") or {}).get(ids.SESSION_ARTICLES, {}).get("data") or []
    if not added:
        errors.append(f"user {n}: upload not accepted")
        return
    view = {f"{ids.SESSION_ARTICLES}.data": added, f"{ids.EVENT_FILTER}.value": types}
    resp = timed(
        "map after upload",
        lambda: c.call(
            f"{ids.MAP}.figure", view, {f"{ids.EVENT_FILTER}.options": []}, f"{ids.SESSION_ARTICLES}.data"
        ),
    )
    table = json.dumps((resp.get("response") or {}).get(ids.CORRIDOR_TABLE, {}))
    seen = set(re.findall(r"user(\d+)\.txt", table))
    if seen != {str(n)}:  # its own article, and nobody else's
        leaks.append(n)
    filt2 = {**view, f"{ids.EVENT_FILTER}.value": types[:3]}
    timed(
        "filter after upload",
        lambda: c.call(
            f"{ids.MAP}.figure", filt2, {f"{ids.EVENT_FILTER}.options": []}, f"{ids.EVENT_FILTER}.value"
        ),
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=50)
    ap.add_argument("--article-kb", type=int, default=50)
    ap.add_argument(
        "--spread", type=float, default=10.0, help="seconds over which users arrive (0: all at one instant)"
    )
    args = ap.parse_args()
    news = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(LGL.glob("*.txt"))[:200])
    article = news[: args.article_kb * 1000]
    port = free_port()
    app = create_app([str(seeds_dir())])
    threading.Thread(target=lambda: app.run(host="127.0.0.1", port=port, threaded=True), daemon=True).start()
    base = f"http://127.0.0.1:{port}/"
    for _ in range(100):
        try:
            deps = json.loads(urllib.request.urlopen(base + "_dash-dependencies", timeout=5).read())
            break
        except OSError:
            time.sleep(0.1)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    leaks: list[int] = []
    started = time.perf_counter()
    threads = [
        threading.Thread(
            target=user,
            args=(n, base, deps, article, times, errors, leaks, args.spread * n / max(1, args.users)),
            daemon=True,
        )
        for n in range(args.users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(1.0, RUN_CAP_S - (time.perf_counter() - started)))
    print(
        f"{args.users} users arriving over {args.spread:g} s, {args.article_kb} KB article each, "
        f"{time.perf_counter() - started:.1f} s in all"
    )
    for kind, ts in times.items():
        ts = sorted(ts)
        p95 = ts[min(len(ts) - 1, int(0.95 * len(ts)))]
        print(
            f"  {kind:22} n={len(ts):3} p50 {statistics.median(ts):6.2f} s  "
            f"p95 {p95:6.2f} s  max {ts[-1]:6.2f} s"
        )
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"  users who saw another user's article: {len(leaks)}")


if __name__ == "__main__":
    main()
