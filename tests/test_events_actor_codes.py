"""ACLED-style actor codes (events/actor_codes.py) on hand-made names with known answers."""

from dataclasses import replace

import pytest

from conflict_events.events.actor_codes import actor_code, named_country, named_group
from conflict_events.events.records import Event


@pytest.mark.parametrize("words, country, code", [
    # one code per named group, however it is written
    ("RSF fighters", "Sudan", "Rapid Support Forces"),
    ("Rapid Support Forces (RSF)", "Sudan", "Rapid Support Forces"),
    ("Islamic State West Africa Province (ISWAP)", "Nigeria", "Islamic State West Africa Province"),
    ("ISWAP", "Nigeria", "Islamic State West Africa Province"),
    ("members of the Sinjar Resistance Units", "Iraq", "Sinjar Resistance Units"),
    ("YBS", "Iraq", "Sinjar Resistance Units"),
    ("Haftar's forces", "Libya", "Libyan National Army"),
    ("Kyrgyz border troops", "Tajikistan", "Military Forces of Kyrgyzstan"),  # the demonym, not the country
    ("social leader", "Colombia", "Civilians (Colombia)"),
    ("remnants of ISIS", "Iraq", "Islamic State"),                        # the longer name wins only where it is written
    ("Kurdish-led Syrian Democratic Forces (SDF)", "Syria", "Syrian Democratic Forces"),
    ("Houthi", "Yemen", "Houthis"),
    ("M23 rebels", "DR Congo", "M23"),
    # state forces: the country the words name, else the event's
    ("Malian troops", "Burkina Faso", "Military Forces of Mali"),
    ("soldiers", "Mali", "Military Forces of Mali"),
    ("Russian", "Ukraine", "Military Forces of Russia"),
    ("US", "Somalia", "Military Forces of the United States"),
    ("junta", "Myanmar", "Military Forces of Myanmar"),
    ("police officers", "Kenya", "Police Forces of Kenya"),
    # victims, crowds, unnamed armed men
    ("villagers", "Mali", "Civilians (Mali)"),
    ("a 60-year-old man", "Yemen", "Civilians (Yemen)"),
    ("Protesters", "Kenya", "Protesters (Kenya)"),
    ("Gunmen", "Nigeria", "Unidentified Armed Group (Nigeria)"),
    ("suspected jihadist fighters", "Mali", "Unidentified Armed Group (Mali)"),
    ("Unidentified Armed Group (Mali)", "Niger", "Unidentified Armed Group (Mali)"),  # its own country stays
    ("clan fighters", "Somalia", "Communal Militia (Somalia)"),
    # a state's units and personnel are its military; a group's cadres, men and fighters are the group
    ("Azerbaijani units", "Armenia", "Military Forces of Azerbaijan"),
    ("Russian personnel", "Ukraine", "Military Forces of Russia"),
    ("UPDF (Prosit) cadres", "Bangladesh", "UPDF"),
    ("terrorists of the EIGS", "Niger", "EIGS"),
    ("men of the Amotekun Corps", "Nigeria", "Amotekun"),
    ("Maoists", "India", "CPI (Maoist)"),
    # state forces known by their own names code as their state's, wherever the event is
    ("SSPDF soldiers", "Sudan", "Military Forces of South Sudan"),
    ("Royal Armed Forces", "Western Sahara", "Military Forces of Morocco"),
    ("a Frontier Corps patrol", "Pakistan", "Military Forces of Pakistan"),
    ("Islamic Revolutionary Guard Corps", "Iraq", "Military Forces of Iran"),
    # one code per group under the names reports give it
    ("Hashd fighters", "Iraq", "Popular Mobilization Forces"),
    ("Shene terrorist group", "Ethiopia", "Oromo Liberation Army"),  # the government's name for the OLA
    ("Rada Special Deterrence Force", "Libya", "Radaa Force"),
    ("SPLM-North (al-Hilu faction)", "Sudan", "SPLM-N"),
    ("Sudan People's Liberation Army-in-Opposition", "South Sudan", "SPLM-IO"),  # the longer name, not the army's
    ("Lakurawa gunmen", "Nigeria", "Lakurawa"),
    # a party the table does not know keeps its words, less the article and generic tail
    ("fighters of the Popular Resistance", "Yemen", "Popular Resistance"),
    ("the Jaime Martinez front", "Colombia", "Jaime Martinez front"),
    ("Kalo terrorist group", "Mali", "Kalo"),  # the whole generic tail, not its last word only
    ("Zintan militias", "Libya", "Zintan"),
])
def test_actor_code(words, country, code):
    assert actor_code(words, country) == code


