"""The ``extract`` step: spans -> event rows, with ``conflict_events.events`` doing the assembly.

Parts hold ``Event.to_dict()`` rows (lossless, so ``--merge`` can rebuild the events). The final
file is written by the events exporter's writer for the format, streaming the events part by part
(Parquet a row group at a time), so memory stays flat. ``--merge`` is global (an event may match one
from any other article), so it holds every event in memory at the end.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

from conflict_events.batch.chunks import Parts
from conflict_events.batch.config import BatchConfig
from conflict_events.inputs import InputArticle
from conflict_events.spans import Span


class ExtractStep:
    task = "extract"
    verb = "processed"

    def __init__(self, output_format: str = "jsonl", merge: bool = False, model: Path | None = None,
                 events: str = "screened", *, country: str | None = None):
        from conflict_events.events import extract_events
        from conflict_events.events.geocode import default_gazetteer

        self.output_format = output_format
        self.merge = merge
        self.country = country
        self._extract = extract_events
        self._layer = event_layer_for(model, events)
        self._screen = events == "screened"
        default_gazetteer()  # build the shared gazetteer now, not on the first article with a PLACE

    def rows(self, article: InputArticle, spans: list[Span]) -> list[dict]:
        hint = article.extra.get("country") or self.country  # the record's own country first
        try:
            if self._layer is None:
                events = self._extract(article.id, article.text, article.date, spans, country_hint=hint)
            elif self._screen:
                events = self._layer.rules_helped([(article.id, article.text, article.date, spans)],
                                                  country_hints=[hint])[0]
            else:
                events = self._layer.extract_events(article.id, article.text, article.date, spans, country_hint=hint)
        except ValueError as error:  # a record whose 'country' is no country
            raise ValueError(f"{article.position}: {error}") from error
        return [event.to_dict() for event in events]

    def table(self, rows: list[dict]):
        """Rows as an Arrow table for the Ray writers: nested for JSONL, the flat table otherwise."""
        from conflict_events.events.export import event_table
        from conflict_events.events.records import Event

        return event_table((Event.from_dict(r) for r in rows), flat=self.output_format != "jsonl")

    def combine(self, parts: Parts, config: BatchConfig) -> None:
        from conflict_events.events import merge_events
        from conflict_events.events.export import write_events

        events = _events(parts)
        write_events(merge_events(events) if self.merge else events, config.output, self.output_format)


class NoEventLayer(ValueError):
    """``--events layer`` on a model folder without one."""


def event_layer_for(model: Path | None, choice: str):
    """The trained event layer saved in ``model``, or None for the rules. ``auto`` and ``screened``
    fall back to the rules, with a one-line notice, for a model folder trained before the layer
    existed; ``layer`` refuses such a folder."""
    from conflict_events.event_layer.layer import EventLayer, has_event_layer

    if choice == "rules" or model is None:
        return None
    if has_event_layer(model):
        return EventLayer.load(model)
    if choice == "layer":
        raise NoEventLayer(f"{model}: no event layer (event_layer.safetensors); add one with "
                         f"`conflict-events train-events --model {model}`, or use --events rules")
    print(f"note: {model} has no event layer (trained before it existed), so events are assembled by the rules; "
          f"`conflict-events train-events --model {model}` adds one", file=sys.stderr)
    return None


def _events(parts: Parts) -> Iterator:
    from conflict_events.events.records import Event

    return (Event.from_dict(row) for row in parts.rows())
