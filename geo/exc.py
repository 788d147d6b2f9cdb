"""One exception family; each also subclasses the builtin a caller would expect."""

from __future__ import annotations


class CorridormapError(Exception):
    """Base class of every error corridormap raises on purpose."""


class InputError(CorridormapError, ValueError):
    """An input file cannot be read as an article (missing, empty, binary, too large)."""


class GazetteerError(CorridormapError, RuntimeError):
    """The gazetteer index cannot be built or loaded."""


class SettingError(CorridormapError, ValueError):
    """A setting names something that does not exist (an unknown geocoder service, say)."""
