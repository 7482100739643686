"""actor1/actor2 rules on short hand-made texts with known answers (annotations/README.md decisions
47, 53, 54 and the event decisions on counted victims, unnamed initiators and air strikes)."""

from conflict_events.events import extract_events
from conflict_events.events.build_event import same_side
from conflict_events.events.roles import assign_roles, party_key, plain_name
from tests.test_events_assemble import marked


def _events(markup: str, date: str = "2024-03-12"):
    text, spans = marked(markup)
    return extract_events("t", text, date, spans)


def _one(markup: str):
    events = _events(markup)
    assert len(events) == 1, [(e.event_type, e.actor1, e.actor2) for e in events]
    return events[0]


def test_single_counted_soldier_is_actor2_and_the_attacker_actor1():
    event = _one("[1 soldier]{KILLED} was killed following an [attack]{TRIGGER} by [Taliban militants]{ACTOR} "
                 "in [Kunduz]{PLACE} [on Monday]{TIME}.")
    assert party_key(event.actor1) == "taliban"
    assert event.actor2 == "soldier"  # decision 53: the noun without the number


def test_counted_civilians_beat_another_party_of_the_sentence():
    event = _one("[M23 rebels]{ACTOR} [shelled]{TRIGGER} [Sake]{PLACE} [on Sunday]{TIME} as they fought "
                 "[Congolese troops]{ACTOR}, killing [at least six civilians]{KILLED}.")
    assert event.actor1 == "M23 rebels"
    assert event.actor2 == "civilians"


def test_counted_party_is_written_by_its_actor_span():
    event = _one("[Militants]{ACTOR} [stormed]{TRIGGER} a [police]{ACTOR} post in [Lakki Marwat]{PLACE} "
                 "[on Wednesday]{TIME}, killing [four policemen]{KILLED}.")
    assert event.actor2 == "police"


def test_generic_people_and_subset_counts_give_no_victim():
    event = _one("A [bomb]{TRIGGER} exploded at a market in [Kolofata]{PLACE} [on Sunday]{TIME}, killing "
                 "[five people]{KILLED}. The dead included [two women]{KILLED}.")
    assert event.actor2 is None


def test_a_claim_does_not_swap_the_roles():
    event = _one("[Taliban fighters]{ACTOR} [attacked]{TRIGGER} a [police]{ACTOR} checkpoint in [Kunduz]{PLACE} "
                 "[on Monday]{TIME}, killing [three policemen]{KILLED}. The [Taliban]{ACTOR} claimed "
                 "responsibility for the [attack]{TRIGGER}.")
    assert party_key(event.actor1) == "taliban"
    assert event.actor2 == "police"


def test_a_named_group_beats_a_generic_noun_for_the_same_party():
    event = _one("[Insurgents]{ACTOR} [attacked]{TRIGGER} an army base in [Kunduz]{PLACE} [on Monday]{TIME}. "
                 "[Taliban fighters]{ACTOR} [stormed]{TRIGGER} the base after the [militants]{ACTOR} had "
                 "surrounded it.")
    assert party_key(event.actor1) == "taliban"


def test_a_party_written_before_the_strike_is_its_agent():
    event = _one("A [Turkish]{ACTOR} [drone strike]{TRIGGER} on a car near [Qamishli]{PLACE} [on Monday]{TIME} "
                 "killed [two SDF commanders]{KILLED}.")
    assert event.actor1 == "Turkish"
    assert party_key(event.actor2) == party_key("SDF commanders")


def test_by_before_a_nominal_act_names_the_agent():
    event = _one("[Nine civilians]{KILLED} were killed by [M23]{ACTOR} [shelling]{TRIGGER} of "
                 "[Sake]{PLACE} [on Sunday]{TIME}.")
    assert event.actor1 == "M23"
    assert event.actor2 == "civilians"


def test_an_air_strike_with_no_agent_takes_the_air_force_named_in_the_article():
    events = _events("The [Afghan Air Force]{ACTOR} has stepped up operations in the north. "
                     "Separately, [Taliban]{ACTOR} commanders met in the hills.\n"
                     "Later that week, [air strikes]{TRIGGER} hit a compound in [Dand]{PLACE} [on Tuesday]{TIME}, "
                     "killing [eight fighters]{KILLED}.")
    strike = next(e for e in events if e.sub_event_type == "Air/drone strike")
    assert strike.actor1 == "Afghan Air Force"


def test_subjects_killed_in_an_attack_are_its_targets():
    text, spans = marked("[Taliban fighters]{ACTOR} were killed in [airstrikes]{TRIGGER} near [Kunduz]{PLACE}.")
    trigger = next(s for s in spans if s.label == "TRIGGER")
    roles = assign_roles(text, trigger, [s for s in spans if s.label == "ACTOR"])
    assert roles.actor1 is None and roles.actor2.text == "Taliban fighters"


def test_a_span_naming_both_sides_is_both_actors():
    event = _one("Violent [clashes]{TRIGGER} between the two [rival Taliban factions]{ACTOR} erupted in "
                 "[Shindand]{PLACE} [on Monday]{TIME}.")
    assert event.actor1 == event.actor2 == "rival Taliban factions"


