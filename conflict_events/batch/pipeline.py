"""The local batch engine: three threads in a line, so the model never waits.

    reader/tokenizer thread -> [prepared buffers] -> model (this thread) -> [probabilities] -> writer thread
    read records, cut windows,                        forward passes under       decode spans, build rows,
    sort by length, pad                               torch.inference_mode       write chunks atomically

Queues hold at most two buffers each, so memory is bounded by a few buffers whatever the dump size.
Each article's result lands in exactly one chunk; at the end the chunks are combined, in input order,
into the output, and every rejected record into the rejects file.
"""

from __future__ import annotations

import queue
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator

from conflict_events.batch.chunks import Chunk, Parts, ResumeError, record_key, refuse_to_lose_work
from conflict_events.batch.config import BatchConfig
from conflict_events.batch.inference import PreparedBuffer, decode, load_tagger, prepare, run_model
from conflict_events.batch.steps import make_step, write_rejects
from conflict_events.inputs import InputArticle, Rejected, check_inputs, expand_inputs, read_file

RejectHandler = Callable[[Rejected], None]
_DONE = object()


@lru_cache(maxsize=1)
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        import ctypes

        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc
        return None


def _release_free_memory() -> None:
    """Hand freed heap pages back to the OS (glibc's ``malloc_trim``; a no-op elsewhere). Once per
    buffer: the model's large, variably sized activations leave holes in the heap that otherwise
    count as resident for the rest of the run, so memory would creep up with the dump's length."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@dataclass(frozen=True)
class BatchSummary:
    task: str
    verb: str
    read: int
    processed: int
    rejected: int
    rows: int  # output rows: one per article for tag, one per event for extract
    tokens: int | None  # tokens through the model in this session (windows, special tokens included); None: not counted
    articles_this_session: int
    seconds: float  # the whole run, start-up (model and gazetteer loading) included
    resumed: int  # records skipped because an earlier run had finished them
    output: Path
    rejects: Path
    startup_seconds: float = 0.0  # of ``seconds``: loading the model and the gazetteer, checking the inputs

    def __post_init__(self) -> None:
        if self.read != self.processed + self.rejected:  # the accounting promise of every run
            raise AssertionError(f"read {self.read} != processed {self.processed} + rejected {self.rejected}")

    @property
    def articles_per_second(self) -> float:
        return self.articles_this_session / self.seconds if self.seconds > 0 else 0.0

    @property
    def tokens_per_second(self) -> float | None:
        if self.tokens is None:
            return None
        return self.tokens / self.seconds if self.seconds > 0 else 0.0

    def line(self) -> str:
        counts = f"read {self.read}, {self.verb} {self.processed}, rejected {self.rejected}"
        if self.task == "extract":
            counts += f", events {self.rows}"
        speed = f"{self.articles_per_second:.1f} articles/s"
        if self.tokens_per_second is not None:
            speed += f", {self.tokens_per_second:,.0f} tokens/s"
        speed += f" in {self.seconds:.1f} s"
        speed += f", {self.startup_seconds:.1f} s of it start-up"
        if self.resumed:
            speed += f"; {self.resumed} records resumed from an earlier run"
        return f"{counts} -> {self.output} ({speed})"

    def to_dict(self) -> dict:
        return {"read": self.read, "processed": self.processed, "rejected": self.rejected, "rows": self.rows,
                "tokens": self.tokens, "seconds": round(self.seconds, 3),
                "startup_seconds": round(self.startup_seconds, 3), "resumed": self.resumed,
                "articles_per_second": round(self.articles_per_second, 2),
                "tokens_per_second": None if self.tokens_per_second is None else round(self.tokens_per_second, 1)}


class _Worker(threading.Thread):
    """A daemon thread that keeps the exception that ended it, for the main thread to re-raise."""

    def __init__(self, name: str, target: Callable[[], None]):
        super().__init__(name=name, daemon=True)
        self._target_fn = target
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self._target_fn()
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            self.error = error


class _Stopped(Exception):
    pass


def _put(q: queue.Queue, item: object, stop: threading.Event, consumer: _Worker | None = None) -> None:
    while True:
        if stop.is_set():
            raise _Stopped
        if consumer is not None and consumer.error is not None:
            raise consumer.error
        if consumer is not None and not consumer.is_alive():
            raise RuntimeError(f"{consumer.name} thread ended early")
        try:
            q.put(item, timeout=0.1)
            return
        except queue.Full:
            continue


def _get(q: queue.Queue, producer: _Worker) -> object:
    while True:
        try:
            return q.get(timeout=0.1)
        except queue.Empty:
            if producer.error is not None:
                raise producer.error
            if not producer.is_alive() and q.empty():
                raise RuntimeError(f"{producer.name} thread ended without finishing")


def _skip_finished(records: Iterator[InputArticle | Rejected], parts: Parts) -> Iterator[InputArticle | Rejected]:
    """Drop the records the finished chunks cover, checking the last one is the record they ended on."""
    count = parts.done_records
    if count == 0:
        return records
    deque(islice(records, count - 1), maxlen=0)  # consume without keeping
    last = next(records, None)
    if last is None or record_key(last) != parts.last_key:
        found = "the end of the input" if last is None else str(record_key(last))
        raise ResumeError(
            f"the inputs changed since the interrupted run: record {count} was {parts.last_key}, now {found}; "
            "run without --resume to start over"
        )
    return records


class _Progress:
    """A tqdm bar in articles (advanced smoothly by tokens within a buffer) with tokens/s beside it."""

    def __init__(self, enabled: bool | None, resumed: int):
        from tqdm import tqdm

        self.bar = tqdm(unit="article", disable=None if enabled is None else not enabled, file=sys.stderr, dynamic_ncols=True,
                        desc="tagging" if not resumed else f"tagging (resumed after {resumed} records)",
                        bar_format="{desc}: {n:,.0f} articles [{elapsed}, {rate_fmt}{postfix}]")
        self.tokens = 0
        self.start = time.perf_counter()
        self.last_postfix = 0.0

    def batch_done(self, tokens: int, articles_share: float) -> None:
        self.tokens += tokens
        self.bar.update(articles_share)
        now = time.perf_counter()
        if now - self.last_postfix > 0.5:
            self.bar.set_postfix_str(f"{self.tokens / max(now - self.start, 1e-9):,.0f} tokens/s", refresh=False)
            self.last_postfix = now

    def buffer_done(self, articles_so_far: int) -> None:
        self.bar.update(articles_so_far - self.bar.n)  # back to the exact count

    def write(self, message: str) -> None:
        self.bar.write(message, file=sys.stderr)

    def close(self) -> None:
        self.bar.close()


def run_batch(config: BatchConfig, on_reject: RejectHandler | None = None, started: float | None = None) -> BatchSummary:
    """Run ``config`` on the engine it names; the summary's counts cover the whole input, resumed
    parts included, and its time the whole run from ``started`` (a ``time.perf_counter()``; default now)."""
    started = time.perf_counter() if started is None else started
    refuse_to_lose_work(config)
    if config.engine == "ray":
        from conflict_events.batch.ray_engine import run_ray

        return run_ray(config, on_reject, started)
    return run_local(config, on_reject, started)


def run_local(config: BatchConfig, on_reject: RejectHandler | None = None, started: float | None = None) -> BatchSummary:
    started = time.perf_counter() if started is None else started
    files = expand_inputs(config.inputs, config.input_format)
    check_inputs(files, config.fields)  # a file in the wrong format fails now, not hours in
    tagger = load_tagger(config)
    step = make_step(config)
    config.output.parent.mkdir(parents=True, exist_ok=True)
    parts = Parts.open(config.parts_dir, config.fingerprint(), config.resume, config.overwrite)
    resumed = parts.done_records

    stop = threading.Event()
    prepared_q: queue.Queue = queue.Queue(maxsize=1)
    decoded_q: queue.Queue = queue.Queue(maxsize=1)
    progress = _Progress(config.progress, resumed)

    def records() -> Iterator[InputArticle | Rejected]:
        for path, file_format in files:
            yield from read_file(path, file_format, config.fields)

    def read_and_prepare() -> None:
        stream = _skip_finished(records(), parts)
        first = resumed
        while True:
            buffer = list(islice(stream, config.buffer_size))
            if not buffer:
                break
            _put(prepared_q, prepare(tagger, first, buffer, config.sort_by_length), stop)
            first += len(buffer)
        _put(prepared_q, _DONE, stop)

    def decode_and_write() -> None:
        chunk = Chunk(parts.next_index, resumed)
        chunk_started = time.perf_counter()
        while True:
            item = decoded_q.get()
            if item is _DONE:
                break
            prepared, probabilities = item
            spans = iter(decode(tagger, prepared, probabilities))
            tokens = prepared.tokens
            for record in prepared.records:
                if isinstance(record, Rejected):
                    chunk.add_rejected(record)
                    if on_reject is not None:
                        on_reject(record)
                else:
                    chunk.add_article(record, step.rows(record, next(spans)))
                chunk.tokens += tokens  # the buffer's tokens go to the chunk holding its first record
                tokens = 0
                if chunk.records == config.chunk_size or time.perf_counter() - chunk_started >= config.chunk_seconds:
                    parts.write(chunk)
                    chunk = Chunk(parts.next_index, chunk.first_record + chunk.records)
                    chunk_started = time.perf_counter()
        if chunk.records:
            parts.write(chunk)

    reader = _Worker("reader", read_and_prepare)
    writer = _Worker("writer", decode_and_write)
    startup_seconds = time.perf_counter() - started
    tokens = articles = 0
    reader.start()
    writer.start()
    try:
        while True:
            item = _get(prepared_q, reader)
            if item is _DONE:
                break
            prepared: PreparedBuffer = item  # type: ignore[assignment]
            count = len(prepared.articles)
            total_tokens = max(prepared.tokens, 1)
            probabilities = run_model(tagger, prepared, lambda b: progress.batch_done(b.tokens, count * b.tokens / total_tokens))
            tokens += prepared.tokens
            articles += count
            progress.buffer_done(articles)
            _release_free_memory()
            _put(decoded_q, (prepared, probabilities), stop, writer)
        _put(decoded_q, _DONE, stop, writer)
        while writer.is_alive():
            writer.join(timeout=0.1)
        if writer.error is not None:
            raise writer.error
    except BaseException:
        stop.set()
        raise
    finally:
        progress.close()
    step.combine(parts, config)
    write_rejects(config.rejects_path, parts.rejects())
    totals = parts.totals()
    if not config.keep_parts:
        parts.remove()
    seconds = time.perf_counter() - started
    return BatchSummary(
        task=config.task, verb=step.verb, read=totals["records"], processed=totals["processed"], rejected=totals["rejected"],
        rows=totals["rows"], tokens=tokens, articles_this_session=articles, seconds=seconds, resumed=resumed,
        output=config.output, rejects=config.rejects_path, startup_seconds=startup_seconds,
    )
