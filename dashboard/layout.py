"""The page: controls on the left, the map in the middle, sources on the right, corridors below."""

from __future__ import annotations

from dash import dash_table, dcc, html

from dashboard import ids
from dashboard.figures import TYPE_STYLE
from dashboard.session import MAX_UPLOAD_BYTES
from dashboard.timeline import timeline
from dashboard.viewmodel import MapData, date_span, type_counts, unplaced_counts
from geo.settings import ATTACK_BUFFER_KM

CORRIDOR_COLUMNS = [
    {"name": "Origin", "id": "origin"},
    {"name": "Via", "id": "via"},
    {"name": "Destination", "id": "destination"},
    {"name": "Purpose", "id": "purpose"},
    {"name": "Length km", "id": "length_km", "type": "numeric"},
    {"name": f"Attacks ≤{ATTACK_BUFFER_KM:g} km", "id": "n_attacks", "type": "numeric"},
    {"name": "Reports", "id": "n_reports", "type": "numeric"},
    {"name": "Source", "id": "doc"},
]


def filter_options(counts: dict[str, int], unplaced: dict[str, int] | None = None) -> list[dict]:
    """A checkbox per type reported, with its count, and how many of those name no place to draw."""
    unplaced = unplaced or {}

    def label(t: str, name: str) -> str:
        n, off = counts.get(t, 0), unplaced.get(t, 0)
        if not off:
            return f"{name} ({n})"
        return f"{name} ({n}, unplaced)" if off >= n else f"{name} ({n}, {off} unplaced)"

    return [{"label": label(t, name), "value": t} for t, (_, name) in TYPE_STYLE.items() if counts.get(t)]


def make_layout(
    data: MapData, figure: dict, table: list[dict], notices: tuple[str, ...] = (), store: str | None = None
) -> html.Div:
    """The page; ``notices`` (files that could not be read, an empty map) are shown above the map. With a
    ``store`` (the collection's folder, as shown), added articles can be saved into it."""
    counts = type_counts(data)
    line = timeline(data)
    start, end = date_span(data)
    return html.Div(
        className="page",
        children=[
            # added articles live in the browser (local storage): they survive a reload, never the server
            dcc.Store(id=ids.SESSION_ARTICLES, storage_type="local", data=[]),
            html.Header(
                className="top",
                children=[
                    html.H1("corridormap"),
                    html.Span(
                        "Evacuation corridors and reported attacks, from the news. "
                        "Click a town to read its sources.",
                        className="tagline",
                    ),
                ],
            ),
            html.Aside(
                className="controls",
                children=[
                    html.H2("Event types"),
                    dcc.Checklist(
                        id=ids.EVENT_FILTER,
                        options=filter_options(counts, unplaced_counts(data)),
                        value=list(counts),
                        className="checklist",
                        inputClassName="check",
                    ),
                    html.Div(
                        id="date-box",
                        hidden=not start,
                        children=[
                            html.H2("Dates"),
                            dcc.DatePickerRange(
                                id=ids.DATE_RANGE,
                                start_date=start,
                                end_date=end,
                                min_date_allowed=start,
                                max_date_allowed=end,
                                display_format="YYYY-MM-DD",
                                clearable=True,
                            ),
                        ],
                    ),
                    html.H2("Export what is shown"),
                    html.Div(
                        id=ids.EXPORT,
                        className="export",
                        children=[
                            html.Button("GeoJSON", id=ids.EXPORT_GEOJSON, n_clicks=0),
                            html.Button("CSV", id=ids.EXPORT_CSV, n_clicks=0),
                            html.Button("KML", id=ids.EXPORT_KML, n_clicks=0),
                        ],
                    ),
                    dcc.Download(id=ids.DOWNLOAD),
                    html.Button("Fit all", id=ids.FIT_ALL, n_clicks=0, title="Show every mark on the map"),
                    html.Button(
                        "Reset view",
                        id=ids.RESET_VIEW,
                        n_clicks=0,
                        title="Back to the opening view: the corridors and attacks",
                    ),
                    html.H2("Add an article"),
                    dcc.Upload(
                        id=ids.UPLOAD,
                        className="upload",
                        max_size=4 * MAX_UPLOAD_BYTES,  # the server says why a file is too big
                        children=html.Div(["Drop a .txt or .html file, or ", html.A("choose one")]),
                    ),
                    dcc.Textarea(
                        id=ids.PASTE_TEXT, placeholder="…or paste article text here", className="paste"
                    ),
                    html.Button("Add pasted text", id=ids.PASTE_BUTTON, n_clicks=0),
                    *(
                        [
                            html.Button(
                                "Save added articles to the collection",
                                id=ids.SAVE_TO_STORE,
                                n_clicks=0,
                                title=f"Store this browser's added articles in {store}",
                            )
                        ]
                        if store is not None
                        else []
                    ),
                    html.Div(id=ids.UPLOAD_MESSAGE, className="message", role="status"),
                    html.Ul(id=ids.ADDED_LIST, className="added"),
                ],
            ),
            html.Main(
                className="mapbox",
                children=[
                    *(
                        [
                            html.Div(
                                id="notice",
                                className="notice",
                                role="alert",
                                children=[html.P(n) for n in notices],
                            )
                        ]
                        if notices
                        else []
                    ),
                    dcc.Graph(
                        id=ids.MAP,
                        figure=figure,
                        className="map",
                        config={"displaylogo": False, "scrollZoom": True},
                    ),
                    *([line] if line is not None else []),
                ],
            ),
            html.Aside(
                id=ids.SOURCES,
                className="sources",
                children=[
                    html.H2("Sources"),
                    html.P("Click a town or a corridor on the map to read what the articles say."),
                ],
            ),
            html.Section(
                className="table",
                children=[
                    html.H2("Corridors"),
                    dash_table.DataTable(  # type: ignore[attr-defined]
                        id=ids.CORRIDOR_TABLE,
                        columns=CORRIDOR_COLUMNS,
                        data=table,
                        page_size=10,
                        sort_action="native",
                        style_cell={"textAlign": "left", "fontSize": 13},
                        style_header={"fontWeight": "600"},
                    ),
                ],
            ),
        ],
    )
