"""Resolve a TIME span against the article's publication date.

Rules (never invent a date):

* No publication date, or one that is not ``YYYY-MM-DD``: relative expressions give ``date=None``;
  only a fully written date (``September 11, 2001``) still resolves.
* Weekdays (``Monday night``, ``on Wednesday``, ``early Sunday``) -> the most recent such day on or
  before the publication date (``Wednesday`` in an article dated Wednesday is that day;
  ``last Wednesday`` is a week earlier).
* ``today``, ``tonight``, ``overnight``, ``this morning``, a bare part of the day (``the evening``,
  ``early morning``, ``pre-dawn``) -> the publication date; ``yesterday``,
  ``last night`` -> the day before; ``a day earlier``, ``two days ago``, ``the day before`` -> that many
  days before the publication date.
* Vague periods keep ``date=None`` with a coarser ``time_precision`` and the words in ``date_text``:
  ``last week`` -> ``week``; ``last month``, ``early July``, ``July 2014`` -> ``month``; ``this year``,
  ``2001`` -> ``year``. Expressions relative to another event (``a few hours later``) give nothing.
* A night across two days is dated by its first (``the night of 17/18 March``, ``the night of
  Saturday to Sunday``); ``the 11th of this month`` is that day of the publication month.
* Written dates (``on August 20``) go to dateparser with ``RELATIVE_BASE`` = publication date and
  ``PREFER_DATES_FROM='past'``, so a date without a year is the latest one not after publication.

``time_precision`` is ``"day"``, ``"week"``, ``"month"``, ``"year"`` or None (ACLED's time precision
1 = day, 2 = week, 3 = month; ``year`` has no ACLED code).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import dateparser

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


@dataclass(frozen=True)
class ResolvedTime:
    date: str | None  # ISO date or None
    date_text: str
    precision: str | None  # "day", "week", "month", "year" or None


def parse_pub_date(value: str | None) -> dt.date | None:
    """The publication date, or None when it is missing or not an ISO date."""
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _clean(text: str) -> str:
    text = text.lower().replace("\u2019", "'").strip()
    text = re.sub(r"[(),.;:]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _weekday(text: str, base: dt.date) -> dt.date | None:
    found = [day for day in WEEKDAYS if re.search(rf"\b{day}\b", text)]
    if len(found) != 1:
        return None
    back = (base.weekday() - WEEKDAYS.index(found[0])) % 7
    if back == 0 and re.search(r"\blast\b", text):
        back = 7
    return base - dt.timedelta(days=back)


def _relative_days(text: str) -> int | None:
    """Days before publication for the fixed relative expressions, else None."""
    if re.search(r"\b(?:today|tonight|overnight|this (?:morning|afternoon|evening))\b", text) or re.fullmatch(
            r"(?:the |early |late |in the )*(?:morning|afternoon|evening|night|pre-dawn|dawn|midday|noon)", text):
        return 0
    if re.search(r"\b(?:yesterday|last night|the day before|the previous day|the night before)\b", text):
        return 1
    match = re.search(r"\b(a|an|one|two|three|four|five|six|seven|\d+) days? (?:earlier|ago|before)\b", text)
    if match:
        word = match.group(1)
        return int(word) if word.isdigit() else _NUMBER_WORDS[word]
    return None


def _vague(text: str) -> str | None:
    if re.search(r"\b(?:last|this|past|previous|earlier this|later this) (?:week|weekend)\b", text):
        return "week"
    if re.search(r"\b(?:last|this|past|previous|earlier this|later this) month\b", text):
        return "month"
    if re.search(r"\b(?:last|this|past|previous|earlier this|later this) year\b", text):
        return "year"
    return None


def _has_month(text: str) -> bool:
    return any(re.search(rf"\b{m}\b", text) for m in MONTHS)


def _written_date(text: str, base: dt.date | None) -> ResolvedTime | None:
    """Dates written with a month name or digits, via dateparser; None when nothing is written."""
    has_day = bool(re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text))
    has_year = bool(re.search(r"\b(?:1[89]|20)\d{2}\b", text))
    numeric = re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", text)
    if not (_has_month(text) or has_year or numeric):
        return None
    if not (has_day and (_has_month(text) or numeric)):
        # A month or a year alone: a period, not a day.
        precision = "month" if _has_month(text) else "year"
        return ResolvedTime(None, text, precision)
    settings: dict = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
        settings["REQUIRE_PARTS"] = ["day", "month"]
    else:
        settings["REQUIRE_PARTS"] = ["day", "month", "year"]
    if base is None and not has_year:
        return ResolvedTime(None, text, None)
    cleaned = re.sub(r"\b(?:on|early|late|mid|morning|afternoon|evening|night)\b", " ", text)
    parsed = dateparser.parse(cleaned, languages=["en"], settings=settings)
    if parsed is None:
        return ResolvedTime(None, text, None)
    return ResolvedTime(parsed.date().isoformat(), text, "day")


_MONTH_NAME = "(?:" + "|".join(MONTHS) + ")"
_WEEKDAY_NAME = "(?:" + "|".join(WEEKDAYS) + ")"
# 'the night of 17/18 March', 'the night of 21 to 22 August': the night's first day
_DAY_SPAN = re.compile(rf"\b(\d{{1,2}})\s*(?:/|-|\u2013|to)\s*\d{{1,2}}(\s+{_MONTH_NAME})\b")
# 'the night of Saturday 3 to Sunday 4 May', 'the night of Monday to Tuesday': the first of the two days
_WEEKDAY_SPAN = re.compile(rf"\b({_WEEKDAY_NAME}(?:\s+\d{{1,2}})?)\s+(?:to|/|-|\u2013)\s+{_WEEKDAY_NAME}(?:\s+\d{{1,2}}\b)?")
# 'the 11th of this month', 'the dawn of the 25th of last month': a day of the month, no month named
# 'the 11th of this month', or a bare 'the 23rd' (translated press: 'On Saturday, the 23rd, at dawn')
_DAY_OF_MONTH = re.compile(r"^(?:on )?the (\d{1,2})(?:st|nd|rd|th)(?: of (this|last) month)?$|"
                           r"\bthe (\d{1,2})(?:st|nd|rd|th) of (this|last) month\b")


# 'Fri 16.05', 'Tue 22/4', 'Wednesday 7.5.': a weekday with the day and month in digits (a digest's head)
_WEEKDAY_NUMBERS = re.compile(r"^(?P<weekday>[a-z]{3,9})\.?,?\s+(?P<first>\d{1,2})\s*[./]\s*(?P<second>\d{1,2})\.?$",
                              re.I)


def _weekday_and_numbers(text: str, base: dt.date) -> dt.date | None:
    """The day ``Fri 16.05`` names: of the readings day-month and month-day, the latest day from a
    year before the report to a week after it whose weekday is the one written (the weekday settles
    which order the digits are in); None when the text is no such date or no reading fits."""
    match = _WEEKDAY_NUMBERS.match(text.strip())
    weekday = next((i for i, name in enumerate(WEEKDAYS) if match and name.startswith(match["weekday"].lower())), None)
    if weekday is None:
        return None
    first, second = int(match["first"]), int(match["second"])
    readings, earliest, latest = [], base - dt.timedelta(days=366), base + dt.timedelta(days=7)
    for day, month in ((first, second), (second, first)):
        for year in (base.year, base.year - 1):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if candidate.weekday() == weekday and earliest <= candidate <= latest:
                readings.append(candidate)
    return max(readings, default=None)


def _first_night(text: str) -> str:
    """A night (or span) across two days is dated by its first day."""
    return _WEEKDAY_SPAN.sub(r"\1", _DAY_SPAN.sub(r"\1\2", text))


def _day_of_month(text: str, base: dt.date) -> dt.date | None:
    """``the 11th of this month`` or ``the 23rd`` -> that day of the publication month (of the month
    before with ``last month``, or when the day is still to come this month)."""
    match = _DAY_OF_MONTH.search(text)
    if match is None:
        return None
    day, which = int(match.group(1) or match.group(3)), match.group(2) or match.group(4)
    month_back = int(which == "last" or day > base.day)
    year, month = (base.year, base.month - month_back) if base.month > month_back else (base.year - 1, 12)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_time(text: str, pub_date: str | None) -> ResolvedTime:
    """Resolve one TIME span's text; ``date_text`` is always the words as written."""
    written = re.sub(r"^on\s+", "", text.strip(), flags=re.I)  # README: date_text drops a leading 'on'
    cleaned = _first_night(_clean(written))
    base = parse_pub_date(pub_date)
    if base is not None and (day_of_month := _day_of_month(cleaned, base)) is not None:
        return ResolvedTime(day_of_month.isoformat(), written, "day")
    if base is not None and (weekday_numeric := _weekday_and_numbers(written, base)) is not None:
        return ResolvedTime(weekday_numeric.isoformat(), written, "day")
    absolute = _written_date(cleaned, base)
    if absolute is not None and absolute.date is not None:
        return ResolvedTime(absolute.date, written, absolute.precision)
    vague = _vague(cleaned)
    if vague is not None:
        return ResolvedTime(None, written, vague)
    if base is not None:
        day = _weekday(cleaned, base)
        if day is not None:
            return ResolvedTime(day.isoformat(), written, "day")
        days = _relative_days(cleaned)
        if days is not None:
            return ResolvedTime((base - dt.timedelta(days=days)).isoformat(), written, "day")
    if absolute is not None:
        return ResolvedTime(None, written, absolute.precision)
    return ResolvedTime(None, written, None)


