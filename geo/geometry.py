"""Geometry: the one place where (lat, lon) becomes shapely's (x=lon, y=lat), and the one earth model.

Every measurement and every drawn line uses pyproj's ``Geod`` on the WGS-84 ellipsoid: distances and
bearings (``inv``), corridor lines densified along the geodesic (``npts``), so the line drawn and the
length printed describe the same path. "Near the corridor" is measured in metres in an azimuthal
equidistant projection centred on the corridor, never in degrees. The resolver's closeness between
candidate places uses the same geodesic (``closeness_matrix``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import shapely
from pyproj import Geod, Proj
from shapely.geometry import LineString, Point

LatLon = tuple[float, float]
GEOD = Geod(ellps="WGS84")

COMPASS = (
    "north",
    "north-northeast",
    "northeast",
    "east-northeast",
    "east",
    "east-southeast",
    "southeast",
    "south-southeast",
    "south",
    "south-southwest",
    "southwest",
    "west-southwest",
    "west",
    "west-northwest",
    "northwest",
    "north-northwest",
)


def to_xy(lat: float, lon: float) -> tuple[float, float]:
    """(lat, lon) to shapely/GeoJSON order (x=lon, y=lat)."""
    return (lon, lat)


def distance_km(a: LatLon, b: LatLon) -> float:
    """Geodesic distance between two (lat, lon) points, in km (WGS-84)."""
    return float(GEOD.inv(a[1], a[0], b[1], b[0])[2]) / 1000.0


#: No geodesic is shorter than the meridian arc between its ends' latitudes: at least this many km per
#: degree of latitude apart (the equator's meridian degree, the shortest), so a latitude gap rules
#: pairs out before any distance is computed.
MIN_KM_PER_DEG_LAT = 110.57


def distances_km(lat: np.ndarray, lon: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Geodesic distances in km between arrays of points, broadcast against each other as numpy does."""
    a, b, c, d = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in (lat, lon, lat2, lon2)))
    if a.size == 0:
        return np.zeros(a.shape)
    _, _, metres = GEOD.inv(b.ravel(), a.ravel(), d.ravel(), c.ravel())
    return np.asarray(metres, dtype=float).reshape(a.shape) / 1000.0


def closeness(
    lat: np.ndarray, lon: np.ndarray, lat2: np.ndarray, lon2: np.ndarray, reach_km: float
) -> np.ndarray:
    """``1 - distance / reach_km`` (at least 0) between points, broadcast as numpy does."""
    return np.clip(1.0 - distances_km(lat, lon, lat2, lon2) / reach_km, 0.0, 1.0)


def closeness_matrix(
    lat: np.ndarray, lon: np.ndarray, reach_km: float, wanted: np.ndarray | None = None
) -> np.ndarray:
    """:func:`closeness` between every pair of points (of the pairs ``wanted``, a symmetric boolean
    matrix, when given; the others are 0): only pairs whose latitudes are close enough to be within
    reach are measured, the rest are 0 at no cost. Each pair is measured once: the geodesic from A to B
    is as long as from B to A (Karney's algorithm orders the ends itself, so the two are equal to the
    last bit), and a point is 0 km from itself."""
    n = len(lat)
    close = np.zeros((n, n))
    measure = np.abs(lat[:, None] - lat[None, :]) <= reach_km / MIN_KM_PER_DEG_LAT
    if wanted is not None:
        measure &= wanted
    i, j = np.nonzero(np.triu(measure, k=1))
    values = closeness(lat[i], lon[i], lat[j], lon[j], reach_km)
    close[i, j] = values
    close[j, i] = values
    np.fill_diagonal(close, 1.0 if wanted is None else np.where(np.diag(wanted), 1.0, 0.0))
    return close


def bearing_deg(a: LatLon, b: LatLon) -> float:
    """Initial geodesic bearing from ``a`` to ``b``, degrees clockwise from north (0 to 360)."""
    return float(GEOD.inv(a[1], a[0], b[1], b[0])[0]) % 360.0


def compass(bearing: float) -> str:
    """A bearing as one of 16 compass points ("west-southwest")."""
    return COMPASS[int((bearing % 360) / 22.5 + 0.5) % 16]


def great_circle(a: LatLon, b: LatLon, step_km: float) -> list[LatLon]:
    """Points from ``a`` to ``b`` along the geodesic, at most ``step_km`` apart (both ends included)."""
    n = math.ceil(distance_km(a, b) / step_km) - 1 if a != b else 0
    inner = GEOD.npts(a[1], a[0], b[1], b[0], n) if n > 0 else []
    return [a, *((lat, lon) for lon, lat in inner), b] if a != b else [a]


def route_points(path: Sequence[LatLon], step_km: float) -> list[LatLon]:
    """A path through its stops, densified along the great circle between each pair."""
    out: list[LatLon] = []
    for a, b in itertools.pairwise(path):
        seg = great_circle(a, b, step_km)
        out.extend(seg if not out else seg[1:])
    return out or list(path)


def route_line(path: Sequence[LatLon], step_km: float) -> LineString:
    """The corridor as a shapely LineString in (lon, lat)."""
    return LineString([to_xy(lat, lon) for lat, lon in route_points(path, step_km)])


def path_length_km(path: Sequence[LatLon]) -> float:
    """Length of the path through its stops along the geodesic, in km."""
    return sum(distance_km(a, b) for a, b in itertools.pairwise(path))


@lru_cache(maxsize=256)
def _aeqd(lat0: float, lon0: float) -> Proj:
    """The azimuthal equidistant projection centred at (lat0, lon0) on WGS84, called with (lon, lat). A
    ``Proj`` gives the same metres as a ``Transformer`` from EPSG:4326 (same ellipsoid, no datum shift)
    and is made some 25 times faster (0.24 ms against 6 ms), which counts as every corridor has its own."""
    return Proj(f"+proj=aeqd +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m")


def distances_to_route_km(path: Sequence[LatLon], targets: Sequence[LatLon], step_km: float) -> list[float]:
    """Distances in km from each target to the densified route, measured in metres in an azimuthal
    equidistant projection centred on the route (accurate to well under 1% within 1,000 km). The route
    is densified and projected once for all targets, and the distances are one vectorised call."""
    if not targets:
        return []
    pts = route_points(path, step_km)
    lat0 = sum(p[0] for p in pts) / len(pts)
    lon0 = sum(p[1] for p in pts) / len(pts)
    project = _aeqd(round(lat0, 4), round(lon0, 4))
    xs, ys = project([p[1] for p in pts], [p[0] for p in pts])
    geom = LineString(list(zip(xs, ys, strict=True))) if len(pts) > 1 else Point(xs[0], ys[0])
    txs, tys = project([t[1] for t in targets], [t[0] for t in targets])
    points = shapely.points(np.asarray(txs, dtype=float), np.asarray(tys, dtype=float))
    return [float(d) / 1000.0 for d in shapely.distance(geom, points)]
