"""``serve --store`` lays a collection out from queries in DuckDB (``geo.collection``): it must show what
the same store read back as one extraction shows. Sentences are ours; facts from the news of 2022."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.session import Corpus
from dashboard.sources import corridor_attacks, place_sentences
from dashboard.viewmodel import View, from_collection, from_extraction, type_counts, unplaced_counts
from geo.collection import Collection
from geo.pipeline import Extractor
from geo.store import Store
from tests.common import ingested_store

ARTICLES = {
    "a.txt": "MARIUPOL, March 16, 2022 (Wire) - Buses left Mariupol for Zaporizhzhia on Wednesday. "
    "Shelling hit Polohy as the convoy passed, officials said.",
    "b.txt": "ZAPORIZHZHIA, March 17, 2022 (Wire) - The convoy from Mariupol reached Zaporizhzhia. "
    "Artillery struck Polohy again overnight. Talks in Istanbul resumed.",
    "c.txt": "KHARKIV, March 18, 2022 (Wire) - Russian forces shelled Kharkiv and Izium. "
    "Thousands of refugees fled.",
    "d.txt": "Aid trucks drove from Dnipro to Kharkiv, the Red Cross said. "
    "Kharkiv is 213 km north of Dnipro.",
}


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return ingested_store(tmp_path_factory, ARTICLES)


@pytest.fixture(scope="module")
def both(store):
    with Store(store, read_only=True) as s:
        whole = from_extraction(s.extraction())
    return whole, from_collection(Collection(store))


@pytest.mark.parametrize(
    "view",
    [
        View(frozenset({"attack", "evacuation", "humanitarian_aid", "refugees", "negotiation"})),
        View(frozenset({"attack"}), "2022-03-17", "2022-03-17"),
        View(frozenset({"attack", "evacuation"}), None, "2022-03-16"),
    ],
)
def test_counts_agree_with_the_extraction(both, view) -> None:
    whole, queried = both
    assert type_counts(queried, view) == type_counts(whole, view)
    assert unplaced_counts(queried, view) == unplaced_counts(whole, view)


def test_places_events_and_corridors_agree(both) -> None:
    whole, queried = both
    columns = ["place_id", "name", "precision", "drawn", "n_mentions"]
    assert queried.places[columns].sort_values("place_id").to_dict("records") == whole.places[
        columns
    ].sort_values("place_id").to_dict("records")

    def per_place(data):
        return data.events.groupby(["place_id", "event_type"], observed=True)["n"].sum().to_dict()

    assert per_place(queried) == per_place(whole)
    routes = ["origin", "destination", "purpose", "n_attacks", "date"]
    assert queried.corridors[routes].to_dict("records") == whole.corridors[routes].to_dict("records")
    assert queried.corridors["n_attacks"].sum() > 0  # Polohy lies on the Mariupol road
    assert queried.claims == whole.claims and queried.doc_dates == whole.doc_dates


def test_a_place_panel_and_a_corridor_panel_read_the_same_sentences(both) -> None:
    whole, queried = both
    view = View(frozenset({"attack", "evacuation", "humanitarian_aid", "refugees", "negotiation"}))
    kharkiv = whole.places.loc[whole.places["name"] == "Kharkiv", "place_id"].iloc[0]
    assert place_sentences(queried, kharkiv, view) == place_sentences(whole, kharkiv, view)
    early = View(view.types, None, "2022-03-17")
    n, listed = place_sentences(queried, kharkiv, early)
    assert n == 2 and {(s.doc[-5:], s.date) for s in listed} == {("d.txt", None)}  # undated: always listed
    road = int(whole.corridors.loc[whole.corridors["origin"] == "Mariupol", "corridor_id"].iloc[0])
    count, attacks = corridor_attacks(queried, road)
    assert count == corridor_attacks(whole, road)[0] == 2
    assert {a["place"] for a in attacks} == {"Polohy"} and len(attacks) == 2


def test_added_articles_lie_over_the_collection(store) -> None:
    corpus = Corpus(Extractor(), [], collection=Collection(store), store=store)
    added = [{"doc": "new.txt", "text": "Shelling hit Kharkiv again on Saturday.", "html": False}]
    base, data = corpus.data(None), corpus.data(added)
    assert type_counts(data)["attack"] == type_counts(base)["attack"] + 1
    kharkiv = base.places.loc[base.places["name"] == "Kharkiv", "place_id"].iloc[0]
    view = View(frozenset({"attack"}))
    n_base, _ = place_sentences(base, kharkiv, view)
    n, listed = place_sentences(data, kharkiv, view)
    assert n == n_base + 1 and any(s.doc == "new.txt" for s in listed)
    exported = corpus.exported(added, view)
    assert {a.doc for a in exported.articles} >= {"new.txt"} and len(exported.articles) == len(ARTICLES) + 1


def test_a_served_collection_leaves_the_store_free_for_the_next_ingest(store, tmp_path) -> None:
    import shutil
    import subprocess
    import sys

    store = Path(shutil.copytree(store, tmp_path / "store"))  # the other tests' store stays as it is
    opened = Collection(store)  # as a running ``serve --store`` holds it
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "e.txt").write_text("KYIV, March 20, 2022 (Wire) - Shelling hit Irpin.")
    done = subprocess.run(
        [sys.executable, "-m", "corridormap", "ingest", str(tmp_path / "news"), "--store", str(store)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "1 new" in done.stderr + done.stdout
    assert opened.n_articles() == len(ARTICLES)  # the server's copy is unchanged until it restarts


def test_a_sentence_naming_several_attacked_places_is_one_source_with_all_their_marks(store) -> None:
    c = Collection(store)
    places = c.places()
    kharkiv, izium = (places.loc[places["name"] == n, "place_id"].iloc[0] for n in ("Kharkiv", "Izium"))
    n, (one,) = c.attack_sentences([kharkiv, izium], 10)
    alone, (own,) = c.attack_sentences([kharkiv], 10)
    assert n == alone == 1 and one.sentence == own.sentence and one.types == ("attack",)
    named = [one.sentence[a:b] for a, b in one.marks]
    assert named == ["KHARKIV", "Kharkiv", "Izium"] and len(own.marks) == 2  # the dateline, then the text
    total, listed = c.place_sentences(kharkiv, None, None, 10)
    assert total == 3 and [s.date for s in listed] == ["2022-03-18", None, None]  # newest first, undated last
