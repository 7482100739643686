"""The committed geocoding gold files parse, are disjoint, and hold what their README promises."""

import json
from pathlib import Path

import pytest

from conflict_events.events.geocode_scoring import read_gold

FOLDER = Path(__file__).resolve().parents[1] / "annotations" / "geocoding"


@pytest.mark.parametrize("name, least", [("dev.jsonl", 100), ("test.jsonl", 320)])
def test_gold_file_is_valid_and_large_enough(name, least):
    notes = read_gold(FOLDER / name)  # raises on any offset, span or field error
    mentions = [g for note in notes for g in note.gold]
    assert len(mentions) >= least
    assert len({g.country_code for g in mentions}) >= 24
    assert {g.feature for g in mentions} >= {"populated-place", "district", "province", "country"}
    assert any(not g.exists_in_geonames for g in mentions)


def test_dev_and_test_share_no_note_and_corpus_share_is_small():
    rows = {name: [json.loads(line) for line in (FOLDER / name).read_text(encoding="utf-8").splitlines()]
            for name in ("dev.jsonl", "test.jsonl")}
    texts = {name: {row["text"] for row in r} for name, r in rows.items()}
    assert not texts["dev.jsonl"] & texts["test.jsonl"]
    test_mentions = sum(len(row["gold"]) for row in rows["test.jsonl"])
    from_corpus = sum(len(row["gold"]) for row in rows["test.jsonl"] if "source" in row)
    assert from_corpus <= 0.2 * test_mentions
