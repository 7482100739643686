"""One *mention* per TRIGGER span: its sentence, type, actors, place and time, read from the spans
of that sentence only. :mod:`assemble` then groups mentions into events."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Sequence

from conflict_events.events.dates import (
    SAME_DAY_OFFSET, ResolvedTime, day_named_before, is_earlier_period, is_time_of_day, resolve_time)
from conflict_events.events.entry_heads import DASH_HEAD, DASH_HEAD_LINE, entry_head_place, entry_lines, on_live_update
from conflict_events.events.roles import BATTLE, SUICIDE_BOMB, Roles, assign_roles, classify_trigger, party_class
from conflict_events.events.sentences import Sentence, headline_sentence, sentence_index
from conflict_events.spans import Span

_CLAUSE_BREAK = re.compile(r"[;\u2014]|\s[\u2013-]\s|\b(?:as|while|whereas|but|after|before|since|which|who|"
                           r"when|said|says|told|reported|adding|although|though)\b", re.I)
# 'at the entrance to Dargai', 'the gates to the camp' are at the place, not towards it
_RELATIONAL = re.compile(r"\b(?:with|from|into|(?<!entrance )(?<!entrances )(?<!gate )(?<!gates )(?<!approaches )to|"
                         r"towards?|neighbou?ring|nearby|across|beyond|for|than|by)\s+(?:the\s+)?$", re.I)
_GAP_RELATIONAL = re.compile(r"\b(?:from|with|to|towards?)\b", re.I)
# Trends, campaigns and backdrop get no record (annotations/README.md); their words still are TRIGGER.
_TREND_WORDS = re.compile(r"^(?:advance|advances|campaign|campaigns|offensives|invasion|insurgency)$", re.I)
_TREND_CUES = re.compile(r"\b(?:districts|swaths|several (?:others|districts|provinces|cities|towns)|numerous|sweeping|across|most of|dozens of|intensif\w*|"
                         r"escalat\w*|since|struggl\w*|have been \w+ing|has been \w+ing|continue[sd]? to)\b", re.I)
_MAX_BOUND_WORDS = 4
_AUXILIARY = re.compile(r"\b(?:could|would|will|may|might|can|should|must|is|are|was|were|has|have|had|be)\b", re.I)
REPORTING = re.compile(r"\b(?:said|says|told|tells|reported|reports|added|announced|stated|confirmed)\b"
                        r"[^.;]{0,40}$", re.I)
_LEMMA = re.compile(r"(?:ing|ed|es|s|e)$")


def trigger_lemma(trigger: str) -> str:
    """A crude stem of a trigger's last word (``attacked``/``attacks`` -> ``attack``), to compare mentions."""
    word = trigger.lower().split()[-1]
    return _LEMMA.sub("", word) if len(word) > 4 else word


@dataclass(frozen=True)
class Mention:
    trigger: Span
    sentence: int
    event_type: str
    sub_event_type: str
    actor1: Span | None
    actor2: Span | None
    place: Span | None  # a place bound to the trigger (same clause, close, not relational)
    weak_place: Span | None  # another place of the sentence, used only when the event has none
    far_place: Span | None  # a place in the trigger's clause but further off
    time: ResolvedTime | None
    time_span: Span | None
    report_time: bool  # the time dates the report (``said on Thursday``), not the act
    backdrop: bool = False  # a trend, campaign or historical act: no record of its own
    headline: bool = False  # in the article's headline, which retells (or lists) its events
    separate: bool = False  # its sentence says it is another incident ('In a separate attack', 'Elsewhere')
    retold: bool = False  # named in an accusation or denial ('accused the army of targeting civilians')
    continues: "Mention | None" = None  # the act a participle after a comma goes on telling ('stormed ..., torching')
    dates_another: bool = False  # told only as another act's time reference ('two days after X overran it')
    anaphor_place: Span | None = None  # the place 'the town' or 'overran it' points back to, if no place is bound
    round_up: bool = False  # its paragraph opens on a place of its own ('In Timbuktu region, ...'): a round-up's next incident
    entry: int | None = None  # where the round-up entry line holding it starts ('2. Kharan district: ...'); 0: the headline
    dated_by_head: bool = False  # its time is its entry head's ('Entry 2 | Wednesday 5 December | ...'), not its sentence's

    @property
    def lemma(self) -> str:
        return trigger_lemma(self.trigger.text)

    @property
    def listed(self) -> bool:
        """An item of a round-up's headline list, which names every entry's incident, place and parties."""
        return self.headline and self.entry is not None

    @property
    def bare(self) -> bool:
        """Nothing in the sentence places or dates it: an anaphoric mention (``the attack``)."""
        return self.place is None and (self.time is None or self.time.precision is None)


