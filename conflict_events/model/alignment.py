"""Character spans <-> sub-word tags, through the fast tokenizer's ``offset_mapping``.

Nothing here re-splits text on whitespace: a token belongs to a span when its character
range overlaps the span, so sub-words, punctuation and unicode all follow the tokenizer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from conflict_events.labels import LABEL2ID
from conflict_events.spans import Span

IGNORE_INDEX = -100  # positions the loss skips: special tokens and padding

Offset = tuple[int, int]


@dataclass(frozen=True)
class AlignmentReport:
    """Spans whose edges fall inside a token; they are still tagged (the whole token joins the
    span) but counted, so that a tokenizer that cannot represent the annotations is noticed."""

    spans: int
    misaligned: tuple[Span, ...]

    @property
    def misaligned_share(self) -> float:
        return len(self.misaligned) / self.spans if self.spans else 0.0


def is_special(offset: Offset) -> bool:
    return offset[0] == offset[1]


def token_tags(offsets: Sequence[Offset], spans: Sequence[Span]) -> list[str | None]:
    """BIO tag per token: ``None`` for special tokens, ``B-X`` for the first token of a span of
    label X inside this token sequence, ``I-X`` for the rest, ``O`` elsewhere.

    Every sub-word of a span is tagged (not only the first), so decoding can read spans straight
    back from token offsets. Spans must not overlap (validation guarantees it)."""
    ordered = sorted(spans, key=lambda s: s.start)
    tags: list[str | None] = []
    span_index = 0
    previous_span: Span | None = None
    for offset in offsets:
        if is_special(offset):
            tags.append(None)
            continue
        start, end = offset
        while span_index < len(ordered) and ordered[span_index].end <= start:
            span_index += 1
        span = ordered[span_index] if span_index < len(ordered) else None
        if span is not None and span.start < end:
            tags.append(("I-" if span is previous_span else "B-") + span.label)
            previous_span = span
        else:
            tags.append("O")
            previous_span = None
    return tags


def tag_ids(tags: Sequence[str | None]) -> list[int]:
    return [IGNORE_INDEX if tag is None else LABEL2ID[tag] for tag in tags]


def alignment_report(offsets: Sequence[Offset], spans: Sequence[Span]) -> AlignmentReport:
    """Which spans do not start and end exactly on token boundaries of this tokenization."""
    starts = {s for s, e in offsets if s != e}
    ends = {e for s, e in offsets if s != e}
    misaligned = tuple(span for span in spans if span.start not in starts or span.end not in ends)
    return AlignmentReport(len(spans), misaligned)
