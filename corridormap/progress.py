"""Progress on standard error for long steps: redrawn in place on a terminal, one line per step
otherwise (a log, a CI run), never on standard output (which carries the results)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 24


class _Line:
    """A status line on ``stream``: rewritten in place on a terminal, appended in a log."""

    def __init__(self, stream: TextIO | None = None, width: int = 100) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.width = width
        self.started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started

    def emit(self, line: str, final: bool = False) -> None:
        if self.tty:
            self.stream.write("\r" + line.ljust(self.width) + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


class Bar(_Line):
    """``Bar("building the gazetteer index")(done, total, what)`` draws ``[#####-----] 2/5 what``."""

    def __init__(self, title: str, stream: TextIO | None = None) -> None:
        super().__init__(stream)
        self.title = title

    def __call__(self, done: int, total: int, what: str) -> None:
        filled = WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (WIDTH - filled)
        self.emit(
            f"corridormap: {self.title} [{bar}] {done}/{total} {what} ({self.seconds:.0f} s)", done >= total
        )


class Rate(_Line):
    """``Rate("ingest", total)(done)`` draws ``ingest 300/629 articles, 310/s, ETA 1 s``: in place on a
    terminal, every ``every`` articles in a log."""

    def __init__(self, title: str, total: int, stream: TextIO | None = None, every: int = 256) -> None:
        super().__init__(stream, width=80)
        self.title = title
        self.total = total
        self.every = every
        self.last = 0

    def __call__(self, done: int) -> None:
        if not self.tty and done - self.last < self.every and done < self.total:
            return
        self.last = done
        rate = done / max(self.seconds, 1e-6)
        left = (self.total - done) / rate if rate and self.total > done else 0.0
        total = max(self.total, done)
        self.emit(f"corridormap: {self.title} {done}/{total} articles, {rate:.0f}/s, ETA {left:.0f} s")

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
