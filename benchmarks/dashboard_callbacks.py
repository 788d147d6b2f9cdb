"""Server-side time of the dashboard's filter and click callbacks at scale.

    python benchmarks/dashboard_callbacks.py [--events 100000] [--corridors 2000]

Generates an extraction of N events over 5,000 towns and M corridors (random, inside Ukraine's
bounding box), then times the callbacks' bodies (``view_outputs``, ``click_outputs``) as Dash runs them.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from plotly.io.json import to_json_plotly

from dashboard.callbacks import click_outputs, view_outputs
from dashboard.layout import filter_options
from dashboard.viewmodel import View, from_extraction, type_counts
from geo.model import Article, Corridor, Event, Extraction, Mention, Place

TYPES = ("attack", "evacuation", "humanitarian_aid", "refugees", "negotiation", "military_movement")


def synthetic(n_events: int, n_corridors: int, n_places: int = 5000, seed: int = 7) -> Extraction:
    rnd = random.Random(seed)
    docs = [f"doc{i}.txt" for i in range(max(1, n_events // 20))]
    places = []
    for i in range(n_places):
        lat, lon = rnd.uniform(44.5, 52.0), rnd.uniform(22.5, 40.0)
        mentions = tuple(
            Mention(rnd.choice(docs), k, f"Town{i} was mentioned here.", 0, len(f"Town{i}"), f"Town{i}")
            for k in range(3)
        )
        places.append(Place(f"p{i}", f"Town{i}", lat, lon, "city", "UA", None, None, 1000, 0.9, mentions))
    events = []
    for i in range(n_events):
        p = places[rnd.randrange(n_places)]
        day = f"2022-{rnd.randint(3, 6):02d}-{rnd.randint(1, 28):02d}"
        events.append(
            Event(
                rnd.choice(docs),
                i % 50,
                f"Sentence {i}.",
                rnd.choice(TYPES),
                None,
                (p.place_id,),
                (p.name,),
                (),
                day,
            )
        )
    corridors = []
    for i in range(n_corridors):
        a, b = rnd.sample(places, 2)
        corridors.append(
            Corridor(
                rnd.choice(docs),
                0,
                f"Corridor {i}.",
                a.name,
                b.name,
                (),
                rnd.choice(["evacuation", "humanitarian_aid", "both"]),
                (a.place_id, b.place_id),
                ((a.lat, a.lon), (b.lat, b.lon)),
                100.0,
            )
        )
    articles = tuple(Article(d, "", (), None, "2022-04-01") for d in docs)
    return Extraction(articles, tuple(places), tuple(events), tuple(corridors))


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--corridors", type=int, default=2_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    t = time.perf_counter()
    data = from_extraction(synthetic(args.events, args.corridors))
    print(f"setup: {args.events} events, {args.corridors} corridors in {time.perf_counter() - t:.1f} s")
    options = filter_options(type_counts(data))
    all_types = [o["value"] for o in options]
    some = [t for t in all_types if t != "attack"]
    med, worst = timed(lambda: view_outputs(data, all_types, None, None, options, "offline"), args.repeat)
    print(f"filter callback, all types: median {med:.0f} ms, max {worst:.0f} ms")
    med, worst = timed(
        lambda: view_outputs(data, some, "2022-04-01", "2022-05-31", options, "offline"), args.repeat
    )
    print(f"filter callback, attack unticked + date range: median {med:.0f} ms, max {worst:.0f} ms")
    patch = view_outputs(data, all_types, None, None, options, "offline")[0].to_plotly_json()
    med, _ = timed(lambda: to_json_plotly(patch), args.repeat)
    points = sum(len(t.get("lat", [])) for t in patch["operations"][0]["params"]["value"])
    print(
        f"  (the response: {len(to_json_plotly(patch)) / 1e6:.1f} MB, {points:,} map points, "
        f"JSON encoding by Dash adds {med:.0f} ms)"
    )
    click = {"points": [{"customdata": ["place", "p42"]}]}
    view = View(frozenset(all_types))
    med, worst = timed(lambda: click_outputs(data, click, view), args.repeat)
    print(f"click callback (town): median {med:.1f} ms, max {worst:.1f} ms")
    click = {"points": [{"customdata": ["corridor", 17]}]}
    med, worst = timed(lambda: click_outputs(data, click, view), args.repeat)
    print(f"click callback (corridor): median {med:.1f} ms, max {worst:.1f} ms")


if __name__ == "__main__":
    main()
