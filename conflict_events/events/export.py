"""Writing events: JSONL (one event per line), CSV (ACLED columns first) and Parquet (explicit schema).

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
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from conflict_events.events.records import Event

ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1", "admin2", "location",
                 "latitude", "longitude", "fatalities", "source", "notes")
EXTRA_COLUMNS = ("event_id", "article_ids", "geonameid", "geo_precision", "location_text", "date_text", "time_precision",
                 "killed_low", "killed_high", "wounded_low", "wounded_high", "claims", "confidence")
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
FORMATS = ("jsonl", "csv", "parquet")

SCHEMA = pa.schema([
    ("event_date", pa.string()), ("event_type", pa.string()), ("sub_event_type", pa.string()),
    ("actor1", pa.string()), ("actor2", pa.string()), ("country", pa.string()), ("admin1", pa.string()),
    ("admin2", pa.string()), ("location", pa.string()), ("latitude", pa.float64()), ("longitude", pa.float64()),
    ("fatalities", pa.int64()), ("source", pa.string()), ("notes", pa.string()),
    ("event_id", pa.string()), ("article_ids", pa.string()), ("geonameid", pa.int64()),
    ("geo_precision", pa.int64()), ("location_text", pa.string()), ("date_text", pa.string()), ("time_precision", pa.string()),
    ("killed_low", pa.int64()), ("killed_high", pa.int64()), ("wounded_low", pa.int64()),
    ("wounded_high", pa.int64()), ("claims", pa.string()), ("confidence", pa.float64()),
])


def event_row(event: Event) -> dict:
    """One flat row with the table columns (see the module docstring)."""
    return {
        "event_date": event.date, "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "actor1": event.actor1, "actor2": event.actor2, "country": event.country, "admin1": event.admin1,
        "admin2": event.admin2, "location": event.location, "latitude": event.latitude, "longitude": event.longitude,
        "fatalities": event.killed.low if event.killed else None, "source": "; ".join(event.sources),
        "notes": " ".join(e.text for e in event.evidence), "event_id": event.event_id,
        "article_ids": "; ".join(event.article_ids), "geonameid": event.geonameid,
        "geo_precision": event.geo_precision, "location_text": event.location_text, "date_text": event.date_text, "time_precision": event.time_precision,
        "killed_low": event.killed.low if event.killed else None,
        "killed_high": event.killed.high if event.killed else None,
        "wounded_low": event.wounded.low if event.wounded else None,
        "wounded_high": event.wounded.high if event.wounded else None,
        "claims": json.dumps([c.to_dict() for c in event.claims], ensure_ascii=False),
        "confidence": event.confidence,
    }


def write_jsonl(events: Iterable[Event], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")


def write_csv(events: Iterable[Event], path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        for event in events:
            writer.writerow({k: ("" if v is None else v) for k, v in event_row(event).items()})


def write_parquet(events: Iterable[Event], path: Path) -> None:
    rows = [event_row(e) for e in events]
    table = pa.Table.from_pylist(rows, schema=SCHEMA) if rows else SCHEMA.empty_table()
    pq.write_table(table, path)


def write_events(events: Iterable[Event], path: Path | str, fmt: str | None = None) -> Path:
    """Write events as ``jsonl``, ``csv`` or ``parquet`` (by default from the file suffix)."""
    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    writers = {"jsonl": write_jsonl, "json": write_jsonl, "csv": write_csv, "parquet": write_parquet}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}: expected one of {', '.join(FORMATS)}")
    path.parent.mkdir(parents=True, exist_ok=True)
    writers[fmt](list(events), path)
    return path


def read_events_jsonl(path: Path | str) -> list[Event]:
    """Read events written by :func:`write_jsonl`."""
    with open(path, encoding="utf-8") as handle:
        return [Event.from_dict(json.loads(line)) for line in handle if line.strip()]
