"""The rules' records, screened and typed by the trained layer's type head.

Cross-validation (docs/results.md) shows the two systems better at different decisions: the rules
at grouping, roles and counts, the layer's type head at event type, sub-event type and at telling a
violent-sounding word that names no event ("the visitors' attack", "a fuel-tanker explosion").
``screen_events`` keeps each decision where it is better: the record is the rules', its type and
sub-type are the head's reading of the record's own triggers, and a record whose every trigger the
head reads as "not a political-violence event" is dropped.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import numpy as np

from conflict_events.event_layer.decode import ArticleScores, head_type
from conflict_events.event_layer.schema import NOT_AN_EVENT, TYPE_CLASSES
from conflict_events.events.join import Coreference
from conflict_events.events.records import Event
from conflict_events.spans import Span


def coreference_scores(triggers: Sequence[Span], pairs: np.ndarray, scores: ArticleScores) -> Coreference:
    """The coreference head's probabilities as a function of two TRIGGER spans (``triggers``: the
    article's TRIGGER spans in the order of ``pairs``' indices), for ``extract_events``' joining.
    A trigger the layer did not score pairs with nothing (0)."""
    row_of = {(t.start, t.end): i for i, t in enumerate(triggers)}
    probability = {(int(a), int(b)): float(p) for (a, b), p in zip(pairs, scores.coref)}

    def score(first: Span, second: Span) -> float:
        i, j = row_of.get((first.start, first.end)), row_of.get((second.start, second.end))
        if i is None or j is None:
            return 0.0
        return probability.get((min(i, j), max(i, j)), 0.0)
    return score


def screen_events(events: Sequence[Event], triggers: Sequence[Span], scores: ArticleScores,
                  retype: bool = True, no_event_threshold: float | None = None) -> list[Event]:
    """``events`` (the rules' records of one article) with the layer's verdict on their triggers
    (``triggers``: the article's TRIGGER spans, in the order ``scores`` rows follow). A record none
    of whose triggers is a scored TRIGGER span is kept as it is. A trigger reads as no event when
    "not a political-violence event" is its most likely type, or, with ``no_event_threshold``,
    when that outcome's probability reaches the threshold."""
    not_event = TYPE_CLASSES.index(NOT_AN_EVENT)
    row_of = {(t.start, t.end): i for i, t in enumerate(triggers)}
    kept = []
    for event in events:
        members = sorted({row_of[(t.start, t.end)] for t in event.triggers if (t.start, t.end) in row_of})
        if not members:
            kept.append(event)
            continue
        types = scores.types[members]
        no_event = types[:, not_event] >= no_event_threshold if no_event_threshold is not None \
            else types.argmax(axis=1) == not_event
        if no_event.all():
            continue
        if retype:
            event_type, sub_event_type = head_type(types, scores.sub_types[members])
            event = replace(event, event_type=event_type, sub_event_type=sub_event_type)
        kept.append(event)
    return kept
