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

from conflict_events.event_layer.decode import ArticleScores, head_type
from conflict_events.event_layer.schema import NOT_AN_EVENT, TYPE_CLASSES
from conflict_events.events.records import Event
from conflict_events.spans import Span


def screen_events(events: Sequence[Event], triggers: Sequence[Span], scores: ArticleScores,
                  retype: bool = True) -> list[Event]:
    """``events`` (the rules' records of one article) with the layer's verdict on their triggers
    (``triggers``: the article's TRIGGER spans, in the order ``scores`` rows follow). A record none
    of whose triggers is a scored TRIGGER span is kept as it is."""
    not_event = TYPE_CLASSES.index(NOT_AN_EVENT)
    row_of = {(t.start, t.end): i for i, t in enumerate(triggers)}
    kept = []
    for event in events:
        members = sorted({row_of[(t.start, t.end)] for t in event.triggers if (t.start, t.end) in row_of})
        if not members:
            kept.append(event)
            continue
        types = scores.types[members]
        if (types.argmax(axis=1) == not_event).all():
            continue
        if retype:
            event_type, sub_event_type = head_type(types, scores.sub_types[members])
            event = replace(event, event_type=event_type, sub_event_type=sub_event_type)
        kept.append(event)
    return kept
