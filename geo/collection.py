"""A collection opened for reading: the store's tables copied into an in-memory DuckDB database, and the
queries a map of it asks, aggregated there rather than rebuilt as Python records.

Why a copy: a server that kept the store's file open would hold its lock and stop the next day's
``corridormap ingest``. The copy takes seconds (a million events: 2.2 s and 0.8 GB, where rebuilding
them as records took 33 s and 2 GB) and the file is released at once. Every query runs on its own
cursor, so the server's threads may ask at the same time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geo.exc import CorridormapError
from geo.geometry import distances_to_route_km
from geo.model import Claim, Corridor, Purpose, Statement
from geo.settings import ATTACK_BUFFER_KM, DENSIFY_KM
from geo.store import SCHEMA_VERSION, STORE_FILE

#: Place precisions an event is pinned at on a map (a country's centre is no place).
PINNED = ("city", "region", "water")

#: The columns copied, per table: what the map, its panels and its corridors read (not triggers, not
#: the engine's bookkeeping). Places, mentions and sentences, the biggest tables, are not copied but
#: summed up as the map asks (below): a collection of 700,000 articles holds 11 million sentences.
_COPIED = {
    "articles": "article_id, doc, date, text",
    "events": "article_id, event_index, sentence_index, event_type, date",
    "event_places": "article_id, event_index, event_type, subtype, place_id, date",
    "corridors": "*",
    "claims": "*",
}

#: What the map reads of places, mentions and sentences, made from the store's tables at start.
_SUMMARIES = (
    """CREATE TABLE place_info AS SELECT place_id, any_value(name) AS name, any_value(lat) AS lat,
       any_value(lon) AS lon, any_value(precision) AS precision, any_value(country_code) AS country_code,
       avg(confidence) AS confidence FROM src.places GROUP BY place_id""",
    # whether a place reading (not only a demonym) names a place, and in how many sentences
    """CREATE TABLE place_mentions AS SELECT place_id, bool_or(role = 'place') AS drawn,
       count(DISTINCT (article_id, sentence_index)) AS n_mentions FROM src.mentions GROUP BY place_id""",
    # the spellings of each place, for its label
    """CREATE TABLE place_spellings AS SELECT place_id, surface, count(*) AS uses,
       min((article_id, sentence_index, start_char)) AS first
       FROM src.mentions WHERE role = 'place' GROUP BY place_id, surface""",
    # the sentences corridors and claims are told in
    """CREATE TABLE sentences AS SELECT s.article_id, s.sentence_index, s.start_char, s.end_char
       FROM src.sentences s JOIN (
           SELECT DISTINCT article_id, unnest(list_append(statements, sentence_index)) AS sentence_index
           FROM corridors UNION SELECT article_id, sentence_index FROM claims
       ) USING (article_id, sentence_index)""",
)

#: A click on a town asks for the newest sentences naming it, among hundreds of thousands in a big
#: collection: each mention is copied with what that question needs (its article's date and name, its
#: sentence's bounds), sorted by place, so the answer is read from the place's own rows (DuckDB skips the
#: others by their min and max) and joins nothing but the few sentences shown.
_SENTENCE_MENTIONS = """
    CREATE TABLE sentence_mentions AS
    WITH attacked AS (SELECT DISTINCT article_id, sentence_index FROM events WHERE event_type = 'attack')
    SELECT m.place_id, m.article_id, m.sentence_index,
           list([m.start_char, m.end_char] ORDER BY m.start_char, m.end_char) AS marks,
           any_value(m.quote) AS quote, any_value(a.date) AS date, any_value(a.doc) AS doc,
           any_value(s.start_char) AS sentence_start, any_value(s.end_char) AS sentence_end,
           bool_or(t.article_id IS NOT NULL) AS attack
    FROM src.mentions m JOIN articles a USING (article_id)
    JOIN src.sentences s USING (article_id, sentence_index)
    LEFT JOIN attacked t USING (article_id, sentence_index)
    GROUP BY m.place_id, m.article_id, m.sentence_index
    ORDER BY m.place_id
"""

#: The sentences of ``hits`` (rows of ``sentence_mentions``) naming several places, each once.
_MERGED_HITS = """
    SELECT article_id, sentence_index, any_value(place_id) AS place_id,
           list_sort(flatten(list(marks))) AS marks,
           any_value(quote) AS quote, any_value(date) AS date, any_value(doc) AS doc,
           any_value(sentence_start) AS sentence_start, any_value(sentence_end) AS sentence_end
    FROM hits GROUP BY article_id, sentence_index
