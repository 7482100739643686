"""The annotation loop: pre-annotate new articles for a tool, import the corrected export, and
suggest which articles to annotate next.

Names are imported lazily, so that the CLI's ``--help`` (which imports ``annotate.commands``) stays
free of torch.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "label_config": "conflict_events.annotate.formats", "text_hash": "conflict_events.annotate.formats",
    "ImportResult": "conflict_events.annotate.importer", "TaskProblem": "conflict_events.annotate.importer",
    "import_exports": "conflict_events.annotate.importer", "read_export": "conflict_events.annotate.importer",
    "Uncertainty": "conflict_events.annotate.suggest", "rank_articles": "conflict_events.annotate.suggest",
    "score_texts": "conflict_events.annotate.suggest", "token_uncertainty": "conflict_events.annotate.suggest",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
