"""Scoring predicted spans against gold spans.

Entity-level precision, recall and F1 per label and micro-averaged, two ways:
``exact`` (same start, end and label) and ``overlap`` (same label, characters shared; each gold
span matches at most one prediction). The BIO-level figure comes from seqeval over a
tokenizer-independent word split, so models with different tokenizers are scored alike.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from seqeval.metrics import classification_report as seqeval_report

from conflict_events.labels import ENTITY_LABELS
from conflict_events.spans import Span

WORD = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Score:
    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: "Score") -> "Score":
        return Score(self.true_positives + other.true_positives, self.predicted + other.predicted, self.gold + other.gold)


@dataclass(frozen=True)
class SpanReport:
    exact: dict[str, Score]  # per label, plus "micro"
    overlap: dict[str, Score]
    seqeval: dict[str, dict[str, float]]

    def to_dict(self) -> dict:
        def scores(table: dict[str, Score]) -> dict:
            return {k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4),
                        "support": v.gold, "predicted": v.predicted} for k, v in table.items()}

        return {"exact": scores(self.exact), "overlap": scores(self.overlap), "seqeval": self.seqeval}


def exact_key(span: Span) -> tuple[int, int, str]:
    """What an exact match compares: offsets and label (not the score)."""
    return span.start, span.end, span.label


def exact_matches(gold: Sequence[Span], predicted: Sequence[Span]) -> Counter:
    gold_keys = {exact_key(s) for s in gold}
    return Counter(s.label for s in {exact_key(p): p for p in predicted}.values() if exact_key(s) in gold_keys)


def overlap_matches(gold: Sequence[Span], predicted: Sequence[Span]) -> Counter:
    """Greedy one-to-one matching of same-label overlapping spans, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if g.label == p.label and g.overlaps(p):
                pairs.append((min(g.end, p.end) - max(g.start, p.start), gi, pi))
    used_gold, used_pred, matches = set(), set(), Counter()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matches[gold[gi].label] += 1
    return matches


def score_table(gold_docs: Sequence[Sequence[Span]], predicted_docs: Sequence[Sequence[Span]], mode: str) -> dict[str, Score]:
    if len(gold_docs) != len(predicted_docs):
        raise ValueError(f"{len(gold_docs)} gold documents but {len(predicted_docs)} predicted")
    matcher = exact_matches if mode == "exact" else overlap_matches
    table = {label: Score(0, 0, 0) for label in ENTITY_LABELS}
    for gold, predicted in zip(gold_docs, predicted_docs):
        hits = matcher(gold, predicted)
        gold_counts = Counter(s.label for s in gold)
        predicted_counts = Counter(s.label for s in predicted)
        for label in ENTITY_LABELS:
            table[label] = table[label] + Score(hits[label], predicted_counts[label], gold_counts[label])
    micro = Score(0, 0, 0)
    for label in ENTITY_LABELS:
        micro = micro + table[label]
    table["micro"] = micro
    return table


def word_bio(text: str, spans: Sequence[Span]) -> list[str]:
    """BIO tag per word of a regex word split: a word takes the label of the span it overlaps."""
    tags, previous = [], None
    ordered = sorted(spans, key=lambda s: s.start)
    for match in WORD.finditer(text):
        span = next((s for s in ordered if s.start < match.end() and match.start() < s.end), None)
        if span is None:
            tags.append("O")
        else:
            tags.append(("I-" if span is previous else "B-") + span.label)
        previous = span
    return tags


def evaluate_spans(texts: Sequence[str], gold_docs: Sequence[Sequence[Span]], predicted_docs: Sequence[Sequence[Span]]) -> SpanReport:
    gold_bio = [word_bio(t, g) for t, g in zip(texts, gold_docs)]
    predicted_bio = [word_bio(t, p) for t, p in zip(texts, predicted_docs)]
    seqeval = seqeval_report(gold_bio, predicted_bio, output_dict=True, zero_division=0) if any(gold_bio) else {}
    seqeval = {k: {m: float(v) for m, v in row.items()} for k, row in seqeval.items()}
    return SpanReport(
        exact=score_table(gold_docs, predicted_docs, "exact"),
        overlap=score_table(gold_docs, predicted_docs, "overlap"),
        seqeval=seqeval,
    )


def format_report(report: SpanReport) -> str:
    """A markdown table: per label, exact and overlap P/R/F1, and the gold support."""
    lines = [
        "| label | exact P | exact R | exact F1 | overlap P | overlap R | overlap F1 | gold |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for label in (*ENTITY_LABELS, "micro"):
        e, o = report.exact[label], report.overlap[label]
        lines.append(
            f"| {label} | {e.precision:.2f} | {e.recall:.2f} | {e.f1:.2f} | {o.precision:.2f} | {o.recall:.2f} | {o.f1:.2f} | {e.gold} |"
        )
    micro = report.seqeval.get("micro avg")
    if micro:
        lines.append(f"\nseqeval (BIO over words, micro): P {micro['precision']:.2f}  R {micro['recall']:.2f}  F1 {micro['f1-score']:.2f}")
    return "\n".join(lines)


@dataclass(frozen=True)
class SpanError:
    """One disagreement between gold and predicted spans, for reading errors by kind.

    ``kind``: ``boundary`` (a prediction of the same label overlaps the gold span), ``label`` (only
    predictions of other labels overlap it), ``missed`` (nothing overlaps it) or ``spurious`` (a
    prediction that overlaps no gold span)."""

    kind: str
    label: str
    start: int
    end: int
    text: str
    predicted: tuple[Span, ...] = ()  # the overlapping predictions, for boundary and label errors

    def to_dict(self, context: str = "") -> dict:
        return {"kind": self.kind, "label": self.label, "start": self.start, "end": self.end, "text": self.text,
                "predicted": [f"{s.text} [{s.label}]" for s in self.predicted], "context": context}


def span_errors(gold: Sequence[Span], predicted: Sequence[Span]) -> list[SpanError]:
    """Every gold span not predicted exactly, and every prediction that touches no gold span."""
    exact_predicted = {exact_key(s) for s in predicted}
    errors = []
    for g in gold:
        if exact_key(g) in exact_predicted:
            continue
        touching = tuple(p for p in predicted if p.overlaps(g))
        kind = "boundary" if any(p.label == g.label for p in touching) else "label" if touching else "missed"
        errors.append(SpanError(kind, g.label, g.start, g.end, g.text, touching))
    for p in predicted:
        if not any(p.overlaps(g) for g in gold):
            errors.append(SpanError("spurious", p.label, p.start, p.end, p.text))
    return sorted(errors, key=lambda e: (e.start, e.end, e.kind))
