"""Model predictions for new articles, written for an annotation tool to correct.

``pre_annotate`` runs the tagger once per chunk of articles (spans and uncertainty from the same
forward pass, see :mod:`conflict_events.annotate.suggest`); the writers turn the results into a
Label Studio task list, a doccano JSONL file and the Label Studio labeling config. Each task
carries the article id, date, title and the sha256 of the exact text, which ``import`` checks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from conflict_events.annotate.formats import doccano_record, label_config, label_studio_task, text_hash
from conflict_events.annotate.suggest import Uncertainty, score_stream
from conflict_events.files import write_text_atomically
from conflict_events.inputs import InputArticle
from conflict_events.spans import Span

OUTPUT_FILES = {
    "label-studio": "label_studio_tasks.json",
    "config": "label_studio_config.xml",
    "doccano": "doccano.jsonl",
}


@dataclass(frozen=True)
class PreAnnotated:
    article: InputArticle
    spans: tuple[Span, ...]
    uncertainty: Uncertainty

    @property
    def confidence(self) -> float:
        """1 - mean normalised token entropy: Label Studio's prediction score, low = check first."""
        return 1.0 - self.uncertainty.entropy

    @property
    def title(self) -> str | None:
        title = self.article.extra.get("title")
        return title if isinstance(title, str) else None


def pre_annotate(tagger, articles: Iterable[InputArticle], chunk_size: int = 64) -> Iterator[PreAnnotated]:
    articles = list(articles)
    for article, (spans, uncertainty) in zip(articles, score_stream(tagger, (a.text for a in articles), chunk_size)):
        yield PreAnnotated(article, tuple(spans), uncertainty)


def label_studio_tasks(items: Iterable[PreAnnotated], model_version: str) -> list[dict]:
    return [label_studio_task(i.article.id, i.article.text, i.article.date, i.title, i.spans, model_version, i.confidence)
            for i in items]


def doccano_records(items: Iterable[PreAnnotated], model_version: str) -> list[dict]:
    return [doccano_record(i.article.id, i.article.text, i.article.date, i.title, i.spans, model_version, i.confidence)
            for i in items]


def write_outputs(output_dir: Path, items: list[PreAnnotated], model_version: str,
                  formats: tuple[str, ...] = ("label-studio", "doccano")) -> dict[str, Path]:
    """Write the requested files (the labeling config goes with Label Studio); returns them by kind."""
    written: dict[str, Path] = {}
    if "label-studio" in formats:
        tasks = label_studio_tasks(items, model_version)
        written["label-studio"] = output_dir / OUTPUT_FILES["label-studio"]
        write_text_atomically(written["label-studio"], json.dumps(tasks, ensure_ascii=False, indent=1) + "\n")
        written["config"] = output_dir / OUTPUT_FILES["config"]
        write_text_atomically(written["config"], label_config())
    if "doccano" in formats:
        written["doccano"] = output_dir / OUTPUT_FILES["doccano"]
        write_text_atomically(written["doccano"], "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                                     for r in doccano_records(items, model_version)))
    return written


def annotated_keys(articles) -> tuple[set[str], set[str]]:
    """Ids and text hashes of already annotated articles, to leave them out of new work."""
    return {a.id for a in articles}, {text_hash(a.text) for a in articles}
