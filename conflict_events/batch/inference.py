"""The model side of a batch run, split so each part can run on its own thread.

``prepare`` (tokenizer thread) cuts a buffer of articles into the Tagger's windows, sorts them by
length and pads them into ready tensors; ``forward`` (model thread) only runs the model;
``Tagger.spans_from_windows`` (writer thread) decodes, so decoding is the Tagger's own, never a copy.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import torch

from conflict_events.inputs import InputArticle, Rejected
from conflict_events.model.tagger import InferenceConfig, Tagger, saved_window_settings
from conflict_events.model.windows import Window, make_windows
from conflict_events.spans import Span


def load_tagger(model: Path, batch_size: int = 32, quantize_int8: bool = False, device: str = "auto", cpu_bf16: bool = False) -> Tagger:
    """The Tagger with the window settings it was trained with; bf16/fp16 on CUDA (``Tagger.load``
    casts), dynamic int8 linear layers or bf16 weights on CPU when asked."""
    config = replace(InferenceConfig(batch_size=batch_size, quantize_int8=quantize_int8, device=device, cpu_bf16=cpu_bf16),
                     **saved_window_settings(model))
    return Tagger.load(model, config)


@dataclass
class ModelBatch:
    windows: list[int]  # indices into the buffer's windows, one per row
    input_ids: torch.Tensor
    attention_mask: torch.Tensor
    tokens: int  # real (unpadded) tokens

    @property
    def padded_tokens(self) -> int:
        return self.input_ids.numel()


@dataclass
class PreparedBuffer:
    """A run of consecutive input records (articles and rejections, in input order) with the
    articles' windows cut and batched, ready for the model."""

    first_record: int  # index of ``records[0]`` in the whole input stream
    records: list[InputArticle | Rejected]
    windows: list[Window]
    batches: list[ModelBatch]

    @property
    def articles(self) -> list[InputArticle]:
        return [r for r in self.records if isinstance(r, InputArticle)]

    @property
    def tokens(self) -> int:
        return sum(b.tokens for b in self.batches)


PAD_TO_MULTIPLE_OF = 8


