"""The side panel: every sentence that mentions a place, the place highlighted, as text (never HTML)."""

from __future__ import annotations

from pathlib import Path

from dash import html

from dashboard import ids
from dashboard.figures import TYPE_STYLE
from dashboard.viewmodel import MapData, View, route_members
from geo.collection import SentenceSource
from geo.settings import ATTACK_BUFFER_KM

#: Sentences listed in a town's panel (newest first): past a few hundred a panel is not read but scrolled,
#: and building it would slow every click on a big collection.
PANEL_MAX_SENTENCES = 100


def _badges(types: list[str]) -> list[html.Span]:
    return [
        html.Span(TYPE_STYLE[t][1], className="badge", style={"background": TYPE_STYLE[t][0]})
        for t in dict.fromkeys(types)
        if t in TYPE_STYLE
    ]


def _doc_line(data: MapData, doc: str) -> html.Div:
    date = data.doc_dates.get(doc)
    return html.Div(className="doc", children=f"{Path(doc).name}" + (f" · {date}" if date else ""))


def place_sentences(data: MapData, place_id: str, view: View) -> tuple[int, list[SentenceSource]]:
    """How many sentences name the place within the view's dates, and the newest
    ``PANEL_MAX_SENTENCES`` (undated after dated): asked of the collection, and read from the added
    articles' mentions."""
    total = 0
    found: list[SentenceSource] = []
    if data.collection is not None:
        total, found = data.collection.place_sentences(place_id, view.start, view.end, PANEL_MAX_SENTENCES)
    by_sentence: dict[tuple[str, int], list[dict]] = {}
    for m in data.mentions.get(place_id, []):
        day = data.doc_dates.get(m["doc"])
        if day and ((view.start and day < view.start) or (view.end and day > view.end)):
            continue  # the panel follows the date range (an undated article is always listed)
        by_sentence.setdefault((m["doc"], m["sentence_index"]), []).append(m)
    for (doc, idx), ms in by_sentence.items():
        marks = tuple(sorted((m["start"], m["end"]) for m in ms))
        types = tuple(sorted({str(t) for t in data.sentence_types.get((doc, idx), []) if t != "other"}))
        found.append(
            SentenceSource(doc, idx, ms[0]["sentence"], data.doc_dates.get(doc), marks, types, place_id)
        )
    # newest first: a coordinator reads what changed last; undated sources after the dated ones
    found.sort(key=lambda s: s.date or "", reverse=True)
    return total + len(by_sentence), found[:PANEL_MAX_SENTENCES]


def _sentence_item(s: SentenceSource, view: View) -> html.Li:
    parts: list = []
    pos = 0
    for start, end in s.marks:
        parts += [s.sentence[pos:start], html.Mark(s.sentence[start:end])]
        pos = end
    parts.append(s.sentence[pos:])
    return html.Li(
        className="mention",
        children=[
            html.Div(_badges([t for t in s.types if t in view.types]), className="badges"),
            html.P(parts, className="sentence"),
            html.Div(className="doc", children=f"{Path(s.doc).name}" + (f" · {s.date}" if s.date else "")),
        ],
    )


def place_panel(data: MapData, place_id: str, view: View) -> list:
    rows = data.places[data.places["place_id"] == place_id]
    if rows.empty:
        return [html.H2("Sources"), html.P("That place is not in the current data.")]
    place = rows.iloc[0]
    n_sentences, sentences = place_sentences(data, place_id, view)
    items = [_sentence_item(s, view) for s in sentences]
    cs = data.corridors
    through = cs[(cs["origin_id"] == place_id) | (cs["destination_id"] == place_id)]
    corridor_items = [
        html.Li(
            f"{r.origin} → {r.destination or '(end not named)'}"
            + (f", {r.length_km} km" if r.length_km == r.length_km and r.length_km else "")
            + f", attacks within {ATTACK_BUFFER_KM:g} km: {r.n_attacks}"
        )
        for r in through.itertuples()
    ]
    claims = [c for c in data.claims if place["gazetteer_name"] in (c["subject"], c["reference"])]
    claim_items = [
        html.Li(
            className=f"claim {c['verdict']}",
            children=[html.B(f"{c['verdict'].capitalize()}: "), c["summary"]],
        )
        for c in claims
    ]
    header = f"{place['name']} · {place['precision']}" + (
        f" · {place['country_code']}" if place["country_code"] else ""
    )
    return [
        html.H2(header),
        html.P(
            f"{n_sentences} sentence{'s' if n_sentences != 1 else ''} · confidence {place['confidence']:.2f}",
            className="meta",
        ),
        html.Ul(items, className="mentions"),
        *(
            [
                html.P(
                    f"Showing the newest {PANEL_MAX_SENTENCES} of {n_sentences} sentences: narrow the "
                    "dates to read the others.",
                    className="meta",
                )
            ]
            if n_sentences > PANEL_MAX_SENTENCES
            else []
        ),
        *([html.H3("Corridors through this town"), html.Ul(corridor_items)] if corridor_items else []),
        *([html.H3("Distances stated in the news, checked"), html.Ul(claim_items)] if claim_items else []),
    ]