def test_plain_name_only_where_the_party_is_written_both_ways():
    assert plain_name("Taliban fighters", {"Taliban fighters", "Taliban"}) == "Taliban"
    assert plain_name("Taliban fighters", {"Taliban fighters", "Taliban spokesman Zabihullah Mujahid"}) == "Taliban"
    assert plain_name("Tigrayan forces", {"Tigrayan forces"}) == "Tigrayan forces"
    assert plain_name("Rapid Support Forces", {"Rapid Support Forces", "RSF"}) == "Rapid Support Forces"
    assert plain_name("Taliban fighters") == "Taliban"  # no article given: as before


def test_same_side_by_kind_of_force():
    assert same_side("policemen", "police")
    assert same_side("Ukrainian servicemen", "Ukrainian troops")
    assert same_side("villagers", "residents")
    assert not same_side("police officers", "army")
    assert not same_side("civilians", "soldiers")


def test_gunmen_killing_counted_civilians_is_violence_against_civilians():
    # a generic initiator is compatible with any armed party, but civilians are never its own dead
    event = _one("[Gunmen]{ACTOR} [attacked]{TRIGGER} a market in [Kaura]{PLACE} [on Sunday]{TIME}, "
                 "killing [12 civilians]{KILLED}.")
    assert (event.event_type, event.actor1, event.actor2) == ("Violence against civilians", "Gunmen", "civilians")


def test_civilians_killed_in_crossfire_keep_the_battle():
    event = _one("[Al-Shabaab fighters]{ACTOR} [clashed]{TRIGGER} with [Somali troops]{ACTOR} in [Afgoye]{PLACE} "
                 "[on Monday]{TIME}, and [three civilians]{KILLED} were killed in the crossfire.")
    assert (event.event_type, event.actor2) == ("Battles", "Somali troops")


def test_a_claimed_attack_is_credited_to_its_claimant():
    from tests.test_events_assemble import events_of

    markup = ("A [suicide bomber]{ACTOR} [blew himself up]{TRIGGER} at a checkpoint in [Tank]{PLACE} [on Monday]{TIME}, "
              "killing [six police officers]{KILLED}, [police]{SOURCE} said.\nThe banned [Tehreek-e-Taliban Pakistan]{SOURCE} "
              "(TTP) claimed responsibility in a message to journalists.")
    events = events_of("claimed", markup, "2023-09-12")
    assert [e.actor1 for e in events] == ["Tehreek-e-Taliban Pakistan"]


def test_no_claim_or_a_named_initiator_keeps_the_actor():
    from tests.test_events_assemble import events_of

    unclaimed = ("A [suicide bomber]{ACTOR} [blew himself up]{TRIGGER} at a checkpoint in [Tank]{PLACE} [on Monday]{TIME}, "
                 "killing [six police officers]{KILLED}, [police]{SOURCE} said.\nNo group claimed responsibility.")
    assert [e.actor1 for e in events_of("unclaimed", unclaimed, "2023-09-12")] == ["suicide bomber"]
    named = ("[Taliban fighters]{ACTOR} [attacked]{TRIGGER} a checkpoint in [Tank]{PLACE} [on Monday]{TIME}.\n"
             "[Jamaat-ul-Ahrar]{SOURCE} claimed responsibility.")
    assert [e.actor1 for e in events_of("named", named, "2023-09-12")] == ["Taliban fighters"]


def test_the_agent_written_after_a_strike_is_its_initiator():
    # 'by' after a nominal strike, and the non-state agent of an air strike (decision on air strikes:
    # a written agent wins over the side the strikes support)
    event = _one("[On 30 November]{TIME}, a [drone strike]{TRIGGER} by [Houthi forces]{ACTOR} hit a pickup carrying "
                 "displaced families near [Al-Sowayda camp]{PLACE}, killing [four]{KILLED}.")
    assert party_key(event.actor1) == "houthi"
    event = _one("[On 22 January]{TIME}, [artillery shells]{TRIGGER} fired from [Rapid Support Forces]{ACTOR} positions "
                 "hit [Abu Shouk camp]{PLACE}, killing [five civilians]{KILLED}.")
    assert event.actor1 == "Rapid Support Forces" and event.actor2 == "civilians"
    event = _one("A [drone strike]{TRIGGER} attributed to the [RSF]{ACTOR} hit a fuel depot in [Kosti]{PLACE} "
                 "[on Monday]{TIME}, killing [2 civilians]{KILLED}.")
    assert event.actor1 == "RSF"


def test_a_party_after_a_plain_from_is_no_agent():
    event = _one("An [ambush]{TRIGGER} killed [five soldiers]{KILLED} from the [army]{ACTOR} in [Kunduz]{PLACE} "
                 "[on Monday]{TIME}.")
    assert event.actor1.startswith("Unidentified Armed Group")


def test_the_by_agent_of_another_participle_is_not_the_attacker():
    event = _one("[JNIM fighters]{ACTOR} [ambushed]{TRIGGER} a supply convoy escorted by the [army]{ACTOR} near "
                 "[Boni]{PLACE} [on Monday]{TIME}.")
    assert (party_key(event.actor1), event.actor2) == ("jnim", "army")


