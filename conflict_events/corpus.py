"""Reading and validating annotation files.

An annotation file is JSONL, one article per line:
``{"id", "date", "title", "text", "spans": [{"start", "end", "label"}], "events": [...]}``.
Character offsets into ``text`` are the only stored truth. Every problem is reported as
``file:line: span 123-130 'text': reason`` so that it can be fixed by hand.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from conflict_events.arguments import ArgumentLink, check_event_links, read_links
from conflict_events.labels import ENTITY_LABELS, EVENT_TYPES
from conflict_events.spans import Span, span_from_text


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    reason: str
    span: tuple[int, int, str] | None = None  # (start, end, covered text)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: "
        if self.span is not None:
            start, end, covered = self.span
            where += f"span {start}-{end} {covered!r}: "
        return where + self.reason


class InvalidAnnotations(ValueError):
    """Raised with every problem found, one per line of the message."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    spans: tuple[Span, ...] = ()
    events: tuple[dict, ...] = ()
    # links[i] are the argument links of events[i] (empty for an event annotated without them)
    links: tuple[tuple[ArgumentLink, ...], ...] = ()
    date: str | None = None
    title: str | None = None
    synthetic: bool = False
    file: str = ""
    line: int = 0
    extra: dict = field(default_factory=dict, compare=False)


def annotation_files(path: Path) -> list[Path]:
    """A file, or every ``*.jsonl`` under a folder (recursively, sorted, so runs are repeatable)."""
    path = Path(path)
    if path.is_dir():
        return sorted(p for p in path.rglob("*.jsonl") if p.is_file())
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file or folder")
    return [path]


def iter_json_lines(path: Path) -> Iterator[tuple[int, Any, Problem | None]]:
    """Yield ``(line_number, parsed_object, problem)`` for each non-blank line of a JSONL file.
    Undecodable bytes and malformed JSON become problems instead of exceptions, so a caller can
    report them all and keep going."""
    raw = Path(path).read_bytes()
    if not raw.strip():
        yield 0, None, Problem(str(path), 0, "file is empty")
        return
    for number, line_bytes in enumerate(raw.split(b"\n"), start=1):
        if not line_bytes.strip():
            continue
        try:
            line = line_bytes.decode("utf-8")
        except UnicodeDecodeError as error:
            yield number, None, Problem(str(path), number, f"not valid UTF-8 at byte {error.start}")
            continue
        try:
            yield number, json.loads(line), None
        except json.JSONDecodeError as error:
            yield number, None, Problem(str(path), number, f"malformed JSON: {error.msg} at column {error.colno}")


def _check_spans(record: dict, text: str, file: str, line: int) -> list[Problem]:
    problems: list[Problem] = []
    raw_spans = record.get("spans", [])
    if not isinstance(raw_spans, list):
        return [Problem(file, line, "'spans' must be a list")]
    valid: list[tuple[int, int, str]] = []
    for i, raw in enumerate(raw_spans):
        if not isinstance(raw, dict) or not {"start", "end", "label"} <= raw.keys():
            problems.append(Problem(file, line, f"spans[{i}] must be an object with start, end and label"))
            continue
        start, end, label = raw["start"], raw["end"], raw["label"]
        if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
            problems.append(Problem(file, line, f"spans[{i}]: start and end must be integers"))
            continue
        where = (start, end, text[max(start, 0) : max(end, 0)])
        if not 0 <= start < end <= len(text):
            problems.append(Problem(file, line, f"offsets out of range (text has {len(text)} characters)", where))
            continue
        if label not in ENTITY_LABELS:
            problems.append(Problem(file, line, f"unknown label {label!r} (expected one of {', '.join(ENTITY_LABELS)})", where))
        if text[start].isspace() or text[end - 1].isspace():
            problems.append(Problem(file, line, "span starts or ends on whitespace", where))
        if "text" in raw and raw["text"] != text[start:end]:
            problems.append(Problem(file, line, f"stored text {raw['text']!r} does not match the offsets", where))
        valid.append((start, end, label))
    valid.sort()
    for (s1, e1, _), (s2, e2, _) in zip(valid, valid[1:]):
        if s2 < e1:
            kind = "nested in" if e2 <= e1 else "overlaps"
            problems.append(Problem(file, line, f"{kind} span {s1}-{e1} {text[s1:e1]!r}", (s2, e2, text[s2:e2])))
    return problems


def _is_count_range(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"low", "high"}
        and all(isinstance(value[k], int) and not isinstance(value[k], bool) and value[k] >= 0 for k in ("low", "high"))
        and value["low"] <= value["high"]
    )


