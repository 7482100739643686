"""The fixed label set. It is declared here, saved with every model as ``id2label``,
and never inferred from whatever a training split happens to contain."""

from __future__ import annotations

ENTITY_LABELS: tuple[str, ...] = ("ACTOR", "PLACE", "KILLED", "WOUNDED", "SOURCE", "TRIGGER", "TIME")

# BIO tags derived from the entity labels; "O" is id 0 so that an untrained head defaults to it.
BIO_TAGS: tuple[str, ...] = ("O",) + tuple(f"{prefix}-{label}" for label in ENTITY_LABELS for prefix in ("B", "I"))

ID2LABEL: dict[int, str] = dict(enumerate(BIO_TAGS))
LABEL2ID: dict[str, int] = {tag: i for i, tag in ID2LABEL.items()}

EVENT_TYPES: tuple[str, ...] = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
    "Protests",
    "Riots",
)


def tag_label(tag: str) -> str | None:
    """``B-ACTOR`` -> ``ACTOR``; ``O`` -> None."""
    return None if tag == "O" else tag[2:]
