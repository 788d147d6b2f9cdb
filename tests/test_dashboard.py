"""The dashboard's logic without a browser: view model, figures, session limits, callback bodies."""

from __future__ import annotations

import json

import pytest

from dashboard.basemap import BASEMAP_PATH, FINE_MINZOOM, FINE_NAME, basemap_file, offline_style
from dashboard.callbacks import click_outputs, table_rows, view_outputs
from dashboard.figures import map_figure
from dashboard.layout import filter_options
from dashboard.session import MAX_UPLOAD_BYTES, Corpus, check_added
from dashboard.viewmodel import (
    View,
    filter_extraction,
    fit_view,
    from_extraction,
    type_counts,
    visible_corridors,
)
from geo.exc import InputError
from geo.reading import article_from_text, read_article
from tests.common import BINARY, SEED, callback_caller

ALL = frozenset({"attack", "evacuation", "humanitarian_aid", "refugees", "negotiation", "military_movement"})


@pytest.fixture(scope="module")
def corpus(extractor):
    return Corpus(extractor, [extractor.article(read_article(SEED))])


@pytest.fixture(scope="module")
def data(corpus):
    return corpus.data(None)


def trace_names(fig):
    return [t["name"] for t in fig["data"]]


def test_offline_figure_requests_nothing(data):
    fig = map_figure(data, View(ALL))
    text = json.dumps(fig)
    assert "http" not in text  # no style, tile, glyph or sprite URL anywhere: the basemap is this app's
    style = fig["layout"]["map"]["style"]
    assert style == offline_style() and "glyphs" not in style and "sprite" not in style
    layers = fig["layout"]["map"]["layers"]
    assert all(layer["sourcetype"] == "geojson" for layer in layers)
    kinds = [(layer["type"], layer["source"].rsplit("/", 1)[1].split("-")[0]) for layer in layers]
    assert kinds[0] == ("fill", "countries.geojson")  # land first, everything else above it
    far = [layer for layer in layers if "maxzoom" in layer and layer["type"] != "symbol"]
    near = [layer for layer in layers if layer.get("minzoom") == FINE_MINZOOM]
    assert far and all(layer["maxzoom"] == FINE_MINZOOM for layer in far)  # 1:110m outlines hand over
    fine = [FINE_NAME.fullmatch(layer["source"].rsplit("/", 1)[1]) for layer in near]
    assert {m.group(1) for m in fine if m} >= {"sea", "lakes", "land-borders", "coast"}
    labels = [layer for layer in layers if layer["type"] == "symbol"]
    assert labels and all(layer["type"] == "symbol" for layer in labels)
    assert all(layer["symbol"]["icon"] == "" for layer in labels)  # no marker icon, fetched from a CDN
    assert all(layer["source"].startswith(BASEMAP_PATH) for layer in layers)
    regions_layer = next(layer for layer in layers if "/regions-" in layer["source"])
    regions_file = json.loads(basemap_file(regions_layer["source"].rsplit("/", 1)[1]))
    regions = {f["properties"]["iso"] for f in regions_file["features"]}
    assert "UA" in regions and "FR" not in regions  # first-level regions of the countries named only


@pytest.mark.parametrize("name", ["../admin1.geojson", "regions-ua.geojson", "regions-UA,../x.geojson", "x"])
def test_basemap_files_are_only_those_named(name):
    with pytest.raises(KeyError):
        basemap_file(name)


def test_osm_tiles_on_request(data):
    assert map_figure(data, View(ALL), tiles="osm")["layout"]["map"]["style"] == "open-street-map"


def test_seed_map_has_two_corridors_one_open_end_and_attacks(data):
    fig = map_figure(data, View(ALL))
    towns = next(t for t in fig["data"] if t["name"] == "Corridor towns")
    # labelled as the article spells them, not as the gazetteer does ("Zaporizhzhya")
    assert sorted(towns["text"]) == ["Berdyansk", "Enerhodar", "Mariupol", "Zaporizhzhia"]
    assert "Corridor: one end named" in trace_names(fig)
    attack = next(t for t in fig["data"] if t["name"] == "Attack")
    assert len(attack["lat"]) == 2  # Kyiv and Chernihiv