def other_entry(a: Mention, b: Mention) -> bool:
    """Acts told in two entries of a round-up are two incidents, however alike. The headline (entry 0)
    lists them all: its items are kept apart by the grouping and folded into their entries after."""
    return a.entry is not None and b.entry is not None and a.entry != b.entry and not (a.headline or b.headline)


# A sentence that says its act is another one than those told before.
SEPARATE_INCIDENT = re.compile(r"\b(?:in (?:a |another )?separate (?:incident|attack|raid|clash|strike|ambush)|separately|"
                               r"in (?:another|a second|a third|a further) (?:incident|attack|raid|clash|strike|ambush)|"
                               r"elsewhere)\b", re.I)


# A paragraph opened by a place of its own ('In the eastern desert, ...', 'In Zacatecas, soldiers'): a
# round-up moving to its next incident.
_ROUND_UP_LEAD = re.compile(r"(?:^|\n)\s*In (?:the )?(?:[A-Z][\w'\u2019-]*|(?:north|south|east|west|central)\w*)[^,.;\n]{0,40},")


def _gap(text: str, a: Span, b: Span) -> str:
    first, second = (a, b) if a.start <= b.start else (b, a)
    return text[first.end: second.start]


def _place_for(text: str, trigger: Span, places: list[Span], sources: list[Span],
               article_places: list[Span] = ()) -> tuple[Span | None, ...]:
    """(bound, weak, far): the nearest place in the trigger's clause within a few words; the nearest
    other place (relational ``border with Pakistan``, after a source ``an official in Kabul said``, in
    another clause); the nearest place of the same clause further off."""
    bound, weak, far, relational = [], [], [], set()
    # a round-up entry's head ('1) Raman district, Yala: A roadside bomb ...') frames the act; it does
    # not bind it, however near, and a place of the entry's own sentence comes first
    # (a headline's label, 'Gao: suicide car bomb kills three', is the headline act's own place)
    in_head = {p for p in places if p.end <= trigger.start and ":" in text[p.end: trigger.start]
               and "\n" not in text[p.end: trigger.start]} if "\n" in text[:trigger.start] else set()
    for place in places:
        gap = _gap(text, trigger, place)
        before = text[max(0, place.start - 30): place.start]
        lies_after_source = any(trigger.end <= s.start and s.end <= place.start for s in sources) or \
            any(place.start - 60 <= s.end <= place.start for s in sources)
        if _CLAUSE_BREAK.search(gap) or _RELATIONAL.search(before) or lies_after_source or _GAP_RELATIONAL.search(gap) \
                or place in in_head:
            weak.append(place)
            if _RELATIONAL.search(before):
                relational.add(place)
        elif len(gap.split()) > _MAX_BOUND_WORDS:
            weak.append(place)
            if not _AUXILIARY.search(gap):  # 'the attack could overshadow talks in Pakistan': not its place
                far.append(place)
        else:
            bound.append(place)
    nearest = lambda group: min(group, key=lambda p: len(_gap(text, trigger, p))) if group else None  # noqa: E731
    # a place of another clause before a relational one ('labourers from Punjab', 'sent from Ihosy'); a
    # second place bound as closely ('Mazeze, Chiúre district: Gunmen ambushed') is weak, not lost
    plain = [p for p in weak if p not in relational and p not in in_head] or [p for p in weak if p not in relational]
    first = nearest(bound)
    # an entry whose head is a sentence of its own ('2. Sokourani, Misséni commune, Kadiolo cercle. On 28
    # September, a drone strike ...') lends its place only to acts whose sentence names none
    head = entry_head_place(text, trigger, places if places else list(article_places))
    return first, head or nearest(plain or [p for p in bound if p is not first] or weak), nearest(far)


_JOINS_A_DAY = re.compile(r"[\s,]*(?:(?:at|in|around|about|before|after|shortly|just|early|late)\s+)*(?:the\s+)?", re.I)
_BRACKET_OPEN = re.compile(r"\s*\(\s*")


