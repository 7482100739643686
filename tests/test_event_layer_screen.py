"""Look-alike triggers of negatives, and the rules' records screened and typed by the type head:
hand-made spans and head outputs with known answers."""

from dataclasses import replace
from types import SimpleNamespace

import numpy as np
import pytest

from conflict_events.event_layer.decode import ArticleScores
from conflict_events.event_layer.lookalikes import (lexicon_pattern, lookalike_triggers, trigger_lexicon,
                                                    with_lookalikes)
from conflict_events.event_layer.schema import NOT_AN_EVENT, SUB_TYPE_CLASSES, TYPE_CLASSES
from conflict_events.event_layer.screen import screen_events
from conflict_events.events.records import Event, Evidence
from conflict_events.spans import Span


def article(text: str, marked: dict[str, str], events=()) -> SimpleNamespace:
    spans = [Span(text.index(piece), text.index(piece) + len(piece), label, piece) for piece, label in marked.items()]
    return SimpleNamespace(text=text, spans=spans, events=list(events))


TRAINING = [
    article("Militants ambushed a convoy and a suicide bombing followed.", {"ambushed": "TRIGGER", "suicide bombing": "TRIGGER",
                                                                          "Militants": "ACTOR"}, [{"event_type": "Battles"}]),
    article("Troops repelled an attack on the base, officials said in a long statement later.",
            {"attack": "TRIGGER", "officials said in a long statement later": "TRIGGER"}, [{"event_type": "Battles"}]),
]


def test_the_lexicon_holds_the_training_triggers_lower_cased_and_short():
    assert trigger_lexicon(TRAINING) == frozenset({"ambushed", "suicide bombing", "attack"})


def test_lookalikes_are_whole_words_and_the_longest_phrase_wins():
    pattern = lexicon_pattern(trigger_lexicon(TRAINING))
    text = "The striker's Attack was a counter-attack; fans called it a Suicide  bombing of a defence, attacking."
    found = [(s.text, s.label) for s in lookalike_triggers(text, [], pattern)]
    # "counter-attack" and "attacking" are other words; the doubled space still matches the phrase
    assert found == [("Attack", "TRIGGER"), ("Suicide  bombing", "TRIGGER")]


def test_lookalikes_never_overlap_an_annotated_span():
    pattern = lexicon_pattern(trigger_lexicon(TRAINING))
    text = "The attack of the Attack FC ended the game."
    taken = [Span(18, 27, "ACTOR", "Attack FC")]
    assert [(s.start, s.end) for s in lookalike_triggers(text, taken, pattern)] == [(4, 10)]


def test_only_negatives_gain_lookalikes_and_an_empty_lexicon_adds_nothing():
    pattern = lexicon_pattern(trigger_lexicon(TRAINING))
    text = "The visitors' attack ended in a draw."
    assert [s.text for s in with_lookalikes(text, [], [], pattern)] == ["attack"]
    assert with_lookalikes(text, [], [{"event_type": "Battles"}], pattern) == []
    assert lexicon_pattern(frozenset()) is None
    assert with_lookalikes(text, [], [], None) == []


def one_hot_rows(classes: tuple[str, ...], names: list[str]) -> np.ndarray:
    rows = np.full((len(names), len(classes)), 0.01, dtype=np.float32)
    for row, name in enumerate(names):
        rows[row, classes.index(name)] = 0.9
    return rows


def scores_for(types: list[str], sub_types: list[str]) -> ArticleScores:
    empty = np.zeros(0, dtype=np.float32)
    return ArticleScores(one_hot_rows(TYPE_CLASSES, types), one_hot_rows(SUB_TYPE_CLASSES, sub_types),
                         empty.reshape(0, 1), empty.reshape(0, 1), empty, empty)


TRIGGERS = [Span(4, 10, "TRIGGER", "attack"), Span(30, 35, "TRIGGER", "blast"), Span(50, 56, "TRIGGER", "strike")]


def record(event_id: str, *trigger_rows: int, event_type: str = "Battles", sub_event_type: str = "Armed clash") -> Event:
    return Event(event_id=event_id, article_ids=("a",), event_type=event_type, sub_event_type=sub_event_type,
                 triggers=tuple(Evidence("a", TRIGGERS[k].start, TRIGGERS[k].end, TRIGGERS[k].text) for k in trigger_rows))


