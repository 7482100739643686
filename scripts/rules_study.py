"""Score the hand rules (``extract_events``) on the gold spans of chosen annotation files (issue 12).

    python scripts/rules_study.py --files annotations/seeds.jsonl annotations/synthetic/part_a.jsonl
    python scripts/rules_study.py --files annotations/synthetic/part_b.jsonl --json --show splits

Prints event precision/recall/F1, per-field accuracy (strict, lenient, referent) and a diagnosis of
the errors the event grouping makes:

* ``split``: a predicted event matching no gold event although one of its triggers belongs to a
  gold event that another predicted event matched (one attack told twice);
* ``spurious``: a predicted event none of whose triggers is in any gold event (background acts,
  threats, negations);
* ``unmatched other``: predicted events matching nothing for another reason (its gold event has
  no other predicted event, yet the pairing went elsewhere);
* ``missed``: gold events no predicted event matched.

``--show counts`` lists every matched event whose ``killed`` or ``wounded`` is wrong: predicted and
gold range, the figures the rules summed (party side, count, source) and every KILLED/WOUNDED span
of the article with the gold events that link it (``gold#i party/group``) and the predicted events
that took it (``pred#i``), so that each error can be put down to a cause.

``--show actors`` lists, per matched event whose actor1 or actor2 is wrong by referent, the predicted
and gold values, the ACTOR spans of the event's sentences, the gold links of both roles and the
triggers, so that the causes can be sorted by hand.

The rules read the gold spans, so this measures the assembly alone, not the tagger; with
``--predicted-spans`` they read a tagger's held-out predictions instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from conflict_events.corpus import Article, load_corpus
from conflict_events.events import assemble
from conflict_events.events.assemble import extract_events
from conflict_events.events.casualties import Figure
from conflict_events.training.crossval import read_held_out_predictions
from conflict_events.events.evaluate import (EventReport, _for_article, evaluate_events, linked_mentions, match_events,
                                             same_referent)

DEFAULT_FILES = ["annotations/seeds.jsonl"] + [f"annotations/synthetic/part_{p}.jsonl" for p in "abcde"]


@dataclass
class Diagnosis:
    splits: int = 0
    spurious: int = 0
    unmatched_other: int = 0
    missed: int = 0
    cases: dict[str, list[dict]] = field(default_factory=lambda: {"splits": [], "spurious": [], "missed": [],
                                                                  "actors": []})

    def to_dict(self, with_cases: bool = False) -> dict:
        data = {"splits": self.splits, "spurious": self.spurious, "unmatched_other": self.unmatched_other,
                "missed": self.missed}
        if with_cases:
            data["cases"] = self.cases
        return data


def _gold_triggers(gold: dict) -> list[tuple[int, int]]:
    return [(t["start"], t["end"]) for t in gold.get("triggers", [])]


def _touches(predicted: dict, spans: list[tuple[int, int]]) -> bool:
    return any(t["start"] < end and start < t["end"] for t in predicted.get("triggers", []) for start, end in spans)


def _describe(article: Article, event: dict) -> dict:
    """What a reader needs to judge a case: the triggers and the fields the rules filled."""
    return {"article": article.id, "triggers": [t["text"] for t in event.get("triggers", [])],
            "at": [t["start"] for t in event.get("triggers", [])],
            **{k: event.get(k) for k in ("event_type", "actor1", "actor2", "location", "date", "killed", "wounded")}}


def diagnose_article(article: Article, predicted: list[dict], diagnosis: Diagnosis) -> None:
    """Sort one article's unmatched predicted events into splits, spurious and other; count missed gold."""
    gold = [dict(e) for e in article.events]
    pairs = match_events(predicted, gold)
    matched_p = {i for i, _ in pairs}
    matched_g = {j for _, j in pairs}
    for i, event in enumerate(predicted):
        if i in matched_p:
            continue
        if any(_touches(event, _gold_triggers(gold[j])) for j in matched_g):
            diagnosis.splits += 1
            diagnosis.cases["splits"].append(_describe(article, event))
        elif not any(_touches(event, _gold_triggers(g)) for g in gold):
            diagnosis.spurious += 1
            diagnosis.cases["spurious"].append(_describe(article, event))
        else:
            diagnosis.unmatched_other += 1
    for j, event in enumerate(gold):
        if j not in matched_g:
            diagnosis.missed += 1
            diagnosis.cases["missed"].append({"article": article.id, "triggers": [
                article.text[s:e] for s, e in _gold_triggers(event)], "event_type": event.get("event_type")})


