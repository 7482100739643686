"""``merge_events``: one record per incident across articles.

Two events from *different* articles are the same incident when all of these hold:

* same ``event_type``;
* same place: the same ``geonameid``, or (no id on either) the same location name after folding
  case and type words; an event with no location never merges;
* dates within one day of each other; a null date matches only when the place is the same town
  (``geonameid`` equal) and the type equal, per the issue;
* compatible actors: actor1 names the same party (``Taliban`` and ``insurgents`` are compatible;
  ``Taliban`` and ``Afghan forces`` are not, unless they appear as the two sides the other way round);
* capture and recapture (``Non-state actor overtakes territory`` vs ``Government regains
  territory``) never merge.

Events of the same article are never merged here (the assembler already decided). The merged
record keeps every article id, source, claim, evidence and trigger; casualties take the min of
the lows and the max of the highs; the date is the most precise one; other fields come from the
most confident member. Merging is transitive (union-find), order-independent.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from conflict_events.events.dates import days_apart
from conflict_events.events.evaluate import normalise_value
from conflict_events.events.geocode import strip_type_words
from conflict_events.events.numbers import CountRange
from conflict_events.events.records import Event, merged_event_id
from conflict_events.events.roles import compatible_actors

_OPPOSED = {"Non-state actor overtakes territory", "Government regains territory"}


def _same_place(a: Event, b: Event) -> bool:
    if a.geonameid is not None and b.geonameid is not None:
        return a.geonameid == b.geonameid
    if not a.location or not b.location:
        return False
    return strip_type_words(a.location)[0] == strip_type_words(b.location)[0] and \
        normalise_value(a.country) == normalise_value(b.country)


def _actors_compatible(a: Event, b: Event) -> bool:
    if compatible_actors(a.actor1, b.actor1) and compatible_actors(a.actor2, b.actor2):
        return True
    return compatible_actors(a.actor1, b.actor2) and compatible_actors(a.actor2, b.actor1)


def same_incident(a: Event, b: Event) -> bool:
    """Could ``a`` and ``b`` (from different articles) report one incident? See the module docstring."""
    if set(a.article_ids) & set(b.article_ids):
        return False
    if a.event_type != b.event_type or {a.sub_event_type, b.sub_event_type} == _OPPOSED:
        return False
    if not _same_place(a, b) or not _actors_compatible(a, b):
        return False
    if a.date is None or b.date is None:
        return a.geonameid is not None and a.geonameid == b.geonameid
    gap = days_apart(a.date, b.date)
    return gap is not None and gap <= 1


def _widen(a: CountRange | None, b: CountRange | None) -> CountRange | None:
    if a is None or b is None:
        return a or b
    return a.widen(b)


def _combine(group: list[Event]) -> Event:
    if len(group) == 1:
        return group[0]
    best = max(group, key=lambda e: (e.confidence, e.geo_precision is not None and -e.geo_precision))
    dated = [e for e in group if e.date]
    when = min(dated, key=lambda e: (e.time_precision != "day", e.date)) if dated else best
    killed = wounded = None
    for event in group:
        killed, wounded = _widen(killed, event.killed), _widen(wounded, event.wounded)
    unique = lambda items: tuple(dict.fromkeys(items))  # noqa: E731
    return replace(
        best,
        event_id=merged_event_id([e.event_id for e in group]),
        article_ids=unique(a for e in group for a in e.article_ids),
        date=when.date, date_text=when.date_text, time_precision=when.time_precision,
        killed=killed, wounded=wounded,
        sources=unique(s for e in group for s in e.sources),
        claims=unique(c for e in group for c in e.claims),
        evidence=unique(v for e in group for v in e.evidence),
        triggers=unique(t for e in group for t in e.triggers),
        actor2=best.actor2 or next((e.actor2 for e in group if e.actor2), None),
        confidence=round(max(e.confidence for e in group), 4),
    )


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge events from different articles that describe the same incident; order is kept by
    first appearance."""
    events = list(events)
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if find(i) != find(j) and same_incident(events[i], events[j]):
                members_i = [events[k] for k in range(len(events)) if find(k) == find(i)]
                members_j = [events[k] for k in range(len(events)) if find(k) == find(j)]
                shared = {a for e in members_i for a in e.article_ids} & {a for e in members_j for a in e.article_ids}
                if not shared:
                    parent[find(j)] = find(i)
    groups: dict[int, list[Event]] = {}
    for i, event in enumerate(events):
        groups.setdefault(find(i), []).append(event)
    return [_combine(group) for group in groups.values()]
