"""The CLI layer: how it is wired, what --help shows, and every fault a user can cause ending in one
line and a non-zero exit, never a traceback; finished work is never deleted by a rerun."""

import ast
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflict_events.batch import BatchConfig, run_batch
from conflict_events.cli import app

from conftest import SAMPLE_TEXT, write_jsonl

PACKAGE = Path(__file__).resolve().parents[1] / "conflict_events"
runner = CliRunner()


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
    return names


def test_nothing_imports_the_cli_and_commands_import_only_the_app_module():
    command_modules = {f"conflict_events.{p.parent.name}.commands" for p in PACKAGE.glob("*/commands.py")}
    assert len(command_modules) == 6
    for path in PACKAGE.rglob("*.py"):
        imports = imported_modules(path)
        if path.name != "cli.py":
            assert "conflict_events.cli" not in imports, f"{path} imports the CLI entry module"
        if path.name == "commands.py":
            others = {m for m in imports if any(m == c or m.startswith(c + ".") for c in command_modules)}
            assert not others, f"{path} imports another command module: {others}"
            assert "conflict_events.app" in imports
    assert "conflict_events.app" in imported_modules(PACKAGE / "cli.py")


def test_every_command_is_registered_and_help_shows_flags_and_defaults():
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    assert names == {"validate", "pre-annotate", "import", "suggest", "tag", "extract", "events-gold", "events-eval",
                     "events-merge", "show", "train", "crossval", "evaluate", "train-events"}
    for name in sorted(names):
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0 and "<bool>" not in result.output, result.output
    train = " ".join(runner.invoke(app, ["train", "--help"]).output.split())
    for default in ("--epochs <float> Training epochs. [default: 10.0]", "--learning-rate <float> Peak learning rate. [default: 0.0002]",
                    "[default: 13]", "[default: 1]", "--synthetic / --no-synthetic"):
        assert default in train
    tag = " ".join(runner.invoke(app, ["tag", "--help"]).output.split())
    assert "--batch-size <int> Windows per forward pass. [default: 32]" in tag and "--chunk-seconds" in tag


def assert_one_line(result, *fragments: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip() and not line.startswith(("memory allocator", "\r"))]
    assert len(lines) == 1, result.output
    for fragment in fragments:
        assert fragment in lines[0], result.output


def test_crossval_and_train_on_a_path_that_does_not_exist(tmp_path):
    missing = tmp_path / "nowhere"
    assert_one_line(runner.invoke(app, ["crossval", "--annotations", str(missing)]), str(missing))
    assert_one_line(runner.invoke(app, ["train", "--annotations", str(missing), "--output", str(tmp_path / "m")]), str(missing))
    assert not (tmp_path / "m").exists()


def test_outputs_whose_parent_is_a_file(tmp_path, tiny_tagger_dir, sample_annotations):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    inputs = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": SAMPLE_TEXT}])
    model = ["--model", str(tiny_tagger_dir)]
    for args in (["tag", str(inputs), *model, "--output", str(blocker / "out.jsonl")],
                 ["extract", str(inputs), *model, "--output", str(blocker / "out.csv"), "--format", "csv"],
                 ["show", str(inputs), *model, "--output", str(blocker / "page.html")],
                 ["train", "--annotations", str(sample_annotations), "--output", str(blocker / "model")],
                 ["crossval", "--annotations", str(sample_annotations), "--output", str(blocker / "cv.json")],
                 ["evaluate", *model, "--gold", str(sample_annotations), "--output", str(blocker / "report.json")],
                 ["events-gold", str(sample_annotations), "--output", str(blocker / "events.jsonl")]):
        assert_one_line(runner.invoke(app, args), str(blocker), "a file stands where a folder is needed")


