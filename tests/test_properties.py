"""Property tests: on arbitrary text the extractor never raises, and offsets always point at surfaces."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.export import to_geojson
from geo.geometry import closeness_matrix, distances_km
from geo.reading import clean_text
from geo.sentences import split_sentences
from geo.textnorm import fold

WORDS = [
    "Kyiv",
    "Kiev",
    "U.S.",
    "Mariupol",
    "from",
    "to",
    "–",
    "Paris,",
    "Texas",
    "said",
    "shelling",
    "corridor",
    "evacuation",
    "of",
    "Zaporizhia",
    "84",
    "km",
    "south",
    "Ukrainian",
    "Mr.",
    "Feb.",
    "24",
    "\n\n",
    ".",
    '"',
]
texty = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texty)
def test_extract_never_raises_and_offsets_hold(extractor, text):
    from geo.model import Article

    cleaned = clean_text(text)
    article = Article("prop", cleaned, split_sentences(cleaned))
    x = extractor.extract([article])
    for s in article.sentences:
        assert cleaned[s.start : s.end] == s.text
    for p in x.places:
        for m in p.mentions:
            assert m.sentence[m.start : m.end] == m.surface
    to_geojson(x)


@given(st.text(max_size=300))
def test_fold_preserves_length(text):
    assert len(fold(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_read_or_fail_with_input_error(data):
    from geo.exc import InputError
    from geo.reading import article_from_text, decode

    try:
        article = article_from_text(decode(data, "x.txt"), "x.txt")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    for s in article.sentences:
        assert article.text[s.start : s.end] == s.text


def test_output_stays_linear_in_a_freak_sentence(gazetteer):
    """One place repeated thousands of times in one sentence: a few mentions quoting a window of it."""
    import json

    from geo.export import to_geojson
    from geo.pipeline import extract_text

    text = "Mariupol, " * 5000
    out = json.dumps(to_geojson(extract_text(text, gazetteer=gazetteer)))
    assert len(out) <= 20 * len(text)
    [place] = [f for f in json.loads(out)["features"] if f["properties"]["kind"] == "place"]
    mentions = place["properties"]["mentions"]
    assert len(mentions) <= 3
    assert all(m["sentence"][m["start"] : m["end"]] == "Mariupol" for m in mentions)


points = st.lists(
    st.tuples(st.floats(-89.9, 89.9), st.floats(-180, 180)),
    max_size=25,
)


@settings(max_examples=100, deadline=None)
@given(points)
def test_closeness_matrix_measures_every_pair_in_reach(pts):
    """Measured once per pair and mirrored: the same as measuring every ordered pair directly."""
    lat = np.array([p[0] for p in pts], dtype=float)
    lon = np.array([p[1] for p in pts], dtype=float)
    close = closeness_matrix(lat, lon, 300.0)
    direct = np.clip(1.0 - distances_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) / 300.0, 0, 1)
    assert np.array_equal(close, direct)
    # only the pairs wanted (here: between points in different halves of the list), the others 0
    half = np.arange(len(pts)) < len(pts) // 2
    wanted = half[:, None] != half[None, :]
    assert np.array_equal(closeness_matrix(lat, lon, 300.0, wanted), np.where(wanted, direct, 0.0))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZé3_'’- .\n"), max_size=80) | texty)
def test_longer_words_are_the_long_words_of_a_text(text):
    """The title-case test reads words of more than three characters in one pass."""
    from geo.recognize import _LONGER_WORDS

    assert _LONGER_WORDS.findall(text) == [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZéÉжЖ5_'’.-, \n×ǅßΩ"), max_size=60) | texty)
def test_capitalised_words_are_where_the_word_scan_finds_them(text):
    """The name finder's one-pass scan starts at exactly the capitalised words a word-by-word scan finds."""
    from geo.recognize import _CAPITALISED, _WORD

    word_by_word = [m.start() for m in _WORD.finditer(text) if text[m.start()].isupper()]
    assert [m.start("cap") for m in _CAPITALISED.finditer(text) if m.start("cap") >= 0] == word_by_word