def test_unticking_attack_and_corridor_purposes(data):
    fig = map_figure(data, View(ALL - {"attack"}))
    assert "Attack" not in trace_names(fig)
    no_corridors = View(ALL - {"evacuation", "humanitarian_aid"})
    assert visible_corridors(data, no_corridors).empty
    assert table_rows(data, no_corridors) == []
    only_aid = View(frozenset({"humanitarian_aid"}))
    assert {r["origin"] for r in table_rows(data, only_aid)} == {"Mariupol", "Melitopol"}  # "both" stays


def test_date_range_filters(data):
    assert not visible_corridors(data, View(ALL, "2022-04-01", None)).shape[0]
    assert visible_corridors(data, View(ALL, "2022-03-30", "2022-03-30")).shape[0] == 3


def test_counts_and_options(data):
    counts = type_counts(data)
    assert counts["attack"] == 1 and counts["negotiation"] >= 3
    labels = [o["label"] for o in filter_options(counts)]
    assert "Attack (1)" in labels


def test_view_outputs_ticks_new_types_and_patches_traces_only(data):
    patch, rows, _options, types = view_outputs(
        data, ["attack"], None, None, [{"value": "attack"}], "offline"
    )
    assert set(types) == set(type_counts(data))  # types that were not offered before arrive ticked
    ops = patch.to_plotly_json()["operations"]
    assert [op["location"] for op in ops] == [["data"]]  # the basemap is not sent again
    assert rows
    patch, *_ = view_outputs(data, ["attack"], None, None, [], "offline", new_articles=True)
    assert [op["location"] for op in patch.to_plotly_json()["operations"]] == [
        ["data"],
        ["layout", "map", "layers"],
        ["layout", "map", "center"],  # after an article is added, the view fits everything again
        ["layout", "map", "zoom"],
    ]


def test_a_one_ended_corridor_row_says_so(data):
    rows = table_rows(data, View(ALL))
    [melitopol] = [r for r in rows if r["origin"] == "Melitopol"]
    assert melitopol["destination"] == "(end not named)" and melitopol["length_km"] is None


def test_click_place_and_corridor(data):
    pid = data.places[data.places["name"] == "Mariupol"]["place_id"].iloc[0]
    panel, patch = click_outputs(data, {"points": [{"customdata": ["place", pid]}]}, View(ALL))
    text = json.dumps([c.to_plotly_json() for c in panel], default=str)
    assert "Mark" in text and "besieged city of" in text
    cid = int(data.corridors[data.corridors["origin"] == "Enerhodar"]["corridor_id"].iloc[0])
    panel, patch = click_outputs(data, {"points": [{"customdata": ["corridor", cid]}]}, View(ALL))
    assert "Enerhodar" in json.dumps([c.to_plotly_json() for c in panel], default=str)
    assert patch is not None


def test_fit_view():
    assert fit_view([], [])["zoom"] == 1.0
    v = fit_view([47.0, 47.5], [35.0, 37.5])
    assert 46.9 < v["center"]["lat"] < 47.6 and v["zoom"] > 5


def test_session_additions_do_not_touch_the_base(corpus):
    added = [check_added("kherson.txt", b"Buses carried families from Kherson to Mykolaiv.")]
    with_added = corpus.data(added)
    assert "Kherson" in set(with_added.corridors["origin"])
    assert "Kherson" not in set(corpus.data(None).corridors["origin"])
    assert corpus.data(added) is with_added  # cached, not extracted twice


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("big.txt", b"a" * (MAX_UPLOAD_BYTES + 1), "limit"),
        ("blob.txt", BINARY, "binary"),
        ("empty.txt", b"", "empty"),
        ("photo.png", b"PNG", "only .txt and .html"),
        ("page.html", b"<html><script>x()</script></html>", "no article text"),
    ],
)
def test_bad_additions_say_why(name, data, message):
    with pytest.raises(InputError, match=message):
        check_added(name, data)


