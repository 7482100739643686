"""TIME text resolved against the publication date (pure, fast; never today's date)."""

import pytest

from conflict_events.events.dates import days_apart, is_earlier_period, months_before, parse_pub_date, resolve_time
from tests.test_events_assemble import events_of

PUB = "2015-12-09"  # a Wednesday


@pytest.mark.parametrize("text, date, precision", [
    ("Monday night", "2015-12-07", "day"),
    ("On Monday night", "2015-12-07", "day"),
    ("on Wednesday", "2015-12-09", "day"),  # same weekday as publication: that day
    ("Wednesday afternoon", "2015-12-09", "day"),
    ("last Wednesday", "2015-12-02", "day"),
    ("early Sunday", "2015-12-06", "day"),
    ("Tuesday", "2015-12-08", "day"),
    ("a day earlier", "2015-12-08", "day"),
    ("two days ago", "2015-12-07", "day"),
    ("yesterday", "2015-12-08", "day"),
    ("today", "2015-12-09", "day"),
    ("overnight", "2015-12-09", "day"),
    ("the evening", "2015-12-09", "day"),
    ("on August 20", "2015-08-20", "day"),
    ("December 20", "2014-12-20", "day"),  # a date without a year is never after publication
    ("September 11, 2001", "2001-09-11", "day"),
])
def test_resolves_to_a_day(text, date, precision):
    resolved = resolve_time(text, PUB)
    assert (resolved.date, resolved.precision) == (date, precision)


@pytest.mark.parametrize("text, precision", [
    ("last week", "week"), ("this weekend", "week"), ("last month", "month"), ("early last month", "month"),
    ("early July", "month"), ("July 2014", "month"), ("this year", "year"), ("2001", "year"),
])
def test_vague_periods_keep_words_but_no_date(text, precision):
    resolved = resolve_time(text, PUB)
    assert resolved.date is None
    assert resolved.precision == precision
    assert resolved.date_text == text


def test_date_text_drops_leading_on():
    assert resolve_time("on Wednesday", PUB).date_text == "Wednesday"


@pytest.mark.parametrize("pub", [None, "", "09/12/2015", "not a date", "2015-13-45"])
def test_no_or_garbled_publication_date_gives_null_not_today(pub):
    for text in ("Monday night", "yesterday", "a day earlier", "on August 20", "today", "last week"):
        assert resolve_time(text, pub).date is None
    assert parse_pub_date(pub) is None
    # A fully written date needs no publication date.
    assert resolve_time("September 11, 2001", pub).date == "2001-09-11"


def test_relative_to_another_event_is_not_resolved():
    assert resolve_time("a few hours later", PUB).date is None
    assert resolve_time("hours after", PUB).date is None


def test_days_apart():
    assert days_apart("2021-07-07", "2021-07-08") == 1
    assert days_apart(None, "2021-07-08") is None


@pytest.mark.parametrize("words, published, day", [
    ("the 11th of this month", "2023-02-14", "2023-02-11"),
    ("the dawn of the 25th of this month", "2024-03-27", "2024-03-25"),
    ("the 28th of this month", "2024-03-05", "2024-02-28"),  # still to come this month: the month before
    ("the 3rd of last month", "2024-01-20", "2023-12-03"),
    ("the 23rd", "2029-06-26", "2029-06-23"),  # a bare ordinal, as translated press dates ('On Saturday, the 23rd')
    ("the 28th", "2029-07-02", "2029-06-28"),
    ("the night of 17/18 March", "2024-03-19", "2024-03-17"),  # not 2018: '17/18' is two days
    ("the night of 21 to 22 August", "2023-08-24", "2023-08-21"),
    ("night of Saturday 3 to Sunday 4 May", "2025-05-06", "2025-05-03"),
    ("the night of Monday to Tuesday, 11 p.m.", "2025-03-20", "2025-03-17"),
])
def test_nights_across_two_days_and_days_of_the_month(words, published, day):
    assert resolve_time(words, published).date == day


def test_two_days_joined_by_and_still_fix_no_day():
    assert resolve_time("on Sunday and Monday", "2023-06-13").date is None


@pytest.mark.parametrize("written, published, months", [
    ("last month", "2025-04-10", 1), ("February", "2025-04-10", 2), ("December", "2022-02-10", 2),
    ("March 2021", "2022-09-15", 18), ("early November", "2024-11-17", 0), ("this year", "2019-12-10", 0),
    ("on Monday", "2022-11-08", None),
])
def test_months_before_the_report(written, published, months):
    assert months_before(written, published) == months


def test_an_event_months_before_the_report_gets_no_record_and_keeps_its_dead():
    events = events_of("t", (
        "[Gunmen]{ACTOR} [attacked]{TRIGGER} a police post in [Rask]{PLACE} [on Saturday]{TIME}, killing "
        "[four police officers]{KILLED}. [In November]{TIME}, [three officers]{KILLED} were killed in an "
        "[ambush]{TRIGGER} near [Khash]{PLACE}."),
        "2025-01-27")
    assert [(e.location, e.killed.low, e.killed.high) for e in events] == [("Rask", 4, 4)]


def test_a_time_of_day_takes_the_day_the_lead_named():
    (event,) = events_of("t", (
        "Two soldiers were killed [on Friday]{TIME} near [Gao]{PLACE}, officials said. The [ambush]{TRIGGER} "
        "began in [the afternoon]{TIME} when [militants]{ACTOR} fired on a patrol."),
        "2025-03-08")
    assert (event.date, event.date_text) == ("2025-03-07", "the afternoon")
    # with no other day named, a time of day is the report's day
    (event,) = events_of("t", "The [ambush]{TRIGGER} began in [the afternoon]{TIME} near [Gao]{PLACE}.", "2025-03-08")
    assert event.date == "2025-03-08"


@pytest.mark.parametrize("written, published, earlier", [
    ("In August", "2023-09-14", True),   # the month before, over 13 days gone: no news
    ("In August", "2023-09-03", False),  # the month before, days ago: may be news
    ("In November", "2025-01-27", True), ("Two months ago", "2018-06-16", True),
    ("three weeks ago", "2018-11-14", True), ("a week ago", "2018-11-14", False),
    ("on Saturday", "2025-01-27", False),
])
def test_earlier_periods_are_backdrop(written, published, earlier):
    assert is_earlier_period(resolve_time(written, published), published) is earlier


def test_a_weekday_with_the_day_and_month_in_digits_is_read_in_the_order_the_weekday_fits():
    assert resolve_time("Fri 16.05", "2031-05-19").date == "2031-05-16"
    assert resolve_time("Tue 22/4", "2031-05-19").date == "2031-04-22"
    assert resolve_time("Sat 5/17", "2031-05-19").date == "2031-05-17"  # month first: only that order is a Saturday
    assert resolve_time("Fri 16.06", "2031-05-19").date is None  # a month ahead: no report dates that
    assert resolve_time("Mon 13.45", "2031-05-19").date is None  # no such day
