"""Joining the rules' events with a coreference score (events/join.py): hand-made articles, a
hand-made score, known answers."""

from conflict_events.events.assemble import extract_events
from conflict_events.event_layer.decode import ArticleScores
from conflict_events.event_layer.screen import coreference_scores
from conflict_events.spans import Span
from tests.test_events_assemble import marked

import numpy as np

# The rules split this one fight: a clash and, in the next sentence, a drone strike on the same
# post, placed, so the grouping's type check keeps it from the Battles event.
SPLIT = ("[Militants]{ACTOR} [clashed]{TRIGGER} with [soldiers]{ACTOR} at an army post in [Kunduz]{PLACE} "
         "[on Monday]{TIME}, killing [three soldiers]{KILLED}. During the fighting, a [drone strike]{TRIGGER} hit "
         "the post in [Kunduz]{PLACE}, and [four soldiers]{WOUNDED} were hurt.")
PAIR = frozenset(("clashed", "drone strike"))


def score_by_text(table: dict[frozenset, float]):
    return lambda a, b: table.get(frozenset((a.text, b.text)), 0.0)


def test_without_a_score_the_rules_split_the_fight():
    text, spans = marked(SPLIT)
    events = extract_events("split", text, "2024-05-08", spans)
    assert [[t.text for t in e.triggers] for e in events] == [["clashed"], ["drone strike"]]


def test_a_confident_score_joins_the_split_events_and_their_figures():
    text, spans = marked(SPLIT)
    events = extract_events("split", text, "2024-05-08", spans,
                            coreference=score_by_text({PAIR: 0.9}))
    assert len(events) == 1
    (event,) = events
    assert [t.text for t in event.triggers] == ["clashed", "drone strike"]
    assert (event.killed.low, event.killed.high) == (3, 3)
    assert (event.wounded.low, event.wounded.high) == (4, 4)
    assert event.date == "2024-05-06"


def test_a_score_at_or_below_the_threshold_joins_nothing():
    text, spans = marked(SPLIT)
    score = score_by_text({PAIR: 0.5})
    assert len(extract_events("split", text, "2024-05-08", spans, coreference=score, join_threshold=0.5)) == 2
    assert len(extract_events("split", text, "2024-05-08", spans, coreference=score, join_threshold=0.4)) == 1


def test_a_separate_incident_is_never_joined_nor_folded_in_as_a_retelling():
    # the bomb's sentence neither places nor dates it (the rules would read it as a retelling of
    # the first attack but for its 'In a separate attack')
    text, spans = marked("[Gunmen]{ACTOR} [attacked]{TRIGGER} a bus in [Gao]{PLACE} [on Tuesday]{TIME}, killing "
                         "[four passengers]{KILLED}. In a separate attack, a [roadside bomb]{TRIGGER} struck an army "
                         "truck near [Ansongo]{PLACE}.")
    events = extract_events("separate", text, "2023-04-20", spans,
                            coreference=score_by_text({frozenset(("attacked", "roadside bomb")): 0.99}))
    assert len(events) == 2


def test_two_different_days_are_never_joined():
    text, spans = marked("[Soldiers]{ACTOR} [clashed]{TRIGGER} with [rebels]{ACTOR} in [Beni]{PLACE} [on Monday]{TIME}. "
                         "[On Wednesday]{TIME}, a [drone strike]{TRIGGER} hit a rebel camp near [Beni]{PLACE}.")
    events = extract_events("days", text, "2024-05-10", spans,
                            coreference=score_by_text({frozenset(("clashed", "drone strike")): 0.99}))
    assert sorted(e.date for e in events) == ["2024-05-06", "2024-05-08"]


def test_the_layers_pair_scores_are_read_by_trigger_offsets():
    triggers = [Span(0, 8, "TRIGGER", "attacked"), Span(40, 49, "TRIGGER", "shot down"), Span(60, 66, "TRIGGER", "strike")]
    scores = ArticleScores(types=np.zeros((3, 1)), sub_types=np.zeros((3, 1)), roles=np.zeros((0, 1)),
                           parties=np.zeros((0, 1)), coref=np.asarray([0.8, 0.1, 0.3]), same_count=np.zeros(0))
    score = coreference_scores(triggers, np.asarray([(0, 1), (0, 2), (1, 2)]), scores)
    assert score(triggers[1], triggers[0]) == 0.8
    assert score(triggers[0], triggers[2]) == 0.1
    assert score(triggers[2], triggers[1]) == 0.3
    assert score(triggers[0], Span(90, 95, "TRIGGER", "blast")) == 0.0


def test_a_joined_event_keeps_the_place_of_the_larger_telling():
    # joined, the drone strike's village would be the finest place of the union; the fight is told
    # at the post in Kunduz by two of its three mentions
    text, spans = marked("[Militants]{ACTOR} [clashed]{TRIGGER} with [soldiers]{ACTOR} at an army post in "
                         "[Kunduz]{PLACE} [on Monday]{TIME}, and the [fighting]{TRIGGER} in [Kunduz]{PLACE} killed "
                         "[three soldiers]{KILLED}. During the fighting, a [drone strike]{TRIGGER} hit a house near "
                         "[Zakhel village]{PLACE}.")
    split = extract_events("larger", text, "2024-05-08", spans)
    assert [e.location for e in split] == ["Kunduz", "Zakhel village"]
    joined = extract_events("larger", text, "2024-05-08", spans,
                            coreference=score_by_text({frozenset(("clashed", "drone strike")): 0.9,
                                                       frozenset(("fighting", "drone strike")): 0.9}))
    assert [e.location for e in joined] == ["Kunduz"]
