"""Run the batch commands under jemalloc when the machine has it.

Why: with glibc's malloc, the model's large, variably sized activations fragment the heap, and the
peak resident memory of a long run creeps up with the dump's length even though Python-side state
is bounded (diagnosis in ``BENCHMARKS.md``). jemalloc keeps the peak flat and runs faster. A process
can only swap its allocator before it starts, so the ``tag`` and ``extract`` commands re-execute
themselves once with ``LD_PRELOAD`` set. Nothing changes when jemalloc is absent (a one-line note
says so), when the user asked for ``--allocator system``, or when the process is not the
``conflict-events`` program itself (an in-process caller such as a test or a notebook).
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path
from typing import Literal

Allocator = Literal["auto", "jemalloc", "system"]
ALLOCATORS: tuple[str, ...] = ("auto", "jemalloc", "system")

LIBRARY_VARIABLE = "CONFLICT_EVENTS_JEMALLOC"  # a user's own libjemalloc, wherever it lives
REEXEC_MARK = "CONFLICT_EVENTS_REEXECUTED"  # set on the re-executed process, so it never loops
COMMON_LOCATIONS = (
    "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2",  # Debian and Ubuntu: libjemalloc2
    "/usr/lib/aarch64-linux-gnu/libjemalloc.so.2",
    "/usr/lib64/libjemalloc.so.2",  # Fedora, RHEL: jemalloc
    "/usr/lib/libjemalloc.so.2",  # Arch, Alpine
    "/usr/local/lib/libjemalloc.so.2",  # built from source
)

_reexec_allowed = False


class AllocatorError(ValueError):
    """``--allocator jemalloc`` was asked for and cannot be had."""


def allow_reexec() -> None:
    """Called by the program's entry point: only then is ``sys.orig_argv`` this command's own."""
    global _reexec_allowed
    _reexec_allowed = True


def find_jemalloc(environ: dict[str, str] | None = None, locations: tuple[str, ...] = COMMON_LOCATIONS) -> Path | None:
    environ = os.environ if environ is None else environ
    chosen = environ.get(LIBRARY_VARIABLE)
    if chosen:
        return Path(chosen) if Path(chosen).is_file() else None
    for location in locations:
        if Path(location).is_file():
            return Path(location)
    found = ctypes.util.find_library("jemalloc")  # a bare soname: the dynamic loader resolves it
    return Path(found) if found else None


def jemalloc_loaded(maps: Path = Path("/proc/self/maps")) -> bool:
    """Whether this process already runs jemalloc (preloaded by us, by the user, or linked in)."""
    try:
        return "libjemalloc" in maps.read_text(encoding="utf-8", errors="replace")
    except OSError:  # not Linux
        return False


def preload_value(library: Path, current: str | None) -> str:
    """``LD_PRELOAD`` with ``library`` first and the user's own entries kept after it."""
    kept = [entry for entry in (current or "").replace(":", " ").split() if entry != str(library)]
    return " ".join([str(library), *kept])


def use_allocator(choice: str) -> str:
    """Make sure the process runs ``choice``; returns the allocator in use ("jemalloc" or "system").

    May replace the process (``os.execve``) and never return: the same command then starts again
    with jemalloc preloaded.
    """
    if choice not in ALLOCATORS:
        raise AllocatorError(f"allocator must be one of {', '.join(ALLOCATORS)}, not {choice!r}")
    if jemalloc_loaded():
        return "jemalloc"
    if choice == "system":
        return "system"
    library = find_jemalloc()
    if library is None:
        if choice == "jemalloc":
            raise AllocatorError(f"--allocator jemalloc: libjemalloc not found; install it (Debian: libjemalloc2) "
                                 f"or set {LIBRARY_VARIABLE}=/path/to/libjemalloc.so.2")
        return "system"
    if not _reexec_allowed or os.environ.get(REEXEC_MARK) or not sys.platform.startswith("linux"):
        if choice == "jemalloc":
            raise AllocatorError("--allocator jemalloc needs the conflict-events program itself (it restarts under "
                                 f"LD_PRELOAD={library}); from Python, start the interpreter with LD_PRELOAD set")
        return "system"
    environment = dict(os.environ)
    environment["LD_PRELOAD"] = preload_value(library, environment.get("LD_PRELOAD"))
    environment[REEXEC_MARK] = "1"
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, sys.orig_argv, environment)
    raise AssertionError("unreachable: execve returns only by raising")
