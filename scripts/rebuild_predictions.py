"""Rebuild held-out span predictions from a saved study report, and prove the rebuild exact.

    python scripts/rebuild_predictions.py benchmarks/unseen-2026-12-05-regions.json \\
        --annotations annotations/ --output runs/regions-predictions-baseline.jsonl

A tagger cross-validation over the region folds costs about an hour and a half on a 2-core CPU; its
prediction file lives under ``runs/`` and is lost with the machine. The reports committed under
``benchmarks/`` (``scripts/study.py``) keep every span error of the held-out predictions
(``training/evaluate.py``'s ``span_errors``), which together with the gold spans determine the
predictions: a gold span with no error was predicted exactly, a ``spurious`` error carries its
offsets, and a ``boundary`` or ``label`` error names the overlapping predictions by text and label,
placed at the one occurrence of that text overlapping the gold span. The rebuilt spans are scored
again and must reproduce the stored exact and overlap counts of every label, or nothing is written.

The annotations must be those the study read (the held-out articles only, e.g. a folder with the
two form files for a forms report). Span scores are not in the report; rebuilt spans carry 1.0.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Sequence

from conflict_events.corpus import Article, load_corpus
from conflict_events.spans import Span, span_from_text
from conflict_events.training.evaluate import SpanReport, evaluate_spans

PREDICTION = re.compile(r"(.*) \[([A-Z]+)\]", re.S)


def place_prediction(text: str, described: str, gold_start: int, gold_end: int) -> tuple[int, int, str]:
    """``'neighboring Pakistan [PLACE]'`` overlapping gold ``gold_start:gold_end`` -> its offsets and label."""
    match = PREDICTION.fullmatch(described)
    if match is None:
        raise ValueError(f"not a described prediction: {described!r}")
    predicted_text, label = match.groups()
    starts = [m.start() for m in re.finditer(re.escape(predicted_text), text)
              if m.start() < gold_end and gold_start < m.start() + len(predicted_text)]
    if len(starts) != 1:
        raise ValueError(f"{described!r} overlaps {gold_start}-{gold_end} at {len(starts)} places, not one")
    return starts[0], starts[0] + len(predicted_text), label


def rebuild(article: Article, errors: Sequence[dict]) -> list[Span]:
    """One article's predicted spans from its gold spans and its span errors."""
    wrong_gold = {(e["start"], e["end"], e["label"]) for e in errors if e["kind"] != "spurious"}
    predicted = {(s.start, s.end, s.label) for s in article.spans} - wrong_gold
    for error in errors:
        if error["kind"] == "spurious":
            if article.text[error["start"]:error["end"]] != error["text"]:
                raise ValueError(f"{article.id}: spurious {error['text']!r} is not at {error['start']}-{error['end']}")
            predicted.add((error["start"], error["end"], error["label"]))
        else:
            predicted.update(place_prediction(article.text, described, error["start"], error["end"])
                             for described in error["predicted"])
    return sorted(span_from_text(article.text, start, end, label) for start, end, label in predicted)


def mismatches(report: SpanReport, stored: dict) -> list[str]:
    """Every label whose rebuilt counts differ from the stored report's."""
    problems = []
    for mode in ("exact", "overlap"):
        rebuilt = getattr(report, mode)
        for label, want in stored[mode].items():
            got = rebuilt.get(label)
            if got is None or (got.gold, got.predicted, round(got.f1, 4)) != (want["support"], want["predicted"], want["f1"]):
                problems.append(f"{mode} {label}: rebuilt {got}, stored {want}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path, help="a scripts/study.py report (JSON) with 'errors' and 'report'")
    parser.add_argument("--setting", help="the report's key (default: its first)")
    parser.add_argument("--annotations", type=Path, required=True, help="the held-out articles the study scored")
    parser.add_argument("--output", type=Path, required=True, help="prediction rows (id, date, text, spans) here")
    args = parser.parse_args(argv)
    saved = json.loads(args.report.read_text(encoding="utf-8"))
    setting = args.setting or next(iter(saved))
    stored = saved[setting]
    articles = load_corpus(args.annotations)
    errors_by_article: dict[str, list[dict]] = defaultdict(list)
    for error in stored["errors"]:
        errors_by_article[error["article_id"]].append(error)
    unknown = sorted(set(errors_by_article) - {a.id for a in articles})
    if unknown:
        parser.error(f"{args.report} has errors for articles not in {args.annotations}, e.g. {unknown[:3]}")
    try:
        predicted = [rebuild(a, errors_by_article[a.id]) for a in articles]
    except ValueError as error:
        parser.error(str(error))
    problems = mismatches(evaluate_spans([a.text for a in articles], [a.spans for a in articles], predicted),
                          stored["report"])
    if problems:
        parser.error("the rebuild does not reproduce the stored scores (other annotations?):\n  " + "\n  ".join(problems))
    rows = [{"id": a.id, "date": a.date, "text": a.text,
             "spans": [{"start": s.start, "end": s.end, "label": s.label} for s in spans]}
            for a, spans in zip(articles, predicted)]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} articles, {sum(map(len, predicted))} spans: the stored exact and overlap scores reproduced; "
          f"written to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
