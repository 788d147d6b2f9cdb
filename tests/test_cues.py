"""Cues and the word-start rewrite that speeds up the event lexicon."""

from __future__ import annotations

import re

import pytest

from geo.cues import Cue, word_start
from geo.events import ANY_TRIGGER, ANY_WEAK


@pytest.mark.parametrize(
    "pattern",
    [
        r"\b(?:corridors?|evacuat\w*)\b",
        r"\b\d+ buses",
        r"\b[a-z]+ed\b",
        r"\b(?:cruise |ballistic )?missiles?",  # an optional first word, then a word all the same
        r"\b(?=y)yes",
    ],
)
def test_word_start_keeps_every_match(pattern: str) -> None:
    text = "Evacuations of 12 buses: cruise missiles, missiles and corridors; yes, evacuated!"
    fast = re.compile(word_start(pattern), re.IGNORECASE)
    slow = re.compile(pattern, re.IGNORECASE)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


@pytest.mark.parametrize(
    "pattern",
    [
        r"x\b",  # no leading \b
        r"\b-x",  # a match opening with a hyphen
        r"\b(?:x|)",  # may match nothing, at a word's end too
        r"\b.x",
        r"\b[^a]",
        r"\b\s*x",
        r"\b|x",
    ],
)
def test_word_start_refuses_what_may_open_elsewhere(pattern: str) -> None:
    with pytest.raises(ValueError, match="starts a word"):
        word_start(pattern)


def test_cue_is_case_blind_whether_or_not_it_opens_a_word() -> None:
    assert Cue(r"\b(?:convoys?)\b").search("A CONVOY left")
    assert Cue(r"-(?:held)\b").search("Russian-HELD town")  # not a word start: searched as written
    assert not Cue(r"\b(?:convoys?)\b").search("reconvoy")


def test_event_prefilters_open_words() -> None:
    assert ANY_TRIGGER.pattern.startswith(r"\b(?=\w)")
    assert ANY_WEAK.pattern.startswith(r"\b(?=\w)")
    assert ANY_TRIGGER.search("shelling hit the bridge")
    assert not ANY_TRIGGER.search("the council met on tuesday")
