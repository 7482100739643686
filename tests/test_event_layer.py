"""The trained event layer: pair features and targets from hand-made articles with known answers,
the pure decoder on hand-set probabilities, and fit/save/load/extract on the tiny random encoder."""

from __future__ import annotations

import numpy as np
import pytest

from conflict_events.corpus import Article
from conflict_events.event_layer.candidates import (ARGUMENT_FEATURES, COREF_FEATURES, COUNT_FEATURES, ArticleView,
                                                    argument_candidates, argument_features, count_pairs,
                                                    trigger_pairs)
from conflict_events.event_layer.decode import ArticleScores, cluster_triggers, decode_events
from conflict_events.event_layer.encoder import TokenStates
from conflict_events.event_layer.examples import article_arrays
from conflict_events.event_layer.schema import NOT_AN_EVENT, PARTIES, ROLES, SUB_TYPE_CLASSES, TYPE_CLASSES
from conflict_events.spans import span_from_text

TEXT = ("BAMAKO, Mali — Gunmen killed 12 soldiers and wounded 5 in an attack on a checkpoint in Boni on Sunday, "
        "the army said. Officials later put the toll at 14 soldiers. The attack was the deadliest this month.\n"
        "Separately, a football team beat its rivals in Bamako.")


def _span(fragment: str, label: str, nth: int = 0):
    at = -1
    for _ in range(nth + 1):
        at = TEXT.index(fragment, at + 1)
    return span_from_text(TEXT, at, at + len(fragment), label)


SPANS = [_span("BAMAKO", "PLACE"), _span("Gunmen", "ACTOR"), _span("12 soldiers", "KILLED"), _span("5", "WOUNDED"),
         _span("attack", "TRIGGER"), _span("Boni", "PLACE"), _span("on Sunday", "TIME"), _span("the army", "SOURCE"),
         _span("Officials", "SOURCE"), _span("14 soldiers", "KILLED"), _span("attack", "TRIGGER", 1)]


def _link(role: str, span, **extra) -> dict:
    return {"role": role, "start": span.start, "end": span.end, **extra}


GOLD_EVENT = {
    "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": "Gunmen", "actor2": "soldiers",
    "killed": {"low": 12, "high": 14}, "wounded": {"low": 5, "high": 5},
    "triggers": [{"start": SPANS[4].start, "end": SPANS[4].end}, {"start": SPANS[10].start, "end": SPANS[10].end}],
    "arguments": [_link("actor1", SPANS[1]), _link("actor2", SPANS[2]), _link("place", SPANS[5]),
                  _link("time", SPANS[6]), _link("killed", SPANS[2], party="actor2", group=1),
                  _link("killed", SPANS[9], party="actor2", group=1), _link("wounded", SPANS[3], party="actor2", group=1),
                  _link("source", SPANS[7]), _link("source", SPANS[8])],
}


def _states(width: int = 4) -> TokenStates:
    """One 'token' per word, with a row that says which word it is: enough to test pooling."""
    import re

    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", TEXT)]
    rows = np.stack([np.full(width, float(i), dtype=np.float32) for i in range(len(words))])
    return TokenStates(tuple(words), rows)


def test_candidates_and_features_have_known_shapes():
    view = ArticleView.of(TEXT, "2024-03-11", SPANS)
    assert [t.text for t in view.triggers] == ["attack", "attack"]
    pairs = argument_candidates(view)
    arguments = view.arguments
    assert all(arguments[j].label != "TRIGGER" for _, j in pairs)
    assert argument_features(view, pairs).shape == (len(pairs), ARGUMENT_FEATURES)
    assert trigger_pairs(view) == [(0, 1)]
    counts = count_pairs(view)
    assert [(arguments[a].text, arguments[b].text) for a, b in counts] == [("12 soldiers", "14 soldiers")]


def test_token_states_pool_the_covered_words():
    states = _states()
    start = TEXT.index("12 soldiers")
    pooled = states.pool(start, start + len("12 soldiers"))
    assert pooled[0] == pytest.approx(4.5)  # words 4 and 5: '12', 'soldiers'
    assert not states.pool(len(TEXT), len(TEXT) + 1).any()


