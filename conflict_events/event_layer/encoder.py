"""Span and sentence embeddings from a transformer encoder's last hidden layer.

Texts go through the same overlapping windows and batches as the tagger (``model.engine``), never truncated;
a token seen by several windows keeps the row of the window where it has most context (the
tagger's ``center`` merge). A span's embedding is the mean of the rows of the tokens it covers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch

from conflict_events.model.engine import prepare_windows, run_batches
from conflict_events.model.windows import merge_window_probabilities
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


def token_states(model, tokenizer, texts: Sequence[str], max_length: int = 256, stride: int = 64,
                 batch_size: int = 16) -> list[TokenStates]:
    """Last-layer token rows for each text (empty texts give no tokens), through the tagger's own
    window cutting, batch planning and batch loop (``model.engine``), with the encoder's last hidden
    layer in place of tag probabilities."""
    device = next(model.parameters()).device

    def last_hidden_layer(ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            output = model(input_ids=torch.from_numpy(ids).to(device), attention_mask=torch.from_numpy(mask).to(device),
                           output_hidden_states=True)
            return output.hidden_states[-1].float().cpu().numpy()

    prepared = prepare_windows(tokenizer, texts, max_length, stride, batch_size)
    rows = run_batches(last_hidden_layer, prepared)
    hidden = int(model.config.hidden_size)
    by_text: dict[int, list[int]] = {}
    for i, window in enumerate(prepared.windows):
        by_text.setdefault(window.text_index, []).append(i)
    states = []
    for index in range(len(texts)):
        members = by_text.get(index, [])
        if not members:
            states.append(TokenStates((), np.zeros((0, hidden), dtype=np.float32)))
            continue
        offsets, merged = merge_window_probabilities([prepared.windows[i] for i in members], [rows[i] for i in members],
                                                     "center")
        states.append(TokenStates(tuple(offsets), merged.astype(np.float32)))
    return states


def span_matrix(states: TokenStates, spans: Sequence[Span]) -> np.ndarray:
    if not spans:
        return np.zeros((0, states.rows.shape[1]), dtype=np.float32)
    return np.stack([states.pool(s.start, s.end) for s in spans])
