"""The map figure, built as a plain dict (no per-point validation) so 100,000 events draw quickly.

Offline by default: a MapLibre style object with no ``glyphs``, ``sprite`` or remote sources, and the
country outlines shipped in ``data/basemap`` as GeoJSON layers under the traces; no request leaves the
machine. ``tiles="osm"`` swaps in OpenStreetMap tiles for users who are online.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dashboard.basemap import basemap_layers, offline_style
from dashboard.viewmodel import MapData, View, fit_view, visible_events, visible_routes
from geo.settings import ATTACK_BUFFER_KM

TYPE_STYLE = {  # colour, label; attacks are drawn apart, bigger and ringed
    "attack": ("#d62728", "Attack"),
    "evacuation": ("#1f77b4", "Evacuation"),
    "humanitarian_aid": ("#2ca02c", "Humanitarian aid"),
    "refugees": ("#9467bd", "Refugees"),
    "negotiation": ("#8c564b", "Negotiation"),
    "military_movement": ("#ff7f0e", "Military movement"),
}
PURPOSE_STYLE = {
    "evacuation": ("#1f77b4", "Corridor: evacuation"),
    "humanitarian_aid": ("#2ca02c", "Corridor: aid"),
    "both": ("#6a3d9a", "Corridor: evacuation + aid"),
}
#: Attacked towns named beside their marks up to this many (beyond, names would cover the map; hover and
#: the basemap's own labels still name them).
MAX_ATTACK_LABELS = 300
CLUSTER_ABOVE = 3000  # points in one trace beyond which MapLibre clusters them instead of dropping any


def _marker_trace(
    name: str,
    df: pd.DataFrame,
    color: str,
    size: Any,
    hover: list[str],
    kind: str,
    legend: bool = True,
    opacity: float = 0.9,
) -> dict[str, Any]:
    trace = {
        "type": "scattermap",
        "mode": "markers",
        "name": name,
        "lat": df["lat"].round(5).tolist(),
        "lon": df["lon"].round(5).tolist(),
        "marker": {"size": size, "color": color, "opacity": opacity},
        "hovertext": hover,
        "hoverinfo": "text",
        "customdata": [[kind, pid] for pid in df["place_id"].tolist()],
        "showlegend": legend,
        "legendgroup": name,
    }
    if len(df) > CLUSTER_ABOVE:
        trace["cluster"] = {"enabled": True, "color": color, "maxzoom": 9}
    return trace


def types_by_place(ev: pd.DataFrame) -> dict[str, str]:
    """Each place's shown event types, as hover text ("attack, evacuation")."""
    pairs = ev[["place_id", "event_type"]].drop_duplicates().sort_values(["place_id", "event_type"])
    out: dict[str, list[str]] = {}
    for pid, etype in zip(pairs["place_id"].tolist(), pairs["event_type"].tolist(), strict=True):
        out.setdefault(pid, []).append(etype.replace("_", " "))
    return {pid: ", ".join(ts) for pid, ts in out.items()}


def _hover(places: pd.DataFrame, types: dict[str, str]) -> list[str]:
    return [
        f"{name}<br>{types.get(pid, 'no event shown')}<br>{n} sentence{'s' if n != 1 else ''}"
        for pid, name, n in zip(
            places["place_id"].tolist(), places["name"].tolist(), places["n_mentions"].tolist(), strict=True
        )
    ]


def event_traces(data: MapData, ev: pd.DataFrame) -> list[dict[str, Any]]:
    """One marker per (place, event type) shown (``ev``: the visible events); attacks big, red, ringed."""
    types = types_by_place(ev)
    places = data.places.set_index("place_id")
    traces = []
    # attacks last: drawn above every other mark, never hidden under a negotiation at the same town
    for etype in sorted(TYPE_STYLE, key=lambda t: t == "attack"):
        color, label = TYPE_STYLE[etype]
        sub = ev[ev["event_type"] == etype]
        if sub.empty:
            continue
        agg = sub.groupby("place_id", observed=True).agg(n=("n", "sum")).reset_index()
        agg = agg.join(places[["name", "lat", "lon", "n_mentions"]], on="place_id")
        hover = _hover(agg, types)
        size = (8 + 4 * agg["n"].clip(upper=16) ** 0.5).round(1).tolist()
        if etype == "attack":
            traces.append(
                _marker_trace(label, agg, "#3b0000", [s + 8 for s in size], hover, "place", True, 0.85)
            )
            inner = _marker_trace(label, agg, color, size, hover, "place", False, 1.0)
            if len(agg) <= MAX_ATTACK_LABELS:  # the attacked towns named on the map itself
                inner |= {"mode": "markers+text", "text": agg["name"].tolist(), "textposition": "top right"}
                inner["textfont"] = {"size": 12, "color": "#7f1d1d"}
            traces.append(inner)
        else:
            traces.append(_marker_trace(label, agg, color, size, hover, "place"))
    return traces


def place_trace(data: MapData, ev: pd.DataFrame) -> dict[str, Any] | None:
    """Places mentioned but without a shown event: small grey dots, still clickable."""
    shown = ev["place_id"].unique()
    ps = data.places[
        data.places["drawn"]
        & ~data.places["place_id"].isin(shown)
        & data.places["precision"].isin(["city", "region", "water"])
    ]
    if ps.empty:
        return None
    return _marker_trace("Other places", ps, "#6b7280", 7, _hover(ps, {}), "place", True, 0.8)