def test_gold_targets_follow_the_links():
    view = ArticleView.of(TEXT, "2024-03-11", SPANS)
    arrays = article_arrays(view, _states(), [GOLD_EVENT])
    targets = arrays.targets
    assert targets.event_of_trigger == [0, 0]
    assert list(targets.types) == [TYPE_CLASSES.index("Battles")] * 2
    assert list(targets.coref) == [1.0]
    assert list(targets.same_count) == [1.0]
    arguments = view.arguments
    roles_of = {}
    for row, (i, j) in enumerate(arrays.argument_pairs):
        if i == 0:
            roles_of[arguments[j].text] = {ROLES[r] for r in np.nonzero(targets.roles[row])[0]}
    assert roles_of["12 soldiers"] == {"actor2", "killed"}
    assert roles_of["BAMAKO"] == set()  # a dateline is not the event's place
    assert roles_of["Boni"] == {"place"}
    party_rows = [row for row, (i, j) in enumerate(arrays.argument_pairs) if i == 0 and arguments[j].text == "14 soldiers"]
    assert targets.parties[party_rows[0]] == PARTIES.index("actor2")


def test_a_negative_article_gives_none_types_and_no_links():
    view = ArticleView.of(TEXT, "2024-03-11", SPANS)
    targets = article_arrays(view, _states(), []).targets
    assert list(targets.types) == [TYPE_CLASSES.index(NOT_AN_EVENT)] * 2
    assert not targets.roles.any() and list(targets.coref) == [0.0]


def test_cluster_triggers_joins_by_mean_probability():
    coref = {(0, 1): 0.9, (0, 2): 0.2, (1, 2): 0.4}
    assert cluster_triggers([0, 1, 2], coref, 0.5) == [[0, 1], [2]]
    assert cluster_triggers([0, 1, 2], {}, 0.5) == [[0], [1], [2]]


def _scores_from_targets(arrays) -> ArticleScores:
    """Probabilities equal to the gold answers: decoding must give back the gold event."""
    t = arrays.targets
    types = np.eye(len(TYPE_CLASSES), dtype=np.float32)[t.types]
    sub_types = np.zeros((len(t.types), len(SUB_TYPE_CLASSES)), np.float32)
    sub_types[:, SUB_TYPE_CLASSES.index("Armed clash")] = 1.0
    parties = np.zeros((len(arrays.argument_pairs), len(PARTIES)), np.float32)
    parties[:, PARTIES.index("actor2")] = 1.0
    return ArticleScores(types, sub_types, t.roles, parties, t.coref, np.clip(t.same_count, 0, 1))


def test_decoding_gold_probabilities_rebuilds_the_gold_event():
    view = ArticleView.of(TEXT, "2024-03-11", SPANS)
    arrays = article_arrays(view, _states(), [GOLD_EVENT])
    (event,) = decode_events("a1", arrays, _scores_from_targets(arrays), places={})
    assert (event.event_type, event.sub_event_type, event.actor1, event.actor2) == ("Battles", "Armed clash", "Gunmen", "soldiers")
    assert event.location == "Boni" and event.date == "2024-03-10" and event.date_text == "Sunday"
    assert (event.killed.low, event.killed.high) == (12, 14)  # one group: a range, not 26
    assert (event.wounded.low, event.wounded.high) == (5, 5)
    assert event.sources == ("the army", "Officials")
    assert [t.text for t in event.triggers] == ["attack", "attack"]


def test_separate_groups_add_up():
    view = ArticleView.of(TEXT, "2024-03-11", SPANS)
    arrays = article_arrays(view, _states(), [GOLD_EVENT])
    scores = _scores_from_targets(arrays)
    scores = ArticleScores(scores.types, scores.sub_types, scores.roles, scores.parties, scores.coref,
                           np.zeros_like(scores.same_count))
    (event,) = decode_events("a1", arrays, scores, places={})
    assert (event.killed.low, event.killed.high) == (26, 26)


