"""What the dashboard shows, as tables: a flat, filterable view of one :class:`geo.Extraction`.

No extraction happens here: places, events and corridors are exactly what ``geo`` produced; this module
only lays them out as pandas frames and lookups so that filtering and clicking stay fast at 100,000
events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from dashboard.basemap import fine_box
from geo.collection import PINNED, Collection, attacks_near
from geo.export import claim_feature, mention_record
from geo.geometry import route_points
from geo.model import Corridor, Extraction
from geo.settings import DENSIFY_KM

MANY_CORRIDORS = 200
#: Events per day and type (see MapData.event_days).
DAY_COLUMNS = ["date", "event_type", "n", "n_unplaced"]
#: Countries the basemap details (regions, 1:10m layers, small towns' names): those with the most
#: corridors and attacks. A collection spanning twenty countries would otherwise send tens of megabytes.
FOCUS_COUNTRIES = 4
PURPOSE_TYPES = {
    "evacuation": {"evacuation"},
    "humanitarian_aid": {"humanitarian_aid"},
    "both": {"evacuation", "humanitarian_aid"},
}


@dataclass(frozen=True)
class MapData:
    """One extraction, flattened for display."""

    #: place_id, name, lat, lon, precision, country_code, confidence, drawn, n_mentions
    places: pd.DataFrame
    #: event_id, event_type, subtype, place_id, lat, lon, date, n, day (see EVENT_COLUMNS)
    events: pd.DataFrame
    #: corridor_id, origin, destination, via, purpose, length_km, n_attacks, doc, sentence_index, date, ...
    corridors: pd.DataFrame
    mentions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # place_id -> mention records
    sentence_types: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    corridor_paths: dict[int, list[tuple[float, float]]] = field(default_factory=dict)  # densified (lat, lon)
    attacks_nearby: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    doc_dates: dict[str, str | None] = field(default_factory=dict)
    claims: list[dict[str, Any]] = field(default_factory=list)  # checked distance/direction statements
    corridor_statements: dict[int, list[str]] = field(default_factory=dict)  # every sentence stating it
    #: events per day and type, each once however many places it names: date, day, event_type, n,
    #: n_unplaced (those that name no place to pin)
    event_days: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=DAY_COLUMNS))
    #: a collection queried for its sentences on a click (``serve --store``), instead of ``mentions``
    collection: Collection | None = None
    #: a collection's corridors' nearby attack places: corridor_id -> [(place_id, name, km, reports)]
    attack_places: dict[int, list[tuple[str, str, float, int]]] = field(default_factory=dict)

    @cached_property
    def countries(self) -> frozenset[str]:
        """Countries whose first-level region borders go on the basemap: those of the corridors and
        attacks (where a reader zooms in), else those the articles place towns in. Fewer is faster: each
        country's regions cost software-rendered browsers a fraction of a second."""
        return frozenset(self._focus_order[:FOCUS_COUNTRIES])

    @cached_property
    def _hot_towns(self) -> pd.DataFrame:
        """The towns drawn that hold corridor ends and attacks, with ``weight`` (how many); every town
        drawn, each weighing 1, when none does."""
        cities = self.places[self.places["drawn"] & (self.places["precision"] == "city")]
        ends = pd.concat([self.corridors["origin_id"], self.corridors["destination_id"].dropna()])
        attacked = self.events.loc[self.events["event_type"] == "attack", "place_id"].dropna()
        weight = pd.concat([ends, attacked.astype(object)]).value_counts()
        hot = cities[cities["place_id"].isin(weight.index)]
        pool = hot if not hot.empty else cities
        return pool.assign(weight=pool["place_id"].map(weight).fillna(1))

    @cached_property
    def _focus_order(self) -> list[str]:
        """Countries by how many corridor ends and attacks their towns hold, the busiest first."""
        towns = self._hot_towns
        per_country = towns["weight"].groupby(towns["country_code"]).sum()
        return [str(c) for c in per_country.sort_values(ascending=False, kind="stable").index]

    @cached_property
    def fine_box(self) -> tuple[int, int, int, int] | None:
        """Where the basemap turns 1:10m: around the towns of the corridors and attacks of the focus
        countries (see :attr:`countries`), else around every town drawn; None when that is too wide."""
        towns = self._hot_towns
        chosen: list[tuple[float, float]] = []
        box = None
        for code in self._focus_order:  # the busiest country first, others while the box stays small
            pts = towns[towns["country_code"] == code]
            trial = chosen + list(zip(pts["lat"], pts["lon"], strict=True))
            found = fine_box([p[0] for p in trial], [p[1] for p in trial])
            if found is not None:
                chosen, box = trial, found
        return box

    @cached_property
    def all_view(self) -> dict[str, Any]:
        """The view of every mark: places drawn, events and corridors."""
        drawn = self.places[self.places["drawn"] & self.places["precision"].isin(list(PINNED))]
        lats = drawn["lat"].tolist() + [p[0] for path in self.corridor_paths.values() for p in path]
        lons = drawn["lon"].tolist() + [p[1] for path in self.corridor_paths.values() for p in path]
        return fit_view(lats, lons)

    @cached_property
    def home_view(self) -> dict[str, Any]:
        """The opening view: fitted to the corridors and attacks when there are any (what a convoy
        planner opens the map for), else to every place drawn."""
        lats = [p[0] for path in self.corridor_paths.values() for p in path]
        lons = [p[1] for path in self.corridor_paths.values() for p in path]
        attacks = self.events[(self.events["event_type"] == "attack") & self.events["lat"].notna()]
        lats += attacks["lat"].tolist()  # an attack no place locates is counted, never drawn
        lons += attacks["lon"].tolist()
        if not lats:
            drawn = self.places[
                self.places["drawn"] & self.places["precision"].isin(["city", "region", "water"])
            ]
            lats, lons = drawn["lat"].tolist(), drawn["lon"].tolist()
        return fit_view(lats, lons)


