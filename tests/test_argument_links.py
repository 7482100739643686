"""Argument links: every link points at a span of a fitting label, and casualty totals add up."""

from pathlib import Path

import pytest

from conflict_events.arguments import ArgumentLink, linked_total
from conflict_events.corpus import load_corpus, read_corpus

from conftest import SAMPLE_SPANS, SAMPLE_TEXT, write_jsonl

ROOT = Path(__file__).resolve().parents[1]

# SAMPLE_TEXT: "At least 37 people were killed when Taliban fighters stormed Kandahar airport on Monday night, officials said."
LINKS = [
    {"role": "actor1", "start": 36, "end": 52},
    {"role": "place", "start": 61, "end": 77},
    {"role": "time", "start": 78, "end": 93},
    {"role": "source", "start": 95, "end": 104},
    {"role": "killed", "start": 0, "end": 18, "party": "civilians", "group": 1},
]
EVENT = {"event_type": "Battles", "actor1": "Taliban", "actor2": None, "location": "Kandahar airport", "country": "Afghanistan",
         "date": "2015-12-07", "date_text": "Monday night", "killed": {"low": 37, "high": 37}, "wounded": None,
         "sources": ["officials"], "claims": [], "triggers": [{"start": 53, "end": 60}], "arguments": LINKS}


def problems_for(tmp_path, event, require=True, spans=SAMPLE_SPANS):
    record = {"id": "a", "date": "2015-12-09", "text": SAMPLE_TEXT, "spans": spans, "events": [event]}
    return [str(p) for p in read_corpus(write_jsonl(tmp_path / "ann.jsonl", [record]), require_arguments=require)[1]]


def with_link(index, **changes):
    links = [dict(link) for link in LINKS]
    links[index].update(changes)
    return {**EVENT, "arguments": links}


def test_good_links_load_as_dataclasses(tmp_path):
    assert problems_for(tmp_path, EVENT) == []
    record = {"id": "a", "text": SAMPLE_TEXT, "spans": SAMPLE_SPANS, "events": [EVENT]}
    (article,) = load_corpus(write_jsonl(tmp_path / "ok.jsonl", [record]))
    assert article.links[0][0] == ArgumentLink("actor1", 36, 52)
    assert article.links[0][-1] == ArgumentLink("killed", 0, 18, "civilians", 1)


@pytest.mark.parametrize("event, expected", [
    (with_link(1, start=60), "ann.jsonl:1: span 60-77 ' Kandahar airport': events[0]: arguments[1]: place link points at no span "
                             "of this article (overlapping: 61-77 'Kandahar airport')"),
    (with_link(1, start=78, end=93), "span 78-93 'on Monday night': events[0]: arguments[1]: place link needs a PLACE span, this span is TIME"),
    (with_link(0, role="actor3"), "events[0]: arguments[0]: unknown role 'actor3' (expected one of actor1, actor2"),
    (with_link(0, role="killed"), "events[0]: arguments[0]: killed link needs a KILLED span, this span is ACTOR"),
    (with_link(4, party=None), "events[0]: arguments[4]: killed link needs 'party', one of actor1, actor2, civilians, other (got None)"),
    (with_link(4, party="soldiers"), "killed link needs 'party', one of actor1, actor2, civilians, other (got 'soldiers')"),
    (with_link(4, group=0), "events[0]: arguments[4]: killed link needs 'group', a positive integer (got 0)"),
    (with_link(0, party="actor1"), "events[0]: arguments[0]: 'party' and 'group' belong only on killed and wounded links, not on actor1"),
    (with_link(0, text="Taliban"), "events[0]: arguments[0]: unknown key(s) text"),
    (with_link(0, start="36"), "events[0]: arguments[0]: start and end must be integers"),
    ({**EVENT, "arguments": LINKS + [LINKS[0]]}, "events[0]: arguments[5]: actor1 link given twice"),
    ({**EVENT, "killed": {"low": 35, "high": 37}},
     "ann.jsonl:1: events[0]: killed is 35-37 but the linked figures add up to 37-37 (group 1 civilians 'At least 37 people')"),
    ({**EVENT, "killed": None}, "events[0]: killed is null but the linked figures add up to 37-37"),
    ({**EVENT, "wounded": {"low": 2, "high": 2}}, "events[0]: wounded is 2-2 but no WOUNDED span is linked"),
    ({**EVENT, "triggers": [{"start": 36, "end": 52}]}, "span 36-52 'Taliban fighters': events[0]: triggers[0] is not a TRIGGER span of this article"),
    ({k: v for k, v in EVENT.items() if k != "arguments"}, "events[0]: no 'arguments' list"),
])
def test_link_problems_name_file_line_and_reason(tmp_path, event, expected):
    found = problems_for(tmp_path, event)
    assert any(expected in p for p in found), found


def test_links_stay_optional_when_reading_older_files(tmp_path):
    older = {k: v for k, v in EVENT.items() if k != "arguments"}
    assert problems_for(tmp_path, older, require=False) == []


def test_a_count_phrase_can_be_the_victims_actor_link(tmp_path):
    event = {**EVENT, "actor2": "people", "arguments": LINKS + [{"role": "actor2", "start": 0, "end": 18}]}
    assert problems_for(tmp_path, event) == []


def test_totals_take_each_groups_range_and_add_groups():
    text = "22 police died, officials said; the Taliban said 37 police and 45 Taliban, and no civilians, died; several more."
    police_a, police_b, taliban, zero, vague = (0, 9), (49, 58), (63, 73), (79, 91), (99, 111)
    links = [ArgumentLink("killed", *police_a, "actor2", 1), ArgumentLink("killed", *police_b, "actor2", 1),
             ArgumentLink("killed", *taliban, "actor1", 2), ArgumentLink("killed", *zero, "civilians", 3)]
    total = linked_total(links, "killed", text)
    assert (total.low, total.high) == (67, 82)  # the guide's own example: 22-37 police plus 45 Taliban
    assert linked_total(links + [ArgumentLink("killed", *vague, "other", 4)], "killed", text) is None
    # a phrase with no figure that restates a counted group adds nothing
    assert linked_total(links + [ArgumentLink("killed", *vague, "other", 2)], "killed", text) == total
    assert linked_total(links, "wounded", text) is None


def test_shipped_corpus_links_every_event_without_problems():
    articles, problems = read_corpus(ROOT / "annotations", require_arguments=True)
    assert [str(p) for p in problems] == []
    events = [(a, i) for a in articles for i in range(len(a.events))]
    assert len(events) >= 200
    assert all(a.links[i] for a, i in events)


def test_derivation_script_reproduces_the_shipped_links():
    """scripts/derive_arguments.py with its hand decisions writes exactly the shipped files it derived
    (the seeds and parts A-E; parts F and G were written with their links), so the audit trail of
    every derived link stays true."""
    import importlib.util
    import json

    spec = importlib.util.spec_from_file_location("derive_arguments", ROOT / "scripts" / "derive_arguments.py")
    derive_arguments = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(derive_arguments)
    for path in [ROOT / "annotations" / "seeds.jsonl", *sorted((ROOT / "annotations" / "synthetic").glob("part_[a-e].jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            article = json.loads(line)
            derive_arguments.link_article(article, checked=True)
            assert json.dumps(article, ensure_ascii=False) == line, article["id"]
