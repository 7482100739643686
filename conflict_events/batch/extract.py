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


class ExtractStep:
    task = "extract"
    verb = "processed"

    def __init__(self, output_format: str = "jsonl", merge: bool = False, *, country: str | None = None):
        from conflict_events.events import Event, extract_events, merge_events
        from conflict_events.events import export
        from conflict_events.events.geocode import default_gazetteer

        self.output_format = output_format
        self.merge = merge
        self.country = country
        self.Event, self._extract, self._merge, self.export = Event, extract_events, merge_events, export
        default_gazetteer()  # build the shared gazetteer now, not on the first article with a PLACE

    def rows(self, article: InputArticle, spans: list[Span]) -> list[dict]:
        hint = article.extra.get("country") or self.country  # the record's own country first
        try:
            events = self._extract(article.id, article.text, article.date, spans, country_hint=hint)
        except ValueError as error:  # a record whose 'country' is no country
            raise ValueError(f"{article.position}: {error}") from error
        return [event.to_dict() for event in events]

    def table(self, rows: list[dict]):
        """Rows as an Arrow table for the Ray writers: ``Event.to_dict()`` for JSONL, the exporter's flat
        schema otherwise. Explicit schemas, so a batch with no events (or no casualty figures) keeps the
        column types of the others."""
        import pyarrow as pa

        if self.output_format == "jsonl":
            return pa.Table.from_pylist(rows, schema=event_dict_schema())
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


def event_dict_schema():
    """The Arrow schema of ``Event.to_dict()`` (a test checks it against the dataclass)."""
    import pyarrow as pa

    text = pa.string()
    evidence = pa.list_(pa.struct([("article_id", text), ("start", pa.int64()), ("end", pa.int64()), ("text", text)]))
    count = pa.struct([("low", pa.int64()), ("high", pa.int64())])
    claims = pa.list_(pa.struct([("source", text), ("killed", pa.int64()), ("wounded", pa.int64()), ("claim", text),
                                 ("article_id", text)]))
    return pa.schema([
        ("event_id", text), ("article_ids", pa.list_(text)), ("event_type", text), ("sub_event_type", text),
        ("actor1", text), ("actor2", text), ("location", text), ("country", text), ("admin1", text),
        ("admin2", text), ("latitude", pa.float64()), ("longitude", pa.float64()), ("geonameid", pa.int64()),
        ("geo_precision", pa.int64()), ("location_text", text),
        ("date", text), ("date_text", text), ("time_precision", text), ("killed", count), ("wounded", count),
        ("sources", pa.list_(text)), ("claims", claims), ("evidence", evidence), ("triggers", evidence),
        ("confidence", pa.float64()),
    ])


def _concatenate(paths: list[Path], sink: IO[bytes]) -> None:
    for path in paths:
        with path.open("rb") as source:
            shutil.copyfileobj(source, sink, 1 << 20)
