"""``join_clusters``: join the rules' events of one article that a learned score says are one.

The rules split one attack into two events when its mentions differ in ways the rules read as a
contradiction but a reporter does not mean as one: a battle told on with ``shelling``, a drone
attack whose drones were ``shot down``, a raid whose initiator the next sentence names differently
(the grouping rules' ``type`` and ``actors`` checks cause most splits, ``scripts/rules_study.py
--show splits``). The trained event layer's coreference head reads every trigger pair with the
rules' own grouping as a feature, so it learns where that grouping is wrong. Here its scores join
two rule events when their triggers' mean pairwise score is above a threshold, unless the text
itself sets them apart: a sentence saying the act is another one (``in a separate attack``),
a capture and its recapture, two different days, or places in two countries. Those vetoes are
facts written in the article that no score should overrule.
"""

from __future__ import annotations

from typing import Callable

from conflict_events.events.geocode import Place
from conflict_events.events.mentions import Mention, other_entry
from conflict_events.events.roles import capture_and_recapture
from conflict_events.spans import Span

Coreference = Callable[[Span, Span], float]  # probability that two TRIGGER spans name one event


def set_apart(a: Mention, b: Mention, places: dict[str, Place], shares_sentence: bool) -> bool:
    """Does the text itself say ``a`` and ``b`` are different acts (see the module docstring)?"""
    from conflict_events.events.assemble import _countries_differ, _day  # assemble imports this module

    if (a.separate or b.separate) and not shares_sentence or other_entry(a, b):
        return True
    if capture_and_recapture(a.sub_event_type, b.sub_event_type):
        return True
    if _day(a) and _day(b) and _day(a) != _day(b):
        return True
    return not shares_sentence and _countries_differ(a, b, places)


def _mean_score(first: list[Mention], second: list[Mention], coreference: Coreference) -> float:
    scores = [coreference(a.trigger, b.trigger) for a in first for b in second]
    return sum(scores) / len(scores)


def join_clusters(clusters: list, coreference: Coreference, places: dict[str, Place], threshold: float) -> list:
    """``clusters`` (``assemble.Cluster`` objects, before figures are attached) with the pairs the
    coreference scores join, most confident first, merged into the earlier one. Order is kept."""
    kept = list(clusters)
    while True:
        best, best_score = None, threshold
        for i, first in enumerate(kept):
            for second in kept[i + 1:]:
                sentences = first.sentences
                if any(set_apart(a, b, places, b.sentence in sentences) for a in first.mentions for b in second.mentions):
                    continue
                score = _mean_score(first.mentions, second.mentions, coreference)
                if score > best_score:
                    best, best_score = (first, second), score
        if best is None:
            return kept
        first, second = best
        placed_by = [c.place_mentions or c.mentions for c in (first, second)]
        first.place_mentions = max(placed_by, key=len)  # at equal size, the earlier event's
        first.mentions = sorted(first.mentions + second.mentions, key=lambda m: m.trigger.start)
        first.extra_sentences |= second.extra_sentences
        kept.remove(second)
