from __future__ import annotations

import pytest

from geo.events import classify, classify_all


def types(sentence: str) -> set[str]:
    return {t.event_type for t in classify(sentence)}


@pytest.mark.parametrize(
    "sentence, expected, subtype",
    [
        ("Artillery pounded the northern suburbs overnight.", "attack", "shelling"),
        ("A cruise missile struck an oil depot near the port.", "attack", "missile"),
        ("Drones attacked the power station before dawn.", "attack", "air_strike"),
        ("An airstrike destroyed the bridge.", "attack", "air_strike"),
        ("A car bomb exploded outside the town hall, and the blast shattered windows.", "attack", "bombing"),
        ("Clashes between the two units lasted until morning.", "attack", "armed_clash"),
    ],
)
def test_attack_subtypes(sentence, expected, subtype):
    [t] = [t for t in classify(sentence) if t.event_type == expected]
    assert t.subtype == subtype
    assert t.triggers


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Hundreds of civilians were evacuated by train on Sunday.", {"evacuation"}),
        ("A convoy delivered humanitarian aid and medical supplies to the city.", {"humanitarian_aid"}),
        ("More than two million refugees have crossed into Poland.", {"refugees"}),
        ("The delegations will meet again for peace talks next week.", {"negotiation"}),
        ("Both sides agreed to a ceasefire along the front.", {"negotiation"}),
        ("Troops withdrew from the area around the capital.", {"military_movement"}),
        ("Tank columns were moving toward the city from the north.", {"military_movement"}),
        (
            "The corridor will be used to evacuate residents and to deliver food.",
            {"evacuation", "humanitarian_aid"},
        ),
    ],
)
def test_types(sentence, expected):
    assert types(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister said prices would rise this winter.",
        "He suffered a heart attack at home.",
        "An aide to the president spoke to reporters.",
        "Military analysts expect a long war.",
        "The invasion began on a cold morning.",
        "",
    ],
)
def test_other(sentence):
    assert types(sentence) == {"other"}


def test_first_named_weapon_sets_the_subtype():
    [t] = [
        t
        for t in classify("Airstrikes hit the camp while rockets were fired back.")
        if t.event_type == "attack"
    ]
    assert t.subtype == "air_strike"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Aid trucks crossed into the enclave at dawn.", "humanitarian_aid"),
        ("Fighting continued around the two towns for a third day.", "attack"),
    ],
)
def test_more_phrasings(sentence, expected):
    assert expected in types(sentence)


def test_units_fighting_somewhere_is_not_an_attack_report():
    assert "attack" not in types("Units fighting in the east were pulled back to regroup.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister came under fire from lawmakers over the budget.",
        "Two people were killed in a car crash on the highway.",
        "Rescuers pulled three survivors from the rubble.",
        "Russian forces in occupied Melitopol detained the mayor.",
    ],
)
def test_words_that_only_sound_like_war_are_not_events(sentence):
    assert types(sentence) == {"other"}


@pytest.mark.parametrize(
    "sentence, expected, subtype",
    [
        ("Marines recaptured the island in June.", "military_movement", None),
        ("Air defences shot down 20 drones overnight.", "attack", "air_strike"),
    ],
)
def test_retaking_ground_and_downing_drones(sentence, expected, subtype):
    [t] = [t for t in classify(sentence) if t.event_type == expected]
    assert t.subtype == subtype


def test_pounding_is_an_attack_and_a_siren_is_not():
    assert "attack" in types("Russian forces pounded the capital overnight.")
    assert types("Air raid sirens sounded across the west of the country.") == {"other"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Volunteers delivered 20 tonnes of food to the town.", "humanitarian_aid"),
        ("The two sides agreed to a prisoner swap on Friday.", "negotiation"),
        ("A counteroffensive pushed the troops out of the city.", "military_movement"),
    ],
)
def test_further_phrasings(sentence, expected):
    assert expected in types(sentence)


def test_offensive_remarks_are_not_troop_movements():
    assert types("He made offensive remarks about the mayor.") == {"other"}


# --- events that read like the news (sentences written for these tests) ---


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Evacuees boarded the trains at dawn.", "evacuation"),
        ("The evacuation was halted by shelling.", "attack"),
        ("The evacuation was halted by shelling.", "evacuation"),
        ("Forty trucks carrying food and medicines reached the town.", "humanitarian_aid"),
        ("Thousands of displaced families sought refuge in schools.", "refugees"),
        ("The two sides agreed on a truce for Sunday.", "negotiation"),
        ("Troops blockaded the city for a month.", "military_movement"),
        ("Militia fighters opened fire on the convoy.", "attack"),
    ],
)
def test_word_forms_and_phrasings(sentence, expected):
    assert expected in types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "No shelling was reported overnight.",
        "Residents fear the town could be shelled again.",
        "There will be no shooting during the pause.",
    ],
)
def test_negated_or_feared_attacks_are_none(sentence):
    assert "attack" not in types(sentence)


