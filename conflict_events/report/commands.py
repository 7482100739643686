"""The ``show`` command: the HTML review page. Registered in ``conflict_events/cli.py`` with
``app.command("show")(show)``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Callable, Optional

import typer


def find_event_extractor() -> Callable | None:
    """``conflict_events.events.extract_events(article_id, text, date, spans)`` when it exists."""
    try:
        from conflict_events.events import extract_events
    except ImportError:
        return None
    return extract_events


def assemble_events(extractor: Callable | None, articles, spans_per_article) -> list:
    """One entry per article for ``render_report``: the events, or ``NoEvents(reason)``."""
    from conflict_events.report.render import NoEvents

    if extractor is None:
        reason = "conflict_events.events.extract_events is not available yet"
        return [NoEvents(reason) for _ in articles]
    entries = []
    for article, spans in zip(articles, spans_per_article):
        try:
            entries.append(list(extractor(article.id, article.text, article.date, list(spans))))
        except Exception as error:  # one bad article must not cost the whole page
            typer.echo(f"events failed for {article.id}: {type(error).__name__}: {error}", err=True)
            entries.append(NoEvents(f"the event assembler failed: {type(error).__name__}: {error}"))
    return entries


def show(
    inputs: Annotated[list[Path], typer.Argument(help="Articles: JSONL of {id, text, date?, title?} (annotation files included), .txt files, or folders.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write (one self-contained page).")],
    model: Annotated[Optional[Path], typer.Option("--model", "-m", help="Tag the articles with this model (a folder written by `train`). Without it, INPUTS must be annotation files and their own spans and events are shown.")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Show only the first N articles.")] = None,
    batch_size: Annotated[int, typer.Option(help="Windows per forward pass.")] = 16,
) -> None:
    """Write a review page: each article with its spans coloured by label (displaCy style),
    followed by its events as a table.

    With --model, spans are the model's and events come from the event assembler
    (conflict_events.events.extract_events) when it is available. Without --model, the gold spans
    and events of annotation files are shown, e.g. to review an import. The page is a single HTML
    file with inline CSS, no scripts and no external assets; open it in any browser.
    """
    from conflict_events.report.render import render_report

    if model is not None:
        from conflict_events.annotate.commands import load_model, read_articles

        articles, rejected = read_articles(inputs)
        articles = articles[:limit] if limit else articles
        tagger = load_model(model, batch_size)
        spans = tagger.predict([a.text for a in articles])
        events = assemble_events(find_event_extractor(), articles, spans)
        subtitle = f"Spans predicted by {model.resolve().name}; {len(rejected)} input records rejected."
    else:
        from conflict_events.corpus import read_corpus

        articles, problems = [], []
        for path in inputs:
            try:
                found, bad = read_corpus(path)
            except FileNotFoundError as error:
                typer.echo(str(error), err=True)
                raise typer.Exit(1)
            articles += found
            problems += bad
        for problem in problems:
            typer.echo(str(problem), err=True)
        articles = articles[:limit] if limit else articles
        spans = [a.spans for a in articles]
        events = [list(a.events) for a in articles]
        subtitle = f"Annotated spans and events; {len(problems)} annotation problems (articles with problems are not shown)."
    page = render_report(articles, spans, events, subtitle=subtitle)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(page, encoding="utf-8")
    typer.echo(f"{len(articles)} articles -> {output}", err=True)
