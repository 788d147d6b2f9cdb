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
from corridormap.progress import Bar
from geo.exc import CorridormapError
from geo.export import FORMATS
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
    text = render(extraction, args.format)
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
    return 1 if errors else 0


def _serve(args: argparse.Namespace) -> int:
    from dashboard.app import create_app

    port = free_port(args.host, args.port)  # before the index and the articles load: fail fast
    ensure_index()
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
    sv.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    sv.set_defaults(func=_serve)
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