def test_coordinated_subjects_of_a_mutual_act_are_the_two_sides():
    event = _one("[Police]{ACTOR} and [gang members]{ACTOR} [exchanged fire]{TRIGGER} in [Tegucigalpa]{PLACE} "
                 "[on Friday]{TIME}.")
    assert (event.actor1, event.actor2) == ("Police", "gang members")
    # allies against a third party named after 'with' stay allies: the third party is the target
    event = _one("[Government forces]{ACTOR} and [clan militias]{ACTOR} [clashed]{TRIGGER} with "
                 "[al-Shabaab fighters]{ACTOR} near [Wisil]{PLACE} [on Sunday]{TIME}.")
    assert party_key(event.actor2) == "al shabaab"


def test_two_names_of_one_party_share_a_code_and_generic_parties_none():
    from conflict_events.events.build_event import _named_code
    assert _named_code("National Liberation Army (ELN)", "Colombia") == _named_code("ELN", "Colombia") == "ELN"
    assert _named_code("army", "Mali") == _named_code("soldiers", "Mali")
    # codes that group many parties do not make two actors one
    assert _named_code("gunmen", "Mali") is None and _named_code("villagers", "Mali") is None


def test_gunmen_killing_a_named_civilian_is_violence_against_civilians():
    event = _one("[Gunmen]{ACTOR} [opened fire]{TRIGGER} on the car of [a local councillor, Amos Dube]{KILLED}, in "
                 "[Inanda]{PLACE} [on Sunday]{TIME}, killing him.")
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")
    # the same act with a soldier among the dead is a fight
    event = _one("[Gunmen]{ACTOR} [opened fire]{TRIGGER} on a checkpoint in [Inanda]{PLACE} [on Sunday]{TIME}, "
                 "killing [a soldier]{KILLED} and [a councillor]{KILLED}.")
    assert event.event_type != "Violence against civilians"


def test_an_actor_span_the_tagger_is_unsure_of_is_left_out():
    from dataclasses import replace
    text, spans = marked("[Gunmen]{ACTOR} [raided]{TRIGGER} the village of [Tin-Eguef]{ACTOR} in [Menaka]{PLACE} "
                         "[on Saturday]{TIME}, killing [14 herders]{KILLED}.")
    unsure = [replace(s, score=0.45) if s.text == "Tin-Eguef" else s for s in spans]
    (event,) = extract_events("t", text, "2025-03-10", unsure)
    assert (event.actor2, event.event_type) != ("Tin-Eguef", "Battles")
    assert event.event_type == "Violence against civilians"  # 14 herders, no party against the gunmen
    (event,) = extract_events("t", text, "2025-03-10", spans)  # gold spans (score 1.0) are all kept
    assert (event.actor2, event.event_type) == ("Tin-Eguef", "Battles")


def test_fire_from_a_party_s_positions_is_that_party_s():
    event = _one("[Sniper fire]{TRIGGER} from [Houthi]{ACTOR} positions north of [Taiz]{PLACE} killed "
                 "[a 10-year-old boy]{KILLED} [on Saturday]{TIME}.")
    assert event.actor1_code == "Houthis"


def test_a_party_blamed_after_the_attack_is_its_initiator():
    from tests.test_events_assemble import events_of

    markup = ("[Gunmen]{ACTOR} [opened fire]{TRIGGER} on customers in a billiards hall in [San Lorenzo]{PLACE} "
              "[on Saturday]{TIME}, killing [eight people]{KILLED}.\nThe police chief blamed [Los Choneros]{ACTOR}.")
    assert [e.actor1 for e in events_of("blamed", markup, "2025-10-12")] == ["Los Choneros"]
    # a blame told before an act is not for it
    earlier = ("The police chief blamed [Los Choneros]{ACTOR} for a wave of extortion.\n[Gunmen]{ACTOR} "
               "[opened fire]{TRIGGER} on customers in [San Lorenzo]{PLACE} [on Saturday]{TIME}.")
    assert [e.actor1 for e in events_of("earlier", earlier, "2025-10-12")] == ["Gunmen"]
    hallmarks = ("A [car bomb]{TRIGGER} exploded outside the police station in [Jamundí]{PLACE} [on Sunday]{TIME}.\n"
                 "The police commander said the attack bore the hallmarks of the [Jaime Martínez front]{ACTOR}.")
    assert [e.actor1 for e in events_of("hallmarks", hallmarks, "2025-10-12")] == ["Jaime Martínez front"]
    # the blame is for the act told just before it, whose author is named: the earlier gunmen stay unnamed
    other = ("[Gunmen]{ACTOR} [shot dead]{TRIGGER} a trader in [Saravena]{PLACE} [on Friday]{TIME}.\n"
             "[Rebels]{ACTOR} [ambushed]{TRIGGER} an army patrol near [Tame]{PLACE} [on Monday]{TIME}, killing "
             "[two soldiers]{KILLED}, the army said, blaming the [ELN]{ACTOR}.")
    assert [e.actor1 for e in events_of("other", other, "2025-10-14")][0] == "Gunmen"


