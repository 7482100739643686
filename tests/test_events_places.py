"""Which place an event gets (ACLED's most specific place): hand-made places and articles."""

from conflict_events.events.build_event import UNRESOLVED_LEVEL, lies_in, specificity
from conflict_events.events.geocode import Place
from tests.test_events_assemble import events_of

KATSINA_TOWN = Place("Katsina", "Katsina", "Nigeria", "NG", "Katsina", kind="city", admin1_namesake=True)
KATSINA_STATE = Place("Katsina state", "Katsina", "Nigeria", "NG", "Katsina", kind="admin1")
SABUWA = Place("Sabuwa", "Sabuwa", "Nigeria", "NG", "Katsina", kind="city")
VILLAGE = Place("Kalgo village")  # not in the gazetteer
FALLBACK = Place("Eringeti", "Beni", "DR Congo", "CD", "Nord Kivu", kind="admin2", location_text="Eringeti")
NIGERIA = Place("Nigeria", "Nigeria", "Nigeria", "NG", kind="country")
GUERRERO = Place("Guerrero", "Guerrero", "Mexico", "MX", "Guerrero", kind="admin1")


def test_a_town_named_like_its_province_reads_as_the_province_only_where_the_province_is_written():
    assert specificity(KATSINA_TOWN, [KATSINA_TOWN, SABUWA]) == 1
    assert specificity(KATSINA_TOWN, [KATSINA_TOWN, KATSINA_STATE, SABUWA]) == 3


def test_a_name_the_gazetteer_lacks_is_the_finest_place():
    assert specificity(VILLAGE, []) == specificity(FALLBACK, []) == UNRESOLVED_LEVEL < specificity(SABUWA, [])
    assert specificity(KATSINA_STATE, []) == 3 and specificity(NIGERIA, []) == 4


def test_lies_in_a_province_or_a_country():
    assert lies_in(SABUWA, KATSINA_STATE) and lies_in(SABUWA, NIGERIA)
    assert not lies_in(SABUWA, GUERRERO)
    assert lies_in(VILLAGE, GUERRERO)  # unknown country: taken to be inside
    assert not lies_in(FALLBACK, NIGERIA)


def test_a_province_bound_to_the_act_gives_way_to_a_town_near_which_it_happened():
    events = events_of("guerrero", "[Gunmen]{ACTOR} [ambushed]{TRIGGER} a police convoy in [Guerrero]{PLACE} on a "
                                   "mountain road near [Teloloapan]{PLACE} [on Tuesday]{TIME}, killing "
                                   "[eight officers]{KILLED}.", "2021-03-10")
    assert [e.location for e in events] == ["Teloloapan"]
    assert events[0].country == "Mexico"


def test_a_person_or_party_tagged_as_a_place_is_not_the_events_place():
    # a tagger's misreads: a councillor's name and a rebel group written as PLACE
    events = events_of("councillor", "[Gunmen]{ACTOR} [shot dead]{TRIGGER} an ANC ward councillor, [Sipho Ndlovu]{PLACE}, "
                                     "in [Inanda]{PLACE}, north of [Durban]{PLACE}, [on Friday]{TIME}.", "2025-03-10")
    assert [e.location for e in events] == ["Inanda"]
    events = events_of("flec", "[FLEC-FAC fighters]{ACTOR} [attacked]{TRIGGER} an army post near [Buco-Zau]{PLACE} "
                               "[on Monday]{TIME}. The army [shelled]{TRIGGER} a [FLEC-FAC]{PLACE} camp.", "2025-04-10")
    assert "FLEC-FAC" not in [e.location for e in events]


def test_misread_places_keeps_known_places_and_names_of_organisations_with_a_place_in_them():
    from conflict_events.events.geo_context import places_by_name
    from conflict_events.events.misreads import misread_places
    from tests.test_events_assemble import marked
    text, spans = marked("A spokesman for the [Kawlin People's Defence Force]{SOURCE} said fighters took "
                         "[Kawlin]{PLACE}. [Hela police]{SOURCE} said the [Hela]{PLACE} road was shut.")
    assert misread_places(text, spans, places_by_name(text, spans)) == set()


