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
    return viterbi_tags_many([probabilities], tags, transitions)[0]


def viterbi_tags_many(
    sequences: Sequence[np.ndarray], tags: Sequence[str] = _TAGS, transitions: np.ndarray | None = None
) -> list[list[int]]:
    """``viterbi_tags`` for many sequences at once, with the same arithmetic and so the same paths.

    Viterbi is a loop over positions; run per article, its Python steps took 6.6% of the model's
    time in a CPU batch run (2.8% batched, on the 1k benchmark dump). Here step ``t`` advances every
    sequence longer than ``t`` in one numpy operation: the sequences are sorted longest first, so
    those still running are a prefix, and their rows are gathered from one flat array."""
    paths: list[list[int]] = [[] for _ in sequences]
    order = sorted((i for i in range(len(sequences)) if len(sequences[i])), key=lambda i: -len(sequences[i]))
    if not order:
        return paths
    lengths = np.array([len(sequences[i]) for i in order])
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    log_p = np.concatenate([np.log(np.clip(sequences[i], 1e-12, 1.0)) for i in order])
    running = np.searchsorted(-lengths, -np.arange(lengths[0]), side="left")  # running[t]: sequences longer than t
    forbidden = np.where(_allowed_transitions(tags), 0.0, -np.inf)
    if transitions is not None:
        forbidden = forbidden + transitions
    can_start = np.array([not tag.startswith("I-") for tag in tags])
    score = np.where(can_start, log_p[starts], -np.inf).astype(np.float64)  # float64 like the steps after
    backpointers = [np.zeros((0, len(tags)), dtype=np.int64)]  # backpointers[t]: (running[t], to) -> from
    for t in range(1, lengths[0]):
        k = running[t]
        candidates = score[:k, :, None] + forbidden  # (sequence, from, to)
        backpointers.append(candidates.argmax(axis=1))
        score[:k] = candidates.max(axis=1) + log_p[starts[:k] + t]
    best = np.empty(len(log_p), dtype=np.int64)
    current = score.argmax(axis=1)  # each sequence's last tag (finished sequences kept their final scores)
    for t in range(lengths[0] - 1, -1, -1):
        k = running[t]
        best[starts[:k] + t] = current[:k]
        if t:
            current[:k] = backpointers[t][np.arange(k), current[:k]]
    for row, i in enumerate(order):
        paths[i] = best[starts[row] : starts[row] + lengths[row]].tolist()
    return paths


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
    if len(tag_indices) == 0:
        return []
    indices = np.asarray(tag_indices, dtype=np.int64)
    chosen = probabilities[np.arange(len(indices)), indices].astype(np.float64)
    outside = tags.index("O")
    spans: list[Span] = []
    current: tuple[int, int, str] | None = None  # first token, last token, label

    def close() -> None:
        if current is not None:
            first, last, label = current
            spans.append(span_from_text(text, offsets[first][0], offsets[last][1], label, float(np.mean(chosen[first : last + 1]))))

    # Only tagged tokens are visited (most are O); a gap between two of them is an O, which ends a span.
    for i in np.flatnonzero(indices != outside).tolist():
        tag = tags[indices[i]]
        if tag.startswith("I-") and current is not None and current[1] == i - 1 and current[2] == tag[2:]:
            current = (current[0], i, current[2])
        else:
            close()
            current = (i, i, tag[2:])
    close()
    return spans


def decode(
    text: str, offsets: Sequence[Offset], probabilities: np.ndarray, decoder: Decoder = "viterbi",
    transitions: np.ndarray | None = None,
) -> list[Span]:
    """Spans from per-token probabilities (special tokens already removed)."""
    return decode_many([text], [offsets], [probabilities], decoder, transitions)[0]


def decode_many(
    texts: Sequence[str], offsets: Sequence[Sequence[Offset]], probabilities: Sequence[np.ndarray],
    decoder: Decoder = "viterbi", transitions: np.ndarray | None = None,
) -> list[list[Span]]:
    """``decode`` for many texts: the Viterbi decoders run over all of them at once."""
    if decoder == "viterbi":
        paths = viterbi_tags_many(probabilities)
    elif decoder == "transitions":
        if transitions is None:
            raise ValueError("the 'transitions' decoder needs tag transitions saved with the model (train a new one)")
        paths = viterbi_tags_many(probabilities, transitions=transitions)
    elif decoder == "greedy":
        paths = [p.argmax(axis=-1).tolist() if len(p) else [] for p in probabilities]
    else:
        raise ValueError(f"unknown decoder {decoder!r}; use 'greedy', 'viterbi' or 'transitions'")
    return [tags_to_spans(*item) for item in zip(texts, offsets, paths, probabilities)]
