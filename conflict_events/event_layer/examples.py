"""From one article (spans, token states, and gold events with argument links when training) to the
arrays the heads read: embeddings, candidate pairs, hand features and targets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import numpy as np

from conflict_events.event_layer.candidates import (ArticleView, argument_candidates, argument_features,
                                                    coref_features, count_features, count_pairs, trigger_features,
                                                    trigger_pairs)
from conflict_events.event_layer.article_gate import article_vector
from conflict_events.event_layer.encoder import TokenStates, span_matrix
from conflict_events.event_layer.schema import (NOT_AN_EVENT, PARTIES, ROLES, SUB_TYPE_CLASSES, TYPE_CLASSES,
                                                role_mask, sub_type_class)


@dataclass
class ArticleArrays:
    view: ArticleView
    trigger_vectors: np.ndarray  # triggers x hidden
    sentence_vectors: np.ndarray  # triggers x hidden: the trigger's sentence
    argument_vectors: np.ndarray  # arguments x hidden
    trigger_features: np.ndarray
    argument_pairs: np.ndarray  # pairs x 2: (trigger index, argument index)
    argument_features: np.ndarray
    role_masks: np.ndarray  # pairs x roles: which roles the argument's label allows
    coref_pairs: np.ndarray
    coref_features: np.ndarray
    count_pairs: np.ndarray
    count_features: np.ndarray
    targets: "Targets | None" = None
    article_vector: np.ndarray | None = None  # the article gate's input (article_gate.article_vector)


@dataclass
class Targets:
    """Gold answers, derived from the annotation's events and their ``arguments`` links."""

    types: np.ndarray  # per trigger: index in TYPE_CLASSES
    sub_types: np.ndarray  # per trigger: index in SUB_TYPE_CLASSES, -1 for non-event triggers
    roles: np.ndarray  # per argument pair: multi-hot over ROLES
    parties: np.ndarray  # per argument pair: index in PARTIES, -1 when the pair is no casualty link
    coref: np.ndarray  # per trigger pair: 1 when both triggers belong to one event
    same_count: np.ndarray  # per count pair: 1 same group, 0 different groups, -1 not in one event together
    event_of_trigger: list[int] = field(default_factory=list)


def _pairs(pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    return np.asarray(pairs, dtype=np.int64).reshape(len(pairs), 2)


# Sentences either side of the trigger's own that the type head reads; one or two were tried on the
# forms, regions and seeds folds (docs/results.md, 2026-12-05) and gained nothing.
CONTEXT_SENTENCES = 0


def _sentence_vectors(view: ArticleView, states: TokenStates) -> np.ndarray:
    rows = []
    for trigger in view.triggers:
        if not view.sentences:
            rows.append(states.pool(trigger.start, trigger.end))
            continue
        k = view.sentence_of(trigger)
        first = view.sentences[max(0, k - CONTEXT_SENTENCES)]
        last = view.sentences[min(len(view.sentences) - 1, k + CONTEXT_SENTENCES)]
        rows.append(states.pool(first.start, last.end))
    return np.stack(rows) if rows else np.zeros((0, states.rows.shape[1]), dtype=np.float32)


def article_arrays(view: ArticleView, states: TokenStates, gold_events: Sequence[dict] | None = None) -> ArticleArrays:
    triggers, arguments = view.triggers, view.arguments
    argument_pair_list = argument_candidates(view)
    coref_pair_list = trigger_pairs(view)
    count_pair_list = count_pairs(view)
    arrays = ArticleArrays(
        view=view,
        trigger_vectors=span_matrix(states, triggers),
        sentence_vectors=_sentence_vectors(view, states),
        argument_vectors=span_matrix(states, arguments),
        trigger_features=trigger_features(view),
        argument_pairs=_pairs(argument_pair_list),
        argument_features=argument_features(view, argument_pair_list),
        role_masks=np.asarray([role_mask(arguments[j].label) for _, j in argument_pair_list], dtype=np.float32
                              ).reshape(len(argument_pair_list), len(ROLES)),
        coref_pairs=_pairs(coref_pair_list),
        coref_features=coref_features(view, coref_pair_list),
        count_pairs=_pairs(count_pair_list),
        count_features=count_features(view, count_pair_list),
        article_vector=article_vector(states),
    )
    if gold_events is not None:
        arrays.targets = gold_targets(view, arrays, gold_events)
    return arrays


def gold_targets(view: ArticleView, arrays: ArticleArrays, events: Sequence[dict]) -> Targets:
    triggers, arguments = view.triggers, view.arguments
    trigger_index = {(t.start, t.end): i for i, t in enumerate(triggers)}
    argument_index = {(a.start, a.end): j for j, a in enumerate(arguments)}
    event_of_trigger = [-1] * len(triggers)
    for e, event in enumerate(events):
        for t in event.get("triggers", []):
            i = trigger_index.get((t["start"], t["end"]))
            if i is not None and event_of_trigger[i] < 0:
                event_of_trigger[i] = e
    # links[e][(role, argument index)] = (party, group)
    links: list[dict[tuple[str, int], tuple[str | None, int | None]]] = []
    for event in events:
        found = {}
        for link in event.get("arguments", []) or []:
            j = argument_index.get((link["start"], link["end"]))
            if j is not None and link.get("role") in ROLES:
                found[(link["role"], j)] = (link.get("party"), link.get("group"))
        links.append(found)
    types = np.asarray([TYPE_CLASSES.index(events[e]["event_type"]) if e >= 0 else TYPE_CLASSES.index(NOT_AN_EVENT)
                        for e in event_of_trigger], dtype=np.int64)
    sub_types = np.asarray([SUB_TYPE_CLASSES.index(sub_type_class(events[e].get("sub_event_type"))) if e >= 0 else -1
                            for e in event_of_trigger], dtype=np.int64)
    roles = np.zeros((len(arrays.argument_pairs), len(ROLES)), dtype=np.float32)
    parties = np.full(len(arrays.argument_pairs), -1, dtype=np.int64)
    for row, (i, j) in enumerate(arrays.argument_pairs):
        e = event_of_trigger[i]
        if e < 0:
            continue
        for r, role in enumerate(ROLES):
            if (role, j) in links[e]:
                roles[row, r] = 1.0
                party = links[e][(role, j)][0]
                if role in ("killed", "wounded") and party in PARTIES:
                    parties[row] = PARTIES.index(party)
    coref = np.asarray([float(event_of_trigger[i] >= 0 and event_of_trigger[i] == event_of_trigger[j])
                        for i, j in arrays.coref_pairs], dtype=np.float32)
    same_count = np.full(len(arrays.count_pairs), -1.0, dtype=np.float32)
    for row, (a, b) in enumerate(arrays.count_pairs):
        role = "killed" if arguments[a].label == "KILLED" else "wounded"
        for found in links:
            if (role, a) in found and (role, b) in found:
                same_count[row] = float(found[(role, a)][1] == found[(role, b)][1])
                break
    return Targets(types, sub_types, roles, parties, coref, same_count, event_of_trigger)
