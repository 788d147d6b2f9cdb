"""Whole-process time and peak memory of ``corridormap extract`` on the seed, with a warm index cache.

python benchmarks/cli_seed.py [--runs 5]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time

from geo.resources import seeds_dir

SEED = seeds_dir() / "2022-03-30_voa_ukraine_peace_talks_corridors.txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    cmd = [sys.executable, "-m", "corridormap", "extract", str(SEED), "-o", "/dev/null"]
    subprocess.run(cmd, check=True)  # warm the index cache (built on first use)
    times = []
    for _ in range(args.runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True)
        times.append(time.perf_counter() - t)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"corridormap extract (seed, warm cache): median {statistics.median(times):.2f} s, "
        f"worst {max(times):.2f} s over {args.runs} runs; peak RSS {peak_mb:.0f} MB"
    )


if __name__ == "__main__":
    main()
