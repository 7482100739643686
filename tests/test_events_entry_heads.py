"""The place heading a round-up entry, read back where a tagger missed it (events/entry_heads.py)."""

from conflict_events.events.entry_heads import entry_head_places
from conflict_events.spans import Span

TEXT = ("Myanmar digest\n"
        "Hka Ya Kawng, Momauk township, Kachin State: KIA fighters captured a post.\n"
        "Taw Oo Kee, Kyainseikgyi township, Kayin State: Junta forces shelled the village.\n"
        "On Friday, Junta forces shelled Lay Kay: the village burned.\n")


def place(piece: str, label: str = "PLACE") -> Span:
    start = TEXT.index(piece)
    return Span(start, start + len(piece), label, piece, 0.9)


def test_the_village_heading_an_entry_is_added_or_completed():
    spans = [place("Momauk township"), place("Kachin State"), place("Oo Kee"), place("Kyainseikgyi township"),
             place("Kayin State"), place("Junta forces", "ACTOR")]
    found = entry_head_places(TEXT, spans)
    heads = [s.text for s in found if s.label == "PLACE" and TEXT[s.start - 1] == "\n"]
    assert heads == ["Hka Ya Kawng", "Taw Oo Kee"]
    assert all(TEXT[s.start: s.end] == s.text for s in found)
    assert "Oo Kee" not in [s.text for s in found]


def test_no_head_without_a_tagged_place_after_the_comma_or_a_colon():
    spans = [place("Lay Kay"), place("Junta forces", "ACTOR")]
    assert entry_head_places(TEXT, spans) == sorted(spans)  # 'On Friday, Junta forces ...' is no head


DIGEST = ("Weekly digest\n"
          "Quebrada Honda, Medio Baudo, Choco \u2014 Gunmen opened fire at a river landing on Thursday.\n"
          "La Pedrera, Puerto Leguizamo, Putumayo \u2014 Two factions clashed on Friday.\n")
WIRE = "Wire report\nBUTEMBO, DR Congo (Great Lakes Wire) \u2014 Rebels attacked a town.\n"


def test_a_digests_entry_heads_closed_by_a_dash_are_its_places_not_datelines():
    from conflict_events.events.mentions import is_dateline

    def span(text: str, piece: str, label: str = "PLACE") -> Span:
        start = text.index(piece)
        return Span(start, start + len(piece), label, piece, 0.9)

    assert not is_dateline(DIGEST, span(DIGEST, "Quebrada Honda"))
    assert not is_dateline(DIGEST, span(DIGEST, "Medio Baudo"))
    assert is_dateline(WIRE, span(WIRE, "BUTEMBO"))
    # the tagger tagged the district and province but not the village heading the entry
    spans = [span(DIGEST, "Medio Baudo"), span(DIGEST, "Choco"), span(DIGEST, "La Pedrera"),
             span(DIGEST, "Puerto Leguizamo"), span(DIGEST, "Putumayo")]
    heads = [s.text for s in entry_head_places(DIGEST, spans) if DIGEST[s.start - 1] == "\n"]
    assert heads == ["Quebrada Honda", "La Pedrera"]


NOTE = ("Observatory note\n"
        "1. Kouloubleni, Niena commune, Sikasso cercle. On 24 September, JNIM fighters attacked a post.\n"
        "2. El Fasher, North Darfur. On 22 January, shells hit Abu Shouk camp.\n")


def test_a_numbered_entrys_head_places_an_act_whose_sentence_names_none():
    from conflict_events.events.entry_heads import entry_head_place

    def span(piece: str, label: str = "PLACE") -> Span:
        start = NOTE.index(piece)
        return Span(start, start + len(piece), label, piece, 0.9)

    places = [span("Kouloubleni"), span("Niena commune"), span("Sikasso cercle"), span("El Fasher"),
              span("North Darfur"), span("Abu Shouk camp")]
    assert entry_head_place(NOTE, span("attacked", "TRIGGER"), places).text == "Kouloubleni"
    # the head of the second entry is its own, never the first entry's
    assert entry_head_place(NOTE, span("hit", "TRIGGER"), places).text == "El Fasher"


def test_heads_after_a_number_with_a_bracketed_province_and_heads_that_yield_to_a_finer_place():
    from conflict_events.events.entry_heads import entry_head_place

    text = ("Bulletin\n"
            "1) Vila Nova, Jequie (Bahia): Police raided a neighbourhood on Thursday.\n"
            "Yalinga sub-prefecture: On 6 December, militiamen raided a camp near Kpangba.\n")

    def span(piece: str, label: str = "PLACE") -> Span:
        start = text.index(piece)
        return Span(start, start + len(piece), label, piece, 0.9)

    places = [span("Vila Nova"), span("Jequie"), span("Bahia"), span("Yalinga sub-prefecture"), span("Kpangba")]
    assert entry_head_place(text, span("raided", "TRIGGER"), places).text == "Vila Nova"
    second = text.index("raided", text.index("Yalinga"))
    trigger = Span(second, second + len("raided"), "TRIGGER", "raided", 0.9)
    assert entry_head_place(text, trigger, places) is None  # the entry's own sentence names Kpangba


