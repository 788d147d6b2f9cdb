"""The collection: every ingested article and what it yielded, in one DuckDB file, no server.

Tables (one row per ...): ``articles`` (article, with its text, date and the engine version that read
it, so a newer engine can re-extract), ``sentences``, ``places`` (place per article), ``mentions``,
``events`` (typed events only: a sentence that reports none is a sentence, not an "other" event),
``event_places`` (event x place, what the map aggregates), ``corridors`` and ``claims``.
Quotes are not stored twice: a record's sentence is read back from the article's text by its offsets,
and only a window of a very long sentence (see ``geo.quotes``) is kept as written.

An article is keyed by the hash of its content: storing it twice is impossible, and every article is
written with all its rows in one transaction, so a killed ingest leaves whole articles or none.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter, defaultdict, namedtuple
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from geo.corridors import AttackIndex, with_attacks
from geo.exc import CorridormapError
from geo.model import (
    Article,
    Claim,
    Corridor,
    Event,
    EventType,
    Extraction,
    Mention,
    Place,
    Purpose,
    Role,
    Sentence,
    Statement,
)
from geo.pipeline import attack_points, spelling

#: The store's file inside its folder.
STORE_FILE = "corridormap.duckdb"
#: Bumped when the tables change shape; a store of another version is refused with a clear message.
SCHEMA_VERSION = "1"

TABLES: dict[str, str] = {
    "articles": """article_id VARCHAR PRIMARY KEY, doc VARCHAR, title VARCHAR, date DATE,
        date_source VARCHAR, text VARCHAR, engine_version VARCHAR, ingested_at TIMESTAMP""",
    "sentences": """article_id VARCHAR, sentence_index INTEGER, start_char INTEGER, end_char INTEGER""",
    "places": """article_id VARCHAR, place_id VARCHAR, name VARCHAR, label VARCHAR, lat DOUBLE,
        lon DOUBLE, precision VARCHAR, country_code VARCHAR, admin1 VARCHAR, geonameid BIGINT,
        population BIGINT, confidence DOUBLE""",
    "mentions": """article_id VARCHAR, place_id VARCHAR, sentence_index INTEGER, start_char INTEGER,
        end_char INTEGER, surface VARCHAR, role VARCHAR, quote_offset INTEGER, quote VARCHAR""",
    "events": """article_id VARCHAR, event_index INTEGER, sentence_index INTEGER, event_type VARCHAR,
        subtype VARCHAR, place_ids VARCHAR[], places VARCHAR[], triggers VARCHAR[], date DATE,
        quote VARCHAR""",
    "event_places": """article_id VARCHAR, event_index INTEGER, event_type VARCHAR, subtype VARCHAR,
        place_id VARCHAR, lat DOUBLE, lon DOUBLE, date DATE""",
    "corridors": """article_id VARCHAR, corridor_index INTEGER, sentence_index INTEGER, origin VARCHAR,
        destination VARCHAR, via VARCHAR[], purpose VARCHAR, place_ids VARCHAR[], path VARCHAR,
        length_km DOUBLE, date DATE, statements INTEGER[], unlocated VARCHAR[], quote VARCHAR""",
    "claims": """article_id VARCHAR, sentence_index INTEGER, subject VARCHAR, reference VARCHAR,
        stated_km DOUBLE, stated_direction VARCHAR, computed_km DOUBLE, computed_bearing DOUBLE,
        computed_direction VARCHAR, distance_ok BOOLEAN, direction_ok BOOLEAN, direction_off_deg DOUBLE,
        explanation VARCHAR, subject_lat DOUBLE, subject_lon DOUBLE, reference_lat DOUBLE,
        reference_lon DOUBLE, date DATE, quote VARCHAR""",
}
COLUMNS = {
    name: [c.strip().split()[0] for c in spec.replace("\n", " ").split(",") if c.strip()]
    for name, spec in TABLES.items()
}

Rows = dict[str, list[tuple[Any, ...]]]


@cache
def engine_version() -> str:
    """The version of the engine that extracted a stored article (re-extract when it changes)."""
    try:
        return metadata.version("corridormap")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def content_id(data: bytes) -> str:
    """An article's key: the hash of its bytes as read (the same file ingested twice is one article)."""
    return hashlib.sha256(data).hexdigest()[:32]


