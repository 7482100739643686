"""Boundary rules of the annotation guide, applied to decoded spans.

The tagger learns boundaries from a few hundred examples and now and then takes one token too
many: a bracket (`(Monday`), a trailing comma, a leading `the` on an ACTOR, or the casualty verb
after a count (`35 wounded` where the guide wants `35`). These are not judgement calls but rules
the guide states, so they are applied after decoding as a pure step, like spaCy's span cleaning:
each output span still points into the input text, only at a shorter stretch of it.
"""

from __future__ import annotations

import re

from conflict_events.spans import Span, span_from_text

# Punctuation no span starts or ends with. A trailing "." stays: it belongs to "U.S." or "Corp.".
_EDGE_PUNCTUATION = " \t\n,;:[]{}\"“”«»|"
_OPENING, _CLOSING = "(", ")"  # stripped only when unbalanced: "(NDS)" ends an ACTOR
# "Leave out leading articles and determiners (the, a, an, its) for ACTOR, PLACE and TRIGGER".
_LEADING_DETERMINER = re.compile(r"(?:the|a|an|its|their|our|his|her)\s+", re.IGNORECASE)
_NO_DETERMINER_LABELS = frozenset({"ACTOR", "PLACE", "TRIGGER"})
# "Casualty verbs (killed, wounded, died) are not TRIGGER; the count phrase is KILLED or WOUNDED."
_TRAILING_CASUALTY_WORD = re.compile(r"\s+(?:killed|wounded|injured|hurt|died)$", re.IGNORECASE)
_COUNT_LABELS = frozenset({"KILLED", "WOUNDED"})
_DOTTED_ABBREVIATION_CUT = re.compile(r"(?:^|\W)(?:[A-Z]\.)+[A-Z]$")  # "U.S" cut before its last "."


def tidy_span(text: str, span: Span) -> Span | None:
    """``span`` with the guide's boundary rules applied, or None when nothing is left."""
    start, end = span.start, span.end
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _EDGE_PUNCTUATION:
            start, changed = start + 1, True
        while end > start and text[end - 1] in _EDGE_PUNCTUATION:
            end, changed = end - 1, True
        inside = text[start:end]
        if inside.startswith(_OPENING) and inside.count(_OPENING) > inside.count(_CLOSING):
            start, changed = start + 1, True
        elif inside.endswith(_CLOSING) and inside.count(_CLOSING) > inside.count(_OPENING):
            end, changed = end - 1, True
    if span.label in _NO_DETERMINER_LABELS:
        leading = _LEADING_DETERMINER.match(text, start, end)
        if leading and leading.end() < end:
            start = leading.end()
    if span.label in _COUNT_LABELS:
        trailing = _TRAILING_CASUALTY_WORD.search(text[start:end])
        if trailing and trailing.start() > 0:
            end = start + trailing.start()
    if end < len(text) and text[end] == "." and _DOTTED_ABBREVIATION_CUT.search(text[start:end]):
        end += 1
    if start >= end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return span_from_text(text, start, end, span.label, span.score)


def tidy_spans(text: str, spans: list[Span]) -> list[Span]:
    """Every span of one text through ``tidy_span``; empty results are dropped. Trimming only
    shrinks spans, so spans that did not overlap still do not."""
    tidied = (tidy_span(text, span) for span in spans)
    return [span for span in tidied if span is not None]
