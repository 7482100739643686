"""Casualty spans whose sentence tells no death or harm are not counted (events/harm_cues.py)."""

from conflict_events.events.harm_cues import harm_told
from conflict_events.events.sentences import split_sentences
from conflict_events.spans import span_from_text


def _told(sentence: str, phrase: str) -> bool:
    start = sentence.index(phrase)
    return harm_told(sentence, span_from_text(sentence, start, start + len(phrase), "KILLED"), split_sentences(sentence)[0])


def test_counts_of_the_dead_and_hurt_are_casualties_in_plain_words_and_euphemisms():
    assert _told("Two soldiers were killed in the ambush.", "Two soldiers")
    assert _told("Six soldiers of the Togolese Armed Forces fell on Saturday night.", "Six soldiers")
    assert _told("Rescuers pulled four people from the rubble.", "four people")
    assert _told("The ISPR said six khawarij were sent to hell.", "six khawarij")


def test_a_groups_strength_the_displaced_and_things_are_no_casualties():
    assert not _told("The group has some 5,000 fighters in the province.", "some 5,000 fighters")
    assert not _told("More than 40,000 people have fled to camps since March.", "More than 40,000 people")
    assert not _told("Soldiers clashed with about 20 NPA guerrillas for an hour.", "about 20")


def test_a_groups_strength_is_not_added_to_the_toll():
    from tests.test_events_assemble import events_of

    markup = ("[Soldiers]{ACTOR} [clashed]{TRIGGER} with [about 20]{KILLED} [NPA guerrillas]{ACTOR} near "
              "[Maragusan]{PLACE} [on Monday]{TIME}. [Two soldiers]{KILLED} were killed, [the army]{SOURCE} said.")
    (event,) = events_of("strength", markup, "2029-08-07")
    assert (event.killed.low, event.killed.high) == (2, 2)
