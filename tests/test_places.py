"""Recognition and disambiguation on sentences we wrote (facts from the news)."""

from __future__ import annotations

import pytest

from geo.geometry import distance_km
from geo.pipeline import extract_text


def places(text, gazetteer):
    return {p.name: p for p in extract_text(text, gazetteer=gazetteer).places}


def surfaces(text, gazetteer):
    return {m.surface for p in extract_text(text, gazetteer=gazetteer).places for m in p.mentions}


@pytest.mark.parametrize(
    "text, not_places",
    [
        ("On Wednesday and again in March, officials met in Lviv.", {"Wednesday", "March"}),
        ("Filippo Grandi said the refugee count in Poland had risen.", {"Grandi", "Filippo"}),
        ("Dmitry Peskov told reporters in Moscow that talks continue.", {"Peskov", "Dmitry"}),
        ("Larysa Kolesnyk, 82, was evacuated from Irpin.", {"Larysa", "Kolesnyk"}),
        ("NATO leaders met while the Kremlin denied shelling Kharkiv.", {"NATO", "Kremlin"}),
        ("Defenders held out in the Azovstal plant in Mariupol.", {"Azovstal"}),
        ("The White House said aid to Odesa would continue.", {"White House"}),
        ("A convoy stopped on Kingston Road near the depot in Lviv.", {"Kingston"}),
        ("U.S. Sens. from both parties visited Lviv.", {"Sens"}),
        # a common word in British spelling inside an organisation's name, not Burkina Faso's region
        ("The Russian Centre for Reconciliation said buses reached Idlib.", {"Centre"}),
        ("The Khan Younis Training Centre sheltered families from Gaza City.", {"Centre"}),
    ],
)
def test_non_places_rejected(gazetteer, text, not_places):
    found = surfaces(text, gazetteer)
    assert not (found & not_places), found
    assert found, "the real place in the sentence should still be found"


def test_possessive_is_the_place(gazetteer):
    ps = places("Russia's troops massed near Ukraine's border.", gazetteer)
    assert {"Russia", "Ukraine"} <= set(ps)
    assert [m.surface for m in ps["Russia"].mentions] == ["Russia"]


def test_demonym_kept_as_country_reference_not_drawn(gazetteer):
    ps = places("Ukrainian forces retook the village.", gazetteer)
    assert ps["Ukraine"].mentions[0].role == "demonym"
    assert not ps["Ukraine"].drawn


def test_donetsk_in_a_ukraine_story_is_the_ukrainian_city(gazetteer):
    ps = places("Shelling in Donetsk continued, Ukraine's army said; Kramatorsk was calm.", gazetteer)
    assert ps["Donetsk"].country_code == "UA"
    assert distance_km((ps["Donetsk"].lat, ps["Donetsk"].lon), (48.02, 37.80)) < 20


def test_bucha_is_near_kyiv_not_in_germany(gazetteer):
    ps = places("Bodies were found in Bucha after troops withdrew from the Kyiv region.", gazetteer)
    assert ps["Bucha"].country_code == "UA"


def test_paris_texas_is_in_texas(gazetteer):
    ps = places("The storm hit Paris, Texas, on Monday.", gazetteer)
    paris = ps["Paris"]
    assert paris.country_code == "US" and paris.admin1 == "TX"


def test_paris_alone_is_the_capital(gazetteer):
    assert places("Leaders met in Paris to discuss sanctions.", gazetteer)["Paris"].country_code == "FR"


def test_georgia_with_tbilisi_is_the_country_and_with_atlanta_the_state(gazetteer):
    assert (
        places("Protesters in Tbilisi said Georgia must join the EU.", gazetteer)["Georgia"].precision
        == "country"
    )
    state = places("Atlanta is the largest city in Georgia.", gazetteer)["Georgia"]
    assert state.precision == "region" and state.country_code == "US"


def test_precision_and_confidence(gazetteer):
    ps = places("Ships left the Black Sea port of Odesa for Istanbul, Turkey, near the Donbas.", gazetteer)
    assert ps["Odesa"].precision == "city"
    assert ps["Black Sea"].precision == "water"
    assert ps["Turkey"].precision == "country"
    assert ps["Donbas"].precision == "region"
    assert all(0.0 <= p.confidence <= 1.0 for p in ps.values())