def test_a_head_of_administrative_units_yields_to_the_village_the_entry_names():
    from conflict_events.events.entry_heads import entry_head_place

    text = "Digest\nMusigati commune, Bubanza province: Rebels ambushed a patrol near Gitanga on Tuesday.\n"
    places = [Span(text.index(p), text.index(p) + len(p), "PLACE", p, 0.9)
              for p in ("Musigati commune", "Bubanza province", "Gitanga")]
    start = text.index("ambushed")
    assert entry_head_place(text, Span(start, start + 8, "TRIGGER", "ambushed", 0.9), places) is None


ROUND_UP = ("Weekend round-up: post attacked in Khost, blast hits convoy in Zhob, four labourers killed in Kurram\n"
            "Compiled by the desk from police sources\n"
            "1. Khost district: Militants attacked a police post near Tani late on Friday, killing two policemen, "
            "the district police officer said. Three attackers were killed when officers returned fire, he said.\n"
            "2. Zhob district: A roadside bomb struck a Levies vehicle near Sambaza on Saturday morning, killing three "
            "guards, Levies officials said.\n"
            "3. Kurram district: Gunmen opened fire on a van carrying labourers near Sadda on Sunday evening, "
            "killing four labourers, the deputy commissioner said.\n")
ROUND_UP_MARKS = [  # (piece, label, which occurrence)
    ("attacked", "TRIGGER", 0), ("Khost", "PLACE", 0), ("blast", "TRIGGER", 0), ("Zhob", "PLACE", 0),
    ("four labourers", "KILLED", 0), ("Kurram", "PLACE", 0), ("Khost district", "PLACE", 0), ("Militants", "ACTOR", 0),
    ("attacked", "TRIGGER", 1), ("Tani", "PLACE", 0), ("late on Friday", "TIME", 0), ("two policemen", "KILLED", 0),
    ("district police officer", "SOURCE", 0), ("Three attackers", "KILLED", 0), ("officers", "ACTOR", 0),
    ("returned fire", "TRIGGER", 0), ("Zhob district", "PLACE", 0), ("roadside bomb", "TRIGGER", 0),
    ("Levies vehicle", "ACTOR", 0), ("Sambaza", "PLACE", 0), ("Saturday morning", "TIME", 0), ("three guards", "KILLED", 0),
    ("Levies officials", "SOURCE", 0), ("Kurram district", "PLACE", 0), ("Gunmen", "ACTOR", 0),
    ("opened fire", "TRIGGER", 0), ("labourers", "ACTOR", 1), ("Sadda", "PLACE", 0), ("Sunday evening", "TIME", 0),
    ("four labourers", "KILLED", 1), ("deputy commissioner", "SOURCE", 0),
]


def round_up_spans() -> list[Span]:
    spans = []
    for piece, label, nth in ROUND_UP_MARKS:
        start = -1
        for _ in range(nth + 1):
            start = ROUND_UP.index(piece, start + 1)
        spans.append(Span(start, start + len(piece), label, piece, 0.9))
    return sorted(spans, key=lambda s: s.start)


def test_entry_lines_are_numbered_or_place_headed_lines_after_the_headline_two_at_least():
    from conflict_events.events.entry_heads import entry_lines

    places = [s for s in round_up_spans() if s.label == "PLACE"]
    lines = entry_lines(ROUND_UP, places)
    assert [ROUND_UP[start: start + 2] for start, _ in lines] == ["1.", "2.", "3."]
    assert all(ROUND_UP[end] == "\n" for _, end in lines)
    only_one = ROUND_UP[: lines[1][0]]
    assert entry_lines(only_one, [p for p in places if p.end <= len(only_one)]) == []
    wire = "Zawiya: four dead in clashes\nZawiya \u2014 Libya Now: The centre said.\nKhost: a second line.\n"
    assert entry_lines(wire, [Span(0, 6, "PLACE", "Zawiya", 0.9), Span(29, 35, "PLACE", "Zawiya", 0.9),
                              Span(64, 69, "PLACE", "Khost", 0.9)]) == []


def test_each_entry_of_a_round_up_is_its_own_event_with_its_own_toll():
    from conflict_events.events.assemble import extract_events

    events = extract_events("round-up", ROUND_UP, "2027-03-07", round_up_spans())
    assert len(events) == 3  # each item the headline lists is folded into its entry
    by_actor2 = {e.actor2: e for e in events}
    assert by_actor2["officers"].killed.high == 5  # not the headline's Kurram labourers as well
    assert by_actor2["officers"].event_type == "Battles"  # not the headline's blast
    assert by_actor2["Levies vehicle"].killed.high == 3
    assert by_actor2["labourers"].killed.high == 4


