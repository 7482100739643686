"""Inference: ``Tagger.load(dir).predict(texts) -> list[list[Span]]``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np
import torch

from conflict_events.model.boundaries import tidy_spans
from conflict_events.model.decoding import Decoder, decode_many
from conflict_events.model.windows import Window, WindowMerge, make_windows, merge_window_probabilities
from conflict_events.spans import Span

TRAINING_CONFIG_FILE = "training_config.json"


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
    quantize_int8: bool = False  # dynamic int8 linear layers, CPU only
    cpu_bf16: bool = False  # bfloat16 weights on CPU: about 2x on CPUs with AMX or AVX-512 BF16, slow elsewhere
    tidy_boundaries: bool = True  # the guide's boundary rules after decoding (model/boundaries.py)

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError("batch_size must be >= 1")
        if not 0 <= self.stride < self.max_length - 2:
            raise ValueError(f"stride ({self.stride}) must be below max_length - 2 ({self.max_length - 2})")
        if self.quantize_int8 and self.cpu_bf16:
            raise ValueError("choose int8 quantization or bf16, not both")


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


def saved_window_settings(model_dir: Path) -> dict:
    """Window length and stride the model was trained with, so inference cuts the same windows."""
    path = Path(model_dir) / TRAINING_CONFIG_FILE
    if not path.is_file():
        return {}
    saved = json.loads(path.read_text(encoding="utf-8"))
    return {key: saved[key] for key in ("max_length", "stride") if key in saved}


def batches_by_length(windows: Sequence[Window], batch_size: int) -> Iterator[list[int]]:
    """Indices of windows grouped into batches of similar length, so padding wastes little."""
    order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
    for first in range(0, len(order), batch_size):
        yield order[first : first + batch_size]


class Tagger:
    """A fine-tuned token-classification model plus its tokenizer. ``predict`` is pure: it never
    changes its input, and returns one list of spans per text, in order, empty texts included."""

    def __init__(self, model, tokenizer, config: InferenceConfig = InferenceConfig()):
        self.model = model.eval()
        self.tokenizer = tokenizer
        self.config = config
        self.device = next(model.parameters()).device
        self.id2label = {int(k): v for k, v in model.config.id2label.items()}
        saved = getattr(model.config, "tag_transitions", None)
        self.transitions = np.asarray(saved, dtype=float) if saved else None
        if self.config.decoder == "transitions" and self.transitions is None:
            # Models trained elsewhere carry no tag statistics; BIO-constrained Viterbi is the next best.
            self.config = replace(self.config, decoder="viterbi")

    @classmethod
    def load(cls, model_dir: str | Path, config: InferenceConfig | None = None) -> "Tagger":
        from transformers import AutoModelForTokenClassification, AutoTokenizer

        model_dir = Path(model_dir)
        check_model_folder(model_dir)
        config = config or replace(InferenceConfig(), **saved_window_settings(model_dir))
        device = pick_device(config.device)
        model = AutoModelForTokenClassification.from_pretrained(model_dir, use_safetensors=True)
        if config.quantize_int8:
            if device.type != "cpu":
                raise ValueError("int8 dynamic quantization runs on CPU only")
            model = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
        elif device.type == "cuda":
            model = model.to(torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16)
        elif config.cpu_bf16:
            model = model.to(torch.bfloat16)
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        return cls(model.to(device), tokenizer, config)

    def window_probabilities(self, windows: Sequence[Window]) -> list[np.ndarray]:
        """Softmax probabilities per window, batched by length under ``torch.inference_mode``."""
        results: list[np.ndarray | None] = [None] * len(windows)
        pad_id = self.tokenizer.pad_token_id or 0
        with torch.inference_mode():
            for batch in batches_by_length(windows, self.config.batch_size):
                width = max(len(windows[i]) for i in batch)
                ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
                mask = torch.zeros((len(batch), width), dtype=torch.long)
                for row, i in enumerate(batch):
                    ids[row, : len(windows[i])] = torch.tensor(windows[i].input_ids)
                    mask[row, : len(windows[i])] = 1
                logits = self.model(input_ids=ids.to(self.device), attention_mask=mask.to(self.device)).logits
                probs = torch.softmax(logits.float(), dim=-1).cpu().numpy()
                for row, i in enumerate(batch):
                    results[i] = probs[row, : len(windows[i])]
        return results  # type: ignore[return-value]

    def spans_from_windows(self, texts: Sequence[str], windows: Sequence[Window], probabilities: Sequence[np.ndarray]) -> list[list[Span]]:
        by_text: dict[int, list[int]] = {}
        for i, window in enumerate(windows):
            by_text.setdefault(window.text_index, []).append(i)
        merged = [
            merge_window_probabilities([windows[i] for i in members], [probabilities[i] for i in members], self.config.window_merge)
            for members in (by_text.get(text_index, []) for text_index in range(len(texts)))
        ]
        decoded = decode_many(texts, [offsets for offsets, _ in merged], [rows for _, rows in merged],
                              self.config.decoder, self.transitions)
        if not self.config.tidy_boundaries:
            return decoded
        return [tidy_spans(text, spans) for text, spans in zip(texts, decoded)]

    def predict(self, texts: Sequence[str]) -> list[list[Span]]:
        texts = list(texts)
        for i, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts[{i}] is {type(text).__name__}, expected str")
        windows = make_windows(self.tokenizer, texts, self.config.max_length, self.config.stride)
        return self.spans_from_windows(texts, windows, self.window_probabilities(windows))

    def predict_stream(self, texts: Iterable[str], chunk_size: int = 256) -> Iterator[list[Span]]:
        """``predict`` over an iterable in chunks, for inputs too large to hold at once."""
        chunk: list[str] = []
        for text in texts:
            chunk.append(text)
            if len(chunk) == chunk_size:
                yield from self.predict(chunk)
                chunk = []
        if chunk:
            yield from self.predict(chunk)

    def describe(self) -> dict:
        return {"device": str(self.device), **asdict(self.config)}