_UNTIL = re.compile(r"\b(?:until|till|up to)\s+(?:the\s+)?$", re.I)


def _time_for(text: str, trigger: Span, times: list[Span], sources: list[Span],
              pub_date: str | None) -> tuple[ResolvedTime | None, Span | None, bool]:
    """The TIME nearest the trigger, preferring one that dates the act (not a statement: ``said
    on Thursday``) and one that fixes a day; an adjacent relative span joins its words
    (``a few hours later`` + ``on Wednesday`` -> date_text ``a few hours later on Wednesday``)."""
    # '12 June (Wednesday)': the bracketed weekday restates the date before it, whose day is the act's
    restating = {t for t in times for o in times if o.end <= t.start and _BRACKET_OPEN.fullmatch(text[o.end: t.start])}
    times = [t for t in times if t not in restating] or times
    scored = []
    for span in times:
        before = text[max(0, span.start - 50): span.start]
        reporting = bool(REPORTING.search(before)) or any(0 <= span.start - s.end <= 30 for s in sources)
        broken = bool(re.search(r"[;\u2014]", _gap(text, trigger, span)))
        # 'the gunfight lasted until [dawn]': when the act ended, not the day it was fought (decision 55)
        ending = bool(_UNTIL.search(before))
        resolved = resolve_time(span.text, pub_date)
        scored.append((reporting, ending, broken, resolved.date is None, len(_gap(text, trigger, span)), span, resolved))
    if not scored:
        return None, None, False
    reporting, _, _, _, _, span, resolved = min(scored, key=lambda item: item[:5])
    if is_time_of_day(span.text):
        # 'On Thursday, the 27th, at dawn': a time of day written right after a day is that day's
        day_before = [(o, r) for *_, o, r in scored
                      if o.end <= span.start and _JOINS_A_DAY.fullmatch(text[o.end: span.start])
                      and r.date and not is_time_of_day(o.text)]
        if day_before:
            resolved = ResolvedTime(day_before[-1][1].date, text[day_before[-1][0].start: span.end], "day")
            return resolved, span, reporting
    for other in times:
        if other.end <= span.start and not text[other.end: span.start].strip() and resolved.date:
            words = re.sub(r"^on\s+", "", text[other.start: span.end], flags=re.I)
            resolved = ResolvedTime(resolved.date, words, resolved.precision)
    return resolved, span, reporting


def clause_around(text: str, sentence: Sentence, span: Span) -> str:
    """The clause holding ``span``: from the last clause break before it (kept) to the next one."""
    head = text[sentence.start: span.start]
    tail = text[span.end: sentence.end]
    starts = [m.start() for m in _CLAUSE_BREAK.finditer(head)]
    ends = [m.start() for m in _CLAUSE_BREAK.finditer(tail)]
    return head[starts[-1] if starts else 0:] + span.text + tail[: ends[0] if ends else len(tail)]


MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DURATION = re.compile(rf"^[^;:.]*?\b(?:for (?:(?:several|many|the past|the last|nearly|almost|more than|over|about|"
                       rf"two|three|four|five|six|\w+ consecutive) )?(?:weeks|months|years|decades)\b|since {MONTH_NAMES}\b|"
                       rf"since (?:19|20)\d\d\b|ever since\b)")


def _lasting(text: str, sentence: Sentence, trigger: Span) -> bool:
    """``has besieged El Fasher since May``, ``has fought the army for years``: an act said to have
    gone on for months or years is the conflict's backdrop, not a reported event."""
    return bool(_DURATION.search(text[trigger.end: sentence.end]))


# 'two months after the paramilitary group seized it': an act that dates another, weeks or more before it
_LONG_BEFORE = re.compile(r"\b(?:\w+|a|an) (?:weeks?|months?|years?) (?:after|since)\s+[^,;.]{0,50}$", re.I)
# 'retook the district on Monday, two days after Taliban fighters overran it': an act told as the time
# reference of another, whose toll in the next sentence is the main act's (assemble._cluster_near)
_RELATIVE_TIME_CLAUSE = re.compile(r"\b(?:(?:\w+|a|an) (?:days?|weeks?|hours?|months?) (?:after|before))\s+[^,;.]{0,50}$",
                                   re.I)