def test_capitals_only_names_do_not_match_ordinary_words():
    assert named_group("Arakan Army") == named_group("AA") == "Arakan Army"
    assert named_group("aa battery") is None  # 'AA' and 'IS' only as capitals
    assert named_country("us and them") is None and named_country("US troops") == "the United States"


def test_short_names_in_the_table_match_only_as_capitals():
    """A short alias matched in any case would code ordinary words ('LeT' would match 'let');
    names of three letters or fewer are written in capitals, which match case-sensitively."""
    from conflict_events.events.actor_codes import _DATA

    for table in ("actor_names.tsv", "state_names.tsv"):
        with open(_DATA / table, encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    for name in line.rstrip("\n").split("\t")[1].split("|"):
                        assert len(name) > 3 or name.upper() == name, f"{table}: {name!r}"
    assert named_group("let them go") is None and named_group("the Verkhovna Rada") is None


def test_a_name_two_parties_share_stays_out_of_the_table():
    # 'UPDF' is Uganda's army and a party of the Chittagong Hill Tracts: only the long name is Uganda's
    assert actor_code("UPDF organiser", "Bangladesh") != "Military Forces of Uganda"
    assert actor_code("Uganda People's Defence Force", "DR Congo") == "Military Forces of Uganda"


def test_no_words_no_code():
    assert actor_code(None, "Mali") is None and actor_code("  ", "Mali") is None
    assert actor_code("troops", None) == "Military Forces"


def test_event_codes_follow_its_actors_and_country():
    event = Event(event_id="e", article_ids=("a",), event_type="Battles", actor1="RSF", actor2="troops", country="Sudan")
    assert (event.actor1_code, event.actor2_code) == ("Rapid Support Forces", "Military Forces of Sudan")
    moved = replace(event, country="Chad", actor1="gunmen")
    assert (moved.actor1_code, moved.actor2_code) == ("Unidentified Armed Group (Chad)", "Military Forces of Chad")
    assert event.to_dict()["actor1_code"] == "Rapid Support Forces"
    assert Event.from_dict(event.to_dict()) == event


def test_a_country_spelt_two_ways_gives_one_code_and_one_country():
    from conflict_events.events.actor_codes import canonical_country
    from conflict_events.events.evaluate import field_equal

    assert canonical_country("Côte d'Ivoire") == canonical_country("Ivory Coast") == "Ivory Coast"
    assert canonical_country("Niger") == "Niger" and canonical_country("Atlantis") == "Atlantis"
    assert actor_code("soldiers", "Côte d'Ivoire") == actor_code("soldiers", "Ivory Coast")
    assert field_equal("country", "Ivory Coast", "Côte d'Ivoire") and not field_equal("country", "Niger", "Nigeria")


def test_a_party_the_tables_lack_is_coded_one_way():
    assert actor_code("Karbis", "India") == actor_code("Karbi insurgents", "India") == "Karbi"
    assert actor_code("CCMSR (Command Council for the Salvation of the Republic)", "Chad") == \
        actor_code("Elements of the CCMSR", "Chad") == "CCMSR"
    assert actor_code("Los Choneros", "Ecuador") == "Los Choneros"  # two words: kept as written


def test_joint_parties_take_the_first_partys_code_as_acled_codes_the_associate_apart():
    assert actor_code("soldiers and VDP volunteers", "Burkina Faso") == "Military Forces of Burkina Faso"
    assert actor_code("police and paramilitary Frontier Corps troops", "Pakistan") == "Police Forces of Pakistan"
    assert actor_code("Hamas and Islamic Jihad", "Palestine") == actor_code("Hamas", "Palestine")
    # a shared head noun names one party of two states: the first state's
    assert actor_code("Mozambican and Rwandan troops", "Mozambique") == "Military Forces of Mozambique"
    assert actor_code("women and children", "Mali") == "Civilians (Mali)"


@pytest.mark.parametrize("words, country, code", [
    # people at work, old and young, and kin, as victims (data/civilian_nouns.txt, decision 115)
    ("a schoolteacher", "DR Congo", "Civilians (DR Congo)"),
    ("two engineers", "Yemen", "Civilians (Yemen)"),
    ("a passenger", "South Africa", "Civilians (South Africa)"),
    ("nomads", "Mali", "Civilians (Mali)"),
    ("a 75-year-old pensioner", "Ukraine", "Civilians (Ukraine)"),
    ("her grandson", "Ukraine", "Civilians (Ukraine)"),
    ("site supervisor", "India", "Civilians (India)"),
    # a victim's noun inside a named or armed party does not make it civilians
    ("armed herders", "Nigeria", "armed herders"),
    ("Dozo hunters", "Mali", "Dozo"),
])
def test_victims_nouns_code_as_civilians(words, country, code):
    assert actor_code(words, country) == code


def test_codes_and_roles_read_one_civilian_list():
    """The role rules and the codes agree on who is a civilian: one list, data/civilian_nouns.txt."""
    from conflict_events.events.actor_codes import CIVILIAN_NOUNS, names_civilians
    from conflict_events.events.roles import party_class
    nouns = ["a schoolteacher", "two engineers", "pensioners", "three passengers", "a boatman", "nomads",
             "a 60-year-old man", "cattle keepers", "woodcutters", "journalists"]
    assert all(CIVILIAN_NOUNS.search(n) for n in nouns)
    assert [party_class(n) for n in nouns] == ["civilians"] * len(nouns)
    assert all(names_civilians(n) for n in nouns)
    # a fighter or a named group written with a victim's noun stays a party of its own
    assert party_class("a rebel chief") == party_class("Dozo hunters") == "armed"
    assert party_class("police officers' families") == "state"


def test_the_target_of_violence_against_civilians_codes_as_civilians():
    """ACLED's rule (decision 115): in Violence against civilians the target is Civilians (<country>),
    named or not; a party the tables know keeps its code, and other event types are coded as written."""
    from conflict_events.events.actor_codes import target_code
    vac = "Violence against civilians"
    assert target_code("Rosendo Yavinape", "Colombia", vac) == "Civilians (Colombia)"
    assert target_code(None, "Mali", vac) == "Civilians (Mali)"
    assert target_code("patrons", "Côte d'Ivoire", vac) == "Civilians (Ivory Coast)"
    assert target_code("police officers", "Kenya", vac) == "Police Forces of Kenya"
    assert target_code("M23 rebels", "DR Congo", vac) == "M23"
    assert target_code(None, "Mali", "Battles") is None
    assert target_code("Rosendo Yavinape", "Colombia", "Battles") == "Rosendo Yavinape"


def test_records_and_scoring_code_the_target_alike():
    from conflict_events.events.evaluate import same_code
    record = Event(event_id="e1", article_ids=("a1",), event_type="Violence against civilians", sub_event_type="Attack",
                   actor1="gunmen", actor2=None, country="Nigeria")
    assert record.actor2_code == "Civilians (Nigeria)"
    gold = {"event_type": "Violence against civilians", "actor2": "a 38-year-old trader named Musa", "country": "Nigeria"}
    assert same_code("actor2", record.to_dict(), gold)
    assert not same_code("actor2", record.to_dict(), dict(gold, event_type="Battles", actor2="vigilantes"))


def test_one_role_code_serves_records_and_scoring():
    from conflict_events.events.actor_codes import role_code, target_code

    # actor2 is the target (civilians in Violence against civilians); actor1 is coded as a party
    assert role_code("actor2", "a trader", "Mali", "Violence against civilians") == "Civilians (Mali)"
    assert role_code("actor2", "soldiers", "Mali", "Battles") == target_code("soldiers", "Mali", "Battles") == \
        "Military Forces of Mali"
    assert role_code("actor1", "gunmen", "Mali", "Violence against civilians") == actor_code("gunmen", "Mali")


def test_less_common_demonyms_and_spellings_name_their_state():
    from conflict_events.events.actor_codes import actor_code

    assert actor_code("Ecuadorean soldiers", "Colombia") == "Military Forces of Ecuador"  # not the event's country
    assert actor_code("Cambodian troops") == "Military Forces of Cambodia"
    assert actor_code("Bissau-Guinean soldiers") == "Military Forces of Guinea-Bissau"
    assert actor_code("Guinean soldiers") == "Military Forces of Guinea"


def test_national_police_forces_known_by_their_own_names_code_as_police():
    from conflict_events.events.actor_codes import actor_code

    assert actor_code("Jamaica Constabulary Force (JCF)") == "Police Forces of Jamaica"
    assert actor_code("Officers of the JCF") == "Police Forces of Jamaica"
    assert actor_code("PNP") == "Police Forces of Philippines"


def test_a_defence_or_interior_ministry_as_a_party_is_its_states_military_or_police():
    from conflict_events.events.actor_codes import actor_code

    assert actor_code("Russia's defence ministry", "Ukraine") == "Military Forces of Russia"
    assert actor_code("the Ministry of Defence", "Mali") == "Military Forces of Mali"
    assert actor_code("Interior Ministry", "Iraq") == "Police Forces of Iraq"