def test_an_act_in_a_dated_entry_takes_the_date_of_the_entrys_head():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events

    text, spans = marked(
        "Incident summary, 1-10 May\n"
        "1) [Nhamatanda district]{PLACE}, [3 May]{TIME}. [Gunmen]{ACTOR} [ambushed]{TRIGGER} a bus near "
        "[Lamego]{PLACE}. [Police]{SOURCE} said [two passengers]{KILLED} were killed.\n"
        "2) [Buzi district]{PLACE}, [7 May]{TIME}. [Soldiers]{ACTOR} [opened fire]{TRIGGER} on fishermen at "
        "[Grudja]{PLACE}, [residents]{SOURCE} said. The army said it had [repelled]{TRIGGER} an "
        "[attack]{TRIGGER} [on Friday]{TIME}.\n")
    events = extract_events("note", text, "2028-05-11", spans)
    dates = {e.actor1: e.date for e in events}
    assert dates["Gunmen"] == "2028-05-03"
    assert dates["Soldiers"] == "2028-05-07"  # the head's day, not the army's Friday in the next sentence


def test_place_led_paragraphs_are_entries_only_where_every_paragraph_telling_an_act_is_led():
    from conflict_events.events.entry_heads import entry_lines

    def spans_of(text: str, places: list[str], acts: list[str]) -> tuple[list[Span], list[Span]]:
        def span(piece: str, label: str) -> Span:
            start = text.index(piece)
            return Span(start, start + len(piece), label, piece, 0.9)
        return [span(p, "PLACE") for p in places], [span(a, "TRIGGER") for a in acts]

    digest = ("Equatoria digest: clash in Morobo, farmers killed in Yambio\n"
              "In Morobo County, rebels attacked a base on Monday.\n"
              "In Yambio County, gunmen shot farmers on Tuesday.\n")
    places, acts = spans_of(digest, ["Morobo County", "Yambio County"], ["attacked", "shot"])
    assert len(entry_lines(digest, places, acts)) == 2
    story = digest.replace("In Morobo County, rebels", "Rebels").replace("a base", "a base in Kajo-Keji") + \
        "In Juba, officials condemned the attack.\n"
    places, acts = spans_of(story, ["Kajo-Keji", "Yambio County", "Juba"], ["attacked", "shot"])
    assert entry_lines(story, places, acts) == []  # the first act's paragraph opens on no place


def test_a_monitors_incidents_headed_by_a_word_and_a_number_are_entries():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events

    text, spans = marked(
        "Sub-prefecture monitor, 25 July-7 August\n"
        "Incident 1 \u2014 [27 July]{TIME}, [Kambakota]{PLACE}. [Militiamen]{ACTOR} [attacked]{TRIGGER} a herders' camp. "
        "[Monitors]{SOURCE} counted [six herders]{KILLED} killed.\n"
        "Incident 2 \u2014 [5 August]{TIME}, [Bedaya quarter]{PLACE}. A [grenade attack]{TRIGGER} on a bar left "
        "[eight people]{WOUNDED} wounded, [the health post]{SOURCE} said.\n")
    events = extract_events("monitor", text, "2028-08-08", spans)
    assert sorted((e.location, e.date, e.killed.high if e.killed else None) for e in events) == [
        ("Bedaya quarter", "2028-08-05", None), ("Kambakota", "2028-07-27", 6)]


def test_a_digests_lines_headed_by_places_and_a_dash_are_entries_and_a_blame_stays_in_its_entry():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events

    text, spans = marked(
        "Northern digest: farmers shot in Chereponi, clash in Bunkpurugu, [drone]{TRIGGER} hits farm in Saboba\n"
        "[Chereponi district]{PLACE}, [North East Region]{PLACE} \u2014 [27 January]{TIME}. [Gunmen]{ACTOR} "
        "[attacked]{TRIGGER} farmers at [Nakpando]{PLACE}, shooting dead [four]{KILLED}, [the district chief]{SOURCE} said.\n"
        "[Bunkpurugu]{PLACE}, [North East Region]{PLACE} \u2014 [28 January]{TIME}. [Soldiers]{ACTOR} [exchanged fire]{TRIGGER} "
        "with [armed youths]{ACTOR} at [Binde]{PLACE}, killing [three of them]{KILLED}, [the army]{SOURCE} said.\n"
        "[Saboba]{PLACE}, [Northern Region]{PLACE} \u2014 [29 January]{TIME}. A [drone]{TRIGGER} dropped a charge on a farm "
        "at [Wapuli]{PLACE}, wounding [two pickers]{WOUNDED}. [The army]{SOURCE}, which blamed [Konkomba militiamen]{ACTOR}, "
        "said three were hurt.\n")
    events = {e.location: e for e in extract_events("digest", text, "2029-01-30", spans)}
    assert (events["Nakpando"].actor1, events["Nakpando"].killed.high, events["Nakpando"].date) == ("Gunmen", 4, "2029-01-27")
    assert (events["Binde"].killed.high, events["Binde"].date) == (3, "2029-01-28")
    assert events["Wapuli"].actor1 == "Konkomba militiamen"  # the blame is for its own entry's drone


