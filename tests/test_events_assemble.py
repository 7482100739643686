"""Event assembly from hand-made spans: roles, types, dates, places, counts, claims and merging."""

import re

from conflict_events.events import extract, extract_events, merge_events
from conflict_events.events.claims import figure_claims
from conflict_events.events.casualties import make_figure
from conflict_events.events.numbers import CountRange
from conflict_events.spans import Span

MARK = re.compile(r"\[([^\[\]]+)\]\{([A-Z]+)\}")


def marked(markup: str) -> tuple[str, list[Span]]:
    """``"[Taliban]{ACTOR} [stormed]{TRIGGER}"`` -> text and spans with exact offsets."""
    text, spans, pos = "", [], 0
    for match in MARK.finditer(markup):
        text += markup[pos: match.start()]
        start = len(text)
        text += match.group(1)
        spans.append(Span(start, len(text), match.group(2), match.group(1)))
        pos = match.end()
    return text + markup[pos:], spans


SIEGE = (
    "[At least 37 people]{KILLED} have been killed and [35]{WOUNDED} wounded in a [Taliban]{ACTOR} "
    "[assault]{TRIGGER} on the [Kandahar airport compound]{PLACE}, [Afghan defense officials]{SOURCE} said. "
    "The [siege]{TRIGGER} was declared to be over [Wednesday afternoon]{TIME}. "
    "They said [all the fighters]{KILLED} were killed and [Afghan forces]{ACTOR} had [retaken control]{TRIGGER} "
    "of the area.\n"
    "[On Monday night]{TIME}, [Taliban forces]{ACTOR} [stormed]{TRIGGER} a [Kandahar]{PLACE} police station and "
    "engaged in a lengthy [firefight]{TRIGGER} in which [three police officers]{KILLED} and "
    "[two of the attackers]{KILLED} were killed, [officials]{SOURCE} said.\n[Al Jazeera]{SOURCE}"
)
QALA_GUARDIAN = (
    "The [Taliban]{ACTOR} [fought]{TRIGGER} their way into the centre of a key western Afghan city "
    "[on Wednesday]{TIME}. [Insurgents]{ACTOR} [attacked]{TRIGGER} [Qala-i-Naw]{PLACE}, the capital of "
    "[Badghis province]{PLACE}, [overnight]{TIME}. The [attack]{TRIGGER} on [Qala-i-Naw]{PLACE} was the first "
    "major [assault]{TRIGGER} on a provincial city."
)
QALA_AFP = (
    "[AFP]{SOURCE}, [KABUL]{PLACE}\n\n[Mohammadi]{SOURCE} said [yesterday]{TIME} after the [insurgents]{ACTOR} "
    "carried out their first major [assault]{TRIGGER} on a provincial capital. The [Taliban]{ACTOR} launched "
    "their [assault]{TRIGGER} on the city of [Qala-i-Naw]{PLACE}, the capital of [Badghis Province]{PLACE}."
)
BORDER = (
    "[Taliban fighters]{ACTOR} [captured]{TRIGGER} the [Spin Boldak-Chaman border crossing]{PLACE} "
    "[on Wednesday]{TIME}. But [Afghan forces]{ACTOR} [retook]{TRIGGER} the area's main market "
    "[a few hours later]{TIME} [on Wednesday]{TIME}, [a senior government official]{SOURCE} said, but the "
    "[Taliban]{SOURCE} dismisses the claim, saying it still holds the town."
)


def events_of(article_id, markup, date):
    text, spans = marked(markup)
    return extract_events(article_id, text, date, spans)


def test_no_trigger_no_events():
    text, spans = marked("[Taliban]{ACTOR} leaders met in [Doha]{PLACE} [on Monday]{TIME}.")
    assert extract_events("a", text, "2021-07-07", spans) == []
    assert extract_events("a", "", None, []) == []


