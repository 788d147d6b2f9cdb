"""Where corridormap's shipped files live: the one place that knows.

``data/`` (gazetteer tables, the offline basemap) and ``seeds/`` (the bundled example article) are
shipped as the packages ``corridormap_data`` and ``corridormap_seeds`` and found through
``importlib.resources``, so an installed wheel works exactly like a checkout.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DATA_PACKAGE = "corridormap_data"
SEEDS_PACKAGE = "corridormap_seeds"
_CHECKOUT = Path(__file__).resolve().parent.parent  # a source tree run without installing


def data_dir() -> Path:
    """The folder of shipped data tables and the basemap."""
    return _package_dir(DATA_PACKAGE, "data")


def data_file(*parts: str) -> Path:
    """A shipped data file, e.g. ``data_file("basemap", "countries.geojson")``."""
    return data_dir().joinpath(*parts)


def seeds_dir() -> Path:
    """The folder of bundled seed articles (what ``corridormap serve`` shows by default)."""
    return _package_dir(SEEDS_PACKAGE, "seeds")


def _package_dir(package: str, checkout_folder: str) -> Path:
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError:  # not installed: a source checkout on sys.path
        return _CHECKOUT / checkout_folder