def _check_event(event: Any, index: int, text: str, file: str, line: int) -> list[Problem]:
    def problem(reason: str) -> Problem:
        return Problem(file, line, f"events[{index}]: {reason}")

    if not isinstance(event, dict):
        return [problem("must be an object")]
    problems = []
    if event.get("event_type") not in EVENT_TYPES:
        problems.append(problem(f"event_type {event.get('event_type')!r} is not one of {', '.join(EVENT_TYPES)}"))
    if not isinstance(event.get("actor1"), str) or not event["actor1"].strip():
        problems.append(problem("actor1 must be a non-empty string"))
    for key in ("actor2", "location", "country", "date_text", "sub_event_type"):
        if event.get(key) is not None and not isinstance(event[key], str):
            problems.append(problem(f"{key} must be a string or null"))
    if event.get("date") is not None:
        try:
            dt.date.fromisoformat(event["date"])
        except (TypeError, ValueError):
            problems.append(problem(f"date {event['date']!r} is not an ISO date (YYYY-MM-DD)"))
    for key in ("killed", "wounded"):
        if event.get(key) is not None and not _is_count_range(event[key]):
            problems.append(problem(f"{key} must be null or {{\"low\": int, \"high\": int}} with 0 <= low <= high"))
    sources = event.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        problems.append(problem("sources must be a list of strings"))
    claims = event.get("claims", [])
    if not isinstance(claims, list):
        problems.append(problem("claims must be a list"))
    else:
        for j, claim in enumerate(claims):
            if not isinstance(claim, dict) or not isinstance(claim.get("source"), str):
                problems.append(problem(f"claims[{j}] must be an object naming its source"))
            elif not {"killed", "wounded", "claim"} & claim.keys():
                problems.append(problem(f"claims[{j}] must carry a figure (killed or wounded) or a claim text"))
    for j, trigger in enumerate(event.get("triggers", [])):
        if not (isinstance(trigger, dict) and isinstance(trigger.get("start"), int) and isinstance(trigger.get("end"), int)
                and 0 <= trigger["start"] < trigger["end"] <= len(text)):
            problems.append(problem(f"triggers[{j}] must be {{start, end}} inside the text"))
    return problems


def _check_links(events: list, spans: Any, text: str, file: str, line: int, require: bool) -> list[Problem]:
    """Argument-link problems of every event, given spans and events that are well-formed already."""
    labels = {(s["start"], s["end"]): s["label"] for s in spans}
    return [
        Problem(file, line, f"events[{i}]: {reason}", where)
        for i, event in enumerate(events)
        for reason, where in check_event_links(event, labels, text, require)
    ]


def parse_article(record: Any, file: str, line: int, require_arguments: bool = False) -> tuple[Article | None, list[Problem]]:
    """Check one parsed JSON line; return the article (None if unusable) and its problems.
    ``require_arguments`` makes an event without its ``arguments`` links a problem."""
    if not isinstance(record, dict):
        return None, [Problem(file, line, "each line must be a JSON object")]
    text = record.get("text")
    if not isinstance(text, str):
        return None, [Problem(file, line, "missing 'text' (a string)")]
    problems = []
    if not isinstance(record.get("id"), (str, int)) or isinstance(record.get("id"), bool):
        problems.append(Problem(file, line, "missing 'id' (a string)"))
    if record.get("date") is not None:
        try:
            dt.date.fromisoformat(record["date"])
        except (TypeError, ValueError):
            problems.append(Problem(file, line, f"date {record['date']!r} is not an ISO date (YYYY-MM-DD)"))
    problems += _check_spans(record, text, file, line)
    events = record.get("events", [])
    if not isinstance(events, list):
        problems.append(Problem(file, line, "'events' must be a list"))
        events = []
    for i, event in enumerate(events):
        problems += _check_event(event, i, text, file, line)
    if not problems:
        problems += _check_links(events, record.get("spans", []), text, file, line, require_arguments)
    if problems:
        return None, problems
    spans = tuple(sorted(span_from_text(text, s["start"], s["end"], s["label"]) for s in record.get("spans", [])))
    known = {"id", "date", "title", "text", "spans", "events", "synthetic"}
    article = Article(
        id=str(record["id"]), text=text, spans=spans, events=tuple(events),
        links=tuple(read_links(event) for event in events), date=record.get("date"),
        title=record.get("title"), synthetic=bool(record.get("synthetic", False)), file=file, line=line,
        extra={k: v for k, v in record.items() if k not in known},
    )
    return article, []


def read_corpus(path: Path, require_arguments: bool = False) -> tuple[list[Article], list[Problem]]:
    """Every article under ``path`` and every problem found; duplicate ids are problems too.
    ``require_arguments``: every event must carry its argument links (``validate`` default)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for file in annotation_files(Path(path)):
        for line, record, problem in iter_json_lines(file):
            if problem is not None:
                problems.append(problem)
                continue
            article, found = parse_article(record, str(file), line, require_arguments)
            problems += found
            if article is None:
                continue
            if article.id in seen:
                problems.append(Problem(str(file), line, f"duplicate article id {article.id!r} (first at {seen[article.id]})"))
                continue
            seen[article.id] = f"{file}:{line}"
            articles.append(article)
    return articles, problems


def load_corpus(path: Path) -> list[Article]:
    """Like :func:`read_corpus` but refuses invalid annotations, with the same messages as ``validate``."""
    articles, problems = read_corpus(path)
    if problems:
        raise InvalidAnnotations(problems)
    return articles
