"""The ``extract`` step: spans -> event rows, with ``conflict_events.events`` doing the assembly.

Parts hold ``Event.to_dict()`` rows (lossless, so ``--merge`` can rebuild the events). The final
file is written in the requested format: JSONL and CSV are streamed part by part, Parquet a part
per row group with the exporter's explicit schema, so memory stays flat. ``--merge`` is global
(an event may match one from any other article), so it holds every event in memory at the end.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import IO, Iterator

from conflict_events.batch.chunks import Parts, atomic_write
from conflict_events.batch.config import BatchConfig
from conflict_events.inputs import InputArticle
from conflict_events.spans import Span


def _events_api():
    """The event assembler's public names (re-exported by the package once it has an ``__init__``
    that does; its modules otherwise)."""
    try:
        from conflict_events.events import Event, extract_events, merge_events  # type: ignore[attr-defined]
    except ImportError:
        from conflict_events.events.assemble import extract_events
        from conflict_events.events.merge import merge_events
        from conflict_events.events.records import Event
    from conflict_events.events import export

    return Event, extract_events, merge_events, export


class ExtractStep:
    task = "extract"
    verb = "processed"

    def __init__(self, output_format: str = "jsonl", merge: bool = False):
        self.output_format = output_format
        self.merge = merge
        self.Event, self._extract, self._merge, self.export = _events_api()

    def rows(self, article: InputArticle, spans: list[Span]) -> list[dict]:
        return [event.to_dict() for event in self._extract(article.id, article.text, article.date, spans)]

    def table(self, rows: list[dict]):
        """Rows as an Arrow table for the Ray writers: nested for JSONL, the flat export schema otherwise."""
        import pyarrow as pa

        if self.output_format == "jsonl":
            return pa.Table.from_pylist(rows)
        return pa.Table.from_pylist([self.export.event_row(self.Event.from_dict(r)) for r in rows], schema=self.export.SCHEMA)

    def combine(self, parts: Parts, config: BatchConfig) -> None:
        config.output.parent.mkdir(parents=True, exist_ok=True)
        if self.merge:
            events = self._merge(self.Event.from_dict(row) for row in parts.rows())
            tmp = config.output.with_name(f"{config.output.name}.{os.getpid()}.tmp")
            try:
                self.export.write_events(events, tmp, self.output_format)
                os.replace(tmp, config.output)
            finally:
                tmp.unlink(missing_ok=True)
        elif self.output_format == "jsonl":
            atomic_write(config.output, lambda sink: _concatenate(parts.data_files(), sink))
        elif self.output_format == "csv":
            atomic_write(config.output, lambda sink: self._write_csv(parts, sink))
        else:
            atomic_write(config.output, lambda sink: self._write_parquet(parts, sink))

    def _flat_rows(self, path: Path) -> Iterator[dict]:
        with path.open("rb") as handle:
            for line in handle:
                yield self.export.event_row(self.Event.from_dict(json.loads(line)))

    def _write_csv(self, parts: Parts, sink: IO[bytes]) -> None:
        text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
        writer = csv.DictWriter(text, fieldnames=list(self.export.COLUMNS))
        writer.writeheader()
        for path in parts.data_files():
            for row in self._flat_rows(path):
                writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        text.flush()
        text.detach()  # leave ``sink`` open for atomic_write to sync and close

    def _write_parquet(self, parts: Parts, sink: IO[bytes]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        with pq.ParquetWriter(sink, self.export.SCHEMA) as writer:
            for path in parts.data_files():
                rows = list(self._flat_rows(path))
                if rows:
                    writer.write_table(pa.Table.from_pylist(rows, schema=self.export.SCHEMA))


def _concatenate(paths: list[Path], sink: IO[bytes]) -> None:
    for path in paths:
        with path.open("rb") as source:
            shutil.copyfileobj(source, sink, 1 << 20)