#: One row per pinned place of an event (or, read from a collection, per place, day and type, ``n``
#: events each).
EVENT_COLUMNS = ["event_id", "event_type", "subtype", "place_id", "lat", "lon", "date", "n"]
CORRIDOR_COLUMNS = [
    "corridor_id",
    "route",  # the same route restated by several reports shares this key
    "origin",
    "destination",
    "via",
    "purpose",
    "length_km",
    "n_attacks",
    "doc",
    "sentence_index",
    "date",
    "origin_id",
    "destination_id",
    "lat",
    "lon",
]
PLACE_COLUMNS = [
    "place_id",
    "name",  # as the articles spell it most (the place's label)
    "gazetteer_name",
    "lat",
    "lon",
    "precision",
    "country_code",
    "confidence",
    "drawn",
    "n_mentions",
]


def from_extraction(x: Extraction) -> MapData:
    """Lay out an extraction for the dashboard."""
    places = pd.DataFrame(
        [
            (
                p.place_id,
                p.display,
                p.name,
                p.lat,
                p.lon,
                p.precision,
                p.country_code,
                p.confidence,
                p.drawn,
                len({(m.doc, m.sentence_index) for m in p.mentions}),
            )
            for p in x.places
            if p.lat is not None  # an unlocated place is listed in exports, never on the map
        ],
        columns=PLACE_COLUMNS,
    )
    # events are pinned where they can be pinned: a town, a region, a sea; a country's centre is no place
    coords = {p.place_id: (p.lat, p.lon) for p in x.places if p.precision in PINNED}
    rows: list[tuple[Any, ...]] = []
    days: list[tuple[Any, ...]] = []
    sentence_types: dict[tuple[str, int], list[str]] = {}
    for i, e in enumerate(x.events):
        sentence_types.setdefault((e.doc, e.sentence_index), []).append(e.event_type)
        if e.event_type == "other":
            continue
        pinned = [pid for pid in e.place_ids if pid in coords]
        for pid in pinned:
            lat, lon = coords[pid]
            rows.append((i, e.event_type, e.subtype, pid, lat, lon, e.date, 1))
        days.append((e.date, e.event_type, 1, 0 if pinned else 1))  # unplaced: counted, never drawn
    day_frame = pd.DataFrame(days, columns=DAY_COLUMNS)
    day_frame = day_frame.groupby(["date", "event_type"], dropna=False, as_index=False).sum()
    labels = {p.place_id: p.display for p in x.places}
    corridors, paths, statements = _corridor_layout(
        list(x.corridors), labels, [len(c.attacks_nearby) for c in x.corridors]
    )
    attacks = {
        i: [
            {"place": a.place, "distance_km": a.distance_km, "sentence": a.sentence, "doc": a.doc}
            for a in x.corridors[i].attacks_nearby
        ]
        for i in paths
    }
    mentions = {p.place_id: [mention_record(m) for m in p.mentions] for p in x.places}
    return MapData(
        places=places,
        events=_event_frame(pd.DataFrame(rows, columns=EVENT_COLUMNS)),
        event_days=_with_days(day_frame),
        corridors=corridors,
        mentions=mentions,
        sentence_types=sentence_types,
        corridor_paths=paths,
        attacks_nearby=attacks,
        doc_dates={a.doc: a.date for a in x.articles},
        claims=[claim_feature(c)["properties"] for c in x.claims],
        corridor_statements=statements,
    )


