"""The local batch engine end to end on the tiny model: accounting, order, chunks, resume, extract."""

import json
import random

import pytest
from typer.testing import CliRunner

from conflict_events.batch import BatchConfig, ResumeError, run_batch
from conflict_events.batch import chunks as chunks_module
from conflict_events.cli import app
from conflict_events.files import write_atomically
from conflict_events.model import Tagger

from conftest import SAMPLE_SPANS, SAMPLE_TEXT, WORDS, write_jsonl

runner = CliRunner()


def make_dump(path, count, seed=0, broken_every=0):
    """``count`` articles of varied length (0 to ~80 words); a malformed line after every
    ``broken_every`` articles. Returns the ids in order."""
    rng = random.Random(seed)
    lines, ids = [], []
    for i in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.choice([0, 3, 10, 25, 40, 80]))]
        lines.append(json.dumps({"id": f"art-{i}", "text": " ".join(words).capitalize() + "."}))
        ids.append(f"art-{i}")
        if broken_every and i % broken_every == broken_every - 1:
            lines.append("{broken")
    path.write_text("\n".join(lines) + "\n")
    return ids


def read_rows(path):
    return [json.loads(line) for line in path.read_text().splitlines()]


def spans_key(rows):
    """Spans without scores' last digits: batch composition changes floats in the 7th decimal."""
    return {r["id"]: [(s["start"], s["end"], s["label"], s["text"], round(s["score"], 2)) for s in r["spans"]] for r in rows}


def config(tmp_path, model, inputs, **overrides):
    return BatchConfig(inputs=tuple(inputs), output=tmp_path / "out.jsonl", model=model, progress=False, **overrides)


def test_tag_command_accounts_for_every_record(tmp_path, tiny_tagger_dir):
    """The behaviour tests/test_cli.py checks of the old `tag`, kept by the new one."""
    inputs = tmp_path / "in.jsonl"
    inputs.write_bytes(
        json.dumps({"id": "a1", "text": SAMPLE_TEXT}).encode() + b"\n" + b"{broken\n"
        + json.dumps({"id": "a3", "body": "no text field"}).encode() + b"\n"
        + json.dumps({"id": "a4", "text": ""}).encode() + b"\n"
    )
    txt = tmp_path / "story.txt"
    txt.write_text(SAMPLE_TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["tag", str(inputs), str(txt), "--model", str(tiny_tagger_dir), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "read 5, tagged 2, rejected 3" in result.output
    assert f"rejected {inputs}:2: malformed JSON" in result.output and f"rejected {inputs}:3: missing 'text'" in result.output
    rows = read_rows(out)
    assert [r["id"] for r in rows] == ["a1", "story"]
    for span in rows[0]["spans"]:
        assert SAMPLE_TEXT[span["start"]:span["end"]] == span["text"]
    assert read_rows(tmp_path / "out.rejects.jsonl") == [
        {"file": str(inputs), "position": 2, "unit": "line", "reason": "malformed JSON: Expecting property name enclosed in double quotes at column 2"},
        {"file": str(inputs), "position": 3, "unit": "line", "reason": "missing 'text' (a string)"},
        {"file": str(inputs), "position": 4, "unit": "line", "reason": "'text' is blank"},
    ]
    assert not (tmp_path / "out.jsonl.parts").exists()


def test_command_errors_are_one_line_and_exit_1(tmp_path, tiny_tagger_dir):
    dump = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "x"}])
    not_a_model = runner.invoke(app, ["tag", str(dump), "--model", str(tmp_path), "--output", str(tmp_path / "o.jsonl")])
    assert not_a_model.exit_code == 1 and "no config.json" in not_a_model.output
    csv_as_jsonl = tmp_path / "wrong.jsonl"
    csv_as_jsonl.write_text("id,text\na,b\n")
    wrong = runner.invoke(app, ["tag", str(dump), str(csv_as_jsonl), "--model", str(tiny_tagger_dir), "--output", str(tmp_path / "o.jsonl")])
    assert wrong.exit_code == 1 and f"{csv_as_jsonl}:1: not JSON Lines" in wrong.output
    assert not (tmp_path / "o.jsonl").exists()
    bad_option = runner.invoke(app, ["tag", str(dump), "--model", str(tiny_tagger_dir), "--output", str(tmp_path / "o.jsonl"), "--batch-size", "0"])
    assert bad_option.exit_code == 1 and "batch_size must be >= 1" in bad_option.output


