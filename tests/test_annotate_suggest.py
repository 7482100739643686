"""Uncertainty ranking: the measure on hand-made probabilities, the ranking, and `suggest` end to end."""

import json
import math

import numpy as np
import pytest
from typer.testing import CliRunner

from conflict_events.cli import app
from conflict_events.annotate.suggest import Uncertainty, rank_articles, score_texts, token_uncertainty
from conflict_events.inputs import read_jsonl
from conflict_events.model import Tagger

from conftest import SAMPLE_TEXT, write_jsonl

runner = CliRunner()


def test_measure_on_known_distributions():
    sure = token_uncertainty(np.eye(4)[[0, 1, 2]])
    assert sure == Uncertainty(3, 0.0, 0.0)
    uniform = token_uncertainty(np.full((2, 4), 0.25))
    assert uniform.entropy == pytest.approx(1.0) and uniform.least_confidence == pytest.approx(0.75)
    mixed = token_uncertainty(np.array([[1.0, 0.0], [0.5, 0.5]]))  # one sure token, one coin flip
    assert mixed.entropy == pytest.approx(0.5) and mixed.least_confidence == pytest.approx(0.25)
    skewed = token_uncertainty(np.array([[0.9, 0.1, 0.0]]))
    assert skewed.entropy == pytest.approx(-(0.9 * math.log(0.9) + 0.1 * math.log(0.1)) / math.log(3))
    assert token_uncertainty(np.zeros((0, 15))) == Uncertainty(0, 0.0, 0.0)


def test_ranking_most_uncertain_first_ties_in_input_order():
    scored = [("a", [], Uncertainty(5, 0.2, 0.9)), ("b", [], Uncertainty(5, 0.6, 0.1)),
              ("c", [], Uncertainty(5, 0.6, 0.2)), ("d", [], Uncertainty(0, 0.0, 0.0))]
    by_entropy = rank_articles(iter(scored), 3)
    assert [(s.rank, s.article, s.score) for s in by_entropy] == [(1, "b", 0.6), (2, "c", 0.6), (3, "a", 0.2)]
    assert [s.article for s in rank_articles(scored, 2, "least-confidence")] == ["a", "c"]
    with pytest.raises(ValueError):
        rank_articles(scored, 0)


def test_scores_come_from_the_same_pass_as_predict(tiny_tagger_dir):
    tagger = Tagger.load(tiny_tagger_dir)
    long_text = " ".join([SAMPLE_TEXT] * 5)  # several 32-token windows
    texts = [SAMPLE_TEXT, "", long_text]
    scored = score_texts(tagger, texts)
    assert [spans for spans, _ in scored] == tagger.predict(texts)
    assert scored[1][1] == Uncertainty(0, 0.0, 0.0)
    distinct_tokens = len(set(tagger.tokenizer(long_text, return_offsets_mapping=True, add_special_tokens=False)["offset_mapping"]))
    assert scored[2][1].tokens == distinct_tokens  # windows merged: each token counted once
    for _, u in scored:
        assert 0.0 <= u.entropy <= 1.0 and 0.0 <= u.least_confidence <= 1.0


def test_suggest_command(tmp_path, tiny_tagger_dir):
    dump = write_jsonl(tmp_path / "dump.jsonl", [
        {"id": "u1", "date": "2016-01-02", "title": "Clashes", "text": SAMPLE_TEXT, "url": "https://example.org/1"},
        {"id": "u2", "text": "Police said 3 people were killed in Qala-i-Naw on Monday."},
        {"id": "u3", "text": "Officials said the attack on Kandahar airport was repelled."},
        {"id": "done", "text": "Already annotated."},
        {"id": "copy", "text": "Already annotated."},  # same text under another id
    ])
    annotations = write_jsonl(tmp_path / "gold.jsonl", [{"id": "done", "text": "Already annotated.", "spans": [], "events": []}])
    out = tmp_path / "next.jsonl"
    result = runner.invoke(app, ["suggest", str(dump), "--model", str(tiny_tagger_dir), "--n", "2",
                                 "--annotations", str(annotations), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 5, already annotated 2, rejected 0, suggested 2" in result.output
    table = result.stdout.splitlines()
    assert table[0].split()[:6] == ["rank", "entropy", "tokens", "spans", "id", "date"]
    assert [line.split()[0] for line in table[2:]] == ["1", "2"]
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["suggest"]["rank"] for r in rows] == [1, 2]
    assert rows[0]["suggest"]["uncertainty"] >= rows[1]["suggest"]["uncertainty"]
    assert {r["id"] for r in rows} <= {"u1", "u2", "u3"}
    # the file is a valid input for pre-annotate, extra fields kept
    articles = list(read_jsonl(out))
    assert [a.id for a in articles] == [r["id"] for r in rows]
    if "u1" in {r["id"] for r in rows}:
        assert next(r for r in rows if r["id"] == "u1")["url"] == "https://example.org/1"

    # the same ranking by the scores themselves
    tagger = Tagger.load(tiny_tagger_dir)
    texts = {"u1": SAMPLE_TEXT, "u2": "Police said 3 people were killed in Qala-i-Naw on Monday.",
             "u3": "Officials said the attack on Kandahar airport was repelled."}
    entropy = {k: u.entropy for k, (_, u) in zip(texts, score_texts(tagger, list(texts.values())))}
    assert [r["id"] for r in rows] == sorted(entropy, key=lambda k: -entropy[k])[:2]
