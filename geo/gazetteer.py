"""The embedded gazetteer: load the cached index, look names up, describe places.

The index (built by ``geo.gazetteer_build``) is a marisa trie of folded names plus memory-mapped numpy
arrays, so loading costs milliseconds and the 290,000 places stay on disk until touched. It is built on
first use into ``$CORRIDORMAP_CACHE`` (default ``~/.cache/corridormap``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from geo.exc import GazetteerError
from geo.gazetteer_build import INDEX_VERSION, Progress, build_index, source_fingerprint
from geo.schema import (
    KEY_COMMON_WORD,
    KIND_COUNTRY,
    PRECISION_OF_KIND,
)
from geo.textnorm import skeleton

__all__ = [
    "Candidate",
    "Gazetteer",
    "default_index_dir",
    "load_gazetteer",
]


def default_index_dir() -> Path:
    root = Path(os.environ.get("CORRIDORMAP_CACHE") or Path.home() / ".cache" / "corridormap")
    return root / f"gazetteer-{source_fingerprint()}"


#: Names whose candidates are kept between lookups (a long archive names more: the cache starts again).
CACHED_KEYS = 100_000


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to, with how the name relates to it (``flag``)."""

    pid: int
    flag: int


class Gazetteer:
    """Read-only view over a built index folder."""

    def __init__(self, folder: Path) -> None:
        import marisa_trie

        try:
            meta = json.loads((folder / "meta.json").read_text())
            if meta.get("version") != INDEX_VERSION or meta.get("fingerprint") != source_fingerprint():
                raise GazetteerError(
                    f"gazetteer index at {folder} is version {meta.get('version')}, "
                    f"expected {INDEX_VERSION} ({source_fingerprint()}); rebuild it"
                )
            self.names = marisa_trie.Trie().mmap(str(folder / "names.marisa"))
            self.first_names = marisa_trie.Trie().mmap(str(folder / "first_names.marisa"))
            self.common_words = marisa_trie.Trie().mmap(str(folder / "common_words.marisa"))
            self.variants = marisa_trie.Trie().mmap(str(folder / "variants.marisa"))
            # plain ndarray views of the memory maps: same pages, without memmap's per-index overhead
            arr = {p.stem: np.asarray(np.load(p, mmap_mode="r")) for p in folder.glob("*.npy")}
        except (OSError, ValueError) as exc:
            raise GazetteerError(f"cannot load gazetteer index at {folder}: {exc}") from exc
        self.key_offsets, self.post_place, self.post_flag = (
            arr["key_offsets"],
            arr["post_place"],
            arr["post_flag"],
        )
        self.key_flags = arr["key_flags"]
        self.variant_offsets, self.variant_place = arr["variant_offsets"], arr["variant_place"]
        self.lat, self.lon, self.kind, self.capital = arr["lat"], arr["lon"], arr["kind"], arr["capital"]
        self._kinds: list[int] = self.kind.tolist()  # read per candidate: a list beats numpy indexing
        self.population, self.geonameid = arr["population"], arr["geonameid"]
        self._name, self._cc, self._admin1 = arr["name"], arr["country_code"], arr["admin1"]
        self.size = int(meta["places"])
        self._candidates: dict[str, tuple[Candidate, ...]] = {}
        # read for every candidate of every name: Python strings made once per place (bounded by the
        # gazetteer), as numpy's are slow to convert
        self._names = _Kept(lambda pid: str(self._name[pid]))
        self._country_codes = _Kept(lambda pid: str(self._cc[pid]))
        self._admin1s = _Kept(lambda pid: str(self._admin1[pid]))
        self._place_ids = _Kept(self._read_place_id)
        self._country_by_cc = {
            self.country_code(int(p)): int(p) for p in np.flatnonzero(np.asarray(self.kind) == KIND_COUNTRY)
        }

    # -- names -------------------------------------------------------------------------------------------
    def prefixes(self, folded: str) -> list[str]:
        """Every key that is a prefix of ``folded`` (the trie walk behind recognition)."""
        return self.names.prefixes(folded)

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        """The places ``key`` may name; the news repeats its names from article to article, so each key's
        answer is kept (up to ``CACHED_KEYS`` of them)."""
        found = self._candidates.get(key)
        if found is None:
            if len(self._candidates) >= CACHED_KEYS:
                self._candidates.clear()
            found = self._candidates[key] = self._lookup(key)
        return found

    def _lookup(self, key: str) -> tuple[Candidate, ...]:
        kid = self.names.get(key)
        if kid is None:
            return ()
        lo, hi = int(self.key_offsets[kid]), int(self.key_offsets[kid + 1])
        return tuple(
            Candidate(p, f)
            for p, f in zip(self.post_place[lo:hi].tolist(), self.post_flag[lo:hi].tolist(), strict=True)
        )

    def variant_candidates(self, key: str) -> list[Candidate]:
        """Places whose name has the same transliteration skeleton as ``key`` (see ``textnorm.skeleton``)."""
        vid = self.variants.get(skeleton(key))
        if vid is None:
            return []
        lo, hi = int(self.variant_offsets[vid]), int(self.variant_offsets[vid + 1])
        return [Candidate(p, 0) for p in self.variant_place[lo:hi].tolist()]

    def is_common_word(self, key: str) -> bool:
        kid = self.names.get(key)
        return kid is not None and bool(self.key_flags[kid] & KEY_COMMON_WORD)

    def is_common_english(self, word: str) -> bool:
        """A frequent English word that is written in lower case ("station", "friday" is not)."""
        return word.lower() in self.common_words

    def is_first_name(self, key: str) -> bool:
        return key in self.first_names

    # -- places ------------------------------------------------------------------------------------------
    def name(self, pid: int) -> str:
        return self._names[pid]

    def country_code(self, pid: int) -> str:
        return self._country_codes[pid]

    def admin1(self, pid: int) -> str:
        return self._admin1s[pid]

    def is_capital(self, pid: int) -> bool:
        return bool(self.capital[pid])

    def kind_of(self, pid: int) -> int:
        """The place's :class:`~geo.schema.Kind`, as its integer (``KIND_*``)."""
        return self._kinds[pid]

    def precision(self, pid: int) -> str:
        return PRECISION_OF_KIND[self.kind_of(pid)]

    def latlon(self, pid: int) -> tuple[float, float]:
        return float(self.lat[pid]), float(self.lon[pid])

    def country(self, cc: str) -> int | None:
        """The country entry for an ISO code."""
        return self._country_by_cc.get(cc)

    def place_id(self, pid: int) -> str:
        return self._place_ids[pid]

    def _read_place_id(self, pid: int) -> str:
        gid = int(self.geonameid[pid])
        return f"geonames:{gid}" if gid >= 0 else f"corridormap:{fold_key_id(self.name(pid))}"


class _Kept(dict[int, str]):
    """A value per place, made by ``read`` the first time it is asked for and kept."""

    def __init__(self, read: Callable[[int], str]) -> None:
        super().__init__()
        self._read = read

    def __missing__(self, pid: int) -> str:
        value = self[pid] = self._read(pid)
        return value


def fold_key_id(name: str) -> str:
    return "-".join(name.lower().split())


def index_ready(folder: Path | None = None) -> bool:
    """Whether the index is built (else the first :func:`load_gazetteer` builds it)."""
    return ((folder or default_index_dir()) / "meta.json").exists()


def ensure_index(folder: Path | None = None, progress: Progress | None = None) -> Path:
    """Build the index unless it is there, reporting the build's stages to ``progress``."""
    folder = folder or default_index_dir()
    if not index_ready(folder):
        try:
            build_index(folder, progress)
        except (OSError, ImportError, KeyError, ValueError) as exc:
            raise GazetteerError(f"cannot build the gazetteer index in {folder}: {exc}") from exc
    return folder


@lru_cache(maxsize=1)
def load_gazetteer(folder: Path | None = None) -> Gazetteer:
    """The process-wide gazetteer, built into the cache on first use."""
    return Gazetteer(ensure_index(folder))