def corridor_traces(data: MapData, view: View, routes: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """One line per route (a corridor restated by many reports is drawn once), one-ended corridors as
    rings with their town named; ``routes`` is :func:`visible_routes` when the caller has it."""
    cs = visible_routes(data, view) if routes is None else routes
    traces: list[dict[str, Any]] = []
    closed = cs[cs["destination"].notna()]
    for purpose, (color, label) in PURPOSE_STYLE.items():
        sub = closed[closed["purpose"] == purpose]
        if sub.empty:
            continue
        lat: list[float | None] = []
        lon: list[float | None] = []
        custom: list[Any] = []
        hover: list[str | None] = []
        for row in sub.itertuples():
            path = data.corridor_paths[row.corridor_id]
            # short: it repeats on every vertex; the full story is one click away in the side panel
            text = (
                f"{row.origin} → {row.destination}: {row.length_km} km, "
                f"{row.n_attacks} attacks ≤{ATTACK_BUFFER_KM:g} km"
                + (f", {row.n_reports} reports" if row.n_reports > 1 else "")
            )
            lat += [p[0] for p in path] + [None]
            lon += [p[1] for p in path] + [None]
            custom += [["corridor", int(row.corridor_id)]] * len(path) + [None]
            hover += [text] * len(path) + [None]
        traces.append(
            {
                "type": "scattermap",
                "mode": "lines",
                "name": label,
                "lat": lat,
                "lon": lon,
                "line": {"width": 5, "color": color},
                "customdata": custom,
                "hovertext": hover,
                "hoverinfo": "text",
                "legendgroup": label,
            }
        )
    ends = closed.drop_duplicates("corridor_id")
    if not ends.empty and len(ends) <= 200:  # town labels at both ends (too many to read beyond that)
        lat, lon, names, custom = [], [], [], []
        for row in ends.itertuples():
            path = data.corridor_paths[row.corridor_id]
            lat += [path[0][0], path[-1][0]]
            lon += [path[0][1], path[-1][1]]
            names += [row.origin, row.destination]
            custom += [["place", row.origin_id], ["place", row.destination_id]]
        traces.append(
            {
                "type": "scattermap",
                "mode": "markers+text",
                "name": "Corridor towns",
                "lat": lat,
                "lon": lon,
                "text": names,
                "customdata": custom,
                "textposition": "top right",
                "textfont": {"size": 14, "color": "#111827"},
                "marker": {"size": 9, "color": "#111827"},
                "hoverinfo": "text",
                "hovertext": names,
                "showlegend": False,
            }
        )
    open_ = cs[cs["destination"].isna()]
    if not open_.empty:
        hover = [
            f"{o}: corridor with one named end<br>{p.replace('_', ' ')}"
            for o, p in zip(open_["origin"], open_["purpose"], strict=True)
        ]
        ring = {
            "type": "scattermap",
            "mode": "markers",
            "lat": open_["lat"].tolist(),
            "lon": open_["lon"].tolist(),
            "customdata": [["corridor", int(i)] for i in open_["corridor_id"]],
            "hovertext": hover,
            "hoverinfo": "text",
            "legendgroup": "open",
        }
        traces.append(ring | {"name": "Corridor: one end named", "marker": {"size": 22, "color": "#6a3d9a"}})
        # the inner white disc carries the town label ("text"-only traces break MapLibre's label offsets)
        traces.append(
            ring
            | {
                "name": "",
                "showlegend": False,
                "mode": "markers+text",
                "text": open_["origin"].tolist(),
                "textposition": "bottom right",
                "textfont": {"size": 14, "color": "#111827"},
                "marker": {"size": 12, "color": "#ffffff"},
            }
        )
    return traces


def map_traces(data: MapData, view: View, routes: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """Every trace: other places, corridors, events (drawn in that order, last on top)."""
    ev = visible_events(data, view)
    traces = corridor_traces(data, view, routes) + event_traces(data, ev)
    others = place_trace(data, ev)
    if others:
        traces.insert(0, others)
    return traces


def map_layers(data: MapData, tiles: str) -> dict[str, Any]:
    if tiles == "osm":
        return {"style": "open-street-map", "layers": []}
    return {"style": offline_style(), "layers": basemap_layers(data.countries, data.fine_box)}


#: Height of the legend strip under the map (two rows of entries at 1280 px).
LEGEND_STRIP_PX = 44


def map_figure(data: MapData, view: View, tiles: str = "offline") -> dict[str, Any]:
    """The whole map: basemap layers, then the traces; opened at the data's home view."""
    return {
        "data": map_traces(data, view),
        "layout": {
            "map": {**data.home_view, **map_layers(data, tiles)},
            # the legend is a strip under the map, not a box over it: at 1280 x 800 a box hid a third of it
            "margin": {"l": 0, "r": 0, "t": 0, "b": LEGEND_STRIP_PX},
            "uirevision": "keep-zoom",
            "clickmode": "event",
            "hovermode": "closest",
            "legend": {
                "orientation": "h",
                "x": 0,
                "y": 0,
                "yanchor": "top",
                "font": {"size": 11},
                "itemsizing": "constant",
                "tracegroupgap": 0,
            },
        },
    }


def corridor_focus(data: MapData, corridor_id: int) -> dict[str, Any]:
    path = data.corridor_paths[corridor_id]
    view = fit_view([p[0] for p in path], [p[1] for p in path])
    view["zoom"] = min(view["zoom"] + 0.5, 10.0)
    return view
