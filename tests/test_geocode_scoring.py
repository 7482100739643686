"""The geocoding scorer on a hand-made two-note gold file and a hand-written geocoder (no gazetteer)."""

import json

import pytest

from conflict_events.events.geocode_scoring import (GoldFormatError, PredictedPlace, distance_km, read_gold,
                                                     score)

TEXT_1 = "Gunmen attacked Noorzayeha village of Kushki Kuhna district, Herat. Police fled to Shindand."
TEXT_2 = "Clashes in Tripoli, Lebanon."


def _gold(text, piece, **fields):
    start = text.index(piece)
    base = {"start": start, "end": start + len(piece), "text": piece, "admin2": None, "geonameid": None,
            "latitude": None, "longitude": None, "exists_in_geonames": True}
    return {**base, **fields}


NOTES = [
    {"id": "n1", "date": "2021-03-08", "text": TEXT_1, "country_hint": None, "gold": [
        _gold(TEXT_1, "Noorzayeha village", country_code="AF", admin1_code="AF.11", admin2="Kushk-e Kohneh",
              feature="populated-place", latitude=34.8711, longitude=62.5476, exists_in_geonames=False,
              fallback_feature="district"),
        _gold(TEXT_1, "Kushki Kuhna district", country_code="AF", admin1_code="AF.11", admin2="Kushk-e Kohneh",
              feature="district", latitude=34.8711, longitude=62.5476),
        _gold(TEXT_1, "Herat", country_code="AF", admin1_code="AF.11", feature="province"),
        _gold(TEXT_1, "Shindand", country_code="AF", admin1_code="AF.11", feature="populated-place",
              geonameid=1125155, latitude=33.3029, longitude=62.1474),
    ]},
    {"id": "n2", "date": "2014-01-12", "text": TEXT_2, "country_hint": None, "gold": [
        _gold(TEXT_2, "Tripoli", country_code="LB", admin1_code="LB.09", feature="populated-place",
              geonameid=266826, latitude=34.4335, longitude=35.8442),
        _gold(TEXT_2, "Lebanon", country_code="LB", admin1_code=None, feature="country", geonameid=272103),
    ]},
]
for note in NOTES:
    note["spans"] = [{"start": g["start"], "end": g["end"], "label": "PLACE"} for g in note["gold"]]

# A hand-written geocoder's answers: right district by position (20 km off), right province,
# Shindand as a second GeoNames record 3 km away, Tripoli in Libya, Lebanon right without coordinates,
# the village skipped.
ANSWERS = {
    ("n1", "Kushki Kuhna district"): PredictedPlace("AF", "AF.11", None, 34.70, 62.45),
    ("n1", "Herat"): PredictedPlace("AF", "AF.11", None, 34.3, 62.2),
    ("n1", "Shindand"): PredictedPlace("AF", "AF.11", None, 33.33, 62.15, 999),
    ("n2", "Tripoli"): PredictedPlace("LY", "LY.77", None, 32.887, 13.187, 2210247),
    ("n2", "Lebanon"): PredictedPlace("LB", None, None, None, None, 272103),
}


def fake_geocoder(note):
    return {(g.start, g.end): ANSWERS[(note.id, g.text)] for g in note.gold if (note.id, g.text) in ANSWERS}


@pytest.fixture()
def gold_file(tmp_path):
    path = tmp_path / "mini.jsonl"
    path.write_text("\n".join(json.dumps(n) for n in NOTES) + "\n", encoding="utf-8")
    return path


def test_scores_by_level_feature_and_country(gold_file):
    result = score(read_gold(gold_file), fake_geocoder)
    overall = result.overall.rates()
    assert overall["mentions"] == 6
    assert overall["country"] == pytest.approx(4 / 6, abs=1e-4)  # village skipped, Tripoli in Libya
    assert overall["admin1"] == pytest.approx(3 / 5, abs=1e-4) and overall["admin1_mentions"] == 5
    assert overall["place"] == pytest.approx(4 / 6, abs=1e-4)
    assert overall["coverage"] == pytest.approx(4 / 5, abs=1e-4) and overall["coverage_mentions"] == 5
    assert result.by_country["LB"].rates()["place"] == 0.5
    assert result.by_feature["district"].rates()["place"] == 1.0
    assert result.by_feature["populated-place (not in GeoNames)"].rates()["place"] == 0.0
    table = result.markdown()
    assert "| **all** | 6 | 0.667 | 0.600 (5) | 0.667 | 0.800 (5) |" in table
    errors = result.to_dict()["errors"]
    assert {e["text"] for e in errors} == {"Noorzayeha village", "Tripoli"}


