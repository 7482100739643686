"""The event layer's heads: small MLPs over projected encoder embeddings plus hand features.

The encoder stays frozen (it is the tagger's); only these heads train, so training takes seconds on
a CPU and the weights are a few hundred kilobytes, saved as safetensors beside the tagger.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

from conflict_events.event_layer.candidates import (ARGUMENT_FEATURES, COREF_FEATURES, COUNT_FEATURES,
                                                    TRIGGER_FEATURES)
from conflict_events.event_layer.schema import PARTIES, ROLES, SUB_TYPE_CLASSES, TYPE_CLASSES


@dataclass(frozen=True)
class NetworkShape:
    hidden_size: int
    projection: int = 64
    width: int = 128
    dropout: float = 0.2

    def to_dict(self) -> dict:
        return asdict(self)


def _mlp(inputs: int, width: int, outputs: int, dropout: float) -> nn.Sequential:
    return nn.Sequential(nn.Linear(inputs, width), nn.GELU(), nn.Dropout(dropout), nn.Linear(width, outputs))


class EventLayerNetwork(nn.Module):
    """Four heads sharing one projection of the encoder's span embeddings."""

    def __init__(self, shape: NetworkShape):
        super().__init__()
        self.shape = shape
        p, w, d = shape.projection, shape.width, shape.dropout
        self.project = nn.Sequential(nn.Linear(shape.hidden_size, p), nn.Tanh())
        pair = 3 * p  # a, b, a * b
        self.roles = _mlp(pair + ARGUMENT_FEATURES, w, len(ROLES), d)
        self.party = _mlp(pair + ARGUMENT_FEATURES, w, len(PARTIES), d)
        self.coref = _mlp(pair + COREF_FEATURES, w, 1, d)
        self.same_count = _mlp(pair + COUNT_FEATURES, w, 1, d)
        self.types = _mlp(2 * p + TRIGGER_FEATURES, w, len(TYPE_CLASSES), d)
        self.sub_types = _mlp(2 * p + TRIGGER_FEATURES, w, len(SUB_TYPE_CLASSES), d)

    @staticmethod
    def _pair(a: torch.Tensor, b: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        return torch.cat([a, b, a * b, features], dim=-1)

    # The heads take *projected* rows: callers project each span's embedding once and gather pairs
    # from the projected table, which costs a fraction of projecting every pair's two rows.
    def argument_logits(self, trigger: torch.Tensor, argument: torch.Tensor, features: torch.Tensor):
        """Per (trigger, argument) pair: role logits (multi-label) and party logits."""
        x = self._pair(trigger, argument, features)
        return self.roles(x), self.party(x)

    def coref_logits(self, first: torch.Tensor, second: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        return self.coref(self._pair(first, second, features)).squeeze(-1)

    def same_count_logits(self, first: torch.Tensor, second: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        return self.same_count(self._pair(first, second, features)).squeeze(-1)

    def type_logits(self, trigger: torch.Tensor, sentence: torch.Tensor, features: torch.Tensor):
        x = torch.cat([trigger, sentence, features], dim=-1)
        return self.types(x), self.sub_types(x)
