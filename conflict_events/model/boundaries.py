"""Boundary rules of the annotation guide, applied to decoded spans.

The tagger learns boundaries from a few hundred examples and now and then takes one token too
many: a bracket (`(Monday`), a trailing comma, a leading `the` on an ACTOR, or the casualty verb
after a count (`35 wounded` where the guide wants `35`). These are not judgement calls but rules
the guide states, so they are applied after decoding as a pure step, like spaCy's span cleaning:
each output span still points into the input text. The tokenizer's pieces are not words
(`Sunday's` is `sunday ' s`, `a.m.` is `a . m .`), so a span is also moved to whole words of the
text (``word_edges.py``), whatever tokenizer the model has, and loses a trailing conjunction,
preposition or full stop. A span can also be split where the guide
never joins (a line break, `today (Monday)`, `hours later on Wednesday`) or dropped (a light verb
before a tagged event noun).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from conflict_events.model.word_edges import HYPHEN_AFFIX, cut_is_allowed, snap_to_words
from conflict_events.spans import Span, span_from_text

# Punctuation no span starts or ends with. "." is handled apart: it ends "U.S." and "a.m.".
_EDGE_PUNCTUATION = " \t\n,;:[]{}\"“”‘«»|—–"
_SENTENCE_END = ".!?…"  # dropped at the end of every span, unless the "." belongs to an abbreviation
_OPENING, _CLOSING = "(", ")"  # stripped only when unbalanced: "(NDS)" ends an ACTOR
# "Leave out leading articles and determiners (the, a, an, its) for ACTOR, PLACE and TRIGGER".
_LEADING_DETERMINER = re.compile(r"(?:the|a|an|its|their|our|his|her)\s+", re.IGNORECASE)
_NO_DETERMINER_LABELS = frozenset({"ACTOR", "PLACE", "TRIGGER"})
# "Casualty verbs (killed, wounded, died) are not TRIGGER; the count phrase is KILLED or WOUNDED."
# ... but "the wounded" is a noun: "three of the wounded" is a whole subset count (decision 22),
# and so is a possessive's "the militants' dead"; a bare "19 dead" loses "dead" (decision 73).
_TRAILING_CASUALTY_WORD = re.compile(r"(?<!\bthe)(?<!')\s+(?:killed|wounded|injured|hurt|died|dead)$", re.IGNORECASE)
_COUNT_LABELS = frozenset({"KILLED", "WOUNDED"})
# Decision 19: a light verb before the event noun is left out ("launches an [assault]").
_LIGHT_VERB = re.compile(r"(?:launch|carry out|carr(?:ies|ied|ying) out|conduct|stage|mount)(?:s|es|ed|d|ing)?", re.IGNORECASE)
_LIGHT_VERB_GAP = re.compile(r"[^.;:!?\n]{0,30}")  # the same clause, a few words at most
_INNER_ON = re.compile(r"(?:(?<=later)|(?<=earlier)|(?<=after)|(?<=before))\s+(?=on\s+\w)", re.IGNORECASE)
# README decision 1: TIME keeps a leading "on" and drops other prepositions ("over Wednesday");
# decision 36: clock times and parts of the day drop the preposition or hedge ("around 5 a.m.",
# "before dawn", "shortly after sunset").
_TIME_LEADING_PREPOSITION = re.compile(
    r"(?:(?:shortly|just|soon)\s+(?:before|after)|in|at(?!\s+(?:least|most)\b)|during|since|by|within|until|over|from"
    r"|through|around|about|approximately|roughly|before|after)\s+", re.IGNORECASE)  # "[at least Thursday]" is a hedge
_PRECEDING_ON = re.compile(r"(?<![\w-])on[ \t]+$", re.IGNORECASE)  # decision 1: "on" belongs to a TIME
# No gold span of any label starts with a conjunction; ACTOR, PLACE, SOURCE and TRIGGER never start
# with a preposition (KILLED starts with "at least", "about", "around": quantifiers stay).
_LEADING_CONJUNCTION = re.compile(r"(?:and|or|but|nor|&)\s+", re.IGNORECASE)
_LEADING_PREPOSITION = re.compile(r"(?:of|in|on|at|from|to|by|with|for|near|into|onto)\s+")  # lower case: "In Amenas" is a name
_NO_PREPOSITION_LABELS = frozenset({"ACTOR", "PLACE", "SOURCE", "TRIGGER"})
# No gold span ends with a conjunction, a preposition or an article, except anchored offsets
# ("hours after", "two weeks before") and decision 25's "shot at".
_TRAILING_FUNCTION_WORD = re.compile(
    r"\s+(?:and|or|but|nor|&|on|in|at|of|for|to|by|from|with|near|into|onto|over|during|since|until|as|the|a|an"
    r"|after|before)$", re.IGNORECASE)
_KEPT_TRAILING_WORD = {"TIME": re.compile(r"(?:after|before)$", re.IGNORECASE), "TRIGGER": re.compile(r"\bshot at$", re.IGNORECASE)}
# The possessive goes with its head or is left out: gold has "[Tuesday]'s fighting", "[Sudan]'s
# Gezira state", "[Burkina Faso's army]" but no span that starts or ends on "'s".
_TRAILING_POSSESSIVE = re.compile(r"['’]s$")
_LEADING_CLITIC = re.compile(rf"(?:['’]s|[-‐‑](?:{HYPHEN_AFFIX}))\b\s*")  # "'s Gezira state", "-run Saba"


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Edge punctuation, unbalanced brackets and a sentence's closing punctuation."""
    while start < end and text[start] in _EDGE_PUNCTUATION:
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCTUATION or
                           # an opening single quote after a space ("robot '"): apostrophes inside
                           # names ("Ma'arrat", "N'Djamena") are kept
                           text[end - 1] in "'’" and end - 1 > start and text[end - 2].isspace()):
        end -= 1
    if end > start and text[end - 1] in _SENTENCE_END and cut_is_allowed(text, end - 1):
        end -= 1  # "AFP." -> "AFP"; "U.S." and "a.m." keep theirs (the cut before it is not allowed)
    inside = text[start:end]
    if inside.startswith(_OPENING) and inside.count(_OPENING) > inside.count(_CLOSING):
        start += 1
    elif inside.endswith(_CLOSING) and inside.count(_CLOSING) > inside.count(_OPENING):
        end -= 1
    return start, end