def test_district_far_away_or_in_wrong_province_is_wrong(gold_file):
    notes = read_gold(gold_file)
    far = lambda note: {(g.start, g.end): PredictedPlace("AF", "AF.11", None, 35.3, 62.5) for g in note.gold}  # noqa: E731
    wrong_admin1 = lambda note: {(g.start, g.end): PredictedPlace("AF", "AF.02", "Kushk-e Kohneh", 34.87, 62.55)  # noqa: E731
                                 for g in note.gold}
    district = lambda result: result.by_feature["district"].rates()["place"]  # noqa: E731
    assert district(score(notes, far)) == 0.0  # ~48 km from the seat
    assert district(score(notes, wrong_admin1)) == 0.0


def test_unknown_village_scores_as_its_fallback_district(gold_file):
    notes = read_gold(gold_file)
    district_answer = lambda note: {(g.start, g.end): PredictedPlace("AF", "AF.11", "Kushk-e Kohneh") for g in note.gold}  # noqa: E731
    result = score(notes, district_answer)
    assert result.by_feature["populated-place (not in GeoNames)"].rates()["place"] == 1.0  # admin2 named, no coordinates


def test_distance_km_known_pair():
    assert distance_km((34.3482, 62.1997), (33.3029, 62.1474)) == pytest.approx(116.4, abs=1.0)  # Herat-Shindand


def test_bad_line_names_file_line_and_reason(tmp_path):
    bad = dict(NOTES[1], gold=[dict(NOTES[1]["gold"][0], end=NOTES[1]["gold"][0]["end"] + 1), NOTES[1]["gold"][1]])
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(NOTES[0]) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r"bad\.jsonl:2: .*not the text at"):
        read_gold(path)
    path.write_text(json.dumps(dict(NOTES[0], spans=NOTES[0]["spans"][:2])) + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=r":1: PLACE spans and gold entries differ"):
        read_gold(path)


def _load_eval_script():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scripts" / "geocode_eval.py"
    spec = importlib.util.spec_from_file_location("geocode_eval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_eval_script_uses_geocode_article_with_all_spans(gold_file, tmp_path, monkeypatch):
    from types import SimpleNamespace

    from conflict_events.events import geocode

    seen = []

    def geocode_article(text, spans, country_hint=None):  # stands in for the article-level API
        seen.append(([(s.label, s.text) for s in spans], country_hint))
        return {(s.start, s.end): SimpleNamespace(country_code="LB", admin1_code="LB.09", admin2=None,
                                                  latitude=34.43, longitude=35.84, geonameid=266826)
                for s in spans if s.label == "PLACE"}

    monkeypatch.setattr(geocode, "geocode_article", geocode_article, raising=False)
    out = tmp_path / "scores.json"
    _load_eval_script().main(gold_file, out)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["api"] == "article_geocoder"
    assert seen[1] == ([("PLACE", "Tripoli"), ("PLACE", "Lebanon")], None)
    assert report["by_country"]["LB"]["place"] == 1.0 and report["by_country"]["AF"]["country"] == 0.0


def test_names_geocoder_derives_geonames_admin1_codes(gold_file):
    """The fallback for the older API (how the 'before' figures were measured), on the real gazetteer."""
    from conflict_events.events import geocode

    if not hasattr(geocode, "geocode_places"):
        pytest.skip("the older geocode_places API is gone")
    script = _load_eval_script()
    note = read_gold(gold_file)[0]
    predicted = script.names_geocoder(note)
    herat = next(g for g in note.gold if g.text == "Herat")
    shindand = next(g for g in note.gold if g.text == "Shindand")
    assert predicted[(shindand.start, shindand.end)].admin1_code == "AF.11"  # from the town's GeoNames record
    assert predicted[(herat.start, herat.end)].country_code == "AF"
    assert set(predicted) == {(g.start, g.end) for g in note.gold}