def test_an_armed_party_saying_its_men_did_it_claims_the_act_a_state_force_does_not():
    from tests.test_events_assemble import events_of

    markup = ("[Gunmen]{ACTOR} [ambushed]{TRIGGER} a truck near [Lainya]{PLACE} [on Sunday]{TIME}, killing "
              "[two soldiers]{KILLED}.\nThe [National Salvation Front]{ACTOR} said its fighters carried out the ambush.")
    assert [e.actor1 for e in events_of("own", markup, "2024-06-10")] == ["National Salvation Front"]
    state = ("[Gunmen]{ACTOR} [ambushed]{TRIGGER} a truck near [Lainya]{PLACE} [on Sunday]{TIME}.\n"
             "The [army]{ACTOR} said its forces attacked the gunmen's camp.")
    assert [e.actor1 for e in events_of("state", state, "2024-06-10")][0] == "Gunmen"


def test_people_at_work_are_civilians_and_armed_herders_are_not():
    from conflict_events.events.roles import party_class

    assert [party_class(p) for p in ("traders", "customers", "gold miners", "displaced families")] == ["civilians"] * 4
    assert party_class("armed herders") == "armed"


def test_a_lone_civilian_victim_is_the_target_when_no_group_or_fighter_is_counted():
    event = _one("[Gunmen]{ACTOR} [opened fire]{TRIGGER} on a car near [Inanda]{PLACE} [on Sunday]{TIME}, killing "
                 "[a tribal elder]{KILLED}.")
    assert (event.actor2, event.event_type) == ("tribal elder", "Violence against civilians")
    # beside a counted fighter, the lone civilian is a bystander of the fight
    event = _one("[Gunmen]{ACTOR} [opened fire]{TRIGGER} on a checkpoint near [Inanda]{PLACE} [on Sunday]{TIME}, "
                 "killing [a soldier]{KILLED} and [a tribal elder]{KILLED}.")
    assert event.actor2 != "tribal elder" and event.event_type == "Battles"


def test_a_participle_after_a_comma_keeps_the_initiator_of_the_act_before_it():
    text, spans = marked("[Gunmen]{ACTOR} [ambushed]{TRIGGER} a lorry carrying [traders]{ACTOR} near [Mazeze]{PLACE} "
                         "[on Sunday]{TIME}, wounding four and [setting fire]{TRIGGER} to the vehicle.")
    from conflict_events.events.mentions import build_mentions
    from conflict_events.events.sentences import split_sentences

    mentions = build_mentions(text, "2025-11-18", spans, split_sentences(text))
    assert [(m.actor1.text, m.actor2.text) for m in mentions] == [("Gunmen", "traders"), ("Gunmen", "traders")]


def test_civilians_hit_by_shelling_are_its_actor2_unless_it_was_aimed_at_a_partys_positions():
    event = _one("[Houthi forces]{ACTOR} [shelled]{TRIGGER} [government forces]{ACTOR} in [Taiz]{PLACE} "
                 "[on Tuesday]{TIME}, killing [three children]{KILLED}.")
    assert event.actor1 == "Houthi forces" and event.actor2 == "children"
    event = _one("[Army units]{ACTOR} [shelled]{TRIGGER} positions of [the Jund al-Khilafa]{ACTOR} near [Kasserine]{PLACE} "
                 "[on Tuesday]{TIME}, killing [a shepherd]{KILLED}.")
    assert event.actor2 == "Jund al-Khilafa"


def test_state_forces_named_by_acronym_or_gendarmerie_are_state():
    from conflict_events.events.roles import party_class

    assert party_class("gendarmerie") == "state"
    assert party_class("ENDF") == "state"
    assert party_class("Sudanese Armed Forces (SAF)") == "state"
    assert party_class("Fano militiamen") == "armed"


def test_the_bodys_parties_beat_a_headline_listing_several_incidents():
    events = _events("Round-up: [militia]{ACTOR} [raid]{TRIGGER} in [Tshopo]{PLACE}, [army]{ACTOR} and Mai-Mai "
                     "[clash]{TRIGGER} in [Maniema]{PLACE}\n"
                     "[Mapimbi]{PLACE}, [Kabambare territory]{PLACE}, [Maniema province]{PLACE} \u2014 [FARDC troops]{ACTOR} "
                     "[clashed]{TRIGGER} with [Mai-Mai Malaika fighters]{ACTOR} [on Friday]{TIME}.")
    clash = next(e for e in events if any(t.text == "clashed" for t in e.triggers))
    assert clash.actor1 == "FARDC troops" and clash.actor2 == "Mai-Mai Malaika fighters"


def test_a_strike_told_first_hits_the_civilians_it_counts_and_the_army_saying_it_struck_is_its_author():
    events = _events("[On Monday]{TIME}, a [drone strike]{TRIGGER} hit a wedding in [Sokourani]{PLACE}. Relatives said "
                     "[between 9 and 15 civilians]{KILLED} were killed. The [army]{SOURCE} said it [struck]{TRIGGER} "
                     "[terrorists]{ACTOR} preparing an [attack]{TRIGGER}.")
    strike = next(e for e in events if any(t.text == "drone strike" for t in e.triggers))
    assert strike.actor2 == "civilians"
    assert strike.actor1 == "army"


