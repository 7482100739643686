"""From the heads' probabilities to event records (pure: no model, no I/O).

1. Triggers whose most likely type is "not a political-violence event" start no event.
2. The others are clustered in text order: a trigger joins the cluster it is most likely coreferent
   with (mean probability over the cluster's triggers) when that is above one half.
3. Each cluster's type is the type its triggers give the most mass; a role's filler is the candidate
   span with the highest probability over the cluster's triggers. A KILLED/WOUNDED span counts for
   one event only, the one that claims it most strongly.
4. Counts: spans of one event that the same-count head links (above one half) form a group whose
   range is their lowest to highest figure; groups add up. Numbers, vague counts, dates and places
   are resolved by the deterministic code of ``conflict_events.events``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from conflict_events.event_layer.examples import ArticleArrays
from conflict_events.event_layer.schema import (NOT_AN_EVENT, PARTIES, ROLES, SUB_EVENT_TYPES, SUB_TYPE_CLASSES,
                                                TYPE_CLASSES)
from conflict_events.events.casualties import Figure
from conflict_events.events.claims import figure_claims, nearest_source
from conflict_events.events.dates import resolve_time
from conflict_events.events.geocode import Place
from conflict_events.events.numbers import CountRange, count_party, parse_count
from conflict_events.events.records import Event, Evidence, make_event_id
from conflict_events.events.roles import party_key, plain_name, unidentified
from conflict_events.spans import Span


@dataclass(frozen=True)
class ArticleScores:
    types: np.ndarray  # triggers x TYPE_CLASSES
    sub_types: np.ndarray  # triggers x SUB_TYPE_CLASSES
    roles: np.ndarray  # argument pairs x ROLES (0 where the label does not allow the role)
    parties: np.ndarray  # argument pairs x PARTIES
    coref: np.ndarray  # trigger pairs
    same_count: np.ndarray  # count pairs


@dataclass(frozen=True)
class DecodeConfig:
    role_threshold: float = 0.5
    coref_threshold: float = 0.5
    same_count_threshold: float = 0.5
    # extract's default ("screened"): rule events whose triggers' mean coreference is above this
    # are joined (events/join.py)
    join_threshold: float = 0.5
    # an article whose gate probability (article_gate.py) is below this gives no event
    gate_threshold: float = 0.4


def cluster_triggers(event_triggers: list[int], coref: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Greedy clustering in text order by mean pairwise coreference probability."""
    clusters: list[list[int]] = []
    for i in event_triggers:
        best, best_score = None, threshold
        for c, members in enumerate(clusters):
            score = float(np.mean([coref.get((min(i, m), max(i, m)), 0.0) for m in members]))
            if score > best_score:
                best, best_score = c, score
        if best is None:
            clusters.append([i])
        else:
            clusters[best].append(i)
    return clusters


