"""The ``conflict-events`` command: runs the typer app of :mod:`conflict_events.app` with every
command module registered on it. Nothing imports this module."""

from __future__ import annotations

import logging
import sys

from conflict_events.app import app
from conflict_events.annotate import commands as _annotate  # noqa: F401 - registers validate, pre-annotate, import, suggest
from conflict_events.batch import commands as _batch  # noqa: F401 - registers tag, extract
from conflict_events.event_layer import commands as _event_layer  # noqa: F401 - registers train-events
from conflict_events.events import commands as _events  # noqa: F401 - registers events-gold, events-eval, events-merge
from conflict_events.report import commands as _report  # noqa: F401 - registers show
from conflict_events.training import commands as _training  # noqa: F401 - registers train, crossval, evaluate

__all__ = ["app", "main"]


def main() -> None:
    from conflict_events.batch.allocator import allow_reexec

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    allow_reexec()  # this process is the program itself, so tag/extract may restart under jemalloc
    app()


if __name__ == "__main__":
    sys.exit(main())