def test_a_raid_whose_target_only_its_author_names_hit_the_civilians_it_killed():
    event = _one("[RSF fighters]{ACTOR} [stormed]{TRIGGER} [Umm Shawka]{PLACE} [on Sunday]{TIME}, killing "
                 "[12 civilians]{KILLED}. The [RSF]{SOURCE} said its forces had [targeted]{TRIGGER} a gathering of "
                 "[army-allied fighters]{ACTOR}.")
    assert event.actor2 == "civilians"
    assert event.event_type == "Violence against civilians"


def test_the_headline_says_who_the_bodys_people_were():
    events = _events("[Five villagers]{KILLED} killed in [Kwilu]{PLACE}\n"
                     "[Militiamen]{ACTOR} [attacked]{TRIGGER} the village of [Mbelo]{PLACE} [on Monday]{TIME}, killing "
                     "[five people]{KILLED}.")
    assert [e.actor2 for e in events] == ["villagers"]


def test_an_administrative_unit_tagged_as_a_party_is_a_place():
    from conflict_events.events.assemble import _clean_spans
    from conflict_events.spans import Span

    text = "Gunmen killed villagers in Taraba State, Islamic State said."
    spans = [Span(text.index("Taraba State"), text.index("Taraba State") + 12, "ACTOR", "Taraba State", 0.9),
             Span(text.index("Islamic State"), text.index("Islamic State") + 13, "ACTOR", "Islamic State", 0.9)]
    assert [s.label for s in _clean_spans(text, spans)] == ["PLACE", "ACTOR"]


def test_herders_woodcutters_and_pickers_are_civilians_unless_armed():
    from conflict_events.events.roles import party_class

    assert party_class("herders") == party_class("a woodcutter") == party_class("three coca pickers") == "civilians"
    assert party_class("armed herders") == "armed"


def test_civilians_a_participle_names_are_not_the_initiator_of_an_armed_attack():
    events = _events("[Gunmen]{ACTOR} [attacked]{TRIGGER} three villages in [Riyom]{PLACE} [on Monday]{TIME}, "
                     "[shooting]{TRIGGER} [residents]{ACTOR} and [burning]{TRIGGER} homes.")
    assert [(e.actor1, e.actor2) for e in events if e.actor1 != e.actor2][0][0] == "Gunmen"
    assert all(e.actor1 != "residents" for e in events)


def test_party_named_beside_an_initiatorless_act_is_its_initiator():
    # role assignment finds no initiator of 'engaged' across the relative clause 'sent to the area'
    event = _one("[On Monday]{TIME}, [elements of the FARDC]{ACTOR} sent to the area [engaged]{TRIGGER} the "
                 "[assailants]{ACTOR} near [Likati]{PLACE}.")
    assert event.actor1 == "elements of the FARDC"


def test_no_party_written_leaves_the_initiator_unidentified():
    event = _one("An [explosion]{TRIGGER} hit a market in [Kalemie]{PLACE} [on Monday]{TIME}, killing "
                 "[three people]{KILLED}.")
    assert event.actor1.startswith("Unidentified")


def test_civilians_named_first_in_an_explosion_are_its_target_not_its_author():
    from conflict_events.events.build_event import _no_civilian_bomber

    assert _no_civilian_bomber("farmer", "Israeli forces", "Israel") == ("Israeli forces", "farmer")
    assert _no_civilian_bomber("traders", None, "South Sudan") == ("Unidentified Armed Group (South Sudan)", "traders")
    assert _no_civilian_bomber("army", "villagers", "Mali") == ("army", "villagers")
    event = _one("A truck carrying [traders]{ACTOR} [struck a landmine]{TRIGGER} near [Kangapo]{PLACE} "
                 "[on Wednesday]{TIME}, killing [two traders]{KILLED}, [volunteers]{SOURCE} said.")
    assert event.event_type == "Explosions/Remote violence"
    assert event.actor2 == "traders" and event.actor1.startswith("Unidentified Armed Group")


def test_a_figure_told_by_a_pronoun_speaker_is_the_word_of_the_source_named_before():
    from tests.test_events_assemble import events_of

    markup = ("[Gunmen]{ACTOR} [attacked]{TRIGGER} a police post in [Garu]{PLACE} [on Tuesday]{TIME}, killing [two officers]{KILLED}, "
              "[the police chief]{SOURCE} said. She said [two attackers]{KILLED} were also killed. In a statement, [the rebels]{SOURCE} "
              "said they had killed [five officers]{KILLED}.")
    event = events_of("pronoun", markup, "2025-08-10")[0]
    assert sorted((c.source, c.killed) for c in event.claims) == [("the police chief", 4), ("the rebels", 5)]


def test_each_of_several_claimants_is_credited_with_the_act_told_before_its_claim():
    from tests.test_events_assemble import events_of

    markup = ("[Fighters]{ACTOR} [attacked]{TRIGGER} a checkpoint in [Farkhar]{PLACE} [on Sunday]{TIME}.\n"
              "The [Afghanistan Freedom Front]{SOURCE} said on Monday that its fighters had attacked the checkpoint.\n"
              "A [magnetic bomb]{TRIGGER} killed [a district official]{KILLED} in [Rustaq]{PLACE} [on Monday]{TIME}.\n"
              "[Islamic State Khorasan Province]{SOURCE} claimed the bombing in a statement.")
    assert [e.actor1 for e in events_of("two", markup, "2024-06-11")] == [
        "Afghanistan Freedom Front", "Islamic State Khorasan Province"]
    # a claimant whose sentence comes before every unnamed act is not guessed to mean the first one
    early = ("[Islamic State Khorasan Province]{SOURCE} claimed the bombing in a statement.\n"
             "The [Afghanistan Freedom Front]{SOURCE} said its fighters had attacked a checkpoint.\n"
             "[Gunmen]{ACTOR} [shot dead]{TRIGGER} a trader in [Taloqan]{PLACE} [on Monday]{TIME}.")
    assert [e.actor1 for e in events_of("early", early, "2024-06-11")] == ["Gunmen"]