# Acts that did not happen as violence: a drill's mock assault ('staged a joint exercise ..., storming a
# mock enemy camp'), an act denied in its own words ('without a shot being fired'), and a past life
# ('the men, who once fought in the forests').
_DRILL = re.compile(r"\b(?:exercises?|drills?|mock|simulated|simulation|rehearsal|manoeuvres|maneuvers|war games?)\b", re.I)
_WITHOUT_BEFORE = re.compile(r"\bwithout (?:a |any |one |a single )?(?:shots?|bullets?)(?: (?:being|having been))?\s*$", re.I)
_ONCE_BEFORE = re.compile(r"\b(?:who|which|that|had|have|has)\s+once\s+$", re.I)


# 'Police arrested 12 suspected members of a kidnapping gang in a pre-dawn raid': an arrest, which
# ACLED does not count as political violence, unless the sentence counts someone killed or hurt
_RAID_WORDS = re.compile(r"^(?:raids?|operations?|crackdowns?|sweeps?|swoops?)$", re.I)
_ARRESTS = re.compile(r"\b(?:arrest(?:ed|s)?|detain(?:ed|s)?|apprehend(?:ed|s)?|rounded up)\b", re.I)
_HARM = re.compile(r"\b(?:kill\w*|dead|died|wound\w*|injur\w*|hurt|shot|gunfight|exchange of fire|clash\w*)\b", re.I)


def is_arrest_raid(text: str, sentence: Sentence, trigger: Span) -> bool:
    told = text[sentence.start: sentence.end]
    return bool(_RAID_WORDS.match(trigger.text.strip())) and bool(_ARRESTS.search(told)) and not _HARM.search(told)


def is_not_violence(text: str, sentence: Sentence, trigger: Span) -> bool:
    """A drill, an arrest raid, an act denied in its own clause or a past life told with 'once': no event."""
    return bool(_DRILL.search(text[sentence.start: sentence.end]) or is_arrest_raid(text, sentence, trigger)
                or _WITHOUT_BEFORE.search(text[max(sentence.start, trigger.start - 40): trigger.start])
                or _ONCE_BEFORE.search(text[max(sentence.start, trigger.start - 20): trigger.start]))


def is_backdrop(text: str, sentence: Sentence, trigger: Span, time: ResolvedTime | None, pub_date: str | None) -> bool:
    """Trends (``seizing districts near Herat``), campaigns (``sweeping advance``) and history
    (``September 11, 2001 attacks``, ``U.S.-led invasion``)."""
    dated = time is not None and time.date is not None and time.precision == "day"
    if _TREND_WORDS.match(trigger.text.strip()) or not dated and _TREND_CUES.search(clause_around(text, sentence, trigger)):
        return True  # a cue of a trend in a clause dated to a day ('burning dozens of huts on Friday') is one act
    if is_not_violence(text, sentence, trigger):
        return True
    if _lasting(text, sentence, trigger) or _LONG_BEFORE.search(text[max(sentence.start, trigger.start - 70): trigger.start]):
        return True
    if is_earlier_period(time, pub_date):
        return True  # 'In November, three officers were killed' in a January report: an earlier event, not news
    if time is not None and pub_date and len(pub_date) >= 4 and pub_date[:4].isdigit():
        written = re.search(r"\b(?:19|20)\d\d\b", time.date_text or "")  # 'in March 2019', 'in 2017'
        year = time.date[:4] if time.date else (written.group(0) if written else None)
        return bool(year and year.isdigit() and int(year) < int(pub_date[:4]) - 1)
    return False


# 'accused the army of deliberately targeting civilians', 'denied carrying out the attack', 'blamed X for the
# attack': an act another sentence reports, told again in a claim about it
_ACCUSATION = re.compile(r"\b(?:accus\w*|blam\w*|denied|denies|deny\w*|condemn\w*)\b[^.;]{0,80}$", re.I)


_DATELINE = re.compile(r"[^\n]{0,60}?(?:\u2014|\u2013|--| - |\)\s*[-\u2014\u2013:])")


