"""Cross-validating the event layer against the rules, by article.

The folds (seeds, regions, forms) come from ``conflict_events.folds``.

Both systems read the same spans (gold here; predicted spans when a tagger per fold is given) and
are scored by ``events.evaluate`` (an event is found when it shares a trigger with a gold one).
The encoder rows are computed once: the encoder is frozen, so folds differ only in the heads.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

import numpy as np

from conflict_events.corpus import Article
from conflict_events.event_layer.candidates import ArticleView
from conflict_events.event_layer.examples import ArticleArrays, article_arrays
from conflict_events.event_layer.lookalikes import lexicon_pattern, trigger_lexicon, with_lookalikes
from conflict_events.event_layer.screen import recast_actors, recount_events, rules_helped_events, screen_events
from conflict_events.event_layer.config import EventLayerTrainConfig
from conflict_events.event_layer.layer import EventLayer, score_article
from conflict_events.event_layer.schema import ROLES
from conflict_events.events.assemble import extract_events
from conflict_events.events.evaluate import EventReport, evaluate_events, field_equal
from conflict_events.events.records import Event

@dataclass
class RoleCounts:
    """Argument-role scores over candidate pairs whose trigger belongs to a gold event."""

    identified_true: int = 0
    identified_predicted: int = 0
    identified_gold: int = 0
    classified_true: int = 0
    classified_predicted: int = 0
    classified_gold: int = 0

    @staticmethod
    def _f1(true: int, predicted: int, gold: int) -> float:
        return 2 * true / (predicted + gold) if predicted + gold else 0.0

    def to_dict(self) -> dict:
        return {"identification_f1": round(self._f1(self.identified_true, self.identified_predicted, self.identified_gold), 4),
                "classification_f1": round(self._f1(self.classified_true, self.classified_predicted, self.classified_gold), 4)}


def count_roles(arrays: ArticleArrays, role_probs: np.ndarray, counts: RoleCounts, threshold: float = 0.5) -> None:
    targets = arrays.targets
    if targets is None:
        return
    for row, (i, _) in enumerate(arrays.argument_pairs):
        if targets.event_of_trigger[int(i)] < 0:
            continue
        gold = targets.roles[row] > 0.5
        predicted = role_probs[row] >= threshold
        counts.identified_gold += int(gold.any())
        counts.identified_predicted += int(predicted.any())
        counts.identified_true += int(gold.any() and predicted.any())
        counts.classified_gold += int(gold.sum())
        counts.classified_predicted += int(predicted.sum())
        counts.classified_true += int((gold & predicted).sum())


@dataclass
class SystemResult:
    events: list[Event] = field(default_factory=list)
    negatives: int = 0
    negatives_with_events: int = 0


def sub_type_accuracy(report: EventReport) -> float:
    right = sum(field_equal("event_type", p.get("sub_event_type"), g.get("sub_event_type")) for _, p, g in report.pairs)
    return right / len(report.pairs) if report.pairs else 0.0


def summarise(result: SystemResult, gold: Sequence[Article], roles: RoleCounts | None = None) -> dict:
    report = evaluate_events(result.events, gold)
    summary = report.to_dict()
    summary["field_accuracy"]["sub_event_type"] = round(sub_type_accuracy(report), 4)
    summary["negatives"] = result.negatives
    summary["false_alarm_rate"] = round(result.negatives_with_events / result.negatives, 4) if result.negatives else None
    if roles is not None:
        summary["argument_roles"] = roles.to_dict()
    return summary


SYSTEMS = ("rules", "layer", "rules, screened", "rules, screened and typed", "rules, joined and screened",
           "rules, screened and gated", "rules, joined, screened and gated",
           "rules, joined, screened, gated and recounted", "rules, joined, screened, gated and recounted only",
           "rules, joined, screened, gated, unnamed initiators recast", "rules, joined, screened, gated, initiators recast")


def joined_system(threshold: float) -> str:
    """The name of the joined-and-screened system at a join threshold other than the config's."""
    return f"rules, joined at {threshold:g} and screened"


def gated_system(threshold: float) -> str:
    """The name of the screened system behind the article gate at a threshold other than the config's."""
    return f"rules, screened and gated at {threshold:g}"


def screened_system(threshold: float) -> str:
    """The name of the screened system that drops triggers whose no-event probability reaches ``threshold``."""
    return f"rules, screened at p(no event) >= {threshold:g}"


def lookalike_items(articles: Sequence[Article], items: Sequence[ArticleArrays], train: Sequence[int],
                    states: Sequence) -> list[ArticleArrays]:
    """The training arrays of one fold, its negatives read with the look-alike triggers of the fold's
    own training articles (``lookalikes``)."""
    pattern = lexicon_pattern(trigger_lexicon(articles[i] for i in train))
    out = []
    for i in train:
        article = articles[i]
        if article.events:
            out.append(items[i])
            continue
        spans = with_lookalikes(article.text, article.spans, article.events, pattern)
        out.append(article_arrays(ArticleView.of(article.text, article.date, spans), states[i], []))
    return out