def round_up(length: int, multiple: int) -> int:
    return -(-length // multiple) * multiple


def plan_batches(lengths: Sequence[int], batch_size: int, sort_by_length: bool = True,
                 multiple_of: int = PAD_TO_MULTIPLE_OF, batch_cost_tokens: int = 128) -> list[list[int]]:
    """Group window indices into batches of at most ``batch_size``.

    Sorted by length, the batch boundaries are then chosen by dynamic programming to minimise
    padded tokens plus ``batch_cost_tokens`` per batch (the fixed cost of one forward pass, in
    tokens): where lengths are dense, batches fill up; where they are sparse, a batch ends before
    a much longer window. On the benchmark dump this pads 4% of tokens instead of 10% for fixed
    runs of ``batch_size``, at buffers of 256 articles. Unsorted (to measure what bucketing buys),
    batches are plain runs in input order."""
    if not sort_by_length:
        return [list(range(i, min(i + batch_size, len(lengths)))) for i in range(0, len(lengths), batch_size)]
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    padded = [round_up(lengths[i], multiple_of) for i in order]
    best = [0.0] + [float("inf")] * len(order)  # best[j]: cost of batching the j shortest windows
    cut = [0] * (len(order) + 1)
    for end in range(1, len(order) + 1):
        for begin in range(max(0, end - batch_size), end):
            cost = best[begin] + (end - begin) * padded[end - 1] + batch_cost_tokens
            if cost < best[end]:
                best[end], cut[end] = cost, begin
    batches, end = [], len(order)
    while end > 0:
        batches.append(order[cut[end] : end])
        end = cut[end]
    return batches[::-1]


def collate(windows: Sequence[Window], indices: list[int], pad_id: int, pin: bool = False,
            multiple_of: int = PAD_TO_MULTIPLE_OF) -> ModelBatch:
    """Pad a batch into ``(input_ids, attention_mask)``. The width is rounded up to a multiple of
    ``multiple_of``: a few more pad tokens, but a few dozen tensor shapes instead of hundreds, so the
    memory allocator reuses its blocks (and oneDNN its kernels) instead of growing the heap."""
    longest = max(len(windows[i]) for i in indices)
    width = round_up(longest, multiple_of)
    ids = np.full((len(indices), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(indices), width), dtype=np.int64)
    for row, i in enumerate(indices):
        ids[row, : len(windows[i])] = windows[i].input_ids
        mask[row, : len(windows[i])] = 1
    input_ids, attention_mask = torch.from_numpy(ids), torch.from_numpy(mask)
    if pin:  # page-locked host memory lets the copy to the GPU overlap with compute
        input_ids, attention_mask = input_ids.pin_memory(), attention_mask.pin_memory()
    return ModelBatch(indices, input_ids, attention_mask, int(mask.sum()))


def prepare(tagger: Tagger, first_record: int, records: list[InputArticle | Rejected], sort_by_length: bool = True) -> PreparedBuffer:
    """Tokenize the buffer's articles into the Tagger's overlapping windows and batch them."""
    texts = [r.text for r in records if isinstance(r, InputArticle)]
    windows = make_windows(tagger.tokenizer, texts, tagger.config.max_length, tagger.config.stride)
    pad_id = tagger.tokenizer.pad_token_id or 0
    pin = tagger.device.type == "cuda"
    plan = plan_batches([len(w) for w in windows], tagger.config.batch_size, sort_by_length)
    return PreparedBuffer(first_record, records, windows, [collate(windows, b, pad_id, pin) for b in plan])


def forward(tagger: Tagger, batch: ModelBatch) -> np.ndarray:
    """Softmax probabilities for one padded batch, ``(rows, width, labels)``, as float32 numpy."""
    with torch.inference_mode():
        ids = batch.input_ids.to(tagger.device, non_blocking=True)
        mask = batch.attention_mask.to(tagger.device, non_blocking=True)
        logits = tagger.model(input_ids=ids, attention_mask=mask).logits
        return torch.softmax(logits.float(), dim=-1).cpu().numpy()


def run_model(tagger: Tagger, prepared: PreparedBuffer, on_batch: Callable[[ModelBatch], None] | None = None) -> list[np.ndarray]:
    """Probabilities for every window of the buffer, in window order. They are views into one array
    allocated per buffer: thousands of small long-lived arrays between the model's large short-lived
    ones would fragment the heap, and the process would grow with the length of the run."""
    offsets = np.cumsum([0] + [len(w) for w in prepared.windows])
    store: np.ndarray | None = None
    for batch in prepared.batches:
        probs = forward(tagger, batch)
        if store is None:
            store = np.empty((int(offsets[-1]), probs.shape[-1]), dtype=np.float32)
        for row, i in enumerate(batch.windows):
            store[offsets[i] : offsets[i + 1]] = probs[row, : offsets[i + 1] - offsets[i]]
        del probs
        if on_batch is not None:
            on_batch(batch)
    if store is None:
        return []
    return [store[offsets[i] : offsets[i + 1]] for i in range(len(prepared.windows))]


def decode(tagger: Tagger, prepared: PreparedBuffer, probabilities: list[np.ndarray]) -> list[list[Span]]:
    """Spans per article of the buffer (in order), by the Tagger's own window merge and decoder."""
    texts = [a.text for a in prepared.articles]
    return tagger.spans_from_windows(texts, prepared.windows, probabilities)


def tag_records(tagger: Tagger, records: list[InputArticle | Rejected], sort_by_length: bool = True) -> list[list[Span]]:
    """Everything in one call (no threads): spans for each article among ``records``."""
    prepared = prepare(tagger, 0, records, sort_by_length)
    return decode(tagger, prepared, run_model(tagger, prepared))
