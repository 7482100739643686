"""Reading articles to tag, as a stream: memory stays flat whatever the size of the dump.

Formats (picked from the file name unless declared):

* ``jsonl`` -- one JSON object per line (``.jsonl``, ``.ndjson``; ``.gz`` too);
* ``json`` -- a JSON array of objects, or JSON Lines under a ``.json`` name (``.gz`` too);
* ``csv`` -- a header row then one article per row (``.csv``, ``.tsv``; ``.gz`` too);
* ``parquet`` -- read a row group at a time;
* ``txt`` -- one article per ``.txt`` file, its id the file name without suffix;
* ``hf`` -- a folder written by ``datasets.Dataset.save_to_disk`` (a ``DatasetDict`` too).

Folders are searched recursively for files of those kinds, in sorted order; a folder that is a
saved dataset is read as one. ``text_field``, ``id_field`` and ``date_field`` name the columns.

Bad records never vanish: each becomes a :class:`Rejected` naming its file, position and reason,
and the caller counts it. A file that is not in its format at all (its first record does not
parse, the CSV header lacks the text column, the Parquet footer is missing) raises
:class:`InputFormatError` naming the file and line instead, before any of it is processed.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Iterable, Iterator, Literal

InputFormat = Literal["auto", "jsonl", "json", "csv", "parquet", "txt", "hf"]
INPUT_FORMATS: tuple[str, ...] = ("auto", "jsonl", "json", "csv", "parquet", "txt", "hf")

# file suffix (after removing .gz) -> format
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".tsv": "csv",
                  ".parquet": "parquet", ".pq": "parquet", ".txt": "txt"}
HF_MARKERS = ("dataset_info.json", "state.json", "dataset_dict.json")
ROWS_PER_READ = 1024  # rows per Parquet / dataset batch: bounded memory, few Python calls


class InputFormatError(ValueError):
    """A file is not in the declared (or inferred) format; the message names the first bad line."""


@dataclass(frozen=True)
class InputArticle:
    id: str
    text: str
    date: str | None = None
    file: str = ""
    line: int = 0  # the position in ``file``: a line number, or a row number when ``unit == "row"``
    extra: dict = field(default_factory=dict, compare=False)
    unit: str = "line"

    @property
    def position(self) -> str:
        return position_text(self.file, self.line, self.unit)


@dataclass(frozen=True)
class Rejected:
    file: str
    line: int
    reason: str
    unit: str = "line"  # "line" (JSON Lines, JSON, CSV), "row" (Parquet, datasets) or "file" (.txt)

    def __str__(self) -> str:
        return f"{position_text(self.file, self.line, self.unit)}: {self.reason}"

    def to_dict(self) -> dict:
        return {"file": self.file, "position": self.line, "unit": self.unit, "reason": self.reason}


def position_text(file: str, number: int, unit: str) -> str:
    if unit == "line":
        return f"{file}:{number}"
    if unit == "file":
        return file
    return f"{file}:{unit} {number}"


@dataclass(frozen=True)
class Fields:
    """Which record fields (JSON keys, CSV / Parquet / dataset columns) hold what."""

    text: str = "text"
    id: str = "id"
    date: str = "date"

    def __post_init__(self) -> None:
        names = (self.text, self.id, self.date)
        if not all(isinstance(n, str) and n for n in names):
            raise ValueError("text, id and date field names must be non-empty strings")
        if len(set(names)) != 3:
            raise ValueError(f"text, id and date fields must differ (got {names})")


# ---------------------------------------------------------------------------------------------
# Which files, in which format


def is_saved_dataset(path: Path) -> bool:
    return path.is_dir() and any((path / marker).is_file() for marker in HF_MARKERS)


def format_of(path: Path, declared: InputFormat = "auto") -> str:
    """The format of one input file or saved-dataset folder."""
    if declared != "auto":
        return declared
    if is_saved_dataset(path):
        return "hf"
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[suffixes[-1]]
    raise InputFormatError(
        f"{path}: cannot tell the format from the name; name it .jsonl, .json, .csv, .parquet or .txt "
        f"(optionally .gz), or pass --input-format"
    )


def _known_suffix(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return bool(suffixes) and suffixes[-1] in SUFFIX_FORMATS


def expand_inputs(paths: Iterable[Path], input_format: InputFormat = "auto") -> list[tuple[Path, str]]:
    """``(file, format)`` for every input: files as given (in order); folders become the files in
    them (recursively, sorted) whose kind is known, or the whole folder when it is a saved dataset."""
    found: list[tuple[Path, str]] = []
    for path in map(Path, paths):
        if not path.exists():
            raise FileNotFoundError(f"{path}: no such file or folder")
        if path.is_dir() and (input_format == "hf" or (input_format == "auto" and is_saved_dataset(path))):
            found.append((path, "hf"))
        elif path.is_dir():
            found += _walk(path, input_format)
        else:
            found.append((path, format_of(path, input_format)))
    return found


def _walk(folder: Path, input_format: InputFormat) -> list[tuple[Path, str]]:
    """Files under ``folder`` in sorted order; saved datasets inside it are read whole, hidden
    files and folders are skipped."""
    found: list[tuple[Path, str]] = []
    for child in sorted(folder.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            found += [(child, "hf")] if input_format in ("auto", "hf") and is_saved_dataset(child) else _walk(child, input_format)
        elif input_format == "auto" and _known_suffix(child):
            found.append((child, format_of(child)))
        elif input_format not in ("auto", "hf") and (input_format != "txt" or child.suffix == ".txt"):
            found.append((child, input_format))
    return found


def _open_binary(path: Path) -> IO[bytes]:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


# ---------------------------------------------------------------------------------------------
# Records -> articles


def record_to_article(record: object, file: str, line: int, id_field: str = "id", text_field: str = "text",
                      date_field: str = "date", unit: str = "line") -> InputArticle | Rejected:
    if not isinstance(record, dict):
        return Rejected(file, line, "record is not a JSON object", unit)
    text = record.get(text_field)
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as error:
            return Rejected(file, line, f"{text_field!r} is not valid UTF-8 at byte {error.start}", unit)
    if not isinstance(text, str):
        return Rejected(file, line, f"missing {text_field!r} (a string)", unit)
    if not text.strip():
        return Rejected(file, line, f"{text_field!r} is blank", unit)
    identifier = record.get(id_field)
    if identifier is None or identifier == "" or isinstance(identifier, (dict, list, bool)):
        identifier = f"{file_stem(file)}:{line}"  # a stable id from the position when none is given
    date = record.get(date_field)
    return InputArticle(
        id=str(identifier), text=text, date=date if isinstance(date, str) and date.strip() else None,
        file=file, line=line, unit=unit,
        extra={k: v for k, v in record.items() if k not in (id_field, text_field, date_field)},
    )


def file_stem(file: str) -> str:
    """``data/dump.jsonl.gz`` -> ``dump``; ``data/ds[train]`` -> ``ds[train]``."""
    name = Path(file).name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    return Path(name).stem


def read_text_file(path: Path) -> InputArticle | Rejected:
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        return Rejected(str(path), 0, f"not valid UTF-8 at byte {error.start}", "file")
    if not text.strip():
        return Rejected(str(path), 0, "file is empty", "file")
    return InputArticle(id=path.stem, text=text, file=str(path), unit="file")


def _parse_json_line(raw: bytes, number: int, file: str) -> tuple[object, str | None]:
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as error:
        return None, f"not valid UTF-8 at byte {error.start}"
    try:
        return json.loads(line), None
    except json.JSONDecodeError as error:
        return None, f"malformed JSON: {error.msg} at column {error.colno}"


def read_jsonl(path: Path, fields: Fields = Fields()) -> Iterator[InputArticle | Rejected]:
    """One record per line, read line by line. The first non-blank line must parse, or the file is
    not JSON Lines at all (:class:`InputFormatError`); later bad lines are rejected one by one."""
    file = str(path)
    first = True
    try:
        with _open_binary(path) as stream:
            for number, raw in enumerate(stream, start=1):
                if not raw.strip():
                    continue
                record, problem = _parse_json_line(raw, number, file)
                if problem is not None:
                    if first:
                        raise InputFormatError(f"{file}:{number}: not JSON Lines ({problem}); pass --input-format if it is another format")
                    yield Rejected(file, number, problem)
                    continue
                first = False
                yield record_to_article(record, file, number, fields.id, fields.text, fields.date)
    except (gzip.BadGzipFile, EOFError, OSError) as error:
        if isinstance(error, FileNotFoundError):
            raise
        raise InputFormatError(f"{file}: cannot read: {error}") from error


def _first_char(path: Path) -> str:
    with _open_binary(path) as stream:
        head = stream.read(4096).decode("utf-8-sig", errors="replace").lstrip()
    return head[:1]


def read_json(path: Path, fields: Fields = Fields()) -> Iterator[InputArticle | Rejected]:
    """A ``.json`` file: a JSON array of records (streamed element by element), or JSON Lines."""
    try:
        first = _first_char(path)
    except (gzip.BadGzipFile, EOFError, OSError) as error:
        raise InputFormatError(f"{path}: cannot read: {error}") from error
    if first == "[":
        yield from _read_json_array(path, fields)
    elif first in ("{", ""):
        yield from read_jsonl(path, fields)
    else:
        raise InputFormatError(f"{path}:1: not JSON (expected an array '[' or an object '{{', found {first!r})")


def _read_json_array(path: Path, fields: Fields) -> Iterator[InputArticle | Rejected]:
    """Stream the elements of a top-level JSON array with the standard library's decoder
    (``raw_decode`` one element at a time), so a multi-GB array never sits in memory. A syntax or
    encoding error breaks the array for good, so it raises, naming the line."""
    file = str(path)
    decoder = json.JSONDecoder()
    utf8 = codecs.getincrementaldecoder("utf-8-sig")()
    with _open_binary(path) as stream:
        buffer, cursor, line, eof = "", 0, 1, False  # line: the line number at ``cursor``

        def more() -> bool:
            nonlocal buffer, cursor, eof
            if eof:
                return False
            chunk = stream.read(1 << 20)
            try:
                text = utf8.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                raise InputFormatError(f"{file}:{line + buffer.count(chr(10), cursor)}: not valid UTF-8") from error
            eof = not chunk
            buffer = buffer[cursor:] + text
            cursor = 0
            return True

        def skip_space() -> str:
            nonlocal cursor, line
            while True:
                while cursor < len(buffer) and buffer[cursor] in " \t\r\n":
                    line += buffer[cursor] == "\n"
                    cursor += 1
                if cursor < len(buffer) or not more():
                    return buffer[cursor] if cursor < len(buffer) else ""

        def bad(expected: str) -> InputFormatError:
            found = buffer[cursor : cursor + 20]
            return InputFormatError(f"{file}:{line}: malformed JSON array: expected {expected}, found {found!r}")

        if skip_space() != "[":
            raise bad("'['")
        cursor += 1
        if skip_space() == "]":
            return
        while True:
            skip_space()
            while True:
                try:
                    record, end = decoder.raw_decode(buffer, cursor)
                    break
                except json.JSONDecodeError as error:
                    if not more():
                        raise InputFormatError(f"{file}:{line + buffer.count(chr(10), cursor, error.pos)}: malformed JSON: {error.msg}") from error
            start_line = line
            line += buffer.count("\n", cursor, end)
            cursor = end
            yield record_to_article(record, file, start_line, fields.id, fields.text, fields.date)
            separator = skip_space()
            if separator == "]":
                return
            if separator != ",":
                raise bad("',' or ']'")
            cursor += 1


def read_csv(path: Path, fields: Fields = Fields()) -> Iterator[InputArticle | Rejected]:
    """Rows of a CSV (or TSV) file with a header. Read with the standard ``csv`` module, which
    streams, allows newlines inside quoted values, and knows the physical line of each row
    (pyarrow's streaming CSV reader loses line numbers once values may hold newlines)."""
    file = str(path)
    csv.field_size_limit(sys.maxsize)
    delimiter = "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","
    try:
        binary = _open_binary(path)
        stream = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="surrogateescape", newline="")
    except OSError as error:
        raise InputFormatError(f"{file}: cannot read: {error}") from error
    with stream:
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        try:
            header = next(reader, None)
        except (csv.Error, gzip.BadGzipFile, EOFError, OSError) as error:
            raise InputFormatError(f"{file}:1: not CSV: {error}") from error
        if header is None:
            return  # an empty file holds no articles
        if fields.text not in header:
            raise InputFormatError(
                f"{file}:1: the CSV header has no column {fields.text!r} (columns: {', '.join(h[:40] for h in header[:20])}); "
                "pass --text-field, or --input-format if it is not CSV"
            )
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield Rejected(file, start, f"malformed CSV: {error}")
                continue
            except (gzip.BadGzipFile, EOFError, OSError) as error:
                raise InputFormatError(f"{file}:{start}: cannot read: {error}") from error
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield Rejected(file, start, f"malformed CSV: {len(row)} fields where the header has {len(header)}")
                continue
            record = dict(zip(header, row))
            bad = [name for name in (fields.text, fields.id, fields.date) if _has_surrogates(record.get(name))]
            if bad:
                yield Rejected(file, start, f"{bad[0]!r} is not valid UTF-8")
                continue
            for key, value in record.items():
                if _has_surrogates(value):  # other columns are kept as extra; make them safe to print
                    record[key] = value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            yield record_to_article(record, file, start, fields.id, fields.text, fields.date)


