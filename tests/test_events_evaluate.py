"""Event scoring on hand-made predicted/gold events with known precision, recall and accuracy."""

import pytest

from conflict_events.events import CountRange, Event, evaluate_events
from conflict_events.events.evaluate import evaluate_geocoding, field_equal
from conflict_events.events.records import Evidence
from conflict_events.corpus import Article
from conflict_events.spans import Span


def predicted(article, triggers, **fields):
    base = dict(event_type="Battles", actor1="Taliban", location="Kandahar", country="Afghanistan")
    base.update(fields)
    return Event(event_id=str(triggers), article_ids=(article,),
                 triggers=tuple(Evidence(article, s, e, "x") for s, e in triggers), **base)


GOLD = [
    {"id": "a", "events": [
        {"event_type": "Battles", "actor1": "Taliban", "actor2": "Afghan forces", "location": "Kandahar",
         "country": "Afghanistan", "date": "2015-12-09", "killed": {"low": 37, "high": 37}, "wounded": None,
         "triggers": [{"start": 10, "end": 17}, {"start": 50, "end": 55}]},
        {"event_type": "Battles", "actor1": "Taliban", "actor2": None, "location": "Kandahar",
         "country": "Afghanistan", "date": "2015-12-07", "killed": {"low": 5, "high": 5}, "wounded": None,
         "triggers": [{"start": 100, "end": 107}]},
    ]},
    {"id": "b", "events": [
        {"event_type": "Explosions/Remote violence", "actor1": "Unidentified Armed Group (Afghanistan)",
         "location": "Kandahar Province", "country": "Afghanistan", "date": None, "killed": None, "wounded": None,
         "triggers": [{"start": 0, "end": 5}]},
    ]},
]


def test_precision_recall_and_field_accuracy():
    mine = [
        # matches gold a/0 by trigger overlap; actor2 differs only by 'the', date right, killed wrong
        predicted("a", [(12, 15)], actor2="the Afghan forces", date="2015-12-09", killed=CountRange(37, 40)),
        # no overlap with a/1's trigger, same type and location: matched by location
        predicted("a", [(300, 305)], date="2015-12-07", killed=CountRange(5, 5)),
        # a spurious event in b (wrong type, no overlap)
        predicted("b", [(40, 45)], location="Kabul"),
    ]
    report = evaluate_events(mine, GOLD)
    assert (report.predicted, report.gold, report.matched) == (3, 3, 2)
    assert report.precision == pytest.approx(2 / 3) and report.recall == pytest.approx(2 / 3)
    assert report.f1 == pytest.approx(2 / 3)
    accuracy = report.accuracy()
    assert accuracy["event_type"] == 1.0 and accuracy["actor2"] == 1.0 and accuracy["date"] == 1.0
    assert accuracy["killed"] == 0.5 and accuracy["wounded"] == 1.0
    assert report.to_dict()["matched"] == 2 and "F1" in report.format()


def test_merged_event_counts_in_each_article():
    merged = Event(event_id="m", article_ids=("a", "b"), event_type="Battles", actor1="Taliban",
                   location="Kandahar", triggers=(Evidence("a", 10, 17, "x"), Evidence("b", 900, 905, "y")))
    report = evaluate_events([merged], GOLD)
    assert (report.predicted, report.matched) == (2, 1)  # in b it is neither overlapping nor the same type


def test_field_equal_normalises_strings_and_counts():
    assert field_equal("actor1", "the Taliban", "Taliban")
    assert not field_equal("actor1", "Taliban forces", "Taliban")
    assert field_equal("actor1", "Taliban forces", "Taliban", lenient=True)
    assert field_equal("location", "Qala-i-Naw", "qala i naw")
    assert field_equal("killed", CountRange(5, 5), {"low": 5, "high": 5})
    assert field_equal("killed", None, None) and not field_equal("killed", None, {"low": 1, "high": 1})


def test_geocoding_report_on_gold_places():
    text = "Fighting in Qala-i-Naw and Kandahar; talks in Doha."
    spans = tuple(Span(text.index(w), text.index(w) + len(w), "PLACE", w) for w in ("Qala-i-Naw", "Kandahar", "Doha"))
    article = Article(id="g", text=text, spans=spans, events=(
        {"event_type": "Battles", "actor1": "Taliban", "location": "Qala-i-Naw", "country": "Afghanistan"},))
    report = evaluate_geocoding([article], reference={"Doha": "Qatar", "Kandahar": "Afghanistan"}).to_dict()
    assert report["places"] == 3 and report["places_with_reference"] == 3
    assert report["place_country_accuracy"] == 1.0
    assert report["event_locations"] == 1 and report["event_location_coordinates_share"] == 1.0


def test_same_referent_accepts_any_mention_linked_to_the_role():
    from conflict_events.events.evaluate import same_referent

    mentions = ["Taliban fighters", "three policemen"]
    assert same_referent("actor1", "Taliban", "Taliban fighters", mentions)      # same party
    assert same_referent("actor2", "Police Forces", "Afghan police", ["police"])  # a linked mention by party
    assert same_referent("actor2", "policemen", "Police", mentions)               # a count phrase's party
    assert not same_referent("actor1", "Islamic State", "Taliban", mentions)
    assert not same_referent("actor1", None, "Taliban", mentions)
    assert same_referent("location", "Kandahar city", "Kandahar", ["Kandahar city"])
    assert not same_referent("killed", CountRange(3, 3), CountRange(4, 4), ["3"])  # counts stay strict


def test_coded_accuracy_compares_actors_by_their_acled_code():
    gold = [{"id": "c", "events": [
        {"event_type": "Battles", "actor1": "Rapid Support Forces (RSF)", "actor2": "soldiers", "location": "El Fasher",
         "country": "Sudan", "triggers": [{"start": 0, "end": 5}]}]}]
    right = predicted("c", [(0, 5)], actor1="RSF fighters", actor2="army", location="El Fasher", country="Sudan")
    report = evaluate_events([right], gold)
    assert report.accuracy()["actor1"] == 0.0 and report.accuracy(coded=True)["actor1"] == 1.0
    assert report.accuracy(coded=True)["actor2"] == 1.0  # both Military Forces of Sudan
    wrong = predicted("c", [(0, 5)], actor1="army", actor2="RSF", location="El Fasher", country="Sudan")
    coded = evaluate_events([wrong], gold).accuracy(coded=True)
    assert coded["actor1"] == 0.0 and coded["actor2"] == 0.0
    assert evaluate_events([right], gold).to_dict()["field_accuracy_coded"]["actor1"] == 1.0