def test_siege_and_police_station_are_two_events():
    events = events_of("seed-000", SIEGE, "2015-12-09")
    assert len(events) == 2
    siege, station = sorted(events, key=lambda e: e.date, reverse=True)
    assert (siege.event_type, siege.sub_event_type) == ("Battles", "Armed clash")
    assert (siege.actor1, siege.actor2) == ("Taliban", "Afghan forces")  # the retaking ends the assault
    assert (siege.location, siege.country, siege.date, siege.date_text) == (
        "Kandahar airport compound", "Afghanistan", "2015-12-09", "Wednesday afternoon")
    assert siege.killed == CountRange(37, 37) and siege.wounded == CountRange(35, 35)
    assert "Al Jazeera" in siege.sources and "Afghan defense officials" in siege.sources  # byline outlet too
    assert (station.actor1, station.actor2, station.location) == ("Taliban", "police officers", "Kandahar")
    assert (station.date, station.date_text, station.killed, station.wounded) == (
        "2015-12-07", "Monday night", CountRange(5, 5), None)
    assert all(e.evidence and e.triggers and 0 < e.confidence <= 1 for e in events)
    text, _ = marked(SIEGE)
    assert all(text[v.start: v.end] == v.text for e in events for v in (*e.evidence, *e.triggers))


def test_event_ids_are_stable():
    first = [e.event_id for e in events_of("seed-000", SIEGE, "2015-12-09")]
    assert first == [e.event_id for e in events_of("seed-000", SIEGE, "2015-12-09")]
    assert first != [e.event_id for e in events_of("other", SIEGE, "2015-12-09")]


def test_capture_and_recapture_are_two_events_with_the_denial_as_claim():
    events = events_of("seed-004", BORDER, "2021-07-15")
    assert [e.sub_event_type for e in events] == ["Non-state actor overtakes territory", "Government regains territory"]
    capture, recapture = events
    assert (capture.actor1, capture.date, capture.country) == ("Taliban", "2021-07-14", "Afghanistan")
    assert (recapture.actor1, recapture.date, recapture.date_text) == (
        "Afghan forces", "2021-07-14", "a few hours later on Wednesday")
    assert recapture.location == "Spin Boldak-Chaman border crossing"  # the place it retook
    denial = [c for c in recapture.claims if c.claim]
    assert denial and denial[0].source == "Taliban" and "still holds the town" in denial[0].claim


def test_passive_trigger_and_unnamed_initiator():
    text, spans = marked("[Kunduz]{PLACE} was [stormed]{TRIGGER} by the [Taliban]{ACTOR} [on Monday]{TIME}.")
    (event,) = extract_events("k", text, "2015-09-28", spans)
    assert (event.actor1, event.date, event.country) == ("Taliban", "2015-09-28", "Afghanistan")
    text, spans = marked("A [car bomb attack]{TRIGGER} hit [Kandahar Province]{PLACE} [on Tuesday]{TIME}.")
    (event,) = extract_events("c", text, "2021-07-08", spans)
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert event.actor1 == "Unidentified Armed Group (Afghanistan)"
    assert (event.admin1, event.geo_precision, event.date) == ("Kandahar", 3, "2021-07-06")


def test_two_sources_two_figures_give_two_claims():
    figures = [make_figure("killed", "15 soldiers", 0, 11, "Al Shabaab"), make_figure("killed", "5 soldiers", 20, 30, "army")]
    claims = figure_claims(figures, "x")
    assert {(c.source, c.killed) for c in claims} == {("Al Shabaab", 15), ("army", 5)}
    assert figure_claims([make_figure("killed", "5 soldiers", 0, 10, "army")]) == []  # no disagreement
    text, spans = marked(
        "[Al Shabaab]{SOURCE} said its [attack]{TRIGGER} on the base in [Mogadishu]{PLACE} [on Friday]{TIME} killed "
        "[15 soldiers]{KILLED}. The [army]{SOURCE} said [5 soldiers]{KILLED} died.")
    (event,) = extract_events("s", text, "2020-01-04", spans)
    assert event.killed == CountRange(5, 15)
    assert {(c.source, c.killed) for c in event.claims} == {("Al Shabaab", 15), ("army", 5)}