def test_fit_save_load_extract_on_the_tiny_encoder(tiny_encoder_dir, tmp_path):
    from transformers import AutoModel, AutoTokenizer

    from conflict_events.event_layer.layer import EventLayer, has_event_layer
    from conflict_events.event_layer.config import EventLayerTrainConfig

    encoder, tokenizer = AutoModel.from_pretrained(tiny_encoder_dir), AutoTokenizer.from_pretrained(tiny_encoder_dir)
    article = Article(id="a1", text=TEXT, spans=tuple(sorted(SPANS)), events=(GOLD_EVENT,), date="2024-03-11")
    layer = EventLayer.fit([article] * 3, encoder, tokenizer, EventLayerTrainConfig(epochs=150, dropout=0.0),
                           max_length=32, stride=8)
    layer.save(tmp_path)
    assert has_event_layer(tmp_path)
    loaded = EventLayer.load(tmp_path, encoder, tokenizer)
    events = loaded.extract_events("a1", TEXT, "2024-03-11", SPANS)
    assert events == layer.extract_events("a1", TEXT, "2024-03-11", SPANS)  # the saved weights are the trained ones
    assert len(events) == 1 and events[0].location == "Boni"
    assert (events[0].killed.low, events[0].killed.high) == (12, 14)
    assert loaded.extract_events("a2", "No trigger here.", None, []) == []


def test_the_gate_is_saved_with_the_layer_and_closes_extracts_default(tiny_encoder_dir, tmp_path):
    from dataclasses import replace

    from transformers import AutoModel, AutoTokenizer

    from conflict_events.event_layer.article_gate import GATE_WEIGHTS
    from conflict_events.event_layer.config import EventLayerTrainConfig
    from conflict_events.event_layer.layer import EventLayer
    from conflict_events.event_layer.screen import screen_events
    from conflict_events.events.assemble import extract_events

    encoder, tokenizer = AutoModel.from_pretrained(tiny_encoder_dir), AutoTokenizer.from_pretrained(tiny_encoder_dir)
    conflict = Article(id="a1", text=TEXT, spans=tuple(sorted(SPANS)), events=(GOLD_EVENT,), date="2024-03-11")
    calm = Article(id="n1", text="The visitors' attack won the cup final in Bamako on Sunday.", spans=(), events=(),
                   date="2024-03-11")
    layer = EventLayer.fit([conflict, calm] * 2, encoder, tokenizer, EventLayerTrainConfig(epochs=5), max_length=32, stride=8)
    assert layer.gate is not None
    layer.save(tmp_path)
    assert (tmp_path / GATE_WEIGHTS).is_file()
    loaded = EventLayer.load(tmp_path, encoder, tokenizer)
    vector = layer.arrays_for(encoder, tokenizer, [(TEXT, "2024-03-11", SPANS, None)], 32, 8)[0].article_vector
    assert loaded.gate.probability(vector) == pytest.approx(layer.gate.probability(vector))

    article = [("a1", TEXT, "2024-03-11", SPANS)]
    loaded.decode = replace(loaded.decode, gate_threshold=1.01)  # no article reaches it
    assert loaded.rules_helped(article) == [[]]
    loaded.decode = replace(loaded.decode, gate_threshold=0.0)  # every article passes
    arrays = layer.arrays_for(encoder, tokenizer, [(TEXT, "2024-03-11", SPANS, None)], 32, 8)[0]
    from conflict_events.event_layer.layer import score_article

    expected = screen_events(extract_events("a1", TEXT, "2024-03-11", SPANS), arrays.view.triggers,
                             score_article(loaded.network, arrays), retype=False)
    assert loaded.rules_helped(article, join=False) == [expected]


def test_choose_epochs_picks_a_candidate_from_a_development_split():
    from conflict_events.event_layer.config import EventLayerTrainConfig
    from conflict_events.event_layer.fit import choose_epochs

    view = ArticleView.of(TEXT, "2024-03-11", SPANS)
    items = [article_arrays(view, _states(), [GOLD_EVENT]) for _ in range(5)]
    config = EventLayerTrainConfig(dropout=0.0)
    chosen = choose_epochs(items, config, candidates=(2, 5))
    assert chosen in (2, 5) and chosen == choose_epochs(items, config, candidates=(2, 5))  # repeatable