def crossvalidate(articles: Sequence[Article], items: Sequence[ArticleArrays], folds: dict[str, list[int]],
                  encoder, tokenizer, config: EventLayerTrainConfig = EventLayerTrainConfig(),
                  spans_for: Callable[[int], Sequence] | None = None, progress: Callable[[str], None] = print,
                  states: Sequence | None = None, join_thresholds: Sequence[float] = (),
                  screen_thresholds: Sequence[float] = (), gate_thresholds: Sequence[float] = ()) -> dict:
    """Every system of ``SYSTEMS`` on every fold's held-out articles, pooled. ``items`` are the
    arrays of every article over its gold spans (training input); ``spans_for(i)`` gives the spans
    every system reads for held-out article ``i`` (default: its gold spans). With the encoder rows
    ``states`` and ``config.lookalike_negatives``, training negatives carry look-alike triggers.
    Each of ``join_thresholds`` adds a joined-and-screened system at that threshold, each of
    ``screen_thresholds`` a screened one, each of ``gate_thresholds`` a screened and gated one (sweeps)."""
    results = {name: SystemResult() for name in (*SYSTEMS, *map(joined_system, join_thresholds),
                                                 *map(screened_system, screen_thresholds),
                                                 *map(gated_system, gate_thresholds))}
    roles = RoleCounts()
    held_out: list[Article] = []
    for name, test in folds.items():
        test_set = set(test)
        train = [i for i in range(len(items)) if i not in test_set]
        started = time.time()
        train_items = (lookalike_items(articles, items, train, states) if states is not None and config.lookalike_negatives
                       else [items[i] for i in train])
        layer = EventLayer.from_arrays(train_items, encoder, tokenizer, config)
        progress(f"fold {name}: trained on {len(train_items)} articles in {time.time() - started:.0f} s, "
                 f"testing {len(test)}")
        for i in test:
            article = articles[i]
            held_out.append(article)
            spans = list(spans_for(i)) if spans_for else list(article.spans)
            by_rules = extract_events(article.id, article.text, article.date, spans)
            arrays = items[i] if spans_for is None else EventLayer.arrays_for(
                encoder, tokenizer, [(article.text, article.date, spans, None)], layer.max_length, layer.stride)[0]
            scores = score_article(layer.network, arrays)
            if spans_for is None:
                count_roles(arrays, scores.roles, roles)
            violence = layer.gate.probability(arrays.article_vector) if layer.gate is not None else None

            def helped(violence: float | None = None, **decode: float) -> list[Event]:  # extract's default path
                return rules_helped_events(article.id, article.text, article.date, spans, arrays, scores,
                                           replace(layer.decode, **decode), violence)

            screened = screen_events(by_rules, arrays.view.triggers, scores, retype=False)
            joined_default = helped()
            gated = lambda events, threshold=layer.decode.gate_threshold: (  # noqa: E731
                events if violence is None or violence >= threshold else [])
            by_system = {
                "rules": by_rules,
                "layer": layer.events_from_arrays(article.id, arrays),
                "rules, screened": screened,
                "rules, screened and typed": screen_events(by_rules, arrays.view.triggers, scores, retype=True),
                "rules, joined and screened": joined_default,
                "rules, screened and gated": gated(screened),
                "rules, joined, screened and gated": helped(violence),
                "rules, joined, screened, gated and recounted": recount_events(gated(joined_default), arrays, scores,
                                                                               layer.decode),
                "rules, joined, screened, gated and recounted only": recount_events(
                    gated(joined_default), arrays, scores, layer.decode, keep_when_none=False),
                "rules, joined, screened, gated, unnamed initiators recast": recast_actors(
                    gated(joined_default), arrays, scores, layer.decode),
                "rules, joined, screened, gated, initiators recast": recast_actors(
                    gated(joined_default), arrays, scores, layer.decode, only_unnamed=False),
                **{gated_system(t): gated(screened, t) for t in gate_thresholds},
                **{joined_system(t): helped(join_threshold=t) for t in join_thresholds},
                **{screened_system(t): screen_events(by_rules, arrays.view.triggers, scores, retype=False,
                                                     no_event_threshold=t) for t in screen_thresholds},
            }
            for system, events in by_system.items():
                result = results[system]
                result.events.extend(events)
                if not article.events:
                    result.negatives += 1
                    result.negatives_with_events += bool(events)
    summary = {system: summarise(result, held_out, roles if system == "layer" and spans_for is None else None)
               for system, result in results.items()}
    return {**summary, "folds": {k: len(v) for k, v in folds.items()}, "roles": list(ROLES)}