def from_collection(c: Collection) -> MapData:
    """Lay out a collection (``serve --store``): events arrive counted per place, day and type; a place's
    sentences and a corridor's attacks are asked of the collection when clicked."""
    places = c.places()[PLACE_COLUMNS]
    cells = c.event_cells()
    events = cells.assign(event_id=np.arange(len(cells)))[EVENT_COLUMNS]
    days = c.event_days()[DAY_COLUMNS]
    labels = dict(zip(places["place_id"], places["name"], strict=True))
    found = c.corridors()
    near = attacks_near(found, c.attack_spots())
    corridors, paths, statements = _corridor_layout(found, labels, [sum(a[3] for a in n) for n in near])
    return MapData(
        places=places,
        events=_event_frame(events),
        event_days=_with_days(days),
        corridors=corridors,
        corridor_paths=paths,
        doc_dates=c.doc_dates(),
        claims=[claim_feature(k)["properties"] for k in c.claims()],
        corridor_statements=statements,
        collection=c,
        attack_places={i: near[i] for i in paths},
    )


def _corridor_layout(
    corridors: list[Corridor], labels: dict[str, str], n_attacks: list[int]
) -> tuple[pd.DataFrame, dict[int, list[tuple[float, float]]], dict[int, list[str]]]:
    """The drawable corridors as a frame (``corridor_id`` is the index in ``corridors``), their
    densified lines and the sentences stating each."""
    crows, paths = [], {}
    statements: dict[int, list[str]] = {}
    # great-circle vertices every 10 km; coarser when thousands of corridors would flood the browser
    step = DENSIFY_KM if len(corridors) <= MANY_CORRIDORS else 5 * DENSIFY_KM
    lines: dict[tuple[tuple[float, float], ...], list[tuple[float, float]]] = {}  # a route restated: once
    for i, c in enumerate(corridors):
        if not c.drawable:  # an end no gazetteer locates: in exports, not on the map
            continue
        crows.append(
            (
                i,
                "|".join((*c.place_ids, "" if c.destination else "open", str(c.purpose))),
                labels.get(c.place_ids[0], c.origin),
                labels.get(c.place_ids[-1], c.destination) if c.destination else None,
                " → ".join(
                    labels.get(pid, name) for pid, name in zip(c.place_ids[1:-1], c.via, strict=False)
                ),
                c.purpose,
                c.length_km,
                n_attacks[i],
                c.doc,
                c.sentence_index,
                c.date,
                c.place_ids[0],
                c.place_ids[-1] if c.destination else None,
                c.path[0][0],
                c.path[0][1],
            )
        )
        if c.path not in lines:
            path = route_points(c.path, step) if c.destination else list(c.path)
            lines[c.path] = [(round(a, 5), round(b, 5)) for a, b in path]
        paths[i] = lines[c.path]
        statements[i] = [st.sentence for st in c.all_statements]
    return _with_days(pd.DataFrame(crows, columns=CORRIDOR_COLUMNS)), paths, statements