def _groups(members: list[int], same: dict[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Union-find over the count spans of one event, joined where the same-count head says so."""
    parent = {m: m for m in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in members:
        for b in members:
            if a < b and same.get((a, b), 0.0) > threshold:
                parent[find(a)] = find(b)
    grouped: dict[int, list[int]] = {}
    for m in members:
        grouped.setdefault(find(m), []).append(m)
    return list(grouped.values())


def total_count(groups: list[list[int]], arguments: list[Span]) -> CountRange | None:
    """Sum over groups of (lowest, highest) figure; None when no span of the event has a figure."""
    total = None
    for group in groups:
        counts = [c for c in (parse_count(arguments[j].text) for j in group) if c is not None]
        if not counts:
            continue
        low, high = min(c.low for c in counts), max(c.high for c in counts)
        total = CountRange(low, high) if total is None else total + CountRange(low, high)
    return total


def actor_value(span: Span) -> str:
    """An actor field as annotated: the party's plain name, or the counted party of a count phrase
    (``two of the attackers`` -> ``attackers``)."""
    if span.label in ("KILLED", "WOUNDED"):
        return count_party(span.text) or span.text
    return plain_name(span.text)


def decode_events(article_id: str, arrays: ArticleArrays, scores: ArticleScores, places: dict[str, Place],
                  config: DecodeConfig = DecodeConfig()) -> list[Event]:
    view = arrays.view
    triggers, arguments = view.triggers, view.arguments
    not_event = TYPE_CLASSES.index(NOT_AN_EVENT)
    event_triggers = [i for i in range(len(triggers)) if int(np.argmax(scores.types[i])) != not_event]
    coref = {(int(a), int(b)): float(p) for (a, b), p in zip(arrays.coref_pairs, scores.coref)}
    clusters = cluster_triggers(event_triggers, coref, config.coref_threshold)
    if not clusters:
        return []
    role_score, party_score = cluster_role_scores(arrays, scores, clusters)
    same = same_count_scores(arrays, scores)
    events = [
        _event(article_id, arrays, scores, members, role_score[c], party_score[c], same, places, config)
        for c, members in enumerate(clusters)
    ]
    return events


def cluster_role_scores(arrays: ArticleArrays, scores: ArticleScores,
                        clusters: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """``role_score[c, r, j]``: the best probability of argument ``j`` in role ``r`` over cluster
    ``c``'s triggers, and ``party_score[c, j]`` the party row of that best pair. A KILLED or
    WOUNDED count keeps its score only in the cluster that claims it most: a count belongs to one
    event only."""
    arguments = arrays.view.arguments
    cluster_of = {i: c for c, members in enumerate(clusters) for i in members}
    role_score = np.zeros((len(clusters), len(ROLES), len(arguments)), dtype=np.float32)
    party_score = np.zeros((len(clusters), len(arguments), len(PARTIES)), dtype=np.float32)
    for row, (i, j) in enumerate(arrays.argument_pairs):
        c = cluster_of.get(int(i))
        if c is None:
            continue
        better = scores.roles[row] > role_score[c, :, j]
        role_score[c, :, j] = np.maximum(role_score[c, :, j], scores.roles[row])
        if better[ROLES.index("killed")] or better[ROLES.index("wounded")]:
            party_score[c, j] = scores.parties[row]
    for role in ("killed", "wounded"):
        r = ROLES.index(role)
        owner = role_score[:, r, :].argmax(axis=0)
        for c in range(len(clusters)):
            role_score[c, r, owner != c] = 0.0
    return role_score, party_score


def casualty_counts(arrays: ArticleArrays, role_scores: np.ndarray, same: dict[tuple[int, int], float],
                    config: DecodeConfig) -> tuple[dict[str, CountRange | None], list[Figure]]:
    """One event's killed and wounded totals from the counts its role scores (``role_scores[r, j]``)
    give it, grouped where the same-count head reads two as one figure retold, and the figures
    behind them (with their nearest source, for the claims)."""
    view = arrays.view
    arguments = view.arguments
    sources = [s for s in arguments if s.label == "SOURCE"]
    figures, counts = [], {}
    for role in ("killed", "wounded"):
        r = ROLES.index(role)
        chosen = [j for j in range(len(arguments)) if role_scores[r, j] >= config.role_threshold]
        groups = _groups(chosen, same, config.same_count_threshold)
        counts[role] = total_count(groups, arguments)
        for g, group in enumerate(groups):
            for j in group:
                span = arguments[j]
                sentence = view.sentences[view.sentence_of(span)] if view.sentences else None
                source = nearest_source(sources, span.start, span.end, sentence) if sentence else None
                figures.append(Figure(role, parse_count(span.text), f"group{g}", source, span.start, span.end, span.text))
    return counts, figures


def same_count_scores(arrays: ArticleArrays, scores: ArticleScores) -> dict[tuple[int, int], float]:
    return {(int(a), int(b)): float(p) for (a, b), p in zip(arrays.count_pairs, scores.same_count)}


def head_type(types: np.ndarray, sub_types: np.ndarray) -> tuple[str, str | None]:
    """Event type and sub-type from the type-head rows of one event's triggers (the "no event"
    column left out: the event exists)."""
    type_mass = types[:, : len(TYPE_CLASSES) - 1].sum(axis=0)
    event_type = TYPE_CLASSES[int(type_mass.argmax())]
    sub_mass = sub_types.sum(axis=0)
    allowed = [k for k, sub in enumerate(SUB_TYPE_CLASSES) if SUB_EVENT_TYPES[sub] == event_type and sub != "Other"]
    return event_type, (SUB_TYPE_CLASSES[max(allowed, key=lambda k: sub_mass[k])] if allowed else None)


def _location(place: Place | None, written: str) -> str:
    """ACLED's location: the place as written, or the enclosing place it fell back to (the written
    name is then kept in ``location_text``)."""
    if place is not None and place.location_text and place.name:
        return place.name
    return written


def best_argument(role_scores: np.ndarray, role: str, threshold: float, exclude: set[int] = frozenset()) -> int | None:
    """The argument scoring highest in ``role`` (reaching ``threshold``), ``exclude`` left out."""
    row = role_scores[ROLES.index(role)].copy()
    for j in exclude:
        row[j] = 0.0
    if not len(row) or row.max() < threshold:
        return None
    return int(row.argmax())


def _event(article_id: str, arrays: ArticleArrays, scores: ArticleScores, members: list[int], role_scores: np.ndarray,
           party_scores: np.ndarray, same: dict[tuple[int, int], float], places: dict[str, Place],
           config: DecodeConfig) -> Event:
    view = arrays.view
    triggers, arguments = view.triggers, view.arguments
    threshold = config.role_threshold
    event_type, sub_event_type = head_type(scores.types[members], scores.sub_types[members])

    place_index = best_argument(role_scores, "place", threshold)
    place = places.get(arguments[place_index].text) if place_index is not None else None
    country = place.country if place is not None else None
    actor1_index = best_argument(role_scores, "actor1", threshold)
    exclude = {j for j, a in enumerate(arguments) if actor1_index is not None
               and party_key(actor_value(a)) == party_key(actor_value(arguments[actor1_index]))}
    actor2_index = best_argument(role_scores, "actor2", threshold, exclude | ({actor1_index} if actor1_index is not None else set()))
    actor1 = actor_value(arguments[actor1_index]) if actor1_index is not None else unidentified(country)
    actor2 = actor_value(arguments[actor2_index]) if actor2_index is not None else None

    time_index = best_argument(role_scores, "time", threshold)
    resolved = resolve_time(arguments[time_index].text, view.date) if time_index is not None else None

    counts, figures = casualty_counts(arrays, role_scores, same, config)
    r = ROLES.index("source")
    source_texts = list(dict.fromkeys(arguments[j].text for j in range(len(arguments)) if role_scores[r, j] >= threshold))

    member_spans = [triggers[i] for i in sorted(members)]
    sentence_ids = sorted({view.sentence_of(t) for t in member_spans})
    confidence = float(np.mean([1.0 - scores.types[i, -1] for i in members]))
    return Event(
        event_id=make_event_id(article_id, [(t.start, t.end) for t in member_spans]),
        article_ids=(article_id,), event_type=event_type, sub_event_type=sub_event_type,
        actor1=actor1, actor2=actor2,
        location=_location(place, arguments[place_index].text) if place_index is not None else None, country=country,
        admin1=place.admin1 if place else None, admin2=place.admin2 if place else None,
        location_text=place.location_text if place else None, latitude=place.latitude if place else None,
        longitude=place.longitude if place else None, geonameid=place.geonameid if place else None,
        geo_precision=place.precision if place else None,
        date=resolved.date if resolved else None, date_text=resolved.date_text if resolved else None,
        time_precision=resolved.precision if resolved else None,
        killed=counts["killed"], wounded=counts["wounded"], sources=tuple(source_texts),
        claims=tuple(figure_claims(figures, article_id)),
        evidence=tuple(Evidence(article_id, view.sentences[k].start, view.sentences[k].end, view.sentences[k].text)
                       for k in sentence_ids) if view.sentences else (),
        triggers=tuple(Evidence(article_id, t.start, t.end, t.text) for t in member_spans),
        confidence=round(min(1.0, max(0.0, confidence)), 4),
    )
