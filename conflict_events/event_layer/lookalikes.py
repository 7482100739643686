"""Look-alike triggers: the "not a political-violence event" examples the type head learns from.

Negatives (articles with no event: a football "attack", a parliament "ambush", a fuel-tanker
"explosion") carry no TRIGGER span, so the type head would otherwise never see a violent-sounding
word that names no event, and every trigger the tagger wrongly predicts there would pass as an
event. For training only, each word or phrase written as a TRIGGER somewhere in the training
articles becomes a pseudo-trigger wherever it occurs in a negative; it has no event, so its target
is ``None``. The lexicon is read from the training articles themselves (in cross-validation: the
fold's training articles only), never from a hand list.
"""

from __future__ import annotations

import re
from typing import Iterable, Sequence

from conflict_events.spans import Span

MAX_LEXICON_WORDS = 3  # longer trigger phrases are one-off wordings, not look-alikes


def _normalise(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def trigger_lexicon(articles: Iterable) -> frozenset[str]:
    """Every TRIGGER text of the articles (objects with ``text`` and ``spans``), lower-cased."""
    words = set()
    for article in articles:
        for span in article.spans:
            if span.label == "TRIGGER":
                phrase = _normalise(article.text[span.start:span.end])
                if phrase and len(phrase.split()) <= MAX_LEXICON_WORDS:
                    words.add(phrase)
    return frozenset(words)


def lexicon_pattern(lexicon: frozenset[str]) -> re.Pattern | None:
    if not lexicon:
        return None
    # Longest first, so that "suicide bombing" wins over "bombing" at the same place.
    alternatives = sorted(lexicon, key=lambda p: (-len(p), p))
    body = "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", re.I)


def lookalike_triggers(text: str, spans: Sequence[Span], pattern: re.Pattern | None) -> list[Span]:
    """Pseudo-TRIGGER spans at the lexicon's occurrences in ``text`` that overlap no span."""
    if pattern is None:
        return []
    taken = sorted((s.start, s.end) for s in spans)
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(a < end and start < b for a, b in taken):
            continue
        found.append(Span(start, end, "TRIGGER", text[start:end]))
    return found


def with_lookalikes(text: str, spans: Sequence[Span], events: Sequence[dict], pattern: re.Pattern | None
                    ) -> list[Span]:
    """The spans a training article is read with: a negative's gain its look-alike triggers."""
    if events:
        return list(spans)
    return sorted([*spans, *lookalike_triggers(text, spans, pattern)], key=lambda s: (s.start, s.end))
