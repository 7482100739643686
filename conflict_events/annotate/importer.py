"""Annotation-tool exports back into the project's annotation JSONL.

Reads a Label Studio JSON export (a list of tasks with ``annotations[].result[]``), a Label Studio
JSON-MIN export (one flat record per annotation, regions under the ``label`` key), or a doccano
sequence-labeling JSONL export (``{"text", "label": [[start, end, "LABEL"]], ...}``, or
``entities`` dicts when relations are on). Every article then goes through
:func:`conflict_events.corpus.parse_article`, the function behind ``validate``, so an import
accepts and rejects exactly what ``validate`` would, with the same messages:

* offsets out of range, unknown labels, spans on whitespace edges, overlaps and nesting;
* misaligned offsets: Label Studio stores each region's text, and when it differs from
  ``text[start:end]`` the span is refused (``stored text ... does not match the offsets``);
  nothing is ever re-aligned or shifted.

On top of ``validate``:

* **Text version.** ``pre-annotate`` stores the sha256 of the exact text with each task. If the
  exported text hashes differently, the export was made from another text version of the article
  (edited in the tool, line endings changed, ...): it is reported, never silently re-aligned.
  ``against`` optionally compares with the current articles (the dump) as well.
* **Duplicates.** An article id that occurs twice is a problem, as in ``validate``.
* **Which annotation.** Cancelled/skipped annotations are ignored; when a task has several, the
  most recently updated one is used and a note says so. Tasks with no annotation are not imported
  (they are listed as unannotated); an annotation with an empty result is an article with no spans.

Locations: JSONL inputs give ``file:line`` like ``validate``; JSON list exports give
``file:task N`` where N is the 1-based position of the task in the exported list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Mapping

from conflict_events.annotate.formats import FROM_NAME, text_hash
from conflict_events.corpus import Problem, iter_json_lines, parse_article

ExportFormat = Literal["auto", "label-studio", "label-studio-min", "doccano"]
EXPORT_FORMATS: tuple[str, ...] = ("auto", "label-studio", "label-studio-min", "doccano")


@dataclass(frozen=True)
class TaskProblem(Problem):
    """A problem in a JSON-list export: ``line`` is the 1-based position of the task in the list."""

    def __str__(self) -> str:
        text = Problem.__str__(self)
        return f"{self.file}:task {self.line}: " + text[len(f"{self.file}:{self.line}: "):]


@dataclass
class ImportResult:
    records: list[dict] = field(default_factory=list)  # valid annotation records, in input order
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # not errors: choices made, things not checked
    unannotated: list[str] = field(default_factory=list)  # "file:task 3 (article a1)" per task without annotation
    tasks: int = 0  # tasks / records read
    origins: list[tuple[str, int, bool]] = field(default_factory=list)  # (file, line or task, is a task) per record

    def extend(self, other: "ImportResult") -> None:
        self.records += other.records
        self.origins += other.origins
        self.problems += other.problems
        self.notes += other.notes
        self.unannotated += other.unannotated
        self.tasks += other.tasks


@dataclass
class _Task:
    """One exported task, normalised across the three formats."""

    where: int  # line (JSONL) or task number (JSON list)
    text: Any
    article_id: Any
    date: Any
    title: Any
    stored_hash: Any
    regions: list[dict]  # {"start", "end", "label"[, "text"]}
    reasons: list[str]  # structural problems found while reading the tool's format
    provenance: dict
    annotated: bool = True


def _one_label(labels: Any, where: str, reasons: list[str]) -> str | None:
    if isinstance(labels, list) and len(labels) == 1 and isinstance(labels[0], str):
        return labels[0]
    reasons.append(f"{where}: a region needs exactly one label, got {labels!r}")
    return None


def _region(value: Any, where: str, reasons: list[str]) -> dict | None:
    if not isinstance(value, Mapping):
        reasons.append(f"{where}: no 'value' object")
        return None
    label = _one_label(value.get("labels"), where, reasons)
    if label is None:
        return None
    region = {"start": value.get("start"), "end": value.get("end"), "label": label}
    if "text" in value:
        region["text"] = value["text"]
    return region


def _latest(annotations: list[dict]) -> dict:
    """The most recently updated annotation (ties: the later one in the list)."""
    return max(enumerate(annotations), key=lambda p: (str(p[1].get("updated_at") or p[1].get("created_at") or ""), p[0]))[1]


def _label_studio_task(task: Any, number: int, notes: list[str], file: str) -> _Task:
    if not isinstance(task, Mapping):
        return _Task(number, None, None, None, None, None, [], ["each task must be a JSON object"], {})
    data = task.get("data")
    if not isinstance(data, Mapping):
        return _Task(number, None, None, None, None, None, [], ["task has no 'data' object"], {})
    annotations = task.get("annotations", task.get("completions", []))
    live = [a for a in annotations if isinstance(a, Mapping) and not a.get("was_cancelled") and not a.get("skipped")] \
        if isinstance(annotations, list) else []
    base = dict(text=data.get("text"), article_id=data.get("article_id"), date=data.get("date"),
                title=data.get("title"), stored_hash=data.get("text_sha256"))
    if not live:
        return _Task(number, **base, regions=[], reasons=[], provenance={}, annotated=False)
    chosen = _latest(live)
    if len(live) > 1:
        notes.append(f"{file}:task {number}: {len(live)} annotations; using the latest (annotation id {chosen.get('id')})")
    reasons: list[str] = []
    regions: list[dict] = []
    ignored = 0
    results = chosen.get("result") or []
    if not isinstance(results, list):
        reasons.append("annotation 'result' must be a list")
        results = []
    for j, item in enumerate(results):
        if not isinstance(item, Mapping):
            reasons.append(f"result[{j}]: must be an object")
        elif item.get("type") != "labels":
            ignored += 1  # relations, choices, text areas: not spans
        else:
            region = _region(item.get("value"), f"result[{j}]", reasons)
            if region is not None:
                regions.append(region)
    if ignored:
        notes.append(f"{file}:task {number}: {ignored} results that are not span labels ignored")
    provenance = {"tool": "label-studio", "task_id": task.get("id"), "annotation_id": chosen.get("id"),
                  "completed_by": chosen.get("completed_by"), "updated_at": chosen.get("updated_at") or chosen.get("created_at")}
    return _Task(number, **base, regions=regions, reasons=reasons, provenance=provenance)


def _region_key(record: Mapping) -> str | None:
    """The JSON-MIN key holding the span regions: ``label`` (our config) or the only list of regions."""
    if FROM_NAME in record:
        return FROM_NAME
    keys = [k for k, v in record.items()
            if isinstance(v, list) and v and all(isinstance(r, Mapping) and "labels" in r for r in v)]
    return keys[0] if len(keys) == 1 else None


def _label_studio_min_record(record: Any, number: int) -> _Task:
    if not isinstance(record, Mapping):
        return _Task(number, None, None, None, None, None, [], ["each record must be a JSON object"], {})
    base = dict(text=record.get("text"), article_id=record.get("article_id"), date=record.get("date"),
                title=record.get("title"), stored_hash=record.get("text_sha256"))
    key = _region_key(record)
    if record.get("annotation_id") is None and key is None:
        return _Task(number, **base, regions=[], reasons=[], provenance={}, annotated=False)
    raw = record.get(key, []) if key else []
    raw = [raw] if isinstance(raw, Mapping) else raw
    reasons: list[str] = []
    regions = [r for j, value in enumerate(raw if isinstance(raw, list) else [])
               if (r := _region(value, f"{key}[{j}]", reasons)) is not None]
    provenance = {"tool": "label-studio", "task_id": record.get("id"), "annotation_id": record.get("annotation_id"),
                  "completed_by": record.get("annotator"), "updated_at": record.get("updated_at") or record.get("created_at")}
    return _Task(number, **base, regions=regions, reasons=reasons, provenance=provenance)


def _doccano_record(record: Any, line: int) -> _Task:
    if not isinstance(record, Mapping):
        return _Task(line, None, None, None, None, None, [], ["each line must be a JSON object"], {})
    meta = record.get("meta") if isinstance(record.get("meta"), Mapping) else {}

    def get(key: str) -> Any:
        return meta.get(key, record.get(key))

    reasons: list[str] = []
    regions: list[dict] = []
    if "entities" in record:  # projects with relations export entity dicts
        for j, entity in enumerate(record.get("entities") or []):
            if isinstance(entity, Mapping) and {"start_offset", "end_offset", "label"} <= entity.keys():
                regions.append({"start": entity["start_offset"], "end": entity["end_offset"], "label": entity["label"]})
            else:
                reasons.append(f"entities[{j}]: must be {{start_offset, end_offset, label}}")
    else:
        key = "label" if "label" in record else "labels"
        for j, item in enumerate(record.get(key) or []):
            if isinstance(item, list) and len(item) == 3 and isinstance(item[2], str):
                regions.append({"start": item[0], "end": item[1], "label": item[2]})
            else:
                reasons.append(f"{key}[{j}]: must be [start, end, \"LABEL\"], got {item!r}")
    provenance = {"tool": "doccano", "example_id": record.get("id")}
    return _Task(line, record.get("text"), get("article_id"), get("date"), get("title"), get("text_sha256"),
                 regions, reasons, provenance)


def _validate(task: _Task, file: str, as_task: bool, against: Mapping[str, tuple[str, str]]) -> tuple[dict | None, list[Problem]]:
    """Turn one normalised task into an annotation record, with every problem ``validate`` reports."""
    kind = TaskProblem if as_task else Problem
    problems = [kind(file, task.where, reason) for reason in task.reasons]
    if not isinstance(task.text, str):
        return None, problems + [kind(file, task.where, "missing 'text' (a string)")]
    article_id = task.article_id
    if not isinstance(article_id, (str, int)) or isinstance(article_id, bool) or article_id == "":
        problems.append(kind(file, task.where, "no article_id in the task data; only tasks written by `pre-annotate` can be imported"))
        article_id = "?"
    exported = text_hash(task.text)
    if isinstance(task.stored_hash, str) and task.stored_hash != exported:
        problems.append(kind(file, task.where,
                             f"text changed since pre-annotation (sha256 {task.stored_hash[:12]} stored, "
                             f"{exported[:12]} exported): this export was made from a different text version "
                             "of the article; its spans are not re-aligned"))
    if str(article_id) in against and against[str(article_id)][0] != exported:
        problems.append(kind(file, task.where,
                             f"text differs from the current version of article {str(article_id)!r} at "
                             f"{against[str(article_id)][1]} (sha256 {against[str(article_id)][0][:12]} there, "
                             f"{exported[:12]} exported); its spans are not re-aligned"))
    record = {"id": article_id, "date": task.date, "title": task.title, "text": task.text, "spans": task.regions, "events": []}
    article, found = parse_article(record, file, task.where)
    problems += [kind(p.file, p.line, p.reason, p.span) for p in found]
    if problems or article is None:
        return None, problems
    output = {"id": article.id, "date": article.date, "title": article.title, "text": article.text,
              "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in article.spans], "events": [],
              "imported_from": {k: v for k, v in {"file": Path(file).name, **task.provenance}.items() if v is not None}}
    return output, []


def _load_json(path: Path) -> tuple[Any, Problem | None]:
    try:
        return json.loads(path.read_bytes().decode("utf-8")), None
    except UnicodeDecodeError as error:
        return None, Problem(str(path), 0, f"not valid UTF-8 at byte {error.start}")
    except json.JSONDecodeError as error:
        return None, Problem(str(path), error.lineno, f"malformed JSON: {error.msg} at column {error.colno}")


def detect_format(path: Path, content: Any = None) -> str:
    """``doccano`` for ``.jsonl``; for JSON, ``label-studio`` when tasks carry ``data``, else ``label-studio-min``."""
    if Path(path).suffix == ".jsonl":
        return "doccano"
    items = content if isinstance(content, list) else [content]
    first = next((item for item in items if isinstance(item, Mapping)), {})
    return "label-studio" if "data" in first or "annotations" in first else "label-studio-min"


def read_export(path: Path, export_format: ExportFormat = "auto",
                against: Mapping[str, tuple[str, str]] | None = None) -> ImportResult:
    """Every article of one export file as an annotation record, or the problems that stop it."""
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    if export_format not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {export_format!r} (expected one of {', '.join(EXPORT_FORMATS)})")
    result = ImportResult()
    file = str(path)
    tasks: list[_Task] = []
    if export_format == "doccano" or (export_format == "auto" and path.suffix == ".jsonl"):
        for line, record, problem in iter_json_lines(path):
            if problem is not None:
                result.problems.append(problem)
            else:
                tasks.append(_doccano_record(record, line))
        as_task = False
    else:
        content, problem = _load_json(path)
        if problem is not None:
            result.problems.append(problem)
            return result
        if export_format == "auto":
            export_format = detect_format(path, content)  # type: ignore[assignment]
        items = content if isinstance(content, list) else [content]  # a single task file is one task
        if export_format == "label-studio":
            tasks = [_label_studio_task(task, n, result.notes, file) for n, task in enumerate(items, start=1)]
        else:
            tasks = _one_per_task([_label_studio_min_record(r, n) for n, r in enumerate(items, start=1)], result.notes, file)
        as_task = True
    result.tasks = len(tasks)
    for task in tasks:
        if not task.annotated:
            result.unannotated.append(f"{file}:{'task ' if as_task else ''}{task.where} (article {task.article_id})")
            continue
        if task.stored_hash is None and isinstance(task.text, str):
            result.notes.append(f"{file}:{'task ' if as_task else ''}{task.where}: no text_sha256 stored, text version not checked")
        record, problems = _validate(task, file, as_task, against or {})
        result.problems += problems
        if record is not None:
            result.records.append(record)
            result.origins.append((file, task.where, as_task))
    return result


def _one_per_task(tasks: list[_Task], notes: list[str], file: str) -> list[_Task]:
    """JSON-MIN has one record per annotation: keep the latest annotation of each task."""
    by_task: dict[Any, list[_Task]] = {}
    for task in tasks:
        by_task.setdefault(task.provenance.get("task_id", ("row", task.where)), []).append(task)
    kept = []
    for group in by_task.values():
        if len(group) > 1:
            annotated = [t for t in group if t.annotated] or group
            chosen = max(enumerate(annotated), key=lambda p: (str(p[1].provenance.get("updated_at") or ""), p[0]))[1]
            notes.append(f"{file}:task {chosen.where}: {len(annotated)} annotations of task {chosen.provenance.get('task_id')}; "
                         f"using the latest (annotation id {chosen.provenance.get('annotation_id')})")
            kept.append(chosen)
        else:
            kept.append(group[0])
    return sorted(kept, key=lambda t: t.where)


def import_exports(paths: list[Path], export_format: ExportFormat = "auto",
                   against: Mapping[str, tuple[str, str]] | None = None) -> ImportResult:
    """All files together; an article id seen twice (in one file or across files) is a problem."""
    total = ImportResult()
    for path in paths:
        total.extend(read_export(path, export_format, against))
    seen: dict[str, str] = {}
    unique, origins = [], []
    for record, (file, line, as_task) in zip(total.records, total.origins):
        if record["id"] in seen:
            kind = TaskProblem if as_task else Problem
            total.problems.append(kind(file, line, f"duplicate article id {record['id']!r} (first at {seen[record['id']]})"))
            continue
        seen[record["id"]] = f"{file}:task {line}" if as_task else f"{file}:{line}"
        unique.append(record)
        origins.append((file, line, as_task))
    total.records, total.origins = unique, origins
    return total


def reference_hashes(articles) -> dict[str, tuple[str, str]]:
    """``{article id: (text sha256, "file:line")}`` for ``import --against``."""
    return {a.id: (text_hash(a.text), f"{a.file}:{a.line}") for a in articles}