def test_a_digest_line_headed_by_one_province_and_a_dash_is_an_entry_and_a_sentence_dash_is_not():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events
    from conflict_events.events.entry_heads import DASH_HEAD_LINE

    text, spans = marked(
        "Security digest: two incidents in Nahouri and Zoundwéogo provinces\n"
        "[Nahouri province]{PLACE} \u2014 [2 June]{TIME}. [Gunmen]{ACTOR} [attacked]{TRIGGER} the market at "
        "[Tiakané]{PLACE}, killing [four traders]{KILLED}, [a local source]{SOURCE} said.\n"
        "[Zoundwéogo province]{PLACE} \u2014 [4 June]{TIME}. A [roadside bomb]{TRIGGER} hit an army escort near "
        "[Gonsé]{PLACE}, wounding [three soldiers]{WOUNDED}, [local sources]{SOURCE} said.\n")
    events = {(e.location_text or e.location): e for e in extract_events("digest", text, "2029-06-05", spans)}
    assert (events["Tiakané"].killed.high, events["Tiakané"].date) == (4, "2029-06-02")
    assert (events["Gonsé"].wounded.high, events["Gonsé"].date, events["Gonsé"].killed) == (3, "2029-06-04", None)
    # a bare name before a dash is a sentence's subject as often as a head
    assert not DASH_HEAD_LINE.match("The army \u2014 which denied it \u2014 said two soldiers died.")
    assert DASH_HEAD_LINE.match("Kourwéogo province \u2014 4 June. A roadside bomb hit an escort.")


def test_an_entry_heads_places_frame_its_act_and_the_entrys_own_village_is_the_place():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events

    text, spans = marked(
        "Far south round-up: bomb in Raman, headman shot in Sai Buri\n"
        "1) [Raman district]{PLACE}, [Yala]{PLACE}: A [roadside bomb]{TRIGGER} exploded under a pickup carrying "
        "rangers near [Ban Luko-Tawa]{PLACE} [on Saturday]{TIME}, killing [one ranger]{KILLED}, [police]{SOURCE} said.\n"
        "2) [Sai Buri district]{PLACE}, [Pattani]{PLACE}: Two [gunmen]{ACTOR} on a motorcycle [opened fire]{TRIGGER} on "
        "a headman as he sat at a tea shop in [Ban Pasu-Yaro]{PLACE} [on Sunday]{TIME}, killing him.\n")
    places = sorted(e.location_text or e.location for e in extract_events("heads", text, "2029-03-06", spans))
    assert places == ["Ban Luko-Tawa", "Ban Pasu-Yaro"]
    # a headline's label is the headline act's own place
    text, spans = marked("[Gao]{PLACE}: suicide car [bomb]{TRIGGER} kills [three]{KILLED} near UN base")
    assert [e.location for e in extract_events("label", text, "2029-03-06", spans)] == ["Gao"]


def test_a_monitor_logs_date_headed_lines_are_entries_that_date_their_acts_and_a_live_stamp_is_not():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events
    from conflict_events.events.entry_heads import entry_lines

    text, spans = marked(
        "Observatory: incidents recorded in Raqqa governorate, 5–11 August 2029\n"
        "[6 August]{TIME}. [Al-Sabkha district]{PLACE}. [Islamic State cell members]{ACTOR} [attacked]{TRIGGER} an "
        "SDF checkpoint at [Hamrat Bilasim]{PLACE} shortly after [midnight]{TIME}, killing [three SDF fighters]{KILLED}.\n"
        "[8 August]{TIME}. [Tabqa district]{PLACE}. A [drone strike]{TRIGGER} by the [Turkish army]{ACTOR} hit a car "
        "near [Hazima]{PLACE} in [the afternoon]{TIME}, killing [two SDF commanders]{KILLED}.\n")
    dates = sorted(e.date for e in extract_events("log", text, "2029-08-12", spans))
    assert dates == ["2029-08-06", "2029-08-08"]
    live, live_spans = marked(
        "Live: fighting in Bahir Dar\n"
        "[10:30]{TIME} \u2014 Residents report heavy [gunfire]{TRIGGER} in [Bahir Dar]{PLACE}.\n"
        "[13:15]{TIME} \u2014 A doctor says [five civilians]{KILLED} were killed in the [fighting]{TRIGGER}.\n")
    places = [s for s in live_spans if s.label == "PLACE"]
    assert entry_lines(live, places, [s for s in live_spans if s.label == "TRIGGER"],
                       [s for s in live_spans if s.label == "TIME"]) == []


