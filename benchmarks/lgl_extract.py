"""Extract the LGL development corpus in one process and print throughput and peak memory.

    python benchmarks/lgl_extract.py [../shared/eval/lgl] [-o /tmp/lgl.geojson]

Then score it: ``python3 ../shared/eval/score.py ../shared/eval/lgl/gold.json /tmp/lgl.geojson``.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

from geo.export import to_geojson
from geo.gazetteer import load_gazetteer
from geo.pipeline import Extractor
from geo.reading import read_articles


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", nargs="?", default=str(Path(__file__).resolve().parents[2] / "shared/eval/lgl"))
    ap.add_argument("-o", "--output", default="/tmp/lgl.geojson")
    args = ap.parse_args()
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    t1 = time.perf_counter()
    files = sorted(str(p) for p in Path(args.folder).glob("*.txt"))
    articles, errors = read_articles(files)
    t2 = time.perf_counter()
    extraction = Extractor(gaz).extract(articles, errors)
    t3 = time.perf_counter()
    Path(args.output).write_text(json.dumps(to_geojson(extraction)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"articles={len(articles)} errors={len(errors)} index_load_s={t1 - t0:.2f} read_s={t2 - t1:.2f} "
        f"extract_s={t3 - t2:.2f} articles_per_s={len(articles) / (t3 - t1):.0f} "
        f"(extract only: {len(articles) / (t3 - t2):.0f}) peak_rss_mb={peak_mb:.0f} -> {args.output}"
    )


if __name__ == "__main__":
    main()
