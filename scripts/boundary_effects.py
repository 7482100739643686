"""What the boundary rules do to one trained model's predictions: spans changed, slips left, exact
and overlap F1 with no rules, with an older copy of the rules, and with the current ones.

    python scripts/boundary_effects.py --model MODEL --gold annotations/seeds.jsonl \
        --compare-with /work/main/conflict_events/model/boundaries.py
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

from conflict_events.corpus import load_corpus
from conflict_events.model.boundaries import tidy_spans
from conflict_events.model.boundary_slips import boundary_slips
from conflict_events.model.tagger import Tagger
from conflict_events.spans import Span
from conflict_events.training.evaluate import score_table


def load_rules(path: Path):
    """``tidy_spans`` from another copy of boundaries.py (e.g. the landed one), to compare."""
    spec = importlib.util.spec_from_file_location("compared_boundaries", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.tidy_spans


def kind_of_change(before: Span, after: Span | None) -> str:
    """A short name for what a rule did to one span (before -> after, None when dropped)."""
    if after is None:
        return "span dropped"
    head = before.text[: max(0, after.start - before.start)].strip().lower()
    tail = before.text[len(before.text) - max(0, before.end - after.end):].strip().lower()
    if after.start < before.start:
        return "took a preceding 'on'" if after.text.lower().startswith("on ") else "start moved back to its word"
    if after.end > before.end:
        return "end completed to its word"
    if tail in (".", "!", "?"):
        return "sentence punctuation dropped"
    if tail in ("'", "’", "'s", "’s", "-"):
        return "possessive or hyphen given back"
    if tail:
        return f"trailing '{tail}' dropped"
    if head:
        return f"leading '{head}' dropped"
    return "other"


def changes(before_docs, after_docs) -> Counter:
    """What happened to each span of ``before_docs`` that is not in ``after_docs`` unchanged."""
    kinds = Counter()
    for before, after in zip(before_docs, after_docs):
        kept = set(after)
        for span in before:
            if span in kept:
                continue
            partner = next((a for a in after if a.label == span.label and a.overlaps(span) and a not in before), None)
            kinds[kind_of_change(span, partner)] += 1
    return kinds


def summary(gold_docs, predicted_docs) -> dict:
    tables = {mode: score_table(gold_docs, predicted_docs, mode) for mode in ("exact", "overlap")}
    return {mode: {label: round(score.f1, 4) for label, score in table.items()} for mode, table in tables.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--compare-with", type=Path, default=None, help="another boundaries.py to score as well")
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()

    articles = load_corpus(args.gold)
    texts, gold_docs = [a.text for a in articles], [list(a.spans) for a in articles]
    tagger = Tagger.load(args.model)
    tagger = Tagger(tagger.model, tagger.tokenizer, replace(tagger.config, tidy_boundaries=False))
    raw = tagger.predict(texts)
    variants = {"no rules": raw, "current rules": [tidy_spans(t, s) for t, s in zip(texts, raw)]}
    if args.compare_with:
        compared = load_rules(args.compare_with)
        variants["compared rules"] = [compared(t, s) for t, s in zip(texts, raw)]
    report = {}
    for name, docs in variants.items():
        slips = Counter(slip for text, spans in zip(texts, docs) for s in spans for slip in boundary_slips(text, s))
        report[name] = {"spans": sum(map(len, docs)), "slips": dict(slips), "f1": summary(gold_docs, docs)}
    for name in variants:
        if name != "no rules":
            changed = sum(len(set(a) ^ set(b)) for a, b in zip(raw, variants[name]))
            report[name]["spans changed vs no rules (removed + added)"] = changed
            report[name]["changes vs no rules"] = dict(changes(raw, variants[name]))
    if args.compare_with:
        report["current vs compared: spans that differ (removed + added)"] = sum(
            len(set(a) ^ set(b)) for a, b in zip(variants["compared rules"], variants["current rules"]))
        report["current vs compared: changes"] = dict(changes(variants["compared rules"], variants["current rules"]))
        gold_keys = [{(g.start, g.end, g.label) for g in gold} for gold in gold_docs]
        lost, gained = [], []
        for keys, before, after in zip(gold_keys, variants["compared rules"], variants["current rules"]):
            lost += [s for s in set(before) - set(after) if (s.start, s.end, s.label) in keys]
            gained += [s for s in set(after) - set(before) if (s.start, s.end, s.label) in keys]
        report["current vs compared: exact gold matches gained"] = sorted(f"{s.label} {s.text!r}" for s in gained)
        report["current vs compared: exact gold matches lost"] = sorted(f"{s.label} {s.text!r}" for s in lost)
        report["examples"] = [f"{span.label} {span.text!r} -> {partner.text if partner else None!r}"
                              for before, after in zip(variants["compared rules"], variants["current rules"])
                              for span in before if span not in set(after)
                              for partner in [next((a for a in after if a.label == span.label and a.overlaps(span)), None)]][:40]
    text = json.dumps(report, indent=1, ensure_ascii=False)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