def _figure_recorder(store: dict[str, list[Figure]]):
    """``build_event`` wrapped so that the figures each event summed are kept by event id."""
    original = assemble.build_event

    def recording(*args, **kwargs):
        event = original(*args, **kwargs)
        store[event.event_id] = list(args[5] if len(args) > 5 else kwargs["figures"])
        return event
    return original, recording


def _range(value) -> str:
    return "null" if value is None else f"{value['low']}-{value['high']}"


def count_cases(articles: list[Article], events: list, figures: dict[str, list[Figure]]) -> list[dict]:
    """One case per matched event with a wrong killed or wounded (see the module docstring)."""
    from conflict_events.arguments import link_figure
    from conflict_events.events.evaluate import field_equal
    cases = []
    for article in articles:
        predicted = [_for_article(e, article.id) for e in events if article.id in e.article_ids]
        gold = [dict(e) for e in article.events]
        taken: dict[tuple[int, int], list[int]] = {}
        for i, event in enumerate(predicted):
            for f in figures.get(event["event_id"], []):
                taken.setdefault((f.start, f.end), []).append(i)
        for i, j in match_events(predicted, gold):
            wrong = [k for k in ("killed", "wounded") if not field_equal(k, predicted[i].get(k), gold[j].get(k))]
            if not wrong:
                continue
            spans = []
            for span in article.spans:
                if span.label.lower() not in wrong:
                    continue
                links = [f"gold#{g} {link.party}/{link.group}" for g, event_links in enumerate(article.links)
                         for link in event_links if (link.start, link.end) == (span.start, span.end)
                         and link.role == span.label.lower()]
                figure = link_figure(span.text)
                spans.append({"at": span.start, "label": span.label, "text": span.text,
                              "figure": None if figure is None else f"{figure.low}-{figure.high}",
                              "gold": links, "pred": [f"pred#{p}" for p in taken.get((span.start, span.end), [])]})
            summed = [f"{f.kind} {f.text!r} side={f.party or '-'} "
                      f"{'null' if f.count is None else f'{f.count.low}-{f.count.high}'} src={f.source}"
                      for f in figures.get(predicted[i]["event_id"], [])]
            cases.append({"article": article.id, "pred#": i, "gold#": j,
                          "triggers": [t["text"] for t in predicted[i].get("triggers", [])],
                          **{k: f"pred {_range(predicted[i].get(k))} gold {_range(gold[j].get(k))}" for k in wrong},
                          "summed": summed, "spans": spans})
    return cases


def _actor_spans(article: Article, event: dict) -> list[str]:
    """The ACTOR spans of the sentences holding the event's evidence, with their offsets."""
    ranges = [(e["start"], e["end"]) for e in event.get("evidence", [])]
    return [f"{s.text}@{s.start}" for s in article.spans if s.label == "ACTOR"
            and any(a <= s.start < b for a, b in ranges)]


def _names(value: str | None, mentions: list[str]) -> bool:
    return value is not None and same_referent("actor1", value, None, mentions)


def actor_cause(role: str, event: dict, gold: dict, links: dict[str, list[str]], labels: dict[str, str]) -> str:
    """A first sorting of why ``role`` is wrong by referent (read the case to confirm it):
    ``swapped`` (the value names the other role's party), ``victim`` (actor2 is a counted party the
    rules did not take), ``unnamed`` (actor1 left unidentified though the text names one),
    ``claim`` (the gold party is linked by no ACTOR span: it only claims, or is a source),
    ``missing`` (no value), ``other-party`` (another party of the article: another event's, a
    bystander's, a generic noun for another side), ``null`` (the gold event has no such party)."""
    value, other = event.get(role), "actor2" if role == "actor1" else "actor1"
    if gold.get(role) is None:
        return "null"
    if _names(value, links[other]) and not _names(value, links[role]):
        return "swapped"
    if role == "actor1" and str(value).startswith("Unidentified"):
        return "unnamed" if links[role] else "claim"
    if not links[role]:
        return "claim"
    if value is None:
        return "missing" if role == "actor1" or any(labels.get(m) == "ACTOR" for m in links[role]) else "victim"
    if role == "actor2" and all(labels.get(m) in ("KILLED", "WOUNDED") for m in links[role]):
        return "victim"
    return "other-party"


