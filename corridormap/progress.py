"""A progress bar for long steps, on standard error: redrawn in place on a terminal, one line per step
otherwise (a log, a CI run), never on standard output (which carries the results)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24


class Bar:
    """``Bar("building the gazetteer index")(done, total, what)`` draws ``[#####-----] 2/5 what``."""

    def __init__(self, title: str, stream: TextIO | None = None) -> None:
        self.title = title
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.started = time.perf_counter()

    def __call__(self, done: int, total: int, what: str) -> None:
        filled = WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (WIDTH - filled)
        seconds = time.perf_counter() - self.started
        line = f"corridormap: {self.title} [{bar}] {done}/{total} {what} ({seconds:.0f} s)"
        if self.tty:
            end = "\n" if done >= total else ""
            self.stream.write("\r" + line.ljust(100) + end)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