# A digest whose entries open with a number or a label, the country, the district and the day
# between separators (made up for this test: villages, outlet and incidents are invented).
SEPARATED_DIGEST = (
    "[Gunmen]{ACTOR} [kill]{TRIGGER} [four]{KILLED} near [Dogondoutchi]{PLACE}; army post [attacked]{TRIGGER} "
    "in [Savanes region]{PLACE}; [landmine]{TRIGGER} kills herders in [Tillab\u00e9ri region]{PLACE}\n"
    "Savanna Monitor \u00b7 the week's incidents in Niger and Togo\n"
    "1 \u25aa [NIGER]{PLACE} \u25aa [Dosso region]{PLACE} \u25aa [Tuesday 14 May]{TIME}. [Gunmen]{ACTOR} on "
    "motorbikes [attacked]{TRIGGER} the hamlet of [Kwarbo-Tandali]{PLACE}, killing [four villagers]{KILLED}, "
    "the [prefect]{SOURCE} said.\n"
    "2 \u25aa [TOGO]{PLACE} \u25aa [Savanes region]{PLACE} \u25aa [Thursday 16 May]{TIME}. [Gunmen]{ACTOR} "
    "[attacked]{TRIGGER} an army post at [Nagbeni-Koulom]{PLACE}, killing [three soldiers]{KILLED}, the "
    "[army]{SOURCE} said. [JNIM]{SOURCE} claimed the [attack]{TRIGGER}.\n"
    "3 \u25aa [NIGER]{PLACE} \u25aa [Tillab\u00e9ri region]{PLACE} \u25aa [Saturday 18 May]{TIME}. A "
    "[landmine]{TRIGGER} killed [two herders]{KILLED} near [Tamou-Gandiko]{PLACE}, [local officials]{SOURCE} said.\n")


def test_entries_headed_between_separators_take_their_heads_day_and_country_and_their_own_claim():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events
    from conflict_events.events.entry_heads import entry_lines

    text, spans = marked(SEPARATED_DIGEST)
    of = lambda label: [s for s in spans if s.label == label]  # noqa: E731
    assert len(entry_lines(text, of("PLACE"), of("TRIGGER"), of("TIME"))) == 3
    events = {e.location_text or e.location: e for e in extract_events("digest", text, "2030-05-19", spans)}
    assert sorted(events) == ["Kwarbo-Tandali", "Nagbeni-Koulom", "Tamou-Gandiko"]
    niger, togo, mine = events["Kwarbo-Tandali"], events["Nagbeni-Koulom"], events["Tamou-Gandiko"]
    assert (niger.date, niger.country) == ("2030-05-14", "Niger")  # the village the gazetteer lacks stands on its head
    assert (togo.date, togo.country) == ("2030-05-16", "Togo")
    # the headline lists every act before the claim: the claim is for the act its own entry tells,
    # not for the last one the headline lists
    assert (niger.actor1, togo.actor1) == ("Gunmen", "JNIM") and mine.actor1 != "JNIM"


def test_a_label_and_bars_head_an_entry_and_the_heads_day_does_not_part_a_riot_from_the_police_reply():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events

    text, spans = marked(
        "District bulletin: incidents in Kara and Bassar, 2\u20138 June\n"
        "Compiled from police and hospital reports.\n"
        "Record 01 \u2016 [Monday 3 June]{TIME} \u2016 [Kara]{PLACE}. [Protesters]{ACTOR} [threw stones]{TRIGGER} at "
        "the prefecture and [set fire]{TRIGGER} to a car; [police]{ACTOR} [fired]{TRIGGER} tear gas and live rounds, "
        "killing [one protester]{KILLED}, [nurses]{SOURCE} said.\n"
        "Record 02 \u2016 [Thursday 6 June]{TIME} \u2016 [Bassar]{PLACE}. [Gunmen]{ACTOR} [shot dead]{TRIGGER} "
        "[a trader]{KILLED} at a market, [police]{SOURCE} said.\n")
    events = extract_events("bulletin", text, "2030-06-09", spans)
    assert sorted((e.location, e.date) for e in events) == [("Bassar", "2030-06-06"), ("Kara", "2030-06-03")]
    riot = next(e for e in events if e.location == "Kara")
    assert riot.event_type == "Riots" and riot.killed is not None and riot.killed.high == 1