def combined(base: MapData, extra: MapData) -> MapData:
    """A collection's layout with a browser's added articles laid over it (their ids after the base's)."""
    places = pd.concat([base.places, extra.places], ignore_index=True)
    firsts = {col: "first" for col in PLACE_COLUMNS if col not in ("place_id", "drawn", "n_mentions")}
    places = places.groupby("place_id", as_index=False, sort=False).agg(
        {**firsts, "drawn": "max", "n_mentions": "sum"}
    )[PLACE_COLUMNS]
    shift = int(base.events["event_id"].max()) + 1 if len(base.events) else 0
    events = pd.concat(
        [
            base.events[EVENT_COLUMNS],
            extra.events[EVENT_COLUMNS].assign(event_id=extra.events["event_id"] + shift),
        ],
        ignore_index=True,
    )
    days = pd.concat([base.event_days[DAY_COLUMNS], extra.event_days[DAY_COLUMNS]], ignore_index=True)
    days = days.groupby(["date", "event_type"], dropna=False, as_index=False).sum()
    after = int(base.corridors["corridor_id"].max()) + 1 if len(base.corridors) else 0
    moved = extra.corridors.assign(corridor_id=extra.corridors["corridor_id"] + after)
    return MapData(
        places=places,
        events=_event_frame(events),
        event_days=_with_days(days),
        corridors=_with_days(pd.concat([base.corridors, moved], ignore_index=True)),
        mentions=extra.mentions,
        sentence_types=extra.sentence_types,
        corridor_paths={**base.corridor_paths, **{k + after: v for k, v in extra.corridor_paths.items()}},
        attacks_nearby={**base.attacks_nearby, **{k + after: v for k, v in extra.attacks_nearby.items()}},
        doc_dates={**base.doc_dates, **extra.doc_dates},
        claims=base.claims + extra.claims,
        corridor_statements={
            **base.corridor_statements,
            **{k + after: v for k, v in extra.corridor_statements.items()},
        },
        collection=base.collection,
        attack_places=base.attack_places,
    )


def _event_frame(events: pd.DataFrame) -> pd.DataFrame:
    events["day"] = day_numbers(events["date"])
    for col in ("event_type", "place_id"):  # few distinct values: categories make filters and groupbys cheap
        events[col] = events[col].astype("category")
    return events


@dataclass(frozen=True)
class View:
    """What one browser asked to see: event types ticked and a date range (ISO strings or None)."""

    types: frozenset[str]
    start: str | None = None
    end: str | None = None


def day_numbers(dates: pd.Series) -> np.ndarray:
    """ISO days as day numbers (days since 1970), -1 for undated: filtering a million rows by date
    compares integers, not strings."""
    parsed = pd.to_datetime(dates, format="%Y-%m-%d", errors="coerce")
    days = parsed.to_numpy(dtype="datetime64[D]").astype("int64")
    return np.where(parsed.isna().to_numpy(), -1, days)


def _with_days(frame: pd.DataFrame) -> pd.DataFrame:
    frame["day"] = day_numbers(frame["date"])
    return frame


def _day_number(day: str) -> int:
    return int(np.datetime64(day[:10], "D").astype("int64"))


def _in_dates(frame: pd.DataFrame, view: View) -> pd.Series:
    """Rows dated inside the view's range, and undated rows (always shown)."""
    day = frame["day"].to_numpy()
    mask = np.ones(len(frame), dtype=bool)
    if view.start:
        mask &= (day < 0) | (day >= _day_number(view.start))
    if view.end:
        mask &= (day < 0) | (day <= _day_number(view.end))
    return pd.Series(mask, index=frame.index)


def visible_events(data: MapData, view: View) -> pd.DataFrame:
    """Events of the ticked types and dates that have a place to pin."""
    ev = data.events
    return ev[ev["event_type"].isin(view.types) & _in_dates(ev, view) & ev["place_id"].notna()]


def visible_corridors(data: MapData, view: View) -> pd.DataFrame:
    cs = data.corridors
    shown = cs["purpose"].map(lambda p: bool(PURPOSE_TYPES.get(p, set()) & view.types))
    return cs[shown.astype(bool) & _in_dates(cs, view)]


def visible_routes(data: MapData, view: View) -> pd.DataFrame:
    """The visible corridors, one row per route (same ends, vias and purpose): a corridor restated by
    many reports is one line and one table row, with ``n_reports``; its ``corridor_id`` is the earliest
    report's."""
    cs = visible_corridors(data, view)
    if cs.empty:
        return cs.assign(n_reports=pd.Series(dtype=int))
    key = cs["route"]
    grouped = cs.groupby(key, sort=False)
    first = cs.loc[grouped["corridor_id"].idxmin()].set_index("route")
    first["n_reports"] = grouped.size()
    first["n_attacks"] = grouped["n_attacks"].max()
    return first.reset_index()