def is_dateline(text: str, span: Span) -> bool:
    """A place in a dateline (``QALAT, Afghanistan —``, ``BAMAKO, Mali (Sahel Wire) —``): where the
    report was filed, not where the event happened. A digest's entry heads have the same shape
    (``Mapimbi, Kabambare territory, Maniema province — FARDC troops clashed ...``) but come two or
    more to an article, with no outlet in brackets and no capitalised city: they are the entries'
    own places."""
    line_start = text.rfind("\n", 0, span.start) + 1
    head = _DATELINE.match(text, line_start)
    if head is None or span.end > head.end():
        return False
    if not (text[line_start: span.start].strip(" ,") == "" or text[line_start: line_start + 1].isupper()):
        return False
    return not (_ENTRY_HEAD.match(head.group(0)) and len(DASH_HEAD_LINE.findall(text)) >= 2)


# 'Quebrada Chirichí, Medio Baudó, Chocó — ': names and commas, no brackets, the first word not in capitals
_ENTRY_HEAD = re.compile(DASH_HEAD + "?$")


_PARTICIPLE = re.compile(r"^\w+ing\b", re.I)


def _participle_roles(text: str, trigger: Span, roles: Roles, lead: Mention | None, continues: bool = False) -> Roles:
    """``Gunmen ambushed a lorry carrying traders ..., wounding four and setting fire to the vehicle``:
    a participle after a comma continues ``lead``, the act before it in its sentence, so its
    initiator is that act's, not the nearest party written between them (the first act's object,
    its target)."""
    if not _PARTICIPLE.match(trigger.text) or lead is None or roles.actor1 is None:
        return roles
    if not (lead.trigger.end <= roles.actor1.start < trigger.start) \
            or "," not in text[lead.trigger.end: trigger.start] and not continues:
        return roles
    if lead.actor1 is None:  # the initiator is unwritten; civilians written between are still its target
        civilians = party_class(roles.actor1.text) == "civilians"  # not 'with the militants seizing ...'
        return Roles(None, roles.actor2 or roles.actor1) if continues and civilians else roles
    return Roles(lead.actor1, roles.actor2 or roles.actor1)


def _goes_on_telling(text: str, trigger: Span, roles: Roles, lead: Mention | None) -> bool:
    """``Members of the gang stormed several neighbourhoods ..., shooting residents and torching a
    market``: a participle after a comma (or joined by ``and`` to one that is) whose initiator is the
    act's before it (or unwritten) is one more part of that act, whatever its type."""
    if lead is None or not _PARTICIPLE.match(trigger.text):
        return False
    between = text[lead.trigger.end: trigger.start]
    joined = "," in between or lead.continues is not None and " and " in between  # ', shooting ... and torching'
    # the party written between them is the act's target, not a new initiator
    return joined and (roles.actor1 is None or lead.actor1 is not None and roles.actor1 == lead.actor1
                       or lead.trigger.end <= roles.actor1.start < trigger.start
                       and (lead.actor1 is not None or party_class(roles.actor1.text) == "civilians"))


_BOMBER = re.compile(r"\bsuicide (?:car )?bombers?\b", re.I)


# A settlement or site named again without its name ('overran the town', 'during their days in the
# village'), or a captured place told as 'it' ('overran it'): the act happened at the place told before.
_PLACE_ANAPHOR = re.compile(r"\b(?:the|that|this) (?:same |besieged |border |garrison |coastal |hilltop |small )?"
                            r"(?:town|village|city|camp|settlement|locality|outpost|base)\b(?! of\b|['\u2019]s\b)", re.I)
_CAPTURED_IT = re.compile(r"^\s+it\b")
# Where people went, not where the act was ('residents who fled to Sennar', 'walked 30 km to Pemba').
_DESTINATION = re.compile(r"\b(?:fled|reached|arrived|escaped|returned|walked|displaced|taken|evacuated|driven|moved)\b"
                          r"[^.;,]{0,25}$", re.I)


def _elsewhere(text: str, place: Span) -> bool:
    """A place named as where people went or as a relation (``fled to Sennar``, ``fighters from Saada``)."""
    return bool(_DESTINATION.search(text[max(0, place.start - 40): place.start]) or
                _RELATIONAL.search(text[max(0, place.start - 30): place.start]))


def _round_up_place(text: str, trigger: Span, framing: int, places: list[Span], sources: list[Span],
                    place: Span | None, weak: Span | None) -> tuple[Span | None, Span | None]:
    """(bound, weak) of an act in a round-up paragraph whose lead ends at ``framing``: the lead frames
    the paragraph and a place the act's clause names is where it happened (``In Zacatecas, soldiers
    clashed with cartel gunmen in Fresnillo``); with none, the lead's first place (``In Bannang Sata
    district of Yala province, gunmen opened fire``)."""
    lead_places = [p for p in places if p.end <= framing]
    if not lead_places or (place is not None and place not in lead_places):
        return place, weak
    inner = [p for p in places if p.end > framing and not _elsewhere(text, p)]
    bound, nearest, far = _place_for(text, trigger, inner, sources)
    found = bound or nearest or far
    return (found, lead_places[0]) if found is not None else (place or lead_places[0], weak)


