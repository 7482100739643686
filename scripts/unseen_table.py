"""Per-label span scores of held-out predictions, by article group: the README's unseen-source table.

    python scripts/unseen_table.py runs/regions-predictions-baseline.jsonl runs/forms-predictions-baseline.jsonl

Each file is the ``--predictions`` output of ``scripts/study.py`` or ``conflict-events crossval``
(annotation-format JSONL: id, text, spans), made by models that never saw the article. Rows are
scored against the annotations: every file as a whole, then the groups inside it (the real seeds,
each region or form fold), so the seeds' figure and the unseen-source figure come from one table.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Sequence

from conflict_events.corpus import Article, load_corpus
from conflict_events.folds import FOLDINGS
from conflict_events.spans import Span
from conflict_events.training.crossval import read_held_out_predictions
from conflict_events.training.evaluate import SpanReport, evaluate_spans

LABELS = ("ACTOR", "PLACE", "KILLED", "WOUNDED", "SOURCE", "TRIGGER", "TIME", "micro")


def score(articles: Sequence[Article], predicted: dict[str, tuple[Span, ...]]) -> SpanReport:
    return evaluate_spans([a.text for a in articles], [a.spans for a in articles], [predicted[a.id] for a in articles])


def groups(articles: Sequence[Article], predicted: dict[str, tuple[Span, ...]]) -> dict[str, list[Article]]:
    """The whole file, the real seeds in it, and each fold of the protocol whose held-out set it covers."""
    covered = [a for a in articles if a.id in predicted]
    chosen = {"all": covered, "real seeds": [a for a in covered if not a.synthetic]}
    for folding in ("regions", "forms"):
        folds = FOLDINGS[folding](articles)
        if {articles[i].id for fold in folds.values() for i in fold} == {a.id for a in covered}:
            chosen.update({name: [articles[i] for i in fold] for name, fold in folds.items()})
            break
    return {name: members for name, members in chosen.items() if members}


def row(name: str, articles: Sequence[Article], report: SpanReport) -> str:
    cells = [f"{report.exact[label].f1:.2f} / {report.overlap[label].f1:.2f}" for label in LABELS]
    return f"| {name} | {len(articles)} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("predictions", type=Path, nargs="+", help="held-out predictions, annotation-format JSONL")
    parser.add_argument("--annotations", type=Path, default=Path("annotations"))
    args = parser.parse_args(argv)
    articles = load_corpus(args.annotations)
    known = {a.id for a in articles}
    print("| held out | articles | " + " | ".join(LABELS) + " |")
    print("|---" * (len(LABELS) + 2) + "|")
    for path in args.predictions:
        try:
            predicted = read_held_out_predictions(path)
        except ValueError as error:
            raise SystemExit(str(error))
        strangers = sorted(set(predicted) - known)
        if strangers:
            raise SystemExit(f"{path}: {len(strangers)} ids not in {args.annotations}, e.g. {strangers[:3]}")
        for name, members in groups(articles, predicted).items():
            print(row(f"{path.stem}: {name}", members, score(members, predicted)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
