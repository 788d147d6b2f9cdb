"""What a line inherits from the heading above it (sentences written for these tests)."""

from __future__ import annotations

import pytest

from geo.discourse import heading_purpose, is_list_line, line_contexts
from geo.model import Purpose
from geo.sentences import split_sentences


@pytest.mark.parametrize(
    "line, expected",
    [
        ("- Kherson – Mykolaiv;", True),
        ("• Sumy → Poltava", True),
        ("3) Bucha – Irpin", True),
        ("Mariupol – Manhush – Tokmak – Zaporizhzhia", True),
        ("Hostomel,", True),
        ("The minister said the talks would resume on Monday in Istanbul.", False),
    ],
)
def test_list_lines(line, expected):
    assert is_list_line(line) is expected


@pytest.mark.parametrize(
    "heading, purpose",
    [
        ("The following evacuation routes are open:", Purpose.EVACUATION),
        ("Aid will be delivered to:", Purpose.HUMANITARIAN_AID),
        ("Corridors for evacuation and aid deliveries:", Purpose.BOTH),
    ],
)
def test_heading_purpose(heading, purpose):
    assert heading_purpose(heading) == purpose


def test_a_heading_reaches_its_list_through_sub_headings_and_stops_at_prose():
    text = (
        "Routes agreed for Saturday:\n\nKyiv region:\n\n- Bucha – Brovary;\n\n- Irpin – Kyiv;\n\n"
        "The minister thanked the drivers for their courage on the road.\n\n- Sumy – Poltava;"
    )
    sents = split_sentences(text)
    contexts = line_contexts(sents)
    lines = {s.text: s.index in contexts for s in sents}
    assert lines["- Bucha – Brovary;"] and lines["- Irpin – Kyiv;"]
    assert not lines["- Sumy – Poltava;"]  # prose closed the list
    assert not any(s.index in contexts for s in sents if s.text.endswith(":"))


def test_no_heading_no_context():
    assert line_contexts(split_sentences("- Bucha – Brovary;\n\n- Irpin – Kyiv;")) == {}
