"""The model side of a batch run, on the Tagger's one forward path, split so each step can run on
its own thread: ``prepare`` (tokenizer thread) cuts a buffer of articles into planned, padded
batches; ``run_model`` (model thread) runs only the model; ``decode`` (writer thread) decodes.
Each is a call to the public ``Tagger`` API, so a dump is tagged exactly as ``Tagger.predict`` tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from conflict_events.batch.config import BatchConfig
from conflict_events.inputs import InputArticle, Rejected
from conflict_events.model.engine import ModelBatch, PreparedWindows
from conflict_events.model.tagger import Tagger
from conflict_events.spans import Span


def load_tagger(config: BatchConfig) -> Tagger:
    """The Tagger with every setting its folder saved; only batch size, device and backend come from
    the run (``--int8`` and ``--bf16`` name the torch ones)."""
    backend = "torch-int8" if config.quantize_int8 else "torch-bf16" if config.cpu_bf16 else config.backend
    return Tagger.load(config.model, batch_size=config.batch_size, device=config.device, backend=backend)


@dataclass(frozen=True)
class PreparedBuffer:
    """A run of consecutive input records (articles and rejections, in input order) with the
    articles' windows cut and batched, ready for the model."""

    first_record: int  # index of ``records[0]`` in the whole input stream
    records: list[InputArticle | Rejected]
    prepared: PreparedWindows

    @property
    def articles(self) -> list[InputArticle]:
        return [r for r in self.records if isinstance(r, InputArticle)]

    @property
    def tokens(self) -> int:
        return self.prepared.tokens


def prepare(tagger: Tagger, first_record: int, records: list[InputArticle | Rejected], sort_by_length: bool = True) -> PreparedBuffer:
    return PreparedBuffer(first_record, records, tagger.prepare([r.text for r in records if isinstance(r, InputArticle)], sort_by_length))


def run_model(tagger: Tagger, buffer: PreparedBuffer, on_batch: Callable[[ModelBatch], None] | None = None) -> list[np.ndarray]:
    return tagger.probabilities(buffer.prepared, on_batch)


def decode(tagger: Tagger, buffer: PreparedBuffer, probabilities: list[np.ndarray]) -> list[list[Span]]:
    """Spans per article of the buffer, in order."""
    return tagger.decode([a.text for a in buffer.articles], buffer.prepared, probabilities)


def tag_records(tagger: Tagger, records: list[InputArticle | Rejected], sort_by_length: bool = True) -> list[list[Span]]:
    """Everything in one call (no threads): spans for each article among ``records``."""
    buffer = prepare(tagger, 0, records, sort_by_length)
    return decode(tagger, buffer, run_model(tagger, buffer))
