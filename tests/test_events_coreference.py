"""Event coreference in the rules (issue 12): one attack told several times is one event; attacks in
different places stay apart; restated casualty figures are not added; backdrop makes no event."""

from conflict_events.events import extract_events
from conflict_events.events.roles import compatible_actors, is_acronym_of
from tests.test_events_assemble import marked


def events_of(markup: str, date: str = "2023-05-10"):
    text, spans = marked(markup)
    return extract_events("t", text, date, spans)


def test_headline_and_body_telling_one_attack_make_one_event():
    events = events_of(
        "[Separatists]{ACTOR} [ambush]{TRIGGER} convoy in [Balochistan]{PLACE}\n"
        "QUETTA, Pakistan \u2014 [Separatist militants]{ACTOR} [ambushed]{TRIGGER} a convoy near [Turbat]{PLACE} "
        "[on Saturday]{TIME}, killing [seven soldiers]{KILLED}, [officials]{SOURCE} said.")
    assert len(events) == 1
    assert events[0].killed is not None and (events[0].killed.low, events[0].killed.high) == (7, 7)


def test_two_attacks_in_different_places_stay_two():
    events = events_of(
        "[Gunmen]{ACTOR} [attacked]{TRIGGER} a police post in [Kandahar]{PLACE} [on Monday]{TIME}. "
        "[Gunmen]{ACTOR} also [attacked]{TRIGGER} a checkpoint in [Herat]{PLACE} [on Monday]{TIME}.")
    assert len(events) == 2
    assert {e.location for e in events} == {"Kandahar", "Herat"}


def test_the_blast_joins_the_preceding_event():
    events = events_of(
        "A [car bomb]{TRIGGER} exploded outside a market in [Mogadishu]{PLACE} [on Friday]{TIME}, "
        "killing [ten people]{KILLED}. [Gunmen]{ACTOR} then [stormed]{TRIGGER} the building. "
        "Shops were damaged by the [blast]{TRIGGER}.")
    assert len(events) == 1
    assert len(events[0].triggers) == 3


def test_a_casualty_restatement_is_not_summed():
    events = events_of(
        "[Militants]{ACTOR} [attacked]{TRIGGER} a checkpoint in [Kunduz]{PLACE} [on Tuesday]{TIME}, "
        "killing [five policemen]{KILLED}. [Police]{SOURCE} said the [attack]{TRIGGER} killed "
        "[five officers]{KILLED}.")
    assert len(events) == 1
    assert (events[0].killed.low, events[0].killed.high) == (5, 5)


def test_a_reply_by_the_attacked_side_stays_in_the_attack():
    events = events_of(
        "[Rebels]{ACTOR} [fired]{TRIGGER} on an army post in [Andarab]{PLACE} [on Sunday]{TIME}. "
        "[Two rebels]{KILLED} were killed when [security forces]{ACTOR} [returned fire]{TRIGGER}.")
    assert len(events) == 1
    assert events[0].actor1 == "Rebels"


def test_a_siege_that_has_lasted_for_months_is_backdrop():
    events = events_of(
        "[Shelling]{TRIGGER} killed [four people]{KILLED} in [El Fasher]{PLACE} [on Monday]{TIME}. "
        "The [RSF]{ACTOR}, which has [besieged]{TRIGGER} [El Fasher]{PLACE} since May, did not comment.")
    assert len(events) == 1
    assert [t.text for t in events[0].triggers] == ["Shelling"]


def test_actor_names_agree_across_plural_and_acronym():
    assert compatible_actors("separatists", "Separatist militants")
    assert compatible_actors("NPA", "Communist rebels of the New People's Army")
    assert is_acronym_of("ISWAP", "Islamic State West Africa Province")
    assert not compatible_actors("Taliban", "Islamic State")


