"""Callbacks: the page's behaviour. Each reads the browser's own state (its Store and controls) and asks
the :class:`Corpus` for data; nothing per-user lives on the server."""

from __future__ import annotations

import base64
import json
import re
import threading
from collections import OrderedDict

import pandas as pd
from dash import ALL, Dash, Input, Output, Patch, State, ctx, html, no_update

from dashboard import ids, timeline
from dashboard.figures import corridor_focus, map_layers, map_traces
from dashboard.layout import filter_options
from dashboard.session import MAX_ADDED_ARTICLES, Corpus, check_added, checked
from dashboard.sources import corridor_panel, place_panel
from dashboard.viewmodel import (
    MapData,
    View,
    type_counts,
    unplaced_counts,
    visible_routes,
)
from geo.exc import CorridormapError, InputError
from geo.export import geojson_to_kml, render, to_geojson
from geo.model import EVENT_TYPES

#: What one browser shows: its added articles, the ticked types and the date range.
SESSION_VIEW = (
    State(ids.SESSION_ARTICLES, "data"),
    State(ids.EVENT_FILTER, "value"),
    State(ids.DATE_RANGE, "start_date"),
    State(ids.DATE_RANGE, "end_date"),
)
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
TABLE_FIELDS = (
    "corridor_id",
    "origin",
    "via",
    "destination",
    "purpose",
    "length_km",
    "n_attacks",
    "n_reports",
    "doc",
)


def _view(types, start, end) -> View:
    return View(frozenset(types or ()), _date(start), _date(end))


def _types(types) -> list[str]:
    """Ticked event types as the page sends them: a list of known type names (anything else is dropped)."""
    if not isinstance(types, list):
        raise InputError("event types must be a list")
    return [t for t in types if isinstance(t, str) and t in EVENT_TYPES]


def _options(options) -> list[dict]:
    return [o for o in options if isinstance(o, dict)] if isinstance(options, list) else []


def _date(value) -> str | None:
    """An ISO date from the date picker, or None; anything else is a request the page never makes."""
    if not value:
        return None
    if not isinstance(value, str) or not ISO_DAY.match(value):
        raise InputError(f"not a date: {str(value)[:40]!r}")
    return value[:10]


def table_rows(data, view: View, routes: pd.DataFrame | None = None) -> list[dict]:
    """One row per route (its reports counted), the earliest report's document named; ``routes`` is
    :func:`visible_routes` when the caller has it already."""
    cs = visible_routes(data, view) if routes is None else routes
    rows = cs[list(TABLE_FIELDS)].to_dict("records")
    for r in rows:
        if not isinstance(r["destination"], str) or not r["destination"]:  # None, or NaN from pandas
            r["destination"] = "(end not named)"
        r["purpose"] = r["purpose"].replace("_", " ")
        r["doc"] = r["doc"].rsplit("/", 1)[-1]
        if r["length_km"] != r["length_km"]:  # NaN for a one-ended corridor
            r["length_km"] = None
    return rows


def view_outputs(data, types, start, end, options, tiles: str, new_articles: bool = False):
    """Filter callback: the map's traces (a patch: the basemap, sent once, stays), the corridor table,
    and the checklist (types new to the page arrive ticked). New articles may bring new countries, whose
    regions join the basemap."""
    counts = type_counts(data, _view(types, start, end))
    new_options = filter_options(counts, unplaced_counts(data, _view(types, start, end)))
    known = {o["value"] for o in options or []}
    types = list(types or []) + [o["value"] for o in new_options if o["value"] not in known]
    view = _view(types, start, end)
    traces, rows = _shown(data, view)
    patch = Patch()
    patch["data"] = traces
    if new_articles:  # new countries' regions join the basemap, and the view fits the new places too
        patch["layout"]["map"]["layers"] = map_layers(data, tiles)["layers"]
        patch["layout"]["map"]["center"] = data.home_view["center"]
        patch["layout"]["map"]["zoom"] = data.home_view["zoom"]
    return patch, rows, new_options, types


#: The last views drawn, by data and view: many browsers over the same articles ask for the same few
#: filters, and the traces of one are the same for all (read-only, so sharing is safe).
SHOWN_CACHE = 64
_shown_cache: OrderedDict[tuple[int, View], tuple[MapData, list, list[dict]]] = OrderedDict()
_shown_lock = threading.Lock()


