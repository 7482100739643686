"""``--engine ray``: the same per-article work on Ray Data, for dumps that outgrow one machine.

    Ray readers (read_text / read_json / read_csv / read_parquet / read_binary_files / from_huggingface)
      -> normalize (tasks): one schema {id, text, date, file, reason}; a bad record gets a reason
      -> map_batches(_TaggerActor) on an actor pool, one Tagger per actor (a GPU each when there are GPUs)
      -> write_json / write_csv / write_parquet into the OUTPUT folder

Uses the cluster at ``RAY_ADDRESS`` when set, otherwise starts a local Ray. Ray's readers do not
give line numbers, so a rejected record is named by its file only, and a record without an id is
rejected (the local engine's ``FILE-STEM:LINE`` fallback needs a line). Counting rejects costs one
extra, model-free pass over the inputs.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Callable

from conflict_events.batch.config import BatchConfig
from conflict_events.inputs import Fields, InputFormatError, Rejected, check_inputs, expand_inputs, file_stem, load_saved_dataset

NORMALIZED_COLUMNS = ("id", "text", "date", "file", "reason")
NO_ID = "no id (required with --engine ray, whose readers give no line numbers to build one from)"


def _normalized_schema():
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in NORMALIZED_COLUMNS])


def _clean_value(value: object) -> object:
    """Pandas turns missing JSON fields into NaN; treat those as missing."""
    if isinstance(value, float) and value != value:
        return None
    return value


def normalize_record(record: dict, file: str, fields: Fields) -> dict:
    """One input row -> ``{id, text, date, file, reason}``; ``reason`` is set when it is rejected.
    The same rules as :func:`conflict_events.inputs.record_to_article`, without line numbers."""
    text = _clean_value(record.get(fields.text))
    identifier = _clean_value(record.get(fields.id))
    date = _clean_value(record.get(fields.date))
    row = {"id": None, "text": None, "date": None, "file": file, "reason": None}
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            return row | {"reason": f"{fields.text!r} is not valid UTF-8 at byte {error.start}"}
    if not isinstance(text, str):
        return row | {"reason": f"missing {fields.text!r} (a string)"}
    if isinstance(identifier, bytes):
        identifier = identifier.decode("utf-8", "replace")
    if identifier is None or identifier == "" or isinstance(identifier, (dict, list, bool)):
        return row | {"reason": NO_ID}
    if isinstance(date, bytes):
        date = date.decode("utf-8", "replace")
    return row | {"id": str(identifier), "text": text, "date": date if isinstance(date, str) and date.strip() else None}


def _normalize_json_lines(fields: Fields):
    def normalize(table):
        import pyarrow as pa

        rows = []
        for line, path in zip(table.column("text").to_pylist(), table.column("path").to_pylist()):
            raw = line.encode("latin-1")  # read as latin-1, so every byte survives; decode strictly here
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError as error:
                rows.append({"id": None, "text": None, "date": None, "file": path, "reason": f"not valid UTF-8 at byte {error.start}"})
                continue
            except json.JSONDecodeError as error:
                rows.append({"id": None, "text": None, "date": None, "file": path, "reason": f"malformed JSON: {error.msg} at column {error.colno}"})
                continue
            if not isinstance(record, dict):
                rows.append({"id": None, "text": None, "date": None, "file": path, "reason": "record is not a JSON object"})
                continue
            rows.append(normalize_record(record, path, fields))
        return pa.Table.from_pylist(rows, schema=_normalized_schema())

    return normalize


def _normalize_table(fields: Fields, file: str | None = None):
    def normalize(table):
        import pyarrow as pa

        paths = table.column("path").to_pylist() if file is None else [file] * table.num_rows
        records = table.select([c for c in table.column_names if c != "path"]).to_pylist()
        rows = [normalize_record(record, path, fields) for record, path in zip(records, paths)]
        return pa.Table.from_pylist(rows, schema=_normalized_schema())

    return normalize


def _normalize_text_files(table):
    import pyarrow as pa

    rows = []
    for data, path in zip(table.column("bytes").to_pylist(), table.column("path").to_pylist()):
        row = {"id": file_stem(path), "text": None, "date": None, "file": path, "reason": None}
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            rows.append(row | {"id": None, "reason": f"not valid UTF-8 at byte {error.start}"})
            continue
        rows.append(row | ({"text": text} if text.strip() else {"id": None, "reason": "file is empty"}))
    return pa.Table.from_pylist(rows, schema=_normalized_schema())


def _first_char(path: Path) -> str:
    import gzip

    opener = gzip.open if path.suffix.lower() == ".gz" else open
    with opener(path, "rb") as stream:
        return stream.read(4096).decode("utf-8-sig", errors="replace").lstrip()[:1]


def read_normalized(config: BatchConfig):
    """All inputs as one Ray dataset of ``{id, text, date, file, reason}``, read by Ray's readers."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import ray

    files = expand_inputs(config.inputs, config.input_format)
    check_inputs(files, config.fields)  # wrong formats fail here, on the driver, with a line number
    fields = config.fields
    wanted = [fields.id, fields.text, fields.date]
    datasets = []
    for path, file_format in files:
        name = str(path)
        if file_format == "jsonl" or (file_format == "json" and _first_char(path) != "["):
            ds = ray.data.read_text(name, encoding="latin-1", include_paths=True)
            datasets.append(ds.map_batches(_normalize_json_lines(fields), batch_format="pyarrow", batch_size=None))
        elif file_format == "json":
            ds = ray.data.read_json(name, include_paths=True)
            datasets.append(ds.map_batches(_normalize_table(fields), batch_format="pyarrow", batch_size=None))
        elif file_format == "csv":
            tsv = ".tsv" in [s.lower() for s in path.suffixes]
            ds = ray.data.read_csv(
                name, include_paths=True,
                parse_options=pacsv.ParseOptions(delimiter="\t" if tsv else ",", newlines_in_values=True),
                convert_options=pacsv.ConvertOptions(include_columns=wanted, include_missing_columns=True,
                                                     column_types={c: pa.binary() for c in wanted}),
            )
            datasets.append(ds.map_batches(_normalize_table(fields), batch_format="pyarrow", batch_size=None))
        elif file_format == "parquet":
            import pyarrow.parquet as pq

            present = [c for c in wanted if c in pq.ParquetFile(path).schema_arrow.names]
            ds = ray.data.read_parquet(name, columns=present, include_paths=True)
            datasets.append(ds.map_batches(_normalize_table(fields), batch_format="pyarrow", batch_size=None))
        elif file_format == "txt":
            ds = ray.data.read_binary_files(name, include_paths=True)
            datasets.append(ds.map_batches(_normalize_text_files, batch_format="pyarrow", batch_size=None))
        elif file_format == "hf":
            for split, dataset in load_saved_dataset(path).items():
                present = [c for c in wanted if c in dataset.column_names]
                ds = ray.data.from_huggingface(dataset.select_columns(present))
                file = f"{path}[{split}]" if split else name
                datasets.append(ds.map_batches(_normalize_table(fields, file), batch_format="pyarrow", batch_size=None))
        else:
            raise InputFormatError(f"{path}: format {file_format!r} is not readable with --engine ray")
    if not datasets:
        return ray.data.from_arrow(_normalized_schema().empty_table())
    return datasets[0].union(*datasets[1:]) if len(datasets) > 1 else datasets[0]


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
        from conflict_events.inputs import InputArticle

        articles = [InputArticle(id=r["id"], text=r["text"], date=r["date"], file=r["file"], line=0, unit="row")
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


def run_ray(config: BatchConfig, on_reject: Callable[[Rejected], None] | None = None):
    import ray
    from ray.data import ActorPoolStrategy

    from conflict_events.batch.pipeline import BatchSummary
    from conflict_events.batch.steps import make_step, write_rejects
    from conflict_events.model.tagger import check_model_folder

    check_model_folder(config.model)
    step = make_step(config)
    if not ray.is_initialized():
        # ray.init() joins the cluster named by RAY_ADDRESS when it is set, else starts a local one.
        local = not os.environ.get("RAY_ADDRESS")
        ray.init(num_cpus=config.ray_num_cpus if local else None, include_dashboard=False, log_to_driver=False)
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = bool(config.progress)
    start = time.perf_counter()
    normalized = read_normalized(config)

    # Pass 1 (no model): count records and collect rejections on the driver.
    status = normalized.map_batches(lambda t: t.select(["file", "reason"]), batch_format="pyarrow", batch_size=None).materialize()
    read = status.count()
    rejects = []
    for row in status.map_batches(_keep(rejected=True), batch_format="pyarrow", batch_size=None).iter_rows():
        rejected = Rejected(row["file"], 0, row["reason"], "file")
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