def test_a_claimant_told_with_an_apposition_or_it_clause_claims_and_an_unclaimed_act_stays_unnamed():
    from tests.test_events_assemble import events_of

    apposition = ("[Militants]{ACTOR} [shelled]{TRIGGER} the airport in [Baidoa]{PLACE} [on Tuesday]{TIME}.\n"
                  "[Al-Shabaab]{SOURCE}, the group fighting the government, said in a statement that its fighters "
                  "were behind the attack.")
    assert [e.actor1 for e in events_of("apposition", apposition, "2024-06-12")] == ["Al-Shabaab"]
    # either side of a battle tells what its men killed: that is no claim of the attack
    result = ("[Militants]{ACTOR} [attacked]{TRIGGER} a base in [Boni]{PLACE} [on Tuesday]{TIME}.\n"
              "The [SLA-AW]{SOURCE} said its fighters had killed 30 soldiers.")
    assert [e.actor1 for e in events_of("result", result, "2024-06-12")] == ["Militants"]
    # a spokesperson's 'its fighters' are a group the span does not name
    spokesperson = ("[Gunmen]{ACTOR} [ambushed]{TRIGGER} a patrol near [Quezon]{PLACE} [on Tuesday]{TIME}.\n"
                    "[A rebel spokesperson]{SOURCE} said its fighters had ambushed the patrol.")
    assert [e.actor1 for e in events_of("spokesperson", spokesperson, "2024-06-12")] == ["Gunmen"]
    unclaimed = ("[Islamic State]{ACTOR} [ambushed]{TRIGGER} a patrol near [Hajin]{PLACE} [on Tuesday]{TIME}.\n"
                 "Separately, a [roadside bomb]{TRIGGER} hit a minibus near [Al-Busayrah]{PLACE} [on Monday]{TIME}, "
                 "killing [three civilians]{KILLED}. No group claimed responsibility for the bombing.\n"
                 "[Islamic State]{SOURCE} said its fighters had ambushed the patrol.")
    assert [e.actor1 for e in events_of("unclaimed", unclaimed, "2024-06-12")][1] != "Islamic State"


def test_a_party_residents_attribute_the_attack_to_or_point_the_finger_at_is_its_initiator():
    from tests.test_events_assemble import events_of

    markup = ("[Armed individuals]{ACTOR} [attacked]{TRIGGER} the village of [Tounga]{PLACE} [on Friday]{TIME}, "
              "killing [six herders]{KILLED}.\nResidents attribute the attack to the [Lakurawa]{ACTOR}.")
    assert [e.actor1 for e in events_of("attribute", markup, "2024-06-12")] == ["Lakurawa"]
    finger = ("A [car bomb]{TRIGGER} exploded in [Baqubah]{PLACE} [on Friday]{TIME}, killing [four people]{KILLED}. "
              "No group has claimed responsibility, but officials point the finger at [Islamic State cells]{ACTOR}.")
    assert [e.actor1 for e in events_of("finger", finger, "2024-06-12")] == ["Islamic State cells"]
    group = ("[Aggressors]{ACTOR} [attacked]{TRIGGER} the community of [Tlayehualco]{PLACE} [on Friday]{TIME}.\n"
             "The council attributed the attack to the criminal group [Los Ardillos]{ACTOR}.")
    assert [e.actor1 for e in events_of("group", group, "2024-06-12")] == ["Los Ardillos"]


def test_a_blamed_party_a_tagger_reads_as_a_source_is_still_credited():
    from tests.test_events_assemble import events_of

    markup = ("A [roadside bomb]{TRIGGER} hit a minibus near [Kaïgourou]{PLACE} [on Monday]{TIME}, killing "
              "[six civilians]{KILLED}. No group claimed the blast; [residents]{SOURCE} blamed [JNIM]{SOURCE}.")
    assert [e.actor1 for e in events_of("source", markup, "2029-05-15")] == ["JNIM"]


