"""corridormap: turn war news into a map of evacuation corridors, attacks and their source sentences.

The command line (``corridormap.cli``) sits above the engine (``geo``) and the dashboard (``dashboard``);
neither of those imports it.
"""

from __future__ import annotations

from importlib import metadata

try:
    __version__ = metadata.version("corridormap")
except metadata.PackageNotFoundError:  # a source checkout that was never installed
    __version__ = "0+unknown"