def test_aid_for_displaced_people_is_aid_not_flight():
    assert types("Volunteers distributed food to 2,000 displaced families.") == {"humanitarian_aid"}


def test_casualties_beside_an_attack_are_part_of_it():
    typed = classify_all(
        ["Artillery hit the bus depot in the morning.", "Six people died and nine were hurt."]
    )
    assert "attack" in {t.event_type for t in typed[1]}
    alone = classify_all(["The mayor opened a park.", "Six people died and nine were hurt."])
    assert {t.event_type for t in alone[1]} == {"other"}


def test_a_movement_beside_an_evacuation_is_part_of_it():
    typed = classify_all(["The evacuation of the town resumed.", "The buses left the square at noon."])
    assert "evacuation" in {t.event_type for t in typed[1]}


@pytest.mark.parametrize(
    "sentence",
    [
        "Buses heading to the city following a ceasefire announced on Monday were stopped.",
        "The convoy was shelled during the period of truce.",
        "Officials urged the sides to guarantee their safety and human rights.",
    ],
)
def test_a_truce_as_background_is_no_negotiation(sentence):
    assert "negotiation" not in types(sentence)


def test_aid_received_by_displaced_people_is_aid():
    assert types("Some 9,000 internally displaced people received food delivered by volunteers.") == {
        "humanitarian_aid"
    }


def test_an_attempt_to_flee_is_a_flight():
    assert "refugees" in types("Thousands of families tried to leave through the mountain pass.")


def types_of(sentence):
    return {t.event_type for t in classify(sentence)}


def test_a_heading_reports_through_its_lines():
    assert types_of("Evacuation corridors agreed for Saturday:") == {"other"}
    assert "evacuation" in types_of("Evacuation corridors were agreed for Saturday.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Volunteers handed out blankets and tea to evacuees at the station.", set()),
        ("The agreement guarantees the evacuees' safety.", set()),
        ("Some 400 evacuees were transferred to hospitals in Dnipro.", {"evacuation"}),
        ("Evacuees boarded the last train west.", {"evacuation"}),
    ],
)
def test_evacuees_named_are_no_evacuation_unless_moving_or_counted(sentence, expected):
    assert types_of(sentence) & {"evacuation"} == expected


def test_a_choice_to_leave_is_no_departure():
    typed = classify_all(
        [
            "Buses evacuated 300 people from the old town on Monday.",
            "Residents were given the choice to stay or leave.",
        ]
    )
    assert {t.event_type for t in typed[1]} == {"other"}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The army pushed into the outskirts of Omdurman.", "military_movement"),
        ("The agency delivered 300 tonnes of flour to Homs.", "humanitarian_aid"),
        ("Buses took 250 civilians out of the encircled town.", "evacuation"),
        ("Volunteers brought 40 children to safety overnight.", "evacuation"),
        ("The two sides exchanged 90 prisoners on Tuesday.", "negotiation"),
        ("Qatar proposed a five-day truce to both sides.", "negotiation"),
        ("The UN asked for a humanitarian pause in Khan Yunis.", "negotiation"),
    ],
)
def test_news_phrasings_of_each_type(sentence, expected):
    assert expected in types_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Militias were preventing evacuations from the besieged districts.",
        "Fighters blocked civilians from leaving the town.",
    ],
)
def test_a_prevented_evacuation_is_none(sentence):
    assert "evacuation" not in types_of(sentence)


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("KYIV, March 3, 2022 (Wire) - Shelling hit Kharkiv overnight.", ("Kharkiv",)),
        ("ODESA — Artillery struck Mykolaiv on Monday.", ("Mykolayiv",)),
        ("KHARTOUM, June 3 (Wire) - Thousands of residents fled on Saturday.", ()),
    ],
)
def test_a_dateline_never_locates_an_event(gazetteer, text, places):
    from geo.pipeline import extract_text

    [event] = [e for e in extract_text(text, gazetteer=gazetteer).events if e.event_type != "other"]
    assert event.places == places


@pytest.mark.parametrize(
    ("sentence", "end"),
    [
        ("KYIV, March 3 (Reuters) - Shelling hit Kharkiv.", len("KYIV, March 3 (Reuters) - ")),
        ("RAFAH CROSSING, Egypt — At least 320 people left.", len("RAFAH CROSSING, Egypt — ")),
        ("GAZA: The agency said", len("GAZA: ")),
        ("UNHCR, the UN refugee agency, has opened a camp.", 0),
        ("US-led talks - what next", 0),
    ],
)
def test_dateline_end(sentence, end):
    from geo.dates import dateline_end

    assert dateline_end(sentence) == end


