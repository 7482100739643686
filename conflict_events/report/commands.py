"""The ``show`` command: the HTML review page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from conflict_events.app import BatchSize, check_writable, command, load_tagger, read_articles


def assemble_events(articles, spans_per_article) -> list:
    """One entry per article for ``render_report``: the events, or ``NoEvents(reason)``."""
    from conflict_events.events import extract_events
    from conflict_events.report.render import NoEvents

    entries = []
    for article, spans in zip(articles, spans_per_article):
        try:
            entries.append(list(extract_events(article.id, article.text, article.date, list(spans))))
        except Exception as error:  # one bad article must not cost the whole page
            typer.echo(f"events failed for {article.id}: {type(error).__name__}: {error}", err=True)
            entries.append(NoEvents(f"the event assembler failed: {type(error).__name__}: {error}"))
    return entries


@command()
def show(
    inputs: Annotated[list[Path], typer.Argument(help="Annotation files (without --model), or articles in any format `tag` reads (with --model).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write (one self-contained page).", show_default=False)],
    model: Annotated[Optional[Path], typer.Option("--model", "-m", help="Tag the articles with this model (a folder written by `train`). Without it, INPUTS must be annotation files and their own spans and events are shown.", show_default=False)] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="Show only the first N articles.", show_default=False)] = None,
    batch_size: BatchSize = 16,
) -> None:
    """Write a review page: each article with its spans coloured by label (displaCy style),
    followed by its events as a table.

    With --model, spans are the model's and events come from the event assembler. Without --model,
    the gold spans and events of annotation files are shown, e.g. to review an import. The page is
    a single HTML file with inline CSS, no scripts and no external assets; open it in any browser.
    """
    from conflict_events.files import write_text_atomically
    from conflict_events.report.render import render_report

    check_writable(output)
    if model is not None:
        articles, rejected = read_articles(inputs)
        articles = articles[:limit] if limit else articles
        tagger = load_tagger(model, batch_size)
        spans = tagger.predict([a.text for a in articles])
        events = assemble_events(articles, spans)
        subtitle = f"Spans predicted by {model.resolve().name}; {len(rejected)} input records rejected."
    else:
        from conflict_events.corpus import read_corpus

        articles, problems = [], []
        for path in inputs:
            found, bad = read_corpus(path)
            articles += found
            problems += bad
        for problem in problems:
            typer.echo(str(problem), err=True)
        articles = articles[:limit] if limit else articles
        spans = [a.spans for a in articles]
        events = [list(a.events) for a in articles]
        subtitle = f"Annotated spans and events; {len(problems)} annotation problems (articles with problems are not shown)."
    write_text_atomically(output, render_report(articles, spans, events, subtitle=subtitle))
    typer.echo(f"{len(articles)} articles -> {output}", err=True)
