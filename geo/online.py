"""Opt-in online geocoding, for places the embedded gazetteer lacks (villages under 500 people).

Never the default: only ``Extractor(geocoder=OnlineGeocoder(...))`` or ``corridormap extract
--online-geocoder nominatim`` use it, and it needs the internet. It is asked only about capitalised names
written right after a locative ("near Robotyne", "in Zarichne") that the gazetteer does not know, and every
place it finds says where it came from: id ``online:<name>``, no GeoNames id, confidence 0.5. Transport
stays here, at the edge; geopy does the talking.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from geo.exc import SettingError

ONLINE_CONFIDENCE = 0.5
#: Seconds between two requests to the service: Nominatim's usage policy allows one request a second.
MIN_DELAY_S = 1.0

log = logging.getLogger(__name__)


class GeocoderClient(Protocol):
    def geocode(self, query: str, *args: Any, **kwargs: Any) -> Any: ...


@dataclass(frozen=True, slots=True)
class Located:
    """What the online service answered for one name."""

    name: str
    lat: float
    lon: float


class OnlineGeocoder:
    """A geopy geocoder with a per-process cache and at most one request per ``min_delay_s``; failures
    become ``None`` and a logged warning."""

    def __init__(
        self,
        service: str = "nominatim",
        user_agent: str = "corridormap",
        timeout: float = 10.0,
        client: GeocoderClient | None = None,
        min_delay_s: float = MIN_DELAY_S,
    ) -> None:
        self.service = service
        self.timeout = timeout
        self.min_delay_s = min_delay_s
        self._client = client or _geopy_client(service, user_agent)
        self._cache: dict[tuple[str, str | None], Located | None] = {}
        self._lock = threading.Lock()
        self._last = float("-inf")

    def _wait_turn(self) -> None:
        """Sleep until ``min_delay_s`` has passed since the previous request (across threads)."""
        with self._lock:
            wait = self._last + self.min_delay_s - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last = time.monotonic()

    def locate(self, name: str, country_code: str | None = None) -> Located | None:
        """Where ``name`` is, preferring ``country_code`` when the service can filter by country."""
        key = (name, country_code)
        if key not in self._cache:
            self._cache[key] = self._ask(name, country_code)
        return self._cache[key]

    def _ask(self, name: str, country_code: str | None) -> Located | None:
        from geopy.exc import GeopyError

        kwargs: dict[str, Any] = {"exactly_one": True, "timeout": self.timeout}
        if country_code and self.service == "nominatim":
            kwargs["country_codes"] = country_code.lower()
        self._wait_turn()
        try:
            found = self._client.geocode(name, **kwargs)
        except (GeopyError, OSError, ValueError) as exc:
            log.warning("online geocoder (%s) failed for %r: %s", self.service, name, exc)
            return None
        if found is None:
            return None
        return Located(name, float(found.latitude), float(found.longitude))


def _geopy_client(service: str, user_agent: str) -> GeocoderClient:
    from geopy.exc import GeocoderNotFound
    from geopy.geocoders import SERVICE_TO_GEOCODER, get_geocoder_for_service

    try:
        cls = get_geocoder_for_service(service)
    except GeocoderNotFound as exc:
        options = ", ".join(sorted(SERVICE_TO_GEOCODER))
        raise SettingError(f"unknown geocoder {service!r}; choose one of: {options}") from exc
    return cls(user_agent=user_agent)
