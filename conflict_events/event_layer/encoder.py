"""Span and sentence embeddings from a transformer encoder's last hidden layer.

Texts go through the same overlapping windows as the tagger (``model.windows``), never truncated;
a token seen by several windows keeps the row of the window where it has most context (the
tagger's ``center`` merge). A span's embedding is the mean of the rows of the tokens it covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch

from conflict_events.model.windows import Window, make_windows, merge_window_probabilities
from conflict_events.spans import Span


@dataclass(frozen=True)
class TokenStates:
    """One text's tokens: character offsets and last-layer hidden rows (tokens x hidden)."""

    offsets: tuple[tuple[int, int], ...]
    rows: np.ndarray

    def pool(self, start: int, end: int) -> np.ndarray:
        """Mean row of the tokens overlapping ``start..end``; zeros when no token does."""
        picked = [i for i, (a, b) in enumerate(self.offsets) if a < end and start < b]
        if not picked:
            return np.zeros(self.rows.shape[1], dtype=np.float32)
        return self.rows[picked].mean(axis=0)


def _hidden_rows(model, windows: Sequence[Window], pad_id: int, batch_size: int) -> list[np.ndarray]:
    device = next(model.parameters()).device
    rows: list[np.ndarray | None] = [None] * len(windows)
    order = sorted(range(len(windows)), key=lambda i: len(windows[i]))
    with torch.inference_mode():
        for first in range(0, len(order), batch_size):
            batch = order[first: first + batch_size]
            width = max(len(windows[i]) for i in batch)
            ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, i in enumerate(batch):
                ids[row, : len(windows[i])] = torch.tensor(windows[i].input_ids)
                mask[row, : len(windows[i])] = 1
            output = model(input_ids=ids.to(device), attention_mask=mask.to(device), output_hidden_states=True)
            states = output.hidden_states[-1].float().cpu().numpy()
            for row, i in enumerate(batch):
                rows[i] = states[row, : len(windows[i])]
    return rows  # type: ignore[return-value]


def token_states(model, tokenizer, texts: Sequence[str], max_length: int = 256, stride: int = 64,
                 batch_size: int = 16) -> list[TokenStates]:
    """Last-layer token rows for each text (empty texts give no tokens)."""
    windows = make_windows(tokenizer, texts, max_length, stride)
    rows = _hidden_rows(model, windows, tokenizer.pad_token_id or 0, batch_size) if windows else []
    hidden = int(model.config.hidden_size)
    by_text: dict[int, list[int]] = {}
    for i, window in enumerate(windows):
        by_text.setdefault(window.text_index, []).append(i)
    states = []
    for index in range(len(texts)):
        members = by_text.get(index, [])
        if not members:
            states.append(TokenStates((), np.zeros((0, hidden), dtype=np.float32)))
            continue
        offsets, merged = merge_window_probabilities([windows[i] for i in members], [rows[i] for i in members], "center")
        states.append(TokenStates(tuple(offsets), merged.astype(np.float32)))
    return states


def span_matrix(states: TokenStates, spans: Sequence[Span]) -> np.ndarray:
    if not spans:
        return np.zeros((0, states.rows.shape[1]), dtype=np.float32)
    return np.stack([states.pool(s.start, s.end) for s in spans])
