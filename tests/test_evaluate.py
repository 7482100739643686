"""Span scoring on hand-made predictions with known answers."""

import pytest

from conflict_events.spans import Span, span_from_text
from conflict_events.training.evaluate import evaluate_spans, format_report

TEXT = "Taliban fighters stormed Kandahar airport, killing 3 police officers."
GOLD = [Span(0, 16, "ACTOR"), Span(17, 24, "TRIGGER"), Span(25, 40, "PLACE"), Span(50, 68, "KILLED")]


def test_perfect_prediction_scores_one():
    report = evaluate_spans([TEXT], [GOLD], [GOLD])
    assert report.exact["micro"].f1 == 1.0 and report.overlap["micro"].f1 == 1.0
    assert report.seqeval["micro avg"]["f1-score"] == 1.0


def test_known_scores():
    predicted = [
        Span(0, 7, "ACTOR"),        # overlaps gold ACTOR, not exact
        Span(17, 24, "TRIGGER"),    # exact
        Span(25, 40, "ACTOR"),      # wrong label
        Span(50, 68, "KILLED"),     # exact
        Span(42, 49, "TRIGGER"),    # spurious
    ]
    report = evaluate_spans([TEXT], [GOLD], [predicted])
    exact, overlap = report.exact["micro"], report.overlap["micro"]
    assert (exact.true_positives, exact.predicted, exact.gold) == (2, 5, 4)
    assert exact.precision == pytest.approx(0.4) and exact.recall == pytest.approx(0.5)
    assert (overlap.true_positives, overlap.predicted, overlap.gold) == (3, 5, 4)
    assert report.exact["ACTOR"].f1 == 0.0
    assert report.overlap["ACTOR"].precision == pytest.approx(0.5)  # 1 of 2 predicted ACTOR spans
    assert report.exact["PLACE"].recall == 0.0
    assert "| micro | 0.40 | 0.50 |" in format_report(report)


def test_overlap_matching_is_one_to_one():
    gold = [Span(0, 16, "ACTOR")]
    predicted = [Span(0, 7, "ACTOR"), Span(8, 16, "ACTOR")]
    report = evaluate_spans([TEXT], [gold], [predicted])
    assert report.overlap["ACTOR"].true_positives == 1
    assert report.overlap["ACTOR"].precision == 0.5


def test_document_count_mismatch_is_an_error():
    with pytest.raises(ValueError, match="1 gold documents but 2 predicted"):
        evaluate_spans([TEXT], [GOLD], [GOLD, GOLD])


def test_span_errors_by_kind():
    from conflict_events.training.evaluate import span_errors

    text = "Taliban and Afghan forces clashed in Kunduz on Monday."
    gold = [span_from_text(text, 0, 7, "ACTOR"), span_from_text(text, 12, 25, "ACTOR"),
            span_from_text(text, 26, 33, "TRIGGER"), span_from_text(text, 37, 43, "PLACE"), span_from_text(text, 44, 53, "TIME")]
    predicted = [span_from_text(text, 0, 25, "ACTOR"), span_from_text(text, 37, 43, "SOURCE"),
                 span_from_text(text, 44, 53, "TIME"), span_from_text(text, 34, 36, "PLACE")]
    errors = span_errors(gold, predicted)
    assert [(e.kind, e.text) for e in errors] == [
        ("boundary", "Taliban"), ("boundary", "Afghan forces"), ("missed", "clashed"), ("spurious", "in"), ("label", "Kunduz"),
    ]
    assert errors[0].predicted[0].text == "Taliban and Afghan forces"
    assert span_errors(gold, gold) == []
