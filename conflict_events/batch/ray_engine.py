"""``--engine ray``: the same per-article work on Ray Data, for dumps that outgrow one machine.

    one row per input file -> read (tasks): the local engine's own readers (conflict_events.inputs),
      so every record gets the same id, position and rejection as with --engine local
    -> map_batches(_TaggerActor) on an actor pool, one Tagger per actor (a GPU each when there are GPUs)
    -> write_json / write_csv / write_parquet into the OUTPUT folder

Uses the cluster at ``RAY_ADDRESS`` when set, otherwise starts a local Ray. A file is the unit of
parallel reading (reading is cheap next to tagging; split a single huge file to read it on several
workers). Counting rejects costs one extra, model-free pass over the inputs.
"""

from __future__ import annotations

import os
import time
from itertools import islice
from pathlib import Path
from typing import Callable

from conflict_events.batch.config import BatchConfig
from conflict_events.inputs import ROWS_PER_READ, Fields, InputArticle, Rejected, check_inputs, expand_inputs, read_file

RECORD_COLUMNS = ("id", "text", "date", "file", "position", "unit", "reason")


def _record_schema():
    import pyarrow as pa

    return pa.schema([("id", pa.string()), ("text", pa.string()), ("date", pa.string()), ("file", pa.string()),
                      ("position", pa.int64()), ("unit", pa.string()), ("reason", pa.string())])


def record_row(record: InputArticle | Rejected) -> dict:
    """An article or a rejection as one row of the Ray dataset (``reason`` set for a rejection)."""
    if isinstance(record, Rejected):
        return {"id": None, "text": None, "date": None, "file": record.file, "position": record.line,
                "unit": record.unit, "reason": record.reason}
    return {"id": record.id, "text": record.text, "date": record.date, "file": record.file, "position": record.line,
            "unit": record.unit, "reason": None}


def _read_files(fields: Fields):
    def read(table):
        """Each listed file, read by the local engine's reader, a table of rows at a time."""
        import pyarrow as pa

        for path, file_format in zip(table.column("path").to_pylist(), table.column("format").to_pylist()):
            records = read_file(Path(path), file_format, fields)
            while rows := [record_row(r) for r in islice(records, ROWS_PER_READ)]:
                yield pa.Table.from_pylist(rows, schema=_record_schema())

    return read


def read_normalized(config: BatchConfig):
    """All inputs as one Ray dataset of :data:`RECORD_COLUMNS`, a read task per file."""
    import ray

    files = expand_inputs(config.inputs, config.input_format)
    check_inputs(files, config.fields)  # wrong formats fail here, on the driver, with a line number
    if not files:
        return ray.data.from_arrow(_record_schema().empty_table())
    listing = ray.data.from_items([{"path": str(path), "format": file_format} for path, file_format in files],
                                  override_num_blocks=len(files))
    return listing.map_batches(_read_files(config.fields), batch_size=1, batch_format="pyarrow")


class _TaggerActor:
    """Holds one Tagger for the life of a Ray actor; each call tags a batch of articles, sorted by
    length inside the batch exactly as the local engine sorts a buffer."""

    def __init__(self, config: BatchConfig, threads: int | None):
        import torch

        from conflict_events.batch.inference import load_tagger
        from conflict_events.batch.steps import make_step

        if threads:
            torch.set_num_threads(threads)
        self.config = config
        self.tagger = load_tagger(config)
        self.step = make_step(config)

    def __call__(self, table):
        from conflict_events.batch.inference import tag_records

        articles = [InputArticle(id=r["id"], text=r["text"], date=r["date"], file=r["file"], line=r["position"], unit=r["unit"])
                    for r in table.to_pylist()]
        spans = tag_records(self.tagger, articles, self.config.sort_by_length)
        rows = [row for article, found in zip(articles, spans) for row in self.step.rows(article, found)]
        return self.step.table(rows)


def _keep(rejected: bool):
    def select(table):
        import pyarrow.compute as pc

        mask = pc.is_valid(table.column("reason")) if rejected else pc.is_null(table.column("reason"))
        return table.filter(mask)

    return select


