"""The ``corridormap`` command: extract from articles, serve the dashboard, build the gazetteer index.

Errors are one line on standard error (``corridormap: ...``) and an exit status: 1 when some input could
not be read (the rest is still processed), 2 for a usage error or a failure that stopped the command.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import socket
import sys
from pathlib import Path

from corridormap import __version__
from corridormap.progress import Bar, Rate
from geo.exc import CorridormapError
from geo.export import COLLECTION_FORMATS, FORMATS
from geo.resources import seeds_dir

DEFAULT_PORT = 8050
EPILOG = "Nothing is downloaded: the gazetteer comes from installed packages, the basemap from the package."


def port_number(text: str) -> int:
    """A TCP port, 0 to 65535 (0: any free port)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(
            f"must be a whole number from 0 to 65535 (0 picks a free port), not {text!r}"
        )
    return value


def positive(text: str) -> int:
    """A whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def iso_day(text: str) -> str:
    """A day as YYYY-MM-DD."""
    from datetime import date

    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a day as YYYY-MM-DD (2022-03-01), not {text!r}") from None


def free_port(host: str, port: int) -> int:
    """``port`` if it can be bound on ``host`` (any free port when 0), else a one-line error."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise CorridormapError(
                    f"port {port} on {host} is in use; pick another with --port (0: any free port)"
                ) from exc
            raise CorridormapError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
        return int(s.getsockname()[1])


def ensure_index() -> None:
    """Build the gazetteer index on first use, with a progress bar (it takes some 15 s, once)."""
    from geo.gazetteer import ensure_index as build
    from geo.gazetteer import index_ready

    if not index_ready():
        build(progress=Bar("building the gazetteer index (first run only)"))


def _extract(args: argparse.Namespace) -> int:
    from geo.export import render
    from geo.pipeline import Extractor
    from geo.reading import read_articles

    out = Path(args.output) if args.output else None
    if out is not None and not out.parent.is_dir():
        raise CorridormapError(f"cannot write {out}: folder {out.parent} does not exist")
    articles, errors = read_articles(args.paths)
    for err in errors:
        print(f"corridormap: {err}", file=sys.stderr)
    ensure_index()
    geocoder = None
    if args.online_geocoder:  # opt-in: the only path on which corridormap talks to the internet
        from geo.online import OnlineGeocoder

        geocoder = OnlineGeocoder(args.online_geocoder, user_agent=args.user_agent)
    extraction = Extractor(geocoder=geocoder).extract(articles, errors)
    _write_output(render(extraction, args.format), out)
    return 1 if errors else 0


def _write_output(text: str, out: Path | None) -> None:
    if not text.endswith("\n"):
        text += "\n"
    if out is not None:
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise CorridormapError(f"cannot write {out}: {exc.strerror}") from exc
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _store_dir(args: argparse.Namespace) -> Path:
    from geo.store import default_store_dir

    return Path(args.store) if args.store else default_store_dir()


def _report(errors: list[str], last_line: str) -> int:
    """Each error on its own line on standard error, then the summary line; exit status 1 if any."""
    for err in errors:
        print(f"corridormap: {err}", file=sys.stderr)
    print(last_line, flush=True)
    return 1 if errors else 0


def _ingest(args: argparse.Namespace) -> int:
    from corridormap.ingest import ingest, listed
    from geo.store import Store

    ensure_index()
    paths = listed(args.paths)  # a feed counts once, however many articles it holds
    with Store(_store_dir(args)) as store:
        progress = Rate("ingest", len(paths))
        summary = ingest(
            paths, store, workers=args.workers, dask=args.dask, online=args.online, progress=progress
        )
        progress.close()
    return _report(summary.errors, summary.line())


def _reextract(args: argparse.Namespace) -> int:
    from corridormap.ingest import reextract
    from geo.store import Store

    ensure_index()
    with Store(_store_dir(args)) as store:
        stale = store.stale(args.all)
        progress = Rate("re-extract", len(stale))
        summary = reextract(store, stale, workers=args.workers, progress=progress)
        progress.close()
    line = f"re-extracted: {summary.new} articles ({len(summary.errors)} errors) in {summary.seconds:.1f} s"
    return _report(summary.errors, line)


