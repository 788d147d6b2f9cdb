"""Create and run the Dash app over a set of articles."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from dash import Dash

from dashboard.basemap import BASEMAP_PATH, basemap_file
from dashboard.callbacks import register, register_save, register_timeline, table_rows
from dashboard.figures import map_figure
from dashboard.layout import make_layout
from dashboard.session import MAX_ADDED_ARTICLES, MAX_UPLOAD_BYTES, Corpus
from dashboard.timeline import days as timeline_days
from dashboard.viewmodel import View, type_counts
from geo.model import Article
from geo.pipeline import Extractor
from geo.reading import read_articles

TILES = ("offline", "osm")
MAX_REQUEST_BYTES = (MAX_ADDED_ARTICLES + 2) * MAX_UPLOAD_BYTES * 4 // 3 + 1_000_000


def _check_tiles(tiles: str) -> None:
    """Before any work: a basemap name that is not one of ``TILES`` is refused with the valid ones."""
    if tiles not in TILES:
        raise ValueError(f"unknown tiles {tiles!r}; choose one of: {', '.join(TILES)}")


def create_app(paths: Sequence[str], tiles: str = "offline") -> Dash:
    """The app over the articles at ``paths``; unreadable files are reported, not fatal."""
    _check_tiles(tiles)
    articles, errors = read_articles(paths)
    articles = short_docs(articles)
    for err in errors:
        print(f"corridormap: {err}", file=sys.stderr)
    extractor = Extractor()
    corpus = Corpus(extractor, [extractor.article(a) for a in articles], tuple(errors))
    return _app(corpus, tiles, notices(len(articles), errors))


def create_store_app(folder: str | Path, tiles: str = "offline") -> Dash:
    """The app over a collection (``corridormap ingest``): everything in the store, with a timeline, and
    a button that saves a browser's added articles into the store."""
    _check_tiles(tiles)
    corpus = store_corpus(folder)
    n_articles = corpus.collection.n_articles() if corpus.collection else 0
    return _app(corpus, tiles, notices(n_articles, ()), store=Path(folder))


def store_corpus(folder: str | Path) -> Corpus:
    """The collection in the store, copied into memory once (the file is released at once, so the next
    ingest can write), as the server's base."""
    from geo.collection import Collection

    return Corpus(Extractor(), [], collection=Collection(folder), store=Path(folder))


def _app(corpus: Corpus, tiles: str, page_notices: tuple[str, ...], store: Path | None = None) -> Dash:
    data = corpus.data(None)
    view = View(frozenset(type_counts(data)))
    figure = map_figure(data, view, tiles)
    warm_basemap(figure)
    # assets (CSS) and Dash's own scripts are served by this server: nothing is fetched from elsewhere
    app = Dash(__name__, title="corridormap", serve_locally=True, update_title=None)  # type: ignore[arg-type]
    # a request carries at most the browser's added articles and one upload, base64-encoded: refuse a
    # bigger body before it is read (Flask answers 413)
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    serve_basemap(app)
    app.layout = make_layout(
        data, figure, table_rows(data, view), page_notices, store=store.name if store else None
    )
    register(app, corpus, tiles)
    if len(timeline_days(data)) >= 2:
        register_timeline(app)
    if store is not None:
        register_save(app, corpus, store)
    return app


def warm_basemap(figure: dict) -> None:
    """Make the first page's basemap files now (cutting the 1:10m layers takes a second), so the first
    browser gets them at once."""
    for layer in figure["layout"]["map"].get("layers", []):
        source = layer.get("source")
        if isinstance(source, str) and source.startswith(BASEMAP_PATH):
            basemap_file(source[len(BASEMAP_PATH) :])


def serve_basemap(app: Dash) -> None:
    """The basemap's GeoJSON files at ``BASEMAP_PATH``, from this server (cached by the browser)."""
    from flask import Response, abort

    @app.server.route(BASEMAP_PATH + "<name>")
    def basemap(name: str) -> Response:
        try:
            body = basemap_file(name)
        except KeyError:
            abort(404)
        return Response(body, mimetype="application/geo+json", headers={"Cache-Control": "max-age=86400"})


def short_docs(articles: Sequence[Article]) -> list[Article]:
    """Articles named by their path below the folder they share ("kherson.txt", "day2/kyiv.txt"): a
    page and its exports never show the server's own folders."""
    if not articles:
        return []
    paths = [Path(a.doc).resolve() for a in articles]
    base = os.path.commonpath([str(p.parent) for p in paths])
    return [replace(a, doc=os.path.relpath(p, base)) for a, p in zip(articles, paths, strict=True)]


def notices(n_articles: int, errors: Sequence[str]) -> tuple[str, ...]:
    """What the page says about its inputs: files not read, and an empty map explained."""
    out = [f"Not read: {err}" for err in errors]
    if not n_articles:
        out.append("No article could be read, so the map is empty. Add one with the controls on the left.")
    return tuple(out)
