"""Output written in chunks, so a crashed or interrupted run can resume.

``OUTPUT.parts/`` holds, per chunk ``N``:

* ``chunk-N.jsonl`` -- the output rows of the chunk's articles, in input order;
* ``chunk-N.done.json`` -- its manifest: which input records it covers (a contiguous range of
  the input stream, articles and rejections alike), their ids, the rejections, the counts.

Both are written to a temporary name, flushed to disk and renamed, data first, manifest last; a
chunk counts as finished only when its manifest exists and the data file has the size the manifest
records. A half-written chunk (a ``.tmp`` file, a data file with no manifest) is deleted on resume.
Chunks are written in input order, so the finished chunks always cover a prefix of the input: a
resumed run skips that many records (checking that the last one is still the same article) and goes
on. ``run.json`` keeps the options that decide what a chunk holds, and a resume with other options is
refused.

Finished work is never deleted by a rerun: without ``--resume`` or ``--overwrite``, a run refuses an
OUTPUT that exists and a parts folder that holds finished chunks (:func:`refuse_to_lose_work`).
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from conflict_events.files import write_atomically
from conflict_events.inputs import InputArticle, Rejected

RUN_FILE = "run.json"
CHUNK_PATTERN = re.compile(r"^chunk-(\d{6})\.done\.json$")


class ResumeError(RuntimeError):
    pass


class AlreadyFinished(ResumeError):
    """``--resume`` on an output that an earlier run finished: there is nothing to do."""


def finished_chunks(folder: Path) -> int:
    """How many chunk manifests ``folder`` holds (0 when it does not exist)."""
    folder = Path(folder)
    return sum(1 for p in folder.iterdir() if CHUNK_PATTERN.match(p.name)) if folder.is_dir() else 0


def refuse_to_lose_work(config) -> None:
    """Raise before any work when the run would delete finished work the user did not ask to replace,
    or when ``--resume`` has nothing to resume because the output is finished."""
    chunks = finished_chunks(config.parts_dir) if config.engine == "local" else 0
    output = config.output
    exists = output.is_file() or (output.is_dir() and any(output.iterdir()))
    if config.resume and exists and not chunks:
        raise AlreadyFinished(f"{output} is finished already (no interrupted run to resume); "
                              "run with --overwrite to redo it")
    if config.resume or config.overwrite:
        return
    if chunks:
        raise ResumeError(f"{config.parts_dir} holds {chunks} finished chunks of an interrupted run: "
                          "add --resume to continue it, or --overwrite to start over")
    if exists:
        raise ResumeError(f"{output} exists: run with --overwrite to replace it, or choose another --output")


def data_name(index: int) -> str:
    return f"chunk-{index:06d}.jsonl"


def manifest_name(index: int) -> str:
    return f"chunk-{index:06d}.done.json"


def record_key(record: InputArticle | Rejected) -> dict:
    """Where a record came from; a resumed run checks it finds the same record at the same place."""
    key = {"file": record.file, "position": record.line, "unit": record.unit}
    if isinstance(record, InputArticle):
        key["id"] = record.id
    return key


@dataclass
class Chunk:
    """A chunk being filled: a contiguous run of input records and the output rows they gave."""

    index: int
    first_record: int
    records: int = 0
    lines: list[bytes] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    rows: int = 0
    tokens: int = 0
    last: dict | None = None

    def add_article(self, article: InputArticle, rows: list[dict]) -> None:
        self.records += 1
        self.ids.append(article.id)
        self.rows += len(rows)
        self.lines += [json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n" for row in rows]
        self.last = record_key(article)

    def add_rejected(self, rejected: Rejected) -> None:
        self.records += 1
        self.rejects.append(rejected.to_dict())
        self.last = record_key(rejected)


def slim(manifest: dict) -> dict:
    """A manifest without its id and reject lists: what is kept in memory, so that memory stays
    flat however many chunks a run writes (the lists are read back from disk when needed)."""
    return {k: v for k, v in manifest.items() if k not in ("ids", "rejects")}


class Parts:
    """The ``OUTPUT.parts/`` folder of one run."""

    def __init__(self, folder: Path, fingerprint: dict):
        self.folder = Path(folder)
        self.fingerprint = fingerprint
        self.finished: list[dict] = []  # slim manifests of finished chunks, in order

    @classmethod
    def open(cls, folder: Path, fingerprint: dict, resume: bool, overwrite: bool = False) -> "Parts":
        """Start afresh (deleting leftovers of an earlier run; its finished chunks only with
        ``overwrite``) or, with ``resume``, keep the finished chunks of the run that wrote ``folder``
        and drop everything half-written."""
        parts = cls(folder, fingerprint)
        if not resume and not overwrite and finished_chunks(parts.folder):
            raise ResumeError(f"{folder} holds finished chunks of an interrupted run: "
                              "add --resume to continue it, or --overwrite to start over")
        if resume and (parts.folder / RUN_FILE).is_file():
            saved = json.loads((parts.folder / RUN_FILE).read_text(encoding="utf-8"))
            if saved != fingerprint:
                differing = sorted(k for k in set(saved) | set(fingerprint) if saved.get(k) != fingerprint.get(k))
                raise ResumeError(
                    f"{folder} was written by a run with other options ({', '.join(differing)} differ); "
                    "run without --resume to start over"
                )
            parts._load_finished()
        else:
            if parts.folder.exists():
                shutil.rmtree(parts.folder)
            parts.folder.mkdir(parents=True)
            payload = json.dumps(fingerprint, indent=2).encode("utf-8")
            write_atomically(parts.folder / RUN_FILE, lambda h: h.write(payload))
        return parts

    def _load_finished(self) -> None:
        keep: set[str] = {RUN_FILE}
        index = 0
        while True:
            manifest_path = self.folder / manifest_name(index)
            data_path = self.folder / data_name(index)
            if not manifest_path.is_file():
                break
            try:
                manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError):
                break  # cannot happen with atomic renames, but never trust a broken manifest
            if not data_path.is_file() or data_path.stat().st_size != manifest["bytes"]:
                break
            if manifest["first_record"] != sum(m["records"] for m in self.finished):
                break
            self.finished.append(slim(manifest))
            keep |= {manifest_path.name, data_path.name}
            index += 1
        for leftover in self.folder.iterdir():  # temp files, data without a manifest, chunks after a gap
            if leftover.name not in keep:
                leftover.unlink()

    @property
    def next_index(self) -> int:
        return len(self.finished)

    @property
    def done_records(self) -> int:
        return sum(m["records"] for m in self.finished)

    @property
    def last_key(self) -> dict | None:
        return self.finished[-1]["last"] if self.finished else None

    def totals(self) -> dict:
        keys = ("records", "processed", "rejected", "rows", "tokens")
        return {k: sum(m[k] for m in self.finished) for k in keys}

    def write(self, chunk: Chunk) -> dict:
        """Write a filled chunk: data, then the manifest that marks it finished."""
        if chunk.index != self.next_index or chunk.first_record != self.done_records:
            raise RuntimeError(f"chunk {chunk.index} written out of order")
        data = b"".join(chunk.lines)
        write_atomically(self.folder / data_name(chunk.index), lambda h: h.write(data))
        manifest = {
            "chunk": chunk.index, "first_record": chunk.first_record, "records": chunk.records,
            "processed": len(chunk.ids), "rejected": len(chunk.rejects), "rows": chunk.rows, "tokens": chunk.tokens,
            "bytes": len(data), "last": chunk.last, "ids": chunk.ids, "rejects": chunk.rejects,
        }
        payload = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
        write_atomically(self.folder / manifest_name(chunk.index), lambda h: h.write(payload))
        self.finished.append(slim(manifest))
        return manifest

    def data_files(self) -> list[Path]:
        return [self.folder / data_name(m["chunk"]) for m in self.finished]

    def rows(self) -> Iterator[dict]:
        for path in self.data_files():
            with path.open("rb") as handle:
                for line in handle:
                    yield json.loads(line)

    def rejects(self) -> Iterator[dict]:
        for manifest in self.finished:
            path = self.folder / manifest_name(manifest["chunk"])
            yield from json.loads(path.read_text(encoding="utf-8"))["rejects"]

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