def _has_surrogates(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def _table_rows(batches: Iterable, file: str, fields: Fields, first_row: int = 1) -> Iterator[InputArticle | Rejected]:
    row = first_row
    for batch in batches:
        for record in batch.to_pylist():
            yield record_to_article(record, file, row, fields.id, fields.text, fields.date, unit="row")
            row += 1


def read_parquet(path: Path, fields: Fields = Fields()) -> Iterator[InputArticle | Rejected]:
    """A Parquet file, a batch of rows at a time (only the three mapped columns are read)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    file = str(path)
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise InputFormatError(f"{file}: not a Parquet file ({error})") from error
    names = parquet.schema_arrow.names
    if fields.text not in names:
        raise InputFormatError(f"{file}: no column {fields.text!r} (columns: {', '.join(names[:20])}); pass --text-field")
    columns = [name for name in (fields.id, fields.text, fields.date) if name in names]
    with parquet:
        yield from _table_rows(parquet.iter_batches(batch_size=ROWS_PER_READ, columns=columns), file, fields)


def load_saved_dataset(path: Path):
    """``{split name or "": Dataset}`` from a ``save_to_disk`` folder (memory-mapped, not loaded)."""
    from datasets import Dataset, DatasetDict, load_from_disk

    try:
        loaded = load_from_disk(str(path))
    except (FileNotFoundError, ValueError) as error:
        raise InputFormatError(f"{path}: not a saved Hugging Face dataset ({error})") from error
    if isinstance(loaded, DatasetDict):
        return dict(loaded.items())
    assert isinstance(loaded, Dataset)
    return {"": loaded}


def read_saved_dataset(path: Path, fields: Fields = Fields()) -> Iterator[InputArticle | Rejected]:
    """A ``datasets`` folder: rows are memory-mapped Arrow, iterated a batch at a time. Each split of
    a ``DatasetDict`` is read in turn; positions are ``FOLDER[split]:row N``."""
    splits = load_saved_dataset(path)
    for split, dataset in splits.items():
        file = f"{path}[{split}]" if split else str(path)
        if fields.text not in dataset.column_names:
            raise InputFormatError(f"{file}: no column {fields.text!r} (columns: {', '.join(dataset.column_names[:20])}); pass --text-field")
        columns = [name for name in (fields.id, fields.text, fields.date) if name in dataset.column_names]
        table = dataset.select_columns(columns).with_format("arrow")
        yield from _table_rows(table.iter(batch_size=ROWS_PER_READ), file, fields)


READERS = {"jsonl": read_jsonl, "json": read_json, "csv": read_csv, "parquet": read_parquet, "hf": read_saved_dataset}


def read_file(path: Path, file_format: str, fields: Fields = Fields()) -> Iterator[InputArticle | Rejected]:
    if file_format == "txt":
        yield read_text_file(path)
    elif file_format in READERS:
        yield from READERS[file_format](path, fields)
    else:
        raise ValueError(f"unknown input format {file_format!r}; use one of {', '.join(INPUT_FORMATS)}")


def check_inputs(files: list[tuple[Path, str]], fields: Fields = Fields()) -> None:
    """Read the first record of every input, so a file in the wrong format fails at once instead of
    hours into a run. Raises :class:`InputFormatError`."""
    for path, file_format in files:
        if file_format != "txt":
            next(iter(read_file(path, file_format, fields)), None)


def read_inputs(paths: Iterable[Path], input_format: InputFormat = "auto", fields: Fields = Fields(),
                check_first: bool = True) -> Iterator[InputArticle | Rejected]:
    """Every record of every input, in order, as an article or a rejection. Lazy: one batch of rows
    at most is held at a time."""
    files = expand_inputs(paths, input_format)
    if check_first:
        check_inputs(files, fields)
    for path, file_format in files:
        yield from read_file(path, file_format, fields)
