"""``--engine ray`` on a real local Ray instance gives the same results as the local engine."""

import json

import pytest

from conflict_events.batch import BatchConfig, run_batch

from test_batch_pipeline import make_dump, read_rows, spans_key

ray = pytest.importorskip("ray")
pytestmark = [pytest.mark.integration,  # a real local Ray instance
              pytest.mark.filterwarnings("ignore::DeprecationWarning")]  # Ray's own, about its DataContext


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_engine_equals_local_engine(tmp_path, tiny_tagger_dir, local_ray):
    ids = make_dump(tmp_path / "a.jsonl", 60, seed=5, broken_every=25)
    (tmp_path / "b.csv").write_text('id,text\nc1,"Taliban fighters stormed the airport."\nc2,\n,Police said two people were killed.\n')
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "s1.txt").write_text("Police said at least people were killed.")
    (stories / "s2.txt").write_bytes(b"caf\xe9")  # not UTF-8: rejected
    inputs = (tmp_path / "a.jsonl", tmp_path / "b.csv", stories)

    local = run_batch(BatchConfig(inputs=inputs, output=tmp_path / "local.jsonl", model=tiny_tagger_dir,
                                  progress=False))
    distributed = run_batch(BatchConfig(inputs=inputs, output=tmp_path / "ray_out", model=tiny_tagger_dir, engine="ray",
                                        buffer_size=16, progress=False))

    ray_rows = [json.loads(line) for path in sorted((tmp_path / "ray_out").glob("*.json")) for line in path.read_text().splitlines()]
    local_rows = read_rows(tmp_path / "local.jsonl")
    assert sorted(r["id"] for r in ray_rows) == sorted(r["id"] for r in local_rows)
    assert spans_key(ray_rows) == spans_key(local_rows)
    assert set(ids) <= {r["id"] for r in ray_rows}
    assert (distributed.read, distributed.processed, distributed.rejected) == (local.read, local.processed, local.rejected)
    assert distributed.read == distributed.processed + distributed.rejected
    assert "b:4" in {r["id"] for r in ray_rows}  # a missing id is made up the same way: FILE-STEM:LINE
    rejects = sorted(read_rows(tmp_path / "ray_out.rejects.jsonl"), key=json.dumps)
    assert rejects == sorted(read_rows(tmp_path / "local.rejects.jsonl"), key=json.dumps)  # same files, positions, reasons
