"""Cues and the word-start rewrite that speeds up the event lexicon."""

from __future__ import annotations

import re

import pytest

from geo.cues import Cue, any_word, word_start
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


LEXICON = [
    r"\b(?:shell(?:ing|ed|s)?|artillery|(?:cruise |ballistic )?missiles?|[0-9]+ rockets)\b",
    r"\b(?:evacuat\w*|safe passage|convoys?)\b",
    r"\b(?:talks|cease-?fires?)\b",
    r"\b(?=\w)[a-z]+ed by",  # not of the \b(?:A|B)\b shape: kept whole
]
TEXTS = [
    "the town was shelled overnight",
    "eggshells and shells",
    "two ballistic missiles hit",
    "a ballistic test",  # "ballistic" alone opens no phrase
    "12 rockets fell",
    "buses were escorted by police",
    "they held talks on a ceasefire",
    "nothing happened here",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_any_word_finds_a_match_where_the_lexicon_does(text: str) -> None:
    one = re.compile(any_word(LEXICON))
    starts = [m.start() for p in LEXICON for m in [re.search(p, text)] if m]
    found = one.search(text)
    assert (found.start() if found else None) == (min(starts) if starts else None)


def test_any_word_refuses_what_may_open_elsewhere() -> None:
    with pytest.raises(ValueError, match="starts a word"):
        any_word([r"\b(?:x|-y)\b"])


def test_event_prefilters_open_words() -> None:
    assert ANY_TRIGGER.pattern.startswith(r"\b(?=\w)")
    assert ANY_WEAK.pattern.startswith(r"\b(?=\w)")
    assert ANY_TRIGGER.search("shelling hit the bridge")
    assert not ANY_TRIGGER.search("the council met on tuesday")


@pytest.mark.parametrize(
    "sentence",
    [
        "artillery pounded the outskirts before dawn.",
        "a humanitarian corridor opened for two hours.",
        "the delegations met again in the capital.",
        "families fled across the river at night.",
        "the museum reopened after repairs.",
        "troops were seen moving toward the border.",
        "an air raid siren sounded twice.",
    ],
)
def test_event_prefilter_agrees_with_the_lexicon(sentence: str) -> None:
    from geo.events import _ALL

    assert bool(ANY_TRIGGER.search(sentence)) == any(rx.search(sentence) for rx in _ALL)