def test_a_one_sided_act_with_no_target_named_and_no_fighter_counted_is_violence_against_civilians():
    from tests.test_events_assemble import events_of

    one_sided = ("[Gunmen]{ACTOR} [opened fire]{TRIGGER} on a family party in [El Mezquite]{PLACE} [early Sunday]{TIME}, "
                 "killing [six people]{KILLED}, [the prosecutor's office]{SOURCE} said. [Residents]{SOURCE} said "
                 "[eight]{KILLED} had died.")
    assert [e.event_type for e in events_of("one", one_sided, "2029-03-12")] == ["Violence against civilians"]
    # a two-sided word tells a fight, whoever is counted
    fight = ("[Bandits]{ACTOR} [fought]{TRIGGER} for hours in the forest near [Gwaram]{PLACE} [on Wednesday]{TIME}, "
             "leaving [four people]{KILLED} dead.")
    assert [e.event_type for e in events_of("fight", fight, "2029-03-12")] == ["Battles"]
    # a counted fighter is the other side
    fighters = ("[Gunmen]{ACTOR} [attacked]{TRIGGER} a checkpoint near [Tank]{PLACE} [on Monday]{TIME}, killing "
                "[three soldiers]{KILLED}.")
    assert [e.event_type for e in events_of("fighters", fighters, "2029-03-12")] == ["Battles"]
    # storming a place assaults those who hold it
    stormed = ("At least [37 people]{KILLED} were killed when [Taliban fighters]{ACTOR} [stormed]{TRIGGER} "
               "[Kandahar airport]{PLACE} [on Monday night]{TIME}.")
    assert [e.event_type for e in events_of("stormed", stormed, "2029-03-12")] == ["Battles"]


def test_fighting_that_broke_out_between_two_parties_has_the_first_as_actor1():
    from tests.test_events_assemble import events_of

    markup = ("[Fighting]{TRIGGER} broke out between [RSF fighters]{ACTOR} and the [Joint Forces]{ACTOR} near "
              "[Tagaro]{PLACE} [on Monday]{TIME}.")
    (event,) = events_of("between", markup, "2029-08-07")
    assert (event.actor1, event.actor2) == ("RSF fighters", "Joint Forces")


def test_the_party_whose_vehicle_struck_a_mine_is_its_target_and_the_blamed_party_its_author():
    from tests.test_events_assemble import events_of

    markup = ("A [gendarmerie]{ACTOR} pick-up struck a [landmine]{TRIGGER} near [Bouroum]{PLACE} [on Friday]{TIME}, "
              "killing [three gendarmes]{KILLED}, [a security source]{SOURCE} said. Residents blamed [Ansarul Islam]{ACTOR}.")
    (event,) = events_of("mine", markup, "2029-09-08")
    assert (event.actor1, event.actor2) == ("Ansarul Islam", "gendarmerie")
    # a party that planted or set off the bomb stays its author
    planted = ("[Al-Shabaab]{ACTOR} detonated a [roadside bomb]{TRIGGER} near [Afgoye]{PLACE} [on Friday]{TIME}, "
               "killing [two soldiers]{KILLED}.")
    assert [e.actor1 for e in events_of("planted", planted, "2029-09-08")] == ["Al-Shabaab"]


def test_a_side_that_pursued_the_other_and_clashed_with_them_is_actor1():
    from tests.test_events_assemble import events_of

    markup = ("[Vigilantes]{ACTOR} pursued the [bandits]{ACTOR} into the forest of [Gwaram]{PLACE} and "
              "[fought]{TRIGGER} with them [on Wednesday]{TIME}, killing [five bandits]{KILLED}.")
    (event,) = events_of("pursued", markup, "2029-03-12")
    assert (event.actor1, event.actor2) == ("Vigilantes", "bandits")


def test_a_party_named_as_the_owner_of_a_post_is_not_the_agent_of_the_fight_that_follows():
    from tests.test_events_assemble import events_of

    markup = ("[Militants]{ACTOR} [attacked]{TRIGGER} a [Frontier Corps]{ACTOR} check post at [Mamo]{PLACE} "
              "[on Monday]{TIME}, starting a [gun battle]{TRIGGER} that lasted until dawn.")
    (event,) = events_of("post", markup, "2029-03-12")
    assert (event.actor1, event.actor2) == ("Militants", "Frontier Corps")


def test_a_party_saying_its_fighters_killed_soldiers_claims_the_attack_on_soldiers_only():
    from tests.test_events_assemble import events_of

    markup = ("[Suspected jihadists]{ACTOR} [ambushed]{TRIGGER} an [army]{ACTOR} patrol near [Tassia]{PLACE} "
              "[on Monday]{TIME}, killing [17 soldiers]{KILLED}, the army said.\n"
              "[Gunmen]{ACTOR} also [attacked]{TRIGGER} [villagers]{ACTOR} near [Ouallam]{PLACE} [on Tuesday]{TIME}, "
              "killing [three]{KILLED}.\n"
              "[Islamic State]{SOURCE} said its fighters had killed [at least 30 soldiers]{KILLED}.")
    events = events_of("kill-claim", markup, "2023-09-12")
    by_place = {e.location: e.actor1 for e in events}
    assert by_place["Tassia"] == "Islamic State"  # its target is of the side the claim says it killed
    assert by_place["Ouallam"] == "Gunmen"  # a claim of soldiers killed is not a claim of villagers killed


def test_each_of_several_blamed_parties_takes_the_act_told_just_before_its_blame():
    from tests.test_events_assemble import events_of

    markup = ("[Armed separatists]{ACTOR} [abducted]{TRIGGER} [14 students]{ACTOR} in [Bamenda]{PLACE} [on Monday]{TIME}; "
              "the governor blamed the [Ambazonia Defence Forces]{ACTOR}.\n"
              "A [suicide bombing]{TRIGGER} at a market in [Kolofata]{PLACE} [on Sunday]{TIME} killed "
              "[five civilians]{KILLED}. The attack bore the hallmarks of [Boko Haram]{ACTOR}.")
    by_place = {e.location: e.actor1 for e in events_of("two-blames", markup, "2023-09-12")}
    assert by_place["Kolofata"] == "Boko Haram"
    assert by_place["Bamenda"] == "Armed separatists"  # a named initiator keeps its own name


