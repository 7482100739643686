"""Boundary rules of the annotation guide, applied to decoded spans.

The tagger learns boundaries from a few hundred examples and now and then takes one token too
many: a bracket (`(Monday`), a trailing comma, a leading `the` on an ACTOR, or the casualty verb
after a count (`35 wounded` where the guide wants `35`). These are not judgement calls but rules
the guide states, so they are applied after decoding as a pure step, like spaCy's span cleaning:
each output span still points into the input text. A span can also be split where the guide
never joins (a line break, `today (Monday)`, `hours later on Wednesday`) or dropped (a light verb
before a tagged event noun).
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
# ... but "the wounded" is a noun: "three of the wounded" is a whole subset count (decision 22).
_TRAILING_CASUALTY_WORD = re.compile(r"(?<!\bthe)\s+(?:killed|wounded|injured|hurt|died)$", re.IGNORECASE)
_COUNT_LABELS = frozenset({"KILLED", "WOUNDED"})
_DOTTED_ABBREVIATION_CUT = re.compile(r"(?:^|\W)(?:[A-Z]\.)+[A-Z]$")  # "U.S" cut before its last "."
# Decision 19: a light verb before the event noun is left out ("launches an [assault]").
_LIGHT_VERB = re.compile(r"(?:launch|carry out|carr(?:ies|ied|ying) out|conduct|stage|mount)(?:s|es|ed|d|ing)?", re.IGNORECASE)
_LIGHT_VERB_GAP = re.compile(r"[^.;:!?\n]{0,30}")  # the same clause, a few words at most
_INNER_ON = re.compile(r"(?:(?<=later)|(?<=earlier)|(?<=after)|(?<=before))\s+(?=on\s+\w)", re.IGNORECASE)
# README decision 1: TIME keeps a leading "on" and drops other prepositions ("over Wednesday").
_TIME_LEADING_PREPOSITION = re.compile(r"(?:in|at|during|since|by|within|until|over|from|through)\s+", re.IGNORECASE)


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
    if span.label == "TIME":
        leading = _TIME_LEADING_PREPOSITION.match(text, start, end)
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


def split_span(text: str, span: Span) -> list[Span]:
    """The pieces of ``span`` that the guide never joins into one span.

    No gold span crosses a line break: headline, dateline and byline lines are separate
    (`theguardian` + `Author` on the next line), so only the first line with a word is kept. An
    opening bracket the span does not close starts a second span of the same label (`today
    (Monday` -> `today`, `Monday`, README decision 20), unless it closes right after the span and
    holds a name's acronym (`National Directorate of Security (NDS` + `)`: the span takes it)."""
    start, end = span.start, span.end
    if "\n" in text[start:end]:
        for line in re.finditer(r"[^\n]+", text[start:end]):
            if re.search(r"\w", line.group()):
                start, end = start + line.start(), start + line.end()
                break
    inside = text[start:end]
    opening = inside.rfind(_OPENING)
    pieces = [(start, end)]
    if opening > 0 and inside.count(_OPENING) > inside.count(_CLOSING):
        if text[end:end + 1] == _CLOSING and span.label != "TIME":
            pieces = [(start, end + 1)]
        else:
            pieces = [(start, start + opening), (start + opening + 1, end)]
    if span.label == "TIME" and len(pieces) == 1:
        # Decision 20: "a few hours later on Wednesday" is two spans, the second with its "on";
        # "late on Wednesday" and "dawn on Monday" stay one.
        inner_on = _INNER_ON.search(text, start, end)
        if inner_on:
            pieces = [(start, inner_on.start()), (inner_on.end(), end)]
    if pieces == [(span.start, span.end)]:
        return [span]
    return [span_from_text(text, a, b, span.label, span.score) for a, b in pieces if b > a]


def is_light_verb_before_event(text: str, spans: list[Span], index: int) -> bool:
    """``spans[index]`` is a TRIGGER that is only a light verb, and the next TRIGGER (the event
    noun) follows it in the same clause."""
    span = spans[index]
    if span.label != "TRIGGER" or not _LIGHT_VERB.fullmatch(text, span.start, span.end):
        return False
    following = next((s for s in spans[index + 1 :] if s.label == "TRIGGER"), None)
    return following is not None and _LIGHT_VERB_GAP.fullmatch(text, span.end, following.start) is not None


def tidy_spans(text: str, spans: list[Span]) -> list[Span]:
    """Every span of one text split by ``split_span`` and trimmed by ``tidy_span``; empty results
    are dropped. Only a closing bracket can make a span longer, so a span is cut where the next
    one starts: spans that did not overlap still do not."""
    tidied = [t for span in spans for piece in split_span(text, span) if (t := tidy_span(text, piece)) is not None]
    tidied = [span for index, span in enumerate(tidied) if not is_light_verb_before_event(text, tidied, index)]
    for index in range(len(tidied) - 1):
        current, following = tidied[index], tidied[index + 1]
        if current.end > following.start:
            tidied[index] = span_from_text(text, current.start, following.start, current.label, current.score)
    return tidied
