from __future__ import annotations

import pytest

from geo.exc import CorridormapError, InputError
from geo.reading import article_from_text, clean_text, decode, read_article, read_articles
from geo.settings import MAX_INPUT_BYTES
from tests.common import BINARY, CYRILLIC_CP1251, HOSTILE_HTML, LATIN1, SEED, WHITESPACE


def test_seed_chrome_and_debris_removed():
    a = read_article(SEED)
    assert "Accessibility links" not in a.text
    assert "Breaking News" not in a.text
    assert "Error! Hyperlink reference not valid." not in a.text
    assert a.date == "2022-03-30"


def test_repeated_caption_counts_once():
    a = read_article(SEED)
    assert a.text.count("A soldier comforts Larysa Kolesnyk") == 1


def test_sentence_offsets_point_into_text():
    a = read_article(SEED)
    for s in a.sentences:
        assert a.text[s.start : s.end] == s.text


def test_html_scripts_styles_and_chrome_dropped(tmp_path):
    p = tmp_path / "story.html"
    p.write_text(HOSTILE_HTML, encoding="utf-8")
    a = read_article(p)
    assert "alert('x')" not in a.text and "evil" not in a.text and "color:red" not in a.text
    assert "Home | World" not in a.text and "Copyright" not in a.text
    assert "Artillery hit the outskirts of Kharkiv on Monday" in a.text  # inline tags keep words together
    assert "<script>alert(2)</script> stays text." in a.text  # escaped markup is article text
    assert a.title == "Shelling near Kharkiv"
    assert a.date == "2022-05-02"


def test_cp1251_is_decoded():
    assert "Київ" in decode(CYRILLIC_CP1251)


def test_latin1_is_decoded():
    assert "Zürich" in decode(LATIN1)


@pytest.mark.parametrize(
    "data, message", [(b"", "empty"), (WHITESPACE.encode(), "empty"), (BINARY, "binary")]
)
def test_bad_bytes_raise_one_line_input_error(data, message):
    with pytest.raises(InputError, match=message) as info:
        decode(data, "x.txt")
    assert "\n" not in str(info.value)
    assert isinstance(info.value, ValueError) and isinstance(info.value, CorridormapError)


def test_oversized_file_rejected(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"Kyiv. " * (MAX_INPUT_BYTES // 6 + 10))
    with pytest.raises(InputError, match="limit"):
        read_article(p)


def test_missing_file_and_folder_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_article(tmp_path)
    (tmp_path / "a.txt").write_text("Kyiv.")
    with pytest.raises(InputError, match="no such file"):  # a path through a file
        read_article(tmp_path / "a.txt" / "b.txt")


def test_folder_is_read_and_bad_files_do_not_stop_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("Shelling hit Kharkiv.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<p>Buses left Mariupol.</p>", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"")
    (tmp_path / "ignored.png").write_bytes(BINARY)
    articles, errors = read_articles([tmp_path])
    assert sorted(a.doc.rsplit("/", 1)[-1] for a in articles) == ["a.txt", "b.html"]
    assert len(errors) == 1 and "c.txt" in errors[0]


def test_clean_text_keeps_article_lines():
    assert clean_text("Breaking News\nKyiv was quiet.\nShare\n") == "Kyiv was quiet."


def test_html_with_no_text_is_an_error():
    with pytest.raises(InputError, match="no article text"):
        article_from_text("<html><body><script>x()</script></body></html>", "e.html", is_html=True)


def test_empty_folder_is_an_error(tmp_path):
    articles, errors = read_articles([tmp_path])
    assert articles == [] and len(errors) == 1 and "no .txt or .html files" in errors[0]


# --- hostile input stays bounded ---


def test_devices_and_fifos_are_refused(tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo):
        with pytest.raises(InputError, match="not a regular file"):
            read_article(path)


def test_deeply_nested_html_is_read_flat():
    from geo.reading import MAX_HTML_DEPTH, html_depth, html_to_text

    html = (
        "<html><body>"
        + "<div>" * 5000
        + "<p>Shelling hit Irpin &amp; Bucha.</p><script>x()</script>"
        + "</div>" * 5000
    )
    assert html_depth(html) > MAX_HTML_DEPTH
    text, _, _ = html_to_text(html)
    assert "Shelling hit Irpin & Bucha." in text and "x()" not in text
