"""The CLI end to end on real files, with the tiny model."""

import json

from typer.testing import CliRunner

from conflict_events.cli import app

from conftest import SAMPLE_TEXT, write_jsonl

runner = CliRunner()


def test_validate_reports_and_fails(tmp_path, sample_annotations):
    ok = runner.invoke(app, ["validate", str(sample_annotations)])
    assert ok.exit_code == 0, ok.output
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "b", "text": "abc", "spans": [{"start": 0, "end": 9, "label": "ACTOR"}]}])
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1: span 0-9 'abc': offsets out of range" in result.output


def test_train_refuses_invalid_annotations(tmp_path):
    bad = write_jsonl(tmp_path / "bad.jsonl", [{"id": "b", "text": "abc", "spans": [{"start": 0, "end": 2, "label": "FOO"}]}])
    result = runner.invoke(app, ["train", "--annotations", str(bad), "--output", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "refusing to train on invalid annotations" in result.output and "unknown label 'FOO'" in result.output


def test_train_and_crossval_refuse_invalid_options(tmp_path, sample_annotations):
    train = runner.invoke(app, ["train", "--annotations", str(sample_annotations), "--real-copies", "0", "--output", str(tmp_path / "m")])
    assert train.exit_code == 1 and "invalid training option: real_copies must be >= 1" in train.output
    crossval = runner.invoke(app, ["crossval", "--annotations", str(sample_annotations), "--epochs", "-1"])
    assert crossval.exit_code == 1 and "invalid training option: epochs or max_steps must be positive" in crossval.output
    assert not (tmp_path / "m").exists()


def test_tag_accounts_for_every_record(tmp_path, tiny_tagger_dir):
    inputs = tmp_path / "in.jsonl"
    inputs.write_bytes(
        json.dumps({"id": "a1", "text": SAMPLE_TEXT}).encode() + b"\n"
        + b"{broken\n"
        + json.dumps({"id": "a3", "body": "no text field"}).encode() + b"\n"
        + json.dumps({"id": "a4", "text": ""}).encode() + b"\n"
        + json.dumps({"id": "a5", "text": " \n\t "}).encode() + b"\n"
    )
    txt = tmp_path / "story.txt"
    txt.write_text(SAMPLE_TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["tag", str(inputs), str(txt), "--model", str(tiny_tagger_dir), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 6, tagged 2, rejected 4" in result.output
    assert f"{inputs}:2: malformed JSON" in result.output and f"{inputs}:3: missing 'text'" in result.output
    rejects = [json.loads(line) for line in (tmp_path / "out.rejects.jsonl").read_text().splitlines()]
    assert [(r["position"], r["reason"]) for r in rejects][2:] == [(4, "'text' is blank"), (5, "'text' is blank")]
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a1", "story"]
    for span in rows[0]["spans"]:
        assert SAMPLE_TEXT[span["start"]:span["end"]] == span["text"]


def test_evaluate_on_annotation_file(tiny_tagger_dir, sample_annotations, tmp_path):
    report = tmp_path / "report.json"
    result = runner.invoke(app, ["evaluate", "--model", str(tiny_tagger_dir), "--gold", str(sample_annotations), "--output", str(report)])
    assert result.exit_code == 0, result.output
    assert "| micro |" in result.output
    saved = json.loads(report.read_text())
    assert saved["spans"]["exact"]["micro"]["support"] == 6
    assert saved["events"]["gold"] == 0  # the sample carries no gold events
    assert "events: predicted" in result.output


def test_tag_with_a_folder_that_is_not_a_model(tmp_path, sample_annotations):
    result = runner.invoke(app, ["tag", str(sample_annotations), "--model", str(tmp_path), "--output", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1 and "no config.json" in result.output
