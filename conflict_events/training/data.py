"""Articles -> windowed, BIO-labelled training features. BIO tags exist only here, in memory."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from conflict_events.corpus import Article
from conflict_events.model.alignment import alignment_report, tag_ids, token_tags
from conflict_events.model.windows import make_windows
from conflict_events.spans import Span


class MisalignedAnnotations(ValueError):
    pass


@dataclass(frozen=True)
class Features:
    rows: list[dict]  # {"input_ids", "attention_mask", "labels"} per window
    spans: int
    misaligned: tuple[tuple[str, Span], ...]  # (article id, span)


def build_features(
    articles: Sequence[Article], tokenizer, max_length: int, stride: int, max_misaligned_share: float = 0.05
) -> Features:
    """Cut every article into the same overlapping windows inference uses and label each token
    from the character spans. Spans whose edges fall inside a token are counted; past
    ``max_misaligned_share`` of all spans the tokenizer cannot represent the annotations and we
    stop rather than train on silently shifted labels."""
    windows = make_windows(tokenizer, [a.text for a in articles], max_length, stride)
    rows = []
    for window in windows:
        article = articles[window.text_index]
        labels = tag_ids(token_tags(window.offsets, article.spans))
        rows.append({"input_ids": list(window.input_ids), "attention_mask": [1] * len(window), "labels": labels})
    misaligned: list[tuple[str, Span]] = []
    total = 0
    for article in articles:
        # verbose=False: the whole article is meant to exceed the model length here (alignment only,
        # never fed to the model), so the library's "longer than the maximum" warning does not apply.
        offsets = tokenizer(article.text, return_offsets_mapping=True, add_special_tokens=False, truncation=False,
                            verbose=False)["offset_mapping"]
        report = alignment_report([tuple(o) for o in offsets], article.spans)
        total += report.spans
        misaligned += [(article.id, span) for span in report.misaligned]
    if total and len(misaligned) / total > max_misaligned_share:
        examples = "; ".join(f"{aid}: {s.start}-{s.end} {s.text!r}" for aid, s in misaligned[:5])
        raise MisalignedAnnotations(
            f"{len(misaligned)} of {total} spans do not start and end on token boundaries of this tokenizer "
            f"(limit {max_misaligned_share:.0%}); e.g. {examples}"
        )
    return Features(rows, total, tuple(misaligned))