def test_acronyms_and_organisations_are_no_place_and_a_town_is_no_party():
    from conflict_events.events.geo_context import places_by_name
    from conflict_events.events.misreads import misread_actors, misread_places
    from tests.test_events_assemble import marked
    text, spans = marked("[Insurgents]{ACTOR} [attacked]{TRIGGER} [Chai]{ACTOR}, a village in [Macomia]{PLACE} district. "
                         "A [JNIM]{PLACE} camp and the [Maute group]{PLACE} were hit near [Chai]{PLACE}.")
    places = places_by_name(text, spans)
    assert {s.text for s in misread_places(text, spans, places)} == {"JNIM", "Maute group"}
    assert places["Chai"].kind == "city"
    assert [(s.label, s.text) for s in misread_actors(spans, places)] == [("ACTOR", "Chai")]


def test_a_province_bound_to_the_act_gives_way_to_a_town_of_a_neighbouring_sentence():
    events = events_of("katsina", "[Bandits]{ACTOR} [attacked]{TRIGGER} villages in [Katsina state]{PLACE} "
                                  "[on Sunday]{TIME}, killing [six people]{KILLED}. The villages lie outside "
                                  "[Sabuwa]{PLACE}, residents said.", "2021-08-30")
    assert [e.location for e in events] == ["Sabuwa"]


def test_a_district_bound_to_the_act_gives_way_to_a_village_the_gazetteer_lacks():
    (event,) = events_of("t", (
        "[Gunmen]{ACTOR} [attacked]{TRIGGER} [Karimama]{PLACE} [on Sunday]{TIME}: they struck an army position in "
        "the village of [Sampeto-Kouara]{PLACE} before dawn."), "2025-05-06")
    # the village is the place, standing on the district's coordinates (ACLED's way)
    assert (event.location_text, event.location, event.geo_precision) == ("Sampeto-Kouara", "Karimama", 2)


def test_a_persons_place_of_origin_is_not_the_events_place():
    (event,) = events_of("t", (
        "[Gunmen]{ACTOR} stopped a bus near [Mangochar]{PLACE}, [Kalat district]{PLACE}, on Monday night and "
        "[opened fire]{TRIGGER} on labourers from [Punjab]{PLACE}."), "2025-09-23")
    assert event.admin1 == "Balochistan"


def test_the_entrance_to_a_town_is_at_the_town():
    (event,) = events_of("t", (
        "[Suicide bombing]{TRIGGER} at checkpost in [Malakand]{PLACE}\n"
        "A suicide bomber [blew himself up]{TRIGGER} at a police checkpost at the entrance to [Dargai]{PLACE}, "
        "in [Malakand district]{PLACE}, on Monday."), "2029-06-11")
    assert (event.location_text or event.location) == "Dargai"



def test_a_district_bound_to_the_act_gives_way_to_a_town_inside_it():
    (event,) = events_of("t", (
        "[Gunmen]{ACTOR} [attacked]{TRIGGER} a checkpoint in [Kalat district]{PLACE} [on Sunday]{TIME}; the post "
        "stood in [Kalat]{PLACE} town."), "2025-05-06")
    assert (event.location, event.geo_precision) == ("Kalat", 1)


def test_a_second_place_bound_as_closely_is_kept_as_the_finer_place():
    (event,) = events_of("t", (
        "Mazeze, [Chiúre district]{PLACE}: [Gunmen]{ACTOR} [ambushed]{TRIGGER} a lorry [on Sunday]{TIME}."
        .replace("Mazeze", "[Mazeze]{PLACE}")), "2025-11-18")
    assert (event.location_text, event.country) == ("Mazeze", "Mozambique")


def test_a_round_up_entry_headed_by_its_place_takes_that_place():
    events = events_of("t", (
        "Syria: incidents in two provinces\n"
        "[Khirbet al-Sawda]{PLACE}, [Sweida province]{PLACE}: [Druze gunmen]{ACTOR} and [Bedouin fighters]{ACTOR} "
        "[clashed]{TRIGGER} on the edge of the village [on Saturday night]{TIME}.\n"
        "[Bayt al-Mirr]{PLACE}, [Jableh district]{PLACE}, [Latakia province]{PLACE}: [Masked gunmen]{ACTOR} "
        "[opened fire]{TRIGGER} on a car carrying farmers [on Monday evening]{TIME}."), "2025-10-14")
    assert [e.location_text or e.location for e in events] == ["Khirbet al-Sawda", "Bayt al-Mirr"]


def test_a_place_only_the_headline_binds_competes_with_the_bodys_own_places():
    events = events_of("t", (
        "Salahuddin: two fighters killed in a Daesh [attack]{TRIGGER} near [Tuz Khurmatu]{PLACE}\n"
        "A security source said that remnants of [Daesh]{ACTOR} [attacked]{TRIGGER}, [on the evening of Wednesday]{TIME}, "
        "a post of the brigade in the village of [Albu Khadr]{PLACE}, in the district of [Tuz Khurmatu]{PLACE} in "
        "[Salahuddin governorate]{PLACE}, which led to the death of [two fighters]{KILLED}."), "2025-12-19")
    assert [e.location_text or e.location for e in events] == ["Albu Khadr"]


