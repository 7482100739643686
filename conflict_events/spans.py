"""The one output type of the tagger: a labelled character span over the input text."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """A labelled stretch ``text[start:end]`` of the input. ``score`` is the model's mean
    probability over the span's tokens (1.0 for gold annotations)."""

    start: int
    end: int
    label: str
    text: str = ""
    score: float = 1.0

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"span {self.start}-{self.end}: start must be >= 0 and below end")

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "label": self.label, "text": self.text, "score": round(self.score, 4)}


def span_from_text(text: str, start: int, end: int, label: str, score: float = 1.0) -> Span:
    """Build a span whose ``text`` is always the exact slice it points at."""
    return Span(start, end, label, text[start:end], score)
