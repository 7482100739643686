"""The tagger: windows, one forward path, backends, decoding. ``from conflict_events.model import Tagger``.

Names are imported lazily so that torch-free modules (``model.backends`` for its names, the CLI's
``--help``) do not pull in torch.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {name: "conflict_events.model.tagger" for name in ("InferenceConfig", "NotAModelFolder", "Tagger")}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