def _shown(data: MapData, view: View) -> tuple[list, list[dict]]:
    key = (id(data), view)
    with _shown_lock:
        hit = _shown_cache.get(key)
        if hit is not None and hit[0] is data:  # the id of a live object, so the same data
            _shown_cache.move_to_end(key)
            return hit[1], hit[2]
    routes = visible_routes(data, view)  # once, for the map's lines and the table's rows
    traces, rows = map_traces(data, view, routes), table_rows(data, view, routes)
    with _shown_lock:
        _shown_cache[key] = (data, traces, rows)  # holding ``data`` keeps its id from being reused
        while len(_shown_cache) > SHOWN_CACHE:
            _shown_cache.popitem(last=False)
    return traces, rows


def home_patch(data: MapData, everything: bool = False) -> Patch:
    """A patch that moves the map to the data's opening view (corridors and attacks), or with
    ``everything`` to the view of every mark on it."""
    view = data.all_view if everything else data.home_view
    patch = Patch()
    patch["layout"]["map"]["center"] = view["center"]
    patch["layout"]["map"]["zoom"] = view["zoom"]
    return patch


def _row_corridor(cell, rows) -> int | None:
    """The corridor id of the table row a user clicked, or None."""
    if not isinstance(cell, dict) or not isinstance(rows, list):
        return None
    row = cell.get("row")
    if not isinstance(row, int) or not 0 <= row < len(rows) or not isinstance(rows[row], dict):
        return None
    corridor_id = rows[row].get("corridor_id")
    return corridor_id if isinstance(corridor_id, int) else None


def click_outputs(data, click, view: View):
    """Click callback: a town's sources, or a corridor's sentence and a zoom onto it."""
    points = (click or {}).get("points") or [] if isinstance(click, dict) else []
    custom = next((p.get("customdata") for p in points if isinstance(p, dict) and p.get("customdata")), None)
    if not isinstance(custom, list) or len(custom) < 2:
        return no_update, no_update
    kind, key = custom[0], custom[1]
    if kind == "corridor":
        if not str(key).isdigit() or int(key) not in data.corridor_paths:
            raise InputError(f"no corridor {key!r} on this map")
        patch = Patch()
        focus = corridor_focus(data, int(key))
        patch["layout"]["map"]["center"] = focus["center"]
        patch["layout"]["map"]["zoom"] = focus["zoom"]
        return corridor_panel(data, int(key)), patch
    return place_panel(data, str(key), view), no_update


def added_items(items: list[dict]) -> list[html.Li]:
    return [
        html.Li(
            [
                html.Span(a["doc"], className="added-doc"),
                html.Button(
                    "×",
                    id={"type": ids.REMOVE_ARTICLE, "index": i},
                    n_clicks=0,
                    title=f"Remove {a['doc']} from the map",
                    className="remove",
                ),
            ]
        )
        for i, a in enumerate(items)
    ]