def _anaphor_place(text: str, sentence: Sentence, trigger: Span, places: list[Span], earlier: list[Mention]) -> Span | None:
    """The place an act points back to: the place bound to the latest act told before it, when its
    sentence names a place only by a common noun (``the town``) or the act took ``it``, and every
    place the sentence names is where people went or a relation (``residents who fled to Sennar``)."""
    said = text[sentence.start: sentence.end]
    if not (_PLACE_ANAPHOR.search(said) or _CAPTURED_IT.match(text[trigger.end: trigger.end + 4])):
        return None
    if any(not _elsewhere(text, p) for p in places):
        return None
    bound = [m.place for m in earlier if m.place is not None and not m.headline and m.place.end <= trigger.start]
    return max(bound, key=lambda s: s.start) if bound else None


_ITEM_BREAK = re.compile(r"[,;:\n]")


def _list_item(text: str, trigger: Span) -> tuple[int, int]:
    """The bounds of the item of a headline list holding ``trigger`` (``blast hits FC vehicle in
    Kharan`` in ``...: police post attacked in Lower Dir, blast hits FC vehicle in Kharan, ...``)."""
    breaks = [m.end() for m in _ITEM_BREAK.finditer(text, 0, trigger.start)]
    item_end = _ITEM_BREAK.search(text, trigger.end)
    return (breaks[-1] if breaks else 0), (item_end.start() if item_end else len(text))


def _listed_place(trigger: Span, item_end: int, places: list[Span]) -> Span | None:
    """The place of an item in a round-up's headline list: named after its act, within its item."""
    return next((p for p in places if trigger.end <= p.start and p.end <= item_end), None)


def _entry_of(trigger: Span, entries: list[tuple[int, int]], in_headline: bool) -> int | None:
    """The start of the round-up entry line holding ``trigger``; 0 for the headline of a round-up."""
    if in_headline and entries:
        return 0
    return next((start for start, end in entries if start <= trigger.start < end), None)


_TIME_OPENING = re.compile(r"[\s\"'(]*(?:(?:later|early|late)\s+)?(?:(?:in|at|by|during|before|after|towards?)\s+)?",
                           re.I)


def _opens_next_stage(text: str, sentence: Sentence, time_span: Span | None) -> bool:
    """``In the evening, protesters set fire to two buses``: a sentence that opens on its time of day
    moves the story on to a later act, which the day's earlier events must not absorb (its record
    still takes the day, from :func:`~conflict_events.events.assemble.date_parts_of_day`)."""
    return time_span is not None and _TIME_OPENING.fullmatch(text[sentence.start: time_span.start]) is not None


def named_days(text: str, spans: Sequence[Span], pub_date: str | None) -> list[tuple[int, ResolvedTime]]:
    """The times an article gives acts (not report times, not bare times of day), in text order:
    days, and the offsets that name none (``a day after``), after which no earlier day holds. A
    same-day offset (``Hours earlier``) keeps the day named before it and a month or a year
    (``since 2012``) is background, so both are left out."""
    return sorted((s.start, resolved) for s in spans if s.label == "TIME" and not is_time_of_day(s.text)
                  and not REPORTING.search(text[max(0, s.start - 50): s.start])
                  for resolved in [resolve_time(s.text, pub_date)] if resolved.precision == "day" and resolved.date
                  or resolved.precision is None and not SAME_DAY_OFFSET.search(s.text))