@pytest.mark.parametrize(
    "sentence",
    [
        "The suspect fled on foot and was apprehended two blocks away.",
        "He is charged with fleeing police after a traffic stop on Main Street.",
        "Two inmates escaped from the county jail overnight.",
    ],
)
def test_a_flight_from_the_law_is_no_refugee_flight(sentence):
    assert "refugees" not in types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said thousands of residents fled the shelling overnight.",
        "Families fled on foot as the fighting reached the outskirts.",
    ],
)
def test_people_in_danger_flee_whoever_reports_it(sentence):
    assert "refugees" in types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Congress approved more military aid to the government on Tuesday.",
        "A neighbour heard her cries and came to her aid.",
        "Deputies from two counties provided assistance to the city police.",
        "The detective was assisted by officers from the state police.",
        "The officer radioed for assistance before the chase.",
    ],
)
def test_weapons_money_and_police_help_are_no_humanitarian_aid(sentence):
    assert "humanitarian_aid" not in types(sentence)


def test_aid_to_civilians_stays_aid_beside_those_idioms():
    assert "humanitarian_aid" in types(
        "Aid convoys brought food to civilians after the first aid post closed."
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("About 1,200 people were bused from Douma to Idlib under the deal.", "evacuation"),
        ("Hundreds of residents have been relocated to the west of the region.", "evacuation"),
        ("Thousands crossed from Ukraine into Poland on Sunday.", "refugees"),
    ],
)
def test_people_moved_in_the_passive_and_crossings_from_a_place(sentence, expected):
    assert expected in types(sentence)


def test_moved_to_tears_is_no_evacuation():
    assert "evacuation" not in types("The residents were moved to tears by the ceremony.")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Relief flights landed at the airport with tents and blankets.", "humanitarian_aid"),
        ("Ships carrying food docked in the port on Monday.", "humanitarian_aid"),
        ("Volunteers drove elderly residents out of the town overnight.", "evacuation"),
        ("Aid workers escorted 150 people out of the besieged district.", "evacuation"),
    ],
)
def test_aid_by_air_and_sea_and_people_driven_out(sentence, expected):
    assert expected in types(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Israeli strikes killed 12 people in Rafah on Tuesday.", "Overnight strikes damaged two schools."],
)
def test_strikes_that_kill_or_damage_are_attacks(sentence):
    assert "attack" in types(sentence)


def test_a_labour_strike_is_no_attack():
    assert "attack" not in types("The dockers' strike hit exports for a week.")


@pytest.mark.parametrize(
    ("sentence", "absent"),
    [
        ("There were no reports of attacks in the city on Tuesday.", "attack"),
        ("No evacuation was possible because of the shelling.", "evacuation"),
    ],
)
def test_reports_of_none_are_no_events(sentence, absent):
    assert absent not in types(sentence)


def test_no_one_hurt_in_an_evacuation_is_still_an_evacuation():
    assert "evacuation" in types("No one was hurt during the evacuation of the town.")


def test_surveillance_drones_are_no_attack():
    assert "attack" not in types("The road was under constant drone surveillance, volunteers said.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands have fled the city over the past week, aid agencies said.",
        "According to humanitarian organisations, the road is now closed.",
    ],
)
def test_aid_agencies_as_a_source_are_no_aid_delivery(sentence):
    assert "humanitarian_aid" not in types(sentence)


def test_aid_agencies_delivering_are_aid():
    assert "humanitarian_aid" in types("Aid agencies delivered food to 50,000 people on Monday.")


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 100,000 ethnic Armenians have left Nagorno-Karabakh for Armenia.",
        "Some 2,000 people have left the town since Monday.",
    ],
)
def test_a_counted_departure_of_people_is_a_flight(sentence):
    assert "refugees" in types_all(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Dozens of veterans left the hall after the speech.",
        "Flores, 26, had just left the Army.",
        "Thousands of residents were left with rubbish piling up.",
    ],
)
def test_other_departures_are_no_flight(sentence):
    assert "refugees" not in types_all(sentence)


def test_a_counted_departure_beside_an_evacuation_is_that_evacuation():
    got = classify_all(
        ["The evacuation of the town continued on Friday.", "More than 20,000 residents have left the town."]
    )
    assert {t.event_type for t in got[1]} == {"evacuation"}


def test_killing_at_least_so_many_people_is_an_attack():
    assert "attack" in types("The depot burned through the night, killing at least 40 people.")


def types_all(sentence: str) -> set[str]:
    return {t.event_type for t in classify_all([sentence])[0]}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A bus carrying evacuees came under fire near the bridge.", {"attack", "evacuation"}),
        ("Hundreds of thousands of Palestinians have moved south since the order.", {"refugees"}),
    ],
)
def test_fire_on_evacuees_and_a_people_moving_south(sentence, expected):
    assert expected <= types_all(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The army said it had regained control of the city.",
        "Rebels overran the army base outside the town.",
        "Paramilitary fighters took over the camp after days of fighting.",
    ],
)
def test_control_taken_or_regained_is_a_military_movement(sentence):
    assert "military_movement" in types(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "She lost control of her car and it overturned.",
        "The committee reported a cost overrun on the bridge.",
        "A column of cars with refugees moved slowly west.",
    ],
)
def test_cars_and_costs_are_no_military_movement(sentence):
    assert "military_movement" not in types(sentence)
