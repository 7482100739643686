"""The ``train-events`` command: add the trained event layer to a model folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from conflict_events.app import ModelDir, check_model, check_writable, command, fail
from conflict_events.event_layer.config import EventLayerTrainConfig

DEFAULTS = EventLayerTrainConfig()


@command("train-events")
def train_events(
    model: ModelDir,
    annotations: Annotated[Path, typer.Option(help="Annotation file or folder whose events carry argument links.")] = Path("annotations"),
    epochs: Annotated[int, typer.Option(min=0, help="Training epochs of the event heads; 0 chooses them on a development split of the annotations.")] = DEFAULTS.epochs,
    seed: Annotated[int, typer.Option(help="Random seed.")] = DEFAULTS.seed,
    encoder: Annotated[str, typer.Option(help="Frozen encoder the heads read: 'default' (the packaged MiniLM), "
                                              "'pkg:PACKAGE', a folder or a hub name.")] = "default",
) -> None:
    """Train the event layer (argument roles, event coreference, event type, casualty groups) on the
    annotations' argument links and save it beside the tagger in --model; `extract` then uses it."""
    from conflict_events.corpus import load_corpus
    from conflict_events.event_layer.train import MissingLinks, train_event_layer

    check_model(model)
    check_writable(model / "event_layer.json")
    articles = load_corpus(annotations)
    try:
        train_event_layer(articles, model, EventLayerTrainConfig(epochs=epochs or None, seed=seed), encoder,
                          progress=lambda line: typer.echo(line, err=True))
    except MissingLinks as error:
        fail(str(error))
