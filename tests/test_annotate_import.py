"""`import` on hand-written Label Studio and doccano exports with known answers."""

import json

import pytest
from typer.testing import CliRunner

from conflict_events.cli import app
from conflict_events.annotate.formats import text_hash
from conflict_events.annotate.importer import import_exports, read_export
from conflict_events.corpus import load_corpus

from conftest import SAMPLE_SPANS, SAMPLE_TEXT, write_jsonl

runner = CliRunner()

# SAMPLE_TEXT: "At least 37 people were killed when Taliban fighters stormed Kandahar airport on Monday night, officials said."


def region(start, end, label, text=SAMPLE_TEXT, stored=None, rid="r"):
    return {"id": rid, "from_name": "label", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end] if stored is None else stored, "labels": [label]}}


def ls_task(task_id, article_id, results, text=SAMPLE_TEXT, stored_hash=None, annotations=None, date="2015-12-09"):
    data = {"text": text, "article_id": article_id, "date": date, "title": None,
            "text_sha256": text_hash(text) if stored_hash is None else stored_hash}
    if annotations is None:
        annotations = [{"id": 100 + task_id, "completed_by": 1, "result": results, "was_cancelled": False,
                        "created_at": "2024-05-01T10:00:00Z", "updated_at": "2024-05-01T10:00:00Z"}]
    return {"id": task_id, "data": data, "annotations": annotations, "predictions": []}


def gold_regions():
    return [region(s["start"], s["end"], s["label"], rid=f"r{i}") for i, s in enumerate(SAMPLE_SPANS)]


def write_json(path, content):
    path.write_text(json.dumps(content, indent=1), encoding="utf-8")
    return path


def test_label_studio_export_becomes_valid_annotations(tmp_path):
    export = write_json(tmp_path / "export.json", [ls_task(1, "a1", gold_regions())])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["import", str(export), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 task, 1 valid article, 0 problems, 0 not annotated" in result.output
    (article,) = load_corpus(out)  # the written file passes `validate`
    assert [(s.start, s.end, s.label) for s in article.spans] == [(s["start"], s["end"], s["label"]) for s in SAMPLE_SPANS]
    record = json.loads(out.read_text())
    assert set(record) == {"id", "date", "title", "text", "spans", "events", "imported_from"}
    assert record["id"] == "a1" and record["date"] == "2015-12-09" and record["events"] == []
    assert record["spans"][0] == {"start": 0, "end": 18, "label": "KILLED"}
    assert record["imported_from"] == {"file": "export.json", "tool": "label-studio", "task_id": 1, "annotation_id": 101,
                                       "completed_by": 1, "updated_at": "2024-05-01T10:00:00Z"}


def test_one_misaligned_span_gives_exactly_that_error(tmp_path):
    results = gold_regions()
    # The tool says 'Taliban fighters' but its offsets cover one character less.
    results[1] = region(36, 51, "ACTOR", stored="Taliban fighters")
    export = write_json(tmp_path / "export.json", [ls_task(1, "a1", results)])
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["import", str(export), "--output", str(out)])
    assert result.exit_code == 1
    expected = f"{export}:task 1: span 36-51 'Taliban fighter': stored text 'Taliban fighters' does not match the offsets"
    problem_lines = [line for line in result.stdout.splitlines() if line.startswith(str(export))]
    assert problem_lines == [expected]
    assert "1 task, 0 valid articles, 1 problem, 0 not annotated; nothing written" in result.output and "nothing written" in result.output
    assert not out.exists()


def test_text_changed_since_pre_annotation_is_reported_not_realigned(tmp_path):
    old_text = SAMPLE_TEXT.replace("At least 37", "At least 38")
    export = write_json(tmp_path / "export.json", [ls_task(1, "a1", gold_regions(), stored_hash=text_hash(old_text))])
    result = import_exports([export])
    assert result.records == []
    (problem,) = result.problems
    assert str(problem) == (
        f"{export}:task 1: text changed since pre-annotation (sha256 {text_hash(old_text)[:12]} stored, "
        f"{text_hash(SAMPLE_TEXT)[:12]} exported): this export was made from a different text version of the "
        "article; its spans are not re-aligned"
    )


def test_against_current_articles_catches_an_older_text_version(tmp_path):
    export = write_json(tmp_path / "export.json", [ls_task(1, "a1", gold_regions())])
    newer = SAMPLE_TEXT.replace("officials said", "officials told Reuters")
    dump = write_jsonl(tmp_path / "dump.jsonl", [{"id": "a1", "text": newer}])
    result = runner.invoke(app, ["import", str(export), "--output", str(tmp_path / "o.jsonl"), "--against", str(dump)])
    assert result.exit_code == 1
    assert f"{export}:task 1: text differs from the current version of article 'a1' at {dump}:1" in result.output


def test_validate_checks_apply_with_task_locations(tmp_path):
    two_labels = region(61, 77, "PLACE")
    two_labels["value"]["labels"] = ["PLACE", "ACTOR"]
    tasks = [
        ls_task(1, "a1", [region(0, 18, "KILLED"), region(9, 18, "WOUNDED")]),  # nested
        ls_task(2, "a2", [region(53, 60, "EVENT")]),  # unknown label
        ls_task(3, "a3", [two_labels]),
        ls_task(4, None, [region(53, 60, "TRIGGER")]),
        ls_task(5, "a5", [region(0, 18, "KILLED")], date="09/12/2015"),
    ]
    export = write_json(tmp_path / "export.json", tasks)
    messages = [str(p) for p in import_exports([export]).problems]
    assert messages == [
        f"{export}:task 1: span 9-18 '37 people': nested in span 0-18 'At least 37 people'",
        f"{export}:task 2: span 53-60 'stormed': unknown label 'EVENT' (expected one of ACTOR, PLACE, KILLED, WOUNDED, SOURCE, TRIGGER, TIME)",
        f"{export}:task 3: result[0]: a region needs exactly one label, got ['PLACE', 'ACTOR']",
        f"{export}:task 4: no article_id in the task data; only tasks written by `pre-annotate` can be imported",
        f"{export}:task 5: date '09/12/2015' is not an ISO date (YYYY-MM-DD)",
    ]


