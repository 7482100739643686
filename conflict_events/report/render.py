"""The review page: one self-contained HTML file showing each article with its spans and events.

``render_report(articles, spans_per_article, events_per_article) -> str`` is pure: no clock, no
files, no network. The page has inline CSS only, no scripts and no external assets (a
Content-Security-Policy meta tag blocks any that slip in), and every piece of text and every
attribute is HTML-escaped.

Spans are drawn the way displaCy draws entities: ``<mark class="entity label-ACTOR"
data-label="ACTOR">Taliban<span class="entity-label">ACTOR</span></mark>``. Each article's events
follow as a table; an event is a dict (the colleague's ``extract_events`` output or an annotation
record), a dataclass, or anything with ``to_dict()``.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from dataclasses import dataclass
from html import escape
from typing import Any, Mapping, Sequence

from conflict_events.labels import ENTITY_LABELS

# One colour per label, shared with the Label Studio labeling config so both tools look alike.
LABEL_COLOURS: dict[str, str] = {
    "ACTOR": "#7aecec",
    "PLACE": "#feca74",
    "KILLED": "#ff8197",
    "WOUNDED": "#ffc2cd",
    "SOURCE": "#c887fb",
    "TRIGGER": "#9be36f",
    "TIME": "#bfd6ff",
}
DEFAULT_COLOUR = "#dddddd"  # labels outside the fixed set (never produced by the tagger)

# Event fields in the order of docs/ANNOTATION_GUIDE.md; any other key is shown after these.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_type", "sub_event_type", "actor1", "actor2", "location", "country", "date", "date_text",
    "killed", "wounded", "sources", "claims", "triggers", "confidence",
)


@dataclass(frozen=True)
class NoEvents:
    """Put in ``events_per_article`` instead of a list when no events could be assembled."""

    reason: str


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    label: str
    score: float | None


def _field(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _article_title(article: Any) -> str | None:
    title = _field(article, "title")
    if title is None:
        extra = _field(article, "extra") or {}
        title = extra.get("title") if isinstance(extra, Mapping) else None
    return title if isinstance(title, str) and title.strip() else None


def _as_span(span: Any) -> _Span:
    score = _field(span, "score")
    return _Span(int(_field(span, "start")), int(_field(span, "end")), str(_field(span, "label")),
                 float(score) if isinstance(score, (int, float)) else None)


def _as_dict(event: Any) -> dict:
    """An event as a plain dict: a mapping as is, else its own ``to_dict()`` (``conflict_events.events.Event``
    has one), else a dataclass's fields."""
    if isinstance(event, Mapping):
        return dict(event)
    if callable(getattr(event, "to_dict", None)):
        return dict(event.to_dict())
    if dataclasses.is_dataclass(event) and not isinstance(event, type):
        return dataclasses.asdict(event)
    raise TypeError(f"an event must be a dict, a dataclass or have to_dict(), got {type(event).__name__}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _label_class(label: str) -> str:
    return f" label-{label}" if label in ENTITY_LABELS else ""


def render_marked_text(text: str, spans: Sequence[Any]) -> tuple[str, int]:
    """The escaped text with each span wrapped in a ``<mark>``. Spans that overlap an earlier one
    or fall outside the text cannot be drawn; they are left out and counted (second value)."""
    pieces: list[str] = []
    cursor = skipped = 0
    for span in sorted((_as_span(s) for s in spans), key=lambda s: (s.start, s.end)):
        if span.start < cursor or not 0 <= span.start < span.end <= len(text):
            skipped += 1
            continue
        title = span.label if span.score is None else f"{span.label} {span.score:.2f}"
        pieces.append(escape(text[cursor:span.start]))
        pieces.append(
            f'<mark class="entity{_label_class(span.label)}" data-label="{escape(span.label)}" '
            f'data-start="{span.start}" data-end="{span.end}" title="{escape(title)}">'
            f'{escape(text[span.start:span.end])}<span class="entity-label">{escape(span.label)}</span></mark>'
        )
        cursor = span.end
    pieces.append(escape(text[cursor:]))
    return "".join(pieces), skipped


def _shorten(text: str, width: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "\u2026"


def format_value(key: str, value: Any, text: str = "") -> str:
    """One event field as plain text (escaped by the caller)."""
    if value is None or value == [] or value == "":
        return "\u2014"
    if key in ("killed", "wounded") and isinstance(value, Mapping) and {"low", "high"} <= value.keys():
        low, high = value["low"], value["high"]
        return str(low) if low == high else f"{low}\u2013{high}"
    if key == "triggers" and isinstance(value, list):
        quoted = []
        for trigger in value:
            start, end, own = _field(trigger, "start"), _field(trigger, "end"), _field(trigger, "text")
            if isinstance(own, str) and isinstance(start, int) and isinstance(end, int):
                quoted.append(f"\u201c{own}\u201d ({start}-{end})")  # an Evidence dict carries its text
            elif isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                quoted.append(f"\u201c{text[start:end]}\u201d ({start}-{end})")
            else:
                quoted.append(json.dumps(trigger, ensure_ascii=False, default=str))
        return "; ".join(quoted)
    if key == "claims" and isinstance(value, list):
        parts = []
        for claim in value:
            if isinstance(claim, Mapping) and "source" in claim:
                rest = ", ".join(f"{k} {v}" for k, v in claim.items() if k != "source")
                parts.append(f"{claim['source']}: {rest}" if rest else str(claim["source"]))
            else:
                parts.append(json.dumps(claim, ensure_ascii=False, default=str))
        return "; ".join(parts)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "; ".join(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, Mapping) and isinstance(v.get("text"), str) for v in value):
        return " / ".join(f"\u201c{_shorten(v['text'], 80)}\u201d" for v in value)  # evidence sentences
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def render_events_table(events: Sequence[Any], text: str = "") -> str:
    """One row per event: the guide's fields (those any event has) as columns, every other field
    (ids, coordinates, evidence, ...) as ``key: value`` lines in a last ``details`` column."""
    rows = [_as_dict(e) for e in events]
    if not rows:
        return '<p class="no-events">No events.</p>'
    columns = [c for c in EVENT_COLUMNS if any(c in row for row in rows)]
    extra = [k for k in dict.fromkeys(k for row in rows for k in row) if k not in EVENT_COLUMNS]  # first-seen order
    head = "".join(f"<th>{escape(c)}</th>" for c in columns) + ("<th>details</th>" if extra else "")
    body = []
    for row in rows:
        cells = "".join(f'<td data-field="{escape(c)}">{escape(format_value(c, row.get(c), text))}</td>' for c in columns)
        if extra:
            details = "\n".join(f"{k}: {format_value(k, row[k], text)}" for k in extra if row.get(k) not in (None, [], (), ""))
            cells += f'<td data-field="details" class="details">{escape(details)}</td>'
        body.append(f'<tr class="event">{cells}</tr>')
    return (f'<div class="events-wrap"><table class="events"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


_CSS = """
body { font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 2em auto;
       max-width: 84em; padding: 0 1em; color: #222; background: #fff; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-bottom: 0.2em; } h3 { font-size: 1em; }
.meta, .summary { color: #555; font-size: 0.9em; }
.article { border-top: 1px solid #ccc; padding-top: 1em; margin-top: 2em; }
.text { white-space: pre-wrap; line-height: 2.4; font-size: 1em; max-width: 60em; }
mark.entity { background: %(default)s; padding: 0.25em 0.45em; margin: 0 0.15em; line-height: 1;
              border-radius: 0.35em; box-decoration-break: clone; -webkit-box-decoration-break: clone; }
.entity-label { font-size: 0.65em; font-weight: bold; line-height: 1; border-radius: 0.35em;
                vertical-align: middle; margin-left: 0.4em; text-transform: uppercase; }
%(label_rules)s
.legend mark.entity { margin-right: 0.5em; }
.events-wrap { overflow-x: auto; margin-bottom: 1em; }
table.events { border-collapse: collapse; font-size: 0.85em; width: 100%%; }
table.events th, table.events td { border: 1px solid #ccc; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
table.events th { background: #f3f3f3; }
table.events td[data-field="date"] { white-space: nowrap; }
table.events td.details { white-space: pre-line; font-size: 0.85em; color: #555; min-width: 16em; }
.note, .no-events { color: #8a5a00; font-size: 0.9em; }
nav ol { columns: 2; font-size: 0.9em; }
"""


def _css() -> str:
    rules = "\n".join(f"mark.label-{label} {{ background: {colour}; }}" for label, colour in LABEL_COLOURS.items())
    return _CSS % {"default": DEFAULT_COLOUR, "label_rules": rules}


def render_report(
    articles: Sequence[Any],
    spans_per_article: Sequence[Sequence[Any]],
    events_per_article: Sequence[Sequence[Any] | NoEvents | None],
    title: str = "Conflict events: review",
    subtitle: str | None = None,
) -> str:
    """The whole page as a string. ``articles`` are objects or dicts with ``id`` and ``text`` (and
    optionally ``date``, ``title``); ``spans_per_article`` holds :class:`~conflict_events.spans.Span`
    objects or ``{start, end, label[, score]}`` dicts; an ``events_per_article`` entry is a list of
    events, ``NoEvents(reason)``, or None (no event assembler)."""
    if not len(articles) == len(spans_per_article) == len(events_per_article):
        raise ValueError(
            f"articles ({len(articles)}), spans_per_article ({len(spans_per_article)}) and "
            f"events_per_article ({len(events_per_article)}) must have the same length"
        )
    label_counts: Counter[str] = Counter()
    event_total = 0
    sections, toc = [], []
    for index, (article, spans, events) in enumerate(zip(articles, spans_per_article, events_per_article), start=1):
        text = _field(article, "text") or ""
        article_id = str(_field(article, "id"))
        heading = _article_title(article) or article_id
        date = _field(article, "date")
        label_counts.update(_as_span(s).label for s in spans)
        marked, skipped = render_marked_text(text, spans)
        meta = [f"id {article_id}", f"date {date}" if date else "no date", _count(len(spans), "span")]
        if isinstance(events, NoEvents) or events is None:
            reason = events.reason if isinstance(events, NoEvents) else "no event assembler available"
            events_html = f'<p class="note">Events not assembled: {escape(reason)}.</p>'
        else:
            events_html = render_events_table(events, text)
            event_total += len(events)
            meta.append(_count(len(events), "event"))
        meta_text = " \u00b7 ".join(meta)
        note = f'<p class="note">{_count(skipped, "span")} not drawn (overlapping or out of range).</p>' if skipped else ""
        anchor = f"article-{index}"
        toc.append(f'<li><a href="#{anchor}">{escape(heading)}</a></li>')
        sections.append(
            f'<section class="article" id="{anchor}" data-article-id="{escape(article_id)}">'
            f"<h2>{escape(heading)}</h2>"
            f'<p class="meta">{escape(meta_text)}</p>{note}'
            f'<div class="text">{marked}</div>'
            f"<h3>Events</h3>{events_html}</section>"
        )
    legend = "".join(
        f'<mark class="entity{_label_class(label)}" data-label="{escape(label)}">{escape(label)}'
        f'<span class="entity-label">{label_counts.get(label, 0)}</span></mark>'
        for label in ENTITY_LABELS
    )
    summary = ", ".join((_count(len(articles), "article"), _count(sum(label_counts.values()), "span"), _count(event_total, "event")))
    subtitle_html = f'<p class="summary">{escape(subtitle)}</p>' if subtitle else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_css()}</style></head>\n<body>"
        f"<h1>{escape(title)}</h1>{subtitle_html}"
        f'<p class="summary">{escape(summary)}</p>'
        f'<p class="legend">{legend}</p>'
        f'<nav><ol>{"".join(toc)}</ol></nav>\n'
        + "\n".join(sections)
        + "\n</body></html>\n"
    )
