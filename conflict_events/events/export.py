"""Writing events, one writer per format: JSONL (one event per line), CSV (ACLED columns first) and Parquet
(explicit schema), and the Arrow schemas of both shapes, derived from the :class:`Event` dataclass so a
new field reaches every format.

All three load in pandas (``pd.read_json(path, lines=True)``, ``pd.read_csv``, ``pd.read_parquet``).

Table schema (CSV and Parquet; JSONL holds the same fields with nested counts, claims and evidence):

| column | type | meaning |
|---|---|---|
| event_date | string (YYYY-MM-DD) | date of the event, empty when the text does not fix the day |
| event_type | string | ACLED event type |
| sub_event_type | string | ACLED sub-event type, where the text supports it |
| actor1 | string | initiating party (``Unidentified Armed Group (<country>)`` when unnamed) |
| actor2 | string | other party or target |
| country | string | country of the event |
| admin1 | string | first-level division (province/state) |
| admin2 | string | second-level division (district), GeoNames' name |
| location | string | most specific place that resolves, as written (else the gazetteer's name of the enclosing place) |
| latitude | float64 | WGS84 latitude (null when the place is unknown) |
| longitude | float64 | WGS84 longitude |
| fatalities | int64 | the LOW killed figure (ACLED's conservative count); null when none is given |
| source | string | sources joined with ``; `` |
| notes | string | the evidence sentences joined with a space |
| event_id | string | stable hash of article id + trigger offsets (merged: of member ids) |
| article_ids | string | article ids joined with ``; `` |
| geonameid | int64 | GeoNames id of the place (null for provinces and unknown places) |
| geo_precision | int64 | ACLED's: 1 the place itself, 2 a district or an enclosing/nearby town, 3 a province or country |
| location_text | string | a more specific name the gazetteer lacks (``Noorzayeha village``), when the place fell back |
| date_text | string | the time words as written (``Monday night``, ``last week``) |
| time_precision | string | ``day``, ``week``, ``month``, ``year`` or empty |
| killed_low / killed_high | int64 | killed range (null when no figure) |
| wounded_low / wounded_high | int64 | wounded range |
| claims | string | JSON list of ``{source, killed?, wounded?, claim?}`` |
| confidence | float64 | 0..1, from tagger scores and how complete the record is |
| actor1_code / actor2_code | string | ACLED-style code of the party (``Rapid Support Forces`` for ``RSF fighters``, ``Military Forces of Mali``, ``Civilians (Mali)``, which actor2_code of Violence against civilians always is unless the party is a known force or group, even where actor2 is empty; events/actor_codes.py) |
"""

from __future__ import annotations

import csv
import io
import json
import typing
from dataclasses import fields, is_dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Callable, Iterable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq

from conflict_events.events.numbers import CountRange
from conflict_events.events.records import Event
from conflict_events.files import write_atomically

ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location",
                 "latitude", "longitude", "fatalities", "source", "notes")
# Event fields the ACLED columns already carry, whole; ``killed`` is there only as its low figure,
# so it also gets its range columns. ``triggers`` stay in JSONL only (their text is in ``notes``).
IN_ACLED_COLUMNS = {"event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location", "latitude",
                    "longitude", "date", "sources", "evidence"}
NOT_IN_TABLE = {"triggers"}
FORMATS = ("jsonl", "csv", "parquet")
ROWS_PER_GROUP = 10_000  # Parquet row group: bounded memory while streaming

_SCALARS = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}


def arrow_type(annotation) -> pa.DataType:
    """The Arrow type of a field annotation: scalars, ``X | None``, ``tuple[X, ...]`` and dataclasses."""
    if annotation in _SCALARS:
        return _SCALARS[annotation]
    arguments = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) is tuple:
        return pa.list_(arrow_type(arguments[0]))
    if len(arguments) == 1:  # ``X | None``
        return arrow_type(arguments[0])
    if is_dataclass(annotation):
        hints = typing.get_type_hints(annotation)
        return pa.struct([(f.name, arrow_type(hints[f.name])) for f in fields(annotation)])
    raise TypeError(f"no Arrow type for {annotation!r}")


def _event_hints() -> dict:
    return typing.get_type_hints(Event)


def _is(annotation, kind: type) -> bool:
    return annotation is kind or kind in typing.get_args(annotation) or (
        typing.get_origin(annotation) is tuple and typing.get_args(annotation)[0] is kind)


EVENT_SCHEMA = pa.schema([(f.name, arrow_type(_event_hints()[f.name])) for f in fields(Event)])
"""The schema of ``Event.to_dict()`` (the JSONL rows), field for field."""


