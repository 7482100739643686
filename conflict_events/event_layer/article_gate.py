"""The article gate: does an article report political violence at all?

The type head judges one trigger in its sentence, and on look-alike news (a shark ``attack``, a
wildfire ``battle``, a ``mock ambush`` at a police parade) it lets most through: a violent word in a
violent-sounding sentence. The article as a whole tells them apart far better: a logistic
regression over the mean of the frozen encoder's token rows (the packaged MiniLM is a sentence
embedding model, so that mean is a topic vector) separates the corpus's negatives from its
conflict articles with a ROC AUC of 0.97 when the held-out region or form is unseen (docs/results.md).
``extract`` drops every event of an article the gate reads as reporting no violence.

The threshold is low on purpose: an article with a real event that the gate drops loses all of its
events, so the gate only has to catch what the type head misses, not to decide alone.

A logistic regression is a few lines of torch here, not scikit-learn: the project does not
otherwise need scikit-learn, and the weights are saved as safetensors beside the heads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch

from conflict_events.event_layer.encoder import TokenStates

GATE_WEIGHTS = "event_layer_gate.safetensors"
DEFAULT_L2 = 0.05  # scikit-learn's C = 10: the summed class-weighted loss plus ||w||^2 / (2C)


def article_vector(states: TokenStates) -> np.ndarray:
    """The unit-length mean of an article's token rows (zeros for an article with no tokens)."""
    if not len(states.rows):
        return np.zeros(states.rows.shape[1], dtype=np.float32)
    mean = states.rows.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm if norm else mean).astype(np.float32)


@dataclass(frozen=True)
class ArticleGate:
    """The regression's weights; the threshold is an inference setting (``DecodeConfig.gate_threshold``)."""

    weight: np.ndarray  # hidden
    bias: float

    def probability(self, vector: np.ndarray) -> float:
        """The probability that the article reports political violence."""
        return float(1.0 / (1.0 + np.exp(-(float(vector @ self.weight) + self.bias))))

    def to_tensors(self) -> dict[str, torch.Tensor]:
        return {"weight": torch.from_numpy(self.weight.astype(np.float32)), "bias": torch.tensor([self.bias])}

    @classmethod
    def from_tensors(cls, tensors: dict[str, torch.Tensor]) -> "ArticleGate":
        return cls(tensors["weight"].numpy().astype(np.float32), float(tensors["bias"][0]))


def fit_gate(vectors: Sequence[np.ndarray], reports_violence: Sequence[bool], l2: float = DEFAULT_L2
             ) -> ArticleGate | None:
    """An L2-regularised logistic regression, each class weighted by its inverse frequency (the
    corpus holds far fewer negatives); None when the articles are all of one kind."""
    labels = torch.tensor([float(bool(v)) for v in reports_violence])
    positives = float(labels.sum())
    if positives in (0.0, float(len(labels))):
        return None
    inputs = torch.from_numpy(np.stack(vectors).astype(np.float32))
    class_weight = torch.where(labels > 0, len(labels) / (2 * positives), len(labels) / (2 * (len(labels) - positives)))
    weight = torch.zeros(inputs.shape[1], requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    optimiser = torch.optim.LBFGS([weight, bias], max_iter=500, line_search_fn="strong_wolfe")

    def loss() -> torch.Tensor:
        optimiser.zero_grad()
        logits = inputs @ weight + bias
        value = (class_weight * torch.nn.functional.binary_cross_entropy_with_logits(logits, labels, reduction="none")).sum()
        value = value + l2 * (weight @ weight)
        value.backward()
        return value

    optimiser.step(loss)
    return ArticleGate(weight.detach().numpy().copy(), float(bias.detach()))
