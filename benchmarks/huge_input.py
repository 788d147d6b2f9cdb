"""Time and peak memory of ``corridormap extract`` on the largest input it accepts (5 MB of news text).

    python benchmarks/huge_input.py

Builds the input by repeating the LGL corpus' texts, so every sentence has real place names.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from geo.settings import MAX_INPUT_BYTES

LGL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "lgl"


def main() -> None:
    texts = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(LGL.glob("*.txt")))
    body = (texts * (MAX_INPUT_BYTES // len(texts.encode()) + 1)).encode()[: MAX_INPUT_BYTES - 1024]
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "huge.txt"
        src.write_bytes(body.decode("utf-8", "ignore").encode())
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "corridormap", "extract", str(src), "-o", "/dev/null"], check=True
        )
        elapsed = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{len(body):,} bytes of news text: {elapsed:.1f} s, peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
