"""Windows are cut by our own code from one whole-text encoding: every token of every text is in
some window, whatever the transformers version does with ``return_overflowing_tokens``."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflict_events.model.alignment import is_special
from conflict_events.model.windows import IncompleteCoverage, check_coverage, make_windows, window_bounds

ANNOTATIONS = Path(__file__).resolve().parent.parent / "annotations"


@pytest.mark.parametrize("content_length, stride", [(14, 4), (30, 0), (254, 64), (5, 4)])
def test_window_bounds_cover_every_token_with_the_requested_overlap(content_length, stride):
    for tokens in range(0, 3 * content_length + 7):
        bounds = window_bounds(tokens, content_length, stride)
        check_coverage(bounds, tokens)
        assert all(0 < stop - start <= content_length for start, stop in bounds)
        assert (bounds[-1][1] if bounds else 0) == tokens
        for (_, left_stop), (right_start, _) in zip(bounds, bounds[1:]):
            assert left_stop - right_start == stride


def test_a_gap_between_windows_is_an_error():
    with pytest.raises(IncompleteCoverage, match="reach token 10 of 20"):
        check_coverage([(0, 10), (12, 20)], 20)
    with pytest.raises(IncompleteCoverage):
        check_coverage([(0, 10)], 20)
    with pytest.raises(ValueError, match="stride"):
        window_bounds(10, 8, 8)


def assert_covered_to_the_end(tokenizer, texts, windows):
    for index, text in enumerate(texts):
        whole = tokenizer(text, return_offsets_mapping=True, add_special_tokens=False, verbose=False)["offset_mapping"]
        seen = {o for w in windows if w.text_index == index for o in w.offsets if not is_special(o)}
        assert seen == {tuple(o) for o in whole}, f"text {index} not fully covered"
        last_end = max((end for _, end in seen), default=0)
        assert text[last_end:].strip() == "", f"text {index} ends at {last_end} of {len(text)}"


def test_long_texts_are_covered_to_their_end_with_the_tokenizers_own_specials(tiny_tokenizer):
    texts = [" ".join(f"word{i} killed" for i in range(400)), "taliban fighters", "", " ".join(["police"] * 29)]
    windows = make_windows(tiny_tokenizer, texts, max_length=32, stride=8)
    assert_covered_to_the_end(tiny_tokenizer, texts, windows)
    assert max(len(w) for w in windows) == 32
    for window in windows:
        assert window.input_ids[0] == tiny_tokenizer.cls_token_id and window.input_ids[-1] == tiny_tokenizer.sep_token_id
        assert is_special(window.offsets[0]) and is_special(window.offsets[-1])
        assert not any(is_special(o) for o in window.offsets[1:-1])
    # A text that spells a special token keeps it as text, inside the window.
    spelled = make_windows(tiny_tokenizer, ["[SEP] police"], max_length=32, stride=8)
    assert spelled[0].input_ids.count(tiny_tokenizer.sep_token_id) == 2 and spelled[0].offsets[1] == (0, 5)


def test_every_corpus_article_is_covered_to_its_end_without_a_length_warning(capfd):
    from transformers import AutoTokenizer

    from conflict_events.corpus import load_corpus
    from conflict_events.model.base_encoder import packaged_encoder_dir

    articles = load_corpus(ANNOTATIONS)
    assert len(articles) >= 100
    tokenizer = AutoTokenizer.from_pretrained(packaged_encoder_dir())  # fresh: the warning is shown once per tokenizer
    texts = [a.text for a in articles]
    for max_length, stride in [(256, 64), (32, 8)]:
        windows = make_windows(tokenizer, texts, max_length, stride)
        assert max(len(w) for w in windows) == max_length
        assert_covered_to_the_end(tokenizer, texts, windows)
    assert "longer than the specified maximum" not in capfd.readouterr().err
