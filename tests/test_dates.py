"""Article dates (with their source) and the day a sentence is about."""

from __future__ import annotations

import pytest

from geo.dates import DateSource, dateline_date, parse_iso, sentence_date, written_date
from geo.reading import article_from_text, find_date

ARTICLE_DAY = "2022-03-09"  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("Shelling hit the bridge on Monday.", "2022-03-07"),
        ("Shelling hit the bridge on Wednesday.", "2022-03-09"),  # the article's own weekday: that day
        ("Buses left Sumy on Tuesday morning.", "2022-03-08"),
        ("Yesterday a convoy reached the city.", "2022-03-08"),
        ("A convoy left on March 5.", "2022-03-05"),
        ("A convoy left on 5 March.", "2022-03-05"),
        ("A CONVOY LEFT ON MARCH 5.", "2022-03-05"),  # a month in capitals is still a month
        ("YESTERDAY a convoy reached the city.", "2022-03-08"),
        ("Mar. 5th saw the first buses leave.", "2022-03-05"),
        ("The truce of December 28 held.", ARTICLE_DAY),  # months back: history, not the day's news
        ("Talks held on February 24, 2014 failed.", ARTICLE_DAY),  # history recalled, not today's news
        ("Talks held on March 2, 2022 failed.", "2022-03-02"),
        ("The town was shelled.", ARTICLE_DAY),
        ("Shelling on Monday and a convoy on Tuesday.", ARTICLE_DAY),  # two days: not ours to pick
    ],
)
def test_sentence_day(sentence: str, day: str) -> None:
    assert sentence_date(sentence, ARTICLE_DAY) == day


def test_day_month_after_the_article_is_last_years() -> None:
    assert sentence_date("The truce of December 28 held.", "2022-01-05") == "2021-12-28"


def test_undated_article_only_takes_written_years() -> None:
    assert sentence_date("Shelling hit the bridge on Monday.", None) is None
    assert sentence_date("A convoy left on March 5.", None) is None
    assert sentence_date("A convoy left on March 5, 2022.", None) == "2022-03-05"


def test_parsers_refuse_impossible_days() -> None:
    assert parse_iso("2022-02-30") is None
    assert written_date("February 30, 2022") is None
    assert sentence_date("It happened on February 30.", ARTICLE_DAY) == ARTICLE_DAY


@pytest.mark.parametrize(
    ("html", "day", "source"),
    [
        (
            '<meta property="article:published_time" content="2022-03-19T08:00:00Z">',
            "2022-03-19",
            "html_meta",
        ),
        (
            '<script type="application/ld+json">{"datePublished": "2022-03-20T10:00"}</script>',
            "2022-03-20",
            "json_ld",
        ),
        ('<time datetime="2022-03-21">21 March</time>', "2022-03-21", "time_tag"),
    ],
)
def test_html_dates_say_where_they_came_from(html: str, day: str, source: str) -> None:
    page = f"<html><head>{html}</head><body><article>{html if 'time' in html else ''}"
    page += "<p>Buses left Sumy for Poltava.</p></article></body></html>"
    a = article_from_text(page, "page.html", is_html=True)
    assert (a.date, a.date_source) == (day, source)


def test_text_dates_and_their_sources() -> None:
    assert find_date("Buses left.", "reports/2022-03-19-sumy.txt") == ("2022-03-19", DateSource.FILE_NAME)
    assert find_date("KYIV, March 19, 2022 (Reuters) - Buses left.", "a.txt") == (
        "2022-03-19",
        DateSource.DATELINE,
    )
    assert find_date("Buses left Sumy.\n\nPublished 19 March 2022.", "a.txt") == (
        "2022-03-19",
        DateSource.TEXT,
    )
    assert dateline_date("Buses left Sumy on March 19, 2022, for Poltava.") is None  # no dateline shape


def test_undated_article_stays_undated(tmp_path) -> None:
    from geo.reading import read_article

    f = tmp_path / "a.txt"
    f.write_text("Buses left Sumy for Poltava on Monday.")
    a = read_article(f)
    assert (a.date, a.date_source) == (None, None)  # the file's modification time is never a date


def test_event_takes_its_sentences_day() -> None:
    from geo.pipeline import extract_text

    text = "KYIV, March 9, 2022 (AP) - Shelling hit Kharkiv on Monday. A convoy reached Sumy."
    x = extract_text(text, "a.txt")
    days = {e.sentence_index: e.date for e in x.events}
    assert set(days.values()) >= {"2022-03-07"}
    assert "2022-03-09" in days.values() or len(days) == 1


@pytest.mark.parametrize(
    ("top", "day"),
    [
        ("Convoy reaches Zaporizhzhia\nMarch 19, 2022\nBuses left Berdyansk.", "2022-03-19"),  # a date line
        (
            "Updated on 19 March 2022 at 10:00, after a day of shelling across the region, the ministry "
            "said more",
            "2022-03-19",
        ),
        (
            "A woman waits for a bus out of Sumy, in the centre of the city, Ukraine, March 19, 2022.",
            "2022-03-19",
        ),
        ("Shelling. BY A WRITER Staff Reporter March 15, 2022 KHARKIV -- Shelling went on.", "2022-03-15"),
        (
            "The bridge, which was built on May 2, 1923, and rebuilt after the war, was damaged again by "
            "the strikes today.",
            None,
        ),
    ],
)
def test_publication_date_is_a_byline_not_history(top: str, day: str | None) -> None:
    found = find_date(top, "a.txt")
    assert found[0] == day
