from __future__ import annotations

import pytest

from geo.sentences import split_sentences


def texts(s: str) -> list[str]:
    return [x.text for x in split_sentences(s)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The U.S. State Department spoke. Kyiv listened.",
            ["The U.S. State Department spoke.", "Kyiv listened."],
        ),
        (
            "Aid reached the U.N. office in Lviv. It was Tuesday.",
            ["Aid reached the U.N. office in Lviv.", "It was Tuesday."],
        ),
        (
            "The war began on Feb. 24 in the east. Many fled.",
            ["The war began on Feb. 24 in the east.", "Many fled."],
        ),
        ("Gen. Ivanov left Kherson. He did not return.", ["Gen. Ivanov left Kherson.", "He did not return."]),
        ('"We are leaving," she said. "Now."', ['"We are leaving," she said.', '"Now."']),
        (
            "Buses left Mariupol – slowly – for Zaporizhzhia. Nobody knew why.",
            ["Buses left Mariupol – slowly – for Zaporizhzhia.", "Nobody knew why."],
        ),
        (
            "Talks moved to the U.S. The delegations met there.",
            ["Talks moved to the U.S.", "The delegations met there."],
        ),
        ("Headline Without A Period\n\nBody text here.", ["Headline Without A Period", "Body text here."]),
        (
            "Sirens sounded at 4 a.m. Residents ran to shelters.",
            ["Sirens sounded at 4 a.m.", "Residents ran to shelters."],
        ),
        ("The strike came at 4 a.m. Monday in Odesa.", ["The strike came at 4 a.m. Monday in Odesa."]),
    ],
)
def test_split(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n"])
def test_empty_inputs_have_no_sentences(text):
    assert split_sentences(text) == ()


def test_offsets():
    text = "One. Two three.\n\nFour!  Five?"
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def test_list_lines_are_sentences_of_their_own():
    from geo.sentences import split_sentences

    text = (
        "Routes for today:\n1. Sumy - Poltava;\n2. Izium - Lozova\n- Bucha - Kyiv\nHe won 2. The team lost."
    )
    assert [s.text for s in split_sentences(text)] == [
        "Routes for today:",
        "1. Sumy - Poltava;",
        "2. Izium - Lozova",
        "- Bucha - Kyiv",
        "He won 2.",
        "The team lost.",
    ]
    assert all(text[s.start : s.end] == s.text for s in split_sentences(text))
