"""The Tagger contract on a tiny random model: shape, purity, offsets, windows, loading errors."""

import json

import pytest

from conflict_events.model import InferenceConfig, NotAModelFolder, Tagger
from conflict_events.spans import Span
from conflict_events.training.config import TrainConfig
from conflict_events.training.train import train_on_articles
from conflict_events.corpus import load_corpus

from conftest import SAMPLE_TEXT


@pytest.fixture(scope="module")
def tagger(tiny_tagger_dir):
    return Tagger.load(tiny_tagger_dir)


def test_output_is_aligned_with_input_including_empty_texts(tagger):
    texts = [SAMPLE_TEXT, "", "   ", SAMPLE_TEXT]
    before = list(texts)
    result = tagger.predict(texts)
    assert len(result) == 4 and result[1] == [] and result[2] == []
    assert result[0] == result[3]  # same text, same spans, whatever the batch position
    assert texts == before


def test_spans_point_into_the_text_and_are_frozen(tagger):
    long_text = " ".join([SAMPLE_TEXT] * 12)  # far longer than the 32-token window
    (spans,) = tagger.predict([long_text])
    assert all(isinstance(s, Span) for s in spans)
    for span in spans:
        assert long_text[span.start:span.end] == span.text
        assert 0.0 <= span.score <= 1.0
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))  # ordered, never overlapping
    with pytest.raises(Exception):
        spans[0].start = 3  # type: ignore[misc]


def test_window_settings_come_from_the_saved_training_config(tagger):
    assert (tagger.config.max_length, tagger.config.stride) == (32, 8)


def test_models_without_tag_statistics_fall_back_to_viterbi(tagger):
    assert tagger.transitions is None and tagger.config.decoder == "viterbi"


def test_non_string_input_is_refused(tagger):
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        tagger.predict(["ok", 3])


def test_not_a_model_folder(tmp_path, tiny_tagger_dir):
    with pytest.raises(NotAModelFolder, match="not a folder"):
        Tagger.load(tmp_path / "missing")
    with pytest.raises(NotAModelFolder, match="no config.json"):
        Tagger.load(tmp_path)
    (tmp_path / "config.json").write_text((tiny_tagger_dir / "config.json").read_text())
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(NotAModelFolder, match=r"no .safetensors weights \(found pickled weights \['pytorch_model.bin'\]"):
        Tagger.load(tmp_path)


def test_training_saves_a_pipeline_loadable_folder(tiny_encoder_dir, sample_annotations, tmp_path):
    from transformers import pipeline

    output = tmp_path / "model"
    config = TrainConfig(annotations=sample_annotations, output=output, base_model=str(tiny_encoder_dir),
                         max_steps=3, max_length=32, stride=8, class_weight_power=0.5)
    metrics = train_on_articles(load_corpus(sample_annotations), config, progress=False)
    assert metrics["steps"] == 3 and metrics["windows"] == 1 and metrics["spans"] == 6
    names = {p.name for p in output.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "training_config.json", "metrics.json"} <= names
    assert not any(name.endswith(".bin") for name in names)
    saved = json.loads((output / "config.json").read_text())
    assert saved["id2label"]["1"] == "B-ACTOR" and len(saved["id2label"]) == 15
    assert json.loads((output / "training_config.json").read_text())["max_steps"] == 3
    pipe = pipeline("token-classification", model=str(output))
    assert isinstance(pipe(SAMPLE_TEXT), list)
    trained = Tagger.load(output)
    assert trained.config.decoder == "transitions" and trained.transitions.shape == (15, 15)
    assert len(trained.predict([SAMPLE_TEXT])) == 1


def test_inference_config_checks():
    with pytest.raises(ValueError, match="stride"):
        InferenceConfig(max_length=16, stride=20)
    with pytest.raises(ValueError, match="batch_size"):
        InferenceConfig(batch_size=0)


def test_cpu_bf16_runs_the_model_in_bfloat16_and_keeps_offsets(tiny_tagger_dir):
    import torch

    bf16 = Tagger.load(tiny_tagger_dir, backend="torch-bf16", device="cpu")
    assert next(bf16.backend.model.parameters()).dtype == torch.bfloat16
    long_text = " ".join([SAMPLE_TEXT] * 5)
    (spans,) = bf16.predict([long_text])
    assert all(long_text[s.start:s.end] == s.text for s in spans)
    with pytest.raises(ValueError, match="unknown backend"):
        InferenceConfig(backend="fp8")


def test_load_keeps_the_saved_windows_and_applies_only_the_overrides(tiny_tagger_dir):
    tagger = Tagger.load(tiny_tagger_dir, batch_size=3, decoder="greedy", backend="torch")
    assert (tagger.config.max_length, tagger.config.stride) == (32, 8)  # saved, though other settings were passed
    assert (tagger.config.batch_size, tagger.config.decoder, tagger.config.backend) == (3, "greedy", "torch")
    assert Tagger.load(tiny_tagger_dir, stride=4).config.stride == 4  # an explicit override wins over the folder
    with pytest.raises(TypeError, match="unknown inference setting.*window"):
        Tagger.load(tiny_tagger_dir, window=12)


def test_auto_backend_is_bf16_only_where_the_cpu_has_it():
    from conflict_events.model.backends import resolve_backend

    assert resolve_backend("auto", "cpu", {"avx2", "avx512_bf16"}) == "torch-bf16"
    assert resolve_backend("auto", "cpu", {"avx2", "amx_bf16"}) == "torch-bf16"
    assert resolve_backend("auto", "cpu", {"avx2", "avx512f"}) == "torch"
    assert resolve_backend("auto", "cuda", set()) == "torch"
    with pytest.raises(ValueError, match="CPU only"):
        resolve_backend("onnx-int8", "cuda")