def test_tidy_places_drops_common_nouns_and_group_names_and_trims_police_and_area():
    from conflict_events.events.misreads import tidy_places
    from tests.test_events_assemble import marked
    text, spans = marked("Troops took [Tell]{PLACE} [al-Rihan]{PLACE}. Gunmen burned [granaries]{PLACE} near the [Jaime Martínez]{PLACE} front camp, then raided "
                         "a [Kandahar police]{PLACE} station in the [Hassu Khel area]{PLACE} of [Riyom local government "
                         "area]{PLACE} and [Zone 18]{PLACE}.")
    assert [s.text for s in tidy_places(text, spans)] == ["Tell al-Rihan", "Kandahar", "Hassu Khel", "Riyom local government area",
                                                          "Zone 18"]
    assert all(text[s.start:s.end] == s.text for s in tidy_places(text, spans))


def test_a_place_after_by_is_an_agent_not_where_it_happened():
    # a tagger's 'Houthis' as PLACE: 'fired by the Houthis hit a camp in X' happened in X
    events = events_of("by", "A ballistic [missile fired]{TRIGGER} by the [Houthis]{PLACE} hit a military camp in "
                             "[Al-Khawkhah district]{PLACE} [on Tuesday]{TIME}, killing [seven soldiers]{KILLED}.",
                       "2021-08-31")
    assert [e.location for e in events] == ["Al-Khawkhah district"]


def test_the_town_points_back_to_the_place_told_before_not_where_people_fled():
    events = events_of("pama", "Troops [recaptured]{TRIGGER} the town of [Pama]{PLACE} [on Sunday]{TIME}.\n"
                               "Militants had [overran]{TRIGGER} the town [on May 15]{TIME}, and about 3,000 people "
                               "fled to [Fada N'Gourma]{PLACE}.", "2021-05-25")
    assert [e.location for e in events] == ["Pama", "Pama"]
    # with a place of its own in the sentence, 'the town's' is no pointer back
    events = events_of("charikar", "Police [retook]{TRIGGER} [Dara]{PLACE} [on Monday]{TIME}.\n[On Thursday]{TIME}, a "
                                   "[magnetic bomb]{TRIGGER} attached to a truck exploded in [Charikar]{PLACE}, killing "
                                   "the town's deputy police chief.", "2021-05-25")
    assert [e.location for e in events] == ["Dara", "Charikar"]


def test_a_round_up_paragraph_is_its_own_incident_and_its_lead_place_frames_a_finer_one():
    events = events_of("roundup", "Three incidents were logged [on Monday]{TIME}.\n"
                                  "In the northeast, [Turkey]{ACTOR} carried out a [drone strike]{TRIGGER} on a car "
                                  "near [Qamishli]{PLACE}, killing [two fighters]{KILLED}.\n"
                                  "In the east, [gunmen]{ACTOR} [ambushed]{TRIGGER} a group of truffle hunters near the "
                                  "town of [Mayadin]{PLACE}, killing [four of them]{KILLED}.\n"
                                  "In [Zacatecas]{PLACE}, [soldiers]{ACTOR} [clashed]{TRIGGER} with cartel gunmen in "
                                  "[Fresnillo]{PLACE}, killing [three gunmen]{KILLED}.", "2022-10-18")
    assert [(e.location, e.killed.low) for e in events] == [("Qamishli", 2), ("Mayadin", 4), ("Fresnillo", 3)]


def test_a_round_up_lead_gives_its_first_place_or_a_place_further_on_in_the_clause():
    events = events_of("leads", "Two incidents were logged this week.\n"
                                "In [Bannang Sata district]{PLACE} of [Yala province]{PLACE}, two [gunmen]{ACTOR} on a "
                                "motorcycle [opened fire]{TRIGGER} on a village headman [on Tuesday]{TIME}.\n"
                                "In [Narathiwat province]{PLACE}, rangers of the 45th Ranger Regiment [engaged]{TRIGGER} "
                                "about 15 insurgents near [Ban Kuwa]{PLACE} [on Sunday]{TIME}.", "2024-05-10")
    assert [e.location for e in events] == ["Bannang Sata district", "Ban Kuwa"]
