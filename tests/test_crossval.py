from conflict_events.corpus import Article
from conflict_events.spans import span_from_text
from conflict_events.training.config import TrainConfig
from conflict_events.training.crossval import article_folds, cross_validate, held_out_errors, synthetic_to_real_fold

import pytest


def article(i: int, synthetic: bool = False) -> Article:
    text = f"Taliban fighters stormed Kandahar airport on Monday night, killing {i} police."
    spans = (span_from_text(text, 0, 16, "ACTOR"), span_from_text(text, 17, 24, "TRIGGER"), span_from_text(text, 25, 41, "PLACE"))
    return Article(id=f"{'syn' if synthetic else 'real'}-{i}", text=text, spans=spans, synthetic=synthetic)


def test_folds_hold_out_each_real_article_and_always_train_on_synthetic():
    articles = [article(1), article(2, True), article(3), article(4)]
    folds = article_folds(articles)
    assert [[a.id for a in fold.held_out] for fold in folds] == [["real-1"], ["real-3"], ["real-4"]]
    for fold in folds:
        assert fold.held_out[0] not in fold.train and any(a.synthetic for a in fold.train)
        assert len(fold.train) == 3
    (fold,) = synthetic_to_real_fold(articles)
    assert [a.id for a in fold.train] == ["syn-2"] and [a.id for a in fold.held_out] == ["real-1", "real-3", "real-4"]
    with pytest.raises(ValueError, match="at least two real"):
        article_folds([article(1), article(2, True)])


def test_cross_validation_scores_every_variant(tiny_encoder_dir, tmp_path):
    articles = [article(1), article(2), article(3, True)]
    config = TrainConfig(output=tmp_path, base_model=str(tiny_encoder_dir), max_steps=2, max_length=32, stride=8)
    variants = {"greedy": {"decoder": "greedy"}, "viterbi": {"decoder": "viterbi"}}
    seen = []
    result = cross_validate(config, variants, articles, on_fold=lambda i, n, fold, s: seen.append((i, n, fold.name)))
    assert seen == [(0, 2, "real-1"), (1, 2, "real-2")]
    assert set(result.reports) == {"greedy", "viterbi"}
    assert result.reports["viterbi"].exact["micro"].gold == 6  # 3 gold spans in each of 2 held-out articles
    assert len(result.predictions["greedy"]) == 2
    errors = held_out_errors(result, "viterbi")
    exact = result.reports["viterbi"].exact["micro"]
    assert sum(e["kind"] != "spurious" for e in errors) == exact.gold - exact.true_positives
    assert {e["article_id"] for e in errors} <= {"real-1", "real-2"}
    assert all(e["context"] and e["text"] in e["context"] for e in errors)


def test_synthetic_to_real_protocol_trains_once(tiny_encoder_dir, tmp_path):
    articles = [article(1), article(2), article(3, True)]
    config = TrainConfig(output=tmp_path, base_model=str(tiny_encoder_dir), max_steps=2, max_length=32, stride=8)
    result = cross_validate(config, articles=articles, protocol="synthetic-to-real")
    assert len(result.fold_seconds) == 1 and [a.id for a in result.held_out] == ["real-1", "real-2"]
    assert result.report.exact["micro"].gold == 6


def test_only_folds_runs_the_named_folds_and_keeps_their_numbers(tiny_encoder_dir, tmp_path):
    articles = [article(1), article(2), article(3), article(4, True)]
    config = TrainConfig(output=tmp_path, base_model=str(tiny_encoder_dir), max_steps=2, max_length=32, stride=8)
    seen = []
    result = cross_validate(config, articles=articles, keep_models=tmp_path / "folds", only_folds=["real-3"],
                            on_fold=lambda i, n, fold, s: seen.append((i, n, fold.name)))
    assert seen == [(0, 1, "real-3")] and [a.id for a in result.held_out] == ["real-3"]
    assert [p.name for p in (tmp_path / "folds").iterdir()] == ["fold-2"]  # the full protocol's number
    with pytest.raises(ValueError, match="no fold named"):
        cross_validate(config, articles=articles, only_folds=["real-9"])


def test_real_articles_are_repeated_and_synthetic_ones_are_not():
    from conflict_events.training.train import upsample_real

    articles = [article(1), article(2, True), article(3)]
    assert [a.id for a in upsample_real(articles, 3)] == ["real-1"] * 3 + ["syn-2"] + ["real-3"] * 3
    assert upsample_real(articles, 1) == articles
    with pytest.raises(ValueError, match="real_copies"):
        TrainConfig(real_copies=0)


def test_held_out_predictions_read_back_and_bad_rows_name_their_line(tmp_path):
    import json

    from conflict_events.training.crossval import CrossValResult, held_out_predictions, read_held_out_predictions

    tested = (article(1), article(2))
    predicted = (tested[0].spans[:2], ())
    result = CrossValResult({}, tested, {"default": predicted}, (1.0,))
    path = tmp_path / "predictions.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in held_out_predictions(result)))
    back = read_held_out_predictions(path)
    assert [(s.start, s.end, s.label, s.text) for s in back["real-1"]] == [(s.start, s.end, s.label, s.text) for s in predicted[0]]
    assert back["real-2"] == ()
    path.write_text(path.read_text() + '{"id": "real-3"}\n')
    with pytest.raises(ValueError, match=r"predictions.jsonl:3: not a prediction row"):
        read_held_out_predictions(path)