def _extra_columns() -> list[tuple[str, pa.DataType, Callable[[Event], object]]]:
    """The table columns after the ACLED ones: every other Event field, flattened, in field order."""
    columns = []
    for f in fields(Event):
        hint = _event_hints()[f.name]
        if f.name in NOT_IN_TABLE or (f.name in IN_ACLED_COLUMNS):
            continue
        if _is(hint, CountRange):
            for end in ("low", "high"):
                columns.append((f"{f.name}_{end}", pa.int64(),
                                lambda e, name=f.name, end=end: getattr(getattr(e, name), end) if getattr(e, name) else None))
        elif typing.get_origin(hint) is tuple and typing.get_args(hint)[0] is str:
            columns.append((f.name, pa.string(), lambda e, name=f.name: "; ".join(getattr(e, name))))
        elif typing.get_origin(hint) is tuple:  # records (claims): a JSON list in one cell
            columns.append((f.name, pa.string(),
                            lambda e, name=f.name: json.dumps([v.to_dict() for v in getattr(e, name)], ensure_ascii=False)))
        else:
            columns.append((f.name, arrow_type(hint), lambda e, name=f.name: getattr(e, name)))
    return columns


_ACLED = [
    ("event_date", pa.string(), lambda e: e.date), ("event_type", pa.string(), lambda e: e.event_type),
    ("sub_event_type", pa.string(), lambda e: e.sub_event_type), ("actor1", pa.string(), lambda e: e.actor1),
    ("actor2", pa.string(), lambda e: e.actor2), ("country", pa.string(), lambda e: e.country),
    ("admin1", pa.string(), lambda e: e.admin1), ("admin2", pa.string(), lambda e: e.admin2),
    ("location", pa.string(), lambda e: e.location),
    ("latitude", pa.float64(), lambda e: e.latitude), ("longitude", pa.float64(), lambda e: e.longitude),
    ("fatalities", pa.int64(), lambda e: e.killed.low if e.killed else None),
    ("source", pa.string(), lambda e: "; ".join(e.sources)),
    ("notes", pa.string(), lambda e: " ".join(x.text for x in e.evidence)),
]
_TABLE = _ACLED + _extra_columns()
COLUMNS = tuple(name for name, _, _ in _TABLE)
SCHEMA = pa.schema([(name, kind) for name, kind, _ in _TABLE])
"""The schema of the flat table (CSV and Parquet): ACLED columns first."""


def event_row(event: Event) -> dict:
    """One flat row with the table columns (see the module docstring)."""
    return {name: value(event) for name, _, value in _TABLE}


def event_table(events: Iterable[Event], flat: bool = True) -> pa.Table:
    """Events as an Arrow table: flat table rows, or the nested ``to_dict()`` rows. Explicit schemas,
    so that no events (or no casualty figures) keep the column types."""
    if flat:
        return pa.Table.from_pylist([event_row(e) for e in events], schema=SCHEMA)
    return pa.Table.from_pylist([e.to_dict() for e in events], schema=EVENT_SCHEMA)


def write_jsonl(events: Iterable[Event], sink: IO[bytes]) -> None:
    for event in events:
        sink.write(json.dumps(event.to_dict(), ensure_ascii=False).encode("utf-8") + b"\n")


def write_csv(events: Iterable[Event], sink: IO[bytes]) -> None:
    text = io.TextIOWrapper(sink, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=list(COLUMNS))
    writer.writeheader()
    for event in events:
        writer.writerow({k: ("" if v is None else v) for k, v in event_row(event).items()})
    text.flush()
    text.detach()  # leave ``sink`` open for its owner to sync and close


def write_parquet(events: Iterable[Event], sink: IO[bytes]) -> None:
    stream: Iterator[Event] = iter(events)
    with pq.ParquetWriter(sink, SCHEMA) as writer:
        while group := list(islice(stream, ROWS_PER_GROUP)):
            writer.write_table(event_table(group))
        # an empty file still carries the schema: ParquetWriter writes it on close


WRITERS: dict[str, Callable[[Iterable[Event], IO[bytes]], None]] = {
    "jsonl": write_jsonl, "json": write_jsonl, "csv": write_csv, "parquet": write_parquet}


def write_events(events: Iterable[Event], path: Path | str, fmt: str | None = None) -> Path:
    """Write events as ``jsonl``, ``csv`` or ``parquet`` (by default from the file suffix), atomically
    and streaming: ``events`` may be a generator of any length."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return write_atomically(path, lambda sink: WRITERS[fmt](events, sink))


class EventFileError(ValueError):
    """A line of an events file is not an event; the message names the file and line."""


def read_events_jsonl(path: Path | str) -> list[Event]:
    """Read events written by :func:`write_jsonl`."""
    events = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                events.append(Event.from_dict(json.loads(line)))
            except (json.JSONDecodeError, TypeError, ValueError, AttributeError) as error:
                raise EventFileError(f"{path}:{number}: not an event written by `extract` or `events-gold` ({error})") from error
    return events