def _export(args: argparse.Namespace) -> int:
    import json

    from geo.export import collection_csv, collection_geojson, collection_rows, geojson_to_kml
    from geo.store import DateRange, Store

    out = Path(args.output) if args.output else None
    if out is not None and not out.parent.is_dir():
        raise CorridormapError(f"cannot write {out}: folder {out.parent} does not exist")
    if args.format == "parquet" and out is None:
        raise CorridormapError("parquet is binary: name a file with -o")
    with Store(_store_dir(args), read_only=True) as store:
        fc = collection_geojson(store.extraction(DateRange(args.since, args.until)))
        if args.format == "parquet":
            import pandas as pd

            store.con.register("features", pd.DataFrame(collection_rows(fc)))
            store.con.execute(f"COPY features TO '{str(out).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
            return 0
    if args.format == "csv":
        text = collection_csv(fc)
    elif args.format == "kml":
        text = geojson_to_kml(fc)
    else:
        text = json.dumps(fc, ensure_ascii=False)
    _write_output(text, out)
    return 0


def _serve(args: argparse.Namespace) -> int:
    from dashboard.app import create_app

    port = free_port(args.host, args.port)  # before the index and the articles load: fail fast
    ensure_index()
    if args.store is not None and args.paths:
        raise CorridormapError("serve either a --store or article PATHs, not both")
    if args.store is not None:
        from dashboard.app import create_store_app

        app = create_store_app(_store_dir(args), tiles=args.tiles)
    else:
        app = create_app(args.paths or [str(seeds_dir())], tiles=args.tiles)
    print(f"corridormap: serving on http://{args.host}:{port}/ (Ctrl+C to stop)", file=sys.stderr, flush=True)
    app.run(host=args.host, port=port, debug=args.debug)
    return 0


def _build_index(args: argparse.Namespace) -> int:
    from geo.gazetteer import default_index_dir
    from geo.gazetteer_build import build_index

    folder = build_index(
        Path(args.folder) if args.folder else default_index_dir(), Bar("building the gazetteer index")
    )
    print(folder)
    return 0


def _workers_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--workers", type=positive, metavar="N", help="worker processes (default: one per core)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="corridormap",
        description="Turn war news into a map of evacuation corridors, attacks and the sentences that "
        "report them. Everything runs offline.",
        epilog=EPILOG,
    )
    p.add_argument("--version", action="version", version=f"corridormap {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    ex = sub.add_parser(
        "extract",
        help="extract places, events, corridors and claims from articles",
        description="Read articles and print what they report as GeoJSON (or CSV, JSON, KML). A file that "
        "cannot be read is reported on one line and the others are still processed (exit status 1).",
    )
    ex.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .html) or folders of them")
    ex.add_argument("--format", choices=FORMATS, default="geojson", help="output format (default: geojson)")
    ex.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    ex.add_argument(
        "--online-geocoder",
        metavar="SERVICE",
        help="also ask this online geocoder (a geopy service name, e.g. nominatim) about unknown "
        "names after 'in', 'near'...; needs the internet; off by default",
    )
    ex.add_argument("--user-agent", default="corridormap", help="user agent sent to the online geocoder")
    ex.set_defaults(func=_extract)
    sv = sub.add_parser(
        "serve",
        help="start the dashboard (default: the bundled seed article)",
        description="Start the dashboard in this machine's browser: a map of the corridors, attacks and "
        "other events the articles report; click a town to read its sentences.",
    )
    sv.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files (.txt, .html) or folders of them to show (default: the bundled seed article)",
    )
    sv.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    sv.add_argument(
        "--port",
        type=port_number,
        default=DEFAULT_PORT,
        help=f"port to listen on, 0 to 65535 (default: {DEFAULT_PORT}; 0 picks a free one and prints it)",
    )
    sv.add_argument(
        "--tiles",
        choices=("offline", "osm"),
        default="offline",
        help="basemap: shipped offline layers (default) or OpenStreetMap tiles (needs internet)",
    )
    sv.add_argument(
        "--store",
        nargs="?",
        const="",
        metavar="DIR",
        help="show the collection in this store folder instead of articles, with a timeline "
        "(no DIR: $CORRIDORMAP_STORE or the user's data folder)",
    )
    sv.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    sv.set_defaults(func=_serve)
    store_help = "the store folder (default: $CORRIDORMAP_STORE, else ~/.local/share/corridormap)"
    ig = sub.add_parser(
        "ingest",
        help="add articles and feeds to the collection (a DuckDB store)",
        description="Read files, folders and RSS/Atom feed files into the store. An article already "
        "stored (same content) is skipped, so running it again is safe, even after a kill. Last line: "
        "'ingested: N articles (M new, K already in the store, E errors) in S s'.",
    )
    ig.add_argument(
        "paths", nargs="+", metavar="PATH", help="article files, folders, feed files (.rss, .atom, .xml)"
    )
    ig.add_argument("--store", metavar="DIR", help=store_help)
    _workers_option(ig)
    ig.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for a LocalCluster",
    )
    ig.add_argument(
        "--online",
        action="store_true",
        help="also fetch feed URLs (http/https) named as PATH; needs the internet",
    )
    ig.set_defaults(func=_ingest)
    rx = sub.add_parser(
        "reextract",
        help="read the stored articles again with this version of the engine",
        description="Re-extract the articles of the store that another corridormap version read (with "
        "--all, every article), from the text the store keeps; each keeps its id and date.",
    )
    rx.add_argument("--store", metavar="DIR", help=store_help)
    rx.add_argument("--all", action="store_true", help="re-extract every article, not only the stale ones")
    _workers_option(rx)
    rx.set_defaults(func=_reextract)
    xp = sub.add_parser(
        "export",
        help="write the collection as GeoJSON, CSV, KML or Parquet",
        description="Export the store's places, events, corridors and claims, each event, corridor and "
        "claim once with every report of it ('sources', 'first_seen', 'last_seen').",
    )
    xp.add_argument("--store", metavar="DIR", help=store_help)
    xp.add_argument("--format", choices=COLLECTION_FORMATS, default="geojson", help="default: geojson")
    xp.add_argument(
        "--since", type=iso_day, metavar="DATE", help="only records dated on or after DATE (YYYY-MM-DD)"
    )
    xp.add_argument("--until", type=iso_day, metavar="DATE", help="only records dated on or before DATE")
    xp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    xp.set_defaults(func=_export)
    bi = sub.add_parser(
        "build-index",
        help="(re)build the gazetteer index cache",
        description="Build the gazetteer index from installed packages into the cache folder "
        "($CORRIDORMAP_CACHE, default ~/.cache/corridormap). Done on first use anyway.",
    )
    bi.add_argument("--folder", help="where to write it (default: the cache folder)")
    bi.set_defaults(func=_build_index)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(format="corridormap: %(message)s", level=logging.WARNING, stream=sys.stderr)
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CorridormapError as exc:
        print(f"corridormap: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # "corridormap extract ... | head": the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # no second error when Python flushes stdout at exit
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
