from __future__ import annotations

import pytest

from geo.claims import rounding_slack
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
    assert c.direction_ok is False and 50 < c.direction_off_deg < 65
    assert c.distance_ok is True  # 84 km by road is plausible over 68.7 km of straight line
    assert c.explanation.startswith("direction: stated south, computed west-southwest (")
    assert c.explanation.endswith("straight line 68.7 km: consistent with a road distance")


def test_a_distance_shorter_than_the_straight_line_is_wrong(gazetteer):
    [c] = extract_text("Odesa lies some 100 km west of Kherson.", gazetteer=gazetteer).claims
    assert c.distance_ok is False and "shorter than the straight line" in c.explanation


def test_a_distance_far_longer_than_any_road_is_wrong(gazetteer):
    [c] = extract_text("Irpin lies about 90 km west of Kyiv.", gazetteer=gazetteer).claims
    assert c.distance_ok is False and "longer than a road would run" in c.explanation


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


def test_no_claim_is_checked_against_a_place_without_coordinates(gazetteer):
    """A guessed namesake or a name the gazetteer lacks has no pin to measure from."""
    for text in (
        "Shevchenkove lies 84 km south of Lviv.",  # seven towns bear the name, none near Lviv
        "The village of Oskaniv lies 20 km east of Kyiv.",  # a name the gazetteer lacks
    ):
        x = extract_text(text, gazetteer=gazetteer)
        assert x.claims == ()
        assert any(p.lat is None for p in x.places)


@pytest.mark.parametrize(
    ("figure", "slack"),
    [("84", 0.5), ("25", 2.5), ("50", 5.0), ("300", 30.0), ("1.5", 0.05), ("10", 1.0), ("1,000", 100.0)],
)
def test_a_figure_is_as_precise_as_its_last_significant_place_at_most_a_tenth(figure, slack):
    assert rounding_slack(figure) == pytest.approx(slack)


def test_a_round_figure_a_little_short_of_the_straight_line_is_consistent(gazetteer):
    [claim] = extract_text(
        "Enerhodar, some 50 kilometres south-west of Zaporizhzhia, lost power.", gazetteer=gazetteer
    ).claims
    assert claim.computed_km > 52 and claim.distance_ok  # 53 km straight: "some 50" is that, rounded
    [far] = extract_text("Bucha lies 300 km east of Kyiv.", gazetteer=gazetteer).claims
    assert far.distance_ok is False