def test_a_record_whose_every_trigger_reads_as_no_event_is_dropped():
    scores = scores_for([NOT_AN_EVENT, NOT_AN_EVENT, "Battles"], ["Other", "Other", "Armed clash"])
    kept = screen_events([record("sport", 0, 1), record("fight", 1, 2)], TRIGGERS, scores)
    assert [e.event_id for e in kept] == ["fight"]  # one violent trigger keeps a record


def test_typing_takes_the_heads_type_and_a_sub_type_of_that_type():
    scores = scores_for(["Explosions/Remote violence", "Explosions/Remote violence", "Battles"],
                        ["Remote explosive/landmine/IED", "Remote explosive/landmine/IED", "Armed clash"])
    kept = screen_events([record("ied", 0, 1)], TRIGGERS, scores)
    assert (kept[0].event_type, kept[0].sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    untyped = screen_events([record("ied", 0, 1)], TRIGGERS, scores, retype=False)
    assert (untyped[0].event_type, untyped[0].sub_event_type) == ("Battles", "Armed clash")


def test_a_record_without_a_scored_trigger_is_kept_as_it_is():
    orphan = Event(event_id="x", article_ids=("a",), event_type="Battles",
                   triggers=(Evidence("a", 70, 75, "clash"),))
    scores = scores_for([NOT_AN_EVENT] * 3, ["Other"] * 3)
    assert screen_events([orphan], TRIGGERS, scores) == [orphan]


@pytest.mark.parametrize("retype", [True, False])
def test_screening_changes_neither_its_inputs_nor_the_order(retype):
    records = [record("first", 2), record("second", 0)]
    before = list(records)
    scores = scores_for(["Battles", "Riots", "Battles"], ["Mob violence", "Mob violence", "Armed clash"])
    kept = screen_events(records, TRIGGERS, scores, retype=retype)
    assert records == before
    assert [e.event_id for e in kept] == ["first", "second"]


def test_a_no_event_threshold_drops_a_record_the_argmax_would_keep():
    scores = scores_for(["Battles", "Battles", "Battles"], ["Armed clash"] * 3)
    scores.types[0, TYPE_CLASSES.index(NOT_AN_EVENT)] = 0.4  # Battles 0.9 still wins the argmax
    records = [record("doubtful", 0), record("sure", 2)]
    assert [e.event_id for e in screen_events(records, TRIGGERS, scores, retype=False)] == ["doubtful", "sure"]
    kept = screen_events(records, TRIGGERS, scores, retype=False, no_event_threshold=0.4)
    assert [e.event_id for e in kept] == ["sure"]
    kept = screen_events(records, TRIGGERS, scores, retype=False, no_event_threshold=0.41)
    assert [e.event_id for e in kept] == ["doubtful", "sure"]


# -- recounting the rules' records with the layer's casualty heads -----------------------------------
RECOUNT_TEXT = "Gunmen attacked a market in Gao on Monday, killing 12 people, police said. A later blast killed 3 soldiers."


def role_inputs(text: str, marked: dict[str, str], role: str, role_scores: dict[tuple[int, str], float]):
    """Arrays over ``text`` (``marked`` pieces as spans) with role rows that give ``(trigger row,
    argument text)`` pairs their probability in ``role`` (every other role 0)."""
    from conflict_events.arguments import ROLES
    from conflict_events.event_layer.candidates import ArticleView

    spans = [Span(text.index(p), text.index(p) + len(p), label, p) for p, label in marked.items()]
    view = ArticleView.of(text, "2024-03-05", spans)
    arguments = [a.text for a in view.arguments]
    pairs = [(i, j) for i in range(len(view.triggers)) for j in range(len(arguments))]
    roles = np.zeros((len(pairs), len(ROLES)), dtype=np.float32)
    for row, (i, j) in enumerate(pairs):
        roles[row, ROLES.index(role)] = role_scores.get((i, arguments[j]), 0.0)
    arrays = SimpleNamespace(view=view, argument_pairs=np.array(pairs), count_pairs=np.zeros((0, 2), dtype=int))
    triggers = len(view.triggers)
    scores = ArticleScores(one_hot_rows(TYPE_CLASSES, ["Battles"] * triggers),
                           one_hot_rows(SUB_TYPE_CLASSES, ["Armed clash"] * triggers),
                           roles, np.zeros((len(pairs), 4), dtype=np.float32), np.zeros(1, dtype=np.float32),
                           np.zeros(0, dtype=np.float32))
    return view, arrays, scores


def recount_inputs(killed_scores: dict[tuple[int, str], float]):
    marked = {"Gunmen": "ACTOR", "attacked": "TRIGGER", "Gao": "PLACE", "Monday": "TIME", "12 people": "KILLED",
              "police": "SOURCE", "blast": "TRIGGER", "3 soldiers": "KILLED"}
    return role_inputs(RECOUNT_TEXT, marked, "killed", killed_scores)


def rule_record(view, trigger_row: int, killed=None, wounded=None) -> Event:
    from conflict_events.events.numbers import CountRange

    t = view.triggers[trigger_row]
    from conflict_events.events.records import Claim

    return Event(event_id=f"e{trigger_row}", article_ids=("a",), event_type="Battles", sub_event_type="Armed clash",
                 killed=CountRange(*killed) if killed else None, wounded=CountRange(*wounded) if wounded else None,
                 sources=("police",), triggers=(Evidence("a", t.start, t.end, t.text),),
                 claims=(Claim("police", killed=15), Claim("army", killed=9), Claim("Taliban", claim="denies it")))


def test_recounting_gives_each_count_to_the_record_that_claims_it_most():
    from conflict_events.event_layer.screen import recount_events

    # "12 people" is claimed by both triggers, more by the attack's; the blast has "3 soldiers"
    view, arrays, scores = recount_inputs({(0, "12 people"): 0.9, (1, "12 people"): 0.6, (1, "3 soldiers"): 0.8})
    rules = [rule_record(view, 0, killed=(15, 15), wounded=(4, 4)), rule_record(view, 1)]
    attack, blast = recount_events(rules, arrays, scores)
    assert (attack.killed.low, attack.killed.high, blast.killed.low, blast.killed.high) == (12, 12, 3, 3)
    assert attack.wounded == rules[0].wounded  # the layer gave it no wounded figure: the rules' stays
    # one source agreeing with itself makes no figure claim; a counter-claim in words stays
    assert [(c.source, c.killed, c.claim) for c in attack.claims] == [("Taliban", None, "denies it")]
    assert recount_events(rules, arrays, scores, keep_when_none=False)[0].wounded is None
    assert rules[0].killed.low == 15  # pure: the input records are untouched


def test_recounting_keeps_a_record_with_no_scored_trigger():
    from conflict_events.event_layer.screen import recount_events

    view, arrays, scores = recount_inputs({})
    stray = Event(event_id="x", article_ids=("a",), event_type="Battles", triggers=(Evidence("a", 0, 6, "Gunmen"),))
    assert recount_events([stray], arrays, scores) == [stray]


RECAST_TEXT = "A drone strike hit a market in Gao on Monday. JNIM fighters later entered the town as troops left."
RECAST_MARKED = {"drone strike": "TRIGGER", "Gao": "PLACE", "JNIM fighters": "ACTOR", "troops": "ACTOR"}


def test_recasting_names_an_unnamed_initiator_from_the_role_head_only_with_a_named_party():
    from conflict_events.event_layer.screen import recast_actors

    view, arrays, scores = role_inputs(RECAST_TEXT, RECAST_MARKED, "actor1", {(0, "JNIM fighters"): 0.8})
    t = view.triggers[0]
    unnamed = Event(event_id="e", article_ids=("a",), event_type="Explosions/Remote violence", country="Mali",
                    actor1="Unidentified Armed Group (Mali)", triggers=(Evidence("a", t.start, t.end, t.text),))
    (recast,) = recast_actors([unnamed], arrays, scores)
    assert recast.actor1_code == "JNIM" and unnamed.actor1.startswith("Unidentified")  # pure
    named = replace(unnamed, actor1="Malian army")
    assert recast_actors([named], arrays, scores) == [named]  # the rules named one: kept
    assert recast_actors([named], arrays, scores, only_unnamed=False)[0].actor1_code == "JNIM"
    _, weak_arrays, weak_scores = role_inputs(RECAST_TEXT, RECAST_MARKED, "actor1", {(0, "JNIM fighters"): 0.3})
    assert recast_actors([unnamed], weak_arrays, weak_scores) == [unnamed]  # below the role threshold
    _, _, to_troops = role_inputs(RECAST_TEXT, RECAST_MARKED, "actor1", {(0, "troops"): 0.9})
    assert recast_actors([replace(unnamed, actor2="soldiers")], arrays, to_troops)[0].actor1.startswith("Unidentified")