def default_store_dir() -> Path:
    """``$CORRIDORMAP_STORE``, else the user's data folder (``$XDG_DATA_HOME``/corridormap)."""
    if os.environ.get("CORRIDORMAP_STORE"):
        return Path(os.environ["CORRIDORMAP_STORE"])
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "corridormap"


# --- from an extraction to rows (pure) ---


def _quote(stored: str, full: str) -> str | None:
    """The quote as stored: None when it is the whole sentence (read back from the text)."""
    return None if stored == full else stored


def article_rows(article_id: str, x: Extraction) -> Rows:
    """The rows of one article's extraction (``x`` holds that article only)."""
    (article,) = x.articles
    full = {s.index: s.text for s in article.sentences}
    rows: Rows = defaultdict(list)
    rows["articles"].append(
        (
            article_id,
            article.doc,
            article.title,
            article.date,
            article.date_source,
            article.text,
            engine_version(),
            datetime.now(UTC).replace(tzinfo=None),
        )
    )
    rows["sentences"] = [(article_id, s.index, s.start, s.end) for s in article.sentences]
    for p in x.places:
        rows["places"].append(
            (
                article_id,
                p.place_id,
                p.name,
                p.display,
                p.lat,
                p.lon,
                p.precision,
                p.country_code,
                p.admin1,
                p.geonameid,
                p.population,
                p.confidence,
            )
        )
        for m in p.mentions:
            rows["mentions"].append(
                (
                    article_id,
                    p.place_id,
                    m.sentence_index,
                    m.start,
                    m.end,
                    m.surface,
                    str(m.role),
                    m.offset,
                    _quote(m.sentence, full.get(m.sentence_index, "")),
                )
            )
    where = {p.place_id: p for p in x.places}
    # a sentence that reports no event is read back from the text, not stored as an "other" event: that
    # is nine rows in ten of ``events`` and ``event_places``, and every query of the store left them out
    typed = [e for e in x.events if e.event_type != EventType.OTHER]
    for i, e in enumerate(typed):
        rows["events"].append(
            (
                article_id,
                i,
                e.sentence_index,
                str(e.event_type),
                e.subtype,
                list(e.place_ids),
                list(e.places),
                list(e.triggers),
                e.date,
                _quote(e.sentence, full.get(e.sentence_index, "")),
            )
        )
        located = [where[pid] for pid in e.place_ids if pid in where and where[pid].lat is not None]
        spots: list[tuple[str | None, float | None, float | None]] = [
            (q.place_id, q.lat, q.lon) for q in located
        ] or [(None, None, None)]  # unlocated: counted
        for spot in spots:
            rows["event_places"].append((article_id, i, str(e.event_type), e.subtype, *spot, e.date))
    for i, c in enumerate(x.corridors):
        rows["corridors"].append(
            (
                article_id,
                i,
                c.sentence_index,
                c.origin,
                c.destination,
                list(c.via),
                str(c.purpose),
                list(c.place_ids),
                json.dumps(c.path),
                c.length_km,
                c.date,
                [s.sentence_index for s in c.all_statements],
                list(c.unlocated),
                _quote(c.sentence, full.get(c.sentence_index, "")),
            )
        )
    for k in x.claims:
        rows["claims"].append(
            (
                article_id,
                k.sentence_index,
                k.subject,
                k.reference,
                k.stated_km,
                k.stated_direction,
                k.computed_km,
                k.computed_bearing,
                k.computed_direction,
                k.distance_ok,
                k.direction_ok,
                k.direction_off_deg,
                k.explanation,
                k.subject_lat,
                k.subject_lon,
                k.reference_lat,
                k.reference_lon,
                k.date or article.date,
                _quote(k.sentence, full.get(k.sentence_index, "")),
            )
        )
    return dict(rows)