def test_qala_i_naw_reports_merge_across_articles():
    guardian = events_of("seed-001", QALA_GUARDIAN, "2021-07-07")
    afp = events_of("seed-003", QALA_AFP, "2021-07-08")
    assert len(guardian) == 1 and len(afp) == 1
    assert guardian[0].date == afp[0].date == "2021-07-07"
    (merged,) = merge_events(guardian + afp)
    assert set(merged.article_ids) == {"seed-001", "seed-003"}
    assert merged.location == "Qala-i-Naw" and merged.actor1 == "Taliban"
    assert "AFP" in merged.sources and len(merged.triggers) == len(guardian[0].triggers) + len(afp[0].triggers)


def test_merge_keeps_siege_and_station_apart_and_combines_ranges():
    events = events_of("seed-000", SIEGE, "2015-12-09")
    assert len(merge_events(events)) == 2  # one article: never merged here
    other = events_of("other-000", SIEGE.replace("At least 37 people", "40 people"), "2015-12-09")
    merged = merge_events(events + other)
    assert len(merged) == 2
    siege = next(e for e in merged if e.date == "2015-12-09")
    assert siege.killed == CountRange(37, 40) and set(siege.article_ids) == {"seed-000", "other-000"}
    later = events_of("later", SIEGE, "2015-12-20")  # same place, dates ten days apart: kept apart
    assert len(merge_events(events + later)) == 4


class FakeTagger:
    """Stands in for the model: returns the spans of known texts, nothing for others."""

    def __init__(self, known):
        self.known = known
        self.calls = 0

    def predict(self, texts):
        self.calls += 1
        return [list(self.known.get(t, [])) for t in texts]


def test_extract_tags_assembles_and_merges():
    guardian_text, guardian_spans = marked(QALA_GUARDIAN)
    afp_text, afp_spans = marked(QALA_AFP)
    tagger = FakeTagger({guardian_text: guardian_spans, afp_text: afp_spans})
    articles = [{"id": "seed-001", "text": guardian_text, "date": "2021-07-07"},
                {"id": "seed-003", "text": afp_text, "date": "2021-07-08"},
                {"id": "empty", "text": "", "date": None}]
    (event,) = extract(articles, tagger, batch_size=2)
    assert set(event.article_ids) == {"seed-001", "seed-003"} and tagger.calls == 2
    assert len(extract(articles, tagger, merge=False)) == 2