def test_any_mark_separates_a_head_and_a_bracketed_weekday_restates_the_date_before_it():
    from tests.test_events_assemble import marked
    from conflict_events.events.assemble import extract_events

    # made up for this test: a log headed 'Case 1 / 12 June (Wednesday) / ...' and a digest headed
    # 'SYRIA ◆ ... ◆ Friday 14 June.' or '(a) BANGLADESH: ... (Tuesday 18 June).'
    log, log_spans = marked(
        "Valley network: incident log, first half of June\n"
        "Compiled from interviews.\n"
        "Case 1 / [12 June]{TIME} ([Wednesday]{TIME}) / [Wetlet township]{PLACE}. [Troops]{ACTOR} [raided]{TRIGGER} "
        "[Zibin-Kyaw]{PLACE} and killed [four villagers]{KILLED}, [residents]{SOURCE} said.\n"
        "Case 2 / [15 June]{TIME} ([Saturday]{TIME}) / [Ayadaw township]{PLACE}. [Militia fighters]{ACTOR} "
        "[ambushed]{TRIGGER} a column near [Htanaung-Lay]{PLACE}, killing [three soldiers]{KILLED}.\n")
    dates = sorted(e.date for e in extract_events("log", log, "2030-06-24", log_spans))
    assert dates == ["2030-06-12", "2030-06-15"]  # not the Wednesday and Saturday before the report
    digest, digest_spans = marked(
        "Weekly ledger: incidents in Syria and Bangladesh\n"
        "Compiled from local sources.\n"
        "[SYRIA]{PLACE} \u25c6 [Daraa governorate]{PLACE} \u25c6 [Friday 14 June]{TIME}. [Gunmen]{ACTOR} "
        "[opened fire]{TRIGGER} on a car near [Tall Zghir-Hamad]{PLACE}, killing [two men]{KILLED}.\n"
        "(b) [BANGLADESH]{PLACE}: [Bandarban district]{PLACE} ([Tuesday 18 June]{TIME}). [Rebels]{ACTOR} "
        "[ambushed]{TRIGGER} a patrol near [Bawm Tlang-Para]{PLACE}, killing [a soldier]{KILLED}.\n")
    events = {e.location_text or e.location: e for e in extract_events("digest", digest, "2030-06-22", digest_spans)}
    assert (events["Tall Zghir-Hamad"].date, events["Tall Zghir-Hamad"].country) == ("2030-06-14", "Syria")
    assert (events["Bawm Tlang-Para"].date, events["Bawm Tlang-Para"].country) == ("2030-06-18", "Bangladesh")


def test_a_heads_own_country_rules_out_a_namesake_of_its_town_and_of_the_entrys_village():
    from tests.test_events_assemble import marked
    from conflict_events.events.geo_context import geocode_article

    text, spans = marked(
        "Market attacked in Nara; clash near Djibo\n"
        "Weekly Ledger \u00b7 incidents in Mali and Burkina Faso\n"
        "(1) [Nara]{PLACE} ([Koulikoro region]{PLACE}, [Mali]{PLACE}), [Tuesday 4 June]{TIME}: [Gunmen]{ACTOR} "
        "[attacked]{TRIGGER} a market at [Dioumara-Kassabe]{PLACE}, killing [three traders]{KILLED}.\n"
        "(2) [Djibo]{PLACE} ([Soum province]{PLACE}, [Burkina Faso]{PLACE}), [Thursday 6 June]{TIME}: "
        "[Soldiers]{ACTOR} [clashed]{TRIGGER} with [militants]{ACTOR} near [Gassel-Boulite]{PLACE}. "
        "[Japan]{PLACE}'s embassy condemned the attacks.\n")
    by_text = {text[start:end]: place for (start, end), place in geocode_article(text, spans).items()}
    # Japan is named, but the head names Mali: neither Nara nor the village is Japan's
    assert by_text["Nara"].country == by_text["Dioumara-Kassabe"].country == "Mali"
    assert by_text["Dioumara-Kassabe"].location_text == "Dioumara-Kassabe"
    assert by_text["Gassel-Boulite"].country == "Burkina Faso"


def test_a_span_run_across_a_digest_heads_separators_is_cut_to_its_parts():
    from conflict_events.events.entry_heads import cut_at_head_separators

    text = "I ※ Mon 16 Dec ※ Rusizi district, Rwanda ※ Fighters of the FLN attacked a post. Kankan region ⁘ GUINEA"

    def cut(piece: str, label: str) -> list[tuple[str, str]]:
        start = text.index(piece)
        spans = cut_at_head_separators(text, [Span(start, start + len(piece), label, piece, 0.9)])
        assert all(text[s.start: s.end] == s.text for s in spans)
        return [(s.text, s.label) for s in spans]

    assert cut("I ※ Mon 16 Dec", "TIME") == [("Mon 16 Dec", "TIME")]
    # the head's country before the party is a place
    assert cut("Rwanda ※ Fighters of the FLN", "ACTOR") == [("Rwanda", "PLACE"), ("Fighters of the FLN", "ACTOR")]
    assert cut("Kankan region ⁘ GUINEA", "PLACE") == [("Kankan region", "PLACE"), ("GUINEA", "PLACE")]
    assert cut("Rusizi district", "PLACE") == [("Rusizi district", "PLACE")]


