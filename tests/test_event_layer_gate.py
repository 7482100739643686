"""The article gate (event_layer/article_gate.py): hand-made vectors with known answers, and the
gate's round trip through a saved layer folder."""

import numpy as np
import pytest
from safetensors.torch import load_file, save_file

from conflict_events.event_layer.article_gate import ArticleGate, article_vector, fit_gate
from conflict_events.event_layer.encoder import TokenStates


def test_the_article_vector_is_the_unit_length_mean_of_the_token_rows():
    states = TokenStates(((0, 3), (4, 8)), np.asarray([[3.0, 0.0], [3.0, 8.0]], dtype=np.float32))
    assert np.allclose(article_vector(states), [0.6, 0.8])
    empty = TokenStates((), np.zeros((0, 2), dtype=np.float32))
    assert np.array_equal(article_vector(empty), [0.0, 0.0])


def clusters(seed: int = 0) -> tuple[list[np.ndarray], list[bool]]:
    """Conflict articles around one direction, negatives around another, four times fewer."""
    rng = np.random.default_rng(seed)
    violent = [np.asarray([1.0, 0.2, 0.0]) + rng.normal(0, 0.1, 3) for _ in range(40)]
    calm = [np.asarray([0.2, 1.0, 0.0]) + rng.normal(0, 0.1, 3) for _ in range(10)]
    return violent + calm, [True] * 40 + [False] * 10


def test_the_gate_separates_the_two_kinds_despite_their_imbalance():
    vectors, labels = clusters()
    gate = fit_gate(vectors, labels)
    assert gate.probability(np.asarray([1.0, 0.2, 0.0])) > 0.9
    assert gate.probability(np.asarray([0.2, 1.0, 0.0])) < 0.1
    # class weighting: the decision boundary sits midway, not pushed towards the rare class
    assert 0.3 < gate.probability(np.asarray([0.6, 0.6, 0.0])) < 0.7


def test_stronger_regularisation_gives_less_certain_probabilities():
    vectors, labels = clusters()
    sharp, soft = fit_gate(vectors, labels, l2=0.01), fit_gate(vectors, labels, l2=10.0)
    probe = np.asarray([0.2, 1.0, 0.0])
    assert soft.probability(probe) > sharp.probability(probe)


def test_articles_of_one_kind_give_no_gate():
    vectors, _ = clusters()
    assert fit_gate(vectors, [True] * len(vectors)) is None
    assert fit_gate(vectors, [False] * len(vectors)) is None


def test_the_gate_survives_safetensors(tmp_path):
    gate = ArticleGate(np.asarray([0.5, -1.5, 2.0], dtype=np.float32), -0.25)
    save_file(gate.to_tensors(), str(tmp_path / "gate.safetensors"))
    loaded = ArticleGate.from_tensors(load_file(str(tmp_path / "gate.safetensors")))
    probe = np.asarray([0.1, 0.2, 0.3], dtype=np.float32)
    assert loaded.probability(probe) == pytest.approx(gate.probability(probe))
    assert loaded.probability(probe) == pytest.approx(1 / (1 + np.exp(-(0.05 - 0.3 + 0.6 - 0.25))))
