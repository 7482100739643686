"""One *mention* per TRIGGER span: its sentence, type, actors, place and time, read from the spans
of that sentence only. :mod:`assemble` then groups mentions into events."""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflict_events.events.dates import ResolvedTime, resolve_time
from conflict_events.events.roles import assign_roles, classify_trigger
from conflict_events.events.sentences import Sentence, sentence_index
from conflict_events.spans import Span

_CLAUSE_BREAK = re.compile(r"[;\u2014]|\s[\u2013-]\s|\b(?:as|while|whereas|but|after|before|since|which|who|"
                           r"when|said|says|told|reported|adding|although|though)\b", re.I)
_RELATIONAL = re.compile(r"\b(?:with|from|into|to|towards?|neighbou?ring|across|beyond|for|than|of)\s+(?:the\s+)?$",
                         re.I)
_REPORTING = re.compile(r"\b(?:said|says|told|tells|reported|reports|added|announced|stated|confirmed|declared)\b"
                        r"[^.;]{0,40}$", re.I)
_LEMMA = re.compile(r"(?:ing|ed|es|s|e)$")


@dataclass(frozen=True)
class Mention:
    trigger: Span
    sentence: int
    event_type: str
    sub_event_type: str
    actor1: Span | None
    actor2: Span | None
    place: Span | None  # a place bound to the trigger (same clause, not relational)
    weak_place: Span | None  # another place of the sentence, used only when the event has none
    time: ResolvedTime | None
    time_span: Span | None
    report_time: bool  # the time dates the report (``said on Thursday``), not the act

    @property
    def lemma(self) -> str:
        word = self.trigger.text.lower().split()[-1]
        return _LEMMA.sub("", word) if len(word) > 4 else word

    @property
    def bare(self) -> bool:
        """Nothing in the sentence places or dates it: an anaphoric mention (``the attack``)."""
        return self.place is None and (self.time is None or self.time.precision is None)


def _gap(text: str, a: Span, b: Span) -> str:
    first, second = (a, b) if a.start <= b.start else (b, a)
    return text[first.end: second.start]


def _place_for(text: str, trigger: Span, places: list[Span], sources: list[Span]) -> tuple[Span | None, Span | None]:
    """(bound place, weak place): the nearest place in the trigger's clause, skipping relational
    places (``border with Pakistan``) and those after a source (``an official in Kabul said``)."""
    bound, weak = [], []
    for place in places:
        gap = _gap(text, trigger, place)
        before = text[max(0, place.start - 30): place.start]
        lies_after_source = any(trigger.end <= s.start and s.end <= place.start for s in sources) or \
            any(place.start - 60 <= s.end <= place.start for s in sources)
        if _CLAUSE_BREAK.search(gap) or _RELATIONAL.search(before) or lies_after_source:
            weak.append(place)
        else:
            bound.append(place)
    by_distance = lambda p: len(_gap(text, trigger, p))  # noqa: E731
    return (min(bound, key=by_distance) if bound else None), (min(weak, key=by_distance) if weak else None)


def _time_for(text: str, trigger: Span, times: list[Span], sources: list[Span],
              pub_date: str | None) -> tuple[ResolvedTime | None, Span | None, bool]:
    """The TIME nearest the trigger, preferring one that does not date a statement."""
    scored = []
    for span in times:
        before = text[max(0, span.start - 50): span.start]
        reporting = bool(_REPORTING.search(before)) or any(0 <= span.start - s.end <= 30 for s in sources)
        broken = bool(re.search(r"[;\u2014]", _gap(text, trigger, span)))
        scored.append((reporting, broken, len(_gap(text, trigger, span)), span))
    if not scored:
        return None, None, False
    reporting, _, _, span = min(scored, key=lambda item: item[:3])
    return resolve_time(span.text, pub_date), span, reporting


def build_mentions(text: str, pub_date: str | None, spans: list[Span], sentences: list[Sentence]) -> list[Mention]:
    """A :class:`Mention` for every TRIGGER span, in text order."""
    by_sentence: dict[int, list[Span]] = {}
    for span in spans:
        by_sentence.setdefault(sentence_index(sentences, span.start), []).append(span)
    mentions = []
    for trigger in sorted(s for s in spans if s.label == "TRIGGER"):
        index = sentence_index(sentences, trigger.start)
        local = by_sentence.get(index, [])
        of = lambda label: [s for s in local if s.label == label]  # noqa: E731
        event_type, sub = classify_trigger(trigger.text, sentences[index].text if sentences else "")
        roles = assign_roles(text, trigger, of("ACTOR"))
        place, weak = _place_for(text, trigger, of("PLACE"), of("SOURCE"))
        time, time_span, report = _time_for(text, trigger, of("TIME"), of("SOURCE"), pub_date)
        mentions.append(Mention(trigger, index, event_type, sub, roles.actor1, roles.actor2, place, weak,
                                time, time_span, report))
    return mentions
