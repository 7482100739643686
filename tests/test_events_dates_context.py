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


def test_a_time_of_day_written_right_after_a_day_is_that_days():
    # translated press (made up for this test): the act told 'On Thursday, the 27th, at dawn' is the
    # 27th's, where grouping reads it; a dawn told apart from any day is still the report's day
    from tests.test_events_assemble import marked
    from conflict_events.events.mentions import build_mentions
    from conflict_events.events.sentences import split_sentences

    def act_dates(markup: str) -> dict[str, str | None]:
        text, spans = marked(markup)
        return {m.trigger.text: m.time.date if m.time else None
                for m in build_mentions(text, "2030-06-29", spans, split_sentences(text))}

    assert act_dates("[On Thursday]{TIME}, [the 27th]{TIME}, at [dawn]{TIME}, [armed men]{ACTOR} [attacked]{TRIGGER} "
                     "a checkpoint at [Kumbari-Tsiri]{PLACE}.")["attacked"] == "2030-06-27"
    assert act_dates("[Armed men]{ACTOR} [attacked]{TRIGGER} a checkpoint at [Kumbari-Tsiri]{PLACE} at [dawn]{TIME}, "
                     "[police]{SOURCE} said [on Thursday]{TIME}.")["attacked"] == "2030-06-29"


def test_a_live_pages_update_dated_only_by_the_clock_is_the_pages_day():
    # made up for this test: the 06:40 update's act is this morning's; an act of a news story dated
    # only by the clock keeps no date, and grouping never reads the clock
    live = events_of("live", "LIVE: gang attack on Thomaz-Bois\n"
                             "06:40 \u2014 [Gang members]{ACTOR} have [attacked]{TRIGGER} [Thomaz-Bois]{PLACE} since about "
                             "[4 a.m.]{TIME}, killing [six people]{KILLED}, the [mayor]{SOURCE} says.\n"
                             "09:15 \u2014 The toll has risen to [11]{KILLED}, the [mayor]{SOURCE} says.\n", "2030-06-26")
    assert [(e.date, e.date_text) for e in live] == [("2030-06-26", "4 a.m.")]
    story = events_of("story", "[Gang members]{ACTOR} [attacked]{TRIGGER} [Thomaz-Bois]{PLACE} at about [4 a.m.]{TIME}, "
                               "killing [six people]{KILLED}, the [mayor]{SOURCE} said.", "2030-06-26")
    assert [e.date for e in story] == [None]


def test_a_time_the_act_lasted_until_does_not_date_it():
    dates = _mention_days("[Late on Wednesday]{TIME}, [militants]{ACTOR} [stormed]{TRIGGER} a checkpost at "
                          "[Nishpa]{PLACE}, and the [gunfight]{TRIGGER} lasted until [dawn]{TIME}.", "2030-12-20")
    assert dates == {"stormed": "2030-12-18", "gunfight": "2030-12-18"}


def test_the_next_day_or_days_later_dates_an_act_from_the_act_told_before():
    from tests.test_events_assemble import events_of
    from conflict_events.events.assemble import _days_later

    markup = ("A [drone strike]{TRIGGER} hit a market in [Kurmuk]{PLACE} [on Monday afternoon]{TIME}, killing "
              "[14 people]{KILLED}.\n[A day later]{TIME}, [soldiers]{ACTOR} [clashed]{TRIGGER} with [SPLM-N fighters]{ACTOR} "
              "near [Geissan]{PLACE}.")
    assert [e.date for e in events_of("later", markup, "2031-02-12")] == ["2031-02-10", "2031-02-11"]
    assert [_days_later(t) for t in ("The next day", "two days later", "on the following day", "later")] == [1, 2, 1, None]


def _mention_days(markup: str, pub_date: str) -> dict[str, str | None]:
    from tests.test_events_assemble import marked
    from conflict_events.events.mentions import build_mentions
    from conflict_events.events.sentences import split_sentences

    text, spans = marked(markup)
    return {m.trigger.text: m.time.date if m.time else None
            for m in build_mentions(text, pub_date, spans, split_sentences(text))}


