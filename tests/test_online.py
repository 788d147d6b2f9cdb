"""The opt-in online geocoder, with a stand-in client (no network here): never asked by default."""

from __future__ import annotations

import subprocess
import sys
from types import SimpleNamespace

import pytest

from geo.exc import SettingError
from geo.online import OnlineGeocoder
from geo.pipeline import Extractor
from geo.reading import article_from_text
from tests.common import SEED

TEXT = "Shelling hit Kharkiv overnight, Ukraine's army said. Troops advanced near Xylotown on Tuesday."


class FakeClient:
    def __init__(self) -> None:
        self.asked: list[tuple[str, dict]] = []

    def geocode(self, query, **kwargs):
        self.asked.append((query, kwargs))
        return SimpleNamespace(latitude=47.5, longitude=35.9) if query == "Xylotown" else None


def test_not_asked_by_default(gazetteer):
    x = Extractor(gazetteer).extract([article_from_text(TEXT, "a.txt")])
    assert "Xylotown" not in {p.name for p in x.places}


def test_unknown_name_after_a_locative_is_asked_once_and_marked(gazetteer):
    client = FakeClient()
    extractor = Extractor(gazetteer, geocoder=OnlineGeocoder(client=client, min_delay_s=0))
    x = extractor.extract([article_from_text(TEXT, "a.txt"), article_from_text(TEXT, "b.txt")])
    [place] = [p for p in x.places if p.name == "Xylotown"]
    assert (place.place_id, place.geonameid, place.confidence) == ("online:xylotown", None, 0.5)
    assert [m.doc for m in place.mentions] == ["a.txt", "b.txt"]
    assert [q for q, _ in client.asked] == ["Xylotown"]  # cached: asked once for both articles
    assert client.asked[0][1]["country_codes"] == "ua"  # the document's country as a hint
    movement = next(e for e in x.events if e.event_type == "military_movement")
    assert "Xylotown" in movement.places
    for m in place.mentions:
        assert m.sentence[m.start : m.end] == m.surface


def test_service_failure_is_one_line_and_no_place(gazetteer, caplog):
    from geopy.exc import GeocoderUnavailable

    class Down:
        def geocode(self, query, **kwargs):
            raise GeocoderUnavailable("no network")

    x = Extractor(gazetteer, geocoder=OnlineGeocoder(client=Down(), min_delay_s=0)).extract(
        [article_from_text(TEXT, "a.txt")]
    )
    assert "Xylotown" not in {p.name for p in x.places}
    assert "online geocoder (nominatim) failed for 'Xylotown'" in caplog.text


def test_unknown_service_lists_the_choices():
    with pytest.raises(SettingError, match=r"choose one of: .*nominatim"):
        OnlineGeocoder("no-such-service")
    res = subprocess.run(
        [sys.executable, "-m", "corridormap", "extract", str(SEED), "--online-geocoder", "nope"],
        capture_output=True,
        text=True,
    )
    assert res.returncode == 2 and "choose one of" in res.stderr and "Traceback" not in res.stderr


def test_requests_are_spaced_by_the_services_policy(monkeypatch):
    """Nominatim allows one request a second: the geocoder waits its turn (a fake clock, no sleeping)."""
    import geo.online as online

    now = [100.0]
    slept: list[float] = []
    monkeypatch.setattr(online.time, "monotonic", lambda: now[0])

    def sleep(s: float) -> None:
        slept.append(round(s, 3))
        now[0] += s

    monkeypatch.setattr(online.time, "sleep", sleep)
    geocoder = OnlineGeocoder(client=FakeClient())
    for name in ("Xylotown", "Ytown", "Ztown"):
        geocoder.locate(name)
        now[0] += 0.25  # the caller's own work between requests
    assert slept == [0.75, 0.75]