def test_output_matches_tagger_predict_in_input_order(tmp_path, tiny_tagger_dir):
    ids = make_dump(tmp_path / "dump.jsonl", 120, broken_every=40)
    summary = run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], buffer_size=50, chunk_size=30, batch_size=8))
    assert (summary.read, summary.processed, summary.rejected) == (123, 120, 3)
    assert summary.read == summary.processed + summary.rejected
    rows = read_rows(tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == ids
    texts = [json.loads(line)["text"] for line in (tmp_path / "dump.jsonl").read_text().splitlines() if line != "{broken"]
    expected = Tagger.load(tiny_tagger_dir).predict(texts)
    assert spans_key(rows) == spans_key([{"id": i, "spans": [s.to_dict() for s in spans]} for i, spans in zip(ids, expected)])
    assert summary.tokens > 0 and "read 123, tagged 120, rejected 3 ->" in summary.line()


def test_length_bucketing_changes_speed_not_results(tmp_path, tiny_tagger_dir):
    make_dump(tmp_path / "dump.jsonl", 60)
    run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], batch_size=4))
    sorted_rows = read_rows(tmp_path / "out.jsonl")
    run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], batch_size=4, sort_by_length=False, overwrite=True))
    assert spans_key(read_rows(tmp_path / "out.jsonl")) == spans_key(sorted_rows)


def test_plan_batches_ends_a_batch_before_a_much_longer_window():
    from conflict_events.model.engine import plan_batches

    lengths = [200, 10, 12, 11, 9, 210]
    assert plan_batches(lengths, 4, multiple_of=1, batch_cost_tokens=0) == [[4], [1], [3], [2], [0], [5]]  # no padding at all
    # the short ones pad 1 to 3 tokens each, cheaper than a batch; 200 and 210 would pad 10, dearer
    assert plan_batches(lengths, 4, multiple_of=1, batch_cost_tokens=5) == [[4, 1, 3, 2], [0], [5]]
    # a batch costs more than the padding it saves: the short ones go together, the long ones together
    assert plan_batches(lengths, 4, multiple_of=1, batch_cost_tokens=100) == [[4, 1, 3, 2], [0, 5]]
    assert plan_batches(lengths, 4, sort_by_length=False) == [[0, 1, 2, 3], [4, 5]]
    lengths = [random.Random(7).randrange(5, 256) for _ in range(300)]
    batches = plan_batches(lengths, 32)
    assert sorted(i for b in batches for i in b) == list(range(300)) and max(map(len, batches)) <= 32


def test_padding_is_small_with_length_sorting(tiny_tagger_dir, tmp_path):
    from conflict_events.inputs import InputArticle, read_inputs
    from conflict_events.model import Tagger

    make_dump(tmp_path / "dump.jsonl", 200, seed=3)
    records = list(read_inputs([tmp_path / "dump.jsonl"]))
    tagger = Tagger.load(tiny_tagger_dir, batch_size=8)
    texts = [r.text for r in records if isinstance(r, InputArticle)]
    bucketed = tagger.prepare(texts, sort_by_length=True)
    unsorted = tagger.prepare(texts, sort_by_length=False)
    waste = lambda p: 1 - p.tokens / sum(b.padded_tokens for b in p.batches)  # noqa: E731
    assert bucketed.tokens == unsorted.tokens
    # sorted, the only padding is rounding widths up to a multiple of 8 (windows here are <= 32 tokens)
    assert waste(bucketed) < 0.15 and waste(unsorted) > 2.5 * waste(bucketed), (waste(bucketed), waste(unsorted))