def test_filter_extraction_for_export(extractor):
    x = extractor.extract(
        [article_from_text("Shelling hit Kharkiv. Buses ran from Mariupol to Zaporizhzhia.", "a")]
    )
    shown = filter_extraction(x, View(frozenset({"attack"})))
    assert {e.event_type for e in shown.events} == {"attack"}
    assert shown.corridors == ()
    assert shown.places  # places stay: they are on screen as towns
    assert from_extraction(shown).corridors.empty


def test_date_range_shown_only_when_articles_carry_dates(extractor, data):
    from dashboard.layout import make_layout

    def date_box(layout):
        return next(c for c in layout.children[2].children if getattr(c, "id", None) == "date-box")

    assert date_box(make_layout(data, {}, [])).hidden is False
    undated = Corpus(
        extractor, [extractor.article(article_from_text("Shelling hit Kharkiv.", "undated.txt"))]
    )
    assert date_box(make_layout(undated.data(None), {}, [])).hidden is True


def test_town_panel_shows_checked_distance_claims(data):
    pid = data.places[data.places["name"] == "Berdyansk"]["place_id"].iloc[0]
    panel, _ = click_outputs(data, {"points": [{"customdata": ["place", pid]}]}, View(ALL))
    text = json.dumps([c.to_plotly_json() for c in panel], default=str)
    assert "Flagged: " in text and "direction: stated south, computed west-southwest (" in text
    assert "straight line 68.7 km: consistent with a road distance" in text


# --- nothing from the browser is trusted (crafted requests get a clear message, never HTTP 500) ---


@pytest.mark.parametrize(
    "added, reason",
    [
        ("not a list", "must be a list"),
        ([{"doc": "a.png", "text": "Shelling hit Kyiv.", "html": False}], "only .txt and .html"),
        ([{"doc": "a.txt", "text": "x" * (MAX_UPLOAD_BYTES + 1), "html": False}], "byte limit"),
        ([{"doc": "a.txt", "text": "bin\x00ary", "html": False}], "binary"),
        ([{"doc": "a.txt", "text": 5, "html": False}], "file name, its text"),
        ([{"doc": f"a{i}.txt", "text": "Kyiv.", "html": False} for i in range(99)], "at most"),
    ],
)
def test_a_crafted_store_is_refused_with_its_reason(corpus, added, reason):
    with pytest.raises(InputError, match=reason):
        corpus.data(added)


def test_an_unknown_corridor_click_is_a_message(data):
    with pytest.raises(InputError, match="no corridor"):
        click_outputs(data, {"points": [{"customdata": ["corridor", "99999"]}]}, View(ALL))


def test_crafted_requests_answer_with_a_message_not_an_error(tmp_path):
    """Through the real Flask app: a store of the wrong shape and an upload sent as a list."""
    from dashboard import ids
    from dashboard.app import create_app

    app = create_app([str(SEED)])
    call = callback_caller(app)
    res = call(
        f"{ids.MAP}.figure",
        {f"{ids.SESSION_ARTICLES}.data": [{"doc": "x.png", "text": "y" * 10, "html": False}]},
        {f"{ids.EVENT_FILTER}.options": []},
    )
    assert res.status_code == 200 and "only .txt and .html" in res.get_data(as_text=True)
    res = call(
        f"{ids.SESSION_ARTICLES}.data",
        {f"{ids.UPLOAD}.contents": ["data:text/plain;base64,S3lpdg==", "x"]},
        {f"{ids.UPLOAD}.filename": ["a.txt", "b.txt"], f"{ids.SESSION_ARTICLES}.data": []},
    )
    assert res.status_code == 200 and "one file at a time" in res.get_data(as_text=True)
    huge = app.server.test_client().post(
        "/_dash-update-component", data=b"x" * (200 * 1024 * 1024), content_type="application/json"
    )
    assert huge.status_code == 413  # refused before it is read


def test_an_article_added_twice_is_extracted_once(extractor):
    corpus = Corpus(extractor, [extractor.article(read_article(SEED))])
    item = {"doc": "k.txt", "text": "Buses left Kherson for Mykolaiv on Sunday.", "html": False}
    corpus.data([item])
    corpus.data([item, {**item, "doc": "k2.txt", "text": item["text"] + " Shelling hit Kherson."}])
    assert len(corpus._articles) == 2


