"""scripts/rebuild_predictions.py: predictions rebuilt from gold spans and span errors are the predictions."""

import importlib.util
from pathlib import Path

import pytest

from conflict_events.corpus import Article
from conflict_events.spans import span_from_text
from conflict_events.training.evaluate import span_errors

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("rebuild_predictions", ROOT / "scripts" / "rebuild_predictions.py")
rebuild_predictions = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rebuild_predictions)

TEXT = "Gunmen killed 12 villagers in Tizi on Monday, police in neighbouring Tizi district said."


def spans(*triples):
    return tuple(span_from_text(TEXT, start, end, label) for start, end, label in triples)


def test_every_kind_of_error_is_undone():
    gold = spans((0, 6, "ACTOR"), (14, 16, "KILLED"), (30, 34, "PLACE"), (38, 44, "TIME"), (46, 52, "SOURCE"),
                 (69, 82, "PLACE"))
    # exact (ACTOR, TIME), boundary (KILLED '12 villagers'), label (PLACE 'Tizi' read as ACTOR),
    # missed (SOURCE), spurious (TRIGGER 'killed'); the second 'Tizi' must not be confused with the first
    predicted = spans((0, 6, "ACTOR"), (7, 13, "TRIGGER"), (14, 26, "KILLED"), (30, 34, "ACTOR"), (38, 44, "TIME"),
                      (69, 73, "PLACE"))
    article = Article("a", TEXT, gold)
    errors = [{"article_id": "a", **e.to_dict()} for e in span_errors(gold, predicted)]
    assert {e["kind"] for e in errors} == {"boundary", "label", "missed", "spurious"}
    assert rebuild_predictions.rebuild(article, errors) == sorted(predicted)


def test_a_prediction_that_fits_two_places_is_refused():
    with pytest.raises(ValueError, match="at 2 places"):
        rebuild_predictions.place_prediction("Tizi Tizi", "Tizi [PLACE]", 0, 9)
