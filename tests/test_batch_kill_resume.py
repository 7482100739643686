"""Crash safety, for real: start the CLI in a subprocess, SIGKILL it at a random moment once some
chunks are finished, run the same command with --resume, and check that every article's result is
in the output exactly once, equal to an uninterrupted run's."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conflict_events.batch import BatchConfig, run_batch

from test_batch_pipeline import make_dump, read_rows, spans_key

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.integration  # real CLI processes, killed and restarted


def tag_command(dump, model, output, *extra):
    return [sys.executable, "-m", "conflict_events.cli", "tag", str(dump), "--model", str(model),
            "--output", str(output), "--chunk-size", "10", "--buffer-size", "10", "--batch-size", "4", *extra]


def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path, tiny_tagger_dir):
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    dump = tmp_path / "dump.jsonl"
    ids = make_dump(dump, 500, seed=seed % 1000, broken_every=97)
    output = tmp_path / "out.jsonl"
    parts = tmp_path / "out.jsonl.parts"
    env = os.environ | {"PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}

    process = subprocess.Popen(tag_command(dump, tiny_tagger_dir, output), env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wanted = rng.randint(1, 5)  # finished chunks before the kill clock starts
    deadline = time.monotonic() + 120
    while len(list(parts.glob("chunk-*.done.json"))) < wanted:
        assert process.poll() is None, f"run ended before {wanted} chunks (seed {seed}): {process.communicate()[1].decode()[-2000:]}"
        assert time.monotonic() < deadline, "no chunks appeared"
        time.sleep(0.005)
    time.sleep(rng.uniform(0, 0.3))  # then a random moment: mid-batch, mid-write, mid-rename...
    assert process.poll() is None, f"run finished before the kill (seed {seed}); make the dump bigger"
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = len(list(parts.glob("chunk-*.done.json")))
    assert 1 <= finished < 50 and not output.exists(), f"seed {seed}"

    result = subprocess.run(tag_command(dump, tiny_tagger_dir, output, "--resume"), env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = read_rows(output)
    assert [r["id"] for r in rows] == ids, f"lost or duplicated articles after a kill at chunk {finished} (seed {seed})"
    broken = len(ids) // 97
    assert f"read {len(ids) + broken}, tagged {len(ids)}, rejected {broken}" in result.stderr
    assert f"{finished * 10} records resumed" in result.stderr
    assert [r["position"] for r in read_rows(tmp_path / "out.rejects.jsonl")] == [98 * k for k in range(1, broken + 1)]
    assert not parts.exists()

    run_batch(BatchConfig(inputs=(dump,), output=tmp_path / "reference.jsonl", model=tiny_tagger_dir, progress=False))
    assert spans_key(rows) == spans_key(read_rows(tmp_path / "reference.jsonl")), f"seed {seed}"
