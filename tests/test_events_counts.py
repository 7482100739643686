"""Casualty counts of assembled events (issue: killed/wounded accuracy): zero counts, ``N of them``,
totals told again party by party, unmarked subsets, two armed parties kept apart, and a background
event's dead kept out. Hand-made short texts with known answers."""

import pytest

from conflict_events.events import extract_events
from conflict_events.events.casualties import (aggregate, counted, is_subset, is_subset_in, make_figure, restated_totals,
                                               side_of)
from conflict_events.events.numbers import CountRange, count_party, parse_count, parse_figure
from tests.test_events_assemble import marked

def counts(markup: str, date: str = "2021-07-12") -> list[tuple]:
    text, spans = marked(markup)
    events = extract_events("t", text, date, spans)
    return [(e.killed, e.wounded) for e in events]


@pytest.mark.parametrize("phrase", ["no civilians", "none of its fighters", "None of the attackers", "zero casualties"])
def test_zero_counts_give_zero(phrase):
    assert parse_figure(phrase) == CountRange(0, 0)


def test_parse_count_keeps_no_vague_for_the_event_layer():
    assert parse_count("no civilians") is None
    assert parse_figure("nobody") is None
    assert parse_figure("at least 14 civilians") == CountRange(14, 14)


def test_zero_count_party_is_the_noun():
    assert count_party("none of its fighters") == "fighters"
    assert count_party("no Taliban members") == "taliban members"


def test_n_of_them_is_a_subset_only_after_a_figure():
    text = "Twenty-three soldiers were wounded, two of them critically."
    start = text.index("two of them")
    assert is_subset_in(text, start, start + len("two of them"), counted_before=True)
    text = "Troops exchanged fire with militants, killing seven of them."
    start = text.index("seven of them")
    assert not is_subset_in(text, start, start + len("seven of them"), counted_before=False)
    text = "Gunmen killed 11 people, including six children."
    start = text.index("six children")
    assert is_subset_in(text, start, start + len("six children"), counted_before=True)


def test_denial_zero_widens_the_range():
    assert counts(
        "An [airstrike]{TRIGGER} hit [Jilib]{PLACE} [on Sunday]{TIME}, killing [at least three civilians]{KILLED}, "
        "[a local elder]{SOURCE} said. The [army]{SOURCE} said [no civilians]{KILLED} were killed."
    ) == [(CountRange(0, 3), None)]


def test_killing_n_of_them_counts_the_party():
    assert counts(
        "[Troops]{ACTOR} [exchanged fire]{TRIGGER} with [militants]{ACTOR} in [Mir Ali]{PLACE} [on Monday]{TIME}, "
        "killing [seven of them]{KILLED}."
    ) == [(CountRange(7, 7), None)]


def test_headline_total_over_its_parts_is_not_added():
    # decision 45: 'Seven killed' over four soldiers and three attackers gives 7, not 14
    assert counts(
        "[Seven]{KILLED} killed in [ambush]{TRIGGER} in [Kech]{PLACE}\n"
        "[Militants]{ACTOR} [ambushed]{TRIGGER} an army convoy in [Kech]{PLACE} [on Sunday]{TIME}. "
        "[Four soldiers]{KILLED} and [three of the attackers]{KILLED} were killed, [the army]{SOURCE} said."
    ) == [(CountRange(7, 7), None)]