def actor_cases(article: Article, predicted: list[dict]) -> list[dict]:
    """Matched events whose actor1 or actor2 is wrong by referent: what a reader needs to sort the cause."""
    gold = [dict(e) for e in article.events]
    cases = []
    for i, j in match_events(predicted, gold):
        event, wanted = predicted[i], gold[j]
        links = {role: linked_mentions(article, j, role) for role in ("actor1", "actor2")}
        wrong = [role for role in ("actor1", "actor2")
                 if not same_referent(role, event.get(role), wanted.get(role), links[role])]
        if not wrong:
            continue
        labels = {s.text: s.label for s in article.spans if s.label in ("ACTOR", "KILLED", "WOUNDED")}
        causes = {role: actor_cause(role, event, wanted, links, labels) for role in wrong}
        cases.append({"article": article.id, "wrong": wrong, "causes": causes, "triggers": [t["text"] for t in event.get("triggers", [])],
                      "predicted": [event.get("actor1"), event.get("actor2")],
                      "gold": [wanted.get("actor1"), wanted.get("actor2")],
                      "gold_links": links, "actor_spans": _actor_spans(article, event),
                      "event_type": [event.get("event_type"), wanted.get("event_type")]})
    return cases


def study(articles: list[Article], counts: list[dict] | None = None,
          predicted: dict[str, tuple] | None = None) -> tuple[EventReport, Diagnosis]:
    """Run the rules on each article's gold spans (or its ``predicted`` spans, by article id); score
    them and diagnose the misses (actor cases included). With a ``counts`` list, also fill it with
    the count errors (:func:`count_cases`)."""
    events, diagnosis, figures = [], Diagnosis(), {}
    original, recording = _figure_recorder(figures)
    assemble.build_event = recording
    try:
        for article in articles:
            spans = list(article.spans if predicted is None else predicted[article.id])
            found = extract_events(article.id, article.text, article.date, spans)
            events.extend(found)
            mine = [_for_article(e, article.id) for e in found]
            diagnose_article(article, mine, diagnosis)
            diagnosis.cases["actors"] += actor_cases(article, mine)
    finally:
        assemble.build_event = original
    if counts is not None:
        counts.extend(count_cases(articles, events, figures))
    return evaluate_events(events, articles), diagnosis


def _load(files: list[str]) -> list[Article]:
    articles = []
    for name in files:
        articles.extend(load_corpus(Path(name)))
    return articles


def _format(report: EventReport, diagnosis: Diagnosis, show: str | None, counts: list[dict] = ()) -> str:
    lines = [report.format(),
             f"diagnosis: splits {diagnosis.splits}, spurious {diagnosis.spurious}, "
             f"unmatched other {diagnosis.unmatched_other}, missed gold {diagnosis.missed}"]
    for case in diagnosis.cases.get(show, []) if show else []:
        lines.append(json.dumps(case, ensure_ascii=False))
    for case in counts:
        lines.append(f"\n{case['article']} pred#{case['pred#']} gold#{case['gold#']} {case['triggers']}")
        lines += [f"  {k}: {case[k]}" for k in ("killed", "wounded") if k in case]
        lines += [f"  summed: {s}" for s in case["summed"]]
        lines += [f"  {s['label']:<7} @{s['at']:<5} {s['text']!r} ({s['figure']}) gold {s['gold']} pred {s['pred']}"
                  for s in case["spans"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", nargs="+", default=DEFAULT_FILES,
                        help="annotation JSONL files (default: the seeds and parts A-E, the tuning set)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--show", choices=("splits", "spurious", "missed", "counts", "actors"),
                        help="also list these cases (with --json: include every case)")
    parser.add_argument("--predicted-spans", type=Path,
                        help="read the spans in this file (`crossval --predictions` rows) instead of the gold "
                             "ones, to see what the tagger's errors do to the events; every article must be in it")
    args = parser.parse_args(argv)
    counts: list[dict] | None = [] if args.show == "counts" else None
    articles = _load(args.files)
    predicted = None
    if args.predicted_spans:
        predicted = read_held_out_predictions(args.predicted_spans)
        missing = [a.id for a in articles if a.id not in predicted]
        if missing:
            parser.error(f"{args.predicted_spans}: no predicted spans for {len(missing)} article(s), "
                         f"e.g. {', '.join(missing[:3])}")
    report, diagnosis = study(articles, counts, predicted)
    if args.json:
        data = {"files": args.files, **report.to_dict(),
                "diagnosis": diagnosis.to_dict(with_cases=bool(args.show) and counts is None)}
        if counts is not None:
            data["counts"] = counts
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(_format(report, diagnosis, None if counts is not None else args.show, counts or []))
    return 0


if __name__ == "__main__":
    sys.exit(main())