def test_a_time_of_day_tells_of_the_day_named_before_it_so_the_lead_keeps_its_fighting():
    markup = ("[Fano militiamen]{ACTOR} [took control]{TRIGGER} of [Woreta]{PLACE} [on Tuesday]{TIME} after "
              "[clashes]{TRIGGER} with [federal troops]{ACTOR}, residents said. The [fighting]{TRIGGER} began with a "
              "[pre-dawn]{TIME} [attack]{TRIGGER} on the police station, and the health centre received the bodies of "
              "[seven fighters]{KILLED}.")
    assert _mention_days(markup, "2023-08-09")["attack"] == "2023-08-08"
    events = events_of("pre-dawn", markup, "2023-08-09")
    assert len(events) == 1 and events[0].date == "2023-08-08" and events[0].killed.low == 7


def test_a_time_of_day_keeps_the_reports_day_after_an_offset_a_sentence_opening_on_it_or_a_live_stamp():
    after_offset = ("[Troops]{ACTOR} [retook]{TRIGGER} [Dialloube]{PLACE} [on Tuesday]{TIME}, [a day after]{TIME} "
                    "[fighters]{ACTOR} [overran]{TRIGGER} its camp in a [pre-dawn]{TIME} [attack]{TRIGGER}.")
    assert _mention_days(after_offset, "2022-04-20")["overran"] == "2022-04-20"
    next_stage = ("[Police]{ACTOR} [raided]{TRIGGER} [Penha]{PLACE} [on Thursday]{TIME}. [In the evening]{TIME}, "
                  "[protesters]{ACTOR} [set fire]{TRIGGER} to two buses.")
    assert _mention_days(next_stage, "2024-10-11")["set fire"] == "2024-10-11"
    live = ("[Russian troops]{ACTOR} [shelled]{TRIGGER} [Kherson]{PLACE} [on Tuesday]{TIME}.\n07:20 — "
            "[Russia]{ACTOR} launched a [drone attack]{TRIGGER} on the [Kyiv region]{PLACE} [overnight]{TIME}.")
    assert _mention_days(live, "2023-03-08")["drone attack"] == "2023-03-08"
    background = ("[Rebels]{ACTOR} [attacked]{TRIGGER} [Hama]{PLACE} [on Wednesday]{TIME}, the first time since "
                  "[2012]{TIME}. [Hours earlier]{TIME}, [Russia]{ACTOR} [pounded]{TRIGGER} [Latamneh]{PLACE} in a "
                  "[pre-dawn]{TIME} [raid]{TRIGGER}.")
    assert _mention_days(background, "2016-10-13")["raid"] == "2016-10-12"


def test_day_named_before_takes_only_a_day_and_only_for_a_time_of_day():
    from conflict_events.events.dates import ResolvedTime, day_named_before

    tuesday = ResolvedTime("2023-08-08", "on Tuesday", "day")
    offset = ResolvedTime(None, "a day after", None)
    assert day_named_before([(0, tuesday)], 50, "2023-08-09", "pre-dawn", "2023-08-09") is tuesday
    assert day_named_before([(0, tuesday)], 50, "2023-08-09", "on Wednesday", "2023-08-09") is None
    assert day_named_before([(0, tuesday), (30, offset)], 50, "2023-08-09", "dawn", "2023-08-09") is None
    assert day_named_before([(60, tuesday)], 50, "2023-08-09", "dawn", "2023-08-09") is None


def test_a_wire_storys_filing_date_in_its_dateline_dates_no_act():
    # made up for this test: the tagger tagged the dateline's date; the lead's act has its own day
    markup = ("Three shot dead outside bar\nPORT OF SPAIN, [May 8]{TIME} (Gulf Coast Chronicle) - [Gunmen]{ACTOR} "
              "[opened fire]{TRIGGER} on a group of men drinking outside a bar in [Couva]{PLACE}, in central "
              "Trinidad, [on Tuesday night]{TIME}, killing "
              "[three men]{KILLED}.")
    assert [e.date for e in events_of("dateline", markup, "2031-05-08")] == ["2031-05-06"]
    # a round-up entry headed like a dateline but with another day keeps it
    entry = ("Weekly round-up\nLOKPA-NDRI (Mahagi territory), [Monday 9 April]{TIME} - [CODECO militiamen]{ACTOR} "
             "[attacked]{TRIGGER} a displacement site, killing [12 people]{KILLED}.")
    assert [e.date for e in events_of("entry", entry, "2029-04-13")] == ["2029-04-09"]
