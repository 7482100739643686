"""Streaming inputs of every format, on real files: field mapping, positions, rejects, format errors."""

import gzip
import json

import pytest

from conflict_events.inputs import (Fields, InputArticle, InputFormatError, Rejected, expand_inputs, read_inputs)

from conftest import write_jsonl


def articles(records):
    return [(r.id, r.text, r.date) for r in records if isinstance(r, InputArticle)]


def rejects(records):
    return [str(r) for r in records if isinstance(r, Rejected)]


def test_jsonl_plain_and_gzip_give_the_same_records_with_lines(tmp_path):
    raw = (json.dumps({"id": "a", "text": "one", "date": "2015-12-09"}) + "\n\n{broken\n"
           + json.dumps({"text": "no id"}) + "\n").encode() + b"\xff\xfe\n" + json.dumps({"id": "c", "body": "x"}).encode() + b"\n"
    plain = tmp_path / "dump.jsonl"
    plain.write_bytes(raw)
    zipped = tmp_path / "dump.jsonl.gz"
    zipped.write_bytes(gzip.compress(raw))
    for path in (plain, zipped):
        records = list(read_inputs([path]))
        assert articles(records) == [("a", "one", "2015-12-09"), ("dump:4", "no id", None)]  # id from the position
        assert rejects(records) == [f"{path}:3: malformed JSON: Expecting property name enclosed in double quotes at column 2",
                                    f"{path}:5: not valid UTF-8 at byte 0", f"{path}:6: missing 'text' (a string)"]


def test_json_array_is_streamed_with_line_numbers(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text('[\n  {"id": 1, "text": "one"},\n  {"id": "b",\n   "text": "two"},\n  "not an object"\n]\n')
    records = list(read_inputs([path]))
    assert articles(records) == [("1", "one", None), ("b", "two", None)]
    assert [r.line for r in records] == [2, 3, 5]
    assert rejects(records) == [f"{path}:5: record is not a JSON object"]


def test_json_array_broken_midway_names_the_line(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text('[\n {"id": 1, "text": "one"},\n {"id": 2, "text": "two"\n ]\n')
    with pytest.raises(InputFormatError, match=r"dump.json:4: malformed JSON: Expecting ',' delimiter"):
        list(read_inputs([path]))


def test_csv_with_field_mapping_quoted_newlines_and_bad_rows(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(b'key,body,published,extra\nk1,"first line\nsecond line",2015-12-09,x\nk2,too,many,fields,here\n'
                     b'k3,\xff\xfe bad bytes,,y\n,no key,,z\n')
    records = list(read_inputs([path], fields=Fields(text="body", id="key", date="published")))
    assert articles(records) == [("k1", "first line\nsecond line", "2015-12-09"), ("news:6", "no key", None)]
    assert [r.line for r in records] == [2, 4, 5, 6]  # physical lines: the first row spans two
    assert rejects(records) == [f"{path}:4: malformed CSV: 5 fields where the header has 4",
                                f"{path}:5: 'body' is not valid UTF-8"]
    assert records[0].extra == {"extra": "x"}


def test_csv_gzip(tmp_path):
    path = tmp_path / "news.csv.gz"
    path.write_bytes(gzip.compress(b"id,text\na,hello\n"))
    assert articles(read_inputs([path])) == [("a", "hello", None)]


def test_parquet_with_field_mapping_and_null_text(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "news.parquet"
    pq.write_table(pa.table({"doc": ["p1", "p2", "p3"], "body": ["one", None, "three"], "other": [1, 2, 3]}), path, row_group_size=2)
    records = list(read_inputs([path], fields=Fields(text="body", id="doc")))
    assert articles(records) == [("p1", "one", None), ("p3", "three", None)]
    assert rejects(records) == [f"{path}:row 2: missing 'body' (a string)"]


def test_folder_of_txt_files(tmp_path):
    folder = tmp_path / "stories"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("second story")
    (folder / "sub" / "a.txt").write_text("nested story")
    (folder / "empty.txt").write_text("  \n")
    (folder / "latin.txt").write_bytes(b"caf\xe9")
    (folder / "notes.md").write_text("ignored: not an input kind")
    records = list(read_inputs([folder]))
    assert articles(records) == [("b", "second story", None), ("a", "nested story", None)]
    assert rejects(records) == [f"{folder / 'empty.txt'}: file is empty", f"{folder / 'latin.txt'}: not valid UTF-8 at byte 3"]


def test_saved_datasets_plain_and_dict(tmp_path):
    from datasets import Dataset, DatasetDict

    Dataset.from_dict({"uid": ["h1", "h2"], "content": ["one", "two"]}).save_to_disk(str(tmp_path / "ds"))
    DatasetDict({"train": Dataset.from_dict({"text": ["t", None]}), "test": Dataset.from_dict({"text": ["u"]})}).save_to_disk(str(tmp_path / "dd"))
    assert expand_inputs([tmp_path]) == [(tmp_path / "dd", "hf"), (tmp_path / "ds", "hf")]  # folders found as datasets
    records = list(read_inputs([tmp_path / "ds"], fields=Fields(text="content", id="uid")))
    assert articles(records) == [("h1", "one", None), ("h2", "two", None)]
    records = list(read_inputs([tmp_path / "dd"]))
    assert articles(records) == [("dd[train]:1", "t", None), ("dd[test]:1", "u", None)]
    assert rejects(records) == [f"{tmp_path / 'dd'}[train]:row 2: missing 'text' (a string)"]


@pytest.mark.parametrize("name, content, declared, message", [
    ("dump.jsonl", b"id,text\na,b\n", "auto", r"dump.jsonl:1: not JSON Lines"),
    ("dump.csv", b'{"id": "a", "text": "b"}\n', "auto", r"dump.csv:1: the CSV header has no column 'text'"),
    ("dump.parquet", b"id,text\n", "auto", r"dump.parquet: not a Parquet file"),
    ("dump.jsonl.gz", b"not gzip at all", "auto", r"dump.jsonl.gz: cannot read"),
    ("dump.data", b"x", "auto", r"cannot tell the format"),
    ("dump.txt", b'{"id": "a"}\n', "csv", r"dump.txt:1: the CSV header has no column 'text'"),
])
def test_a_file_in_the_wrong_format_fails_naming_the_first_bad_line(tmp_path, name, content, declared, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputFormatError, match=message):
        list(read_inputs([path], input_format=declared))


def test_wrong_format_of_a_later_file_fails_before_anything_is_read(tmp_path):
    good = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "x"}])
    bad = tmp_path / "b.jsonl"
    bad.write_text("plain text, not JSON\n")
    stream = read_inputs([good, bad])
    with pytest.raises(InputFormatError, match=r"b.jsonl:1: not JSON Lines"):
        next(stream)


def test_empty_files_hold_no_records(tmp_path):
    for name in ("e.jsonl", "e.csv", "e.json"):
        (tmp_path / name).write_bytes(b"")
    assert list(read_inputs([tmp_path / n for n in ("e.jsonl", "e.csv", "e.json")])) == []


def test_missing_input(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such file"):
        list(read_inputs([tmp_path / "nope.jsonl"]))


def test_fields_must_differ():
    with pytest.raises(ValueError, match="must differ"):
        Fields(text="body", id="body")
