"""pre-annotate -> (the tool accepts the predictions) -> import gives back the same spans, in both formats."""

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from conflict_events.cli import app
from conflict_events.annotate.formats import label_config, text_hash
from conflict_events.annotate.importer import read_export
from conflict_events.annotate.preannotate import PreAnnotated, doccano_records, label_studio_tasks
from conflict_events.annotate.suggest import Uncertainty
from conflict_events.inputs import InputArticle
from conflict_events.labels import ENTITY_LABELS
from conflict_events.model import Tagger
from conflict_events.spans import span_from_text

from conftest import SAMPLE_SPANS, SAMPLE_TEXT, write_jsonl

runner = CliRunner()

UNICODE_TEXT = "Zabihullah Mujahid 🙂 said Taliban fighters seized Qala-i-Naw — the capital of Badghis province."


def accept_predictions_label_studio(tasks):
    """What Label Studio exports (JSON) after an annotator accepts each prediction unchanged."""
    return [{"id": n, "data": task["data"], "predictions": [],
             "annotations": [{"id": 500 + n, "completed_by": 1, "was_cancelled": False, "updated_at": "2024-05-01T00:00:00Z",
                              "result": [{k: v for k, v in r.items() if k != "score"} for r in task["predictions"][0]["result"]]}]}
            for n, task in enumerate(tasks, start=1)]


def accept_predictions_json_min(tasks):
    return [{**task["data"], "id": n, "annotator": 1, "annotation_id": 500 + n, "updated_at": "2024-05-01T00:00:00Z",
             "label": [dict(r["value"]) for r in task["predictions"][0]["result"]]}
            for n, task in enumerate(tasks, start=1)]


def accept_predictions_doccano(records):
    """doccano's JSONL export: its own example id, the text, metadata, the spans and comments."""
    return [{"id": 40 + n, "text": r["text"], "meta": r["meta"], "label": r["label"], "Comments": []}
            for n, r in enumerate(records, start=1)]


def hand_items():
    spans = tuple(span_from_text(SAMPLE_TEXT, s["start"], s["end"], s["label"], 0.9) for s in SAMPLE_SPANS)
    start = UNICODE_TEXT.index("Qala-i-Naw")
    unicode_spans = (span_from_text(UNICODE_TEXT, 0, 18, "SOURCE", 0.8),
                     span_from_text(UNICODE_TEXT, start, start + len("Qala-i-Naw"), "PLACE", 0.7))
    return [
        PreAnnotated(InputArticle("a1", SAMPLE_TEXT, "2015-12-09", extra={"title": "Airport"}), spans, Uncertainty(20, 0.25, 0.1)),
        PreAnnotated(InputArticle("a2", UNICODE_TEXT, None), unicode_spans, Uncertainty(20, 0.5, 0.3)),
        PreAnnotated(InputArticle("a3", "No spans here.", None), (), Uncertainty(4, 0.1, 0.05)),
    ]


def spans_of(items):
    return {i.article.id: [(s.start, s.end, s.label) for s in i.spans] for i in items}


def imported_spans(result):
    assert result.problems == [], [str(p) for p in result.problems]
    return {r["id"]: [(s["start"], s["end"], s["label"]) for s in r["spans"]] for r in result.records}


@pytest.mark.parametrize("flavour", ["label-studio", "label-studio-min", "doccano"])
def test_round_trip_of_hand_made_predictions(tmp_path, flavour):
    items = hand_items()
    if flavour == "doccano":
        export = write_jsonl(tmp_path / "export.jsonl", accept_predictions_doccano(doccano_records(items, "m")))
    else:
        tasks = label_studio_tasks(items, "m")
        accept = accept_predictions_label_studio if flavour == "label-studio" else accept_predictions_json_min
        export = tmp_path / "export.json"
        export.write_text(json.dumps(accept(tasks), ensure_ascii=False), encoding="utf-8")
    result = read_export(export)
    assert imported_spans(result) == spans_of(items)
    by_id = {r["id"]: r for r in result.records}
    assert by_id["a1"]["date"] == "2015-12-09" and by_id["a1"]["title"] == "Airport"
    assert by_id["a2"]["text"] == UNICODE_TEXT  # code-point offsets survive the emoji
    assert result.notes == []


