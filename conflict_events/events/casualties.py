"""Casualty aggregation: per party, the lowest and highest figure any source gives; then the sum
over parties, killed and wounded kept apart (ANNOTATION_GUIDE: police 22 to 37 plus Taliban 45
gives low 67, high 82). A party is a side (state forces, armed groups, everyone else), so that
``19 worshippers`` and ``40 "apostates"`` are two estimates of one toll; subset counts
(``including six children``) are never added (annotations/README.md decision 22)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from conflict_events.events.numbers import CountRange, count_party, parse_count

# A party is a side: state forces, armed groups, or everyone else (civilians, 'people', victims named
# in other words). Different words for one side are the same people counted by different sources.
_PARTY_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"attackers?|militants?|insurgents?|fighters?|gunm[ae]n|assailants?|rebels?|taliban|jihadists?|bombers?|"
     r"shabaab|haram|iswap|members|extremists?|terrorists?|militiam[ae]n|militias?|dissidents?|combatants?", "armed"),
    (r"police|policem[ae]n|cops?|officers?|soldiers?|troops|army|servicem[ae]n|personnel|security|guards?|"
     r"commandos?|marines?|peacekeepers?|gendarmes?|military", "state"),
)
SUBSET_BEFORE = re.compile(r"\b(?:including|among them|among whom|among the dead|among the victims|of them|of whom)"
                           r"[\s,:]*$", re.I)


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
    """The side a party noun counts: ``state`` (``policemen``, ``soldiers``), ``armed``
    (``attackers``, ``Taliban members``) or ``""`` for everyone else (``people``, ``worshippers``)."""
    text = party.lower().strip()
    for pattern, key in _PARTY_SYNONYMS:
        if re.search(rf"\b(?:{pattern})", text):
            return key
    return ""


def is_subset(text: str, start: int, end: int) -> bool:
    """``including six children``, ``46 of them``: people already counted in a whole figure."""
    phrase = text[start:end].lower()
    return bool(SUBSET_BEFORE.search(text[max(0, start - 30): start]) or re.match(r"^including\b", phrase)
                or re.search(r"\bof (?:them|whom)$", phrase))


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
