"""Offsets -> BIO tags -> spans, on hand-made offsets and on the tiny fast tokenizer."""

import numpy as np
import pytest

from conflict_events.labels import LABEL2ID
from conflict_events.model.alignment import alignment_report, tag_ids, token_tags
from conflict_events.model.decoding import decode
from conflict_events.model.windows import make_windows, merge_window_probabilities
from conflict_events.spans import Span, span_from_text

from conftest import SAMPLE_SPANS, SAMPLE_TEXT


def test_token_tags_on_hand_offsets():
    # "Qala-i-Naw attack": sub-words q|ala|-|i|-|na|w then attack
    offsets = [(0, 0), (0, 1), (1, 4), (4, 5), (5, 6), (6, 7), (7, 9), (9, 10), (11, 17), (0, 0)]
    spans = [Span(0, 10, "PLACE"), Span(11, 17, "TRIGGER")]
    assert token_tags(offsets, spans) == [None, "B-PLACE", "I-PLACE", "I-PLACE", "I-PLACE", "I-PLACE", "I-PLACE", "I-PLACE", "B-TRIGGER", None]
    assert tag_ids([None, "O", "B-PLACE"]) == [-100, LABEL2ID["O"], LABEL2ID["B-PLACE"]]


def test_adjacent_spans_of_same_label_stay_apart():
    offsets = [(0, 3), (4, 7)]
    assert token_tags(offsets, [Span(0, 3, "ACTOR"), Span(4, 7, "ACTOR")]) == ["B-ACTOR", "B-ACTOR"]


def test_window_continuation_starts_with_b():
    # a window that begins inside a span: its first token of the span is B- in that window
    offsets = [(0, 0), (5, 8), (9, 12), (0, 0)]
    assert token_tags(offsets, [Span(0, 12, "SOURCE")]) == [None, "B-SOURCE", "I-SOURCE", None]


def test_misaligned_span_is_counted():
    offsets = [(0, 7), (8, 14)]  # "Afghans forces"
    report = alignment_report(offsets, [Span(0, 6, "ACTOR"), Span(8, 14, "ACTOR")])
    assert [s.start for s in report.misaligned] == [0]
    assert report.misaligned_share == 0.5


def one_hot(tags, n_labels=len(LABEL2ID)):
    probs = np.full((len(tags), n_labels), 0.01)
    for i, tag in enumerate(tags):
        probs[i, LABEL2ID[tag]] = 0.9
    return probs / probs.sum(axis=1, keepdims=True)


@pytest.mark.parametrize("text, marks", [
    (SAMPLE_TEXT, SAMPLE_SPANS),
    ("Kämpfer griffen Qala-i-Naw an — 12 Tote.", [{"start": 16, "end": 26, "label": "PLACE"}, {"start": 32, "end": 34, "label": "KILLED"}]),
    ("“They attacked,” said Sediqqi.", [{"start": 6, "end": 14, "label": "TRIGGER"}, {"start": 22, "end": 29, "label": "SOURCE"}]),
])
def test_round_trip_annotation_to_bio_to_spans(tiny_tokenizer, text, marks):
    gold = [span_from_text(text, m["start"], m["end"], m["label"]) for m in marks]
    encoded = tiny_tokenizer(text, return_offsets_mapping=True, add_special_tokens=False)
    offsets = [tuple(o) for o in encoded["offset_mapping"]]
    tags = token_tags(offsets, gold)
    for decoder in ("greedy", "viterbi"):
        spans = decode(text, offsets, one_hot(tags), decoder)
        assert [(s.start, s.end, s.label) for s in spans] == [(g.start, g.end, g.label) for g in gold]
        assert all(s.text == text[s.start:s.end] for s in spans)


def test_windows_cover_every_token_and_overlap(tiny_tokenizer):
    text = " ".join(f"word{i}" for i in range(60))
    windows = make_windows(tiny_tokenizer, [text, "", text[:20]], max_length=16, stride=4)
    first_text = [w for w in windows if w.text_index == 0]
    assert len(first_text) > 3
    assert {w.text_index for w in windows} == {0, 2}  # the empty text gives no window
    full = tiny_tokenizer(text, return_offsets_mapping=True, add_special_tokens=False)["offset_mapping"]
    seen = {o for w in first_text for o in w.offsets if o[0] != o[1]}
    assert seen == {tuple(o) for o in full}
    for left, right in zip(first_text, first_text[1:]):
        shared = set(left.offsets[1:-1]) & set(right.offsets[1:-1])
        assert len(shared) == 4


def test_merge_windows_prefers_the_central_copy():
    from conflict_events.model.windows import Window

    a = Window(0, (1, 2, 3, 4, 5), ((0, 0), (0, 1), (2, 3), (4, 5), (0, 0)))
    b = Window(0, (1, 2, 3, 4, 5), ((0, 0), (2, 3), (4, 5), (6, 7), (0, 0)))
    pa = np.array([[1, 0], [1, 0], [0.9, 0.1], [0.2, 0.8], [1, 0]])
    pb = np.array([[1, 0], [0.3, 0.7], [0.6, 0.4], [1, 0], [1, 0]])
    offsets, rows = merge_window_probabilities([a, b], [pa, pb], "center")
    assert offsets == [(0, 1), (2, 3), (4, 5), (6, 7)]
    assert rows[1].tolist() == [0.9, 0.1]  # (2,3) is central in window a
    assert rows[2].tolist() == [0.6, 0.4]  # (4,5) is central in window b
    _, mean_rows = merge_window_probabilities([a, b], [pa, pb], "mean")
    assert np.allclose(mean_rows[1], [0.6, 0.4])
