"""Time, peak memory and output size of ``corridormap extract`` on the largest inputs it accepts: real
news text and adversarial shapes, each up to the 5 MB input limit (HTML: 100,000 nested elements).

    python benchmarks/huge_input.py [--mb 5] [--only NAME]

Budget per input: 30 s, 1 GB of memory, output at most 20x the input's bytes. Each shape is built here
from the gazetteer's own town names or the LGL corpus (see ``shapes``); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import itertools
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from geo.settings import MAX_INPUT_BYTES

LGL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "lgl"
BUDGET_S, BUDGET_MB, BUDGET_RATIO = 30.0, 1024, 20.0
TIMEOUT_S = 300


def _towns() -> list[str]:
    from geo.gazetteer import load_gazetteer

    g = load_gazetteer()
    order = sorted(range(len(g.population)), key=lambda p: -int(g.population[p]))
    return [g.name(p) for p in order[:20000] if g.name(p).isascii() and g.precision(p) == "city"]


def _fill(unit: Callable[[int], str], size: int) -> str:
    parts, n, total = [], 0, 0
    while total < size:
        piece = unit(n)
        parts.append(piece)
        total += len(piece.encode())
        n += 1
    return "".join(parts)[:size]


def shapes(size: int) -> dict[str, str]:
    towns = _towns()
    town = itertools.cycle(towns)
    news = (
        "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(LGL.glob("*.txt"))) if LGL.exists() else ""
    )
    return {
        "news text (LGL repeated)": (news * (size // max(len(news), 1) + 1))[:size] if news else "",
        "one sentence of distinct towns": _fill(lambda n: next(town) + ", ", size),
        "one town repeated": _fill(lambda n: "Mariupol, ", size),
        "'Paris, Texas' chains": _fill(lambda n: f"{next(town)}, {next(town)}, ", size),
        "distance claims": _fill(lambda n: f"{next(town)} lies 84 km south of {next(town)}. ", size),
        "directions without stops": _fill(lambda n: f"north of {next(town)} west of {next(town)} ", size),
        "hyphenated names": _fill(lambda n: f"{next(town)}-{next(town)}-{next(town)} ", size),
        "route list lines": "The following routes:\n"
        + _fill(lambda n: f"- {next(town)} – {next(town)};\n", size),
        "run-together paragraphs": _fill(lambda n: f"buses from {next(town)} to {next(town)} and ", size),
        "nested HTML elements": "<html><body>" + "<div>" * 100_000 + "Kyiv" + "</div>" * 100_000,
    }


def run(name: str, text: str, tmp: Path) -> str:
    suffix = ".html" if "HTML" in name else ".txt"
    src = tmp / f"input{suffix}"
    src.write_bytes(text.encode()[:MAX_INPUT_BYTES].decode("utf-8", "ignore").encode())
    out = tmp / "out.geojson"
    out.unlink(missing_ok=True)
    # each run in its own child that reports its own peak (getrusage of children keeps the maximum)
    probe = (
        "import resource, runpy, sys; sys.argv = ['corridormap', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('corridormap', run_name='__main__')\n"
        "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)"
    )
    t = time.perf_counter()
    try:
        proc = subprocess.run(
            [sys.executable, "-c", probe, "extract", str(src), "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return f"OVER {name:32} {src.stat().st_size / 1e6:5.2f} MB in: still running after {TIMEOUT_S} s"
    elapsed = time.perf_counter() - t
    peak = int(proc.stderr.strip().splitlines()[-1]) / 1024
    size_in = src.stat().st_size
    ratio = out.stat().st_size / size_in if out.exists() else float("nan")
    ok = (
        proc.returncode in (0, 1)
        and "over the" not in proc.stderr
        and elapsed <= BUDGET_S
        and peak <= BUDGET_MB
        and ratio <= BUDGET_RATIO
    )
    note = "" if proc.returncode in (0, 1) else f" exit {proc.returncode}: {proc.stderr.strip()[-200:]}"
    return (
        f"{'ok  ' if ok else 'OVER'} {name:32} {size_in / 1e6:5.2f} MB in: {elapsed:5.1f} s, "
        f"peak RSS {peak:5.0f} MB, output {ratio:4.1f}x the input{note}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=MAX_INPUT_BYTES / 1e6 - 0.01, help="input size in MB")
    ap.add_argument("--only", help="run the shapes whose name contains this")
    args = ap.parse_args()
    size = int(args.mb * 1e6)
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in shapes(size).items():
            if text and (not args.only or args.only in name):
                print(run(name, text, Path(tmp)), flush=True)


if __name__ == "__main__":
    main()