def test_a_weapon_read_as_a_party_is_no_party():
    from conflict_events.events.misreads import misread_actors
    from conflict_events.spans import Span

    spans = [Span(0, 12, "ACTOR", "Kalashnikovs"), Span(20, 32, "ACTOR", "Assam Rifles"), Span(40, 43, "ACTOR", "IED")]
    assert {s.text for s in misread_actors(spans, {})} == {"Kalashnikovs", "IED"}


def test_armed_men_described_only_by_their_cause_are_unnamed_and_a_claimant_told_after_a_comma_claims():
    from tests.test_events_assemble import events_of

    separatists = ("[Separatist militants]{ACTOR} [ambushed]{TRIGGER} a convoy near [Hoshab]{PLACE} [on Saturday]{TIME}.\n"
                   "The [Baloch Liberation Army]{SOURCE} claimed the attack.")
    assert [e.actor1 for e in events_of("separatists", separatists, "2024-06-12")] == ["Baloch Liberation Army"]
    rebels = ("[Rebels]{ACTOR} [set off a bomb]{TRIGGER} outside a bakery in [Butig]{PLACE} [on Friday]{TIME}, wounding "
              "[seven people]{WOUNDED}. Police blamed the [Dawlah Islamiyah group]{ACTOR}.")
    assert [e.actor1 for e in events_of("blamed", rebels, "2024-06-12")] == ["Dawlah Islamiyah group"]
    # a tagger's span may take in an apposition, leaving the claim's verb after a comma
    comma = ("[Militants]{ACTOR} [attacked]{TRIGGER} an army camp in [Boni]{PLACE} [on Tuesday]{TIME}.\n"
             "[JNIM, al-Qaeda's affiliate in the Sahel]{SOURCE}, said on its platform that its fighters had "
             "stormed the camp.")
    assert [e.actor1 for e in events_of("comma", comma, "2024-06-12")] == ["JNIM, al-Qaeda's affiliate in the Sahel"]
    # a named initiator with the same words keeps its name
    named = ("[Separatist militants of the BLA]{ACTOR} [ambushed]{TRIGGER} a convoy near [Hoshab]{PLACE} "
             "[on Saturday]{TIME}.\nThe [TTP]{SOURCE} claimed the attack.")
    assert [e.actor1 for e in events_of("named", named, "2024-06-12")] == ["Separatist militants of the BLA"]


def test_a_man_described_by_his_age_is_the_civilian_a_strike_hit():
    from tests.test_events_assemble import events_of

    markup = ("[Russian forces]{ACTOR} [shelled]{TRIGGER} [Kherson]{PLACE} [on Wednesday evening]{TIME}, killing "
              "[a 71-year-old man]{KILLED}, officials said.\n"
              "[Ukrainian forces]{ACTOR} and [Russian troops]{ACTOR} [fought]{TRIGGER} for [Bilohorivka]{PLACE} "
              "[on Wednesday]{TIME}.")
    shelling = events_of("aged", markup, "2024-06-12")[0]
    assert (shelling.actor2, shelling.actor2_code) == ("71-year-old man", "Civilians (Ukraine)")


def test_a_group_whose_name_has_army_in_it_claims_and_claims_each_of_its_acts():
    from tests.test_events_assemble import events_of

    markup = ("A [roadside bomb]{TRIGGER} struck a pickup of the [Balochistan Levies]{ACTOR} near [Talao]{PLACE} "
              "[on Tuesday morning]{TIME}, killing [three Levies personnel]{KILLED}. The [Baloch Liberation Army (BLA)]{SOURCE} "
              "said its fighters had carried out the attack.\n"
              "[On Wednesday]{TIME}, [militants]{ACTOR} [stormed]{TRIGGER} a checkpost of the [Frontier Corps]{ACTOR} at "
              "[Nishpa]{PLACE}. The [BLA]{SOURCE} said it had killed [12 soldiers]{KILLED} at the post.")
    assert [e.actor1 for e in events_of("bla", markup, "2030-12-20")] == ["Baloch Liberation Army (BLA)"] * 2


def test_an_actor_with_a_relative_clause_of_its_own_is_the_acts_agent():
    from tests.test_events_assemble import marked

    text, spans = marked("Two [unidentified gunmen]{ACTOR} who arrived on a motorcycle [opened fire]{TRIGGER} on a "
                         "businessman.")
    trigger = next(s for s in spans if s.label == "TRIGGER")
    roles = assign_roles(text, trigger, [s for s in spans if s.label == "ACTOR"])
    assert roles.actor1 is not None and roles.actor1.text == "unidentified gunmen"
    # a party that arrived after the act is still no agent of it
    text, spans = marked("[Police]{ACTOR} arrived after gunmen [opened fire]{TRIGGER} on a bus.")
    trigger = next(s for s in spans if s.label == "TRIGGER")
    assert assign_roles(text, trigger, [s for s in spans if s.label == "ACTOR"]).actor1 is None