def route_members(data: MapData, corridor_id: int) -> list[int]:
    """Every corridor (report) of the route ``corridor_id`` belongs to, earliest first."""
    cs = data.corridors
    route = cs.loc[cs["corridor_id"] == corridor_id, "route"]
    if route.empty:
        return []
    return sorted(cs.loc[cs["route"] == route.iloc[0], "corridor_id"].tolist())


def _day_totals(data: MapData, column: str, view: View | None) -> dict[str, int]:
    days = data.event_days
    if view is not None:
        days = days[_in_dates(days, view)]
    totals = days.groupby("event_type")[column].sum()
    return {str(t): int(n) for t, n in totals.items() if n}


def type_counts(data: MapData, view: View | None = None) -> dict[str, int]:
    """Events per type (counted once per sentence, not per place), within the date range if given."""
    return _day_totals(data, "n", view)


def unplaced_counts(data: MapData, view: View | None = None) -> dict[str, int]:
    """Events per type that name no place to pin ("refugees fled", no town): counted, listed in a town's
    panel never, and said so in the filter rather than drawn somewhere invented."""
    return _day_totals(data, "n_unplaced", view)


def date_span(data: MapData) -> tuple[str | None, str | None]:
    """The first and last day of the articles and of the events (an event may name an earlier day)."""
    dates = [d for d in data.doc_dates.values() if d] + data.event_days["date"].dropna().tolist()
    return (min(dates), max(dates)) if dates else (None, None)


def filter_extraction(x: Extraction, view: View) -> Extraction:
    """The part of an extraction a view shows (for export): events and corridors of ticked types and dates,
    places mentioned in the articles of those dates."""
    from dataclasses import replace

    def dated(d: str | None) -> bool:
        return d is None or ((not view.start or d >= view.start) and (not view.end or d <= view.end))

    docs = {a.doc for a in x.articles if dated(a.date)}
    places = []
    for p in x.places:
        ms = tuple(m for m in p.mentions if m.doc in docs)
        if ms:
            places.append(replace(p, mentions=ms))
    return replace(
        x,
        places=tuple(places),
        events=tuple(e for e in x.events if e.event_type in view.types and dated(e.date)),
        corridors=tuple(
            c for c in x.corridors if PURPOSE_TYPES.get(c.purpose, set()) & view.types and dated(c.date)
        ),
        claims=tuple(c for c in x.claims if c.doc in docs),
    )


def fit_view(lats: list[float], lons: list[float]) -> dict[str, Any]:
    """Centre and zoom that fit the points (a world view when there are none); missing coordinates
    (None or NaN) are skipped."""
    pts = [
        (a, b)
        for a, b in zip(lats, lons, strict=True)
        if a is not None and b is not None and a == a and b == b
    ]
    lats, lons = [a for a, _ in pts], [b for _, b in pts]
    if not lats:
        return {"center": {"lat": 30.0, "lon": 10.0}, "zoom": 1.0}
    lat0, lat1, lon0, lon1 = min(lats), max(lats), min(lons), max(lons)
    width, height = FIT_MAP_PX
    # Web Mercator: the world is 512 * 2**zoom px wide; a latitude span is stretched towards the poles
    by_lon = math.log2(width * 360.0 / (512.0 * max(lon1 - lon0, MIN_FIT_SPAN_DEG)))
    dy = abs(_mercator_y(lat1) - _mercator_y(lat0))
    by_lat = math.log2(height * 2 * math.pi / (512.0 * max(dy, math.radians(MIN_FIT_SPAN_DEG))))
    zoom = max(1.0, min(9.0, min(by_lon, by_lat) - FIT_MARGIN_ZOOM))
    center_lat = math.degrees(math.atan(math.sinh((_mercator_y(lat0) + _mercator_y(lat1)) / 2)))
    return {"center": {"lat": round(center_lat, 4), "lon": (lon0 + lon1) / 2}, "zoom": round(zoom, 2)}


#: The map's size the opening view is fitted to: the map at 1280 x 800 (a laptop); a bigger screen shows
#: more around the same centre.
FIT_MAP_PX = (680, 400)
#: Zoom levels left as margin around the fitted points (a marker and its label stay inside the map).
FIT_MARGIN_ZOOM = 0.35
#: Points closer than this (degrees) are fitted as if this far apart: one town opens at a town's scale.
MIN_FIT_SPAN_DEG = 0.5


def _mercator_y(lat: float) -> float:
    lat = max(-85.0, min(85.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
