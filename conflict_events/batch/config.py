"""One typed configuration for a batch run; the CLI only fills it in."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from conflict_events.inputs import INPUT_FORMATS, Fields, InputFormat

Task = Literal["tag", "extract"]
Engine = Literal["local", "ray"]
OutputFormat = Literal["jsonl", "csv", "parquet"]


@dataclass(frozen=True)
class BatchConfig:
    """Everything a batch run needs. Sizes are in articles unless named otherwise.

    ``buffer_size`` articles are tokenized together and their windows sorted by length before
    batching, so a forward pass pads little; ``batch_size`` windows go through the model at once;
    ``chunk_size`` articles (or ``chunk_seconds`` of work, whichever comes first) make one output
    part, the unit of resumption.
    """

    inputs: tuple[Path, ...]
    output: Path
    model: Path
    task: Task = "tag"
    input_format: InputFormat = "auto"
    fields: Fields = field(default_factory=Fields)
    output_format: OutputFormat = "jsonl"
    merge: bool = False  # extract: merge reports of the same event across articles
    events: str = "screened"  # extract: screened (the rules' records the layer's type head keeps), rules, layer, auto
    country: str | None = None  # extract: the dump's country, for places the text leaves open (a record's 'country' wins)
    rejects: Path | None = None  # default: OUTPUT's name with ".rejects.jsonl"
    chunk_size: int = 1000
    # A chunk is also written once it holds this much work, so an interrupt loses about that much
    # at most whatever the speed (1000 long articles can take 15 minutes on a 2-core CPU).
    chunk_seconds: float = 60.0
    buffer_size: int = 256
    batch_size: int = 32
    sort_by_length: bool = True  # False only to measure what bucketing buys
    resume: bool = False
    overwrite: bool = False  # replace a finished output or the finished chunks of an interrupted run
    keep_parts: bool = False  # keep OUTPUT.parts/ after combining (for inspection)
    engine: Engine = "local"
    quantize_int8: bool = False
    cpu_bf16: bool = False  # bfloat16 on CPU (fast where the CPU has AMX or AVX-512 BF16)
    backend: str = "auto"  # model/backends.py; --int8 / --bf16 pick the torch ones
    device: str = "auto"
    progress: bool | None = None  # None: a progress bar when stderr is a terminal
    ray_actors: int | None = None  # None: one per GPU, or CPUs - 1 on a CPU-only cluster
    ray_num_cpus: int | None = None  # CPUs for a local Ray instance started here (None: all)

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", tuple(Path(p) for p in self.inputs))
        object.__setattr__(self, "output", Path(self.output))
        object.__setattr__(self, "model", Path(self.model))
        if self.rejects is not None:
            object.__setattr__(self, "rejects", Path(self.rejects))
        if not self.inputs:
            raise ValueError("no inputs given")
        if self.task not in ("tag", "extract"):
            raise ValueError(f"task must be 'tag' or 'extract', not {self.task!r}")
        if self.engine not in ("local", "ray"):
            raise ValueError(f"engine must be 'local' or 'ray', not {self.engine!r}")
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input format must be one of {', '.join(INPUT_FORMATS)}, not {self.input_format!r}")
        if self.output_format not in ("jsonl", "csv", "parquet"):
            raise ValueError(f"output format must be jsonl, csv or parquet, not {self.output_format!r}")
        if self.task == "tag" and self.output_format != "jsonl":
            raise ValueError("tag writes JSON Lines (spans are nested); --format csv|parquet is for extract")
        if self.events not in ("screened", "auto", "layer", "rules"):
            raise ValueError(f"--events must be screened, auto, layer or rules, not {self.events!r}")
        if self.merge and self.task != "extract":
            raise ValueError("--merge only applies to extract")
        if self.resume and self.overwrite:
            raise ValueError("choose --resume or --overwrite, not both")
        if self.chunk_seconds <= 0:
            raise ValueError("chunk_seconds must be > 0")
        if self.country is not None:
            from conflict_events.events.geocode import resolve_country_hint

            resolve_country_hint(self.country)  # --country Narnia fails here, before any record is read
        for name in ("chunk_size", "buffer_size", "batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be >= 1")
        if self.engine == "ray" and self.merge:
            raise ValueError("--merge compares every event with every other, on one machine: use --engine local")
        if self.engine == "ray" and self.resume:
            raise ValueError("--resume is for the local engine; a Ray run retries failed tasks itself")
        if self.quantize_int8 and self.device not in ("auto", "cpu"):
            raise ValueError("int8 dynamic quantization runs on CPU only")
        if self.quantize_int8 and self.cpu_bf16:
            raise ValueError("choose --int8 or --bf16, not both")
        if (self.quantize_int8 or self.cpu_bf16) and self.backend != "auto":
            raise ValueError("--int8 and --bf16 pick a torch backend; do not combine them with --backend")
        from conflict_events.model.backends import BACKENDS  # torch-free module

        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {self.backend!r}")
        if self.ray_actors is not None and self.ray_actors < 1:
            raise ValueError("ray_actors must be >= 1")
        if self.rejects is not None and self.rejects.resolve() == self.output.resolve():
            raise ValueError("the rejects file must differ from the output")
        if self.output.resolve() in {p.resolve() for p in self.inputs}:
            raise ValueError(f"{self.output} is also an input")

    @property
    def parts_dir(self) -> Path:
        """Where finished chunks wait until the run combines them: ``OUTPUT.parts/``."""
        return self.output.with_name(self.output.name + ".parts")

    @property
    def rejects_path(self) -> Path:
        if self.rejects is not None:
            return self.rejects
        name = self.output.name
        for suffix in (".jsonl", ".json", ".csv", ".parquet"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        return self.output.with_name(name + ".rejects.jsonl")

    def fingerprint(self) -> dict:
        """The options that decide what a chunk holds; a resumed run must match them."""
        return {
            "task": self.task, "model": str(self.model.resolve()), "inputs": [str(p.resolve()) for p in self.inputs],
            "input_format": self.input_format, "fields": [self.fields.text, self.fields.id, self.fields.date],
        }