def test_kyiv_is_the_city_not_the_region(gazetteer):
    assert places("Air raid sirens sounded in Kyiv.", gazetteer)["Kyiv"].precision == "city"


def test_mention_offsets_point_at_surface(gazetteer):
    x = extract_text("Evacuees from Kherson reached Mykolaiv – and then Odesa.", gazetteer=gazetteer)
    for p in x.places:
        for m in p.mentions:
            assert m.sentence[m.start : m.end] == m.surface


def test_nearby_names_in_the_same_sentence_outweigh_a_crowd_elsewhere(gazetteer):
    text = (
        "Shelling was reported in Kramatorsk, Sloviansk, Bakhmut, Kostiantynivka and Druzhkivka in the "
        "Donetsk region.\n\nLater, drones hit the ports of Odesa and Mykolaiv, the navy said.\n\n"
        "A convoy from Orikhiv reached Zaporizhzhia after passing Vasylivka."
    )
    ps = places(text, gazetteer)
    mykolaiv = next(p for p in ps.values() if any(m.surface == "Mykolaiv" for m in p.mentions))
    assert (
        distance_km((mykolaiv.lat, mykolaiv.lon), (46.97, 31.99)) < 20
    )  # the port city, not a Donbas village
    vasylivka = next(p for p in ps.values() if any(m.surface == "Vasylivka" for m in p.mentions))
    assert distance_km((vasylivka.lat, vasylivka.lon), (47.44, 35.27)) < 20  # the one on that road


def test_oblasts_have_english_names(gazetteer):
    ps = places(
        "Shelling continued in the Kherson region and in Sumy Oblast, Ukraine's army said.", gazetteer
    )
    assert {"Kherson Oblast", "Sumy Oblast"} <= set(ps)
    assert all(ps[n].precision == "region" for n in ("Kherson Oblast", "Sumy Oblast"))


def test_the_dnipro_is_the_river_and_dnipro_the_city(gazetteer):
    river = places("Troops pulled back across the Dnipro after leaving Kherson.", gazetteer)
    assert any(p.precision == "water" for p in river.values() if p.mentions[0].surface == "Dnipro")
    city = places("Missiles hit Dnipro and Kharkiv overnight.", gazetteer)
    assert city["Dnipro"].precision == "city"


@pytest.mark.parametrize(
    "text, surface",
    [
        ("HAMMOND, Ind. (AP) - State officials fined two boaters.", "Ind."),
        ("The bill was written by Rep. Jane Roe, R-N.M., last year.", "N.M."),
        ("The N.M. Highway Patrol is looking for the driver.", "N.M."),
        ("Police said Tom Hale, of Trenton, was arrested.", "Trenton"),
    ],
)
def test_state_abbreviations_and_residences(gazetteer, text, surface):
    assert surface in surfaces(text, gazetteer)


def test_languages_are_not_country_references(gazetteer):
    assert "English" not in surfaces("The programme airs in English on Fridays.", gazetteer)
    assert "French" not in surfaces("French speakers in Quebec protested.", gazetteer)
    ps = places("Russian-occupied Melitopol was quiet; Spanish explorers once sailed past.", gazetteer)
    assert ps["Russia"].mentions[0].role == "demonym"
    assert ps["Spain"].mentions[0].role == "demonym"  # the adjective, not a hamlet called Spanish


def test_towns_set_the_scene_and_particles_join_names(gazetteer):
    ps = places(
        "Evacuations from Deir ez-Zor to Damascus stopped after shelling near Palmyra, as Idlib and "
        "Aleppo braced for more.",
        gazetteer,
    )
    assert "Deir ez-Zor" in ps
    palmyra = next(p for p in ps.values() if p.mentions[0].surface == "Palmyra")
    assert palmyra.country_code == "SY"


def test_a_capital_and_its_namesake_province_are_one_answer(gazetteer):
    assert places("Fighting reached Khartoum again.", gazetteer)["Khartoum"].confidence > 0.9


