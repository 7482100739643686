"""Candidate pairs and their hand features (pure: text and spans in, arrays out).

Three kinds of pairs, each scored by one head of the network:

* (trigger, argument span): which roles the span plays for the trigger's event;
* (trigger, trigger): whether both name one event (coreference);
* (count span, count span) of one label: whether both restate one figure (same group) or add up.

The hand features are the cues the old rules used (distance, same sentence or clause, a reporting
verb in between, a dateline, a subset phrase), given to the network as evidence rather than
applied as rules.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from conflict_events.event_layer.schema import ARGUMENT_LABELS, SUB_TYPE_CLASSES, TYPE_CLASSES, sub_type_class
from conflict_events.events.casualties import is_subset
from conflict_events.events.mentions import is_dateline, trigger_lemma
from conflict_events.events.numbers import count_party, parse_count
from conflict_events.events.roles import classify_trigger, party_class
from conflict_events.event_layer.rule_cues import RuleCues, rule_cues
from conflict_events.events.sentences import Sentence, sentence_index, split_sentences
from conflict_events.spans import Span

_CLAUSE_BREAK = re.compile(r"[;\u2014]|\s[\u2013-]\s|\b(?:while|whereas|but|after|before|since|which|who|when|"
                           r"although|though)\b", re.I)
_REPORTING = re.compile(r"\b(?:said|says|told|tells|reported|reports|added|announced|stated|confirmed|according)\b",
                        re.I)
_REPORT_TIME = re.compile(r"\b(?:said|says|told|reported|announced|stated|confirmed|added)\s+(?:on\s+)?$", re.I)
MAX_SENTENCE_GAP = 3  # argument candidates further from the trigger than this are not scored (sources excepted)


@dataclass(frozen=True)
class ArticleView:
    """One article as the event layer sees it: text, publication date, sorted spans, sentences."""

    text: str
    date: str | None
    spans: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    rules: RuleCues

    @classmethod
    def of(cls, text: str, date: str | None, spans: Sequence[Span], country_hint: str | None = None,
           gazetteer=None) -> "ArticleView":
        """The article with its sentences and the rules' reading (its places geocoded once, with the
        country hint used where the text does not decide)."""
        clean = sorted(s if s.text == text[s.start:s.end] else Span(s.start, s.end, s.label, text[s.start:s.end], s.score)
                       for s in spans if 0 <= s.start < s.end <= len(text))
        sentences = split_sentences(text)
        return cls(text, date, tuple(clean), tuple(sentences),
                   rule_cues(text, date, clean, sentences, country_hint, gazetteer))

    @property
    def triggers(self) -> list[Span]:
        return [s for s in self.spans if s.label == "TRIGGER"]

    @property
    def arguments(self) -> list[Span]:
        return [s for s in self.spans if s.label in ARGUMENT_LABELS]

    def sentence_of(self, span: Span) -> int:
        return sentence_index(list(self.sentences), span.start) if self.sentences else 0


def _one_hot(index: int, size: int) -> list[float]:
    row = [0.0] * size
    row[min(max(index, 0), size - 1)] = 1.0
    return row


def _log_distance(a: Span, b: Span) -> float:
    gap = max(0, b.start - a.end, a.start - b.end)
    return math.log1p(gap) / 8.0


def _between(view: ArticleView, a: Span, b: Span) -> str:
    first, second = (a, b) if a.start <= b.start else (b, a)
    return view.text[first.end: second.start]


def _triggers_between(triggers: Sequence[Span], a: Span, b: Span) -> int:
    low, high = min(a.end, b.end), max(a.start, b.start)
    return sum(1 for t in triggers if low <= t.start and t.end <= high and t != a and t != b)


def _sentence_gap_class(gap: int) -> int:
    """-2 or less, -1, 0, +1, +2 or more -> 0..4 (negative: the span comes before the trigger)."""
    return max(-2, min(2, gap)) + 2


def _party_class_index(span: Span) -> int:
    kind = party_class(span.text) if span.label == "ACTOR" else party_class(count_party(span.text) or span.text)
    return {"state": 0, "armed": 1, "civilians": 2}.get(kind, 3)


def argument_candidates(view: ArticleView) -> list[tuple[int, int]]:
    """(trigger index, argument index) pairs worth scoring: arguments within ``MAX_SENTENCE_GAP``
    sentences of the trigger, and every SOURCE (bylines credit every event)."""
    triggers, arguments = view.triggers, view.arguments
    trigger_sentence = [view.sentence_of(t) for t in triggers]
    argument_sentence = [view.sentence_of(a) for a in arguments]
    return [(i, j) for i in range(len(triggers)) for j, a in enumerate(arguments)
            if a.label == "SOURCE" or abs(argument_sentence[j] - trigger_sentence[i]) <= MAX_SENTENCE_GAP]


ARGUMENT_FEATURES = 6 + 5 + 4 + 12 + 8  # label, sentence gap, party class, cues, the rules' reading


def argument_features(view: ArticleView, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    triggers, arguments = view.triggers, view.arguments
    rows = []
    for i, j in pairs:
        trigger, span = triggers[i], arguments[j]
        gap = view.sentence_of(span) - view.sentence_of(trigger)
        between = _between(view, trigger, span)
        nearest_trigger = min(triggers, key=lambda t: max(0, t.start - span.end, span.start - t.end))
        before = view.text[max(0, span.start - 25): span.start]
        count = parse_count(span.text) if span.label in ("KILLED", "WOUNDED") else None
        mention = view.rules.mentions[i]
        read = lambda attribute: float(getattr(mention, attribute) == span)  # noqa: E731
        rules_cluster = view.rules.cluster_of[i]
        rows.append(
            _one_hot(ARGUMENT_LABELS.index(span.label), 6)
            + _one_hot(_sentence_gap_class(gap), 5)
            + _one_hot(_party_class_index(span), 4)
            + [
                float(span.start < trigger.start),
                _log_distance(trigger, span),
                min(_triggers_between(triggers, trigger, span), 5) / 5.0,
                float(nearest_trigger == trigger),
                float(gap == 0 and not _CLAUSE_BREAK.search(between)),
                float(bool(_REPORTING.search(between))),
                float(span.label == "PLACE" and is_dateline(view.text, span)),
                float(view.text.rfind("\n", 0, span.start) < 0),  # on the first line (headline/dateline)
                float(bool(_REPORT_TIME.search(before))),  # 'said on Monday': the report's date
                float(span.label in ("KILLED", "WOUNDED") and is_subset(view.text, span.start, span.end)),
                float(count is not None),
                min(view.sentence_of(trigger), 10) / 10.0,
                read("actor1"), read("actor2"), read("place"), read("weak_place"), read("far_place"),
                read("time_span"), float(read("time_span") and mention.report_time),
                float(rules_cluster >= 0 and view.rules.figure_cluster.get((span.start, span.end)) == rules_cluster),
            ]
        )
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), ARGUMENT_FEATURES)


def trigger_pairs(view: ArticleView) -> list[tuple[int, int]]:
    n = len(view.triggers)
    return [(i, j) for i in range(n) for j in range(i + 1, n)]


COREF_FEATURES = 5 + 9 + 1


def _nearest_of(view: ArticleView, trigger: Span, label: str) -> str | None:
    sentence = view.sentence_of(trigger)
    same = [s for s in view.spans if s.label == label and view.sentence_of(s) == sentence]
    if not same:
        return None
    return min(same, key=lambda s: abs(s.start - trigger.start)).text.lower()


def coref_features(view: ArticleView, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    triggers = view.triggers
    rows = []
    for i, j in pairs:
        a, b = triggers[i], triggers[j]
        gap = abs(view.sentence_of(b) - view.sentence_of(a))
        place_a, place_b = _nearest_of(view, a, "PLACE"), _nearest_of(view, b, "PLACE")
        time_a, time_b = _nearest_of(view, a, "TIME"), _nearest_of(view, b, "TIME")
        paragraph_break = "\n" in view.text[a.end: b.start]
        rows.append(
            _one_hot(min(gap, 4), 5)
            + [
                _log_distance(a, b),
                min(_triggers_between(triggers, a, b), 5) / 5.0,
                float(trigger_lemma(a.text) == trigger_lemma(b.text)),
                float(paragraph_break),
                float(place_a is not None and place_a == place_b),
                float(place_a is not None and place_b is not None and place_a != place_b),
                float(time_a is not None and time_a == time_b),
                float(time_a is not None and time_b is not None and time_a != time_b),
                float(view.text.rfind("\n", 0, a.start) < 0),  # the first is in the headline
                float(view.rules.cluster_of[i] >= 0 and view.rules.cluster_of[i] == view.rules.cluster_of[j]),
            ]
        )
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), COREF_FEATURES)


def count_pairs(view: ArticleView) -> list[tuple[int, int]]:
    """Pairs of argument indices with the same casualty label (KILLED with KILLED, WOUNDED with WOUNDED)."""
    arguments = view.arguments
    counts = [j for j, a in enumerate(arguments) if a.label in ("KILLED", "WOUNDED")]
    return [(a, b) for x, a in enumerate(counts) for b in counts[x + 1:] if arguments[a].label == arguments[b].label]


COUNT_FEATURES = 10


def count_features(view: ArticleView, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    arguments = view.arguments
    rows = []
    for i, j in pairs:
        a, b = arguments[i], arguments[j]
        ca, cb = parse_count(a.text), parse_count(b.text)
        pa, pb = count_party(a.text), count_party(b.text)
        rows.append([
            float(ca is not None and ca == cb),
            float(ca is not None and cb is not None and ca != cb),
            float(ca is None or cb is None),
            float(bool(pa) and pa == pb),
            float(view.sentence_of(a) == view.sentence_of(b)),
            min(abs(view.sentence_of(b) - view.sentence_of(a)), 10) / 10.0,
            _log_distance(a, b),
            float(is_subset(view.text, a.start, a.end) or is_subset(view.text, b.start, b.end)),
            float(view.text.rfind("\n", 0, a.start) < 0),  # the first is in the headline
            float(_party_class_index(a) == _party_class_index(b)),
        ])
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), COUNT_FEATURES)


TRIGGER_FEATURES = len(TYPE_CLASSES) + len(SUB_TYPE_CLASSES) + 6


def trigger_features(view: ArticleView) -> np.ndarray:
    """Per trigger: the word-list reading of its type (a prior the network may overrule), and what
    its sentence holds."""
    rows = []
    for k, trigger in enumerate(view.triggers):
        index = view.sentence_of(trigger)
        sentence = view.sentences[index].text if view.sentences else ""
        event_type, sub = classify_trigger(trigger.text, sentence)
        inside = [s.label for s in view.spans if view.sentence_of(s) == index]
        rows.append(
            _one_hot(TYPE_CLASSES.index(event_type), len(TYPE_CLASSES))
            + _one_hot(SUB_TYPE_CLASSES.index(sub_type_class(sub)), len(SUB_TYPE_CLASSES))
            + [
                float("KILLED" in inside or "WOUNDED" in inside),
                float("ACTOR" in inside),
                float("PLACE" in inside),
                float("TIME" in inside),
                float(view.text.rfind("\n", 0, trigger.start) < 0),
                float(view.rules.cluster_of[k] < 0),  # the rules call it backdrop
            ]
        )
    return np.asarray(rows, dtype=np.float32).reshape(len(rows), TRIGGER_FEATURES)
