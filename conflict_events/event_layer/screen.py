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

from conflict_events.event_layer.decode import (ArticleScores, DecodeConfig, actor_value, best_argument, casualty_counts,
                                                cluster_role_scores, head_type, same_count_scores)
from conflict_events.event_layer.examples import ArticleArrays
from conflict_events.events.assemble import extract_events
from conflict_events.events.claims import figure_claims
from conflict_events.events.geocode import Gazetteer
from conflict_events.event_layer.schema import NOT_AN_EVENT, TYPE_CLASSES
from conflict_events.events.join import Coreference
from conflict_events.events.records import Event
from conflict_events.spans import Span


def trigger_rows(triggers: Sequence[Span]) -> dict[tuple[int, int], int]:
    """(start, end) of each TRIGGER span -> its row in the layer's scores."""
    return {(t.start, t.end): i for i, t in enumerate(triggers)}


def member_rows(event: Event, rows: dict[tuple[int, int], int]) -> list[int]:
    """The score rows of a record's triggers that the layer scored, sorted."""
    return sorted({rows[(t.start, t.end)] for t in event.triggers if (t.start, t.end) in rows})


def coreference_scores(triggers: Sequence[Span], pairs: np.ndarray, scores: ArticleScores) -> Coreference:
    """The coreference head's probabilities as a function of two TRIGGER spans (``triggers``: the
    article's TRIGGER spans in the order of ``pairs``' indices), for ``extract_events``' joining.
    A trigger the layer did not score pairs with nothing (0)."""
    row_of = trigger_rows(triggers)
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
    rows = trigger_rows(triggers)
    kept = []
    for event in events:
        members = member_rows(event, rows)
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


def record_role_scores(events: Sequence[Event], arrays: ArticleArrays,
                       scores: ArticleScores) -> tuple[list[int], np.ndarray]:
    """The records with a scored trigger (their indices in ``events``) and, row for row, the role
    scores of the cluster each one's triggers form (:func:`cluster_role_scores`)."""
    rows = trigger_rows(arrays.view.triggers)
    members = [member_rows(e, rows) for e in events]
    scored = [k for k, m in enumerate(members) if m]
    if not scored:
        return [], np.zeros((0,), dtype=np.float32)
    role_score, _ = cluster_role_scores(arrays, scores, [members[k] for k in scored])
    return scored, role_score


def recount_events(events: Sequence[Event], arrays: ArticleArrays, scores: ArticleScores,
                   config: DecodeConfig = DecodeConfig(), keep_when_none: bool = True) -> list[Event]:
    """``events`` (one article's records) with killed, wounded and the claims behind them counted
    by the layer: each record's triggers form one cluster, its role head gives the cluster its
    KILLED and WOUNDED counts (each count to the record that claims it most), and its same-count
    head groups counts that retell one figure. With ``keep_when_none`` a record the layer gives no
    count of a kind keeps the rules' figure of that kind. Records with no scored trigger are kept."""
    scored, role_score = record_role_scores(events, arrays, scores)
    if not scored:
        return list(events)
    same = same_count_scores(arrays, scores)
    out = list(events)
    for c, k in enumerate(scored):
        event = events[k]
        counts, figures = casualty_counts(arrays, role_score[c], same, config)
        article_id = event.article_ids[0]
        killed = counts["killed"] if counts["killed"] is not None or not keep_when_none else event.killed
        wounded = counts["wounded"] if counts["wounded"] is not None or not keep_when_none else event.wounded
        # counter-claims in words stay; claims of figures are the layer's figures' (none when they agree)
        claims = (tuple(c for c in event.claims if c.killed is None and c.wounded is None)
                  + tuple(figure_claims(figures, article_id))) if figures else event.claims
        sources = tuple(dict.fromkeys([*event.sources, *(c.source for c in claims if c.source)]))
        out[k] = replace(event, killed=killed, wounded=wounded, claims=claims, sources=sources)
    return out


_NOT_A_NAMED_PARTY = ("Unidentified Armed Group", "Civilians", "Protesters", "Rioters")


def recast_actors(events: Sequence[Event], arrays: ArticleArrays, scores: ArticleScores,
                  config: DecodeConfig = DecodeConfig(), only_unnamed: bool = True) -> list[Event]:
    """``events`` with actor1 taken from the layer's role head: the argument it scores highest as
    the actor1 of the record's triggers (at ``config.role_threshold``), when that names a party
    (not an unidentified group, civilians or a crowd) other than the record's actor2. With
    ``only_unnamed`` only records whose rules found no initiator (``Unidentified Armed Group``) change."""
    scored, role_score = record_role_scores(events, arrays, scores)
    if not scored:
        return list(events)
    arguments = arrays.view.arguments
    out = list(events)
    for c, k in enumerate(scored):
        event = events[k]
        if only_unnamed and not (event.actor1 or "").startswith("Unidentified Armed Group"):
            continue
        best = best_argument(role_score[c], "actor1", config.role_threshold)
        if best is None:
            continue
        candidate = replace(event, actor1=actor_value(arguments[best]))
        if candidate.actor1_code.startswith(_NOT_A_NAMED_PARTY) or candidate.actor1_code == event.actor2_code:
            continue
        out[k] = candidate
    return out


def rules_helped_events(article_id: str, text: str, date: str | None, spans: Sequence[Span], arrays: ArticleArrays,
                        scores: ArticleScores, decode: DecodeConfig, violence: float | None = None,
                        gazetteer: Gazetteer | None = None, country_hint: str | None = None, join: bool = True,
                        retype: bool = False) -> list[Event]:
    """One article's rule records helped by the layer (``extract``'s default): none when the gate's
    probability ``violence`` (None: no gate) is below ``decode.gate_threshold``; else the rules'
    records, joined where the coreference head reads two as one (``join``, above
    ``decode.join_threshold``), then screened (and typed with ``retype``) by the type head."""
    if violence is not None and violence < decode.gate_threshold:
        return []
    coreference = coreference_scores(arrays.view.triggers, arrays.coref_pairs, scores) if join else None
    events = extract_events(article_id, text, date, spans, gazetteer, country_hint, coreference=coreference,
                            join_threshold=decode.join_threshold)
    return screen_events(events, arrays.view.triggers, scores, retype)
