"""JSONL / CSV / Parquet exports load in pandas with the declared columns and types."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from conflict_events.events import CountRange, Event, write_events
from conflict_events.events.export import ACLED_COLUMNS, COLUMNS, SCHEMA, read_events_jsonl
from conflict_events.events.records import Claim, Evidence


def sample_events():
    full = Event(
        event_id="abc", article_ids=("seed-000", "seed-009"), event_type="Battles", sub_event_type="Armed clash",
        actor1="Taliban", actor2="Afghan forces", location="Kandahar airport compound", country="Afghanistan",
        admin1="Kandahar", latitude=31.61, longitude=65.71, geonameid=1138336, geo_precision=1, date="2015-12-09",
        date_text="Wednesday afternoon", time_precision="day", killed=CountRange(37, 40), wounded=CountRange(35, 35),
        sources=("Afghan defense officials", "Al Jazeera"),
        claims=(Claim("Afghan defense officials", killed=37), Claim("Taliban", claim="denies")),
        evidence=(Evidence("seed-000", 0, 10, "At least 3"),), triggers=(Evidence("seed-000", 5, 8, "ast"),),
        confidence=0.9)
    empty = Event(event_id="def", article_ids=("x",), event_type="Protests")
    return [full, empty]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_exports_load_in_pandas(tmp_path, fmt):
    path = write_events(sample_events(), tmp_path / f"events.{fmt}")
    frame = {"jsonl": lambda p: pd.read_json(p, lines=True), "csv": pd.read_csv, "parquet": pd.read_parquet}[fmt](path)
    assert len(frame) == 2
    if fmt == "jsonl":
        assert frame.loc[0, "killed"] == {"low": 37, "high": 40}
        return
    assert tuple(frame.columns) == COLUMNS
    assert tuple(frame.columns[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
    row = frame.iloc[0]
    assert row["event_date"] == "2015-12-09" and row["fatalities"] == 37 and row["killed_high"] == 40
    assert row["source"] == "Afghan defense officials; Al Jazeera"
    assert json.loads(row["claims"])[1] == {"source": "Taliban", "claim": "denies"}
    assert pd.isna(frame.iloc[1]["fatalities"]) and pd.isna(frame.iloc[1]["latitude"])


def test_parquet_has_the_explicit_schema(tmp_path):
    path = write_events(sample_events(), tmp_path / "events.parquet")
    assert pq.read_schema(path).equals(SCHEMA, check_metadata=False)
    assert pq.read_table(write_events([], tmp_path / "empty.parquet")).num_rows == 0


def test_jsonl_round_trip_and_bad_format(tmp_path):
    events = sample_events()
    path = write_events(events, tmp_path / "out.txt", "jsonl")
    assert read_events_jsonl(path) == events
    with pytest.raises(ValueError, match="unknown format"):
        write_events(events, tmp_path / "out.xlsx")


def test_schemas_follow_the_event_dataclass():
    """A field added to Event reaches the JSONL schema and the table without touching the exporter."""
    from dataclasses import dataclass, fields

    import pyarrow as pa

    from conflict_events.events.export import EVENT_SCHEMA, IN_ACLED_COLUMNS, NOT_IN_TABLE, arrow_type

    names = [f.name for f in fields(Event)]
    assert EVENT_SCHEMA.names == names == list(sample_events()[0].to_dict())
    for name in names:
        if name not in IN_ACLED_COLUMNS | NOT_IN_TABLE:
            assert name in COLUMNS or f"{name}_low" in COLUMNS, name

    @dataclass(frozen=True)
    class Later:
        admin2: str | None = None
        location_text: str | None = None
        ranks: tuple[int, ...] = ()
        evidence: tuple[Evidence, ...] = ()

    assert [arrow_type(f.type) for f in fields(Later)] == [
        pa.string(), pa.string(), pa.list_(pa.int64()),
        pa.list_(pa.struct([("article_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]))]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_failed_write_keeps_the_old_file(tmp_path, fmt):
    path = write_events(sample_events(), tmp_path / f"events.{fmt}")
    before = path.read_bytes()

    def failing():
        yield sample_events()[0]
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_events(failing(), path)
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == [path.name]
