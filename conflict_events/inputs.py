"""Reading articles to tag: JSONL records ``{"id", "text", ...}`` and ``.txt`` files.

Bad records never vanish: each becomes a :class:`Rejected` naming its file, line and reason,
and the caller counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from conflict_events.corpus import iter_json_lines


@dataclass(frozen=True)
class InputArticle:
    id: str
    text: str
    date: str | None = None
    file: str = ""
    line: int = 0
    extra: dict = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rejected:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders become their ``.txt`` and ``.jsonl`` files, sorted."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".jsonl") and p.is_file())
        elif path.exists():
            files.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return files


def read_text_file(path: Path) -> InputArticle | Rejected:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return Rejected(str(path), 0, f"not valid UTF-8 at byte {error.start}")
    if not text.strip():
        return Rejected(str(path), 0, "file is empty")
    return InputArticle(id=path.stem, text=text, file=str(path))


def record_to_article(record: object, file: str, line: int, id_field: str = "id", text_field: str = "text",
                      date_field: str = "date") -> InputArticle | Rejected:
    if not isinstance(record, dict):
        return Rejected(file, line, "record is not a JSON object")
    text = record.get(text_field)
    if not isinstance(text, str):
        return Rejected(file, line, f"missing {text_field!r} (a string)")
    identifier = record.get(id_field)
    if identifier is None or isinstance(identifier, (dict, list, bool)):
        identifier = f"{Path(file).stem}:{line}"  # a stable id from the position when none is given
    date = record.get(date_field)
    return InputArticle(
        id=str(identifier), text=text, date=date if isinstance(date, str) and date.strip() else None,
        file=file, line=line, extra={k: v for k, v in record.items() if k not in (id_field, text_field, date_field)},
    )


def read_jsonl(path: Path) -> Iterator[InputArticle | Rejected]:
    for line, record, problem in iter_json_lines(path):
        if problem is not None:
            yield Rejected(problem.file, problem.line, problem.reason)
        else:
            yield record_to_article(record, str(path), line)


def read_inputs(paths: Iterable[Path]) -> Iterator[InputArticle | Rejected]:
    for path in expand_inputs(paths):
        if path.suffix == ".txt":
            yield read_text_file(path)
        else:
            yield from read_jsonl(path)