def test_total_of_one_side_over_two_other_sides_is_kept():
    figures = [make_figure("killed", "three Yazidi fighters", 0, 21), make_figure("killed", "a lieutenant", 100, 112),
               make_figure("killed", "two soldiers", 117, 129)]
    assert len(counted(figures, lambda offset: offset // 100)) == 3


def test_unmarked_subset_is_not_added():
    # decision 22: the women and children are among the 11 civilians
    assert counts(
        "A [roadside bomb]{TRIGGER} struck a minibus in [Zabul]{PLACE} [on Monday]{TIME}, killing "
        "[11 civilians]{KILLED}, [local officials]{SOURCE} said. Among the victims were "
        "[four women]{KILLED} and [three children]{KILLED}."
    ) == [(CountRange(11, 11), None)]


def test_restatement_by_another_source_is_widened_not_summed():
    assert counts(
        "[Gunmen]{ACTOR} [attacked]{TRIGGER} [Kalima]{PLACE} [on Friday]{TIME}, killing [22 villagers]{KILLED}, "
        "[residents]{SOURCE} said. [Police]{SOURCE} said [18 people]{KILLED} died."
    ) == [(CountRange(18, 22), None)]


def test_a_bare_count_from_another_source_retells_the_named_toll():
    # 'two soldiers' and 'four dead' are one toll told twice, not six dead
    assert counts(
        "[Rebels]{ACTOR} [ambushed]{TRIGGER} an army convoy near [Kidal]{PLACE} [on Sunday]{TIME}, killing "
        "[two soldiers]{KILLED}, the [army]{SOURCE} said. A [local radio]{SOURCE} station reported [four dead]{KILLED}."
    ) == [(CountRange(2, 4), None)]


def test_a_bare_retelling_widens_the_party_it_is_nearest_to():
    sentence_of = {0: 0, 30: 1, 60: 2}.get
    soldiers = make_figure("killed", "eight soldiers", 0, 14)
    attackers = make_figure("killed", "three of its fighters", 30, 51)
    bodies = make_figure("killed", "ten bodies", 60, 70)
    restated = restated_totals([soldiers, attackers, bodies], sentence_of)
    assert restated == {bodies}
    # ten bodies retell the soldiers' toll (8 to 10), the fighters' three still add
    assert aggregate([soldiers, attackers, bodies], restated=restated) == CountRange(11, 13)


def test_a_bare_count_beside_a_named_one_or_alone_is_not_a_retelling():
    sentence_of = {0: 0, 20: 0, 40: 1, 60: 2}.get
    soldiers = make_figure("killed", "two soldiers", 0, 12)
    others = make_figure("killed", "three others", 20, 32)
    civilians = make_figure("killed", "five civilians", 40, 54)
    bombers = make_figure("killed", "the two bombers", 60, 75)
    nine = make_figure("killed", "nine people", 20, 31)
    # a named party ('civilians', 'others') is one more party, whatever its sentence
    assert restated_totals([soldiers, others, civilians], sentence_of) == set()
    # the attackers' own dead are no telling of the victims' toll
    assert restated_totals([nine, bombers], sentence_of) == set()


def test_one_written_among_the_wounded_is_no_more_wounded():
    assert counts(
        "[Militants]{ACTOR} [ambushed]{TRIGGER} a patrol near [Tassia]{PLACE} [on Monday]{TIME}, wounding "
        "[21 soldiers]{WOUNDED}. [The patrol's commander]{WOUNDED} was among the wounded."
    ) == [(None, CountRange(21, 21))]
    assert is_subset("A woman who had been selling vegetables was among the dead.", 0, 7)
    text = "Among the dead militants were four foreign fighters."
    assert is_subset(text, text.index("four"), len(text) - 1)


def test_women_and_children_told_later_are_among_the_toll():
    assert counts(
        "A [drone strike]{TRIGGER} hit a market in [Gezira]{PLACE} [on Sunday]{TIME}, killing "
        "[at least 23 people]{KILLED}, [medics]{SOURCE} said. Two paragraphs on, [residents]{SOURCE} said "
        "the market was crowded. [Activists]{SOURCE} said [five women and a child]{KILLED} were buried."
    ) == [(CountRange(23, 23), None)]


def test_two_armed_parties_dead_add_up():
    taliban = make_figure("killed", "12 Taliban members", 0, 18, "NRF")
    nrf = make_figure("killed", "one NRF fighter", 30, 45, "Taliban")
    assert side_of(taliban, ("NRF", "Taliban")) == "actor2"
    assert side_of(nrf, ("NRF", "Taliban")) == "actor1"
    assert aggregate([taliban, nrf], ("NRF", "Taliban")) == CountRange(13, 13)
    # without the actors (or with a state force) both are one armed side: two estimates of one toll
    assert aggregate([taliban, nrf]) == CountRange(1, 12)


def test_police_and_attackers_dead_add_up():
    assert aggregate([make_figure("killed", "three police officers", 0, 21),
                      make_figure("killed", "two of the attackers", 30, 50)], ("Taliban", "police")) == CountRange(5, 5)


def test_background_event_dead_are_not_added():
    found = counts(
        "A [car bomb]{TRIGGER} exploded in [Mogadishu]{PLACE} [on Monday]{TIME}, killing [five people]{KILLED}, "
        "[police]{SOURCE} said.\n"
        "In a separate incident, [al-Shabaab]{ACTOR} fighters [stormed]{TRIGGER} a police post in "
        "[Baidoa]{PLACE} [on Tuesday]{TIME}, killing [three officers]{KILLED}."
    )
    assert (CountRange(5, 5), None) in found
    assert (CountRange(8, 8), None) not in found


def test_a_war_toll_over_years_is_not_the_events_count():
    text, spans = marked("[Gunmen]{ACTOR} [attacked]{TRIGGER} a market in [Maiduguri]{PLACE} [on Monday]{TIME}, killing "
                         "[three traders]{KILLED}. The insurgency has killed [more than 40,000 people]{KILLED} since 2009.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert (event.killed.low, event.killed.high) == (3, 3)


def test_a_toll_since_a_day_of_the_fighting_still_counts():
    from conflict_events.events.assemble import cumulative_toll
    from conflict_events.events.sentences import split_sentences
    from conflict_events.spans import Span

    for sentence, cumulative in (("The clashes have killed 12 people since the fighting began on Monday.", False),
                                 ("The conflict has killed 6,000 people since March 2017.", True),
                                 ("Some 300 soldiers have been killed so far this year.", True),
                                 ("More than 1,100 people were murdered in Sonora last year.", True),
                                 ("The war, which began in April 2023, has killed 8,000 people in Kordofan.", True),
                                 ("Some 640 civilians were killed in 2027, the mission said.", True),
                                 ("Attacks had killed at least 112 civilians in the first half of the year.", True)):
        start = next(i for i, c in enumerate(sentence) if c.isdigit())
        end = sentence.index(" ", sentence.index(" ", start) + 1)
        span = Span(start, end, "KILLED", sentence[start:end])
        assert cumulative_toll(sentence, span, split_sentences(sentence)[0]) is cumulative, sentence


def test_another_sources_bare_count_in_the_same_sentence_retells_the_named_toll():
    sentence_of = {0: 0, 40: 0}.get
    members = make_figure("killed", "three gang members", 0, 18, source="Joint Command")
    bodies = make_figure("killed", "five bodies", 40, 51, source="local fishermen")
    same_source = make_figure("killed", "five bodies", 40, 51, source="Joint Command")
    # the fishermen's five bodies widen the gang's toll (3 to 5), they do not add five more
    assert restated_totals([members, bodies], sentence_of) == {bodies}
    assert aggregate([members, bodies], restated={bodies}) == CountRange(3, 5)
    # told by the same source beside the named count, the bodies are more dead
    assert restated_totals([members, same_source], sentence_of) == set()


def test_two_nouns_of_one_side_in_one_clause_are_two_groups():
    clause_of = {0: (0, 0), 20: (0, 0), 40: (1, 0), 60: (1, 1)}.get
    jawans = make_figure("killed", "two DRG jawans", 0, 14, source="police")
    driver = make_figure("killed", "their civilian driver", 20, 41, source="police")
    # 'killing two DRG jawans and their civilian driver': three dead, not one to two
    assert aggregate([jawans, driver], clause_of=clause_of) == CountRange(3, 3)
    farmer = make_figure("killed", "a farmer", 0, 8, source="police")
    son = make_figure("killed", "his teenage son", 20, 35, source="police")
    assert aggregate([farmer, son], clause_of=clause_of) == CountRange(2, 2)
    assert aggregate([farmer, son]) == CountRange(1, 1)  # without clauses, one side's estimates
    protesters = make_figure("wounded", "six protesters", 40, 54, source="police")
    students = make_figure("wounded", "17 students", 60, 71, source="student federation")
    # another clause, another source: two estimates of one toll
    assert aggregate([protesters, students], clause_of=clause_of) == CountRange(6, 17)
    civilians = make_figure("killed", "four civilians", 0, 14, source="authorities")
    six = make_figure("killed", "six", 20, 23, source="authorities")
    # 'four civilians according to X and six according to Y': a bare count is no other group
    assert aggregate([civilians, six], clause_of=clause_of) == CountRange(4, 6)


def test_a_toll_with_no_act_in_its_sentence_belongs_to_an_act_before_it():
    from tests.test_events_assemble import events_of

    events = events_of("t", 
        "[Jihadists]{ACTOR} [attacked]{TRIGGER} the post of [Bangrin]{PLACE} [on Monday]{TIME}. The fighting lasted "
        "two hours. A local official spoke of [seven VDP]{KILLED} dead. [On Tuesday]{TIME}, an [air strike]{TRIGGER} "
        "hit the attackers near [Kourma]{PLACE}.", "2025-06-18")
    tolls = {e.location: e.killed for e in events}
    assert (tolls["Bangrin"].low, tolls["Bangrin"].high) == (7, 7) and tolls["Kourma"] is None


def test_a_speakers_own_losses_take_its_side():
    from conflict_events.events.loss_sides import own_loss_sides

    text = "The TTP said its fighters had killed 11 policemen and lost two."
    policemen = make_figure("killed", "11 policemen", text.index("11"), text.index("11") + 12, source="TTP")
    two = make_figure("killed", "two", text.rindex("two"), text.rindex("two") + 3, source="TTP")
    sided = own_loss_sides([policemen, two], text, lambda offset: 0, lambda offset: 0)
    assert [f.party for f in sided] == ["state", "armed"]
    # a side named as the possessor of the losses
    text = "A military source put the attackers' losses at dozens."
    dozens = make_figure("killed", "dozens", text.index("dozens"), text.index("dozens") + 6, source="army")
    assert own_loss_sides([dozens], text, lambda offset: 0, lambda offset: 0)[0].party == "armed"
    # a bare count with no cue keeps no side
    text = "Residents said five were killed."
    five = make_figure("killed", "five", text.index("five"), text.index("five") + 4, source="Residents")
    assert own_loss_sides([five], text, lambda offset: 0, lambda offset: 0)[0].party == ""


def test_own_losses_join_their_side_and_never_the_men_the_speaker_killed():
    # 'the police chief said four militants died; the TTP said it killed 11 policemen and lost two'
    assert counts(
        "[Militants]{ACTOR} [attacked]{TRIGGER} a police post in [Tank]{PLACE} [on Monday]{TIME}, killing "
        "[three policemen]{KILLED}, [police]{SOURCE} said. [Four militants]{KILLED} were killed. "
        "[The TTP]{SOURCE} said its fighters had killed [11 policemen]{KILLED} and lost [two]{KILLED}."
    ) == [(CountRange(5, 15), None)]
    # 'killing six jihadists and losing two of their own': two parties, 8 dead, not 2 to 6
    assert counts(
        "[The MSA]{SOURCE} said its [fighters]{ACTOR} [clashed]{TRIGGER} with the attackers near [Infoukaretane]{PLACE} "
        "[on Monday]{TIME}, killing [six jihadists]{KILLED} and losing [two]{KILLED} of their own."
    ) == [(CountRange(8, 8), None)]


def test_ranks_and_mercenaries_count_state_forces():
    assert make_figure("killed", "Corporal Ahmed Ben Salem", 0, 24).party == "state"
    assert make_figure("killed", "more than 30 mercenaries", 0, 24).party == "state"
    assert make_figure("killed", "two guerrillas", 0, 14).party == "armed"


def test_soldiers_counted_after_an_army_drone_strike_belong_to_the_attack_before_it():
    from tests.test_events_assemble import events_of

    events = events_of("t",
        "[PKK militants]{ACTOR} [attacked]{TRIGGER} an army outpost in [Cukurca]{PLACE} [on Saturday]{TIME}, killing "
        "[two soldiers]{KILLED}. [Turkish forces]{ACTOR} then carried out a [drone strike]{TRIGGER} on the militants "
        "near [Gecitli]{PLACE} [on Sunday]{TIME}, killing [five]{KILLED}. [ANF]{SOURCE} said the guerrillas had "
        "killed [seven soldiers]{KILLED}.", "2025-06-18")
    tolls = {e.location: e.killed for e in events}
    assert (tolls["Cukurca"].low, tolls["Cukurca"].high) == (2, 7)
    assert (tolls["Gecitli"].low, tolls["Gecitli"].high) == (5, 5)


def test_own_losses_told_before_the_kill_and_n_of_them_take_their_side():
    from conflict_events.events.loss_sides import own_loss_sides

    def figure(text: str, piece: str, source: str = "army"):
        start = text.index(piece)
        return make_figure("killed", piece, start, start + len(piece), source=source)

    text = "The army said it lost three men and killed 11 rebels."
    sided = own_loss_sides([figure(text, "three men"), figure(text, "11 rebels")], text, lambda o: 0, lambda o: 0)
    assert [f.party for f in sided] == ["state", "armed"]
    text = 'Saba said its forces had targeted "gatherings of mercenaries" and killed dozens of them.'
    assert own_loss_sides([figure(text, "dozens of them")], text, lambda o: 0, lambda o: 0)[0].party == "state"
    # the nearest plural noun names no side: 'them' stays unknown
    text = "Border guards clashed with armed smugglers near Ruwaished, killing five of them."
    assert own_loss_sides([figure(text, "five of them")], text, lambda o: 0, lambda o: 0)[0].party == ""
    text = "The council said its fighters had killed more than 20 soldiers and that three of its own men had died."
    sided = own_loss_sides([figure(text, "more than 20 soldiers"), figure(text, "three of its own men")], text,
                           lambda o: 0, lambda o: 0)
    assert sided[1].party == "armed"


@pytest.mark.parametrize("sentence, figure", [
    ("[Gunmen]{ACTOR} [attacked]{TRIGGER} [Sabuwa]{PLACE} [on Saturday]{TIME}, killing [six people]{KILLED} and "
     "abducting [at least 45]{KILLED}.", (6, 6)),
    ("[Rebels]{ACTOR} [attacked]{TRIGGER} a base in [Hpakant]{PLACE} [on Saturday]{TIME}; [30 soldiers]{KILLED} "
     "were killed and [19]{KILLED} taken prisoner.", (30, 30)),
    ("In [Yala]{PLACE}, [two gunmen]{KILLED} on a motorcycle [opened fire]{TRIGGER} [on Friday]{TIME}, killing "
     "[a village headman]{KILLED}.", (1, 1)),
    ("[Fighters]{ACTOR} [abducted]{TRIGGER} a village chief and [two of his sons]{KILLED} in [Intikane]{PLACE} "
     "[on Sunday]{TIME} and killed [a guard]{KILLED}.", (1, 1)),
    ("A [missile strike]{TRIGGER} hit [Zaporizhzhia]{PLACE} [on Monday]{TIME}, killing [four people]{KILLED}; "
     "[23 flats]{KILLED} had been destroyed.", (4, 4)),
])
def test_people_taken_held_or_doing_the_act_are_no_casualties(sentence, figure):
    (killed, _), = counts(sentence)
    assert (killed.low, killed.high) == figure



def test_a_reports_own_stated_range_is_the_events_toll():
    from tests.test_events_assemble import events_of

    events = events_of("t",
        "[Israeli aircraft]{ACTOR} carried out an [air strike]{TRIGGER} on a house in [Tammun]{PLACE} "
        "[on 3 May]{TIME}. The [Health Ministry]{SOURCE} said [four people]{KILLED} were killed; the [PRCS]{SOURCE} "
        "reported [five]{KILLED}. The [Israeli military]{SOURCE} said the [strike]{TRIGGER} killed [three gunmen]{KILLED}. "
        "Range: [3–5]{KILLED} killed.", "2025-05-04")
    assert [(e.killed.low, e.killed.high) for e in events] == [(3, 5)]
    # one party's range ('Range for the soldiers') is no summary of the whole toll
    text = "Range for the soldiers: 2–9 killed."
    start = text.index("2–9")
    from conflict_events.events.casualties import stated_range
    assert stated_range([make_figure("killed", "2–9", start, start + 3)], text, "killed") is None
    text = "Monitor's range: 12–19 killed."
    start = text.index("12–19")
    assert stated_range([make_figure("killed", "12–19", start, start + 5)], text, "killed") == CountRange(12, 19)


def test_a_count_of_the_same_noun_counts_the_same_people():
    def figure(text, source, start=0):
        return make_figure("killed", text, start, start + len(text), source)

    agents = [figure("two agents", "Diario", 0), figure("Two agents of the National Civil Police (PNC)", "Diario", 100),
              figure("one of the attackers", "Firefighters", 300), figure("the two agents", "Ministry", 500)]
    clause_of = lambda offset: (offset // 100, 0)  # noqa: E731 - one sentence per hundred characters
    assert aggregate(agents, ("gunmen", "police"), clause_of=clause_of) == CountRange(3, 3)


def test_an_open_count_equal_to_a_partys_count_from_other_sources_retells_it():
    def figure(text, source, start):
        return make_figure("killed", text, start, start + len(text), source)

    told = [figure("two YBS fighters", "a district official", 0), figure("the two men", "the YBS", 100),
            figure("two PKK terrorists", "Turkey's Defence Ministry", 200)]
    clause_of = lambda offset: (offset // 100, 0)  # noqa: E731
    assert aggregate(told, ("Turkish army", "YBS"), clause_of=clause_of) == CountRange(2, 2)
    # told by the same source as the party's count, it is another group
    told = [figure("two YBS fighters", "the YBS", 0), figure("the two men", "the YBS", 100)]
    assert aggregate(told, ("Turkish army", "YBS"), clause_of=clause_of) == CountRange(4, 4)


def test_a_live_pages_toll_updates_reach_back_to_the_act():
    from tests.test_events_assemble import events_of

    events = events_of("t",
        "Market attack in Okene: live\n\n"
        "10:05 — [Gunmen]{ACTOR} have [opened fire]{TRIGGER} on traders at the main market in [Okene]{PLACE}.\n\n"
        "11:00 — People are running from the area. Shops are closed.\n\n"
        "12:40 — The [police]{SOURCE} say [five traders]{KILLED} were killed.\n\n"
        "13:30 — Toll rises. Roads out of town are blocked.\n\n"
        "14:10 — Ambulances keep arriving.\n\n"
        "15:20 — A [doctor]{SOURCE} says [nine bodies]{KILLED} have been brought in.", "2026-03-02")
    assert [(e.killed.low, e.killed.high) for e in events] == [(5, 9)]


def test_a_toll_update_goes_to_the_event_that_gave_the_toll_past_other_acts_told_since():
    from tests.test_events_assemble import events_of

    events = events_of("t",
        "Drone attack on Taganrog: live\n\n"
        "05:50 — Ukrainian [drones]{ACTOR} [attacked]{TRIGGER} [Taganrog]{PLACE} [on Thursday]{TIME}. The "
        "[governor]{SOURCE} says [two residents]{KILLED} were killed.\n\n"
        "10:45 — The [defence ministry]{SOURCE} says 27 drones were [shot down]{TRIGGER} over [Rostov region]{PLACE} "
        "overnight.\n\n"
        "11:30 — Separately, [Ukrainian forces]{ACTOR} [shelled]{TRIGGER} a village in [Belgorod region]{PLACE}, "
        "the [governor]{SOURCE} says.\n\n"
        "12:20 — The toll is now [six]{KILLED}, with [19]{WOUNDED} injured, the [emergencies ministry]{SOURCE} says.",
        "2027-12-10")
    assert [(e.killed.low, e.killed.high) for e in events if e.killed] == [(2, 6)]


def test_a_suicide_bombers_act_is_a_suicide_bombing():
    from tests.test_events_assemble import events_of

    events = events_of("t",
        "A [suicide bomber]{ACTOR} [rammed]{TRIGGER} an explosives-laden truck into the gate of a camp in "
        "[Mastung]{PLACE} [on Monday]{TIME}, killing [three soldiers]{KILLED}.", "2024-02-13")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Explosions/Remote violence", "Suicide bomb")]


def test_one_toll_whose_identity_sources_dispute_is_not_added_twice():
    def figure(text, source, start):
        return make_figure("killed", text, start, start + len(text), source)

    clause_of = lambda offset: (offset // 100, 0)  # noqa: E731
    disputed = [figure("three militants", "US Africa Command", 0), figure("four herders", "a local elder", 100)]
    assert aggregate(disputed, ("US forces", "al-Shabaab"), clause_of=clause_of) == CountRange(3, 4)
    # counts of different size are different people: the insurgents and the farmers caught in the strike
    apart = [figure("about 20 insurgents", "the army", 0), figure("two farmers", "residents", 100)]
    assert aggregate(apart, ("army", "Taliban"), clause_of=clause_of) == CountRange(22, 22)
    # one source giving both counts two groups
    both = [figure("three militants", "the army", 0), figure("four herders", "the army", 100)]
    assert aggregate(both, ("army", "al-Shabaab"), clause_of=clause_of) == CountRange(7, 7)


def test_source_of_a_figure_is_the_one_of_its_semicolon_clause():
    from conflict_events.events.claims import nearest_source
    from conflict_events.events.sentences import split_sentences
    from conflict_events.spans import Span
    text = ("The SLA-AW said it had killed 30 RSF fighters and lost four of its own; an RSF commander said 11 of "
            "the rebels died.")
    at = text.index("an RSF commander")
    sources = [Span(4, 10, "SOURCE", "SLA-AW"), Span(at, at + 16, "SOURCE", "an RSF commander")]
    sentence = split_sentences(text)[0]
    start = text.index("four of its own")
    assert nearest_source(sources, start, start + 15, sentence) == "SLA-AW"
    start = text.index("11 of the rebels")
    assert nearest_source(sources, start, start + 16, sentence) == "an RSF commander"


def test_own_losses_of_an_armed_speaker_against_another_armed_group_stay_armed():
    from conflict_events.events.loss_sides import own_loss_sides
    text = "The SLA-AW said it had killed 30 RSF fighters and lost four of its own."
    figures = [make_figure("killed", t, text.index(t), text.index(t) + len(t), "SLA-AW")
               for t in ("30 RSF fighters", "four of its own")]
    sided = own_loss_sides(figures, text, lambda offset: 0, lambda offset: 0)
    assert [f.party for f in sided] == ["armed", "armed"]
    # a state speaker's own losses against armed men are the state's
    text = "The army said it had killed 30 militants and lost four of its own."
    figures = [make_figure("killed", t, text.index(t), text.index(t) + len(t), "army")
               for t in ("30 militants", "four of its own")]
    assert [f.party for f in own_loss_sides(figures, text, lambda offset: 0, lambda offset: 0)] == ["armed", "state"]


def test_dead_among_the_speakers_own_troops_are_its_side():
    from conflict_events.events.loss_sides import own_loss_sides
    text = "An RSF commander said he acknowledged three dead among his troops."
    figure = make_figure("killed", "three", text.index("three"), text.index("three") + 5, "An RSF commander")
    assert own_loss_sides([figure], text, lambda offset: 0, lambda offset: 0)[0].party == "armed"


def test_a_headline_figure_the_body_counts_again_stays_with_the_body_sentence():
    # 'police say five attackers killed' in the headline is the second act's toll, told again below;
    # the headline's nearest act is the raid, which must not add it
    found = counts(
        "[Gunmen]{ACTOR} [kill]{TRIGGER} [four]{KILLED} at market in [Bandar]{PLACE}; [police]{SOURCE} say "
        "[five attackers]{KILLED} killed\n"
        "[Gunmen]{ACTOR} [raided]{TRIGGER} the market in [Bandar]{PLACE} [on Monday]{TIME}, killing "
        "[four traders]{KILLED}, [the mayor]{SOURCE} said. [On Tuesday]{TIME}, [police]{ACTOR} caught up with the "
        "attackers near [Kolo]{PLACE} and killed [five of them]{KILLED} in a [gun battle]{TRIGGER}, "
        "[the police]{SOURCE} said."
    )
    assert sorted(k.high for k, _ in found) == [4, 5]


def test_a_states_forces_named_by_its_demonym_are_no_armed_group_whose_dead_add_up():
    gunmen = make_figure("killed", "two gunmen", 0, 10, "Israeli military")
    assert side_of(gunmen, ("Israeli forces", "armed men")) == gunmen.party
    assert side_of(gunmen, ("Rapid Support Forces", "armed men")) == "actor1"  # a militia's name, no demonym


def test_people_who_fled_or_were_displaced_are_no_casualties():
    from conflict_events.events.assemble import not_harmed
    from conflict_events.spans import Span

    for sentence, harmed in (("The group said that about 200 villagers had fled into the forest.", False),
                             ("Some 300 families were displaced by the fighting.", False),
                             ("The prefect said two were evacuated.", True)):  # the wounded flown out count
        start = next(i for i, c in enumerate(sentence) if c.isdigit() or sentence[i:i + 3] == "two")
        end = sentence.index(" ", sentence.index(" ", start) + 1) if "were evacuated" not in sentence else start + 3
        assert not_harmed(sentence, Span(start, end, "KILLED", sentence[start:end])) is not harmed, sentence


def test_another_sources_count_of_a_party_already_counted_is_the_same_toll():
    from tests.test_events_assemble import events_of

    # the headline's 'shootout' joins the first paragraph's gun battle to the second's: the union's
    # 'three officers' still restates the ambush's 'two officers'
    markup = ("[Gunmen]{ACTOR} [ambush]{TRIGGER} state police near [Altar]{PLACE}; [six]{KILLED} killed in "
              "[shootout]{TRIGGER} in [Caborca]{PLACE}\n"
              "HERMOSILLO, Sonora — [Gunmen]{ACTOR} [ambushed]{TRIGGER} a state police patrol outside [Altar]{PLACE} "
              "[early on Thursday]{TIME}, killing [two officers]{KILLED} and wounding [three]{WOUNDED}, "
              "[the security secretariat]{SOURCE} said. The attackers fled after a [gun battle]{TRIGGER} that lasted "
              "about 20 minutes, it said. [A union representative]{SOURCE} said [three officers]{KILLED} had died.\n"
              "[On Friday night]{TIME}, a [gun battle]{TRIGGER} between the [Caborca Cartel]{ACTOR} and "
              "[Los Chapitos]{ACTOR} left [six men]{KILLED} dead in [Caborca]{PLACE}, [municipal police]{SOURCE} said.")
    tolls = sorted((e.killed.low, e.killed.high) for e in events_of("restated", markup, "2029-01-27") if e.killed)
    assert tolls == [(2, 3), (6, 6)]


def test_two_states_dead_add_up_by_country_and_a_speakers_own_losses_count_its_side():
    from tests.test_events_assemble import events_of

    markup = ("[Russian troops]{ACTOR} [attacked]{TRIGGER} [Ukrainian forces]{ACTOR} near [Vovchansk]{PLACE} "
              "[on Monday]{TIME}. [Ukraine's army]{SOURCE} said it had killed [40 Russian soldiers]{KILLED} and lost "
              "[three of its own]{KILLED}. [Russia's defence ministry]{SOURCE} said [12 Ukrainian soldiers]{KILLED} "
              "had died.")
    (event,) = events_of("two-states", markup, "2029-03-12")
    # Russian 40, Ukrainian 3 (Kyiv) to 12 (Moscow): 43 to 52, not one toll of 3 to 40 nor 55
    assert (event.killed.low, event.killed.high) == (43, 52)


def test_a_third_count_of_armed_men_in_a_fight_of_two_armed_groups_joins_the_nearest_toll():
    sdf = make_figure("killed", "four SDF fighters", 0, 17, "SDF")
    attackers = make_figure("killed", "two of the attackers", 30, 50, "SDF")
    amaq = make_figure("killed", "seven Kurdish militiamen", 60, 84, "Amaq news agency")
    actors = ("Islamic State", "SDF")
    assert [side_of(f, actors) for f in (sdf, attackers, amaq)] == ["actor2", "actor1", "armed"]
    # SDF 4 to 7 and the attackers 2: not a third party's 7 more dead
    assert aggregate([sdf, attackers, amaq], actors) == CountRange(6, 9)


def test_members_of_the_security_forces_are_of_the_state_side():
    assert make_figure("killed", "11 members of the security forces", 0, 33).party == "state"
    assert make_figure("killed", "two members of the militia", 0, 26).party == "armed"
    # a state's army known by its acronym is no armed group: its dead and its enemy's stay apart by kind
    assert side_of(make_figure("killed", "three soldiers", 0, 14, "FAMa"), ("FLA", "FAMa")) == "state"