def days_apart(first: str | None, second: str | None) -> int | None:
    """Absolute difference in days between two ISO dates; None when either is missing."""
    a, b = parse_pub_date(first), parse_pub_date(second)
    if a is None or b is None:
        return None
    return abs((a - b).days)


def months_before(date_text: str | None, pub_date: str | None) -> int | None:
    """How many months before the publication month a month- or year-scale time lies (``last
    month`` 1, ``February`` in an April article 2, ``December`` in a February one 2, ``March
    2021`` or ``last year`` a year or more); 0 for the publication month or year, None when the
    text names no such period."""
    base = parse_pub_date(pub_date)
    if base is None or not date_text:
        return None
    text = _clean(date_text)
    if re.search(r"\b(?:this|earlier this|later this) (?:month|year)\b", text):
        return 0
    if re.search(r"\b(?:last|past|previous) month\b", text):
        return 1
    named = [i for i, month in enumerate(MONTHS, 1) if re.search(rf"\b{month}\b", text)]
    years = [int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", text)]
    last_year = bool(re.search(r"\b(?:last|past|previous) year\b", text))
    year = years[0] if years else base.year - 1 if last_year else None
    if named:
        month = named[0]
        if year is None:  # a month with no year: the latest one not after the publication month
            year = base.year if month <= base.month else base.year - 1
        return (base.year - year) * 12 + base.month - month
    if year is not None:
        return (base.year - year) * 12 + base.month - 12 if year < base.year else 0
    return None


# a time of day with no day named ('at dawn', 'the night'), which resolves to the report's day
_TIME_OF_DAY = re.compile(r"(?:(?:at|before|in|during|by|late in|early in)\s+)?(?:the\s+)?(?:early\s+|late\s+)?"
                          r"(?:dawn|pre-dawn|overnight|night|evening|midday|noon|morning|afternoon)", re.I)


def is_time_of_day(date_text: str | None) -> bool:
    """``in the afternoon``, ``at dawn``: a time that names no day."""
    return bool(date_text) and bool(_TIME_OF_DAY.fullmatch(date_text.strip()))


# Offsets that keep their anchor's day; 'days after' and 'overnight' fix none (annotations/README.md).
SAME_DAY_OFFSET = re.compile(r"\b(?:hours?|minutes?|moments?|shortly|(?:later|earlier) that day|the same day|"
                             r"that (?:morning|afternoon|evening|night))\b", re.I)


def day_named_before(named: list[tuple[int, ResolvedTime]], offset: int, date: str | None,
                     date_text: str | None, pub_date: str | None) -> ResolvedTime | None:
    """The day a time of day read as the report's day stands for: of ``named`` (the times an article
    gives acts, by offset), the one given last before ``offset``, when that is another day; None when
    the time keeps the report's day."""
    if date != pub_date or not is_time_of_day(date_text):
        return None
    before = [time for start, time in named if start < offset]
    last = before[-1] if before else None  # an offset told since ('a day after') leaves no day named
    return last if last is not None and last.date and last.precision == "day" and last.date != pub_date else None


# a time on the clock: '4 a.m.', '9.40 p.m.', '6:15' (a live page's stamps and the times in its updates)
CLOCK = r"(?:\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?|\d{1,2}[:.]\d{2})"
# a clock time with no day ('about 4 a.m.', 'shortly after 6:15', 'midnight'), which alone dates nothing
_CLOCK_ONLY = re.compile(rf"(?:(?:at|about|around|since|shortly|just|after|before|until|by|some)\s+)*"
                         rf"(?:{CLOCK}|midnight)(?:\s+(?:GMT|UTC|local time))?", re.I)


def is_clock_time(date_text: str | None) -> bool:
    """``at about 3 a.m.``, ``6:15``: a time on the clock that names no day."""
    return bool(date_text) and bool(_CLOCK_ONLY.fullmatch(date_text.strip()))


# 'Two months ago', 'a year ago', 'three weeks ago': an act further back than a report's news.
_LONG_AGO = re.compile(r"\b(?:(?:a|one|two|three|four|five|six|several|a few|\d+) (?:months?|years?)|"
                       r"(?:two|three|four|five|six|several|a few|\d+) weeks) ago\b", re.I)
# The dated gold events of the seeds and parts A-S (590 of 606) all lie within 13 days of their report
# (annotations/README.md decision 83), so a month that ended more than this many days before it is no news.
NEWS_DAYS = 13


def is_earlier_period(time: ResolvedTime | None, pub_date: str | None) -> bool:
    """A month or a year before the report's news (``In November`` in a January report, ``In
    August`` in a mid-September one, ``March 2021``, ``last year``, ``two months ago``): not the
    report's own time frame. The month before counts only once it has ended :data:`NEWS_DAYS` days
    before the report (``In August`` in a 3 September report may be news)."""
    if time is None:
        return False
    if _LONG_AGO.search(time.date_text or ""):
        return True
    if time.precision not in ("month", "year"):
        return False
    back = months_before(time.date_text, pub_date) or 0
    base = parse_pub_date(pub_date)
    return back >= 2 or back == 1 and time.precision == "month" and base is not None and base.day > NEWS_DAYS