def _strip_words(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Leading and trailing words the guide leaves out, each only when something is left."""
    for pattern, applies in ((_LEADING_DETERMINER, label in _NO_DETERMINER_LABELS),
                             (_TIME_LEADING_PREPOSITION, label == "TIME"),
                             (_LEADING_CONJUNCTION, True),
                             (_LEADING_PREPOSITION, label in _NO_PREPOSITION_LABELS),
                             (_LEADING_CLITIC, True)):
        leading = pattern.match(text, start, end) if applies else None
        if leading and leading.end() < end:
            start = leading.end()
    inside = text[start:end]
    trailing = _TRAILING_FUNCTION_WORD.search(inside)
    kept = _KEPT_TRAILING_WORD.get(label)
    if trailing and trailing.start() > 0 and not (kept and kept.search(inside)):
        end = start + trailing.start()
    possessive = _TRAILING_POSSESSIVE.search(text, start, end)
    if possessive and possessive.start() > start:
        end = possessive.start()
    if label in _COUNT_LABELS:
        casualty = _TRAILING_CASUALTY_WORD.search(text[start:end])
        if casualty and casualty.start() > 0:
            end = start + casualty.start()
    return start, end


def _take_preceding_on(text: str, start: int, label: str, floor: int) -> int:
    """Decision 1: a TIME written right after "on" takes it ("on Wednesday night")."""
    if label != "TIME" or text[start : start + 3].lower() == "on ":
        return start
    preceding = _PRECEDING_ON.search(text, max(floor, start - 8), start)
    return preceding.start() if preceding else start


# 'Frontier [Corps]', 'Carlos Patiño [Front]': a capitalised name's own organisation noun belongs to it
_NAME_TAIL = re.compile(r" (?:Corps|Front|Brigade|Battalion|Regiment|Division|Army|Forces|Guard|Movement|Council|Militia)\b")


def _take_name_tail(text: str, start: int, end: int, label: str, ceiling: int | None) -> int:
    words = text[start:end].split()
    if label != "ACTOR" or not words or not words[-1][:1].isupper():
        return end
    tail = _NAME_TAIL.match(text, end)
    return tail.end() if tail and (ceiling is None or tail.end() <= ceiling) else end


# 'a [Kandahar] police station': the force owning a building is no part of the place's name
_FACILITY_OWNER = re.compile(r"\s+(?:police|army|military|security|border|government)$")
_FACILITY = re.compile(r"\s+(?:station|post|base|headquarters|checkpoint|compound|camp|office|barracks)\b", re.IGNORECASE)


def _drop_facility_owner(text: str, start: int, end: int, label: str) -> int:
    if label != "PLACE":
        return end
    owner = _FACILITY_OWNER.search(text, start, end)
    return owner.start() if owner and owner.start() > start and _FACILITY.match(text, end) else end


def tidy_span(text: str, span: Span, floor: int = 0, ceiling: int | None = None) -> Span | None:
    """``span`` with the guide's boundary rules applied, or None when nothing is left. ``floor``
    and ``ceiling`` are where the previous span ends and the next one starts: a span grows to a
    whole word or takes a preceding "on" only up to them."""
    start, end = span.start, span.end
    for _ in range(8):  # each round only removes words or completes one; a few reach a fixed point
        before = (start, end)
        start, end = _strip_edges(text, start, end)
        if start >= end:
            return None
        start, end = snap_to_words(text, start, end, floor, ceiling)
        if start >= end:
            return None
        start, end = _strip_words(text, start, end, span.label)
        start = _take_preceding_on(text, start, span.label, floor)
        end = _take_name_tail(text, start, end, span.label, ceiling)
        end = _drop_facility_owner(text, start, end, span.label)
        if (start, end) == before:
            break
    if start < end and text[end - 1] in "-\u2010\u2011" and text[end:end + 1].isalnum():
        end -= 1  # held back from the word's rest by the next span ('[U.S.-]backed'): the hyphen goes
    if start >= end or not any(char.isalnum() for char in text[start:end]):
        return None  # punctuation alone ("-", ".") is never a span
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
    are dropped. A span grows only up to its neighbours, and is cut where the next one starts:
    spans that did not overlap still do not."""
    pieces = [piece for span in spans for piece in split_span(text, span)]
    starts, ends = sorted(p.start for p in pieces), sorted(p.end for p in pieces)

    def neighbours(piece: Span) -> tuple[int, int]:
        before, after = bisect_right(ends, piece.start), bisect_left(starts, piece.end)
        return (ends[before - 1] if before else 0), (starts[after] if after < len(starts) else len(text))

    tidied = [t for piece in pieces if (t := tidy_span(text, piece, *neighbours(piece))) is not None]
    tidied = [span for index, span in enumerate(tidied) if not is_light_verb_before_event(text, tidied, index)]
    kept: list[Span] = []
    for index, current in enumerate(tidied):
        following = tidied[index + 1] if index + 1 < len(tidied) else None
        if following is not None and current.end > following.start:
            if following.start <= current.start:
                continue
            current = span_from_text(text, current.start, following.start, current.label, current.score)
        kept.append(current)
    return kept