def test_extending_equals_merging(extractor):
    base = [extractor.article(read_article(SEED))]
    extra = [
        extractor.article(
            article_from_text("Shelling hit Berdyansk. Buses left Mariupol for Berdyansk.", "x.txt")
        )
    ]
    whole = extractor.merge(base + extra)
    grown = extractor.extend(extractor.merge(base), extra)
    assert {p.place_id: len(p.mentions) for p in whole.places} == {
        p.place_id: len(p.mentions) for p in grown.places
    }
    assert [c.attacks_nearby for c in whole.corridors] == [c.attacks_nearby for c in grown.corridors]
    assert len(whole.events) == len(grown.events)


def test_an_article_with_no_place_opens_on_the_world(extractor):
    x = extractor.extract(
        [article_from_text("Shelling continued overnight. Shelling resumed at dawn.", "u.txt")]
    )
    assert from_extraction(x).home_view == {"center": {"lat": 30.0, "lon": 10.0}, "zoom": 1.0}


def test_place_names_denser_as_one_zooms_in():
    """Labels: the world's big cities from far out, the article countries' smaller towns further in."""
    from dashboard.labels import TOWN_TIERS, label_file, label_layers

    layers = label_layers(BASEMAP_PATH, frozenset({"UA"}))
    towns = [layer for layer in layers if "towns-" in layer["source"]]
    assert [layer["minzoom"] for layer in towns] == sorted((t[1] for t in TOWN_TIERS), reverse=True)

    def names(layer):
        body = json.loads(label_file(layer["source"].rsplit("/", 1)[1]))
        return [f["properties"]["name"] for f in body["features"]]

    by_zoom = {layer["minzoom"]: names(layer) for layer in towns}
    assert "Kyiv" in by_zoom[TOWN_TIERS[0][1]] and "London" in by_zoom[TOWN_TIERS[0][1]]
    assert "Enerhodar" in by_zoom[TOWN_TIERS[2][1]]  # some 50,000 people
    assert "Bucha" in by_zoom[TOWN_TIERS[3][1]]  # some 40,000 people: only close in
    assert all(n not in by_zoom[TOWN_TIERS[3][1]] for n in ("Lyon", "Kyiv"))  # other countries, bigger
    countries = names(next(layer for layer in layers if layer["source"].endswith("countries.geojson")))
    assert "Ukraine" in countries and "France" in countries
    water = names(next(layer for layer in layers if layer["source"].endswith("water.geojson")))
    assert "Black Sea" in water


@pytest.mark.parametrize(
    "name", ["labels-towns-9.geojson", "labels-towns-2.geojson", "labels-regions-x.geojson"]
)
def test_label_files_are_only_those_named(name):
    from dashboard.labels import label_file

    with pytest.raises(KeyError):
        label_file(name)


def test_fine_layers_cut_around_the_corridors_and_attacks(data):
    """1:10m sea around the seed's towns: the Sea of Azov is sea, Kyiv is not; nothing far is sent."""
    from shapely.geometry import Point, shape

    from dashboard.basemap import fine_box

    w, s, e, n = data.fine_box
    assert w < 30.5 < 37.5 < e and s < 46.0 < 50.5 < n  # Kyiv to Mariupol, with a margin
    area = "_".join(str(v) for v in data.fine_box)
    sea = [shape(f["geometry"]) for f in json.loads(basemap_file(f"fine-sea-{area}.geojson"))["features"]]
    assert any(g.contains(Point(36.5, 46.0)) for g in sea)  # the Sea of Azov
    assert not any(g.contains(Point(30.52, 50.45)) for g in sea)  # Kyiv
    rivers = json.loads(basemap_file(f"fine-rivers-{area}.geojson"))["features"]
    assert rivers and all(w <= shape(f["geometry"]).centroid.x <= e for f in rivers)
    assert fine_box([30.0, 40.0], [-100.0, 35.0]) is None  # a continent apart: no 1:10m cut-out


@pytest.mark.parametrize(
    "name", ["fine-sea-10_50_5_60.geojson", "fine-x-1_2_3_4.geojson", "fine-sea-UA.geojson"]
)
def test_fine_files_are_only_those_named(name):
    with pytest.raises(KeyError):
        basemap_file(name)