def build_mentions(text: str, pub_date: str | None, spans: list[Span], sentences: list[Sentence]) -> list[Mention]:
    """A :class:`Mention` for every TRIGGER span, in text order (dateline places left out)."""
    by_sentence: dict[int, list[Span]] = {}
    spans = [s for s in spans if not (s.label == "PLACE" and is_dateline(text, s))]
    for span in spans:
        by_sentence.setdefault(sentence_index(sentences, span.start), []).append(span)
    mentions = []
    all_places = [s for s in spans if s.label == "PLACE"]  # an entry's head may be a sentence of its own
    all_times = [s for s in spans if s.label == "TIME"]
    acted = {sentence_index(sentences, s.start) for s in spans if s.label == "TRIGGER"}
    headline = headline_sentence(text, sentences)
    entries = entry_lines(text, all_places, [s for s in spans if s.label == "TRIGGER"], all_times)
    days = named_days(text, spans, pub_date)
    for trigger in sorted(s for s in spans if s.label == "TRIGGER"):
        index = sentence_index(sentences, trigger.start)
        local = by_sentence.get(index, [])
        of = lambda label: [s for s in local if s.label == label]  # noqa: E731
        event_type, sub = classify_trigger(trigger.text, sentences[index].text if sentences else "")
        actors = of("ACTOR")
        item = _list_item(text, trigger) if index == headline and entries else None
        if item is not None:  # a round-up's headline item names its own parties only
            actors = [a for a in actors if item[0] <= a.start and a.end <= item[1]]
        roles = assign_roles(text, trigger, actors)
        lead = mentions[-1] if mentions and mentions[-1].sentence == index else None  # mentions are in text order
        continued = lead if _goes_on_telling(text, trigger, roles, lead) else None
        roles = _participle_roles(text, trigger, roles, lead, continued is not None)
        if (event_type, sub) == BATTLE and roles.actor1 is not None and _BOMBER.search(roles.actor1.text):
            event_type, sub = SUICIDE_BOMB  # 'a suicide bomber rammed the gate': the act is the bombing
        opening = text[max(0, sentences[index].start - 1): trigger.start] if sentences else ""
        paragraph_lead = _ROUND_UP_LEAD.match(opening)
        place, weak, far = _place_for(text, trigger, of("PLACE"), of("SOURCE"), all_places)
        if paragraph_lead is not None:
            place, weak = _round_up_place(text, trigger, trigger.start - len(opening) + paragraph_lead.end(),
                                          of("PLACE"), of("SOURCE"), place, weak)
        if item is not None:
            place = _listed_place(trigger, item[1], of("PLACE")) or place
        time, time_span, report = _time_for(text, trigger, of("TIME"), of("SOURCE"), pub_date)
        entry = _entry_of(trigger, entries, index == headline)
        dated_by_head = False
        if entry and (time is None or time.date is None or is_time_of_day(time.date_text)):
            # '1) Gorongosa district, 12 April. Renamo dissidents ambushed ...'; '6 August. ... shortly
            # after midnight': the head's day, where the act's own sentence gives none
            head_times = [t for t in all_times if entry <= t.start and t.end <= sentences[index].start
                          and sentence_index(sentences, t.start) not in acted]  # the head, not another act's time
            headed = _time_for(text, trigger, head_times, of("SOURCE"), pub_date)
            if time is None or (headed[0] is not None and headed[0].date is not None):
                time, time_span, report = headed
                dated_by_head = headed[0] is not None
        elif time is not None and not report and not _opens_next_stage(text, sentences[index], time_span) \
                and not on_live_update(text, trigger.start):
            # 'The fighting began with a pre-dawn attack' after a lead dated 'on Tuesday': Tuesday's
            # fighting, not another act on the report's day, so its day must not part it from the lead's.
            # A live update's night is the page's own.
            earlier_day = day_named_before(days, trigger.start, time.date, time.date_text, pub_date)
            time = replace(time, date=earlier_day.date) if earlier_day is not None else time
        backdrop = bool(sentences) and is_backdrop(text, sentences[index], trigger, time, pub_date)
        separate = bool(SEPARATE_INCIDENT.search(opening))
        round_up = paragraph_lead is not None
        retold = bool(sentences) and bool(_ACCUSATION.search(text[sentences[index].start: trigger.start]))
        dates_another = bool(_RELATIVE_TIME_CLAUSE.search(text[max(0, trigger.start - 70): trigger.start]))
        anaphor = _anaphor_place(text, sentences[index], trigger, of("PLACE"), mentions) if place is None and sentences else None
        mentions.append(Mention(trigger, index, event_type, sub, roles.actor1, roles.actor2, place, weak,
                                far, time, time_span, report, backdrop, index == headline, separate, retold,
                                continued, dates_another, anaphor, round_up, entry, dated_by_head))
    return mentions