def test_mixed_formats_with_field_mapping(tmp_path, tiny_tagger_dir):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"doc": ["p1"], "body": [SAMPLE_TEXT]}), tmp_path / "b.parquet")
    (tmp_path / "a.csv").write_text(f'doc,body\nc1,"{SAMPLE_TEXT}"\n')
    summary = run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "a.csv", tmp_path / "b.parquet"],
                               fields=__import__("conflict_events.inputs", fromlist=["Fields"]).Fields(text="body", id="doc")))
    rows = read_rows(tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == ["c1", "p1"] and rows[0]["spans"] == rows[1]["spans"]
    assert summary.read == 2


def test_empty_dump_gives_empty_output_and_a_summary(tmp_path, tiny_tagger_dir):
    (tmp_path / "empty.jsonl").write_text("")
    result = runner.invoke(app, ["tag", str(tmp_path / "empty.jsonl"), "--model", str(tiny_tagger_dir), "--output", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 0, result.output
    assert "read 0, tagged 0, rejected 0" in result.output
    assert (tmp_path / "out.jsonl").read_text() == "" and (tmp_path / "out.rejects.jsonl").read_text() == ""


def test_everything_rejected(tmp_path, tiny_tagger_dir):
    dump = tmp_path / "dump.jsonl"
    dump.write_text('{"id": "a", "body": 1}\n{broken\n')
    summary = run_batch(config(tmp_path, tiny_tagger_dir, [dump], rejects=tmp_path / "bad.jsonl"))
    assert (summary.read, summary.processed, summary.rejected) == (2, 0, 2)
    assert (tmp_path / "out.jsonl").read_text() == ""
    assert [r["position"] for r in read_rows(tmp_path / "bad.jsonl")] == [1, 2]


def _interrupt_after(monkeypatch, chunks_written):
    """Make the run die (as Ctrl-C would) right after ``chunks_written`` chunks are finished."""
    original = chunks_module.Parts.write
    calls = {"n": 0}

    def write(self, chunk):
        if calls["n"] == chunks_written:
            raise KeyboardInterrupt
        calls["n"] += 1
        return original(self, chunk)

    monkeypatch.setattr(chunks_module.Parts, "write", write)


def test_resume_after_interruption_finishes_every_article_once(tmp_path, tiny_tagger_dir, monkeypatch):
    ids = make_dump(tmp_path / "dump.jsonl", 100, broken_every=30)
    reference = run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"]))
    expected = read_rows(tmp_path / "out.jsonl")
    (tmp_path / "out.jsonl").unlink()

    _interrupt_after(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt):
        run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10, buffer_size=10))
    parts = tmp_path / "out.jsonl.parts"
    assert len(list(parts.glob("chunk-*.done.json"))) == 3 and not (tmp_path / "out.jsonl").exists()
    monkeypatch.undo()

    resumed = run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10, buffer_size=10, resume=True))
    assert resumed.resumed == 30 and resumed.articles_this_session == 70  # records 0-29 are art-0..art-29
    assert (resumed.read, resumed.processed, resumed.rejected) == (reference.read, reference.processed, reference.rejected)
    rows = read_rows(tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == ids
    assert spans_key(rows) == spans_key(expected)
    assert len(read_rows(tmp_path / "out.rejects.jsonl")) == 3


def test_half_written_chunks_are_ignored_on_resume(tmp_path, tiny_tagger_dir):
    ids = make_dump(tmp_path / "dump.jsonl", 50)
    run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10, keep_parts=True))
    expected = read_rows(tmp_path / "out.jsonl")
    (tmp_path / "out.jsonl").unlink()
    parts = tmp_path / "out.jsonl.parts"
    # a crash after chunk 2's data was renamed but before its manifest was: data without a manifest
    (parts / "chunk-000002.done.json").unlink()
    (parts / "chunk-000003.done.json").unlink()
    (parts / "chunk-000004.done.json").unlink()
    # and a crash while chunk 3 was being written: a temp file with a cut-off row
    (parts / "chunk-000003.jsonl.4242.tmp").write_text('{"id": "art-30", "spans": [')
    # a corrupt manifest beyond the gap must not be trusted either
    (parts / "chunk-000004.done.json").write_text('{"chunk": 4')
    summary = run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10, resume=True))
    assert summary.resumed == 20 and summary.articles_this_session == 30
    rows = read_rows(tmp_path / "out.jsonl")
    assert [r["id"] for r in rows] == ids and spans_key(rows) == spans_key(expected)
    assert not parts.exists()


