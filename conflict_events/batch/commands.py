"""The ``tag`` and ``extract`` commands: thin typer functions over :func:`run_batch`, sharing
their options through one dataclass, :class:`BatchOptions`."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from conflict_events.app import Articles, ModelDir, check_model, check_writable, command, fail, takes_options


class InputFormatChoice(str, Enum):
    auto = "auto"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    parquet = "parquet"
    txt = "txt"
    hf = "hf"


class EngineChoice(str, Enum):
    local = "local"
    ray = "ray"


class AllocatorChoice(str, Enum):
    auto = "auto"
    jemalloc = "jemalloc"
    system = "system"


class EventBuilderChoice(str, Enum):
    screened = "screened"
    auto = "auto"
    layer = "layer"
    rules = "rules"


class OutputFormatChoice(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@dataclass(frozen=True)
class BatchOptions:
    """The options ``tag`` and ``extract`` share, declared once (typer reads the annotations)."""

    inputs: Articles
    model: ModelDir
    input_format: Annotated[InputFormatChoice, typer.Option(help="Format of the inputs; auto: from each file name.")] = InputFormatChoice.auto
    text_field: Annotated[str, typer.Option(help="Field (JSON key or column) holding the article text.")] = "text"
    id_field: Annotated[str, typer.Option(help="Field holding the article id (missing: FILE-STEM:LINE).")] = "id"
    date_field: Annotated[str, typer.Option(help="Field holding the publication date (YYYY-MM-DD).")] = "date"
    resume: Annotated[bool, typer.Option("--resume", help="Continue an interrupted run: keep the finished chunks in OUTPUT.parts/ and skip their articles.")] = False
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace a finished OUTPUT, or the finished chunks of an interrupted run, instead of refusing.")] = False
    engine: Annotated[EngineChoice, typer.Option(help="local: threads on this machine; ray: Ray Data (a running cluster when RAY_ADDRESS is set, else a local one); OUTPUT is then a folder.")] = EngineChoice.local
    batch_size: Annotated[int, typer.Option(help="Windows per forward pass.")] = 32
    buffer_size: Annotated[int, typer.Option(help="Articles tokenized together and sorted by length before batching.")] = 256
    chunk_size: Annotated[int, typer.Option(help="At most this many input records per output part (the unit of --resume).")] = 1000
    chunk_seconds: Annotated[float, typer.Option(help="A part is also written once it holds this many seconds of work, so an interrupt loses at most about that much.")] = 60.0
    int8: Annotated[bool, typer.Option("--int8", help="Dynamic int8 quantization of the linear layers (CPU only; faster, slightly different scores).")] = False
    backend: Annotated[str, typer.Option(help="Inference backend: auto (bf16 on CPUs with native bf16, else fp32; bf16/fp16 on GPUs), torch (fp32), torch-bf16, torch-int8, onnx (ONNX Runtime fp32, needs the [onnx] extra), onnx-int8. BENCHMARKS.md has their speed and agreement.")] = "auto"
    bf16: Annotated[bool, typer.Option("--bf16", help="bfloat16 on CPU: about 2x faster on CPUs with AMX or AVX-512 BF16 (slower elsewhere), slightly different scores. GPUs use bf16/fp16 anyway.")] = False
    rejects: Annotated[Optional[Path], typer.Option(help="JSONL of rejected records {file, position, unit, reason}. Default: OUTPUT's name + .rejects.jsonl.", show_default=False)] = None
    device: Annotated[str, typer.Option(help="auto (CUDA when present), cpu, cuda, cuda:1, ...")] = "auto"
    ray_actors: Annotated[Optional[int], typer.Option(help="Tagger actors for --engine ray (default: one per GPU, or CPUs - 1).", show_default=False)] = None
    allocator: Annotated[AllocatorChoice, typer.Option(help="Memory allocator for --engine local. auto: restart once under jemalloc when it is installed (Debian: libjemalloc2), which keeps peak memory flat on long dumps and runs faster (BENCHMARKS.md); system: the C library's malloc.")] = AllocatorChoice.auto

    def config(self, task: str, output: Path, **extra):
        """The run's ``BatchConfig``; an option it refuses ends the command with the reason."""
        from conflict_events.batch.config import BatchConfig
        from conflict_events.inputs import Fields

        try:
            return BatchConfig(
                inputs=tuple(self.inputs), model=self.model, output=output, task=task, input_format=self.input_format.value,
                fields=Fields(text=self.text_field, id=self.id_field, date=self.date_field), resume=self.resume,
                overwrite=self.overwrite, engine=self.engine.value, batch_size=self.batch_size, buffer_size=self.buffer_size,
                chunk_size=self.chunk_size, chunk_seconds=self.chunk_seconds, quantize_int8=self.int8, cpu_bf16=self.bf16, backend=self.backend,
                rejects=self.rejects, device=self.device, ray_actors=self.ray_actors, **extra)
        except ValueError as error:
            fail(str(error))


