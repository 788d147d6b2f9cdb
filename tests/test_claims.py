from __future__ import annotations

from geo.pipeline import extract_text


def test_stated_distance_and_direction_checked(gazetteer):
    [c] = extract_text(
        "Aid went to Berdyansk, some 84 kilometres south of Mariupol.", gazetteer=gazetteer
    ).claims
    assert (c.subject, c.reference, c.stated_km, c.stated_direction) == (
        "Berdyansk",
        "Mariupol",
        84.0,
        "south",
    )
    assert 65 < c.computed_km < 72
    assert c.computed_direction == "west-southwest"
    assert c.distance_ok is False and c.direction_ok is False


def test_consistent_claim_in_miles(gazetteer):
    [c] = extract_text("Irpin lies about 15 miles west of Kyiv.", gazetteer=gazetteer).claims
    assert c.stated_km == 24.1
    assert c.direction_ok is True
    assert c.distance_ok is True


def test_no_claim_without_two_places(gazetteer):
    assert extract_text("The town lies 40 km north of here.", gazetteer=gazetteer).claims == ()


def test_hyphenated_direction(gazetteer):
    [c] = extract_text("Bucha lies 25 km north-west of Kyiv, officials said.", gazetteer=gazetteer).claims
    assert c.stated_direction == "north-west"
    assert c.direction_ok is True
