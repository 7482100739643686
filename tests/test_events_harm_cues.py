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


def test_the_verb_next_to_a_count_says_which_harm_whatever_the_label():
    from conflict_events.events.harm_cues import harm_kind

    def kind(text: str, phrase: str) -> str | None:
        start = text.index(phrase)
        return harm_kind(text, span_from_text(text, start, start + len(phrase), "KILLED"))

    text = "One protester was killed and 11 people, including four policemen, were injured on Friday."
    assert kind(text, "11 people") == "wounded"
    assert kind(text, "One protester") == "killed"
    shelling = "Shells hit the hospital, killing four patients and a nurse and wounding 11, the charity said."
    assert kind(shelling, "a nurse") == "killed" and kind(shelling, "11") == "wounded"
    assert kind("Abaya said no civilians had been hurt in the strikes.", "no civilians") is None  # a denial stands
    assert kind("The army said it had repelled the attack.", "the attack") is None


def test_animals_and_things_are_no_casualties_but_their_keepers_are():
    assert not _told("Two shepherds were wounded and dozens of sheep were killed.", "dozens of sheep")
    assert _told("Gunmen killed 14 cattle keepers near the river.", "14 cattle keepers")


def test_machines_and_another_fate_are_no_casualties():
    assert not _told("Gunmen killed three miners and set fire to two excavators.", "two excavators")
    assert not _told("He said 11 soldiers were killed and 14 captured.", "14 captured")
    assert _told("He said 11 soldiers were killed and 14 captured.", "11 soldiers")


def test_a_count_the_death_toll_names_is_of_the_dead_whatever_the_label():
    from conflict_events.events.harm_cues import harm_kind

    text = ("The ministry said 23 people were killed and 50 wounded. The Health Ministry gave the same death "
            "toll, 23, and said 62 people had been admitted to hospitals.")
    start = text.index("23, and")
    assert harm_kind(text, span_from_text(text, start, start + 2, "WOUNDED")) == "killed"
    nephew = "Among the dead was her 16-year-old nephew, she said."
    start = nephew.index("her 16")
    assert harm_kind(nephew, span_from_text(nephew, start, start + len("her 16-year-old nephew"), "WOUNDED")) == "killed"


def test_a_count_of_nobody_needs_a_word_of_death_or_injury_and_the_mourned_are_no_toll():
    assert not _told("A spokesman said the strike had hit a rebel base and that no civilians had been there.",
                     "no civilians")
    assert _told("The group said none of its men had been hit.", "none of its men")
    assert _told("It said it had lost none of its fighters.", "none of its fighters")
    # made up for this test: a vigil's dead relative died before the shooting
    assert not _told("Gunmen opened fire on a night vigil for a dead relative, killing six villagers.", "a dead relative")
    assert _told("Gunmen opened fire on a night vigil for a dead relative, killing six villagers.", "six villagers")
