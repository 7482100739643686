"""Commands of the annotation loop: ``validate``, ``pre-annotate``, ``import`` and ``suggest``."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from conflict_events.app import Articles, BatchSize, ModelDir, check_writable, command, fail, load_tagger, read_articles



class ToolFormat(str, Enum):
    label_studio = "label-studio"
    doccano = "doccano"
    both = "both"


class ExportFormat(str, Enum):
    auto = "auto"
    label_studio = "label-studio"
    label_studio_min = "label-studio-min"
    doccano = "doccano"


class Measure(str, Enum):
    entropy = "entropy"
    least_confidence = "least-confidence"


def plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


@command()
def validate(
    paths: Annotated[list[Path], typer.Argument(help="Annotation JSONL files or folders (searched recursively).")],
    allow_missing_arguments: Annotated[bool, typer.Option(
        "--allow-missing-arguments", help="Accept events without argument links (files annotated before links existed).")] = False,
) -> None:
    """Check annotation files: spans (overlap, nesting, range, whitespace edges, labels), events and
    their argument links (each a span of a fitting label; killed/wounded totals match the linked figures).

    Each problem is printed as `file:line: span START-END 'text': reason`; the exit code is 1 if any."""
    from conflict_events.corpus import read_corpus

    total_articles, total_problems = 0, 0
    for path in paths:
        articles, problems = read_corpus(path, require_arguments=not allow_missing_arguments)
        for problem in problems:
            typer.echo(str(problem))
        total_articles += len(articles)
        total_problems += len(problems)
    typer.echo(f"{total_articles} valid articles, {total_problems} problems", err=True)
    if total_problems:
        raise typer.Exit(1)


def _annotated(path: Optional[Path]) -> tuple[set[str], set[str]]:
    """Ids and text hashes already annotated under ``path`` (nothing when path is None)."""
    from conflict_events.annotate.preannotate import annotated_keys
    from conflict_events.corpus import read_corpus

    if path is None:
        return set(), set()
    articles, problems = read_corpus(path)
    if problems:
        typer.echo(f"note: {path} has {len(problems)} annotation problems (see `conflict-events validate {path}`); "
                   "its valid articles are still left out", err=True)
    return annotated_keys(articles)


@command("pre-annotate")
def pre_annotate(
    inputs: Articles,
    model: ModelDir,
    output_dir: Annotated[Path, typer.Option("--output-dir", "-o", help="Folder for label_studio_tasks.json, label_studio_config.xml and doccano.jsonl.")],
    tool: Annotated[ToolFormat, typer.Option("--format", help="Which tool's files to write.")] = ToolFormat.both,
    skip_annotated: Annotated[Optional[Path], typer.Option(help="Annotation file or folder: articles whose id or exact text is already annotated there are left out.")] = None,
    model_version: Annotated[Optional[str], typer.Option(help="Model name stored with the predictions (default: the model folder's name).")] = None,
    batch_size: BatchSize = 16,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files already in --output-dir.")] = False,
) -> None:
    """Write model predictions for new articles as annotation-tool imports.

    Label Studio: import label_studio_tasks.json into a project whose labeling config is
    label_studio_config.xml (Settings > Labeling Interface > Code); each task's prediction score is
    the model's confidence, so sorting by it ascending puts the least certain articles first.
    doccano: upload doccano.jsonl to a sequence-labeling project (format JSONL, column "label").
    Every task stores the article id, date, title and the sha256 of its exact text; `import`
    uses them to rebuild annotation records and to refuse exports made from another text version.
    """
    from conflict_events.annotate.preannotate import OUTPUT_FILES, pre_annotate as run, write_outputs
    from conflict_events.annotate.formats import text_hash

    formats = ("label-studio", "doccano") if tool == ToolFormat.both else (tool.value,)
    kinds = list(formats) + (["config"] if "label-studio" in formats else [])
    targets = [output_dir / OUTPUT_FILES[k] for k in kinds]
    existing = [str(p) for p in targets if p.exists()]
    if existing and not force:
        fail(f"refusing to overwrite {', '.join(existing)} (use --force)")
    for target in targets:
        check_writable(target)
    articles, rejected = read_articles(inputs)
    done_ids, done_hashes = _annotated(skip_annotated)
    fresh = [a for a in articles if a.id not in done_ids and text_hash(a.text) not in done_hashes]
    tagger = load_tagger(model, batch_size)
    items = list(run(tagger, fresh))
    written = write_outputs(output_dir, items, model_version or Path(model).resolve().name, formats)
    for kind, path in written.items():
        typer.echo(f"{kind}: {path}", err=True)
    typer.echo(f"read {len(articles) + len(rejected)}, pre-annotated {len(items)} "
               f"({sum(len(i.spans) for i in items)} spans), already annotated {len(articles) - len(fresh)}, "
               f"rejected {len(rejected)}", err=True)


@command("import")
def import_annotations(
    exports: Annotated[list[Path], typer.Argument(help="Export files: Label Studio JSON or JSON-MIN (.json), doccano JSONL (.jsonl).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Annotation JSONL to write.")],
    export_format: Annotated[ExportFormat, typer.Option("--format", help="Export format; auto: .jsonl is doccano, a .json list of tasks with 'data' is Label Studio JSON, else JSON-MIN.")] = ExportFormat.auto,
    against: Annotated[Optional[list[Path]], typer.Option(help="Current articles (JSONL/.txt/folders): also refuse an article whose exported text differs from its text here.")] = None,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Write the valid articles even when others have problems (they are still listed); exit code 0.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
) -> None:
    """Read annotation-tool exports back into annotation JSONL ({id, date, title, text, spans, events}).

    Every article passes the same checks as `validate`, reported as `file:line: ...` (doccano)
    or `file:task N: ...` (N = position in a Label Studio export). A span whose text in the export
    differs from the article text at its offsets is refused, and so is an article whose text no longer has the
    sha256 stored at pre-annotation: nothing is ever re-aligned. By default nothing is written
    when there is any problem. Tasks nobody annotated are skipped and counted.
    """
    from conflict_events.annotate.importer import import_exports, reference_hashes
    from conflict_events.files import write_text_atomically

    if output.exists() and not force:
        fail(f"refusing to overwrite {output} (use --force, or choose another --output)")
    check_writable(output)
    reference = {}
    if against:
        articles, _ = read_articles(against)
        reference = reference_hashes(articles)
    result = import_exports(exports, export_format.value, reference)
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
    for problem in result.problems:
        typer.echo(str(problem))
    summary = (f"{plural(result.tasks, 'task')}, {plural(len(result.records), 'valid article')}, "
               f"{plural(len(result.problems), 'problem')}, {len(result.unannotated)} not annotated")
    if result.unannotated:
        shown = ", ".join(result.unannotated[:5]) + (" ..." if len(result.unannotated) > 5 else "")
        typer.echo(f"not annotated (skipped): {shown}", err=True)
    if result.problems and not skip_invalid:
        fail(f"{summary}; nothing written (fix the export, or use --skip-invalid)")
    if not result.records:
        fail(f"{summary}; no annotated article to write")  # an empty file would fail `validate`
    write_text_atomically(output, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in result.records))
    typer.echo(f"{summary} -> {output}", err=True)


def _snippet(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"


def format_table(suggestions, measure: str) -> str:
    width = max(len(measure), 7)
    header = f"{'rank':>4}  {measure:>{width}}  {'tokens':>6}  {'spans':>5}  {'id':<20}  {'date':<10}  title / text"
    lines = [header, "-" * len(header)]
    for s in suggestions:
        article = s.article
        title = article.extra.get("title") if isinstance(article.extra.get("title"), str) else None
        lines.append(f"{s.rank:>4}  {s.score:>{width}.4f}  {s.uncertainty.tokens:>6}  {len(s.spans):>5}  "
                     f"{_snippet(article.id, 20):<20}  {article.date or '-':<10}  {_snippet(title or article.text, 60)}")
    return "\n".join(lines)


@command()
def suggest(
    dump: Articles,
    model: ModelDir,
    n: Annotated[int, typer.Option("--n", "-n", min=1, help="How many articles to suggest.")] = 20,
    measure: Annotated[Measure, typer.Option("--by", help="entropy: mean normalised token entropy; least-confidence: mean of 1 - max tag probability.")] = Measure.entropy,
    annotations: Annotated[Optional[Path], typer.Option(help="Annotation file or folder; articles already annotated there (same id or same text) are left out. Default: annotations/ when it exists.")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Also write the suggestions as JSONL ({id, date, text, ..., suggest: {rank, measure, uncertainty, tokens}}), ready for `pre-annotate`.")] = None,
    batch_size: BatchSize = 16,
) -> None:
    """Rank unlabelled articles by model uncertainty, most uncertain first, to annotate next.

    The score is the mean over an article's tokens of the normalised entropy of the tag
    distribution (0 = sure, 1 = uniform), length-normalised so long articles are not favoured for
    their length; `--by least-confidence` uses 1 - max probability instead. Articles are streamed
    in chunks, so the dump can be larger than memory.
    """
    from conflict_events.annotate.formats import text_hash
    from conflict_events.annotate.suggest import rank_articles, score_stream
    from conflict_events.inputs import Rejected, check_inputs, expand_inputs, read_inputs

    check_inputs(expand_inputs(dump))  # a missing or malformed file fails before the model loads
    if annotations is None and Path("annotations").is_dir():
        annotations = Path("annotations")
    done_ids, done_hashes = _annotated(annotations)
    if output is not None:
        check_writable(output)
    tagger = load_tagger(model, batch_size)
    counts = {"read": 0, "rejected": 0, "annotated": 0}

    def fresh_articles():
        for record in read_inputs(dump):
            counts["read"] += 1
            if isinstance(record, Rejected):
                counts["rejected"] += 1
                typer.echo(f"rejected {record}", err=True)
            elif record.id in done_ids or text_hash(record.text) in done_hashes:
                counts["annotated"] += 1
            else:
                yield record

    def scored():
        pending = []
        for article in fresh_articles():
            pending.append(article)
            if len(pending) == 64:
                yield from ((a, spans, u) for a, (spans, u) in zip(pending, score_stream(tagger, [a.text for a in pending])))
                pending = []
        yield from ((a, spans, u) for a, (spans, u) in zip(pending, score_stream(tagger, [a.text for a in pending])))

    suggestions = rank_articles(scored(), n, measure.value)
    typer.echo(format_table(suggestions, measure.value))
    typer.echo(f"read {counts['read']}, already annotated {counts['annotated']}, rejected {counts['rejected']}, "
               f"suggested {len(suggestions)}", err=True)
    if output:
        from conflict_events.files import write_text_atomically

        rows = []
        for s in suggestions:
            article = s.article
            suggestion = {"rank": s.rank, "measure": measure.value, "uncertainty": round(s.score, 6),
                          "entropy": round(s.uncertainty.entropy, 6), "least_confidence": round(s.uncertainty.least_confidence, 6),
                          "tokens": s.uncertainty.tokens, "predicted_spans": len(s.spans)}
            rows.append({**article.extra, "id": article.id, "date": article.date, "text": article.text,
                         "text_sha256": text_hash(article.text), "suggest": suggestion})
        write_text_atomically(output, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        typer.echo(f"suggestions -> {output}", err=True)