def test_a_heads_country_inside_a_cut_span_is_a_place_and_an_iso_date_between_marks_is_a_time():
    from conflict_events.events.entry_heads import cut_at_head_separators, digit_dates_as_times

    text = "⁞ 14 January ⁞ Jiquilisco › El Salvador ⁞ Soldiers clashed. First ⁑ Benin ⁑ 2031-01-06 ⁑ x. Posted 2021-07-08"
    start = text.index("El Salvador")
    end = text.index("Soldiers") + len("Soldiers")
    cut = cut_at_head_separators(text, [Span(start, end, "ACTOR", text[start:end], 0.9)])
    assert [(s.text, s.label) for s in cut] == [("El Salvador", "PLACE"), ("Soldiers", "ACTOR")]
    # a part that is no country stays out
    start = text.index("14 January")
    assert [s.text for s in cut_at_head_separators(text, [Span(start - 2, start + 10, "TIME", text[start - 2: start + 10])])] \
        == ["14 January"]
    times = [s.text for s in digit_dates_as_times(text, []) if s.label == "TIME"]
    assert times == ["2031-01-06"]  # the page's own 'Posted 2021-07-08' is no head


def test_each_entry_of_a_digest_whose_heads_repeat_one_mark_is_placed_in_its_own_country():
    from tests.test_events_assemble import events_of

    # made up for this test: entries in two countries, villages the gazetteer lacks
    markup = ("Weekly roundup\n"
              "First ⁑ [Benin]{PLACE}, [Atacora department]{PLACE} ⁑ 2031-01-06 ⁑ [Gunmen]{ACTOR} [attacked]{TRIGGER} "
              "[soldiers]{ACTOR} near [Gbessekou-Daro]{PLACE}, killing [five soldiers]{KILLED}.\n"
              "Second ⁑ [Thailand]{PLACE}, [Pattani province]{PLACE} ⁑ 2031-01-08 ⁑ A [bomb]{TRIGGER} exploded near "
              "[Ban Paya Limau-Bongor]{PLACE}, wounding [two rangers]{WOUNDED}.")
    assert [(e.country, e.date) for e in events_of("digest", markup, "2031-01-10")] == [
        ("Benin", "2031-01-06"), ("Thailand", "2031-01-08")]


def test_a_heads_parts_are_places_and_a_head_on_its_own_line_heads_the_next():
    from conflict_events.events.entry_heads import head_parts_as_places
    from tests.test_events_assemble import events_of

    text = "⟦ NIGER · Tillabéri region · Kollo department ⟧ 18.III — Fighters ambushed a convoy. The army said so."
    start = text.index("Tillabéri region")
    said = text.index("The army")
    spans = [Span(start, start + 16, "SOURCE", "Tillabéri region", 0.9), Span(said, said + 8, "SOURCE", "The army", 0.9)]
    assert [(s.text, s.label) for s in head_parts_as_places(text, spans)] == [
        ("NIGER", "PLACE"), ("Tillabéri region", "PLACE"), ("The army", "SOURCE")]
    # a head on a line of its own heads the acts told on the next line
    from conflict_events.events.entry_heads import _with_own_line_heads

    text = "Weekly\n⸻ ARMENIA — Tavush province ⸻\nA shell hit a village.\n⸻ VENEZUELA ⸻\nSoldiers clashed with a gang."
    heads = [(text.index("⸻ ARMENIA"), text.index("\nA shell")), (text.index("⸻ VENEZUELA"), text.index("\nSoldiers"))]
    acts = [Span(text.index("hit"), text.index("hit") + 3, "TRIGGER", "hit"),
            Span(text.index("clashed"), text.index("clashed") + 7, "TRIGGER", "clashed")]
    assert [text[a:b].split("\n")[-1] for a, b in _with_own_line_heads(text, heads, acts)] == [
        "A shell hit a village.", "Soldiers clashed with a gang."]


