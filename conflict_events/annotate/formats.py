"""The two annotation tools' formats, written by ``pre-annotate`` and read back by ``import``.

**Label Studio** (import JSON, "Basic Label Studio JSON format" with a ``predictions`` key)::

    {"data": {"text": "...", "article_id": "a1", "date": "2015-12-09", "title": null,
              "text_sha256": "<sha256 of the exact text>"},
     "predictions": [{"model_version": "model", "score": 0.91,
                      "result": [{"id": "p0", "from_name": "label", "to_name": "text", "type": "labels",
                                  "value": {"start": 0, "end": 18, "text": "At least 37 people",
                                            "labels": ["KILLED"]},
                                  "score": 0.87}]}]}

``from_name``/``to_name`` name the ``<Labels name="label">`` and ``<Text name="text">`` tags of
:func:`label_config`. Offsets are Python character (code point) offsets into ``data.text``.

**doccano** (sequence labeling JSONL; every key other than ``text`` and ``label`` is kept by
doccano as the example's metadata and comes back in its export)::

    {"text": "...", "label": [[0, 18, "KILLED"]],
     "meta": {"article_id": "a1", "date": "2015-12-09", "title": null, "text_sha256": "...",
              "model_version": "model", "confidence": 0.91}}

The text hash is what lets ``import`` notice an export made from a different text version of the
same article: spans are only ever valid for the exact text they were drawn on.
"""

from __future__ import annotations

import hashlib
from typing import Any, Sequence
from xml.sax.saxutils import quoteattr

from conflict_events.labels import ENTITY_LABELS
from conflict_events.report.render import LABEL_COLOURS
from conflict_events.spans import Span

FROM_NAME = "label"  # the <Labels> control tag
TO_NAME = "text"  # the <Text> object tag, reading data.text


def text_hash(text: str) -> str:
    """sha256 of the exact text (UTF-8), hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def label_config(labels: Sequence[str] = ENTITY_LABELS) -> str:
    """Label Studio labeling config for our span labels over ``data.text``."""
    lines = [
        "<View>",
        '  <Header value="$article_id"/>',
        f'  <Labels name="{FROM_NAME}" toName="{TO_NAME}">',
    ]
    for label in labels:
        lines.append(f"    <Label value={quoteattr(label)} background={quoteattr(LABEL_COLOURS.get(label, '#dddddd'))}/>")
    lines += ["  </Labels>", f'  <Text name="{TO_NAME}" value="$text"/>', "</View>", ""]
    return "\n".join(lines)


def task_data(article_id: str, text: str, date: str | None, title: str | None) -> dict[str, Any]:
    return {"text": text, "article_id": article_id, "date": date, "title": title, "text_sha256": text_hash(text)}


def label_studio_task(article_id: str, text: str, date: str | None, title: str | None, spans: Sequence[Span],
                      model_version: str, confidence: float) -> dict[str, Any]:
    """One task with the model's spans as a prediction. ``confidence`` (0-1, higher is surer) is the
    prediction score Label Studio sorts by, so the least certain tasks can be labelled first."""
    result = [
        {
            "id": f"p{i}",
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": s.start, "end": s.end, "text": text[s.start:s.end], "labels": [s.label]},
            "score": round(float(s.score), 4),
        }
        for i, s in enumerate(spans)
    ]
    prediction = {"model_version": model_version, "score": round(float(confidence), 4), "result": result}
    return {"data": task_data(article_id, text, date, title), "predictions": [prediction]}


def doccano_record(article_id: str, text: str, date: str | None, title: str | None, spans: Sequence[Span],
                   model_version: str, confidence: float) -> dict[str, Any]:
    meta = {**task_data(article_id, text, date, title), "model_version": model_version,
            "confidence": round(float(confidence), 4)}
    del meta["text"]
    return {"text": text, "label": [[s.start, s.end, s.label] for s in spans], "meta": meta}