def _missing(value: object) -> bool:
    """None or NaN (pandas holds a missing number or string as NaN): never shown as "nan"."""
    return value is None or (isinstance(value, float) and value != value)


#: Reports of one route listed in its panel (newest first).
PANEL_MAX_REPORTS = 50


def _reports(data: MapData, corridor_id: int) -> list:
    """Every report of the corridor's route: its sentences and article, newest first."""
    members = route_members(data, corridor_id) or [corridor_id]
    rows = data.corridors.set_index("corridor_id").loc[members]
    ordered = sorted(members, key=lambda i: str(rows.at[i, "date"] or ""), reverse=True)
    out: list = []
    for i in ordered[:PANEL_MAX_REPORTS]:
        out += [html.P(s, className="sentence") for s in data.corridor_statements.get(i, [])]
        out.append(_doc_line(data, rows.at[i, "doc"]))
    if len(members) > PANEL_MAX_REPORTS:
        out.append(
            html.P(f"Showing the newest {PANEL_MAX_REPORTS} of {len(members)} reports.", className="meta")
        )
    return out


#: Attack reports listed in a corridor's panel (newest first).
PANEL_MAX_ATTACKS = 50


def corridor_attacks(data: MapData, corridor_id: int) -> tuple[int, list[dict]]:
    """How many attack reports lie within the buffer of a corridor, and those listed: from the
    extraction, or asked of the collection by the attacked places near the route."""
    near = data.attack_places.get(corridor_id)
    if data.collection is None or not near:
        found = data.attacks_nearby.get(corridor_id, [])
        return len(found), found
    km = {pid: (name, d) for pid, name, d, _ in near}
    _, sentences = data.collection.attack_sentences(list(km), PANEL_MAX_ATTACKS)
    listed = []
    for s in sentences:
        name, distance = km.get(s.place_id or "", ("", 0.0))
        listed.append({"place": name, "distance_km": distance, "sentence": s.sentence, "doc": s.doc})
    return sum(n for *_, n in near), listed


def corridor_panel(data: MapData, corridor_id: int) -> list:
    rows = data.corridors[data.corridors["corridor_id"] == corridor_id]
    if rows.empty:
        return [html.H2("Sources"), html.P("That corridor is not in the current data.")]
    c = rows.iloc[0]
    destination = None if _missing(c["destination"]) else c["destination"]
    title = f"{c['origin']} → {destination or '(end not named)'}"
    n_attacks, attacks = corridor_attacks(data, corridor_id)
    length = None if _missing(c["length_km"]) else c["length_km"]
    ends = [(c["origin_id"], c["origin"]), (c["destination_id"], destination)]
    towns = [
        html.Button(
            f"{name}: its sentences",
            id={"type": ids.OPEN_PLACE, "place": pid},
            n_clicks=0,
            className="open-place",
            title=f"Everything the articles say about {name}",
        )
        for pid, name in ends
        if name and not _missing(pid) and (pid in data.mentions or data.collection is not None)
    ]
    return [
        html.H2(title),
        html.P(
            f"{c['purpose'].replace('_', ' ')}" + (f" · {length} km" if length is not None else ""),
            className="meta",
        ),
        *([html.Div(towns, className="towns")] if towns else []),
        *_reports(data, corridor_id),
        html.H3(f"Attacks within {ATTACK_BUFFER_KM:g} km: {n_attacks}"),
        html.Ul(
            [html.Li([html.B(f"{a['place']} ({a['distance_km']} km): "), a["sentence"]]) for a in attacks]
        ),
    ]