def test_long_texts_are_read_in_windows(extractor, gazetteer):
    import numpy as np

    from geo.model import Article
    from geo.resolve import MAX_WINDOW_NAMES, _windows
    from geo.sentences import split_sentences

    big = np.flatnonzero((np.asarray(gazetteer.kind) == 0) & (np.asarray(gazetteer.population) > 20_000))
    ua_cities = [int(p) for p in big if gazetteer.country_code(int(p)) == "UA"]
    towns = sorted({gazetteer.name(p) for p in ua_cities} - {"Kharkiv"})[: MAX_WINDOW_NAMES + 100]
    text = "".join(f"Shelling hit Kharkiv and {t}, Ukraine's army said.\n\n" for t in towns)
    article = Article("long", text, split_sentences(text))
    found = extractor.recognizer.find(article)
    assert len(_windows(found)) >= 2
    x = extractor.extract([article])
    kharkiv = [p for p in x.places if any(m.surface == "Kharkiv" for m in p.mentions)]
    assert len(kharkiv) == 1 and kharkiv[0].country_code == "UA"  # the same answer in every window
    assert len(kharkiv[0].mentions) == len(towns)


# --- names as readers know them (sentences written for these tests) ---


def _places(text, gazetteer):
    from geo.pipeline import extract_text

    return {m.surface: p for p in extract_text(text, gazetteer=gazetteer).places for m in p.mentions}


@pytest.mark.parametrize(
    "text, surface, name",
    [
        ("Shelling was reported in the Luhansk region overnight.", "Luhansk region", "Luhansk Oblast"),
        ("Aid reached Idlib Province on Monday.", "Idlib Province", "Idlib"),
        (
            "The district council of Kupiansk district ordered an evacuation.",
            "Kupiansk district",
            "Kupiansk Raion",
        ),
        ("Talks were held in Gaza City on Tuesday.", "Gaza City", "Gaza"),
        ("Families fled Nagorno Karabakh by car.", "Nagorno Karabakh", "Nagorno-Karabakh"),
    ],
)
def test_designated_and_spelled_variants(gazetteer, text, surface, name):
    got = _places(text, gazetteer)
    assert surface in got and got[surface].name == name


def test_a_country_named_like_its_demonym_is_a_place(gazetteer):
    got = _places("The ship sailed from Aden to Djibouti at night.", gazetteer)
    assert got["Djibouti"].drawn


def test_an_article_and_a_hyphenated_name_are_not_towns(gazetteer):
    got = _places("Ships crossed the Bab-el-Mandeb strait while Al Mawasi filled with tents.", gazetteer)
    assert "Bab" not in got and "Al" not in got


def test_the_sea_not_the_province_named_after_it(gazetteer):
    got = _places("Buses left Khartoum for Port Sudan on the Red Sea.", gazetteer)
    assert got["Red Sea"].precision == "water"


def test_marked_names_the_gazetteer_lacks_are_listed_unlocated(gazetteer):
    got = _places("Buses left the village of Oskaniv and the Hasansham camp for Kyiv.", gazetteer)
    assert got["Oskaniv"].precision == "unlocated" and got["Oskaniv"].lat is None
    assert got["Hasansham"].precision == "unlocated" and not got["Hasansham"].drawn


def test_organisations_and_people_are_not_unlocated_places(gazetteer):
    got = _places(
        "Oleh Tarkivsky said convoys from Tarkivsky reached the International Committee offices.", gazetteer
    )
    assert "Tarkivsky" not in got and "International Committee" not in got


def test_label_is_the_articles_spelling(gazetteer):
    from geo.pipeline import extract_text

    x = extract_text(
        "Buses reached Zaporizhzhia. Zaporizhzhia and Zaporizhia both took evacuees.", gazetteer=gazetteer
    )
    [p] = [p for p in x.places if p.name == "Zaporizhzhya"]
    assert p.label == "Zaporizhzhia" and p.display == "Zaporizhzhia"


# --- recognition's people rules, one test each (sentences written for these tests) ---


def test_rule_named_after_a_person(gazetteer):
    from geo.recognize import Recognizer

    r = Recognizer(gazetteer)
    text = "Reporters asked Maria Odesa about the convoy."
    [f] = [f for f in _all_candidates(r, text) if f.surface == "Odesa"]
    assert r._named_after_person(f, text)
    assert "Odesa" not in surfaces(text, gazetteer)


