"""render_report is pure and escapes everything; `show` writes the page from a model or from annotations."""

import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from conflict_events.cli import app
from conflict_events.report.render import NoEvents, render_report
from conflict_events.spans import Span, span_from_text

from conftest import SAMPLE_SPANS, SAMPLE_TEXT, write_jsonl

runner = CliRunner()

HOSTILE = 'Militants said "<script>alert(1)</script>" & fled <b>Kandahar</b>.'


class Collector(HTMLParser):
    """Marks (label, text without the label tag), event rows, and every tag seen."""

    def __init__(self):
        super().__init__()
        self.marks, self.rows, self.tags = [], [], []
        self._mark = None
        self._in_label = False
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark" and "data-start" in attrs:
            self._mark = [attrs["data-label"], "", ""]
        elif tag == "span" and self._mark is not None:
            self._in_label = True
        elif tag == "tr" and attrs.get("class") == "event":
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = ""

    def handle_endtag(self, tag):
        if tag == "mark" and self._mark is not None:
            self.marks.append(tuple(self._mark))
            self._mark = None
        elif tag == "span":
            self._in_label = False
        elif tag == "td" and self._cell is not None:
            self._row.append(self._cell)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._mark is not None:
            self._mark[2 if self._in_label else 1] += data
        if self._cell is not None:
            self._cell += data


def parse(page):
    collector = Collector()
    collector.feed(page)
    return collector


@dataclass
class Event:  # the colleague's API may return dataclasses
    event_type: str
    actor1: str
    location: str
    killed: dict


def sample_page():
    articles = [
        {"id": "a1", "date": "2015-12-09", "title": "Airport attack", "text": SAMPLE_TEXT},
        {"id": "x<2>", "text": HOSTILE},
        {"id": "a3", "text": "Nothing happened."},
    ]
    spans = [
        [span_from_text(SAMPLE_TEXT, s["start"], s["end"], s["label"], 0.9) for s in SAMPLE_SPANS],
        [{"start": HOSTILE.index("<script>"), "end": HOSTILE.index("</script>") + 9, "label": "SOURCE"},
         {"start": HOSTILE.index("<b>"), "end": HOSTILE.index("</b>") + 4, "label": "PLACE"},
         {"start": HOSTILE.index("<b>") + 1, "end": HOSTILE.index("<b>") + 2, "label": "ACTOR"}],  # overlaps: not drawn
        [],
    ]
    events = [
        [{"event_type": "Battles", "actor1": "Taliban fighters", "actor2": None, "location": "Kandahar airport",
          "killed": {"low": 22, "high": 37}, "sources": ["officials", "Reuters"], "triggers": [{"start": 53, "end": 60}],
          "claims": [{"source": "Taliban", "killed": 50}], "event_id": "e1", "latitude": 31.6133, "admin1": None}],
        [Event("Battles", "<Militants>", "Kandahar", {"low": 3, "high": 3})],
        NoEvents("event assembler not ready"),
    ]
    return render_report(articles, spans, events)


def test_spans_become_marks_with_labels():
    page = sample_page()
    marks = parse(page).marks
    first = [(s["label"], SAMPLE_TEXT[s["start"]:s["end"]], s["label"]) for s in SAMPLE_SPANS]
    assert marks[:6] == first
    assert marks[6:] == [("SOURCE", "<script>alert(1)</script>", "SOURCE"), ("PLACE", "<b>Kandahar</b>", "PLACE")]
    assert "1 span not drawn (overlapping or out of range)." in page
    assert 'class="entity label-KILLED" data-label="KILLED"' in page


def test_text_is_escaped_and_no_external_assets():
    page = sample_page()
    tags = [t for t, _ in parse(page).tags]
    assert "script" not in tags and "b" not in tags and "link" not in tags and "img" not in tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp; fled" in page
    assert 'data-article-id="x&lt;2&gt;"' in page
    assert not re.search(r"https?://|url\(|@import|src=", page)
    assert "Content-Security-Policy" in page


def test_events_table():
    page = sample_page()
    rows = parse(page).rows
    assert len(rows) == 2
    header = re.search(r'<table class="events"><thead><tr>(.*?)</tr>', page).group(1)
    assert re.findall(r"<th>(.*?)</th>", header) == ["event_type", "actor1", "actor2", "location", "killed", "sources", "claims", "triggers", "details"]
    assert rows[0] == ["Battles", "Taliban fighters", "\u2014", "Kandahar airport", "22\u201337", "officials; Reuters",
                       "Taliban: killed 50", "\u201cstormed\u201d (53-60)", "event_id: e1\nlatitude: 31.61"]
    assert rows[1] == ["Battles", "<Militants>", "Kandahar", "3"]
    assert "Events not assembled: event assembler not ready." in page


def test_pure_and_checked():
    assert sample_page() == sample_page()
    with pytest.raises(ValueError, match="same length"):
        render_report([{"id": "a", "text": "x"}], [], [])


def test_show_from_annotation_files(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [
        {"id": "g1", "date": "2015-12-09", "text": SAMPLE_TEXT, "spans": SAMPLE_SPANS,
         "events": [{"event_type": "Battles", "actor1": "Taliban fighters", "location": "Kandahar airport"}]},
    ])
    out = tmp_path / "review.html"
    result = runner.invoke(app, ["show", str(gold), "--output", str(out)])
    assert result.exit_code == 0, result.output
    page = parse(out.read_text(encoding="utf-8"))
    assert len(page.marks) == len(SAMPLE_SPANS) and len(page.rows) == 1


def test_show_with_a_model(tmp_path, tiny_tagger_dir):
    from conflict_events.events import extract_events
    from conflict_events.model import Tagger

    inputs = write_jsonl(tmp_path / "in.jsonl", [{"id": "n1", "date": "2015-12-09", "text": SAMPLE_TEXT}])
    out = tmp_path / "review.html"
    result = runner.invoke(app, ["show", str(inputs), "--model", str(tiny_tagger_dir), "--output", str(out)])
    assert result.exit_code == 0, result.output
    page = parse(out.read_text(encoding="utf-8"))
    (spans,) = Tagger.load(tiny_tagger_dir).predict([SAMPLE_TEXT])
    assert len(page.marks) == len(spans) > 0  # the random tiny model tags something
    assert len(page.rows) == len(extract_events("n1", SAMPLE_TEXT, "2015-12-09", spans))


def test_events_from_the_event_assembler_render(tmp_path):
    """extract_events(...) -> list[Event] (frozen dataclasses with to_dict) renders as table rows."""
    from conflict_events.events import extract_events

    spans = [span_from_text(SAMPLE_TEXT, s["start"], s["end"], s["label"]) for s in SAMPLE_SPANS]
    events = extract_events("a1", SAMPLE_TEXT, "2015-12-09", spans)
    page = render_report([{"id": "a1", "date": "2015-12-09", "text": SAMPLE_TEXT}], [spans], [events])
    assert len(parse(page).rows) == len(events)
    for event in events:
        assert escape(event.to_dict()["event_type"]) in page
