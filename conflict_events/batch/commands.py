"""The ``tag`` and ``extract`` commands: thin typer functions over :func:`run_batch`.

``conflict_events.cli`` registers them; ``python -m conflict_events.batch.commands tag ...`` runs
them on their own. Heavy imports (torch, transformers, ray) happen inside the functions, so
``--help`` stays fast.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer


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


class OutputFormatChoice(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


Inputs = Annotated[list[Path], typer.Argument(
    help="Articles: JSONL/JSON (.gz too), CSV, Parquet, .txt files (one article each), saved `datasets` folders, "
         "or folders of them (searched recursively).", show_default=False)]
ModelOption = Annotated[Path, typer.Option("--model", "-m", help="Folder written by `conflict-events train`.", show_default=False)]
InputFormatOption = Annotated[InputFormatChoice, typer.Option("--input-format", help="Format of the inputs; auto: from each file name.")]
TextField = Annotated[str, typer.Option("--text-field", help="Field (JSON key or column) holding the article text.")]
IdField = Annotated[str, typer.Option("--id-field", help="Field holding the article id (missing: FILE-STEM:LINE).")]
DateField = Annotated[str, typer.Option("--date-field", help="Field holding the publication date (YYYY-MM-DD).")]
ResumeOption = Annotated[bool, typer.Option("--resume", help="Continue an interrupted run: keep the finished chunks in OUTPUT.parts/ and skip their articles.")]
EngineOption = Annotated[EngineChoice, typer.Option("--engine", help="local: threads on this machine; ray: Ray Data (a running cluster when RAY_ADDRESS is set, else a local one); OUTPUT is then a folder.")]
BatchSizeOption = Annotated[int, typer.Option("--batch-size", help="Windows per forward pass.")]
BufferSizeOption = Annotated[int, typer.Option("--buffer-size", help="Articles tokenized together and sorted by length before batching.")]
ChunkSizeOption = Annotated[int, typer.Option("--chunk-size", help="Input records per output part (the unit of --resume).")]
Int8Option = Annotated[bool, typer.Option("--int8", help="Dynamic int8 quantization of the linear layers (CPU only; faster, slightly different scores).")]
Bf16Option = Annotated[bool, typer.Option("--bf16", help="bfloat16 on CPU: about 2x faster on CPUs with AMX or AVX-512 BF16 (slower elsewhere), slightly different scores. GPUs use bf16/fp16 anyway.")]
RejectsOption = Annotated[Optional[Path], typer.Option("--rejects", help="JSONL of rejected records {file, position, unit, reason}. Default: OUTPUT's name + .rejects.jsonl.", show_default=False)]
DeviceOption = Annotated[str, typer.Option("--device", help="auto (CUDA when present), cpu, cuda, cuda:1, ...")]
AllocatorOption = Annotated[AllocatorChoice, typer.Option("--allocator", help="Memory allocator for --engine local. auto: restart once under jemalloc when it is installed (Debian: libjemalloc2), which keeps peak memory flat on long dumps and runs faster (BENCHMARKS.md); system: the C library's malloc.")]
ActorsOption = Annotated[Optional[int], typer.Option("--ray-actors", help="Tagger actors for --engine ray (default: one per GPU, or CPUs - 1).", show_default=False)]


def _fail(message: str, code: int = 1) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _print_reject(rejected) -> None:
    from tqdm import tqdm

    tqdm.write(f"rejected {rejected}", file=sys.stderr)


def _choose_allocator(choice: AllocatorChoice, engine: EngineChoice) -> None:
    """May restart the process under jemalloc, so it runs before anything heavy is imported."""
    from conflict_events.batch.allocator import AllocatorError, use_allocator

    if engine is EngineChoice.ray:
        return  # the driver only reads and writes; Ray's own workers hold the model
    try:
        in_use = use_allocator(choice.value)
    except AllocatorError as error:
        _fail(str(error))
    typer.echo(f"memory allocator: {in_use}", err=True)


def _run(config_kwargs: dict) -> None:
    from conflict_events.batch.chunks import ResumeError
    from conflict_events.batch.config import BatchConfig
    from conflict_events.batch.pipeline import run_batch
    from conflict_events.inputs import InputFormatError
    from conflict_events.model import NotAModelFolder

    try:
        config = BatchConfig(**config_kwargs)
    except ValueError as error:
        _fail(str(error))
    try:
        summary = run_batch(config, on_reject=_print_reject)
    except (NotAModelFolder, InputFormatError, ResumeError, FileNotFoundError) as error:
        _fail(str(error))
    except KeyboardInterrupt:
        hint = f"finished chunks are kept in {config.parts_dir}; run the same command with --resume to continue"
        _fail(f"interrupted; {hint}" if config.engine == "local" else "interrupted", 130)
    typer.echo(summary.line(), err=True)
    if summary.rejected:
        typer.echo(f"{summary.rejected} rejected records listed in {summary.rejects}", err=True)


def _common(inputs, model, output, input_format, text_field, id_field, date_field, resume, engine, batch_size,
            buffer_size, chunk_size, int8, bf16, rejects, device, ray_actors) -> dict:
    from conflict_events.inputs import Fields

    try:
        fields = Fields(text=text_field, id=id_field, date=date_field)
    except ValueError as error:
        _fail(str(error))
    return dict(
        inputs=tuple(inputs), model=model, output=output, input_format=input_format.value, fields=fields, resume=resume,
        engine=engine.value, batch_size=batch_size, buffer_size=buffer_size, chunk_size=chunk_size, quantize_int8=int8, cpu_bf16=bf16,
        rejects=rejects, device=device, ray_actors=ray_actors,
    )


def tag(
    inputs: Inputs,
    model: ModelOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL to write, one {id, spans: [{start, end, label, text, score}]} per article, in input order (a folder with --engine ray).", show_default=False)],
    input_format: InputFormatOption = InputFormatChoice.auto,
    text_field: TextField = "text",
    id_field: IdField = "id",
    date_field: DateField = "date",
    resume: ResumeOption = False,
    engine: EngineOption = EngineChoice.local,
    batch_size: BatchSizeOption = 32,
    buffer_size: BufferSizeOption = 256,
    chunk_size: ChunkSizeOption = 1000,
    int8: Int8Option = False,
    bf16: Bf16Option = False,
    rejects: RejectsOption = None,
    device: DeviceOption = "auto",
    ray_actors: ActorsOption = None,
    allocator: AllocatorOption = AllocatorChoice.auto,
) -> None:
    """Tag articles with a trained model, streaming any size of dump. Bad records are reported and
    skipped, never lost: the run ends with a summary of records read, tagged and rejected."""
    _choose_allocator(allocator, engine)
    _run(_common(inputs, model, output, input_format, text_field, id_field, date_field, resume, engine, batch_size,
                 buffer_size, chunk_size, int8, bf16, rejects, device, ray_actors) | {"task": "tag"})


def extract(
    inputs: Inputs,
    model: ModelOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="Events file to write, one row per event, in input order (a folder with --engine ray).", show_default=False)],
    output_format: Annotated[OutputFormatChoice, typer.Option("--format", help="Events file format.")] = OutputFormatChoice.jsonl,
    merge: Annotated[bool, typer.Option("--merge", help="Merge reports of the same event from different articles into one row.")] = False,
    country: Annotated[Optional[str], typer.Option("--country", help="Country of the whole dump (ISO code or name), used for places only where the text does not decide; a record's 'country' field wins.")] = None,
    input_format: InputFormatOption = InputFormatChoice.auto,
    text_field: TextField = "text",
    id_field: IdField = "id",
    date_field: DateField = "date",
    resume: ResumeOption = False,
    engine: EngineOption = EngineChoice.local,
    batch_size: BatchSizeOption = 32,
    buffer_size: BufferSizeOption = 256,
    chunk_size: ChunkSizeOption = 1000,
    int8: Int8Option = False,
    bf16: Bf16Option = False,
    rejects: RejectsOption = None,
    device: DeviceOption = "auto",
    ray_actors: ActorsOption = None,
    allocator: AllocatorOption = AllocatorChoice.auto,
) -> None:
    """Tag articles and assemble their spans into dated, geocoded events; the run ends with a summary
    of records read, processed and rejected, and events found."""
    _choose_allocator(allocator, engine)
    _run(_common(inputs, model, output, input_format, text_field, id_field, date_field, resume, engine, batch_size,
                 buffer_size, chunk_size, int8, bf16, rejects, device, ray_actors)
         | {"task": "extract", "output_format": output_format.value, "merge": merge, "country": country})


app = typer.Typer(help="Batch tagging and event extraction.", no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False)
app.command("tag")(tag)
app.command("extract")(extract)


if __name__ == "__main__":
    from conflict_events.batch.allocator import allow_reexec

    allow_reexec()
    app()