def register(app: Dash, corpus: Corpus, tiles: str) -> None:
    @app.callback(
        Output(ids.SESSION_ARTICLES, "data"),
        Output(ids.UPLOAD_MESSAGE, "children"),
        Output(ids.PASTE_TEXT, "value"),
        Input(ids.UPLOAD, "contents"),
        Input(ids.PASTE_BUTTON, "n_clicks"),
        State(ids.UPLOAD, "filename"),
        State(ids.PASTE_TEXT, "value"),
        State(ids.SESSION_ARTICLES, "data"),
        prevent_initial_call=True,
    )
    def add_article(contents, _clicks, filename, pasted, added):
        try:
            added = checked(added)
            if len(added) >= MAX_ADDED_ARTICLES:
                raise InputError(f"at most {MAX_ADDED_ARTICLES} articles can be added in one browser")
            if ctx.triggered_id == ids.UPLOAD:
                if not contents:
                    return no_update, no_update, no_update
                if not isinstance(contents, str) or not isinstance(filename or "", str):
                    raise InputError("one file at a time, please")
                raw = base64.b64decode(contents.split(",", 1)[1], validate=False)
                item = check_added(filename or "upload.txt", raw)
            else:
                if not (pasted or "").strip():
                    return no_update, "Paste some article text first.", no_update
                item = check_added(f"pasted-{len(added) + 1}.txt", pasted.encode("utf-8"))
        except InputError as exc:
            return no_update, html.Span(str(exc), className="error"), no_update
        except (ValueError, IndexError, TypeError):
            return (
                no_update,
                html.Span(f"{filename}: could not read the upload", className="error"),
                no_update,
            )
        if any(a["text"] == item["text"] for a in added):
            return no_update, html.Span(f"{item['doc']} is already on the map.", className="error"), no_update
        added.append({k: item[k] for k in ("doc", "text", "html")})
        corpus.prepare(added[-1], item["article"])  # extracted now, once: the map update only merges
        cleared = "" if ctx.triggered_id == ids.PASTE_BUTTON else no_update
        message = f"Added {item['doc']} ({item['sentences']} sentences), kept in this browser only."
        return added, message, cleared

    @app.callback(
        Output(ids.ADDED_LIST, "children"),
        Input(ids.SESSION_ARTICLES, "data"),
    )
    def list_added(added):
        """The browser's added articles, each with a button that removes it (also after a reload)."""
        try:
            items = checked(added)
        except InputError:
            return []
        return added_items(items)

    @app.callback(
        Output(ids.SESSION_ARTICLES, "data", allow_duplicate=True),
        Output(ids.UPLOAD_MESSAGE, "children", allow_duplicate=True),
        Input({"type": ids.REMOVE_ARTICLE, "index": ALL}, "n_clicks"),
        State(ids.SESSION_ARTICLES, "data"),
        prevent_initial_call=True,
    )
    def remove_article(clicks, added):
        which = ctx.triggered_id
        if not isinstance(which, dict) or not any(clicks or ()):
            return no_update, no_update  # the buttons were (re)drawn, not clicked
        try:
            items = checked(added)
        except InputError:
            return [], "The added articles could not be read, so they were cleared."
        index = which.get("index")
        if not isinstance(index, int) or not 0 <= index < len(items):
            return no_update, no_update
        gone = items.pop(index)
        return items, f"Removed {gone['doc']}."

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.CORRIDOR_TABLE, "data"),
        Output(ids.EVENT_FILTER, "options"),
        Output(ids.EVENT_FILTER, "value"),
        Output(ids.UPLOAD_MESSAGE, "children", allow_duplicate=True),
        Input(ids.SESSION_ARTICLES, "data"),
        Input(ids.EVENT_FILTER, "value"),
        Input(ids.DATE_RANGE, "start_date"),
        Input(ids.DATE_RANGE, "end_date"),
        State(ids.EVENT_FILTER, "options"),
        prevent_initial_call="initial_duplicate",  # runs on load only to show articles the browser kept
    )
    def update_view(added, types, start, end, options):
        if ctx.triggered_id is None and not added:  # page load: the layout already holds the first map,
            return no_update, no_update, no_update, no_update, no_update  # unless the browser kept articles
        new_articles = ctx.triggered_id in (ids.SESSION_ARTICLES, None)
        try:
            return (
                *view_outputs(
                    corpus.data(added), _types(types), start, end, _options(options), tiles, new_articles
                ),
                no_update,
            )
        except InputError as exc:  # a store or control the page never sends
            return no_update, no_update, no_update, no_update, html.Span(str(exc), className="error")

    @app.callback(
        Output(ids.SOURCES, "children"),
        Output(ids.MAP, "figure", allow_duplicate=True),
        Input(ids.MAP, "clickData"),
        *SESSION_VIEW,
        prevent_initial_call=True,
    )
    def show_sources(click, added, types, start, end):
        try:
            return click_outputs(corpus.data(added), click, _view(_types(types), start, end))
        except InputError as exc:
            return html.P(str(exc), className="error"), no_update

    @app.callback(
        Output(ids.SOURCES, "children", allow_duplicate=True),
        Output(ids.MAP, "figure", allow_duplicate=True),
        Input(ids.CORRIDOR_TABLE, "active_cell"),
        State(ids.CORRIDOR_TABLE, "derived_viewport_data"),
        *SESSION_VIEW,
        prevent_initial_call=True,
    )
    def select_corridor_row(cell, rows, added, types, start, end):
        """A row of the corridor table opens that corridor's panel and zooms to it, as a click on it does."""
        try:
            corridor_id = _row_corridor(cell, rows)
            if corridor_id is None:
                return no_update, no_update
            click = {"points": [{"customdata": ["corridor", corridor_id]}]}
            return click_outputs(corpus.data(added), click, _view(_types(types), start, end))
        except InputError as exc:
            return html.P(str(exc), className="error"), no_update

    @app.callback(
        Output(ids.SOURCES, "children", allow_duplicate=True),
        Input({"type": ids.OPEN_PLACE, "place": ALL}, "n_clicks"),
        *SESSION_VIEW,
        prevent_initial_call=True,
    )
    def open_town(clicks, added, types, start, end):
        """A corridor panel's town button: that town's own sources (a town that is a corridor's end stays
        reachable)."""
        which = ctx.triggered_id
        if not isinstance(which, dict) or not any(clicks or ()):
            return no_update
        try:
            return place_panel(corpus.data(added), str(which.get("place")), _view(_types(types), start, end))
        except InputError as exc:
            return html.P(str(exc), className="error")

    @app.callback(
        Output(ids.MAP, "figure", allow_duplicate=True),
        Input(ids.FIT_ALL, "n_clicks"),
        Input(ids.RESET_VIEW, "n_clicks"),
        State(ids.SESSION_ARTICLES, "data"),
        prevent_initial_call=True,
    )
    def fit_all(_fit, _reset, added):
        """ "Fit all": every mark on the map in view; "Reset view": back to the opening view (the
        corridors and attacks)."""
        try:
            return home_patch(corpus.data(added), everything=ctx.triggered_id == ids.FIT_ALL)
        except InputError:
            return no_update

    @app.callback(
        Output(ids.DOWNLOAD, "data"),
        Input(ids.EXPORT_GEOJSON, "n_clicks"),
        Input(ids.EXPORT_CSV, "n_clicks"),
        Input(ids.EXPORT_KML, "n_clicks"),
        *SESSION_VIEW,
        prevent_initial_call=True,
    )
    def export(_g, _c, _k, added, types, start, end):
        try:
            shown = corpus.exported(added, _view(_types(types), start, end))
        except (InputError, CorridormapError):
            return no_update
        if ctx.triggered_id == ids.EXPORT_CSV:
            return {"content": render(shown, "csv"), "filename": "corridormap.csv", "type": "text/csv"}
        if ctx.triggered_id == ids.EXPORT_KML:
            return {
                "content": geojson_to_kml(to_geojson(shown)),
                "filename": "corridormap.kml",
                "type": "application/vnd.google-earth.kml+xml",
            }
        return {
            "content": json.dumps(to_geojson(shown), ensure_ascii=False),
            "filename": "corridormap.geojson",
            "type": "application/geo+json",
        }