def test_rule_surname_after_a_first_name(gazetteer):
    from geo.recognize import Recognizer

    r = Recognizer(gazetteer)
    text = "Chad Kowalczyk drove the lead bus."
    [f] = [f for f in _all_candidates(r, text) if f.surface == "Chad"]
    assert r._surname_after(f, text) == "kowalczyk"
    assert "Chad" not in surfaces(text, gazetteer)


def test_rule_a_speaker_is_a_person(gazetteer):
    from geo.recognize import Recognizer

    r = Recognizer(gazetteer)
    text = "Volunteer Bryan Irpin, 42, said the road was open."
    [f] = [f for f in _all_candidates(r, text) if f.surface == "Irpin"]
    assert r._speaks(f, text)


def _all_candidates(r, text):
    """Every name the trie finds in ``text``, before the filters that remove people."""
    from geo.reading import article_from_text
    from geo.textnorm import fold

    article = article_from_text(text, "t.txt")
    out = []
    for sent in article.sentences:
        for i, ch in enumerate(sent.text):
            if ch.isupper() and (i == 0 or not sent.text[i - 1].isalnum()):
                key = r._longest(fold(article.text), sent.start + i, article.text)
                if key:
                    f = r._found(article.text, sent, i, key, tuple(r.gaz.candidates(key)), False)
                    if f:
                        out.append(f)
    return out


def test_a_direction_before_a_name(gazetteer):
    """ "northern Gaza" is the governorate the gazetteer names North Gaza; "eastern Ukraine" is Ukraine;
    "Eastern Aleppo City" is a part of the town, written whole."""
    from geo.pipeline import extract_text

    got = {
        m.surface: p.name
        for p in extract_text(
            "Families walked from northern Gaza. Fighting spread in eastern Ukraine. "
            "Buses left Eastern Aleppo City.",
            gazetteer=gazetteer,
        ).places
        for m in p.mentions
    }
    assert got == {"northern Gaza": "North Gaza", "Ukraine": "Ukraine", "Eastern Aleppo City": "Aleppo"}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Shelling was reported near Shevchenkove on Tuesday.", "Shevchenkove"),  # seven towns in Ukraine
        ("Residents of Novodmytrivka were told to leave.", "Novodmytrivka"),  # two, 150 km apart
    ],
)
def test_a_guess_between_namesakes_is_listed_not_pinned(gazetteer, text, name):
    """A village whose name several towns of its country bear, with nothing in the story to choose
    between them, is listed with its sentence but put on no map."""
    place = places(text, gazetteer)[name]
    assert place.lat is None and place.lon is None and not place.drawn
    assert [m.surface for m in place.mentions] == [name]


def test_a_namesake_near_the_story_is_pinned(gazetteer):
    """The same village name beside a town near one of its namesakes is that namesake."""
    ps = places("Buses took families from Shevchenkove to Kupiansk on Tuesday.", gazetteer)
    assert distance_km((ps["Shevchenkove"].lat, ps["Shevchenkove"].lon), (49.6951, 37.1763)) < 5
    assert ps["Shevchenkove"].drawn


def test_a_route_names_a_guessed_stop_it_cannot_draw(gazetteer):
    x = extract_text("An evacuation convoy left Shevchenkove for Zaporizhzhia.", gazetteer=gazetteer)
    assert [(c.origin, c.destination, c.drawable) for c in x.corridors] == [
        ("Shevchenkove", "Zaporizhzhya", False)
    ]


def test_a_street_named_after_a_region_is_no_place_and_sets_no_scene(gazetteer):
    from geo.pipeline import extract_text

    x = extract_text("Families drove south on Salah al-Din Road towards Khan Younis.", gazetteer=gazetteer)
    assert [p.name for p in x.places] == ["Khān Yūnis"]


def test_a_state_before_a_highway_is_still_the_state(gazetteer):
    from geo.pipeline import extract_text

    x = extract_text("Her car rolled over on the Massachusetts Turnpike near Worcester.", gazetteer=gazetteer)
    assert "Massachusetts" in {p.name for p in x.places}
