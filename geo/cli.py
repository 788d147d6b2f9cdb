"""``corridormap``: extract from articles, serve the dashboard, build the gazetteer index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.exc import CorridormapError
from geo.export import FORMATS, render

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


def _extract(args: argparse.Namespace) -> int:
    from geo.pipeline import Extractor
    from geo.reading import read_articles

    articles, errors = read_articles(args.paths)
    for err in errors:
        print(f"corridormap: {err}", file=sys.stderr)
    geocoder = None
    if args.online_geocoder:  # opt-in: the only path on which corridormap talks to the internet
        from geo.online import OnlineGeocoder

        geocoder = OnlineGeocoder(args.online_geocoder, user_agent=args.user_agent)
    extraction = Extractor(geocoder=geocoder).extract(articles, errors)
    text = render(extraction, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
    return 1 if errors else 0


def _serve(args: argparse.Namespace) -> int:
    from dashboard.app import run

    run(args.paths or [str(SEEDS_DIR)], host=args.host, port=args.port, tiles=args.tiles, debug=args.debug)
    return 0


def _build_index(args: argparse.Namespace) -> int:
    from geo.gazetteer import default_index_dir
    from geo.gazetteer_build import build_index

    folder = build_index(Path(args.folder) if args.folder else default_index_dir())
    print(folder)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="corridormap", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("extract", help="extract places, events, corridors and claims from articles")
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
    sv = sub.add_parser("serve", help="start the dashboard (default: the bundled seed articles)")
    sv.add_argument("paths", nargs="*", metavar="PATH")
    sv.add_argument(
        "--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)"
    )
    sv.add_argument("--port", type=int, default=8050)
    sv.add_argument(
        "--tiles",
        choices=("offline", "osm"),
        default="offline",
        help="basemap: shipped offline layers (default) or OpenStreetMap tiles (needs internet)",
    )
    sv.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    sv.set_defaults(func=_serve)
    bi = sub.add_parser("build-index", help="(re)build the gazetteer index cache")
    bi.add_argument("--folder", help="where to write it (default: the cache folder)")
    bi.set_defaults(func=_build_index)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except CorridormapError as exc:
        print(f"corridormap: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