def test_an_accusation_retells_the_act_and_makes_no_event_of_its_own():
    (event,) = events_of((
        "A [drone strike]{TRIGGER} by the [Malian army]{ACTOR} hit a gold site near [Tarkint]{PLACE} "
        "[on Sunday]{TIME}, killing [15 civilians]{KILLED}. The [rebels]{SOURCE} said [12]{WOUNDED} were "
        "wounded and accused the army and its [Russian allies]{ACTOR} of deliberately [targeting]{TRIGGER} civilians."),
        "2024-03-19")
    assert (event.killed.low, event.wounded.low) == (15, 12)


def test_a_reply_two_sentences_after_the_attack_joins_it():
    events = events_of((
        "[Armed youths]{ACTOR} [attacked]{TRIGGER} cattle camps in [Tonj North County]{PLACE} [on Tuesday]{TIME}, "
        "killing [17 people]{KILLED}. The raiders drove off thousands of cattle. [Cattle keepers]{ACTOR} "
        "[returned fire]{TRIGGER}, and [youth leaders]{SOURCE} said [five of their young men]{KILLED} had been killed."),
        "2024-09-18")
    assert len(events) == 1


def test_a_reply_that_neither_places_nor_dates_itself_answers_the_attack_before_it():
    # 'guards' of a Taliban checkpoint are not the Taliban by name: the reply still belongs to the attack
    events = events_of(
        "[NRF fighters]{ACTOR} [attacked]{TRIGGER} a [Taliban]{ACTOR} checkpoint near [Andarab]{PLACE} [on Friday]{TIME}. "
        "[Two Taliban fighters]{KILLED} were killed, and [three of the attackers]{KILLED} died when the "
        "[guards]{ACTOR} [returned fire]{TRIGGER}.")
    assert len(events) == 1
    assert (events[0].killed.low, events[0].killed.high) == (5, 5)


def test_a_side_named_by_a_common_noun_acting_just_after_the_attack_is_in_it():
    events = events_of(
        "[Armed civilians]{ACTOR} [ambushed]{TRIGGER} a patrol near [Coalcoman]{PLACE} [on Monday]{TIME}, killing "
        "[three agents]{KILLED}. The [agents]{ACTOR} repelled the [aggression]{TRIGGER} and killed "
        "[one of the attackers]{KILLED}.")
    assert len(events) == 1
    assert (events[0].killed.low, events[0].killed.high) == (4, 4)


def test_a_placed_reply_or_a_named_party_later_stays_apart():
    events = events_of(
        "[Gunmen]{ACTOR} [attacked]{TRIGGER} a police post in [Kandahar]{PLACE} [on Monday]{TIME}. "
        "In [Herat]{PLACE}, [soldiers]{ACTOR} [returned fire]{TRIGGER} on [Taliban]{ACTOR} fighters.")
    assert len(events) == 2


def test_a_trend_word_in_a_clause_dated_to_a_day_is_one_act():
    events = events_of(
        "[Insurgents]{ACTOR} [raided]{TRIGGER} the fishing village of [Namatuco]{PLACE} [on Friday]{TIME}, killing "
        "[three fishermen]{KILLED} and burning dozens of huts.", "2025-11-18")
    assert [(e.date, e.killed.low) for e in events] == [("2025-11-14", 3)]
    # undated, the same cue still reads as a trend
    assert events_of("[Insurgents]{ACTOR} have [raided]{TRIGGER} dozens of villages in [Macomia]{PLACE}.",
                     "2025-11-18") == []


def test_toll_after_a_time_reference_act_counts_the_main_act():
    # 'two days after Taliban fighters overran it' dates the retake; the toll of the next sentence is the retake's
    events = events_of(
        "[Afghan commandos]{ACTOR} [retook]{TRIGGER} [Qaisar district]{PLACE} [on Monday]{TIME}, two days after "
        "[Taliban fighters]{ACTOR} [overran]{TRIGGER} it. [The ministry]{SOURCE} said [32 Taliban]{KILLED} were "
        "killed in the operation.")
    by_actor = {e.actor1: e.killed for e in events}
    assert by_actor["Afghan commandos"] is not None and by_actor["Afghan commandos"].low == 32
    assert all(k is None for a, k in by_actor.items() if a != "Afghan commandos")


