"""Casualty aggregation: per party, the lowest and highest figure any source gives; then the sum
over parties, killed and wounded kept apart (ANNOTATION_GUIDE: police 22 to 37 plus Taliban 45
gives low 67, high 82)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from conflict_events.events.numbers import CountRange, count_party, parse_count

# Party nouns that name the same people, folded to one key.
_PARTY_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"police|policem[ae]n|cops?|officers?$", "police"),
    (r"soldiers?|troops|army|servicem[ae]n|military personnel|security personnel|security forces|personnel", "soldiers"),
    (r"attackers?|militants?|insurgents?|fighters?|gunm[ae]n|assailants?|rebels?|taliban|jihadists?", "militants"),
    (r"civilians?|residents?|villagers?|bystanders?|passers-?by", "civilians"),
    (r"children|child|kids?", "children"),
)


@dataclass(frozen=True)
class Figure:
    """One casualty figure found in the text: a KILLED or WOUNDED span, parsed."""

    kind: str  # "killed" or "wounded"
    count: CountRange | None
    party: str
    source: str | None
    start: int
    end: int
    text: str


def party_key(party: str) -> str:
    """Fold a party noun: ``policemen``/``police officers`` -> ``police``; ``people``/"" -> ""."""
    text = party.lower().strip()
    for pattern, key in _PARTY_SYNONYMS:
        if re.search(rf"\b(?:{pattern})", text):
            return key
    return re.sub(r"s\b", "", text)


def make_figure(kind: str, text: str, start: int, end: int, source: str | None = None) -> Figure:
    return Figure(kind, parse_count(text), party_key(count_party(text)), source, start, end, text)


def aggregate(figures: Iterable[Figure]) -> CountRange | None:
    """Sum over parties of (min low, max high) per party; None when no figure has a count."""
    per_party: dict[str, CountRange] = {}
    for figure in figures:
        if figure.count is None:
            continue
        current = per_party.get(figure.party)
        per_party[figure.party] = figure.count if current is None else current.widen(figure.count)
    if not per_party:
        return None
    total = CountRange(0, 0)
    for count in per_party.values():
        total = total + count
    return total


def by_kind(figures: Iterable[Figure]) -> dict[str, list[Figure]]:
    grouped: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        grouped[figure.kind].append(figure)
    return grouped