# --- the store (I/O) ---


@dataclass(frozen=True)
class DateRange:
    """Inclusive ISO days; None leaves that side open. Undated records fall outside any bounded range."""

    since: str | None = None
    until: str | None = None

    def __post_init__(self) -> None:
        for day in (self.since, self.until):
            if day is not None:
                try:
                    date.fromisoformat(day)
                except (TypeError, ValueError):
                    raise CorridormapError(f"not a day (YYYY-MM-DD): {day!r}") from None

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def sql(self, column: str = "date") -> str:
        parts = []
        if self.since:
            parts.append(f"{column} >= DATE '{self.since}'")
        if self.until:
            parts.append(f"{column} <= DATE '{self.until}'")
        return " AND ".join(parts) or "TRUE"


class Store:
    """One DuckDB file in a folder. Open it for writing (one ingest at a time) or read-only (serve)."""

    def __init__(self, folder: str | Path, *, read_only: bool = False) -> None:
        import duckdb

        self.folder = Path(folder)
        self.path = self.folder / STORE_FILE
        if read_only and not self.path.exists():
            raise CorridormapError(f"no store in {self.folder} (run 'corridormap ingest' first)")
        if self.folder.exists() and not self.folder.is_dir():
            raise CorridormapError(f"cannot use {self.folder} as a store: it is not a folder")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except OSError as exc:
            raise CorridormapError(f"cannot open the store {self.path}: {exc.strerror or exc}") from exc
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():  # one writer at a time: another ingest, or a server saving
                raise CorridormapError(
                    f"the store {self.folder} is in use by another corridormap process (an ingest?); "
                    "try again when it has finished"
                ) from exc
            first = str(exc).splitlines()[0].split(". See also")[0]
            raise CorridormapError(f"cannot open the store {self.path}: {first}") from exc
        if not read_only:
            self._create()
        self._check_schema()
        self._known: set[str] | None = None  # ids stored, read once: this process is the only writer

    def _create(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for name, spec in TABLES.items():
            self.con.execute(f"CREATE TABLE IF NOT EXISTS {name} ({spec})")
        self.con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", [SCHEMA_VERSION]
        )

    def _check_schema(self) -> None:
        found = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if found is None or found[0] != SCHEMA_VERSION:
            raise CorridormapError(
                f"{self.path} is a store of schema {found[0] if found else 'unknown'}, this corridormap "
                f"reads schema {SCHEMA_VERSION}; ingest into a new folder with --store"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def one_thread(self) -> Iterator[None]:
        """DuckDB on one thread for a while: while worker processes extract on every core, the writer's
        own threads would only take turns with them (measured: less CPU per article, more articles/s)."""
        self.con.execute("SET threads = 1")
        try:
            yield
        finally:
            self.con.execute("RESET threads")

    def known(self) -> set[str]:
        """The ids of the articles already stored (read once; :meth:`write` keeps it up to date)."""
        if self._known is None:
            self._known = {r[0] for r in self.con.execute("SELECT article_id FROM articles").fetchall()}
        return self._known

    def count(self, table: str = "articles") -> int:
        if table not in TABLES:
            raise CorridormapError(f"no table {table!r}; the tables are {', '.join(TABLES)}")
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # type: ignore[index]

    def write(self, batches: Iterable[Rows], *, replace: bool = False) -> int:
        """Store articles' rows in one transaction (all or nothing). An article already stored is
        skipped, or with ``replace`` its old rows give way to these (a newer engine's reading). Returns
        how many articles were written."""
        merged: Rows = defaultdict(list)
        known = self.known()
        ids: list[str] = []
        for rows in batches:
            aid = rows["articles"][0][0]
            if (aid in known and not replace) or aid in ids:
                continue
            ids.append(aid)
            for table, values in rows.items():
                merged[table].extend(values)
        if not ids:
            return 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            if replace:
                gone = pd.DataFrame({"article_id": ids})
                self.con.register("gone", gone)
                for table in TABLES:
                    self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM gone)")
                self.con.unregister("gone")
            for table, values in merged.items():
                if values:
                    frame = pd.DataFrame(values, columns=COLUMNS[table])
                    self.con.register("batch", frame)
                    self.con.execute(f"INSERT INTO {table} SELECT * FROM batch")
                    self.con.unregister("batch")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        known.update(ids)  # only once committed
        return len(ids)

    def stale(self, everything: bool = False) -> list[tuple[str, str, str, str | None, str | None]]:
        """(article_id, doc, text, date, date_source) of the articles another engine version read (or
        of every article): what a re-extraction reads again."""
        where = "" if everything else "WHERE engine_version IS DISTINCT FROM ?"
        rows = self.con.execute(
            f"SELECT article_id, doc, text, date, date_source FROM articles {where} ORDER BY article_id",
            [] if everything else [engine_version()],
        ).fetchall()
        return [(a, d, t, _day(day), src) for a, d, t, day, src in rows]

    # --- reading back ---

    def records(self, sql: str, params: list[Any] | None = None) -> list[Any]:
        """Rows as named tuples of Python values (NULL is None, a DATE a ``datetime.date``)."""
        cur = self.con.execute(sql, params or [])
        row = namedtuple("row", [d[0] for d in cur.description])  # type: ignore[misc]
        return [row(*r) for r in cur.fetchall()]

    def extraction(self, dates: DateRange = DateRange()) -> Extraction:
        """The stored records as one :class:`Extraction` (what ``export`` and the dashboard read).
        A bounded range keeps the events, corridors and claims dated inside it, and the articles and
        places they come from."""
        return _Reader(self, dates).extraction()


