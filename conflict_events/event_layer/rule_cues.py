"""What the hand rules of ``conflict_events.events`` read in an article, as cues for the network.

The rules' reading of each trigger (its initiator, target, bound place, time, whether it is
backdrop), their grouping of triggers into events and their attachment of casualty figures are
given to the heads as features: the heads learn when to trust them, instead of the rules deciding.
"""

from __future__ import annotations

from dataclasses import dataclass

from conflict_events.events.assemble import _attach_figures, group_mentions
from conflict_events.events.geocode import Gazetteer, Place, places_by_name
from conflict_events.events.mentions import Mention, build_mentions
from conflict_events.spans import Span


@dataclass(frozen=True)
class RuleCues:
    # One entry per TRIGGER span, in the order of the article's sorted spans (``build_mentions``
    # makes one mention per trigger in that order), so a trigger's index finds its reading.
    mentions: tuple[Mention, ...]
    cluster_of: tuple[int, ...]  # the rules' event per trigger; -1 for backdrop
    figure_cluster: dict[tuple[int, int], int]  # casualty span offsets -> the rules' event
    places: dict[str, Place]  # the article's places, geocoded once: the decoder reuses them


def rule_cues(text: str, date: str | None, spans: list[Span], sentences: list, country_hint: str | None = None,
              gazetteer: Gazetteer | None = None) -> RuleCues:
    places = places_by_name(text, spans, country_hint, gazetteer)
    mentions = build_mentions(text, date, spans, sentences)
    clusters = group_mentions(mentions, places)
    _attach_figures(clusters, text, spans, sentences)
    index = {(m.trigger.start, m.trigger.end): c for c, cluster in enumerate(clusters) for m in cluster.mentions}
    cluster_of = tuple(index.get((m.trigger.start, m.trigger.end), -1) for m in mentions)
    figures = {(f.start, f.end): c for c, cluster in enumerate(clusters) for f in cluster.figures}
    return RuleCues(tuple(mentions), cluster_of, figures, places)
