"""Shared fixtures: a tiny randomly initialised BERT with a tiny vocabulary, built in a temporary
folder so unit tests run in seconds with no network."""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest

from conflict_events.labels import ID2LABEL, LABEL2ID

WORDS = ["taliban", "fighters", "stormed", "kandahar", "airport", "police", "killed", "wounded", "at", "least",
         "people", "on", "monday", "night", "officials", "said", "the", "attack", "qala", "naw"]


def write_tiny_vocab(folder: Path) -> Path:
    pieces = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    chars = list(string.ascii_lowercase + string.digits + string.punctuation)
    pieces += chars + ["##" + c for c in string.ascii_lowercase + string.digits] + WORDS + ["##" + w for w in ("ers", "ed", "ing")]
    path = folder / "vocab.txt"
    path.write_text("\n".join(dict.fromkeys(pieces)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_encoder_dir(tmp_path_factory) -> Path:
    """A random 2-layer BERT *encoder* with a fast tokenizer: a stand-in base model for training."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizerFast

    folder = tmp_path_factory.mktemp("tiny-encoder")
    tokenizer = BertTokenizerFast(vocab_file=str(write_tiny_vocab(folder)), do_lower_case=True)
    tokenizer.save_pretrained(folder)
    torch.manual_seed(0)
    config = BertConfig(vocab_size=tokenizer.vocab_size, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                        intermediate_size=37, max_position_embeddings=128)
    BertModel(config).save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_tagger_dir(tiny_encoder_dir, tmp_path_factory) -> Path:
    """An untrained token-classification head on the tiny encoder, saved with our label set."""
    from transformers import AutoModelForTokenClassification, AutoTokenizer

    folder = tmp_path_factory.mktemp("tiny-tagger")
    model = AutoModelForTokenClassification.from_pretrained(tiny_encoder_dir, num_labels=len(ID2LABEL), id2label=ID2LABEL, label2id=LABEL2ID)
    model.save_pretrained(folder)
    AutoTokenizer.from_pretrained(tiny_encoder_dir).save_pretrained(folder)
    (folder / "training_config.json").write_text(json.dumps({"max_length": 32, "stride": 8}), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def tiny_tokenizer(tiny_encoder_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(tiny_encoder_dir)


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def annotate(text: str, *marks: tuple[str, str]) -> list[dict]:
    """Spans from (exact substring, label) pairs, each taken at its first occurrence after the previous."""
    spans, cursor = [], 0
    for fragment, label in marks:
        start = text.index(fragment, cursor)
        spans.append({"start": start, "end": start + len(fragment), "label": label})
        cursor = start + len(fragment)
    return spans


SAMPLE_TEXT = "At least 37 people were killed when Taliban fighters stormed Kandahar airport on Monday night, officials said."
SAMPLE_SPANS = annotate(
    SAMPLE_TEXT,
    ("At least 37 people", "KILLED"), ("Taliban fighters", "ACTOR"), ("stormed", "TRIGGER"),
    ("Kandahar airport", "PLACE"), ("on Monday night", "TIME"), ("officials", "SOURCE"),
)


@pytest.fixture
def sample_annotations(tmp_path) -> Path:
    record = {"id": "sample-1", "date": "2015-12-09", "title": None, "text": SAMPLE_TEXT, "spans": SAMPLE_SPANS, "events": []}
    return write_jsonl(tmp_path / "sample.jsonl", [record])
