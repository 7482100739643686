"""One side named twice (decision 121): hand-made records and texts with known answers."""

from conflict_events.events import extract_events
from conflict_events.events.records import Event, Evidence
from conflict_events.events.sentences import split_sentences
from conflict_events.events.sides import names_no_party, one_side_twice, separate_sides
from tests.test_events_assemble import marked


def _record(markup: str, trigger: str, actor1: str, actor2: str | None, event_type: str = "Battles",
            country: str = "Pakistan"):
    """An event over ``markup``'s text whose one trigger is the first ``trigger``, with its spans and sentences."""
    text, spans = marked(markup)
    at = text.index(trigger)
    event = Event("t-0", ("t",), event_type, actor1=actor1, actor2=actor2, country=country,
                  triggers=(Evidence("t", at, at + len(trigger), trigger),))
    return event, spans, split_sentences(text)


def test_only_one_code_on_both_sides_is_one_side_twice():
    same = Event("t-0", ("t",), "Battles", actor1="Russian forces", actor2="Russian troops", country="Ukraine")
    two = Event("t-0", ("t",), "Battles", actor1="Russian forces", actor2="Ukrainian troops", country="Ukraine")
    assert one_side_twice(same)
    assert not one_side_twice(two)


def test_rival_factions_and_crowds_may_meet_themselves():
    rival = Event("t-0", ("t",), "Battles", actor1="rival Taliban factions", actor2="rival Taliban factions",
                  country="Afghanistan")
    crowds = Event("t-0", ("t",), "Violence against civilians", actor1="herders", actor2="farmers",
                   country="Nigeria")
    assert not one_side_twice(rival)
    assert not one_side_twice(crowds)


def test_a_kind_of_party_names_no_party_but_a_name_or_a_demonym_does():
    assert names_no_party("militants")
    assert names_no_party("Unidentified Armed Group (Mali)")
    assert names_no_party("forces")
    assert not names_no_party("Ukrainian troops")
    assert not names_no_party("Los Ardillos")
    assert not names_no_party("Taliban")


def test_a_blamed_party_that_was_also_the_fallback_target_gets_another_target():
    event, spans, sentences = _record(
        "A [drone strike]{TRIGGER} hit a [YBS]{ACTOR} checkpoint near [Sinun]{PLACE}, and officials blamed "
        "[Turkey]{ACTOR}.", "drone strike", "Turkey", "Turkey", "Explosions/Remote violence", "Iraq")
    (separated,) = separate_sides([event], spans, sentences)
    assert separated.actor1 == "Turkey"
    assert separated.actor2 == "YBS"


def test_bare_forces_beside_a_named_side_are_chosen_again_as_actor1():
    event, spans, sentences = _record(
        "[Forces]{ACTOR} [attacked]{TRIGGER} [Ukrainian troops]{ACTOR} near [Pisky]{PLACE}, "
        "the [Russian]{ACTOR} ministry said.", "attacked", "forces", "Ukrainian troops", country="Ukraine")
    (separated,) = separate_sides([event], spans, sentences)
    assert separated.actor1 == "Russian"
    assert separated.actor2 == "Ukrainian troops"


def test_an_unidentified_side_of_a_battle_yields_to_the_state_force_named_with_it():
    event, spans, sentences = _record(
        "[Troops]{ACTOR} [exchanged fire]{TRIGGER} with [militants]{ACTOR} in [Mir Ali]{PLACE}.",
        "exchanged fire", "Unidentified Armed Group (Pakistan)", "militants")
    (separated,) = separate_sides([event], spans, sentences)
    assert separated.actor1 == "Troops"
    assert separated.actor2 == "militants"


def test_an_unclaimed_bomb_keeps_its_unidentified_author_and_gets_another_target():
    event, spans, sentences = _record(
        "A [roadside bomb]{TRIGGER} struck a [police]{ACTOR} van near [Dir]{PLACE}, and [fighters]{ACTOR} "
        "fled.", "roadside bomb", "Unidentified Armed Group (Pakistan)", "fighters",
        "Explosions/Remote violence")
    (separated,) = separate_sides([event], spans, sentences)
    assert separated.actor1 == "Unidentified Armed Group (Pakistan)"
    assert separated.actor2 == "police"


def test_with_no_other_party_the_same_words_twice_leave_actor2_empty_and_two_words_stay():
    twice, spans, sentences = _record("[Federal forces]{ACTOR} [shelled]{TRIGGER} [Bure]{PLACE}.", "shelled",
                                      "federal forces", "federal forces", "Explosions/Remote violence", "Ethiopia")
    two, _, _ = _record("[Federal forces]{ACTOR} [shelled]{TRIGGER} [Bure]{PLACE}.", "shelled",
                        "federal forces", "army", "Explosions/Remote violence", "Ethiopia")
    assert separate_sides([twice], spans, sentences)[0].actor2 is None
    assert separate_sides([two], spans, sentences)[0] == two


def test_extract_events_gives_a_blamed_striker_a_target_other_than_itself():
    # without the step, the only party near the strike was its fallback target, then its credited author too
    text, spans = marked(
        "A [drone strike]{TRIGGER} hit a car near [Sinun]{PLACE} [on Monday]{TIME}, killing [three people]{KILLED}. "
        "Local officials blamed [Turkey]{ACTOR}, which often strikes the [YBS]{ACTOR}.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert (event.actor1, event.actor2) == ("Turkey", "YBS")


def test_one_span_joining_the_two_sides_of_a_clash_is_both_actors():
    text, spans = marked("[Nepali Congress and CPN-UML cadres]{ACTOR} [clashed]{TRIGGER} at a polling centre in "
                         "[Gaur]{PLACE} [on Sunday]{TIME}, wounding [18 people]{WOUNDED}.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert event.actor1 == event.actor2 and event.actor1.startswith("Nepali Congress and CPN-UML")


def test_a_joint_party_of_one_code_is_one_side():
    text, spans = marked("[Malian soldiers and FAMa troops]{ACTOR} [clashed]{TRIGGER} near [Djibo]{PLACE} "
                         "[on Sunday]{TIME}.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert event.actor1.startswith("Malian soldiers") and event.actor2 is None
