"""What a batch run does with each article once the tagger has its spans, and how the finished
parts become the final output. ``tag`` keeps the spans; ``extract`` turns them into events."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import IO, Iterable, Protocol

from conflict_events.batch.chunks import Parts
from conflict_events.batch.config import BatchConfig
from conflict_events.files import write_atomically
from conflict_events.inputs import InputArticle
from conflict_events.spans import Span


class ArticleStep(Protocol):
    task: str
    verb: str  # for the summary: "read N, <verb> M, rejected K"

    def rows(self, article: InputArticle, spans: list[Span]) -> list[dict]:
        """The output rows for one article (any number, none included)."""

    def combine(self, parts: Parts, config: BatchConfig) -> None:
        """Write the final output from the finished parts, in input order."""

    def table(self, rows: list[dict]):
        """Rows as an Arrow table for the Ray engine's writers."""


def tag_row(article_id: str, spans: Iterable[Span]) -> dict:
    return {"id": article_id, "spans": [s.to_dict() for s in spans]}


def span_arrow_type():
    import pyarrow as pa

    return pa.struct([("start", pa.int64()), ("end", pa.int64()), ("label", pa.string()), ("text", pa.string()),
                      ("score", pa.float64())])


class TagStep:
    task = "tag"
    verb = "tagged"

    def rows(self, article: InputArticle, spans: list[Span]) -> list[dict]:
        return [tag_row(article.id, spans)]

    def table(self, rows: list[dict]):
        import pyarrow as pa

        # an explicit schema, so that a batch whose articles all have no spans keeps the span type
        return pa.Table.from_pylist(rows, schema=pa.schema([("id", pa.string()), ("spans", pa.list_(span_arrow_type()))]))

    def combine(self, parts: Parts, config: BatchConfig) -> None:
        def concatenate(sink: IO[bytes]) -> None:
            for path in parts.data_files():
                with path.open("rb") as source:
                    shutil.copyfileobj(source, sink, 1 << 20)

        write_atomically(config.output, concatenate)


def make_step(config: BatchConfig) -> ArticleStep:
    if config.task == "tag":
        return TagStep()
    from conflict_events.batch.extract import ExtractStep

    return ExtractStep(config.output_format, config.merge, config.model, config.events, country=config.country)


def write_rejects(path: Path, rejects: Iterable[dict]) -> int:
    count = 0

    def write(sink: IO[bytes]) -> None:
        nonlocal count
        for reject in rejects:
            sink.write(json.dumps(reject, ensure_ascii=False).encode("utf-8") + b"\n")
            count += 1

    write_atomically(path, write)
    return count
