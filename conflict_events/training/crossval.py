"""Leave-one-article-out cross-validation.

Folds are taken by article over the real (non-synthetic) articles: each fold trains on the
synthetic corpus plus the other real articles and tags the held-out one with the same
``Tagger.predict`` path users call. Predictions of all folds are pooled and scored once, so
the table is the accuracy on text the model never saw.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from conflict_events.corpus import Article, load_corpus
from conflict_events.model.tagger import InferenceConfig, Tagger
from conflict_events.spans import Span
from conflict_events.training.config import TrainConfig
from conflict_events.training.evaluate import SpanReport, evaluate_spans
from conflict_events.training.train import train_on_articles


@dataclass(frozen=True)
class CrossValResult:
    report: SpanReport
    held_out: tuple[Article, ...]
    predictions: tuple[tuple[Span, ...], ...]  # aligned with held_out
    fold_seconds: tuple[float, ...]


def article_folds(articles: Sequence[Article]) -> list[tuple[list[Article], Article]]:
    """(training articles, held-out article) for every real article; synthetic ones always train."""
    real = [a for a in articles if not a.synthetic]
    if len(real) < 2:
        raise ValueError(f"cross-validation needs at least two real (non-synthetic) articles, found {len(real)}")
    synthetic = [a for a in articles if a.synthetic]
    return [(synthetic + [b for b in real if b.id != held.id], held) for held in real]


def cross_validate(
    config: TrainConfig,
    inference: InferenceConfig | None = None,
    articles: Sequence[Article] | None = None,
    on_fold: Callable[[int, int, Article, float], None] | None = None,
) -> CrossValResult:
    """Train one model per fold in a temporary folder and pool the held-out predictions."""
    articles = list(articles) if articles is not None else load_corpus(config.annotations)
    if not config.include_synthetic:
        articles = [a for a in articles if not a.synthetic]
    folds = article_folds(articles)
    held_out, predictions, seconds = [], [], []
    for index, (train_articles, held) in enumerate(folds):
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="crossval-") as folder:
            fold_config = replace(config, output=Path(folder) / "model")
            train_on_articles(train_articles, fold_config, progress=False)
            tagger = Tagger.load(fold_config.output, inference)
            predictions.append(tuple(tagger.predict([held.text])[0]))
        held_out.append(held)
        seconds.append(time.perf_counter() - started)
        if on_fold is not None:
            on_fold(index, len(folds), held, seconds[-1])
    report = evaluate_spans([a.text for a in held_out], [a.spans for a in held_out], predictions)
    return CrossValResult(report, tuple(held_out), tuple(predictions), tuple(seconds))
