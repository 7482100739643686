"""Commands for event assembly that need no model.

* ``events-gold``  -- events from the GOLD spans of annotation files (JSONL / CSV / Parquet).
* ``events-eval``  -- score events (a JSONL written by ``write_events``, or the gold-span events)
  against the gold events, plus a geocoding check of the gold places.
* ``events-merge`` -- merge a JSONL of events across articles and write it in any format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from conflict_events.app import check_writable, command, fail

Format = Annotated[Optional[str], typer.Option("--format", "-f", help="jsonl, csv or parquet (default: from the output suffix).")]


def _gold(annotations: Path):
    from conflict_events.corpus import InvalidAnnotations, load_corpus

    try:
        return load_corpus(annotations)
    except InvalidAnnotations as error:
        fail(f"cannot read {annotations}:\n{error}")


@command("events-gold")
def events_gold(
    annotations: Annotated[Path, typer.Argument(help="Annotation JSONL file or folder.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the events.")] = Path("runs/events.jsonl"),
    fmt: Format = None,
    merge: Annotated[bool, typer.Option(help="Merge events from different articles that report one incident.")] = True,
) -> None:
    """Assemble events from the gold spans of annotated articles (no model)."""
    from conflict_events.events import extract_events, merge_events, write_events

    check_writable(output)
    events = [e for a in _gold(annotations) for e in extract_events(a.id, a.text, a.date, a.spans)]
    if merge:
        events = merge_events(events)
    path = write_events(events, output, fmt)
    typer.echo(f"{len(events)} events written to {path}", err=True)


@command("events-eval")
def events_eval(
    annotations: Annotated[Path, typer.Argument(help="Annotation JSONL file or folder with gold events.")],
    predicted: Annotated[Optional[Path], typer.Option(help="Events JSONL to score; default: events built from the gold spans.")] = None,
) -> None:
    """Event precision/recall/F1 and per-field accuracy against gold events, and geocoding accuracy."""
    from conflict_events.events import evaluate_events, evaluate_geocoding, extract_events
    from conflict_events.events.export import read_events_jsonl

    articles = _gold(annotations)
    if predicted is not None:
        events = read_events_jsonl(predicted)
    else:
        events = [e for a in articles for e in extract_events(a.id, a.text, a.date, a.spans)]
    report = evaluate_events(events, articles)
    typer.echo(report.format())
    typer.echo(json.dumps({"events": report.to_dict(), "geocoding": evaluate_geocoding(articles).to_dict()}, indent=2))


@command("events-merge")
def events_merge(
    events_file: Annotated[Path, typer.Argument(help="Events JSONL (from write_events).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the merged events.")],
    fmt: Format = None,
) -> None:
    """Merge events across articles and write them (JSONL, CSV with ACLED columns first, or Parquet)."""
    from conflict_events.events import merge_events, write_events
    from conflict_events.events.export import read_events_jsonl

    check_writable(output)
    events = read_events_jsonl(events_file)
    merged = merge_events(events)
    path = write_events(merged, output, fmt)
    typer.echo(f"{len(events)} events -> {len(merged)} after merging, written to {path}", err=True)