"""


def _text_between(start: str, end: str) -> str:
    """The text of article ``a`` between two character offsets (SQL; DuckDB counts characters from 1)."""
    return f"substring(a.text, {start} + 1, {end} - {start})"


#: The text of sentence ``s`` of article ``a``.
_FULL_SENTENCE = _text_between("s.start_char", "s.end_char")


@dataclass(frozen=True)
class SentenceSource:
    """One sentence that names a place: where it is, what it says, the spans naming the place, the event
    types it reports."""

    doc: str
    sentence_index: int
    sentence: str
    date: str | None
    marks: tuple[tuple[int, int], ...]
    types: tuple[str, ...]
    place_id: str | None = None  # the place the sentence was chosen for


class Collection:
    """The tables of one store, in memory, and the map's queries over them."""

    def __init__(self, folder: str | Path) -> None:
        import duckdb

        path = Path(folder) / STORE_FILE
        if not path.is_file():
            raise CorridormapError(f"no store in {folder} (run 'corridormap ingest' first)")
        self.con = duckdb.connect()
        try:
            self.con.execute("ATTACH ? AS src (READ_ONLY)", [str(path)])
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                raise CorridormapError(
                    f"the store {folder} is in use by another corridormap process (an ingest?); "
                    "try again when it has finished"
                ) from exc
            raise CorridormapError(f"cannot open the store {path}: {str(exc).splitlines()[0]}") from exc
        try:
            found = self.con.execute("SELECT value FROM src.meta WHERE key = 'schema_version'").fetchone()
            if found is None or found[0] != SCHEMA_VERSION:
                raise CorridormapError(f"{path} is a store of another schema; ingest into a new folder")
            for table, columns in _COPIED.items():
                self.con.execute(f"CREATE TABLE {table} AS SELECT {columns} FROM src.{table}")
            for summary in (*_SUMMARIES, _SENTENCE_MENTIONS):
                self.con.execute(summary)
        finally:
            self.con.execute("DETACH src")

    def _query(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        return self.con.cursor().execute(sql, params or []).df()

    def n_articles(self) -> int:
        return int(self._query("SELECT count(*) AS n FROM articles")["n"].iloc[0])

    def doc_dates(self) -> dict[str, str | None]:
        docs = self._query("SELECT doc, strftime(date, '%Y-%m-%d') AS date FROM articles")
        return {
            doc: day if isinstance(day, str) else None
            for doc, day in zip(docs["doc"], docs["date"], strict=True)
        }

    def places(self) -> pd.DataFrame:
        """Every located place: its label (the spelling its articles use most), the gazetteer's name,
        where it is, whether a place reading (not only a demonym) names it, and in how many sentences."""
        places = self._query(
            """
            SELECT p.place_id, p.name AS gazetteer_name, p.lat, p.lon, p.precision, p.country_code,
                   round(p.confidence, 3) AS confidence, coalesce(n.drawn, false) AS drawn,
                   coalesce(n.n_mentions, 0) AS n_mentions
            FROM place_info p LEFT JOIN place_mentions n USING (place_id)
            WHERE p.lat IS NOT NULL
            ORDER BY p.place_id
            """
        )
        labels = self._labels()
        places.insert(
            1,
            "name",
            [labels.get(pid, g) for pid, g in zip(places["place_id"], places["gazetteer_name"], strict=True)],
        )
        return places.assign(
            country_code=places["country_code"].astype(object).where(places["country_code"].notna(), None)
        )

    def _labels(self) -> dict[str, str]:
        """Each place's label as :func:`geo.pipeline.spelling` chooses it: the spelling used most (a
        dateline's capitals read as a name), the first written on a tie."""
        spelled = self._query(
            """
            SELECT place_id, surface, uses, first FROM place_spellings
            """
        )
        if spelled.empty:
            return {}
        caps = spelled["surface"].str.isupper() & (spelled["surface"].str.len() > 3)
        spelled["surface"] = spelled["surface"].where(~caps, spelled["surface"].str.title())
        spelled["first"] = spelled["first"].map(lambda f: tuple(f.values()) if isinstance(f, dict) else f)
        best = spelled.groupby(["place_id", "surface"], as_index=False).agg(
            uses=("uses", "sum"), first=("first", "min")
        )
        best = best.sort_values(["place_id", "uses", "first"], ascending=[True, False, True], kind="stable")
        chosen = best.drop_duplicates("place_id")
        return dict(zip(chosen["place_id"], chosen["surface"], strict=True))

    def event_cells(self) -> pd.DataFrame:
        """Events per pinned place, day, type and subtype (``n``): what the map draws and filters."""
        return self._query(
            f"""
            SELECT e.place_id, p.lat, p.lon, strftime(e.date, '%Y-%m-%d') AS date, e.event_type,
                   e.subtype, count(*) AS n
            FROM event_places e JOIN place_info p USING (place_id)
            WHERE e.event_type <> 'other' AND p.precision IN {PINNED}
            GROUP BY ALL ORDER BY ALL
            """
        )

    def event_days(self) -> pd.DataFrame:
        """Events per day and type (each once, however many places it names), and how many of them
        name no place the map can pin."""
        return self._query(
            f"""
            WITH pinned AS (
                SELECT e.article_id, e.event_index, bool_or(p.precision IN {PINNED}) AS placed
                FROM event_places e LEFT JOIN place_info p USING (place_id)
                GROUP BY ALL
            )
            SELECT strftime(e.date, '%Y-%m-%d') AS date, e.event_type, count(*) AS n,
                   count(*) FILTER (WHERE NOT coalesce(placed, false)) AS n_unplaced
            FROM events e LEFT JOIN pinned USING (article_id, event_index)
            WHERE e.event_type <> 'other'
            GROUP BY ALL ORDER BY ALL
            """
        )

    def corridors(self) -> list[Corridor]:
        """Every stored corridor, its sentences read back (attacks are measured by :func:`attacks_near`)."""
        rows = self._query(
            f"""
            WITH needed AS (
                SELECT DISTINCT article_id,
                       unnest(list_append(statements, sentence_index)) AS sentence_index
                FROM corridors
            ), texts AS (
                SELECT n.article_id, n.sentence_index, {_FULL_SENTENCE} AS text
                FROM needed n JOIN sentences s USING (article_id, sentence_index)
                JOIN articles a USING (article_id)
            )
            SELECT c.*, a.doc, strftime(c.date, '%Y-%m-%d') AS day,
                   coalesce(c.quote, (SELECT t.text FROM texts t WHERE t.article_id = c.article_id
                                      AND t.sentence_index = c.sentence_index)) AS sentence,
                   (SELECT list((t.sentence_index, t.text)) FROM texts t WHERE t.article_id = c.article_id
                    AND list_contains(c.statements, t.sentence_index)) AS stated
            FROM corridors c JOIN articles a USING (article_id)
            ORDER BY c.article_id, c.corridor_index
            """
        )
        out = []
        lines: dict[str, tuple[tuple[float, float], ...]] = {}  # a route restated is read once
        for r in rows.itertuples():
            index = int(r.sentence_index)
            stated = [int(i) for i in r.statements]
            texts = {int(k): str(v) for k, v in (r.stated if r.stated is not None else [])}
            out.append(
                Corridor(
                    r.doc,
                    index,
                    r.sentence,
                    r.origin,
                    None if _missing(r.destination) else r.destination,
                    tuple(r.via),
                    Purpose(r.purpose),
                    tuple(r.place_ids),
                    lines.get(r.path)
                    or lines.setdefault(r.path, tuple(tuple(p) for p in json.loads(r.path))),
                    None if _missing(r.length_km) else float(r.length_km),
                    (),
                    None if _missing(r.day) else r.day,
                    tuple(Statement(i, r.sentence if i == index else texts.get(i, "")) for i in stated)
                    if len(stated) > 1
                    else (),
                    tuple(r.unlocated),
                )
            )
        return out

    def attack_spots(self) -> pd.DataFrame:
        """Pinned places of attacks, with how many attack reports each has."""
        return self._query(
            f"""
            SELECT e.place_id, p.lat, p.lon, any_value(p.name) AS name, count(*) AS n
            FROM event_places e JOIN place_info p USING (place_id)
            WHERE e.event_type = 'attack' AND p.precision IN {PINNED}
            GROUP BY ALL
            """
        )

    def claims(self) -> list[Claim]:
        rows = self._query(
            f"""
            SELECT c.*, a.doc, strftime(c.date, '%Y-%m-%d') AS day,
                   coalesce(c.quote, {_FULL_SENTENCE}) AS text
            FROM claims c JOIN articles a USING (article_id)
            JOIN sentences s ON s.article_id = c.article_id AND s.sentence_index = c.sentence_index
            ORDER BY c.article_id, c.sentence_index
            """
        )
        return [
            Claim(
                r.doc,
                int(r.sentence_index),
                r.text,
                r.subject,
                r.reference,
                None if _missing(r.stated_km) else float(r.stated_km),
                None if _missing(r.stated_direction) else r.stated_direction,
                float(r.computed_km),
                float(r.computed_bearing),
                r.computed_direction,
                None if _missing(r.distance_ok) else bool(r.distance_ok),
                None if _missing(r.direction_ok) else bool(r.direction_ok),
                None if _missing(r.direction_off_deg) else float(r.direction_off_deg),
                r.explanation,
                float(r.subject_lat),
                float(r.subject_lon),
                float(r.reference_lat),
                float(r.reference_lon),
                None if _missing(r.day) else r.day,
            )
            for r in rows.itertuples()
        ]

    def place_sentences(
        self, place_id: str, start: str | None, end: str | None, limit: int
    ) -> tuple[int, list[SentenceSource]]:
        """How many sentences name a place within a date range (an undated article is always counted),
        and the newest ``limit`` of them (undated last)."""
        return self._sentences([place_id], start, end, limit)

    def attack_sentences(self, place_ids: list[str], limit: int) -> tuple[int, list[SentenceSource]]:
        """How many sentences report attacks at any of ``place_ids``, and the newest ``limit``."""
        if not place_ids:
            return 0, []
        return self._sentences(place_ids, None, None, limit, attacks=True)

    def _sentences(
        self, place_ids: list[str], start: str | None, end: str | None, limit: int, attacks: bool = False
    ) -> tuple[int, list[SentenceSource]]:
        """The sentences naming any of ``place_ids``: one place's are its rows of ``sentence_mentions``
        as they are; a sentence naming several of them is one, with all their marks."""
        one = len(place_ids) == 1
        where = "m.place_id = ?" if one else "m.place_id IN (SELECT unnest(?))"
        where += " AND m.attack" if attacks else ""
        params: list[Any] = [place_ids[0] if one else place_ids]
        dates = ""
        if start:
            dates += " AND (m.date IS NULL OR m.date >= ?::DATE)"
            params = [*params, start]
        if end:
            dates += " AND (m.date IS NULL OR m.date <= ?::DATE)"
            params = [*params, end]
        rows = self._query(
            f"""
            WITH hits AS (
                SELECT * FROM sentence_mentions m WHERE {where}{dates}
            ), named AS (
                {"SELECT * FROM hits" if one else _MERGED_HITS}
            ), chosen AS (
                SELECT *, count(*) OVER () AS total FROM named
                ORDER BY date DESC NULLS LAST, doc, sentence_index
                LIMIT {int(limit)}
            ), typed AS (  -- the types of the sentences shown only, not of every sentence
                SELECT c.article_id, c.sentence_index, list(DISTINCT e.event_type) AS types
                FROM chosen c JOIN events e USING (article_id, sentence_index)
                WHERE e.event_type <> 'other'
                GROUP BY ALL
            )
            SELECT c.total, c.place_id, c.doc, c.sentence_index, c.marks,
                   strftime(c.date, '%Y-%m-%d') AS date,
                   coalesce(c.quote, {_text_between("c.sentence_start", "c.sentence_end")}) AS sentence,
                   coalesce(t.types, []) AS types
            FROM chosen c JOIN articles a USING (article_id)
            LEFT JOIN typed t USING (article_id, sentence_index)
            ORDER BY c.date DESC NULLS LAST, c.doc, c.sentence_index
            """,
            params,
        )
        total = int(rows["total"].iloc[0]) if len(rows) else 0
        return total, [
            SentenceSource(
                r.doc,
                int(r.sentence_index),
                r.sentence,
                None if _missing(r.date) else r.date,
                tuple((int(m[0]), int(m[1])) for m in r.marks),
                tuple(sorted(r.types)),
                r.place_id,
            )
            for r in rows.itertuples()
        ]


def attacks_near(
    corridors: list[Corridor], spots: pd.DataFrame, buffer_km: float = ATTACK_BUFFER_KM
) -> list[list[tuple[str, str, float, int]]]:
    """For each corridor, the attack spots within ``buffer_km`` of its line: (place_id, name, km, reports).
    Measured once per distinct place, not per report: a million events are a few thousand spots."""
    from geo.corridors import AttackIndex

    spots_at = [(float(a), float(b)) for a, b in zip(spots["lat"], spots["lon"], strict=True)]
    place_ids = [str(pid) for pid in spots["place_id"]]
    index = AttackIndex.of_spots(spots_at)
    names = [str(n) for n in spots["name"]]
    counts = [int(n) for n in spots["n"]]
    by_path: dict[tuple[tuple[float, float], ...], list[tuple[str, str, float, int]]] = {}
    out: list[list[tuple[str, str, float, int]]] = []
    for c in corridors:
        if not c.drawable or not len(index):
            out.append([])
            continue
        if c.path not in by_path:  # a route restated on many days is measured once
            picked = index.near_box(c.path, buffer_km)
            at = [spots_at[i] for i in picked]
            km = distances_to_route_km(c.path, at, DENSIFY_KM) if picked else np.array([])
            by_path[c.path] = [
                (place_ids[i], names[i], round(float(d), 1), counts[i])
                for i, d in zip(picked, km, strict=True)
                if d <= buffer_km
            ]
        out.append(by_path[c.path])
    return out


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA
