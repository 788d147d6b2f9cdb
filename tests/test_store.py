"""The collection: ingest into the store, idempotent and kill-safe, merged exports, one event many reports."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from corridormap.cli import main
from corridormap.ingest import ingest, listed
from geo.model import Event, EventType, Place
from geo.reports import SAME_EVENT_DAYS, SAME_EVENT_KM, merge_events
from geo.store import DateRange, Store
from tests.common import SEED

# Our own sentences; the facts are from the news of March 2022.
ARTICLES = {
    "kharkiv-a.txt": "KHARKIV, March 7, 2022 (Wire) - Shelling hit Kharkiv on Monday, officials said.",
    "kharkiv-b.txt": "March 8, 2022. Russian shelling struck Kharkiv on Monday night, the governor said.",
    "sumy.txt": "SUMY, March 8, 2022 (Wire) - Buses left Sumy for Poltava with 5,000 civilians.",
    "undated.txt": "Buses left Mariupol for Zaporizhzhia.",
}
FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><guid>w-1</guid><title>Convoy reaches Zaporizhzhia</title>
<pubDate>Wed, 16 Mar 2022 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A convoy of buses left Berdyansk for Zaporizhzhia on Wednesday.&lt;/p&gt;
</description></item>
<item><guid>w-2</guid><title>Talks</title><pubDate>Thu, 17 Mar 2022 10:00:00 GMT</pubDate>
<description>Delegations held talks in Istanbul.</description></item>
</channel></rss>"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    (folder / "README.md").write_text("Notes about this folder, not news from Sumy.")
    (folder / "wire.rss").write_text(FEED)
    (folder / "copy-of-sumy.txt").write_text(ARTICLES["sumy.txt"])  # the same bytes: one article
    return folder


def test_ingest_is_idempotent_and_skips_what_it_has(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        first = ingest([str(corpus)], store, workers=1)
        assert (first.seen, first.new, first.known, len(first.errors)) == (7, 6, 1, 0)
        again = ingest([str(corpus)], store, workers=1)
        assert (again.new, again.known) == (0, 7)
        assert store.count() == 6
        docs = {r.doc for r in store.records("SELECT doc FROM articles")}
        assert not any("README" in d for d in docs)  # a folder's notes are not news
        assert f"{corpus}/wire.rss#w-1" in docs


def test_dates_and_their_sources_are_stored(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        ingest([str(corpus)], store, workers=1)
        dated = {
            Path(r.doc).name: (r.date and r.date.isoformat(), r.date_source)
            for r in store.records("SELECT doc, date, date_source FROM articles")
        }
    assert dated["kharkiv-a.txt"] == ("2022-03-07", "dateline")
    assert dated["wire.rss#w-1"] == ("2022-03-16", "feed")
    assert dated["undated.txt"] == (None, None)  # never the file's modification time


def test_export_merges_reports_and_keeps_every_source(corpus: Path, tmp_path: Path, capsys) -> None:
    store = tmp_path / "store"
    assert main(["ingest", str(corpus), "--store", str(store), "--workers", "1"]) == 0
    assert (
        capsys.readouterr()
        .out.strip()
        .startswith("ingested: 7 articles (6 new, 1 already in the store, 0 errors)")
    )
    assert main(["export", "--store", str(store)]) == 0
    features = [f["properties"] for f in json.loads(capsys.readouterr().out)["features"]]
    attacks = [p for p in features if p["kind"] == "event" and p["event_type"] == "attack"]
    kharkiv = [p for p in attacks if "Kharkiv" in p["places"]]
    assert len(kharkiv) == 1  # two outlets, one shelling
    assert kharkiv[0]["source_count"] == 2
    assert {Path(s["doc"]).name for s in kharkiv[0]["sources"]} == {"kharkiv-a.txt", "kharkiv-b.txt"}
    assert kharkiv[0]["first_seen"] == kharkiv[0]["last_seen"] == "2022-03-07"  # "on Monday" in both

    assert main(["export", "--store", str(store), "--since", "2022-03-16", "--until", "2022-03-31"]) == 0
    late = [f["properties"] for f in json.loads(capsys.readouterr().out)["features"]]
    dated = [p for p in late if p["kind"] in ("event", "corridor")]
    assert dated and all("2022-03-16" <= p["date"] <= "2022-03-31" for p in dated)


@pytest.mark.parametrize("fmt", ["csv", "kml", "parquet"])
def test_export_formats(corpus: Path, tmp_path: Path, fmt: str) -> None:
    store = tmp_path / "store"
    main(["ingest", str(corpus), "--store", str(store), "--workers", "1"])
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--store", str(store), "--format", fmt, "-o", str(out)]) == 0
    if fmt == "parquet":
        import duckdb

        kinds = dict(duckdb.sql(f"SELECT kind, count(*) FROM '{out}' GROUP BY kind").fetchall())
        assert kinds["event"] >= 3 and kinds["corridor"] >= 2
    else:
        text = out.read_text()
        assert "Kharkiv" in text and "Poltava" in text


def test_export_refuses_bad_input_in_one_line(tmp_path: Path, capsys) -> None:
    assert main(["export", "--store", str(tmp_path / "nothing")]) == 2
    assert capsys.readouterr().err.strip().count("\n") == 0
    with pytest.raises(SystemExit):
        main(["export", "--since", "March 1"])
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_url_needs_online(tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        summary = ingest(["https://example.org/feed.xml"], store, workers=1)
    assert summary.errors == [
        "https://example.org/feed.xml: a URL; pass --online to fetch feeds from the internet"
    ]


N_KILLED = 2000  # a few seconds of work on two cores: the kill lands after the first batch of 256


def test_killed_ingest_loses_nothing_and_stores_nothing_twice(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    towns = ["Kharkiv", "Sumy", "Poltava", "Irpin", "Bucha", "Kherson", "Mykolaiv", "Odesa"]
    for i in range(N_KILLED):
        a, b = towns[i % 8], towns[(i + 3) % 8]
        (folder / f"{i:04d}.txt").write_text(f"Report {i}. Buses left {a} for {b}. Shelling hit {a} later.")
    store = tmp_path / "store"
    cmd = [
        sys.executable,
        "-m",
        "corridormap",
        "ingest",
        str(folder),
        "--store",
        str(store),
        "--workers",
        "2",
    ]
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    assert proc.stderr is not None
    for line in proc.stderr:  # killed as soon as a first batch is reported stored: mid-way, however fast
        if line.startswith("corridormap: ingest "):
            break
    os.killpg(proc.pid, signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL  # killed mid-way, not finished
    again = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=300)
    line = again.stdout.strip()
    assert line.startswith(f"ingested: {N_KILLED} articles (") and not line.startswith(
        f"ingested: {N_KILLED} articles (0 new"
    )
    with Store(store, read_only=True) as s:
        assert s.count() == N_KILLED
        n_ids = s.records("SELECT count(DISTINCT article_id) AS n FROM articles")[0].n
        assert n_ids == N_KILLED
        per_article = s.records("SELECT count(*) AS n FROM sentences GROUP BY article_id HAVING n <> 3")
        assert per_article == []  # every article whole: no half-written one survived the kill


def test_dask_local_writes_the_same_store(corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    with Store(tmp_path / "pool") as a:
        ingest([str(corpus)], a, workers=2)
        ours = {
            (r.article_id, r.n) for r in a.records("SELECT article_id, count(*) AS n FROM events GROUP BY 1")
        }
    with Store(tmp_path / "dask") as b:
        summary = ingest([str(corpus)], b, workers=2, dask="local")
        theirs = {
            (r.article_id, r.n) for r in b.records("SELECT article_id, count(*) AS n FROM events GROUP BY 1")
        }
    assert summary.new == 6
    assert ours == theirs


# --- the merge rule, on records built by hand ---


def _place(pid: str, lat: float, lon: float, precision: str = "city") -> Place:
    return Place(pid, pid, lat, lon, precision, "UA", None, None, 1000, 1.0)


PLACES = {
    "a": _place("a", 50.0, 36.2),
    "near": _place("near", 50.0 + (SAME_EVENT_KM - 1) / 111.0, 36.2),  # a few km north
    "far": _place("far", 50.0 + (SAME_EVENT_KM + 5) / 111.0, 36.2),
    "country": _place("country", 49.0, 32.0, "country"),
}


def _attack(doc: str, pid: str, day: str | None, kind: EventType = EventType.ATTACK) -> Event:
    return Event(doc, 0, f"{kind} at {pid}", kind, None, (pid,), (pid,), (), day)


@pytest.mark.parametrize(
    ("second", "merged"),
    [
        (_attack("b", "near", "2022-03-08"), True),
        (_attack("b", "a", f"2022-03-{7 + SAME_EVENT_DAYS:02d}"), True),
        (_attack("b", "a", f"2022-03-{8 + SAME_EVENT_DAYS:02d}"), False),  # too many days apart
        (_attack("b", "far", "2022-03-07"), False),  # too far
        (_attack("b", "a", "2022-03-07", EventType.EVACUATION), False),  # another type
        (_attack("b", "a", None), False),  # undated, another article
        (_attack("a", "a", None), False),  # undated with a dated one
    ],
)
def test_merge_rule(second: Event, merged: bool) -> None:
    first = _attack("a", "a", "2022-03-07")
    groups = merge_events([first, second], PLACES)
    assert (len(groups) == 1) is merged
    assert sum(len(g.sources) for g in groups) == 2  # merging never drops a source


def test_merge_needs_towns_and_is_transitive() -> None:
    country = [_attack("a", "country", "2022-03-07"), _attack("b", "country", "2022-03-07")]
    assert len(merge_events(country, PLACES)) == 2  # "in Ukraine" twice is not one attack
    chain = [
        _attack("a", "a", "2022-03-07"),
        _attack("b", "a", "2022-03-09"),
        _attack("c", "a", "2022-03-11"),
    ]
    (one,) = merge_events(chain, PLACES)
    assert (one.first_seen, one.last_seen, len(one.sources)) == ("2022-03-07", "2022-03-11", 3)


def test_date_range_keeps_undated_out_of_bounded_ranges(corpus: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "store") as store:
        ingest([str(corpus)], store, workers=1)
        everything = store.extraction()
        march = store.extraction(DateRange("2022-03-01", "2022-03-31"))
    assert any(e.date is None for e in everything.events)
    assert march.events and all(e.date and e.date.startswith("2022-03") for e in march.events)


def test_sentences_without_an_event_are_no_rows_yet_their_places_keep_their_dates(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "lviv.txt").write_text("LVIV, March 9, 2022 (Wire) - The mayor of Lviv opened a library.")
    (folder / "sumy.txt").write_text(ARTICLES["sumy.txt"])
    with Store(tmp_path / "store") as store:
        ingest([str(folder)], store, workers=1)
        types = {r.event_type for r in store.records("SELECT event_type FROM events")}
        stored = {r.event_type for r in store.records("SELECT event_type FROM event_places")}
        march = store.extraction(DateRange("2022-03-09", "2022-03-09"))
    assert types == stored == {"evacuation"}  # Sumy's buses; the library is no event
    assert [p.name for p in march.places] == ["Lviv"]  # an article of that day, though it has no event


def test_the_writer_leaves_the_cores_to_the_workers_while_they_run(tmp_path: Path) -> None:
    def threads(store: Store) -> int:
        return int(store.con.execute("SELECT current_setting('threads')").fetchone()[0])  # type: ignore[index]

    with Store(tmp_path / "store") as store:
        default = threads(store)
        with store.one_thread():
            assert threads(store) == 1
        assert threads(store) == default  # DuckDB's own default again (one thread per core)


def test_a_date_range_takes_days_only() -> None:
    from geo.exc import CorridormapError

    with pytest.raises(CorridormapError, match="YYYY-MM-DD"):
        DateRange("2022-03-01'; DROP TABLE events; --")
    assert (
        DateRange("2022-03-01", "2022-03-31").sql()
        == "date >= DATE '2022-03-01' AND date <= DATE '2022-03-31'"
    )


def test_a_store_in_use_or_not_a_folder_says_so_in_one_line(tmp_path: Path) -> None:
    from geo.exc import CorridormapError

    folder = tmp_path / "store"
    Store(folder).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from geo.store import Store; s = Store({str(folder)!r}); print('ok', flush=True); "
            "import time; time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(CorridormapError, match="in use by another corridormap process") as err:
            Store(folder, read_only=True)
        assert "\n" not in str(err.value)
    finally:
        holder.kill()
        holder.wait()
    (tmp_path / "file").write_text("x")
    with pytest.raises(CorridormapError, match="not a folder"):
        Store(tmp_path / "file")


def test_reextract_reads_stale_articles_again_keeping_ids_and_dates(
    corpus: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "store"
    assert main(["ingest", str(corpus), "--store", str(folder), "--workers", "1"]) == 0
    with Store(folder) as store:
        before = {(r.article_id, r.date) for r in store.records("SELECT article_id, date FROM articles")}
        n_events = store.count("events")
        store.con.execute("UPDATE articles SET engine_version = 'old' WHERE doc LIKE '%kharkiv-a.txt'")
        assert len(store.stale()) == 1
    capsys.readouterr()
    assert main(["reextract", "--store", str(folder), "--workers", "1"]) == 0
    assert capsys.readouterr().out.startswith("re-extracted: 1 articles (0 errors)")
    with Store(folder, read_only=True) as store:
        after = {(r.article_id, r.date) for r in store.records("SELECT article_id, date FROM articles")}
        assert after == before and store.count("events") == n_events  # the same reading, nothing doubled
        assert store.stale() == []
    assert main(["reextract", "--store", str(folder), "--all", "--workers", "2"]) == 0  # in chunks of 4 and 2
    assert capsys.readouterr().out.startswith("re-extracted: 6 articles")
    with Store(folder, read_only=True) as store:
        assert store.count() == 6 and store.count("events") == n_events


def test_inputs_are_listed_once_with_feeds_and_empty_folders(tmp_path: Path) -> None:
    news = tmp_path / "news"
    (news / "day1").mkdir(parents=True)
    (news / "day1" / "a.txt").write_text("Shelling hit Kharkiv.")
    (news / "b.html").write_text("<p>Buses left Sumy.</p>")
    (news / "feed.xml").write_text("<rss></rss>")
    (news / "README.md").write_text("notes")  # a folder's notes are no article
    empty = tmp_path / "empty"
    empty.mkdir()
    got = listed([str(news), str(empty), "https://example.org/feed", str(tmp_path / "c.txt")])
    assert got == [
        str(news / "b.html"),
        str(news / "day1" / "a.txt"),
        str(news / "feed.xml"),
        str(empty),  # kept, so the ingest reports it as empty
        "https://example.org/feed",
        str(tmp_path / "c.txt"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        SEED.read_text(encoding="utf-8"),
        "\n\n".join([*ARTICLES.values(), "The mayor of Lviv opened a library."]),
    ],
)
def test_leaving_out_sentences_without_events_changes_nothing_else(extractor, text) -> None:
    """Ingest asks the extractor for typed events only (the store keeps no others): every other record is
    the same, and so are the typed events."""
    from geo.reading import article_from_text

    article = article_from_text(text, "a.txt")
    every, typed = extractor.article(article), extractor.article(article, unevented=False)
    assert typed.events == tuple(e for e in every.events if e.event_type != EventType.OTHER)
    assert any(e.event_type == EventType.OTHER for e in every.events) and typed.events
    assert (typed.mentions, typed.corridors, typed.claims, typed.unlocated) == (
        every.mentions,
        every.corridors,
        every.claims,
        every.unlocated,
    )


def test_work_is_handed_out_in_small_chunks_first_then_big_ones() -> None:
    from corridormap.ingest import CHUNK_ARTICLES, FIRST_CHUNK_ARTICLES, Item, Summary, _chunks

    found = [Item(f"{i}.txt", f"article {i}".encode(), False) for i in range(300)]
    found += [found[0], "bad.txt: no such file"]  # the same bytes again, and an error
    summary = Summary()
    sizes = [len(c) for c in _chunks(found, set(), summary)]
    assert sizes[:3] == [FIRST_CHUNK_ARTICLES, 2 * FIRST_CHUNK_ARTICLES, 4 * FIRST_CHUNK_ARTICLES]
    assert max(sizes) == CHUNK_ARTICLES and sum(sizes) == 300  # every article once
    assert (summary.seen, summary.known, summary.errors) == (302, 1, ["bad.txt: no such file"])
