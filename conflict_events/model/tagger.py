"""Inference: ``Tagger.load(dir).predict(texts) -> list[list[Span]]``.

The Tagger is the public face of the one forward path (``model/engine.py``) and its backends
(``model/backends.py``): ``prepare`` -> ``probabilities`` -> ``decode`` are the three steps, and
``predict`` is them in one call.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import torch

from conflict_events.model.alignment import Offset
from conflict_events.model.backends import BACKENDS, BackendName, load_torch_backend, resolve_backend
from conflict_events.model.boundaries import tidy_spans
from conflict_events.model.decoding import Decoder, decode_many
from conflict_events.model.engine import ModelBatch, PreparedWindows, prepare_windows, run_batches
from conflict_events.model.windows import WindowMerge, merge_window_probabilities
from conflict_events.spans import Span

TRAINING_CONFIG_FILE = "training_config.json"
SAVED_INFERENCE_SETTINGS = ("max_length", "stride")  # what training fixes and inference must reuse


class NotAModelFolder(ValueError):
    pass


@dataclass(frozen=True)
class InferenceConfig:
    batch_size: int = 16
    max_length: int = 256
    stride: int = 64
    decoder: Decoder = "transitions"  # best by cross-validation; viterbi when a model has no saved transitions
    window_merge: WindowMerge = "center"
    device: str = "auto"  # "auto" picks CUDA when present
    backend: BackendName = "auto"  # see model/backends.py; auto = bf16 on CPUs with native bf16, else fp32
    tidy_boundaries: bool = True  # the guide's boundary rules after decoding (model/boundaries.py)

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        if not 0 <= self.stride < self.max_length - 2:
            raise ValueError(f"stride ({self.stride}) must be below max_length - 2 ({self.max_length - 2})")
        if self.backend not in BACKENDS:
            raise ValueError(f"unknown backend {self.backend!r} (expected one of {', '.join(BACKENDS)})")


def pick_device(requested: str = "auto") -> torch.device:
    if requested == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(requested)


def check_model_folder(model_dir: Path) -> None:
    """Refuse folders that are not a saved token-classification model, and pickled weights."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise NotAModelFolder(f"{model_dir}: not a folder; expected a model saved by `conflict-events train`")
    if not (model_dir / "config.json").is_file():
        raise NotAModelFolder(f"{model_dir}: no config.json, so this is not a saved model folder")
    has_safetensors = any(model_dir.glob("*.safetensors")) or (model_dir / "model.safetensors.index.json").is_file()
    if not has_safetensors:
        pickled = [p.name for p in model_dir.glob("*.bin")] + [p.name for p in model_dir.glob("*.pt")]
        hint = f" (found pickled weights {pickled}, which are never loaded)" if pickled else ""
        raise NotAModelFolder(f"{model_dir}: no .safetensors weights{hint}")
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    if not config.get("id2label"):
        raise NotAModelFolder(f"{model_dir}/config.json has no id2label; not a token-classification model")


def saved_inference_settings(model_dir: Path) -> dict:
    """The inference settings a model folder fixes (window length and stride it was trained with),
    so inference cuts the same windows."""
    path = Path(model_dir) / TRAINING_CONFIG_FILE
    if not path.is_file():
        return {}
    saved = json.loads(path.read_text(encoding="utf-8"))
    return {key: saved[key] for key in SAVED_INFERENCE_SETTINGS if key in saved}


