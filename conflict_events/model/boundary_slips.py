"""Boundary slips as issue 14 names them, checked on any span: an end or a start inside a word, a
trailing conjunction or preposition, a sentence's full stop.

Written apart from ``boundaries.py`` and more simply, on purpose: a scan of a model's predictions
with this checker tests the rules there instead of restating them.
"""

from __future__ import annotations

import re

from conflict_events.spans import Span

_SPLIT_ABBREVIATION = re.compile(r"(?:^|[^\w.])(?:[A-Za-z]\.)*[A-Za-z]\.?$")  # "U.S", "5 a", "5 a." before ".m."
_ABBREVIATION_DOT = re.compile(r"(?:(?:^|[^\w.])(?:[A-Za-z]\.){2,}|\b(?:Jr|Sr|St|Inc|Corp|Co|Ltd|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Gov|Sen|Rep|Prof|Rev|Brig)\.)$")
_TRAILING_FUNCTION_WORD = re.compile(r"\s(?:and|or|but|nor|on|in|at|of|for|to|by|from|with|the|a|an)$", re.IGNORECASE)
_ANNOTATED_ENDINGS = {"TRIGGER": re.compile(r"\bshot at$", re.IGNORECASE)}  # decision 25


def boundary_slips(text: str, span: Span) -> list[str]:
    """The slips of ``span`` over ``text``, as short names; empty when it has none."""
    start, end = span.start, span.end
    slips = []
    if end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        slips.append("ends inside a word")
    if start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        slips.append("starts inside a word")
    if end < len(text) and text[end - 1] in "-‐'’" and text[end].isalnum():
        slips.append("ends on a hyphen or apostrophe inside a word")
    if start > 0 and text[start - 1] in "-‐'’" and text[start - 2 : start - 1].isalnum() and text[start].isalpha() \
            and text[start].islower():
        slips.append("starts after a hyphen or apostrophe inside a word")
    if span.text.endswith(".") and text[end : end + 1].isalpha():
        slips.append("ends inside a dotted abbreviation")  # "5 a." before "m."
    elif text[end : end + 1] == "." and re.match(r"[A-Za-z]\.", text[end + 1 : end + 3] or "") is not None \
            and _SPLIT_ABBREVIATION.search(span.text):
        slips.append("ends inside a dotted abbreviation")
    elif text[end : end + 1] == "." and re.search(r"(?:^|[^\w.])(?:[A-Za-z]\.)+[A-Za-z]$", span.text):
        slips.append("ends before an abbreviation's last dot")
    kept = _ANNOTATED_ENDINGS.get(span.label)
    if _TRAILING_FUNCTION_WORD.search(span.text) and not (kept and kept.search(span.text)):
        slips.append("ends on a conjunction, preposition or article")
    if span.text[-1] in "!?" or (span.text.endswith(".") and not _ABBREVIATION_DOT.search(span.text)
                                  and not text[end : end + 1].isalpha()):
        slips.append("ends on sentence punctuation")
    return slips