def _cluster_plan(config: BatchConfig) -> tuple[int, float, float, int | None]:
    """(actors, GPUs per actor, CPUs per actor, torch threads per actor)."""
    import ray

    resources = ray.cluster_resources()
    gpus = int(resources.get("GPU", 0)) if config.device in ("auto",) or config.device.startswith("cuda") else 0
    cpus = int(resources.get("CPU", 1))
    if gpus:
        return config.ray_actors or gpus, 1.0, 1.0, None
    actors = config.ray_actors or max(1, cpus - 1)  # leave a CPU for reading and writing
    threads = max(1, (cpus - 1) // actors) if cpus > 1 else 1
    return actors, 0.0, float(threads), threads


def run_ray(config: BatchConfig, on_reject: Callable[[Rejected], None] | None = None, started: float | None = None):
    import ray
    from ray.data import ActorPoolStrategy

    from conflict_events.batch.pipeline import BatchSummary
    from conflict_events.batch.steps import make_step, write_rejects
    from conflict_events.model.tagger import check_model_folder

    start = time.perf_counter() if started is None else started
    check_model_folder(config.model)
    step = make_step(config)
    if not ray.is_initialized():
        # ray.init() joins the cluster named by RAY_ADDRESS when it is set, else starts a local one.
        local = not os.environ.get("RAY_ADDRESS")
        ray.init(num_cpus=config.ray_num_cpus if local else None, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = bool(config.progress)
    startup_seconds = time.perf_counter() - start  # Ray started, gazetteer loaded (extract)
    normalized = read_normalized(config)

    # Pass 1 (no model): count records and collect rejections on the driver.
    status = normalized.map_batches(lambda t: t.select(["file", "position", "unit", "reason"]), batch_format="pyarrow",
                                    batch_size=None).materialize()
    read = status.count()
    rejects = []
    for row in status.map_batches(_keep(rejected=True), batch_format="pyarrow", batch_size=None).iter_rows():
        rejected = Rejected(row["file"], row["position"], row["reason"], row["unit"])
        rejects.append(rejected.to_dict())
        if on_reject is not None:
            on_reject(rejected)

    # Pass 2: tag the good records on an actor pool and write through Ray's writer.
    actors, gpus, cpus, threads = _cluster_plan(config)
    tagged = normalized.map_batches(_keep(rejected=False), batch_format="pyarrow", batch_size=None).map_batches(
        _TaggerActor, fn_constructor_args=(config, threads), batch_size=config.buffer_size, batch_format="pyarrow",
        compute=ActorPoolStrategy(size=actors), num_gpus=gpus, num_cpus=cpus,
    )
    output = str(config.output.resolve())
    from ray.data import SaveMode

    if config.output_format == "parquet":
        tagged.write_parquet(output, mode=SaveMode.OVERWRITE)
    elif config.output_format == "csv":
        tagged.write_csv(output, mode=SaveMode.OVERWRITE)
    else:
        tagged.write_json(output, mode=SaveMode.OVERWRITE, force_ascii=False)
    seconds = time.perf_counter() - start
    config.output.mkdir(parents=True, exist_ok=True)  # Ray writes no folder when there are no rows
    write_rejects(config.rejects_path, rejects)
    processed = read - len(rejects)
    rows = processed if config.task == "tag" else _count_rows(config)
    return BatchSummary(
        task=config.task, verb=step.verb, read=read, processed=processed, rejected=len(rejects), rows=rows, tokens=None,
        articles_this_session=processed, seconds=seconds, resumed=0, output=config.output, rejects=config.rejects_path,
        startup_seconds=startup_seconds,
    )


def _count_rows(config: BatchConfig) -> int:
    import ray

    if not any(p.is_file() and not p.name.startswith(".") for p in config.output.iterdir()):
        return 0
    output = str(config.output.resolve())
    reader = {"parquet": ray.data.read_parquet, "csv": ray.data.read_csv}.get(config.output_format)
    if reader is None:
        return ray.data.read_text(output).count()
    return reader(output).count()
