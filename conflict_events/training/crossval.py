"""Leave-one-article-out cross-validation.

Folds are taken by article over the real (non-synthetic) articles: each fold trains on the
synthetic corpus plus the other real articles and tags the held-out one with the same
``Tagger.predict`` path users call. Predictions of all folds are pooled and scored once, so
the table is the accuracy on text the model never saw.

Several inference settings (decoder, window merge, int8) can be scored from the same fold
models, so comparing them costs no extra training.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

from conflict_events.corpus import Article, load_corpus
from conflict_events.folds import FOLDINGS, SPENT_FOLDINGS
from conflict_events.model.tagger import Tagger
from conflict_events.spans import Span
from conflict_events.training.config import TrainConfig
from conflict_events.training.evaluate import SpanReport, evaluate_spans
from conflict_events.training.train import train_on_articles

DEFAULT_VARIANT = "default"


@dataclass(frozen=True)
class CrossValResult:
    reports: dict[str, SpanReport]  # one per inference variant
    held_out: tuple[Article, ...]
    predictions: dict[str, tuple[tuple[Span, ...], ...]]  # variant -> aligned with held_out
    fold_seconds: tuple[float, ...]

    @property
    def report(self) -> SpanReport:
        return self.reports[DEFAULT_VARIANT] if DEFAULT_VARIANT in self.reports else next(iter(self.reports.values()))


@dataclass(frozen=True)
class Fold:
    name: str
    train: list[Article]
    held_out: list[Article]


def article_folds(articles: Sequence[Article]) -> list[Fold]:
    """Leave one real article out at a time; synthetic articles always train."""
    real = [a for a in articles if not a.synthetic]
    if len(real) < 2:
        raise ValueError(f"cross-validation needs at least two real (non-synthetic) articles, found {len(real)}")
    synthetic = [a for a in articles if a.synthetic]
    return [Fold(held.id, synthetic + [b for b in real if b.id != held.id], [held]) for held in real]


def synthetic_to_real_fold(articles: Sequence[Article]) -> list[Fold]:
    """One fold: train on the synthetic corpus only, test on every real article. Five times
    cheaper than leaving one real article out, and stricter: no real text is seen in training."""
    real = [a for a in articles if not a.synthetic]
    synthetic = [a for a in articles if a.synthetic]
    if not real or not synthetic:
        raise ValueError("the synthetic-to-real protocol needs both synthetic and real articles")
    return [Fold("synthetic-to-real", synthetic, real)]


def grouped_folds(grouping: str) -> Callable[[Sequence[Article]], list[Fold]]:
    """Folds that hold out a whole group of articles (a world region, a text form), from
    ``conflict_events.folds``; everything outside the group trains."""

    def make(articles: Sequence[Article]) -> list[Fold]:
        groups = FOLDINGS[grouping](articles)
        if not groups:
            raise ValueError(f"the {grouping} protocol found no article to hold out")
        return [Fold(name, [a for i, a in enumerate(articles) if i not in set(indices)], [articles[i] for i in indices])
                for name, indices in groups.items()]

    return make


# The unseen-source protocols: "regions" holds out each world region's articles (unseen
# countries), "forms" each new text form's (briefs and round-ups; monitor reports, live updates
# and translated press).
PROTOCOLS = {"leave-one-out": article_folds, "synthetic-to-real": synthetic_to_real_fold,
             "regions": grouped_folds("regions"), "forms": grouped_folds("forms"),
             "untouched": grouped_folds("untouched"),
             # each spent untouched part, one protocol apiece, as conflict_events.folds names them
             **{name: grouped_folds(name) for name in SPENT_FOLDINGS}}


def cross_validate(
    config: TrainConfig,
    variants: Mapping[str, Mapping[str, object]] | None = None,
    articles: Sequence[Article] | None = None,
    on_fold: Callable[[int, int, Fold, float], None] | None = None,
    keep_models: Path | None = None,
    protocol: str = "leave-one-out",
    reuse_models: bool = False,
    only_folds: Sequence[str] | None = None,
) -> CrossValResult:
    """Train one model per fold (in a temporary folder unless ``keep_models``) and pool the
    held-out predictions of every inference variant. A variant is a set of ``InferenceConfig``
    overrides for ``Tagger.load``; the rest (window length and stride) is what the model saved. With ``reuse_models``, a fold whose model is already under
    ``keep_models`` is not trained again (to score new inference variants of an earlier run).
    ``only_folds`` (fold names) runs a subset of the protocol's folds, e.g. for a reduced sweep;
    fold numbers in ``keep_models`` stay those of the full protocol so models can be reused."""
    articles = list(articles) if articles is not None else load_corpus(config.annotations)
    if not config.include_synthetic:
        articles = [a for a in articles if not a.synthetic]
    variants = dict(variants or {DEFAULT_VARIANT: {}})
    folds = PROTOCOLS[protocol](articles)
    if only_folds is not None:
        unknown = set(only_folds) - {fold.name for fold in folds}
        if unknown:
            raise ValueError(f"no fold named {sorted(unknown)} in protocol {protocol!r}: {[fold.name for fold in folds]}")
    chosen = [i for i, fold in enumerate(folds) if only_folds is None or fold.name in only_folds]
    held_out: list[Article] = []
    predictions: dict[str, list[tuple[Span, ...]]] = {name: [] for name in variants}
    seconds: list[float] = []
    for position, index in enumerate(chosen):
        fold = folds[index]
        train_articles, tested = fold.train, fold.held_out
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="crossval-") as folder:
            model_dir = (keep_models / f"fold-{index}") if keep_models else Path(folder) / "model"
            if not (reuse_models and (model_dir / "config.json").is_file()):
                train_on_articles(train_articles, replace(config, output=model_dir), progress=False)
            for name, overrides in variants.items():
                tagger = Tagger.load(model_dir, **overrides)
                predictions[name].extend(tuple(spans) for spans in tagger.predict([a.text for a in tested]))
        held_out.extend(tested)
        seconds.append(time.perf_counter() - started)
        if on_fold is not None:
            on_fold(position, len(chosen), fold, seconds[-1])
    texts, gold = [a.text for a in held_out], [a.spans for a in held_out]
    reports = {name: evaluate_spans(texts, gold, predicted) for name, predicted in predictions.items()}
    return CrossValResult(reports, tuple(held_out), {k: tuple(v) for k, v in predictions.items()}, tuple(seconds))


def variant_predictions(result: CrossValResult, variant: str) -> tuple[tuple[Span, ...], ...]:
    """The held-out predictions of ``variant``, or of the first variant scored when it was not."""
    return result.predictions.get(variant) or next(iter(result.predictions.values()))


def held_out_predictions(result: CrossValResult, variant: str = DEFAULT_VARIANT) -> list[dict]:
    """Each held-out article with the spans its fold's model predicted, in the annotation format
    (``id``, ``date``, ``text``, ``spans``), so that later steps (the event study) can read the
    predictions of models that never saw the article."""
    return [{"id": article.id, "date": article.date, "text": article.text,
             "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans]}
            for article, spans in zip(result.held_out, variant_predictions(result, variant))]


def read_held_out_predictions(path: Path) -> dict[str, tuple[Span, ...]]:
    """Article id -> spans, from a file :func:`held_out_predictions` rows were written to; a bad row
    fails with the file, the line and the reason."""
    by_id = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            text = row["text"]
            by_id[row["id"]] = tuple(Span(s["start"], s["end"], s["label"], text[s["start"]:s["end"]]) for s in row["spans"])
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a prediction row ({error})") from None
    return by_id


def held_out_errors(result: CrossValResult, variant: str = DEFAULT_VARIANT, context_chars: int = 40) -> list[dict]:
    """Every held-out span error of one variant as a flat record (article id, kind, label, text,
    overlapping predictions, context), ready for JSONL and pandas."""
    from conflict_events.training.evaluate import span_errors

    records = []
    for article, predicted in zip(result.held_out, variant_predictions(result, variant)):
        for error in span_errors(article.spans, predicted):
            context = article.text[max(0, error.start - context_chars) : error.end + context_chars]
            records.append({"article_id": article.id, **error.to_dict(context)})
    return records


def held_out_event_report(result: CrossValResult, variant: str = DEFAULT_VARIANT):
    """Events assembled from each fold's held-out predicted spans, scored against the gold events."""
    from conflict_events.events import evaluate_events, extract_events

    events = [e for article, spans in zip(result.held_out, variant_predictions(result, variant)) for e in extract_events(article.id, article.text, article.date, spans)]
    return evaluate_events(events, result.held_out)