def test_annotation_choice_cancelled_unannotated_and_duplicates(tmp_path):
    older = {"id": 7, "result": [region(53, 60, "TRIGGER")], "updated_at": "2024-05-01T10:00:00Z"}
    newer = {"id": 8, "result": [region(61, 77, "PLACE"), {"type": "choices", "value": {"choices": ["x"]}}],
             "updated_at": "2024-05-02T10:00:00Z"}
    cancelled = {"id": 9, "result": [region(0, 18, "KILLED")], "was_cancelled": True, "updated_at": "2024-06-01T00:00:00Z"}
    tasks = [
        ls_task(1, "a1", None, annotations=[older, newer, cancelled]),
        ls_task(2, "a2", None, annotations=[]),
        ls_task(3, "a1", [region(0, 18, "KILLED")]),
    ]
    export = write_json(tmp_path / "export.json", tasks)
    result = import_exports([export])
    assert [r["spans"] for r in result.records] == [[{"start": 61, "end": 77, "label": "PLACE"}]]
    assert result.records[0]["imported_from"]["annotation_id"] == 8
    assert result.unannotated == [f"{export}:task 2 (article a2)"]
    assert f"{export}:task 1: 2 annotations; using the latest (annotation id 8)" in result.notes
    assert f"{export}:task 1: 1 results that are not span labels ignored" in result.notes
    assert [str(p) for p in result.problems] == [f"{export}:task 3: duplicate article id 'a1' (first at {export}:task 1)"]


def test_json_min_export(tmp_path):
    data = {"text": SAMPLE_TEXT, "article_id": "a1", "date": "2015-12-09", "title": "Kandahar", "text_sha256": text_hash(SAMPLE_TEXT)}
    values = [dict(r["value"]) for r in gold_regions()]
    records = [
        {**data, "id": 1, "label": values[:2], "annotator": 1, "annotation_id": 11, "updated_at": "2024-05-01T00:00:00Z"},
        {**data, "id": 1, "label": values, "annotator": 2, "annotation_id": 12, "updated_at": "2024-05-03T00:00:00Z"},
        {**data, "article_id": "a2", "id": 2},  # no annotation yet
        {**data, "article_id": "a3", "id": 3, "annotator": 1, "annotation_id": 13},  # annotated, no spans
    ]
    export = write_json(tmp_path / "min.json", records)
    result = read_export(export)
    assert result.problems == []
    first, empty = result.records
    assert len(first["spans"]) == len(SAMPLE_SPANS) and first["title"] == "Kandahar"
    assert first["imported_from"]["annotation_id"] == 12
    assert empty["id"] == "a3" and empty["spans"] == []
    assert result.unannotated == [f"{export}:task 3 (article a2)"]


def test_doccano_export_with_line_numbers(tmp_path):
    meta = {"article_id": "d1", "date": "2015-12-09", "title": None, "text_sha256": text_hash(SAMPLE_TEXT)}
    lines = [
        {"id": 1, "text": SAMPLE_TEXT, "meta": meta, "label": [[0, 18, "KILLED"], [36, 52, "ACTOR"]], "Comments": []},
        {"id": 2, "text": SAMPLE_TEXT, "meta": {**meta, "article_id": "d2"}, "label": [[36, 52, "ACTOR"], [44, 60, "TRIGGER"]]},
        # doccano keeps unknown columns as metadata and may give them back flat
        {"id": 3, "text": SAMPLE_TEXT, "article_id": "d3", "text_sha256": text_hash(SAMPLE_TEXT), "label": [[53, 60, "TRIGGER"]]},
    ]
    export = write_jsonl(tmp_path / "doccano.jsonl", lines)
    result = read_export(export)
    assert [str(p) for p in result.problems] == [f"{export}:2: span 44-60 'fighters stormed': overlaps span 36-52 'Taliban fighters'"]
    assert [r["id"] for r in result.records] == ["d1", "d3"]
    assert result.records[1]["spans"] == [{"start": 53, "end": 60, "label": "TRIGGER"}]


def test_refuses_to_overwrite_without_force(tmp_path):
    export = write_json(tmp_path / "export.json", [ls_task(1, "a1", gold_regions())])
    out = tmp_path / "seeds.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(export), "--output", str(out)])
    assert result.exit_code == 1 and f"refusing to overwrite {out}" in result.output
    assert out.read_text() == "precious\n"
    result = runner.invoke(app, ["import", str(export), "--output", str(out), "--force"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["id"] == "a1"


def test_skip_invalid_writes_the_valid_articles(tmp_path):
    tasks = [ls_task(1, "a1", gold_regions()), ls_task(2, "a2", [region(53, 60, "EVENT")])]
    export = write_json(tmp_path / "export.json", tasks)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["import", str(export), "--output", str(out), "--skip-invalid"])
    assert result.exit_code == 0, result.output
    assert "unknown label 'EVENT'" in result.output
    assert [a.id for a in load_corpus(out)] == ["a1"]


def test_malformed_export(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('[{"data": {"text": "x"}\n,,]', encoding="utf-8")
    (problem,) = read_export(bad).problems
    assert str(problem).startswith(f"{bad}:2: malformed JSON")
    with pytest.raises(FileNotFoundError):
        read_export(tmp_path / "missing.json")
