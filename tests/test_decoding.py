import numpy as np

from conflict_events.labels import LABEL2ID
from conflict_events.model.decoding import decode, viterbi_tags

N = len(LABEL2ID)


def probs(*rows):
    out = np.full((len(rows), N), 1e-3)
    for i, row in enumerate(rows):
        for tag, p in row.items():
            out[i, LABEL2ID[tag]] = p
    return out / out.sum(axis=1, keepdims=True)


TEXT = "Afghan special forces retook it"
OFFSETS = [(0, 6), (7, 14), (15, 21), (22, 28), (29, 31)]


def test_greedy_repairs_orphan_inside_tag():
    p = probs({"O": 0.9}, {"I-ACTOR": 0.8}, {"I-ACTOR": 0.9}, {"B-TRIGGER": 0.9}, {"O": 0.9})
    spans = decode(TEXT, OFFSETS, p, "greedy")
    assert [(s.text, s.label) for s in spans] == [("special forces", "ACTOR"), ("retook", "TRIGGER")]


def test_viterbi_keeps_span_whole_when_first_token_wavers():
    # token 0 slightly prefers O, but B-ACTOR then I-ACTOR I-ACTOR is the better valid path
    p = probs({"O": 0.5, "B-ACTOR": 0.45}, {"I-ACTOR": 0.9}, {"I-ACTOR": 0.9}, {"B-TRIGGER": 0.9}, {"O": 0.9})
    spans = decode(TEXT, OFFSETS, p, "viterbi")
    assert [(s.text, s.label) for s in spans] == [("Afghan special forces", "ACTOR"), ("retook", "TRIGGER")]
    assert 0.5 < spans[0].score < 0.9


def test_viterbi_never_emits_inside_after_other_label():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(N), size=40)
    tags = [list(LABEL2ID)[i] for i in viterbi_tags(p)]
    for previous, current in zip(["O"] + tags, tags):
        if current.startswith("I-"):
            assert previous != "O" and previous[2:] == current[2:]


def test_empty_input_gives_no_spans():
    assert decode("", [], np.zeros((0, N))) == []


def test_transition_statistics_steer_the_path():
    from conflict_events.model.decoding import transition_log_probabilities

    O, B, I = LABEL2ID["O"], LABEL2ID["B-KILLED"], LABEL2ID["I-KILLED"]
    transitions = transition_log_probabilities([[O, B, I, I, O, O, O, O]] * 50, N)
    assert transitions[B, I] > 0 > transitions[B, O]  # I after B is more likely than I overall
    assert transitions[O, O] > 0 > transitions[O, I]
    # token 2 prefers O a little; training says B-KILLED is nearly always followed by I-KILLED
    p = probs({"O": 0.9}, {"B-KILLED": 0.9}, {"O": 0.5, "I-KILLED": 0.4}, {"O": 0.9}, {"O": 0.9})
    assert [s.text for s in decode(TEXT, OFFSETS, p, "viterbi")] == ["special"]
    assert [s.text for s in decode(TEXT, OFFSETS, p, "transitions", transitions)] == ["special forces"]


def _path_score(log_p, path, tags, transitions):
    if tags[path[0]].startswith("I-"):
        return -np.inf
    score = log_p[0, path[0]]
    for t in range(1, len(path)):
        previous, current = tags[path[t - 1]], tags[path[t]]
        if current.startswith("I-") and (previous == "O" or previous[2:] != current[2:]):
            return -np.inf
        score += log_p[t, path[t]] + transitions[path[t - 1], path[t]]
    return score


def test_batched_viterbi_finds_each_sequences_best_path_by_brute_force():
    from itertools import product

    from conflict_events.model.decoding import viterbi_tags_many

    tags = ["O", "B-A", "I-A", "B-B", "I-B"]
    rng = np.random.default_rng(3)
    transitions = rng.normal(scale=0.5, size=(len(tags), len(tags)))
    lengths = [3, 0, 6, 1, 5, 6, 2, 4]  # unsorted, with an empty and a one-token sequence
    sequences = [rng.dirichlet(np.ones(len(tags)) * 0.5, size=n) for n in lengths]
    paths = viterbi_tags_many(sequences, tags, transitions)
    assert [len(p) for p in paths] == lengths
    for probabilities, path in zip(sequences, paths):
        if not len(probabilities):
            continue
        log_p = np.log(probabilities)
        best = max(_path_score(log_p, candidate, tags, transitions) for candidate in product(range(len(tags)), repeat=len(probabilities)))
        assert np.isclose(_path_score(log_p, path, tags, transitions), best)
