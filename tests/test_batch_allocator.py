"""The allocator switch: pure helpers with known answers, and the real program restarting itself
under jemalloc (checked through its own /proc/self/maps) with the same output as glibc's malloc."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conflict_events.batch.allocator import (
    LIBRARY_VARIABLE,
    AllocatorError,
    find_jemalloc,
    jemalloc_loaded,
    preload_value,
    use_allocator,
)

ROOT = Path(__file__).resolve().parents[1]


def test_preload_puts_jemalloc_first_and_keeps_the_users_entries():
    library = Path("/lib/libjemalloc.so.2")
    assert preload_value(library, None) == "/lib/libjemalloc.so.2"
    assert preload_value(library, "") == "/lib/libjemalloc.so.2"
    assert preload_value(library, "/a/libx.so:/b/liby.so") == "/lib/libjemalloc.so.2 /a/libx.so /b/liby.so"
    assert preload_value(library, "/a/libx.so /lib/libjemalloc.so.2") == "/lib/libjemalloc.so.2 /a/libx.so"


def test_find_jemalloc_honours_the_variable_then_the_locations(tmp_path):
    library = tmp_path / "libjemalloc.so.2"
    library.write_bytes(b"")
    assert find_jemalloc({LIBRARY_VARIABLE: str(library)}) == library
    assert find_jemalloc({LIBRARY_VARIABLE: str(tmp_path / "missing.so")}) is None  # asked for, absent: not silently another
    assert find_jemalloc({}, locations=(str(tmp_path / "nope.so"), str(library))) == library


def test_jemalloc_loaded_reads_the_memory_map(tmp_path):
    maps = tmp_path / "maps"
    maps.write_text("7f00-7f01 r-xp 0 08:01 1 /usr/lib/x86_64-linux-gnu/libc.so.6\n")
    assert not jemalloc_loaded(maps)
    maps.write_text(maps.read_text() + "7f02-7f03 r-xp 0 08:01 2 /usr/lib/x86_64-linux-gnu/libjemalloc.so.2\n")
    assert jemalloc_loaded(maps)
    assert not jemalloc_loaded(tmp_path / "absent")


def test_an_in_process_caller_is_never_replaced():
    if jemalloc_loaded():
        pytest.skip("this test process was started with jemalloc preloaded")
    with pytest.raises(AllocatorError, match="allocator must be one of"):
        use_allocator("tcmalloc")
    assert use_allocator("system") == "system"
    assert use_allocator("auto") == "system"  # returns instead of restarting pytest
    with pytest.raises(AllocatorError):
        use_allocator("jemalloc")  # either not installed, or needs the program itself: an error, not a silent fallback


def run_tag(dump: Path, model: Path, output: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "conflict_events.cli", "tag", str(dump), "--model", str(model),
               "--output", str(output), "--batch-size", "4", *extra]
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"} | {"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


@pytest.mark.integration  # two real CLI processes
def test_the_program_restarts_under_jemalloc_when_installed_with_the_same_output(tmp_path, tiny_tagger_dir):
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps({"id": f"a{i}", "text": f"Gunmen killed {i} villagers near Gao on Monday, officials said."}) + "\n"
                            for i in range(12)), encoding="utf-8")
    default = run_tag(dump, tiny_tagger_dir, tmp_path / "default.jsonl")
    expected = "jemalloc" if find_jemalloc() is not None else "system"
    assert f"memory allocator: {expected}" in default.stderr  # read from the restarted process's own memory map
    system = run_tag(dump, tiny_tagger_dir, tmp_path / "system.jsonl", "--allocator", "system")
    assert "memory allocator: system" in system.stderr
    assert (tmp_path / "default.jsonl").read_text() == (tmp_path / "system.jsonl").read_text()
    assert "read 12, tagged 12, rejected 0" in default.stderr