def test_atomic_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "file.jsonl"
    target.write_text("old\n")

    def explode(handle):
        handle.write(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomically(target, explode)
    assert target.read_text() == "old\n" and list(tmp_path.iterdir()) == [target]


def test_resume_refuses_other_options_or_changed_inputs(tmp_path, tiny_tagger_dir, monkeypatch):
    make_dump(tmp_path / "dump.jsonl", 40)
    _interrupt_after(monkeypatch, 2)
    with pytest.raises(KeyboardInterrupt):
        run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10, buffer_size=10))
    monkeypatch.undo()
    from conflict_events.inputs import Fields

    with pytest.raises(ResumeError, match="fields differ"):
        run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], fields=Fields(text="body"), resume=True))
    make_dump(tmp_path / "dump.jsonl", 40, seed=1)  # same name, other articles... same ids, so shift them
    lines = (tmp_path / "dump.jsonl").read_text().splitlines()
    (tmp_path / "dump.jsonl").write_text("\n".join(lines[5:]) + "\n")
    with pytest.raises(ResumeError, match="the inputs changed"):
        run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10, resume=True))


def test_a_new_run_keeps_finished_chunks_unless_told_to_overwrite(tmp_path, tiny_tagger_dir, monkeypatch):
    ids = make_dump(tmp_path / "dump.jsonl", 30)
    _interrupt_after(monkeypatch, 1)
    with pytest.raises(KeyboardInterrupt):
        run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10, buffer_size=10))
    monkeypatch.undo()
    finished = sorted(p.name for p in (tmp_path / "out.jsonl.parts").iterdir())
    with pytest.raises(ResumeError, match="holds 1 finished chunks.*add --resume to continue it, or --overwrite"):
        run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10))
    assert sorted(p.name for p in (tmp_path / "out.jsonl.parts").iterdir()) == finished  # nothing deleted
    summary = run_batch(config(tmp_path, tiny_tagger_dir, [tmp_path / "dump.jsonl"], chunk_size=10, overwrite=True))
    assert summary.resumed == 0 and [r["id"] for r in read_rows(tmp_path / "out.jsonl")] == ids


def test_config_checks():
    from pathlib import Path

    base = dict(inputs=(Path("in.jsonl"),), output=Path("out.jsonl"), model=Path("m"))
    with pytest.raises(ValueError, match="no inputs"):
        BatchConfig(**base | {"inputs": ()})
    with pytest.raises(ValueError, match="chunk_size must be >= 1"):
        BatchConfig(**base, chunk_size=0)
    with pytest.raises(ValueError, match="--format csv"):
        BatchConfig(**base, output_format="csv")
    with pytest.raises(ValueError, match="--merge only applies to extract"):
        BatchConfig(**base, merge=True)
    with pytest.raises(ValueError, match="--resume is for the local engine"):
        BatchConfig(**base, engine="ray", resume=True)
    with pytest.raises(ValueError, match="also an input"):
        BatchConfig(**base | {"output": Path("in.jsonl")})
    assert BatchConfig(**base).rejects_path == Path("out.rejects.jsonl")
    assert BatchConfig(**base).parts_dir == Path("out.jsonl.parts")


# --- extract: the same pipeline with spans -> events as the per-article step -----------------------

@pytest.fixture
def gold_spans(monkeypatch):
    """The tiny model finds nothing sensible; give the pipeline the gold spans of SAMPLE_TEXT instead,
    through the one decoding function it calls."""
    from conflict_events.batch import pipeline
    from conflict_events.spans import span_from_text

    gold = [span_from_text(SAMPLE_TEXT, s["start"], s["end"], s["label"], 0.9) for s in SAMPLE_SPANS]

    def decode(tagger, prepared, probabilities):
        return [gold if a.text == SAMPLE_TEXT else [] for a in prepared.articles]

    monkeypatch.setattr(pipeline, "decode", decode)


