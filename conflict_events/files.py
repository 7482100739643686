"""Writing files so that a crash or an interrupt never leaves half of one: the one atomic-write helper."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import IO, Callable


def write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> Path:
    """Write through ``write`` to a temporary file beside ``path``, flush it to disk, then rename it
    over ``path``: readers see the old file or the whole new one, never a part. Creates the folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as sink:
            write(sink)
            sink.flush()
            os.fsync(sink.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_text_atomically(path: Path, text: str) -> Path:
    """:func:`write_atomically` for a whole text, UTF-8."""
    data = text.encode("utf-8")
    return write_atomically(path, lambda sink: sink.write(data))