def _print_reject(rejected) -> None:
    from tqdm import tqdm

    tqdm.write(f"rejected {rejected}", file=sys.stderr)


def _choose_allocator(choice: AllocatorChoice, engine: EngineChoice) -> None:
    """May restart the process under jemalloc, so it runs before anything heavy is imported."""
    from conflict_events.batch.allocator import use_allocator

    if engine is EngineChoice.ray:
        return  # the driver only reads and writes; Ray's own workers hold the model
    typer.echo(f"memory allocator: {use_allocator(choice.value)}", err=True)


def _run(options: BatchOptions, task: str, output: Path, **extra) -> None:
    from conflict_events.batch.chunks import AlreadyFinished
    from conflict_events.batch.pipeline import run_batch

    started = time.perf_counter()
    config = options.config(task, output, **extra)
    _choose_allocator(options.allocator, options.engine)
    check_model(config.model)
    check_writable(config.output if config.engine == "local" else config.output / "part-0")  # ray: OUTPUT is a folder
    check_writable(config.rejects_path)
    try:
        summary = run_batch(config, on_reject=_print_reject, started=started)
    except AlreadyFinished as finished:
        typer.echo(str(finished), err=True)
        raise typer.Exit(0)
    except KeyboardInterrupt:
        hint = f"finished chunks are kept in {config.parts_dir}; run the same command with --resume to continue"
        fail(f"interrupted; {hint}" if config.engine == "local" else "interrupted", 130)
    typer.echo(summary.line(), err=True)
    if summary.rejected:
        typer.echo(f"{summary.rejected} rejected records listed in {summary.rejects}", err=True)


@command()
@takes_options(BatchOptions)
def tag(
    options: BatchOptions,
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL to write, one {id, spans: [{start, end, label, text, score}]} per article, in input order (a folder with --engine ray).", show_default=False)],
) -> None:
    """Tag articles with a trained model, streaming any size of dump. Bad records are reported and
    skipped, never lost: the run ends with a summary of records read, tagged and rejected."""
    _run(options, "tag", output)


@command()
@takes_options(BatchOptions)
def extract(
    options: BatchOptions,
    output: Annotated[Path, typer.Option("--output", "-o", help="Events file to write, one row per event, in input order (a folder with --engine ray).", show_default=False)],
    output_format: Annotated[OutputFormatChoice, typer.Option("--format", help="Events file format.")] = OutputFormatChoice.jsonl,
    merge: Annotated[bool, typer.Option("--merge", help="Merge reports of the same event from different articles into one row.")] = False,
    events: Annotated[EventBuilderChoice, typer.Option("--events", help="Who assembles events from the spans: screened (the hand rules' records helped by the event layer saved in --model: records its coreference head reads as one event are joined, records whose every trigger it reads as no political violence are dropped, and an article its gate reads as no conflict news gives none; the rules alone, with a notice, for a model without a layer; best in cross-validation, docs/results.md), rules (the hand rules alone), layer (the trained event layer alone), auto (the layer when the model has one, else the rules with a notice).")] = EventBuilderChoice.screened,
    country: Annotated[Optional[str], typer.Option("--country", help="Country of the whole dump (ISO code or name), used for places only where the text does not decide; a record's 'country' field wins.", show_default=False)] = None,
) -> None:
    """Tag articles and assemble their spans into dated, geocoded events; the run ends with a summary
    of records read, processed and rejected, and events found."""
    _run(options, "extract", output, output_format=output_format.value, merge=merge, events=events.value, country=country)
