"""Token probabilities -> character spans.

Three decoders: ``greedy`` takes each token's arg-max tag and repairs an ``I-X`` that follows
nothing of label X by starting a span there; ``viterbi`` finds the most probable tag sequence
that is valid BIO (no ``I-X`` after ``O`` or after another label), which keeps spans whole when
the model hesitates on an inner sub-word; ``transitions`` adds to that the tag-bigram
log-probabilities counted on the training data (saved in the model config), a CRF-style
transition layer that leaves the model itself a plain token classifier, loadable by
``transformers.pipeline``.
"""

from __future__ import annotations

from typing import Literal, Sequence

import numpy as np

from conflict_events.labels import ID2LABEL
from conflict_events.spans import Span, span_from_text

Decoder = Literal["greedy", "viterbi", "transitions"]
Offset = tuple[int, int]

_TAGS = [ID2LABEL[i] for i in range(len(ID2LABEL))]


def _allowed_transitions(tags: Sequence[str]) -> np.ndarray:
    """allowed[i, j]: may tag j follow tag i?  Only ``I-X`` is restricted."""
    allowed = np.ones((len(tags), len(tags)), dtype=bool)
    for j, to_tag in enumerate(tags):
        if to_tag.startswith("I-"):
            for i, from_tag in enumerate(tags):
                allowed[i, j] = from_tag != "O" and from_tag[2:] == to_tag[2:]
    return allowed


def transition_log_probabilities(tag_sequences: Sequence[Sequence[int]], n_tags: int, smoothing: float = 1.0) -> np.ndarray:
    """Transition scores log P(next | tag) - log P(next) from training sequences (add-``smoothing``).

    The token probabilities already carry each tag's overall frequency, so adding plain
    log P(next | tag) would count that prior twice and push every path towards ``O``; the ratio
    keeps only what the previous tag tells about the next one."""
    counts = np.full((n_tags, n_tags), smoothing)
    for sequence in tag_sequences:
        for previous, current in zip(sequence, sequence[1:]):
            counts[previous, current] += 1
    conditional = counts / counts.sum(axis=1, keepdims=True)
    marginal = counts.sum(axis=0) / counts.sum()
    return np.log(conditional) - np.log(marginal)[None, :]


def viterbi_tags(probabilities: np.ndarray, tags: Sequence[str] = _TAGS, transitions: np.ndarray | None = None) -> list[int]:
    """Most probable valid BIO sequence for a (tokens x tags) probability matrix, optionally
    with transition log-probabilities added to every step."""
    if len(probabilities) == 0:
        return []
    log_p = np.log(np.clip(probabilities, 1e-12, 1.0))
    forbidden = np.where(_allowed_transitions(tags), 0.0, -np.inf)
    if transitions is not None:
        forbidden = forbidden + transitions
    can_start = np.array([not tag.startswith("I-") for tag in tags])
    score = np.where(can_start, log_p[0], -np.inf)
    backpointers = np.zeros(log_p.shape, dtype=np.int64)
    for t in range(1, len(log_p)):
        candidates = score[:, None] + forbidden  # from x to
        backpointers[t] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + log_p[t]
    best = [int(score.argmax())]
    for t in range(len(log_p) - 1, 0, -1):
        best.append(int(backpointers[t, best[-1]]))
    return best[::-1]


def tags_to_spans(
    text: str,
    offsets: Sequence[Offset],
    tag_indices: Sequence[int],
    probabilities: np.ndarray,
    tags: Sequence[str] = _TAGS,
) -> list[Span]:
    """Group consecutive tokens into spans. A span runs from its first token's start to its last
    token's end, so it always points into ``text``; its score is the mean probability of the
    chosen tags. An ``I-X`` that cannot continue a span of X starts one (greedy repair)."""
    spans: list[Span] = []
    current: tuple[int, int, str, list[float]] | None = None  # start, end, label, token scores

    def close() -> None:
        if current is not None:
            start, end, label, scores = current
            spans.append(span_from_text(text, start, end, label, float(np.mean(scores))))

    for (start, end), tag_index, token_probabilities in zip(offsets, tag_indices, probabilities):
        tag = tags[tag_index]
        prob = float(token_probabilities[tag_index])
        if tag == "O":
            close()
            current = None
        elif tag.startswith("I-") and current is not None and current[2] == tag[2:]:
            current = (current[0], end, current[2], current[3] + [prob])
        else:
            close()
            current = (start, end, tag[2:], [prob])
    close()
    return spans


def decode(
    text: str, offsets: Sequence[Offset], probabilities: np.ndarray, decoder: Decoder = "viterbi",
    transitions: np.ndarray | None = None,
) -> list[Span]:
    """Spans from per-token probabilities (special tokens already removed)."""
    if decoder == "viterbi":
        indices = viterbi_tags(probabilities)
    elif decoder == "transitions":
        if transitions is None:
            raise ValueError("the 'transitions' decoder needs tag transitions saved with the model (train a new one)")
        indices = viterbi_tags(probabilities, transitions=transitions)
    elif decoder == "greedy":
        indices = [int(i) for i in probabilities.argmax(axis=-1)] if len(probabilities) else []
    else:
        raise ValueError(f"unknown decoder {decoder!r}; use 'greedy', 'viterbi' or 'transitions'")
    return tags_to_spans(text, offsets, indices, probabilities)
