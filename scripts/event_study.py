"""Cross-validate the trained event layer against the rules (issue 12), by article.

    python scripts/event_study.py --annotations annotations/ --output benchmarks/event-study.json

Systems: the rules, the trained layer, and the rules screened (and typed) by the layer's type head
(``event_layer/screen.py``). Protocols (``conflict_events.folds``): ``seeds`` leaves one real seed out; ``regions`` holds out
every article of one world region at a time, so its countries are unseen; ``forms`` holds out the
briefs/round-ups file, then the monitor-report/live-update/translated-press file. Both systems read
the gold spans, or the spans a tagger predicted without having seen the article (``--tagger`` for
one model that saw none of them, ``--predicted-spans`` for the held-out predictions of a tagger
cross-validation with the same folds: ``conflict-events crossval --protocol regions --predictions``).
The encoder (the packaged MiniLM by default) is frozen, so its rows are computed once and only the
heads train per fold.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

from conflict_events.corpus import load_corpus
from conflict_events.event_layer.crossval import crossvalidate
from conflict_events.folds import FOLDINGS
from conflict_events.event_layer.config import EventLayerTrainConfig
from conflict_events.event_layer.candidates import ArticleView
from conflict_events.event_layer.encoder import token_states
from conflict_events.event_layer.examples import article_arrays
from conflict_events.model.base_encoder import resolve_base_model

FIELDS = ("event_type", "sub_event_type", "actor1", "actor2", "location", "country", "date", "killed", "wounded")


REFERENT_FIELDS = ("actor1", "actor2", "location")
CODED_FIELDS = ("actor1", "actor2")


def table(results: dict) -> str:
    """Strict field accuracy, then the referent accuracy of the actors and the place (a value naming
    any mention the gold event links to that role), then the actors by ACLED-style code."""
    lines = ["| protocol | system | P | R | F1 | " + " | ".join(FIELDS) + " | "
             + " | ".join(f"{f} (referent)" for f in REFERENT_FIELDS) + " | "
             + " | ".join(f"{f} (ACLED code)" for f in CODED_FIELDS) + " | false alarms |",
             "|---" * (6 + len(FIELDS) + len(REFERENT_FIELDS) + len(CODED_FIELDS)) + "|"]
    for protocol, result in results.items():
        for system in [name for name in result if isinstance(result[name], dict) and "f1" in result[name]]:
            r = result[system]
            acc, referent, coded = r["field_accuracy"], r["field_accuracy_referent"], r["field_accuracy_coded"]
            alarms = "" if r["false_alarm_rate"] is None else f"{r['false_alarm_rate']:.2f} of {r['negatives']}"
            lines.append(f"| {protocol} | {system} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
                         + " | ".join(f"{acc[f]:.2f}" for f in FIELDS) + " | "
                         + " | ".join(f"{referent[f]:.2f}" for f in REFERENT_FIELDS) + " | "
                         + " | ".join(f"{coded[f]:.2f}" for f in CODED_FIELDS) + f" | {alarms} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=Path, default=Path("annotations"))
    parser.add_argument("--protocol", choices=(*FOLDINGS, "both"), default="both", help="both: seeds and regions")
    parser.add_argument("--encoder", default="default", help="base encoder for the layer: default, pkg:NAME or a path")
    parser.add_argument("--epochs", type=int, default=EventLayerTrainConfig.epochs,
                        help="epochs of the heads; 0: chosen per fold on a development split of its training articles")
    parser.add_argument("--output", type=Path, help="write the results as JSON here")
    parser.add_argument("--tagger", type=Path, help="score on this tagger's predicted spans instead of the gold "
                        "ones (both systems); it must not have seen the held-out articles, e.g. a model trained on "
                        "the synthetic articles only, with --protocol seeds")
    parser.add_argument("--predicted-spans", type=Path, help="score on the spans in this annotation-format JSONL "
                        "(id, spans), e.g. the held-out predictions of `crossval --protocol regions --predictions`; "
                        "every held-out article must be in it")
    parser.add_argument("--cache", type=Path, help="keep the encoded articles in this pickle and reuse it "
                                                   "(the encoder's token rows; valid while the texts and the encoder are unchanged)")
    parser.add_argument("--no-lookalikes", action="store_true", help="train the heads without the look-alike "
                        "triggers of negatives (event_layer/lookalikes.py), as before they existed")
    parser.add_argument("--join-thresholds", type=float, nargs="*", default=(),
                        help="also score the joined-and-screened system at these join thresholds (a sweep)")
    parser.add_argument("--screen-thresholds", type=float, nargs="*", default=(),
                        help="also score the screened system dropping triggers whose no-event probability reaches "
                             "these thresholds (a sweep)")
    parser.add_argument("--gate-thresholds", type=float, nargs="*", default=(),
                        help="also score the screened system behind the article gate at these thresholds (a sweep)")
    args = parser.parse_args(argv)
    from transformers import AutoModel, AutoTokenizer

    articles = [a for a in load_corpus(args.annotations)]
    path = resolve_base_model(args.encoder)
    encoder, tokenizer = AutoModel.from_pretrained(path).eval(), AutoTokenizer.from_pretrained(path)
    started = time.time()
    if args.cache and args.cache.is_file():
        states = pickle.loads(args.cache.read_bytes())
    else:
        states = token_states(encoder, tokenizer, [a.text for a in articles])
        if args.cache:
            args.cache.write_bytes(pickle.dumps(states))
    if len(states) != len(articles):
        parser.error(f"{args.cache} holds {len(states)} articles, the annotations {len(articles)}: delete it")
    items = [article_arrays(ArticleView.of(a.text, a.date, a.spans), state, list(a.events))
             for a, state in zip(articles, states)]
    print(f"{len(articles)} articles encoded and read in {time.time() - started:.0f} s", file=sys.stderr)
    config = EventLayerTrainConfig(epochs=args.epochs or None, lookalike_negatives=not args.no_lookalikes)
    chosen = ({name: FOLDINGS[name] for name in ("seeds", "regions")} if args.protocol == "both"
              else {args.protocol: FOLDINGS[args.protocol]})
    spans_for = None
    if args.tagger and args.predicted_spans:
        parser.error("give --tagger or --predicted-spans, not both")
    if args.predicted_spans:
        from conflict_events.training.crossval import read_held_out_predictions

        try:
            by_id = read_held_out_predictions(args.predicted_spans)
        except ValueError as error:
            parser.error(str(error))
        held_out = sorted({i for make_folds in chosen.values() for fold in make_folds(articles).values() for i in fold})
        missing = [articles[i].id for i in held_out if articles[i].id not in by_id]
        if missing:
            parser.error(f"{args.predicted_spans} has no predictions for {len(missing)} held-out articles, e.g. {missing[:3]}")
        spans_for = lambda i: by_id[articles[i].id]  # noqa: E731
    if args.tagger:
        from conflict_events.model import Tagger

        held_out = sorted({i for make_folds in chosen.values() for fold in make_folds(articles).values() for i in fold})
        predicted = dict(zip(held_out, Tagger.load(args.tagger).predict([articles[i].text for i in held_out])))
        spans_for = predicted.__getitem__
    results = {}
    for name, make_folds in chosen.items():
        results[name] = crossvalidate(articles, items, make_folds(articles), encoder, tokenizer, config,
                                      spans_for=spans_for, progress=lambda line: print(line, file=sys.stderr),
                                      states=states, join_thresholds=args.join_thresholds,
                                      screen_thresholds=args.screen_thresholds,
                                      gate_thresholds=args.gate_thresholds)
    print(table(results))
    for name, result in results.items():
        print(f"{name}: argument roles (layer, gold triggers) {result['layer'].get('argument_roles')}")
    if args.output:
        args.output.write_text(json.dumps({"encoder": args.encoder, "epochs": args.epochs,
                                           "spans": str(args.tagger or args.predicted_spans or "gold"), "results": results},
                                          indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