def test_the_body_place_wins_over_the_headline_place_at_equal_specificity():
    text, spans = marked(
        "Soldiers killed in [clash]{TRIGGER} with Abu Sayyaf in [Sulu]{PLACE}\n"
        "[Marines]{ACTOR} [clashed]{TRIGGER} with [Abu Sayyaf]{ACTOR} militants in [Patikul]{PLACE} [on Sunday]{TIME}, "
        "killing [two soldiers]{KILLED}.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert event.location == "Patikul"


def test_a_town_inside_a_namesake_province_lies_in_it():
    from conflict_events.events.build_event import lies_in
    from conflict_events.events.geocode import Place

    province_town = Place("Zacatecas", country_code="MX", admin1="Zacatecas", kind="city", admin1_namesake=True)
    town = Place("Fresnillo", country_code="MX", admin1="Zacatecas", kind="city")
    assert lies_in(town, province_town)
    assert not lies_in(town, Place("Jerez", country_code="MX", admin1="Zacatecas", kind="city"))
    assert not lies_in(Place("Durango", country_code="MX", admin1="Durango", kind="city"), province_town)


def test_a_named_quarter_of_the_chosen_town_is_the_events_place():
    text, spans = marked("A [car bomb]{TRIGGER} exploded in [Mogadishu]{PLACE} outside a restaurant near the "
                         "[KM4 junction]{PLACE} in [Mogadishu]{PLACE} [on Monday]{TIME}, killing [eight people]{KILLED}.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert (event.location, event.location_text) == ("Mogadishu", "KM4 junction")


def test_an_attack_on_people_who_are_only_victims_is_violence_against_civilians():
    text, spans = marked("[Gunmen]{ACTOR} [opened fire]{TRIGGER} on [traders]{ACTOR} at a cattle market in "
                         "[Kolofata]{PLACE} [on Monday]{TIME}, killing [four]{KILLED}.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert (event.event_type, event.sub_event_type) == ("Violence against civilians", "Attack")


def test_a_crowd_that_throws_stones_makes_a_riot_with_the_demonstrators_as_actor1():
    text, spans = marked("[Police]{ACTOR} [opened fire]{TRIGGER} on [protesters]{ACTOR} who [threw stones]{TRIGGER} "
                         "at a police station in [Goma]{PLACE} [on Monday]{TIME}, wounding [six]{WOUNDED}.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert (event.event_type, event.sub_event_type) == ("Riots", "Violent demonstration")
    assert (event.actor1, event.actor2) == ("protesters", "Police")


def test_force_on_a_crowd_that_did_no_violence_is_excessive_force():
    from conflict_events.events.build_event import crowd_type

    assert crowd_type([], "Violence against civilians", "Attack", "security forces", "protesters") == (
        "Protests", "Excessive force against protesters", "security forces", "protesters")
    assert crowd_type([], "Battles", "Armed clash", "army", "rebels") == ("Battles", "Armed clash", "army", "rebels")


def test_an_act_of_the_air_force_is_an_air_strike():
    text, spans = marked("The [Malian air force]{ACTOR} [struck]{TRIGGER} a [JNIM]{ACTOR} base near [Dioura]{PLACE} "
                         "[on Monday]{TIME}, killing [12 fighters]{KILLED}.")
    (event,) = extract_events("t", text, "2024-03-12", spans)
    assert (event.event_type, event.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")


def test_a_bare_fighting_joins_the_act_told_last_and_the_battle_rather_than_the_shelling():
    # made up for this test: 'the fighting' could join the headline's air strike or the overrun told
    # just before it; it tells of the overrun, and so do its dead
    markup = ("[Militants]{ACTOR} [overrun]{TRIGGER} village as [air force]{ACTOR} [strikes]{TRIGGER} back\n"
              "[Militants]{ACTOR} [overran]{TRIGGER} [Albu Kamil]{PLACE} [on Sunday]{TIME} after an "
              "[assault]{TRIGGER} on [soldiers]{ACTOR}, police said. A police captain said [nine soldiers]{KILLED} "
              "had been killed in the [fighting]{TRIGGER}. [Hours later]{TIME}, [air force]{ACTOR} jets "
              "[struck]{TRIGGER} militant positions in [Albu Kamil]{PLACE}, killing [11 fighters]{KILLED}.")
    events = {e.event_type: e for e in events_of("told-last", markup, "2014-09-15")}
    assert events["Battles"].killed.low == 9
    assert events["Explosions/Remote violence"].killed.low == 11


def test_an_exchange_of_fire_joins_the_battle_rather_than_the_shelling_told_with_it():
    # made up for this test: both events are open when 'the fighting' is told; the exchange is the clash's
    markup = ("Heavy [clashes]{TRIGGER} erupted [late Tuesday]{TIME} between [rebels]{ACTOR} and [the army]{ACTOR} "
              "west of [Manbij]{PLACE}, while [artillery]{ACTOR} [shelled]{TRIGGER} [Tal Rifaat]{PLACE}. "
              "[Three fighters]{KILLED} died in the [fighting]{TRIGGER}, a spokesman said.")
    events = {e.event_type: e for e in events_of("exchange", markup, "2022-08-17")}
    assert events["Battles"].killed.low == 3
    assert events["Explosions/Remote violence"].killed is None
