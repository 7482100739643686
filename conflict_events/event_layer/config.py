"""The event layer's training settings (torch-free, so the CLI can show them without loading torch)."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class EventLayerTrainConfig:
    epochs: int | None = 30  # None: chosen on a development split of the training articles (fit.choose_epochs)
    learning_rate: float = 5e-3
    weight_decay: float = 1e-4
    batch_pairs: int = 16384
    role_positive_weight: float = 3.0  # links are rare among candidate pairs
    seed: int = 13
    projection: int = 64
    width: int = 128
    dropout: float = 0.2
    lookalike_negatives: bool = True  # negatives' trigger look-alikes as "no event" examples (lookalikes.py)

    def __post_init__(self) -> None:
        if (self.epochs is not None and self.epochs < 1) or self.learning_rate <= 0 or self.batch_pairs < 1:
            raise ValueError("epochs and batch_pairs must be >= 1 and learning_rate > 0")

    def to_dict(self) -> dict:
        return asdict(self)
