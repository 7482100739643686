"""Sentence splitting with character offsets (no model: punctuation, line breaks, abbreviations)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt", "gov", "sen", "rep", "st", "no", "vs",
    "u.s", "u.n", "u.k", "e.g", "i.e", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "prof", "rev", "brig",
}
_BOUNDARY = re.compile(r"[.!?]+[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])|\n+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with offsets into ``text``; blank stretches are dropped, whitespace trimmed."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0)[0] == ".":
            word = re.search(r"([A-Za-z.]+)$", text[start: match.start()])
            if word and word.group(1).lower().rstrip(".") in _ABBREVIATIONS:
                continue
            if word and re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word.group(1)):  # initials: 'U.S.', 'J.'
                continue
        end = match.start() + len(match.group(0).rstrip())
        _append(sentences, text, start, end)
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        sentences.append(Sentence(start, end, text[start:end]))


def sentence_index(sentences: list[Sentence], offset: int) -> int:
    """Index of the sentence holding ``offset`` (the nearest one before it when between two)."""
    best = 0
    for i, sentence in enumerate(sentences):
        if sentence.start <= offset:
            best = i
        else:
            break
    return best


def headline_sentence(text: str, sentences: list[Sentence]) -> int | None:
    """Index of a headline: a first line standing alone, with no closing full stop."""
    if len(sentences) < 2:
        return None
    first = sentences[0]
    line_ends = text.find("\n", first.start)
    if 0 <= line_ends <= first.end + 1 and not first.text.rstrip().endswith("."):
        return 0
    return None