def extract_dump(tmp_path):
    return write_jsonl(tmp_path / "in.jsonl", [
        {"id": "e1", "text": SAMPLE_TEXT, "date": "2015-12-09"},
        {"id": "e2", "text": "Nothing happened.", "date": "2015-12-09"},
        {"id": "e3", "body": "no text"},
        {"id": "e4", "text": SAMPLE_TEXT, "date": "2015-12-09"},
    ])


def test_extract_writes_events_in_every_format(tmp_path, tiny_tagger_dir, gold_spans):
    import pandas as pd

    dump = extract_dump(tmp_path)
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"events.{fmt}"
        result = runner.invoke(app, ["extract", str(dump), "--model", str(tiny_tagger_dir), "--output", str(out), "--format", fmt, "--chunk-size", "1"])
        assert result.exit_code == 0, result.output
        assert "read 4, processed 3, rejected 1, events 2" in result.output
        frame = {"jsonl": lambda p: pd.read_json(p, lines=True), "csv": pd.read_csv, "parquet": pd.read_parquet}[fmt](out)
        article_ids = frame["article_ids"].tolist()
        assert article_ids == ([["e1"], ["e4"]] if fmt == "jsonl" else ["e1", "e4"])  # one event per article, in input order
        assert frame["event_type"].tolist() == ["Battles", "Battles"]
        assert frame["location"].tolist() == ["Kandahar airport", "Kandahar airport"]


def test_extract_merge_joins_reports_of_one_incident(tmp_path, tiny_tagger_dir, gold_spans):
    dump = extract_dump(tmp_path)
    out = tmp_path / "merged.jsonl"
    result = runner.invoke(app, ["extract", str(dump), "--model", str(tiny_tagger_dir), "--output", str(out), "--merge"])
    assert result.exit_code == 0, result.output
    (event,) = read_rows(out)
    assert event["article_ids"] == ["e1", "e4"]


def test_event_rows_convert_to_arrow_for_the_ray_writers(tmp_path, tiny_tagger_dir, gold_spans):
    from conflict_events.batch.extract import ExtractStep
    from conflict_events.events import export
    from conflict_events.events.export import EVENT_SCHEMA

    run_batch(BatchConfig(inputs=(extract_dump(tmp_path),), output=tmp_path / "events.jsonl", model=tiny_tagger_dir,
                          task="extract", progress=False))
    rows = read_rows(tmp_path / "events.jsonl")
    assert EVENT_SCHEMA.names == list(rows[0])  # the schema follows Event.to_dict(), field for field
    nested = ExtractStep("jsonl").table(rows).to_pylist()
    assert [r["event_id"] for r in nested] == [r["event_id"] for r in rows]
    assert nested[0]["killed"] == rows[0]["killed"] and nested[0]["triggers"] == rows[0]["triggers"]
    assert ExtractStep("jsonl").table([]).schema == EVENT_SCHEMA
    flat = ExtractStep("parquet").table(rows)
    assert flat.schema == export.SCHEMA and flat.column("location").to_pylist() == ["Kandahar airport"] * 2


def test_batch_runs_choose_their_backend_through_the_tagger(tmp_path, tiny_tagger_dir):
    from conflict_events.batch.inference import load_tagger

    def make(**options):
        return BatchConfig(inputs=(tmp_path / "in.jsonl",), output=tmp_path / "out.jsonl", model=tiny_tagger_dir, **options)

    assert load_tagger(make(cpu_bf16=True)).config.backend == "torch-bf16"
    assert load_tagger(make(quantize_int8=True)).config.backend == "torch-int8"
    tagger = load_tagger(make(backend="torch", batch_size=5))
    assert (tagger.config.backend, tagger.config.batch_size, tagger.config.max_length) == ("torch", 5, 32)
    with pytest.raises(ValueError, match="backend must be one of"):
        make(backend="fp8")
    with pytest.raises(ValueError, match="do not combine"):
        make(quantize_int8=True, backend="onnx")