def test_task_content(tmp_path):
    (task, *_) = label_studio_tasks(hand_items(), "tiny-v1")
    assert task["data"] == {"text": SAMPLE_TEXT, "article_id": "a1", "date": "2015-12-09", "title": "Airport",
                            "text_sha256": text_hash(SAMPLE_TEXT)}
    (prediction,) = task["predictions"]
    assert prediction["model_version"] == "tiny-v1" and prediction["score"] == 0.75
    assert prediction["result"][0] == {"id": "p0", "from_name": "label", "to_name": "text", "type": "labels",
                                       "value": {"start": 0, "end": 18, "text": "At least 37 people", "labels": ["KILLED"]},
                                       "score": 0.9}
    (record, *_) = doccano_records(hand_items(), "tiny-v1")
    assert record["label"][0] == [0, 18, "KILLED"]
    assert record["meta"] == {"article_id": "a1", "date": "2015-12-09", "title": "Airport",
                              "text_sha256": text_hash(SAMPLE_TEXT), "model_version": "tiny-v1", "confidence": 0.75}


def test_label_config_names_the_seven_labels():
    root = ET.fromstring(label_config())
    labels = root.find("Labels")
    assert labels.get("name") == "label" and labels.get("toName") == "text"
    assert [l.get("value") for l in labels.findall("Label")] == list(ENTITY_LABELS)
    assert root.find("Text").get("name") == "text" and root.find("Text").get("value") == "$text"


def test_cli_round_trip_with_the_tiny_model(tmp_path, tiny_tagger_dir):
    articles = [{"id": "n1", "date": "2015-12-09", "title": "Kandahar", "text": SAMPLE_TEXT},
                {"id": "n2", "text": "Police said 3 people were killed in Qala-i-Naw on Monday."},
                {"id": "seen", "text": "Already annotated."}]
    dump = write_jsonl(tmp_path / "new.jsonl", articles)
    done = write_jsonl(tmp_path / "annotations.jsonl", [{"id": "seen", "text": "Already annotated.", "spans": [], "events": []}])
    out_dir = tmp_path / "pre"
    result = runner.invoke(app, ["pre-annotate", str(dump), "--model", str(tiny_tagger_dir), "--output-dir", str(out_dir),
                                 "--skip-annotated", str(done)])
    assert result.exit_code == 0, result.output
    assert "read 3, pre-annotated 2" in result.output and "already annotated 1" in result.output
    tasks = json.loads((out_dir / "label_studio_tasks.json").read_text())
    predicted = {t["data"]["article_id"]: [(r["value"]["start"], r["value"]["end"], r["value"]["labels"][0])
                                           for r in t["predictions"][0]["result"]] for t in tasks}
    expected = Tagger.load(tiny_tagger_dir).predict([a["text"] for a in articles[:2]])
    assert predicted == {a["id"]: [(s.start, s.end, s.label) for s in spans] for a, spans in zip(articles, expected)}
    assert predicted["n1"], "the random tiny model should predict something to round-trip"
    assert ET.fromstring((out_dir / "label_studio_config.xml").read_text()).tag == "View"

    ls_export = tmp_path / "ls-export.json"
    ls_export.write_text(json.dumps(accept_predictions_label_studio(tasks)), encoding="utf-8")
    doccano = [json.loads(line) for line in (out_dir / "doccano.jsonl").read_text().splitlines()]
    dc_export = write_jsonl(tmp_path / "dc-export.jsonl", accept_predictions_doccano(doccano))
    for export, name in ((ls_export, "ls.jsonl"), (dc_export, "dc.jsonl")):
        result = runner.invoke(app, ["import", str(export), "--output", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        rows = [json.loads(line) for line in (tmp_path / name).read_text().splitlines()]
        assert {r["id"]: [(s["start"], s["end"], s["label"]) for s in r["spans"]] for r in rows} == predicted
        assert rows[0]["date"] == "2015-12-09" and rows[0]["title"] == "Kandahar"

    again = runner.invoke(app, ["pre-annotate", str(dump), "--model", str(tiny_tagger_dir), "--output-dir", str(out_dir)])
    assert again.exit_code == 1 and "refusing to overwrite" in again.output