def _day(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


class _Reader:
    """Rebuilds frozen records from the tables for one date range."""

    def __init__(self, store: Store, dates: DateRange) -> None:
        self.store = store
        self.dates = dates
        self.texts: dict[str, Article] = {}
        self.wanted = False  # a bounded range's articles registered as the table "wanted"

    def _scoped(self, columns: str, table: str, order: str = "") -> list[Any]:
        """Rows of ``table`` for the articles in scope (every article, or those of a bounded range's
        records): the filter runs in the store, not over every row in Python."""
        where = " WHERE article_id IN (SELECT article_id FROM wanted)" if self.wanted else ""
        return self.store.records(
            f"SELECT {columns} FROM {table}{where}{' ORDER BY ' + order if order else ''}"
        )

    def _articles(self) -> dict[str, Article]:
        arts = self._scoped("article_id, doc, title, date, date_source, text", "articles")
        sents = self._scoped(
            "article_id, sentence_index, start_char, end_char", "sentences", "article_id, sentence_index"
        )
        by_article: dict[str, list[Sentence]] = defaultdict(list)
        texts = {r.article_id: r.text for r in arts}
        for aid, i, a, b in sents:
            by_article[aid].append(Sentence(int(i), int(a), int(b), texts[aid][a:b]))
        return {
            r.article_id: Article(
                r.doc,
                r.text,
                tuple(by_article[r.article_id]),
                r.title,
                _day(r.date),
                r.date_source,
            )
            for r in arts
        }

    def _sentence(self, aid: str, index: int, quote: Any) -> str:
        if isinstance(quote, str):
            return quote
        article = self.texts[aid]
        return article.sentences[index].text if index < len(article.sentences) else ""

    def extraction(self) -> Extraction:
        where = self.dates.sql()
        ev = self.store.records(f"SELECT * FROM events WHERE {where} ORDER BY article_id, event_index")
        co = self.store.records(f"SELECT * FROM corridors WHERE {where} ORDER BY article_id, corridor_index")
        cl = self.store.records(f"SELECT * FROM claims WHERE {where} ORDER BY article_id, sentence_index")
        if self.dates.bounded:  # the articles of that range, and those of older days with a record in it
            dated = self.store.records(f"SELECT article_id FROM articles WHERE {where}")
            ids = sorted({r.article_id for r in (*dated, *ev, *co, *cl)})
            self.store.con.register("wanted", pd.DataFrame({"article_id": pd.Series(ids, dtype=object)}))
            self.wanted = True
        try:
            self.texts = self._articles()
            places = self._places()
        finally:
            if self.wanted:
                self.store.con.unregister("wanted")
        doc = {aid: a.doc for aid, a in self.texts.items()}
        events = [
            Event(
                doc[r.article_id],
                int(r.sentence_index),
                self._sentence(r.article_id, int(r.sentence_index), r.quote),
                EventType(r.event_type),
                r.subtype,
                tuple(r.place_ids),
                tuple(r.places),
                tuple(r.triggers),
                _day(r.date),
            )
            for r in ev
        ]
        attacks = AttackIndex(attack_points(events, places))
        corridors = [self._corridor(r, doc, attacks) for r in co]
        claims = [self._claim(r, doc) for r in cl]
        return Extraction(
            articles=tuple(self.texts.values()),
            places=tuple(places.values()),
            events=tuple(events),
            corridors=tuple(corridors),
            claims=tuple(claims),
        )

    def _places(self) -> dict[str, Place]:
        pl = self._scoped("*", "places")
        me = self._scoped("*", "mentions", "article_id, sentence_index, start_char")
        mentions: dict[str, list[Mention]] = defaultdict(list)
        for r in me:
            mentions[r.place_id].append(
                Mention(
                    self.texts[r.article_id].doc,
                    int(r.sentence_index),
                    self._sentence(r.article_id, int(r.sentence_index), r.quote),
                    int(r.start_char),
                    int(r.end_char),
                    r.surface,
                    Role(r.role),
                    int(r.quote_offset),
                )
            )
        out: dict[str, Place] = {}
        weights: dict[str, float] = defaultdict(float)
        counts: Counter[str] = Counter()
        for r in pl:
            weights[r.place_id] += float(r.confidence)
            counts[r.place_id] += 1
            if r.place_id in out:
                continue
            out[r.place_id] = Place(
                r.place_id,
                r.name,
                r.lat,
                r.lon,
                r.precision,
                r.country_code,
                r.admin1,
                r.geonameid,
                int(r.population),
                float(r.confidence),
                tuple(mentions.get(r.place_id, ())),
                r.label,
            )
        return {
            pid: replace(
                p, confidence=round(weights[pid] / counts[pid], 3), label=spelling(p.mentions, p.name)
            )
            for pid, p in out.items()
        }

    def _corridor(self, r: Any, doc: dict[str, str], attacks: AttackIndex) -> Corridor:
        aid = r.article_id
        sentence = self._sentence(aid, int(r.sentence_index), r.quote)
        stated = [int(i) for i in r.statements]
        c = Corridor(
            doc[aid],
            int(r.sentence_index),
            sentence,
            r.origin,
            r.destination,
            tuple(r.via),
            Purpose(r.purpose),
            tuple(r.place_ids),
            tuple(tuple(p) for p in json.loads(r.path)),
            r.length_km,
            (),
            _day(r.date),
            tuple(
                Statement(i, sentence if i == int(r.sentence_index) else self._sentence(aid, i, None))
                for i in stated
            )
            if len(stated) > 1
            else (),
            tuple(r.unlocated),
        )
        return with_attacks(c, attacks)

    def _claim(self, r: Any, doc: dict[str, str]) -> Claim:
        return Claim(
            doc[r.article_id],
            int(r.sentence_index),
            self._sentence(r.article_id, int(r.sentence_index), r.quote),
            r.subject,
            r.reference,
            r.stated_km,
            r.stated_direction,
            float(r.computed_km),
            float(r.computed_bearing),
            r.computed_direction,
            r.distance_ok,
            r.direction_ok,
            r.direction_off_deg,
            r.explanation,
            float(r.subject_lat),
            float(r.subject_lon),
            float(r.reference_lat),
            float(r.reference_lon),
            _day(r.date),
        )
