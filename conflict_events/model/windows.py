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


class IncompleteCoverage(RuntimeError):
    """Windows that leave part of a text unseen: a bug, never a setting, so it stops the run."""


def window_bounds(token_count: int, content_length: int, stride: int) -> list[tuple[int, int]]:
    """``[start, stop)`` token ranges over a text of ``token_count`` content tokens: each at most
    ``content_length`` long, consecutive ranges sharing ``stride`` tokens, the last one ending at
    the text's end. Cut here rather than by the tokenizer's ``return_overflowing_tokens``, whose
    output changed between transformers 5 releases (5.17 silently dropped the end of long texts)."""
    if not 0 <= stride < content_length:
        raise ValueError(f"stride ({stride}) must be below the window's content length ({content_length})")
    bounds: list[tuple[int, int]] = []
    start = 0
    while start < token_count:
        stop = min(start + content_length, token_count)
        bounds.append((start, stop))
        if stop == token_count:
            break
        start = stop - stride
    return bounds


def check_coverage(bounds: Sequence[tuple[int, int]], token_count: int) -> None:
    """Every token (so every character that has a token) lies in some window."""
    reach = 0
    for start, stop in bounds:
        if start > reach:
            break
        reach = max(reach, stop)
    if reach != token_count:
        raise IncompleteCoverage(f"windows reach token {reach} of {token_count}")


def _special_runs(special_mask: Sequence[int], offsets: Sequence[Offset]) -> tuple[int, int]:
    """How many of the tokenizer's own special tokens (CLS/SEP, <s>/</s>, ...) open and close an
    encoding. Text that merely spells a special token has a real character offset, so it counts as text."""
    def is_template(i: int) -> bool:
        return bool(special_mask[i]) and is_special(offsets[i])

    head = 0
    while head < len(special_mask) and is_template(head):
        head += 1
    tail = 0
    while tail < len(special_mask) - head and is_template(len(special_mask) - 1 - tail):
        tail += 1
    return head, tail


def make_windows(tokenizer, texts: Sequence[str], max_length: int, stride: int) -> list[Window]:
    """Cut each text into windows of at most ``max_length`` tokens (special tokens included),
    consecutive windows sharing ``stride`` tokens. Empty texts give no windows.

    Each text is tokenized once, whole, with the tokenizer's special tokens; the windows are then
    cut from that one encoding, each framed by the same special tokens."""
    require_fast_tokenizer(tokenizer)
    if not 0 <= stride < max_length - 2:
        raise ValueError(f"stride ({stride}) must be below max_length - 2 ({max_length - 2})")
    indexed = [(i, text) for i, text in enumerate(texts) if text.strip()]
    if not indexed:
        return []
    encoded = tokenizer(
        [text for _, text in indexed],
        truncation=False,
        return_offsets_mapping=True,
        return_special_tokens_mask=True,
        return_token_type_ids=False,
        return_attention_mask=False,
        # The whole text is meant to exceed the model's length: we cut it below. verbose=False
        # silences the "longer than the specified maximum sequence length" warning, which does not apply.
        verbose=False,
    )
    windows = []
    for row, (text_index, _) in enumerate(indexed):
        ids = encoded["input_ids"][row]
        offsets = [tuple(o) for o in encoded["offset_mapping"][row]]
        head, tail = _special_runs(encoded["special_tokens_mask"][row], offsets)
        content = range(head, len(ids) - tail)
        bounds = window_bounds(len(content), max_length - head - tail, stride)
        check_coverage(bounds, len(content))
        for start, stop in bounds:
            positions = [*range(head), *content[start:stop], *range(len(ids) - tail, len(ids))]
            windows.append(
                Window(
                    text_index=text_index,
                    input_ids=tuple(ids[i] for i in positions),
                    offsets=tuple(offsets[i] for i in positions),
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
