"""Batch inference over article dumps of any size: streaming inputs, length-bucketed batches, a
background tokenizer thread, resumable chunked output, and an optional Ray Data engine.

    from conflict_events.batch import BatchConfig, run_batch
    summary = run_batch(BatchConfig(inputs=(Path("dump.jsonl.gz"),), output=Path("spans.jsonl"), model=Path("runs/model")))

Names are imported lazily so that ``import conflict_events.batch.commands`` (and ``--help``) stays
free of torch.
"""

from __future__ import annotations

from importlib import import_module

_EXPORTS = {
    "BatchConfig": "conflict_events.batch.config",
    "BatchSummary": "conflict_events.batch.pipeline",
    "run_batch": "conflict_events.batch.pipeline",
    "ResumeError": "conflict_events.batch.chunks",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
