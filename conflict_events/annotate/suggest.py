"""Which article to annotate next: rank unlabelled articles by the model's uncertainty.

Scoring runs the tagger's one forward path (``Tagger.predict_with_probabilities``), so the
probabilities are exactly those ``predict`` decodes, and the spans come from the same pass.

**The measure (default ``entropy``): mean normalised token entropy.** For every distinct sub-word
token of the article (after merging overlapping windows), the entropy of its tag distribution
divided by ``log(number of tags)``, so each token scores between 0 (one tag has all the mass) and
1 (uniform); the article scores the mean over its tokens.

* Token entropy is the classic sequence-labelling uncertainty (Settles & Craven 2008). It sees the
  whole distribution, so a token torn between ``B-ACTOR``, ``B-SOURCE`` and ``O`` counts for more
  than one torn between two tags, which is what disagreements in this label set look like.
* The *mean*, not the sum: a sum ranks long articles first just for being long; the mean ranks
  by how unsure the model is per token, which is what an annotator's hour buys down.
* ``least-confidence`` (mean of ``1 - max probability``) is offered as the alternative; it only
  looks at the top tag. Both are returned for every article so they can be compared.

An empty text has no tokens and scores 0 (nothing to annotate), so it ranks last.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass
from typing import Iterable, Iterator, Literal, Sequence

import numpy as np

from conflict_events.spans import Span

Method = Literal["entropy", "least-confidence"]
METHODS: tuple[str, ...] = ("entropy", "least-confidence")


@dataclass(frozen=True)
class Uncertainty:
    tokens: int
    entropy: float  # mean normalised token entropy, 0-1
    least_confidence: float  # mean of 1 - max tag probability, 0-1

    def value(self, method: Method = "entropy") -> float:
        if method == "entropy":
            return self.entropy
        if method == "least-confidence":
            return self.least_confidence
        raise ValueError(f"unknown method {method!r} (expected one of {', '.join(METHODS)})")


def token_uncertainty(probabilities: np.ndarray) -> Uncertainty:
    """Uncertainty of one article from its (tokens x tags) probability rows."""
    rows = np.asarray(probabilities, dtype=np.float64)
    if rows.ndim != 2 or len(rows) == 0:
        return Uncertainty(0, 0.0, 0.0)
    tags = rows.shape[1]
    clipped = np.clip(rows, 1e-12, 1.0)
    entropy = -(rows * np.log(clipped)).sum(axis=1) / (math.log(tags) if tags > 1 else 1.0)
    least = 1.0 - rows.max(axis=1)
    return Uncertainty(len(rows), float(np.clip(entropy, 0.0, 1.0).mean()), float(np.clip(least, 0.0, 1.0).mean()))


def score_texts(tagger, texts: Sequence[str]) -> list[tuple[list[Span], Uncertainty]]:
    """Spans (as ``Tagger.predict`` returns them) and uncertainty for each text, in one pass."""
    results = tagger.predict_with_probabilities(texts)
    return [(r.spans, token_uncertainty(r.probabilities)) for r in results]


def score_stream(tagger, texts: Iterable[str], chunk_size: int = 64) -> Iterator[tuple[list[Span], Uncertainty]]:
    """``score_texts`` over an iterable in chunks, for dumps too large to hold at once."""
    chunk: list[str] = []
    for text in texts:
        chunk.append(text)
        if len(chunk) == chunk_size:
            yield from score_texts(tagger, chunk)
            chunk = []
    if chunk:
        yield from score_texts(tagger, chunk)


@dataclass(frozen=True)
class Suggestion:
    rank: int
    article: object  # an InputArticle
    spans: tuple[Span, ...]
    uncertainty: Uncertainty
    score: float  # uncertainty.value(method)


def rank_articles(scored: Iterable[tuple[object, list[Span], Uncertainty]], n: int,
                  method: Method = "entropy") -> list[Suggestion]:
    """The ``n`` most uncertain of ``(article, spans, uncertainty)`` triples, most uncertain first;
    ties keep input order. Streams: only ``n`` articles are held at a time."""
    if n < 1:
        raise ValueError("n must be >= 1")
    best = heapq.nlargest(
        n, ((u.value(method), -order, article, spans, u) for order, (article, spans, u) in enumerate(scored)),
        key=lambda item: (item[0], item[1]),
    )
    return [Suggestion(rank, article, tuple(spans), u, value)
            for rank, (value, _, article, spans, u) in enumerate(best, start=1)]