@pytest.fixture
def read_only_dir(tmp_path):
    """A folder nobody may write to: a read-only tmpfs when running as root (root ignores modes), else mode 0555."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() == 0:
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
        if mounted.returncode != 0:
            pytest.skip("running as root without permission to mount a read-only tmpfs")
        yield folder
        subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def test_outputs_on_a_read_only_folder(tmp_path, tiny_tagger_dir, read_only_dir):
    inputs = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": SAMPLE_TEXT}])
    for command in ("tag", "extract"):
        out = read_only_dir / "sub" / "out.jsonl"
        result = runner.invoke(app, [command, str(inputs), "--model", str(tiny_tagger_dir), "--output", str(out)])
        assert_one_line(result, str(read_only_dir))
        assert "Read-only file system" in result.output or "Permission denied" in result.output


def test_a_truncated_weights_file(tmp_path, tiny_tagger_dir, sample_annotations):
    broken = tmp_path / "broken-model"
    shutil.copytree(tiny_tagger_dir, broken)
    weights = broken / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:5000])
    inputs = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": SAMPLE_TEXT}])
    for args in (["tag", str(inputs), "--output", str(tmp_path / "o.jsonl")],
                 ["extract", str(inputs), "--output", str(tmp_path / "e.jsonl")],
                 ["show", str(inputs), "--output", str(tmp_path / "p.html")],
                 ["evaluate", "--gold", str(sample_annotations)],
                 ["suggest", str(inputs)]):
        assert_one_line(runner.invoke(app, [*args, "--model", str(broken)]), str(weights), "truncated or corrupt")


def test_a_bad_events_file(tmp_path, sample_annotations):
    events = tmp_path / "events.jsonl"
    events.write_text('{"event_id": "x"}\n')
    assert_one_line(runner.invoke(app, ["events-merge", str(events), "--output", str(tmp_path / "m.csv")]), f"{events}:1")
    assert_one_line(runner.invoke(app, ["events-eval", str(sample_annotations), "--predicted", str(events)]), f"{events}:1")
    missing = tmp_path / "missing.jsonl"
    assert_one_line(runner.invoke(app, ["events-merge", str(missing), "--output", str(tmp_path / "m.csv")]), str(missing))


def test_a_finished_output_is_kept_and_resume_says_it_is_finished(tmp_path, tiny_tagger_dir):
    inputs = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": SAMPLE_TEXT}])
    out = tmp_path / "out.jsonl"
    args = ["tag", str(inputs), "--model", str(tiny_tagger_dir), "--output", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    finished = out.read_bytes()
    out.write_bytes(finished + b"marker\n")  # so a silent rewrite would show
    assert_one_line(runner.invoke(app, args), f"{out} exists", "--overwrite")
    assert_one_line(runner.invoke(app, [*args, "--resume"]), f"{out} is finished already", code=0)
    assert out.read_bytes() == finished + b"marker\n"
    assert runner.invoke(app, [*args, "--overwrite"]).exit_code == 0 and out.read_bytes() == finished
    assert_one_line(runner.invoke(app, [*args, "--overwrite", "--resume"]), "--resume or --overwrite")


def test_chunks_are_also_cut_by_time(tmp_path, tiny_tagger_dir):
    dump = write_jsonl(tmp_path / "in.jsonl", [{"id": f"a{i}", "text": SAMPLE_TEXT} for i in range(12)])
    config = BatchConfig(inputs=(dump,), output=tmp_path / "out.jsonl", model=tiny_tagger_dir, progress=False,
                         buffer_size=3, chunk_size=1000, chunk_seconds=1e-9, keep_parts=True)
    run_batch(config)
    manifests = sorted(config.parts_dir.glob("chunk-*.done.json"))
    assert len(manifests) == 12  # every record took longer than the limit, so each closed its chunk
    assert [json.loads(m.read_text())["records"] for m in manifests] == [1] * 12


def test_the_summary_time_covers_start_up(tmp_path, tiny_tagger_dir):
    dump = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": SAMPLE_TEXT}])
    config = BatchConfig(inputs=(dump,), output=tmp_path / "events.jsonl", model=tiny_tagger_dir, task="extract", progress=False)
    began = time.perf_counter()
    summary = run_batch(config)
    wall = time.perf_counter() - began
    assert 0 < summary.startup_seconds < summary.seconds <= wall
    assert summary.seconds > 0.9 * wall  # model loading and the gazetteer included
    assert "s of it start-up" in summary.line()


def test_the_long_sequence_warning_is_silenced_where_it_does_not_apply(capfd, caplog):
    """Training checks alignment on whole articles, which never reach the model: the tokenizer's
    "longer than the maximum sequence length ... indexing errors" warning must not show."""
    from transformers import AutoTokenizer

    from conflict_events.model.base_encoder import resolve_base_model
    from conflict_events.training.data import build_features

    from conflict_events.corpus import Article

    tokenizer = AutoTokenizer.from_pretrained(resolve_base_model(None))
    text = " ".join([SAMPLE_TEXT] * 40)
    assert len(tokenizer(text, verbose=False)["input_ids"]) > tokenizer.model_max_length  # the case that used to warn
    build_features([Article(id="long", text=text)], tokenizer, max_length=256, stride=64)
    captured = capfd.readouterr()
    assert "indexing errors" not in captured.err + captured.out + caplog.text


def test_training_on_cpu_raises_no_library_warning(tiny_encoder_dir, sample_annotations, tmp_path, recwarn, capfd):
    """No pin_memory warning on CPU, and no LOAD REPORT table for the new head (MISSING classifier)
    and the unused pooler (UNEXPECTED), which is what fine-tuning an encoder means."""
    import logging

    from conflict_events.training.config import TrainConfig
    from conflict_events.training.train import train

    logged: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = logged.append  # transformers' loggers do not propagate to pytest's caplog
    logging.getLogger("transformers").addHandler(handler)
    try:
        train(TrainConfig(annotations=sample_annotations, output=tmp_path / "m", base_model=str(tiny_encoder_dir),
                          max_steps=1, max_length=32, stride=8))
    finally:
        logging.getLogger("transformers").removeHandler(handler)
    assert [str(w.message) for w in recwarn if "pin_memory" in str(w.message)] == []
    assert [r.getMessage()[:80] for r in logged if "LOAD REPORT" in r.getMessage()] == []
    assert "missing weights" not in capfd.readouterr().err


def test_every_command_names_a_missing_input(tmp_path, tiny_tagger_dir, sample_annotations):
    missing = str(tmp_path / "missing.jsonl")
    out = tmp_path / "out"
    model = ["--model", str(tiny_tagger_dir)]
    for args in (["validate", missing],
                 ["pre-annotate", missing, *model, "--output-dir", str(out)],
                 ["import", missing, "--output", str(out / "a.jsonl")],
                 ["suggest", missing, *model],
                 ["tag", missing, *model, "--output", str(out / "t.jsonl")],
                 ["extract", missing, *model, "--output", str(out / "e.jsonl")],
                 ["events-gold", missing, "--output", str(out / "g.jsonl")],
                 ["events-eval", missing],
                 ["events-merge", missing, "--output", str(out / "m.jsonl")],
                 ["show", missing, "--output", str(out / "p.html")],
                 ["train", "--annotations", missing, "--output", str(out / "model")],
                 ["crossval", "--annotations", missing],
                 ["evaluate", *model, "--gold", missing],
                 ["tag", str(sample_annotations), "--model", missing, "--output", str(out / "t.jsonl")]):
        assert_one_line(runner.invoke(app, args), missing)
    assert not out.exists()


def test_help_does_not_load_torch():
    """``--help`` and argument errors stay fast: no command module imports torch at import time."""
    import sys

    code = "import sys, conflict_events.cli; print(sorted(m for m in ('torch', 'transformers', 'ray') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
