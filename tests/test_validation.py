"""Validation messages name the file, the line, the span and the reason."""

import json

import pytest

from conflict_events.corpus import InvalidAnnotations, load_corpus, read_corpus

from conftest import SAMPLE_SPANS, SAMPLE_TEXT, write_jsonl

GOOD_EVENT = {"event_type": "Battles", "actor1": "Taliban", "actor2": "police", "location": "Kandahar", "country": "Afghanistan",
              "date": "2015-12-07", "date_text": "Monday night", "killed": {"low": 5, "high": 5}, "wounded": None,
              "sources": ["officials"], "claims": []}


def record(**changes):
    base = {"id": "a", "date": "2015-12-09", "text": SAMPLE_TEXT, "spans": SAMPLE_SPANS, "events": [GOOD_EVENT]}
    base.update(changes)
    return base


def problems_for(tmp_path, *records):
    path = write_jsonl(tmp_path / "ann.jsonl", list(records))
    return [str(p) for p in read_corpus(path)[1]]


def test_valid_file_has_no_problems(tmp_path):
    assert problems_for(tmp_path, record()) == []


@pytest.mark.parametrize("spans, expected", [
    ([{"start": 0, "end": 18, "label": "KILLED"}, {"start": 9, "end": 11, "label": "KILLED"}], "ann.jsonl:1: span 9-11 '37': nested in span 0-18 'At least 37 people'"),
    ([{"start": 0, "end": 11, "label": "KILLED"}, {"start": 9, "end": 18, "label": "KILLED"}], "ann.jsonl:1: span 9-18 '37 people': overlaps span 0-11 'At least 37'"),
    ([{"start": 100, "end": 200, "label": "PLACE"}], "span 100-200 'ials said.': offsets out of range (text has 110 characters)"),
    ([{"start": 0, "end": 9, "label": "KILLED"}], "span 0-9 'At least ': span starts or ends on whitespace"),
    ([{"start": 0, "end": 2, "label": "PERSON"}], "span 0-2 'At': unknown label 'PERSON'"),
])
def test_span_problems(tmp_path, spans, expected):
    found = problems_for(tmp_path, record(spans=spans))
    assert any(expected in p for p in found), found


@pytest.mark.parametrize("event, expected", [
    ({**GOOD_EVENT, "event_type": "Skirmish"}, "events[0]: event_type 'Skirmish' is not one of"),
    ({**GOOD_EVENT, "killed": {"low": 9, "high": 3}}, "events[0]: killed must be null or"),
    ({**GOOD_EVENT, "date": "Monday"}, "events[0]: date 'Monday' is not an ISO date"),
    ({**GOOD_EVENT, "claims": [{"killed": 3}]}, "events[0]: claims[0] must be an object naming its source"),
    ({k: v for k, v in GOOD_EVENT.items() if k != "actor1"}, "events[0]: actor1 must be a non-empty string"),
])
def test_event_problems(tmp_path, event, expected):
    found = problems_for(tmp_path, record(events=[event]))
    assert any(expected in p for p in found), found


def test_bad_files_name_file_and_line(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(json.dumps(record()).encode() + b"\n{not json\n" + b'{"id": "x", "text": "caf\xe9"}\n' + b'{"id": "y"}\n')
    found = [str(p) for p in read_corpus(path)[1]]
    assert found == [
        f"{path}:2: malformed JSON: Expecting property name enclosed in double quotes at column 2",
        f"{path}:3: not valid UTF-8 at byte 24",
        f"{path}:4: missing 'text' (a string)",
    ]
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    assert [str(p) for p in read_corpus(empty)[1]] == [f"{empty}:0: file is empty"]


def test_duplicate_ids_and_strict_loading(tmp_path):
    path = write_jsonl(tmp_path / "dup.jsonl", [record(), record()])
    with pytest.raises(InvalidAnnotations, match=r"dup.jsonl:2: duplicate article id 'a'"):
        load_corpus(path)


def test_loaded_spans_carry_their_text(tmp_path):
    (article,) = load_corpus(write_jsonl(tmp_path / "ok.jsonl", [record()]))
    assert [s.text for s in article.spans][:2] == ["At least 37 people", "Taliban fighters"]
