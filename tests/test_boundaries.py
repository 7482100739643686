"""The guide's boundary rules after decoding: hand-made cases with known answers, and no change to
any gold span of the corpus."""

import pytest

from conflict_events.corpus import load_corpus
from conflict_events.model.boundaries import tidy_span, tidy_spans
from conflict_events.spans import Span, span_from_text


def tidy(text: str, piece: str, label: str, occurrence: int = 0) -> str | None:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    result = tidy_span(text, span_from_text(text, start, start + len(piece), label, 0.7))
    if result is not None:
        assert result.text == text[result.start : result.end] and result.score == 0.7
    return None if result is None else result.text


@pytest.mark.parametrize(
    "text, piece, label, expected",
    [
        ("The attack came (Monday night) at dawn.", "(Monday night", "TIME", "Monday night"),
        ("said Mullah Abdul Niazi, the spokesman", "Mullah Abdul Niazi,", "SOURCE", "Mullah Abdul Niazi"),
        ("by the National Directorate of Security (NDS) on", "National Directorate of Security (NDS)", "ACTOR",
         "National Directorate of Security (NDS)"),
        ("Later our national forces moved in.", "our national forces", "ACTOR", "national forces"),
        ("They seized the Kandahar airport compound.", "the Kandahar airport compound", "PLACE", "Kandahar airport compound"),
        ("37 killed and 35 wounded in the raid", "35 wounded", "WOUNDED", "35"),
        ("at least 12 people killed", "at least 12 people killed", "KILLED", "at least 12 people"),
        ("three of the wounded were critical", "three of the wounded", "WOUNDED", "three of the wounded"),
        ("four of the militants' dead were", "four of the militants' dead", "KILLED", "four of the militants' dead"),
        ("backed by U.S. aircraft", "U.S", "ACTOR", "U.S."),
        ("a security source said", "a security source", "SOURCE", "a security source"),  # SOURCE keeps "a"
        ("the morning raid", "the morning", "TIME", "the morning"),  # TIME keeps "the"
        ("Police said the attack", "the attack", "TRIGGER", "attack"),
        ("Bombs hit (", "(", "PLACE", None),
    ],
)
def test_boundary_rules(text, piece, label, expected):
    assert tidy(text, piece, label) == expected


def test_a_determiner_alone_is_not_removed():
    assert tidy("and the Taliban", "the", "ACTOR") == "the"  # nothing would be left: keep the model's span


def test_tidy_spans_keeps_order_and_drops_empty():
    text = "( Taliban fighters, said"
    spans = [Span(0, 1, "PLACE", "("), span_from_text(text, 2, 19, "ACTOR")]
    assert [s.text for s in tidy_spans(text, spans)] == ["Taliban fighters"]


@pytest.mark.parametrize(
    "text, piece, label, expected",
    [
        ("Source: theguardian\nAuthor: A. Writer", "theguardian\nAuthor", "SOURCE", ["theguardian"]),
        ("statement issued today (Monday), Amnesty said", "today (Monday", "TIME", ["today", "Monday"]),
        ("the National Directorate of Security (NDS) said", "National Directorate of Security (NDS", "ACTOR",
         ["National Directorate of Security (NDS)"]),
        ("declared to be over Wednesday afternoon local time", "over Wednesday afternoon", "TIME", ["Wednesday afternoon"]),
        ("fighting on Monday night", "on Monday night", "TIME", ["on Monday night"]),  # decision 1 keeps "on"
        ("the town a few hours later on Wednesday, an official", "a few hours later on Wednesday", "TIME",
         ["a few hours later", "on Wednesday"]),
    ],
)
def test_split_and_tidy(text, piece, label, expected):
    start = text.index(piece)
    spans = tidy_spans(text, [span_from_text(text, start, start + len(piece), label, 0.5)])
    assert [s.text for s in spans] == expected
    assert all(s.text == text[s.start : s.end] and s.label == label for s in spans)


def test_a_light_verb_before_an_event_noun_is_dropped():
    text = "Taliban launches an assault on the city. Gunmen launched rockets."
    assault, rockets = text.index("assault"), text.index("rockets")
    launches, launched = text.index("launches"), text.index("launched")
    spans = [span_from_text(text, launches, launches + 8, "TRIGGER"), span_from_text(text, assault, assault + 7, "TRIGGER"),
             span_from_text(text, launched, launched + 8, "TRIGGER")]
    # "launched" stays: no event noun follows it in its clause.
    assert [s.text for s in tidy_spans(text, spans)] == ["assault", "launched"]


def test_a_closing_bracket_never_makes_spans_overlap():
    text = "forces (NDS) said"
    spans = [span_from_text(text, 0, 11, "ACTOR"), span_from_text(text, 11, 17, "SOURCE")]
    tidied = tidy_spans(text, spans)
    assert all(a.end <= b.start for a, b in zip(tidied, tidied[1:]))


def test_gold_spans_already_follow_the_rules():
    articles = load_corpus("annotations")
    changed = [(a.id, s) for a in articles for s in a.spans if tidy_span(a.text, s) != s]
    split = [(a.id, a.spans) for a in articles if tidy_spans(a.text, list(a.spans)) != list(a.spans)]
    assert sum(len(a.spans) for a in articles) > 3000
    assert changed == [] and split == []
