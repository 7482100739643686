"""Events assembled from the GOLD spans of the annotated articles against their gold events.

Skipped while ``annotations/seeds.jsonl`` / ``annotations/synthetic`` do not exist. The thresholds
are the figures measured when this test was written, a little below them; the numbers are printed
(``pytest -s``). The rules were developed on the seeds; the synthetic articles arrived later and
informed a few general fixes (casualty sides, datelines, geocoding context), so they are only
partly held out."""

from pathlib import Path

import pytest

from conflict_events.corpus import load_corpus
from conflict_events.events import evaluate_events, evaluate_geocoding, extract_events, merge_events

SEEDS = Path(__file__).resolve().parents[1] / "annotations" / "seeds.jsonl"
SYNTHETIC = SEEDS.parent / "synthetic"

# Expected country of every PLACE written in the seeds (a hand-made reference).
COUNTRY_OF = {
    "Afghanistan": "Afghanistan", "southern Afghanistan": "Afghanistan", "Pakistan": "Pakistan", "Iran": "Iran",
    "Qatar": "Qatar", "Tajikistan": "Tajikistan", "Uzbekistan": "Uzbekistan", "India": "India",
    "Qala-i-Naw": "Afghanistan", "Kabul": "Afghanistan", "KABUL": "Afghanistan", "Kandahar": "Afghanistan",
    "Kandahar airport compound": "Afghanistan", "Kandahar Province": "Afghanistan", "Kunduz": "Afghanistan",
    "KUNDUZ": "Afghanistan", "Takhar provinces": "Afghanistan", "Herat": "Afghanistan", "Badghis": "Afghanistan",
    "Badghis province": "Afghanistan", "Badghis Province": "Afghanistan", "Badakhshan": "Afghanistan",
    "Baghlan": "Afghanistan", "Bagram": "Afghanistan", "Bagram airbase": "Afghanistan",
    "Bagram Air Base": "Afghanistan", "Spin Boldak-Chaman border crossing": "Afghanistan",
    "Tehran": "Iran", "Islamabad": "Pakistan", "Chaman": "Pakistan", "Doha": "Qatar",
}
# Measured on the five seeds (gold spans): 11 predicted, 11 gold, 11 matched.
MIN_FIELD_ACCURACY = {"event_type": 1.0, "actor1": 0.8, "actor2": 0.5, "location": 1.0, "country": 1.0,
                      "date": 1.0, "killed": 1.0, "wounded": 1.0}


# Floors a little under what was measured, per group of synthetic parts (gold spans, no model):
# parts A-B (90 short articles, 118 gold events): P 0.685, R 0.941.
# parts C-E (30 long articles with background paragraphs, 74 gold events): P 0.550, R 0.892,
# type 0.894, actor1 0.333, actor2 0.227, location 0.500, country 0.864, date 0.652, killed 0.258,
# wounded 0.470: the assembler is much weaker on long articles with several events and claims.
# Geocoding (country right): A-B 0.977 of places, 0.983 of event locations; C-E 0.970 and 0.946
# (a village named like a Pakistani town, fuzzy matches abroad).
# C-E actor1 floor 0.3 -> 0.28 (issue 12, event coreference): folding split events together moves which
# predicted event pairs with a gold one in two articles (c-008, e-006); precision rose 0.564 -> 0.629.
MIN_SYNTHETIC = {
    ("part_a", "part_b"): ((0.65, 0.9, 0.98), {"event_type": 0.8, "actor1": 0.4, "actor2": 0.4, "location": 0.74,
                                         "country": 0.97, "date": 0.82, "killed": 0.42, "wounded": 0.8}),
    ("part_c", "part_d", "part_e"): ((0.52, 0.86, 0.98), {"event_type": 0.86, "actor1": 0.28, "actor2": 0.2, "location": 0.52,
                                                    "country": 0.94, "date": 0.62, "killed": 0.23, "wounded": 0.44}),
}


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(SEEDS)


@pytest.fixture(scope="module")
def events(seeds):
    return [e for a in seeds for e in extract_events(a.id, a.text, a.date, a.spans)]


def test_gold_spans_reproduce_gold_events(seeds, events):
    report = evaluate_events(events, seeds)
    print("\n" + report.format())
    assert report.precision >= 0.9 and report.recall >= 0.9
    accuracy = report.accuracy()
    for name, minimum in MIN_FIELD_ACCURACY.items():
        assert accuracy[name] >= minimum, f"{name}: {accuracy[name]:.3f} < {minimum}"


def test_merging_the_seeds(seeds, events):
    merged = merge_events(events)
    qala = [e for e in merged if e.location == "Qala-i-Naw" and e.event_type == "Battles"]
    assert len(qala) == 1 and set(qala[0].article_ids) == {"seed-001", "seed-003"}
    kandahar = [e for e in merged if "seed-000" in e.article_ids and e.country == "Afghanistan" and e.date]
    assert {e.date for e in kandahar} == {"2015-12-09", "2015-12-07"}  # siege and police station apart
    report = evaluate_events(merged, seeds)
    print(f"after merging: {len(events)} -> {len(merged)} events; P {report.precision:.3f} R {report.recall:.3f}")
    assert report.recall >= 0.9


def test_gold_places_geocode_to_the_right_country(seeds):
    report = evaluate_geocoding(seeds, reference=COUNTRY_OF).to_dict()
    print(f"\ngeocoding: {report}")
    assert report["places_with_reference"] >= 70
    assert report["place_country_accuracy"] >= 0.95
    assert report["event_location_country_accuracy"] == 1.0
    assert report["event_location_coordinates_share"] == 1.0


@pytest.mark.parametrize("parts", list(MIN_SYNTHETIC))
def test_gold_spans_of_synthetic_articles(parts):
    articles = [a for part in parts for a in load_corpus(SYNTHETIC / f"{part}.jsonl")]
    events = [e for a in articles for e in extract_events(a.id, a.text, a.date, a.spans)]
    report = evaluate_events(events, articles)
    geo = evaluate_geocoding(articles).to_dict()
    print(f"\nsynthetic {parts}:\n" + report.format() + f"\ngeocoding: {geo}")
    (min_precision, min_recall, min_geocoding), min_accuracy = MIN_SYNTHETIC[parts]
    assert report.precision >= min_precision and report.recall >= min_recall
    accuracy = report.accuracy()
    for name, minimum in min_accuracy.items():
        assert accuracy[name] >= minimum, f"{name}: {accuracy[name]:.3f} < {minimum}"
    assert geo["place_country_accuracy"] >= min_geocoding and geo["event_location_country_accuracy"] >= min_geocoding
