"""Overlapping token windows, so that no article is ever truncated.

The same function cuts windows for training and for inference, so both see identical
tokenization. Window predictions are merged back per token by character offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

import numpy as np

from conflict_events.model.alignment import Offset, is_special

WindowMerge = Literal["center", "mean", "max"]


@dataclass(frozen=True)
class Window:
    text_index: int
    input_ids: tuple[int, ...]
    offsets: tuple[Offset, ...]  # (0, 0) marks special tokens

    def __len__(self) -> int:
        return len(self.input_ids)


def require_fast_tokenizer(tokenizer) -> None:
    if not getattr(tokenizer, "is_fast", False):
        raise TypeError(
            f"{type(tokenizer).__name__} is a slow tokenizer; offset alignment needs a fast (Rust) "
            "tokenizer with offset_mapping. Save the model with a tokenizer.json."
        )


def make_windows(tokenizer, texts: Sequence[str], max_length: int, stride: int) -> list[Window]:
    """Cut each text into windows of at most ``max_length`` tokens (special tokens included),
    consecutive windows sharing ``stride`` tokens. Empty texts give no windows."""
    require_fast_tokenizer(tokenizer)
    if not 0 <= stride < max_length - 2:
        raise ValueError(f"stride ({stride}) must be below max_length - 2 ({max_length - 2})")
    indexed = [(i, text) for i, text in enumerate(texts) if text.strip()]
    if not indexed:
        return []
    encoded = tokenizer(
        [text for _, text in indexed],
        truncation=True,
        max_length=max_length,
        stride=stride,
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
        return_token_type_ids=False,
        return_attention_mask=False,
    )
    windows = []
    for row, sample in enumerate(encoded["overflow_to_sample_mapping"]):
        windows.append(
            Window(
                text_index=indexed[sample][0],
                input_ids=tuple(encoded["input_ids"][row]),
                offsets=tuple(tuple(o) for o in encoded["offset_mapping"][row]),
            )
        )
    return windows


def merge_window_probabilities(
    windows: Sequence[Window], probabilities: Sequence[np.ndarray], merge: WindowMerge = "center"
) -> tuple[list[Offset], np.ndarray]:
    """Combine the per-token probabilities of one text's windows into one row per distinct token.

    ``center`` keeps, for a token seen by several windows, the window where it sits farthest from
    an edge (most context on both sides); ``mean`` averages; ``max`` keeps the most confident one.
    """
    if merge not in ("center", "mean", "max"):
        raise ValueError(f"unknown window merge {merge!r}")
    if len(windows) == 1:  # most articles: nothing to merge, only the special tokens to drop
        positions = [i for i, o in enumerate(windows[0].offsets) if not is_special(o)]
        offsets = [windows[0].offsets[i] for i in positions]
        if all(a < b for a, b in zip(offsets, offsets[1:])):
            return offsets, probabilities[0][positions]
    best: dict[Offset, tuple[float, np.ndarray, int]] = {}
    for window, window_probs in zip(windows, probabilities):
        positions = [i for i, o in enumerate(window.offsets) if not is_special(o)]
        for rank, position in enumerate(positions):
            offset = window.offsets[position]
            row = window_probs[position]
            if merge == "center":
                quality = float(min(rank, len(positions) - 1 - rank))
            elif merge == "max":
                quality = float(row.max())
            else:
                quality = 0.0
            if offset not in best:
                best[offset] = (quality, row, 1)
            elif merge == "mean":
                _, total, count = best[offset]
                best[offset] = (0.0, total + row, count + 1)
            elif quality > best[offset][0]:
                best[offset] = (quality, row, 1)
    offsets = sorted(best)
    if not offsets:
        return [], np.zeros((0, probabilities[0].shape[-1] if len(probabilities) else 0))
    rows = np.stack([best[o][1] / best[o][2] for o in offsets])
    return offsets, rows
