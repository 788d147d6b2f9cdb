"""Serialise an :class:`Extraction` as GeoJSON, CSV or JSON (and KML for the dashboard's export)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, replace
from typing import Any
from xml.sax.saxutils import escape

from geo.geometry import route_points, to_xy
from geo.model import Claim, Corridor, Event, Extraction, Mention, Place
from geo.reports import Reported, merge_claims, merge_corridors, merge_events
from geo.settings import DENSIFY_KM

FORMATS = ("geojson", "csv", "json")


def _point(lat: float | None, lon: float | None) -> dict[str, Any] | None:
    """A GeoJSON Point, or None (a null geometry) for a place no gazetteer locates."""
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": list(to_xy(round(lat, 5), round(lon, 5)))}


def mention_record(m: Mention) -> dict[str, Any]:
    """A mention as plain data: ``sentence[start:end] == surface``."""
    return {
        "doc": m.doc,
        "sentence_index": m.sentence_index,
        "sentence": m.sentence,
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "role": m.role,
    }


def place_feature(p: Place) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": _point(p.lat, p.lon),
        "properties": {
            "kind": "place",
            "id": p.place_id,
            "name": p.name,
            "label": p.display,
            "geonameid": p.geonameid,
            "country_code": p.country_code,
            "admin1": p.admin1,
            "precision": p.precision,
            "population": p.population,
            "confidence": p.confidence,
            "drawn": p.drawn,
            "mentions": [mention_record(m) for m in p.mentions],
        },
    }


def event_feature(e: Event, places: dict[str, Place]) -> dict[str, Any]:
    pts = [places[i] for i in e.place_ids if i in places and places[i].lat is not None]
    if not pts:
        geom = None
    elif len(pts) == 1:
        geom = _point(pts[0].lat, pts[0].lon)
    else:
        geom = {
            "type": "MultiPoint",
            "coordinates": [_point(p.lat, p.lon)["coordinates"] for p in pts],  # type: ignore[index]
        }
    return {
        "type": "Feature",
        "geometry": geom,
        "properties": {
            "kind": "event",
            "event_type": e.event_type,
            "subtype": e.subtype,
            "sentence": e.sentence,
            "doc": e.doc,
            "sentence_index": e.sentence_index,
            "places": list(e.places),
            "place_ids": list(e.place_ids),
            "triggers": list(e.triggers),
            "date": e.date,
        },
    }


def corridor_feature(c: Corridor, labels: dict[str, str] | None = None) -> dict[str, Any]:
    """A corridor; ``labels`` (place id -> the articles' spelling) names its stops as the news does."""
    labels = labels or {}
    stop_labels = [labels.get(pid, name) for pid, name in zip(c.place_ids, _stop_names(c), strict=False)]
    geom: dict[str, Any] | None
    if not c.drawable:
        geom = None  # an end no gazetteer locates: listed, not drawn
    elif c.destination is None:
        geom = _point(*c.path[0])
    else:
        geom = {
            "type": "LineString",
            "coordinates": [
                list(to_xy(round(a, 5), round(b, 5))) for a, b in route_points(c.path, DENSIFY_KM)
            ],
        }
    return {
        "type": "Feature",
        "geometry": geom,
        "properties": {
            "kind": "corridor",
            "origin": c.origin,
            "destination": c.destination,
            "origin_label": stop_labels[0] if stop_labels else c.origin,
            "destination_label": stop_labels[-1] if c.destination is not None and stop_labels else None,
            "via": list(c.via),
            "purpose": str(c.purpose),
            "length_km": c.length_km,
            "place_ids": list(c.place_ids),
            "attacks_nearby": [asdict(a) for a in c.attacks_nearby],
            "sentence": c.sentence,
            "doc": c.doc,
            "sentence_index": c.sentence_index,
            "unlocated": list(c.unlocated),
            "sentences": [
                {"sentence_index": s.sentence_index, "sentence": s.sentence} for s in c.all_statements
            ],
            "date": c.date,
        },
    }


def _stop_names(c: Corridor) -> list[str]:
    return [c.origin, *c.via, *([c.destination] if c.destination is not None else [])]


def place_labels(x: Extraction) -> dict[str, str]:
    """Place id -> the spelling the articles use most."""
    return {p.place_id: p.display for p in x.places}


def claim_feature(c: Claim) -> dict[str, Any]:
    ok = c.distance_ok is not False and c.direction_ok is not False
    return {
        "type": "Feature",
        "geometry": {
            "type": "LineString",
            "coordinates": [
                list(to_xy(c.reference_lat, c.reference_lon)),
                list(to_xy(c.subject_lat, c.subject_lon)),
            ],
        },
        "properties": {
            "kind": "claim",
            "subject": c.subject,
            "reference": c.reference,
            "stated_km": c.stated_km,
            "stated_direction": c.stated_direction,
            "computed_km": c.computed_km,
            "computed_bearing": c.computed_bearing,
            "computed_direction": c.computed_direction,
            "distance_ok": c.distance_ok,
            "direction_ok": c.direction_ok,
            "verdict": "consistent" if ok else "flagged",
            "direction_off_deg": c.direction_off_deg,
            "summary": f"{c.subject} from {c.reference}: {c.explanation}",
            "sentence": c.sentence,
            "doc": c.doc,
            "sentence_index": c.sentence_index,
            "date": c.date,
        },
    }


def to_geojson(x: Extraction, include_other: bool = False) -> dict[str, Any]:
    """One FeatureCollection: places, events (``other`` left out unless asked), corridors, claims."""
    places = {p.place_id: p for p in x.places}
    feats = [place_feature(p) for p in x.places]
    feats += [event_feature(e, places) for e in x.events if include_other or e.event_type != "other"]
    labels = place_labels(x)
    feats += [corridor_feature(c, labels) for c in x.corridors]
    feats += [claim_feature(c) for c in x.claims]
    return {"type": "FeatureCollection", "features": feats}


def to_json(x: Extraction) -> dict[str, Any]:
    """Everything, including each sentence's types (``other`` too) and read errors."""
    gj = to_geojson(x, include_other=True)
    return {
        "articles": [
            {"doc": a.doc, "title": a.title, "date": a.date, "sentences": len(a.sentences)}
            for a in x.articles
        ],
        "places": [
            f["properties"] | {"lat": f["geometry"]["coordinates"][1], "lon": f["geometry"]["coordinates"][0]}
            for f in gj["features"]
            if f["properties"]["kind"] == "place"
        ],
        "events": [f["properties"] for f in gj["features"] if f["properties"]["kind"] == "event"],
        "corridors": [f["properties"] for f in gj["features"] if f["properties"]["kind"] == "corridor"],
        "claims": [f["properties"] for f in gj["features"] if f["properties"]["kind"] == "claim"],
        "errors": list(x.errors),
    }


CSV_COLUMNS = (
    "kind",
    "name",
    "lat",
    "lon",
    "event_type",
    "subtype",
    "origin",
    "destination",
    "via",
    "purpose",
    "length_km",
    "attacks_nearby",
    "doc",
    "sentence_index",
    "surface",
    "sentence",
)


def to_csv(x: Extraction) -> str:
    """One row per place mention, event, corridor and claim."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    w.writeheader()
    places = {p.place_id: p for p in x.places}
    for p in x.places:
        for m in p.mentions:
            w.writerow(
                {
                    "kind": "place" if m.role == "place" else "country_reference",
                    "name": p.name,
                    "lat": p.lat,
                    "lon": p.lon,
                    "doc": m.doc,
                    "sentence_index": m.sentence_index,
                    "surface": m.surface,
                    "sentence": m.sentence,
                }
            )
    for e in x.events:
        if e.event_type == "other":
            continue
        first = places.get(e.place_ids[0]) if e.place_ids else None
        w.writerow(
            {
                "kind": "event",
                "name": "; ".join(e.places),
                "lat": first and first.lat,
                "lon": first and first.lon,
                "event_type": e.event_type,
                "subtype": e.subtype,
                "doc": e.doc,
                "sentence_index": e.sentence_index,
                "sentence": e.sentence,
            }
        )
    for c in x.corridors:
        w.writerow(
            {
                "kind": "corridor",
                "origin": c.origin,
                "destination": c.destination,
                "via": "; ".join(c.via),
                "purpose": c.purpose,
                "length_km": c.length_km,
                "attacks_nearby": len(c.attacks_nearby),
                "lat": c.path[0][0],
                "lon": c.path[0][1],
                "doc": c.doc,
                "sentence_index": c.sentence_index,
                "sentence": c.sentence,
            }
        )
    for claim in x.claims:
        w.writerow(
            {
                "kind": "claim",
                "name": f"{claim.subject} / {claim.reference}",
                "lat": claim.subject_lat,
                "lon": claim.subject_lon,
                "doc": claim.doc,
                "sentence_index": claim.sentence_index,
                "sentence": claim.sentence,
            }
        )
    return buf.getvalue()


#: KML styles by feature kind (and attack), colours as aabbggrr: the map's own palette.
KML_STYLES = {
    "place": ("ff7f7f7f", 0.8),
    "attack": ("ff1c1ce3", 1.3),
    "event": ("ffb4771f", 1.0),
    "corridor": ("ff2ca02c", 1.0),
    "claim": ("ff00a5ff", 1.0),
}


def _kml_style(kind: str, color: str, scale: float) -> str:
    return (
        f'<Style id="{kind}"><IconStyle><color>{color}</color><scale>{scale}</scale></IconStyle>'
        f"<LineStyle><color>{color}</color><width>3</width></LineStyle></Style>"
    )


def kml_name(p: dict[str, Any]) -> str:
    """A placemark's name, never empty: a place's label, a corridor's ends, an event's type and places,
    a claim's summary."""
    kind = p.get("kind")
    if kind == "corridor":
        ends = (p.get("origin_label") or p.get("origin"), p.get("destination_label") or p.get("destination"))
        return f"{ends[0]} → {ends[1] or '(end not named)'}"
    if kind == "event":
        what = (p.get("event_type") or "event").replace("_", " ")
        return f"{what}: {', '.join(p.get('places') or []) or 'no place named'}"
    if kind == "claim":
        return f"claim: {p.get('subject')} from {p.get('reference')}"
    return str(p.get("label") or p.get("name") or kind or "feature")


def geojson_to_kml(fc: dict[str, Any]) -> str:
    """A GeoJSON FeatureCollection of points and lines as KML, for Google Earth and QGIS: one style per
    kind (attacks their own), a name on every placemark, the source sentence as its description."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>']
    out += [_kml_style(kind, color, scale) for kind, (color, scale) in KML_STYLES.items()]
    for f in fc.get("features", []):
        g, p = f.get("geometry"), f.get("properties") or {}
        if not g:
            continue
        name = kml_name(p)
        style = "attack" if p.get("event_type") == "attack" else str(p.get("kind") or "place")
        desc = p.get("summary") or p.get("sentence") or ""
        if g["type"] == "Point":
            geom = f"<Point><coordinates>{g['coordinates'][0]},{g['coordinates'][1]}</coordinates></Point>"
        elif g["type"] == "LineString":
            coords = " ".join(f"{x},{y}" for x, y in g["coordinates"])
            geom = f"<LineString><tessellate>1</tessellate><coordinates>{coords}</coordinates></LineString>"
        elif g["type"] == "MultiPoint":
            geom = (
                "<MultiGeometry>"
                + "".join(f"<Point><coordinates>{x},{y}</coordinates></Point>" for x, y in g["coordinates"])
                + "</MultiGeometry>"
            )
        else:
            continue
        out.append(
            f"<Placemark><name>{escape(name)}</name><description>{escape(str(desc))}</description>"
            f"<styleUrl>#{style if style in KML_STYLES else 'place'}</styleUrl>{geom}</Placemark>"
        )
    out.append("</Document></kml>")
    return "\n".join(out)


def render(x: Extraction, fmt: str) -> str:
    if fmt == "geojson":
        return json.dumps(to_geojson(x), ensure_ascii=False)
    if fmt == "json":
        return json.dumps(to_json(x), ensure_ascii=False, indent=1)
    if fmt == "csv":
        return to_csv(x)
    raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")


# --- a collection's export: every record once, with all the reports of it (see geo.reports) ---

COLLECTION_FORMATS = ("geojson", "csv", "kml", "parquet")
#: ``extract``'s CSV columns up to the corridor's length, then the reports and the geometry.
COLLECTION_COLUMNS = (
    *CSV_COLUMNS[: CSV_COLUMNS.index("length_km") + 1],
    "first_seen",
    "last_seen",
    "source_count",
    "sources",
    "geometry",
)


def _reports(r: Reported[Any]) -> dict[str, Any]:
    return {
        "sources": [asdict(s) for s in r.sources],
        "source_count": len(r.sources),
        "first_seen": r.first_seen,
        "last_seen": r.last_seen,
    }


def _event_with_places(r: Reported[Event], events: dict[tuple[str, int], list[Event]]) -> Event:
    """The event standing for its reports, placed at every place any report names."""
    ids: dict[str, str] = {}
    for s in r.sources:
        for e in events[(s.doc, s.sentence_index)]:
            if e.event_type == r.record.event_type:
                ids.update(zip(e.place_ids, e.places, strict=False))
    return replace(r.record, place_ids=tuple(ids), places=tuple(ids.values()))


def collection_geojson(x: Extraction) -> dict[str, Any]:
    """A FeatureCollection like :func:`to_geojson`'s, with events, corridors and claims merged across
    reports: each carries ``sources`` (doc, sentence_index, sentence, date), ``source_count``,
    ``first_seen`` and ``last_seen``."""
    places = {p.place_id: p for p in x.places}
    by_sentence: dict[tuple[str, int], list[Event]] = {}
    for e in x.events:
        by_sentence.setdefault((e.doc, e.sentence_index), []).append(e)
    feats = [place_feature(p) for p in x.places]
    for r in merge_events([e for e in x.events if e.event_type != "other"], places):
        f = event_feature(_event_with_places(r, by_sentence), places)
        f["properties"] |= _reports(r)
        feats.append(f)
    labels = place_labels(x)
    for rc in merge_corridors(x.corridors):
        f = corridor_feature(rc.record, labels)
        f["properties"] |= _reports(rc)
        feats.append(f)
    for rk in merge_claims(x.claims):
        f = claim_feature(rk.record)
        f["properties"] |= _reports(rk)
        feats.append(f)
    return {"type": "FeatureCollection", "features": feats}


def collection_rows(fc: dict[str, Any]) -> list[dict[str, Any]]:
    """One flat row per feature (places, events, corridors, claims) for CSV and Parquet; ``sources`` as
    JSON text, the geometry as GeoJSON text."""
    rows = []
    for f in fc["features"]:
        p = f["properties"]
        kind = p["kind"]
        pt = _first_point(f["geometry"])
        rows.append(
            {
                "kind": kind,
                "name": _row_name(p),
                "lat": pt[1] if pt else None,
                "lon": pt[0] if pt else None,
                "event_type": p.get("event_type"),
                "subtype": p.get("subtype"),
                "origin": p.get("origin_label") or p.get("origin"),
                "destination": p.get("destination_label") or p.get("destination"),
                "via": "; ".join(p.get("via") or []),
                "purpose": p.get("purpose"),
                "length_km": p.get("length_km"),
                "first_seen": p.get("first_seen"),
                "last_seen": p.get("last_seen"),
                "source_count": p.get("source_count", len(p.get("mentions") or [])),
                "sources": json.dumps(p.get("sources") or p.get("mentions") or [], ensure_ascii=False),
                "geometry": json.dumps(f["geometry"]) if f["geometry"] else None,
            }
        )
    return rows


def _row_name(p: dict[str, Any]) -> str:
    """A place's label, an event's places, a corridor's or claim's name as KML gives it."""
    if p["kind"] == "place":
        return str(p.get("label") or "")
    if p["kind"] == "event":
        return "; ".join(p.get("places") or [])
    return kml_name(p)


def _first_point(geom: dict[str, Any] | None) -> list[float] | None:
    if not geom:
        return None
    coords = geom["coordinates"]
    while coords and isinstance(coords[0], list):
        coords = coords[0]
    return coords or None


def collection_csv(fc: dict[str, Any]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLLECTION_COLUMNS)
    w.writeheader()
    w.writerows(collection_rows(fc))
    return buf.getvalue()