def inference_config(model_dir: Path, **overrides) -> InferenceConfig:
    """The folder's saved settings over the defaults, then only what the caller overrides."""
    known = {f.name for f in fields(InferenceConfig)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise TypeError(f"unknown inference setting(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return InferenceConfig(**{**saved_inference_settings(model_dir), **overrides})


@dataclass(frozen=True)
class TextPrediction:
    """One text's spans and the merged per-token probabilities they were decoded from."""

    spans: list[Span]
    offsets: list[Offset]
    probabilities: np.ndarray  # (tokens, labels)


class Tagger:
    """A fine-tuned token-classification model behind a backend, plus its tokenizer. ``predict`` is
    pure: it never changes its input, and returns one list of spans per text, in order, empty texts
    included."""

    def __init__(self, backend, tokenizer, id2label: dict, transitions: np.ndarray | None, config: InferenceConfig):
        self.backend = backend
        self.tokenizer = tokenizer
        self.id2label = {int(k): v for k, v in id2label.items()}
        self.transitions = transitions
        self.config = config
        if self.config.decoder == "transitions" and self.transitions is None:
            # Models trained elsewhere carry no tag statistics; BIO-constrained Viterbi is the next best.
            self.config = replace(self.config, decoder="viterbi")

    @classmethod
    def load(cls, model_dir: str | Path, **overrides) -> "Tagger":
        """Every setting the folder saved (window length, stride), the defaults for the rest, and
        ``overrides`` (any ``InferenceConfig`` field) on top."""
        from transformers import AutoConfig, AutoTokenizer

        model_dir = Path(model_dir)
        check_model_folder(model_dir)
        config = inference_config(model_dir, **overrides)
        device = pick_device(config.device)
        backend_name = resolve_backend(config.backend, device.type)
        if backend_name.startswith("onnx"):
            from conflict_events.model.onnx_backend import load_onnx_backend

            backend = load_onnx_backend(model_dir, backend_name)
        else:
            backend = load_torch_backend(model_dir, backend_name, device)
        model_config = AutoConfig.from_pretrained(model_dir)
        saved = getattr(model_config, "tag_transitions", None)
        transitions = np.asarray(saved, dtype=float) if saved else None
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        return cls(backend, tokenizer, model_config.id2label, transitions, replace(config, backend=backend_name))

    @property
    def device(self) -> torch.device:
        return getattr(self.backend, "device", torch.device("cpu"))

    def prepare(self, texts: Sequence[str], sort_by_length: bool = True) -> PreparedWindows:
        """Step 1 (tokenizer thread in a batch run): windows cut and padded into planned batches."""
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] is {type(text).__name__}, expected str")
        return prepare_windows(self.tokenizer, texts, self.config.max_length, self.config.stride,
                               self.config.batch_size, sort_by_length)

    def probabilities(self, prepared: PreparedWindows,
                      on_batch: Callable[[ModelBatch], None] | None = None) -> list[np.ndarray]:
        """Step 2 (model thread): softmax probabilities per window, in window order."""
        return run_batches(self.backend, prepared, on_batch)

    def merge(self, prepared: PreparedWindows, probabilities: Sequence[np.ndarray]) -> list[tuple[list[Offset], np.ndarray]]:
        """Per text: its distinct tokens' offsets and one probability row each, windows merged."""
        members: dict[int, list[int]] = {}
        for i, window in enumerate(prepared.windows):
            members.setdefault(window.text_index, []).append(i)
        return [
            merge_window_probabilities([prepared.windows[i] for i in ids], [probabilities[i] for i in ids], self.config.window_merge)
            for ids in (members.get(text_index, []) for text_index in range(prepared.text_count))
        ]

    def spans_from_merged(self, texts: Sequence[str], merged: Sequence[tuple[list[Offset], np.ndarray]]) -> list[list[Span]]:
        decoded = decode_many(texts, [offsets for offsets, _ in merged], [rows for _, rows in merged],
                              self.config.decoder, self.transitions)
        if not self.config.tidy_boundaries:
            return decoded
        return [tidy_spans(text, spans) for text, spans in zip(texts, decoded)]

    def decode(self, texts: Sequence[str], prepared: PreparedWindows, probabilities: Sequence[np.ndarray]) -> list[list[Span]]:
        """Step 3 (writer thread): spans per text, in order."""
        return self.spans_from_merged(texts, self.merge(prepared, probabilities))

    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        texts = list(texts)
        prepared = self.prepare(texts)
        return self.decode(texts, prepared, self.probabilities(prepared))

    def predict_with_probabilities(self, texts: Sequence[str]) -> list[TextPrediction]:
        """``predict`` plus the merged probabilities each text's spans were decoded from."""
        texts = list(texts)
        prepared = self.prepare(texts)
        merged = self.merge(prepared, self.probabilities(prepared))
        spans = self.spans_from_merged(texts, merged)
        return [TextPrediction(s, offsets, rows) for s, (offsets, rows) in zip(spans, merged)]

    def describe(self) -> dict:
        return {"device": str(self.device), **asdict(self.config)}
