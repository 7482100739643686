"""Event assembly: from tagged spans to dated, geocoded, ACLED-style event records (pure; no model).

Public API::

    extract_events(article_id, text, date, spans) -> list[Event]   # one article
    merge_events(events) -> list[Event]                            # across articles
    extract(articles, tagger) -> list[Event]                       # tag, assemble, merge
    write_events(events, path, fmt)                                # jsonl / csv / parquet
    evaluate_events(predicted, gold_articles) -> EventReport
    evaluate_geocoding(gold_articles, reference=None) -> GeocodeReport
"""

from __future__ import annotations

from typing import Any, Iterable, Protocol, Sequence

from conflict_events.events.assemble import extract_events
from conflict_events.events.dates import ResolvedTime, resolve_time
from conflict_events.events.evaluate import EventReport, GeocodeReport, evaluate_events, evaluate_geocoding
from conflict_events.events.export import write_events
from conflict_events.events.geocode import Gazetteer, Place, default_gazetteer, geocode_article, geocode_places
from conflict_events.events.merge import merge_events
from conflict_events.events.numbers import CountRange, parse_count
from conflict_events.events.records import Claim, Event, Evidence
from conflict_events.spans import Span


class SpanTagger(Protocol):
    def predict(self, texts: list[str]) -> list[list[Span]]: ...


def _field(article: Any, name: str) -> Any:
    return article.get(name) if isinstance(article, dict) else getattr(article, name, None)


def extract(articles: Iterable[Any], tagger: SpanTagger, merge: bool = True, batch_size: int = 64) -> list[Event]:
    """Tag ``articles`` (objects or dicts with ``id``, ``text``, ``date``) with ``tagger.predict`` in
    batches, assemble each article's events, and (by default) merge them across articles."""
    events: list[Event] = []
    batch: list[Any] = []

    def flush() -> None:
        spans: Sequence[list[Span]] = tagger.predict([str(_field(a, "text") or "") for a in batch])
        if len(spans) != len(batch):
            raise ValueError(f"tagger returned {len(spans)} results for {len(batch)} texts")
        for article, found in zip(batch, spans):
            events.extend(extract_events(str(_field(article, "id")), str(_field(article, "text") or ""),
                                         _field(article, "date"), found))
        batch.clear()

    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return merge_events(events) if merge else events


__all__ = [
    "Claim", "CountRange", "Event", "EventReport", "Evidence", "Gazetteer", "GeocodeReport", "Place", "ResolvedTime",
    "default_gazetteer", "evaluate_events", "evaluate_geocoding", "extract", "extract_events", "geocode_article", "geocode_places",
    "merge_events", "parse_count", "resolve_time", "write_events",
]
