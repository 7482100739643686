"""Casualty phrases -> low/high counts and parties; per-party aggregation (pure, fast)."""

import pytest

from conflict_events.events.casualties import aggregate, make_figure
from conflict_events.events.numbers import CountRange, count_party, parse_count


@pytest.mark.parametrize("phrase, low, high", [
    ("At least 37 people", 37, 37),
    ("three police officers", 3, 3),
    ("two of the attackers", 2, 2),
    ("more than a dozen military personnel", 12, 12),
    ("more than a dozen", 12, 12),
    ("dozens", 12, 12),
    ("up to 19", 19, 19),
    ("scores", 20, 20),
    ("scores more", 20, 20),
    ("a total 22", 22, 22),
    ("35", 35, 35),
    ("six others", 6, 6),
    ("the base commander", 1, 1),
    ("Mansoor", 1, 1),
    ("between 10 and 15", 10, 15),
    ("10 to 15 soldiers", 10, 15),
    ("between two and four officers", 2, 4),  # 'of' in 'officers' is no partitive 'of'
    ("two to four offenders", 2, 4),
    ("two dozen civilians", 24, 24),
    ("tens of people", 10, 10),
    ("hundreds of people", 100, 100),
    ("more than 1,000 police and soldiers", 1000, 1000),
    ("twenty-five militants", 25, 25),
    ("a 60-year-old man", 1, 1),  # an age is not a count
    ("a 12-year-old girl", 1, 1),
    ("His son, 17", 1, 1),  # and so is an age written beside the person
    ("two men, aged 30 and 45", 2, 2),
    ("seven people, aged between 4 and 70", 7, 7),
    ("a boy (12)", 1, 1),
    ("12, five of them children", 12, 12),
    ("a third", 1, 1),  # 'killing two police officers and wounding a third'
])
def test_parse_count(phrase, low, high):
    assert parse_count(phrase) == CountRange(low, high)


@pytest.mark.parametrize("phrase", ["cloth merchant Sher Zaman", "social leader Marta Elena \u00dasuga",
                                    "former rebel commander Yasser al-Hariri", "Constable Fazal Khan",
                                    # a title qualified by a capitalised word, or with an honorific, before a full name
                                    "Mandaya tribal leader Datu Lucio Agbon-Ampuan", "Taliban leader Mullah Akhtar Mansoor",
                                    "community chief Mr. El\u00edseo Shimpiri-Quinchori",
                                    # one member of a body named by its acronym
                                    "CRPF jawan", "ANC councillor"])
def test_a_named_person_after_a_title_counts_one(phrase):
    assert parse_count(phrase) == CountRange(1, 1)  # decision 23


@pytest.mark.parametrize("phrase", ["soldiers in Gao", "villagers Ahmed and Ali", "local residents", "RSF soldiers",
                                    "members of the Kraze Bary\u00e8 gang", "fighters of the Jorge Su\u00e1rez Brice\u00f1o Bloc",
                                    "residents of Bani Walid", "My neighbour"])
def test_a_plural_or_a_place_after_the_noun_is_no_named_person(phrase):
    assert parse_count(phrase) is None


@pytest.mark.parametrize("phrase", ["all the fighters", "several", "several dead", "civilians", "many civilians", "",
                                    # an adjective standing for everyone it describes is no single person
                                    "the wounded", "The injured", "the dead"])
def test_no_figure_gives_none(phrase):
    assert parse_count(phrase) is None


@pytest.mark.parametrize("phrase, party", [
    ("three police officers", "police officers"),
    ("two of the attackers", "attackers"),
    ("At least 37 people", ""),
    ("35", ""),
    ("six others", "others"),
    ("more than a dozen military personnel", "military personnel"),
])
def test_count_party(phrase, party):
    assert count_party(phrase) == party


def test_count_range_checks_and_widens():
    with pytest.raises(ValueError):
        CountRange(5, 3)
    assert CountRange(22, 22).widen(CountRange(37, 37)) == CountRange(22, 37)
    assert CountRange(22, 37) + CountRange(45, 45) == CountRange(67, 82)


def test_aggregate_guide_example_police_22_to_37_plus_taliban_45():
    figures = [
        make_figure("killed", "22 police officers", 0, 18, "ministry"),
        make_figure("killed", "37 policemen", 30, 42, "Taliban"),
        make_figure("killed", "45 Taliban fighters", 50, 69, "ministry"),
    ]
    assert aggregate(figures) == CountRange(67, 82)


def test_aggregate_keeps_unparsed_out_and_none_when_empty():
    assert aggregate([make_figure("killed", "all the fighters", 0, 16)]) is None
    assert aggregate([]) is None
    figures = [make_figure("killed", "three police officers", 0, 21), make_figure("killed", "two of the attackers", 30, 50)]
    assert aggregate(figures) == CountRange(5, 5)


@pytest.mark.parametrize("phrase, side", [
    ("more than 60 soldiers and VDP fighters", "state"),  # a force and its auxiliaries: the force's side
    ("12 soldiers and militiamen", "state"),
    ("seven Taliban fighters and a commander", "armed"),
    ("VDP fighters", "armed"),
])
def test_a_joint_count_is_of_its_first_partys_side(phrase, side):
    assert make_figure("killed", phrase, 0, len(phrase)).party == side