def test_act_told_weeks_before_as_a_time_reference_is_backdrop():
    events = events_of(
        "The [army]{ACTOR} said it had [recaptured]{TRIGGER} [Um Rawaba]{PLACE} [on Tuesday]{TIME}, two months "
        "after the [RSF]{ACTOR} [seized]{TRIGGER} it, after [clashes]{TRIGGER} that killed "
        "[scores of RSF fighters]{KILLED}.")
    assert len(events) == 1 and events[0].killed is not None


def test_people_caught_in_the_crossfire_belong_to_the_fighting_told_before():
    events = events_of(
        "[JNIM fighters]{ACTOR} [stormed]{TRIGGER} a military base in [Titao]{PLACE} [on Monday]{TIME}. "
        "[A security source]{SOURCE} said [23 soldiers]{KILLED} were killed. The army gave no other toll. "
        "Aid groups were not allowed in. A resident in [Ouahigouya]{PLACE} said [civilians]{ACTOR} sheltering "
        "nearby were caught in the [crossfire]{TRIGGER}; [Up to 19 civilians]{KILLED} were killed.")
    assert len(events) == 1
    assert events[0].killed.low == 42


def test_a_drill_an_arrest_raid_a_denied_shot_and_a_past_life_make_no_event():
    assert events_of("[Troops]{ACTOR} staged a joint exercise at the range [on Wednesday]{TIME}, "
                     "[storming]{TRIGGER} a mock enemy camp near [Niamey]{PLACE}.") == []
    assert events_of("[Police]{ACTOR} arrested 12 suspects in a pre-dawn [raid]{TRIGGER} near [Kajuru]{PLACE} "
                     "[on Sunday]{TIME}. The suspects surrendered without a shot being [fired]{TRIGGER}.") == []
    assert events_of("The men, who once [fought]{TRIGGER} in the forests of [Djugu]{PLACE}, handed in their "
                     "weapons [on Tuesday]{TIME}.") == []


def test_a_raid_that_kills_or_a_shot_fired_is_still_an_event():
    assert len(events_of("[Police]{ACTOR} arrested 12 suspects in a [raid]{TRIGGER} near [Kajuru]{PLACE} "
                         "[on Sunday]{TIME} that left [two]{KILLED} dead.")) == 1
    assert len(events_of("[Gunmen]{ACTOR} [fired]{TRIGGER} on a bus near [Kajuru]{PLACE} [on Sunday]{TIME}.")) == 1


def test_a_toll_told_after_its_paragraphs_sources_stays_with_that_paragraphs_act():
    events = events_of(
        "[SSC-Khatumo forces]{ACTOR} [attacked]{TRIGGER} [Somaliland troops]{ACTOR} near [Dhabar-Dalool]{PLACE} "
        "[on Wednesday]{TIME}. Both sides had moved reinforcements for weeks. [The ministry]{SOURCE} said "
        "[11 fighters]{KILLED} were killed. [A commander]{SOURCE} claimed [20 Somaliland soldiers]{KILLED} had "
        "died.\n[On Thursday]{TIME}, [Somaliland forces]{ACTOR} [shelled]{TRIGGER} [Buqdharkayn]{PLACE}, killing "
        "[three civilians]{KILLED}.")
    by_type = {e.event_type: e.killed for e in events}
    assert by_type["Explosions/Remote violence"].high == 3
    assert by_type["Battles"].high == 31


def test_a_participle_after_a_comma_goes_on_telling_its_act_whatever_its_type():
    events = events_of(
        "[Armed bandits]{ACTOR} [stormed]{TRIGGER} [Sabuwa]{PLACE} [on Friday]{TIME}, [abducting]{TRIGGER} "
        "[dozens of villagers]{ACTOR} and [killing]{TRIGGER} [six people]{KILLED}.")
    assert len(events) == 1
