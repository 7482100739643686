"""Days an event borrows from the article (annotations/README.md, 'Dates, more'): hand-made
articles with known answers."""

from tests.test_events_assemble import events_of


def by_trigger(events) -> dict[str, tuple]:
    return {e.triggers[0].text: (e.date, e.date_text) for e in events}


def test_a_same_day_offset_takes_its_anchors_day():
    events = events_of("offset", "[Gunmen]{ACTOR} [attacked]{TRIGGER} a bus in [Gao]{PLACE} [on Tuesday morning]{TIME}, "
                                 "killing [four passengers]{KILLED}. [Hours later]{TIME}, in a separate attack, a [roadside bomb]{TRIGGER} "
                                 "struck an army truck near [Ansongo]{PLACE}, wounding [two soldiers]{WOUNDED}.",
                       "2023-04-20")
    dates = by_trigger(events)
    assert dates["attacked"] == ("2023-04-18", "Tuesday morning")
    assert dates["roadside bomb"] == ("2023-04-18", "Hours later")


def test_an_offset_of_days_fixes_no_day():
    events = events_of("days", "[Gunmen]{ACTOR} [attacked]{TRIGGER} a bus in [Gao]{PLACE} [on Tuesday morning]{TIME}. "
                               "[Days after]{TIME}, in a separate attack, a [roadside bomb]{TRIGGER} struck an army truck near "
                               "[Ansongo]{PLACE}.", "2023-04-20")
    assert by_trigger(events)["roadside bomb"][0] is None


def test_a_headline_event_takes_the_day_the_body_gives():
    events = events_of("headline", "Bandits [kill]{TRIGGER} six in [Sabuwa]{PLACE}\n"
                                   "[Armed bandits]{ACTOR} [stormed]{TRIGGER} a market in [Zamfara]{PLACE} "
                                   "[late on Saturday]{TIME}, killing [six people]{KILLED}, [police]{SOURCE} said.",
                       "2021-08-30")
    assert {e.date for e in events} == {"2021-08-28"}


def test_an_event_with_no_written_time_keeps_no_date():
    events = events_of("none", "[Gunmen]{ACTOR} [attacked]{TRIGGER} a bus in [Gao]{PLACE} [on Tuesday]{TIME}, "
                               "killing [four passengers]{KILLED}.\n\nIn a separate incident, [soldiers]{ACTOR} "
                               "[clashed]{TRIGGER} with [militants]{ACTOR} in [Kidal]{PLACE}, far to the north.",
                       "2023-04-20")
    assert by_trigger(events) == {"attacked": ("2023-04-18", "Tuesday"), "clashed": (None, None)}


def test_a_sentence_saying_separate_starts_another_event():
    text = ("[Gunmen]{ACTOR} [attacked]{TRIGGER} a bus in [Gao]{PLACE} [on Tuesday]{TIME}, killing [four passengers]{KILLED}. "
            "{cue}[soldiers]{ACTOR} [clashed]{TRIGGER} with [militants]{ACTOR} in [Kidal]{PLACE}.")
    for cue in ("In a separate incident, ", "Elsewhere, ", "Separately, "):
        assert len(events_of("separate", text.replace("{cue}", cue), "2023-04-20")) == 2