def register_timeline(app: Dash) -> None:
    """The timeline's range control drives the page's date range; "Play" slides it a day at a time."""

    @app.callback(
        Output(ids.DATE_RANGE, "start_date"),
        Output(ids.DATE_RANGE, "end_date"),
        Input(ids.TIME_RANGE, "value"),
        State(ids.TIMELINE_DAYS, "data"),
        prevent_initial_call=True,
    )
    def range_to_dates(value, days):
        if not isinstance(days, list) or not days:
            return no_update, no_update
        lo, hi = timeline.window(value, len(days))
        return days[lo], days[hi]

    @app.callback(
        Output(ids.TIME_RANGE, "value"),
        Output(ids.PLAY_TICK, "disabled"),
        Output(ids.PLAY, "children"),
        Input(ids.PLAY, "n_clicks"),
        Input(ids.PLAY_TICK, "n_intervals"),
        State(ids.TIME_RANGE, "value"),
        State(ids.TIMELINE_DAYS, "data"),
        State(ids.PLAY_TICK, "disabled"),
        prevent_initial_call=True,
    )
    def play(_clicks, _ticks, value, days, stopped):
        if not isinstance(days, list) or len(days) < 2:
            return no_update, True, timeline.PLAY_LABEL
        if ctx.triggered_id == ids.PLAY:
            if not stopped:  # "Pause"
                return no_update, True, timeline.PLAY_LABEL
            return timeline.start(value, len(days)), False, timeline.PAUSE_LABEL
        moved, at_end = timeline.step(value, len(days))
        return moved, at_end, timeline.PLAY_LABEL if at_end else timeline.PAUSE_LABEL


def register_save(app: Dash, corpus: Corpus, folder) -> None:
    """ "Save added articles to the collection": the browser's added articles go into the store, and only
    when asked (adding an article to the map alone never writes anything)."""
    from geo.exc import CorridormapError
    from geo.store import Store, article_rows, content_id

    @app.callback(
        Output(ids.UPLOAD_MESSAGE, "children", allow_duplicate=True),
        Input(ids.SAVE_TO_STORE, "n_clicks"),
        State(ids.SESSION_ARTICLES, "data"),
        prevent_initial_call=True,
    )
    def save(_clicks, added):
        try:
            results = corpus.added_results(added)
            if not results:
                return "Add an article first: there is nothing to save."
            rows = [
                article_rows(content_id(a["text"].encode("utf-8")), corpus.extractor.merge([r]))
                for a, r in results
            ]
            with _STORE_LOCK, Store(folder) as store:
                new = store.write(rows)
        except (InputError, CorridormapError) as exc:
            return html.Span(str(exc), className="error")
        already = len(rows) - new
        return f"Saved {new} article{'s' if new != 1 else ''} to the collection" + (
            f" ({already} already in it)." if already else "."
        )


_STORE_LOCK = threading.Lock()  # one writer at a time from this server