def test_heads_on_their_own_lines_written_with_ascii_separators_date_and_place_their_entries():
    # made up for this test: each head stands on its own line, split by '::' or '|', and its entry
    # on the next line; the acts take the head's day and country, and the entries stay apart
    from tests.test_events_assemble import events_of

    markup = ("Week in brief\n"
              "〔MAURITANIA :: [Hodh Ech Chargui region]{PLACE} :: [Wed 14 May]{TIME}〕\n"
              "[Armed men]{ACTOR} [attacked]{TRIGGER} a herders' camp near [Hassi Tenbeyet]{PLACE}, killing "
              "[two herders]{KILLED}.\n"
              ">>> [Fri 16.05]{TIME} | ZAMBIA | [Copperbelt province]{PLACE}\n"
              "[Police]{ACTOR} [exchanged fire]{TRIGGER} with [illegal miners]{ACTOR} outside [Chingola]{PLACE}; "
              "[five miners]{WOUNDED} were wounded.")
    events = events_of("ascii-heads", markup, "2031-05-19")
    assert [(e.date, e.country) for e in events] == [("2031-05-14", "Mauritania"), ("2031-05-16", "Zambia")]
    assert [(e.killed and e.killed.low, e.wounded and e.wounded.low) for e in events] == [(2, None), (None, 5)]


def test_ascii_separators_split_a_head_into_parts_as_head_marks_do():
    from conflict_events.events.entry_heads import head_parts_as_places

    text = ">>> Sat 17.05 | CAMBODIA | Trapeang Prasat district\nSoldiers fired on villagers."
    assert [(s.text, s.label) for s in head_parts_as_places(text, [])] == [("CAMBODIA", "PLACE")]
    # a single colon or slash in running text separates nothing
    assert head_parts_as_places("Police said: 3/4 of the town fled Cambodia.", []) == []


def test_a_head_part_the_tagger_read_as_an_act_or_a_party_is_a_place_and_a_weekday_in_digits_a_time():
    from conflict_events.events.entry_heads import digit_dates_as_times, head_parts_as_places

    text = ">>> Fri 16.05 | KOSOVO | Istog\nA device went off.\n>>> Sat 17.05 | CAMBODIA | Trapeang Prasat district\nSoldiers fired."
    istog, district = text.index("Istog"), text.index("Trapeang")
    spans = [Span(istog, istog + 5, "TRIGGER", "Istog"), Span(district, district + 24, "ACTOR", "Trapeang Prasat district")]
    relabelled = {(s.text, s.label) for s in head_parts_as_places(text, spans)}
    assert {("Istog", "PLACE"), ("Trapeang Prasat district", "PLACE")} <= relabelled
    assert [s.text for s in digit_dates_as_times(text, []) if s.label == "TIME"] == ["Fri 16.05", "Sat 17.05"]
    # outside a head an act keeps its label, and a clock reading in prose is no date
    went_off = text.index("went off")
    kept = head_parts_as_places(text, [Span(went_off, went_off + 8, "TRIGGER", "went off")])
    assert [s.label for s in kept if s.text == "went off"] == ["TRIGGER"]
    assert digit_dates_as_times("Police said on Fri 16.05 that ...", []) == []


def test_a_head_line_ending_on_its_date_dates_the_next_lines_acts():
    # made up for this test: heads of mixed marks whose date closes the line, the entries below them
    from tests.test_events_assemble import events_of

    markup = ("Weekly round-up\n"
              "➤ [NIGER]{PLACE} ⁄ [Makalondi commune]{PLACE} ⁄ [Sunday 17/8]{TIME}\n"
              "[Fighters]{ACTOR} [ambushed]{TRIGGER} an army convoy; [five soldiers]{KILLED} were killed.\n"
              "➤ [CHAD]{PLACE} ⁄ [Lac province]{PLACE} ⁄ [Tuesday 19/8]{TIME}\n"
              "A [landmine]{TRIGGER} wounded [four soldiers]{WOUNDED}.")
    assert [(e.date, e.country) for e in events_of("line-end", markup, "2031-08-20")] == [
        ("2031-08-17", "Niger"), ("2031-08-19", "Chad")]


def test_a_head_part_naming_a_known_place_is_a_place_whatever_the_tagger_read_and_a_cut_date_takes_its_month():
    from conflict_events.events.entry_heads import digit_dates_as_times, head_parts_as_places

    text = "⌖ Thu 21 Aug ⋄ BANGLADESH ⋄ Sonagazi upazila, Feni\n⁂ Rwanda ⁂ Fighters of the FLN\n➤ NIGER ⁄ Sunday 17/8"
    feni, fighters = text.index("Feni"), text.index("Fighters")
    spans = [Span(feni, feni + 4, "ACTOR", "Feni"), Span(fighters, fighters + 19, "ACTOR", "Fighters of the FLN")]
    labels = {s.text: s.label for s in head_parts_as_places(text, spans)}
    assert labels["Feni"] == "PLACE" and labels["Fighters of the FLN"] == "ACTOR"
    sunday = text.index("Sunday")
    times = digit_dates_as_times(text, [Span(sunday, sunday + 9, "TIME", "Sunday 17")])
    assert [s.text for s in times if s.label == "TIME"] == ["Sunday 17/8"]
