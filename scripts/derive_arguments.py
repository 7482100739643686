"""Derive the argument links of every annotated event from its fields, then apply hand fixes.

Used once to add the ``arguments`` lists of issue 12 to ``annotations/`` (annotations/README.md,
"Argument links"), and kept so the derivation can be re-run and audited:

    PYTHONPATH=$PWD python scripts/derive_arguments.py annotations/seeds.jsonl annotations/synthetic/part_*.jsonl --show
    PYTHONPATH=$PWD python scripts/derive_arguments.py annotations/seeds.jsonl annotations/synthetic/part_*.jsonl --write

How a first version is derived for one event (the *window* is the sentences holding its triggers and
one sentence either side; an article with one event uses the whole text):
* actor1/actor2/place/time/source: the ACTOR/PLACE/TIME/SOURCE spans in the window whose normalised
  text matches the field (`Taliban` matches `Taliban fighters`; a leading `on`/`the` is ignored);
  a source named nowhere in the window is linked at all its mentions (bylines, datelines' outlets).
  Dateline places are never linked (README decision 42).
* killed/wounded: the KILLED/WOUNDED spans in the window that lie nearer to this event's triggers
  than to another event's; subset counts (`including six children`, README decision 22) are left
  out; the party is guessed from the count's head noun (numbers.count_party) against actor1/actor2,
  and the spans of one party form one group (restatements of one count).
Then ``FIXES`` applies the hand decisions made while reading every event (``--show`` prints each
event, its trigger sentences and its links, and marks where fields and links disagree).
``--write`` rewrites only the ``arguments`` (and ``links_checked``) keys of each event; every other
byte of the files stays as it was.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path

from conflict_events.arguments import ArgumentLink, check_event_links, link_figure
from conflict_events.events.numbers import count_party
from conflict_events.events.sentences import split_sentences, sentence_index

CIVILIAN_WORDS = {"civilians", "civilian", "people", "villagers", "residents", "children", "women", "passengers",
                  "worshippers", "students", "guests", "farmers", "traders", "shoppers", "pupils", "miners", "others",
                  "patients", "mourners", "displaced", "herders", "fishermen", "man", "woman", "boy", "girl", "child"}
SUBSET_BEFORE = re.compile(r"(?:including|among them|among whom|among those|of whom)\W*$", re.I)
# Files whose events were all read and fixed by hand; events elsewhere get "links_checked": false.
CHECKED_FILES: set[str] = set()

# Hand fixes, keyed by (article id, event index): links to drop and to add (role, start, end[, party, group]),
# and casualty links to re-assign (start, end) -> (party, group).
FIXES: dict[tuple[str, int], dict] = {}


def normalise(value: str) -> str:
    value = value.replace("\u2019", "'").lower()
    value = re.sub(r"[^\w' -]+", " ", value)
    value = re.sub(r"^(?:(?:on|the|a|an)\s+)+", "", value.strip())
    return re.sub(r"\s+", " ", value).strip()


def stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word.rstrip("s")


def matches(field: str | None, span_text: str) -> int:
    """2 for the same words, 1 when one holds the other's words in a row, 0 otherwise."""
    if not field:
        return 0
    a, b = normalise(field), normalise(span_text)
    if not a or not b:
        return 0
    if a == b:
        return 2
    if re.search(rf"\b{re.escape(a)}\b", b) or re.search(rf"\b{re.escape(b)}\b", a):
        return 1
    return 0


def dateline_end(text: str) -> list[tuple[int, int]]:
    """Stretches of text that are datelines (`KUNDUZ, Afghanistan —`, `GAO, Mali-A`)."""
    regions = []
    for line in re.finditer(r"^[^\n]*", text, re.M):
        found = re.match(r"([A-Z][A-Z'. -]{2,}),[^\n]{0,40}?(?:—|–|-(?=[A-Z])| \(|\s-\s)", line.group(0))
        if found:
            regions.append((line.start(), line.start() + found.end()))
    return regions


NON_STATE_WORDS = {"militants", "militant", "insurgents", "insurgent", "attackers", "attacker", "fighters", "fighter",
                   "gunmen", "gunman", "assailants", "jihadists", "rebels", "rebel", "bandits", "bomber", "terrorists",
                   "militiamen", "extremists", "members", "combatants"}
STATE_WORDS = {"police", "policemen", "policeman", "soldiers", "soldier", "troops", "officers", "officer", "personnel",
               "army", "forces", "guards", "commandos", "servicemen", "military", "government", "security", "pilot"}


def _is_state(actor: str) -> bool:
    return bool(set(normalise(actor).split()) & STATE_WORDS)


def party_of(phrase: str, event: dict) -> str:
    head = count_party(phrase)
    words = {stem(w) for w in head.split()}
    kind = set(head.split())
    for role in ("actor1", "actor2"):
        actor = event.get(role) or ""
        if actor and kind & STATE_WORDS and _is_state(actor):
            return role
        if actor and kind & NON_STATE_WORDS and not _is_state(actor) and not set(normalise(actor).split()) & CIVILIAN_WORDS:
            return role
    for role in ("actor2", "actor1"):
        value = event.get(role) or ""
        if words and words & {stem(w) for w in normalise(value).split()}:
            if role == "actor2" and {w for w in normalise(value).split()} & CIVILIAN_WORDS:
                return "civilians"
            return role
    if set(head.split()) & CIVILIAN_WORDS:
        return "civilians"
    return "other" if head else ""


def derive(article: dict) -> list[list[ArgumentLink]]:
    text, spans, events = article["text"], article["spans"], article["events"]
    sentences = split_sentences(text)
    datelines = dateline_end(text)
    single = len(events) == 1

    def window(event: dict) -> set[int]:
        if single:
            return set(range(len(sentences)))
        hit = {sentence_index(sentences, t["start"]) for t in event["triggers"]}
        return {j for i in hit for j in (i - 1, i, i + 1) if 0 <= j < len(sentences)}

    def nearest_event(offset: int) -> int:
        distances = [min((abs(t["start"] - offset) for t in e["triggers"]), default=10**9) for e in events]
        return distances.index(min(distances))

    result = []
    for index, event in enumerate(events):
        inside = window(event)
        local = [s for s in spans if sentence_index(sentences, s["start"]) in inside]
        links: list[ArgumentLink] = []
        for s in local:
            covered = text[s["start"]:s["end"]]
            if s["label"] == "ACTOR":
                one, two = matches(event.get("actor1"), covered), matches(event.get("actor2"), covered)
                if one or two:
                    links.append(ArgumentLink("actor1" if one >= two and one else "actor2", s["start"], s["end"]))
            elif s["label"] == "PLACE" and matches(event.get("location"), covered):
                if not any(a <= s["start"] < b for a, b in datelines):
                    links.append(ArgumentLink("place", s["start"], s["end"]))
            elif s["label"] == "TIME" and event.get("date_text") and normalise(covered) == normalise(event["date_text"]):
                links.append(ArgumentLink("time", s["start"], s["end"]))
        for name in event.get("sources", []):
            mentions = [s for s in spans if s["label"] == "SOURCE" and text[s["start"]:s["end"]] == name]
            near = [s for s in mentions if s in local] or mentions
            links += [ArgumentLink("source", s["start"], s["end"]) for s in near]
        for role, label in (("killed", "KILLED"), ("wounded", "WOUNDED")):
            for s in local:
                if s["label"] != label or (not single and nearest_event(s["start"]) != index):
                    continue
                if SUBSET_BEFORE.search(text[max(0, s["start"] - 25):s["start"]]) or " of them" in text[s["start"]:s["end"]]:
                    continue
                party = party_of(text[s["start"]:s["end"]], event)
                links.append(ArgumentLink(role, s["start"], s["end"], party or "?", 0))
        pool = tuple(ArgumentLink(role, s["start"], s["end"], party_of(text[s["start"]:s["end"]], event) or "other", 0)
                     for role, label in (("killed", "KILLED"), ("wounded", "WOUNDED")) for s in spans if s["label"] == label)
        result.append(_fit_groups(_fill_parties(links, text), event, text, pool))
    return result


def _fit_groups(links: list[ArgumentLink], event: dict, text: str, pool: tuple = ()) -> list[ArgumentLink]:
    """Regroup each role's casualty links so that their sum reproduces the event's field, if some
    grouping does: spans giving the same figure form one unit (a restatement), and each unit is
    either left out (a subset or another event's count) or put in one of a few groups. The fit
    keeping most spans wins. With no fit, the casualty spans of the whole article (``pool``) are
    tried; with none either the party grouping stays, and validate reports it."""
    out = [l for l in links if l.role not in ("killed", "wounded")]
    for role in ("killed", "wounded"):
        mine = [l for l in links if l.role == role]
        known = {(l.start, l.end) for l in mine}
        wider = mine + [l for l in pool if l.role == role and (l.start, l.end) not in known]
        fitted = _fit(mine, event.get(role), text)
        if fitted is None and len(wider) > len(mine):
            fitted = _fit(wider, event.get(role), text)
        out += mine if fitted is None else fitted
    return out


def _fit(mine: list[ArgumentLink], stated: dict | None, text: str) -> list[ArgumentLink] | None:
    if not mine or stated is None or any(link_figure(text[l.start:l.end]) is None for l in mine):
        return None
    units: dict[tuple[int, int], list[ArgumentLink]] = {}
    for l in mine:
        f = link_figure(text[l.start:l.end])
        units.setdefault((f.low, f.high), []).append(l)
    keys = list(units)
    if len(keys) > 9:
        return None
    target, best = (stated["low"], stated["high"]), None
    for choice in itertools.product(range(4 if len(keys) <= 7 else 3), repeat=len(keys)):  # 0 = left out, else a group
        groups: dict[int, list[tuple[int, int]]] = {}
        for key, g in zip(keys, choice):
            if g:
                groups.setdefault(g, []).append(key)
        if sorted(groups) != list(range(1, len(groups) + 1)):
            continue
        low = sum(min(k[0] for k in ks) for ks in groups.values())
        high = sum(max(k[1] for k in ks) for ks in groups.values())
        if (low, high) != target:
            continue
        score = (sum(len(units[k]) for k, g in zip(keys, choice) if g), -len(groups))
        if best is None or score > best[0]:
            best = (score, choice)
    if best is None:
        return None
    fitted = []
    for g in set(best[1]) - {0}:
        members = [l for key, c in zip(keys, best[1]) if c == g for l in units[key]]
        named = Counter(l.party for l in members if l.party != "other").most_common(1)
        party = named[0][0] if named else "other"  # one party per group: the most common named one
        fitted += [ArgumentLink(l.role, l.start, l.end, party, g) for l in members]
    return fitted


def _fill_parties(links: list[ArgumentLink], text: str) -> list[ArgumentLink]:
    """A bare number (`35`) takes the party of the casualty link before it; each party is one group."""
    filled, last = [], "actor2"
    for link in sorted(links, key=lambda l: l.start):
        if link.role in ("killed", "wounded"):
            party = last if link.party == "?" else link.party
            last = party
            link = ArgumentLink(link.role, link.start, link.end, party, 0)
        filled.append(link)
    groups: dict[tuple[str, str], int] = {}
    out = []
    for link in filled:
        if link.role in ("killed", "wounded"):
            group = groups.setdefault((link.role, link.party), len([k for k in groups if k[0] == link.role]) + 1)
            link = ArgumentLink(link.role, link.start, link.end, link.party, group)
        out.append(link)
    return out


def apply_fixes(article_id: str, index: int, links: list[ArgumentLink]) -> list[ArgumentLink]:
    fix = FIXES.get((article_id, index), {})
    drop = {tuple(d) for d in fix.get("drop", [])}
    kept = [l for l in links if (l.role, l.start, l.end) not in drop]
    for (start, end), (party, group) in fix.get("casualty", {}).items():
        kept = [ArgumentLink(l.role, l.start, l.end, party, group) if (l.start, l.end) == (start, end) and l.role in ("killed", "wounded") else l for l in kept]
    kept += [ArgumentLink(*a) for a in fix.get("add", [])]
    order = ("actor1", "actor2", "place", "time", "source", "killed", "wounded")
    return sorted(set(kept), key=lambda l: (order.index(l.role), l.start))


def as_json(link: ArgumentLink) -> dict:
    out = {"role": link.role, "start": link.start, "end": link.end}
    if link.role in ("killed", "wounded"):
        out.update(party=link.party, group=link.group)
    return out


def show(article: dict, index: int, links: list[ArgumentLink], problems: list[str]) -> str:
    text, event = article["text"], article["events"][index]
    sentences = split_sentences(text)
    lines = [f"=== {article['id']} event {index}: {event['event_type']} / {event.get('sub_event_type')} | "
             f"a1={event['actor1']!r} a2={event.get('actor2')!r} loc={event.get('location')!r} "
             f"time={event.get('date_text')!r} k={event.get('killed')} w={event.get('wounded')}"]
    for i in sorted({sentence_index(sentences, t["start"]) for t in event["triggers"]}):
        lines.append(f"  S{i}: {sentences[i].text}")
    for link in links:
        extra = f" {link.party} g{link.group}" if link.party else ""
        lines.append(f"  {link.role:8} {link.start}-{link.end} {text[link.start:link.end]!r}{extra}")
    lines += [f"  !! {p}" for p in problems]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--write", action="store_true", help="write the links into the files")
    parser.add_argument("--show", action="store_true", help="print every event with its links")
    options = parser.parse_args()
    flagged = 0
    for path in options.files:
        lines = path.read_text(encoding="utf-8").split("\n")
        out = []
        for line in lines:
            if not line.strip():
                out.append(line)
                continue
            article = json.loads(line)
            labels = {(s["start"], s["end"]): s["label"] for s in article["spans"]}
            for index, links in enumerate(derive(article)):
                links = apply_fixes(article["id"], index, links)
                event = article["events"][index]
                event["arguments"] = [as_json(l) for l in links]
                event.pop("links_checked", None)
                if path.name not in CHECKED_FILES:
                    event["links_checked"] = False
                problems = [r for r, _ in check_event_links(event, labels, article["text"], True)]
                problems += [f"no {role} link for {event.get(role)!r}" for role in ("actor1", "actor2")
                             if event.get(role) and not any(l.role == role for l in links)]
                if event.get("location") and not any(l.role == "place" for l in links):
                    problems.append(f"no place link for {event['location']!r}")
                flagged += bool(problems)
                if options.show:
                    print(show(article, index, links, problems))
            out.append(json.dumps(article, ensure_ascii=False))
        if options.write:
            path.write_text("\n".join(out), encoding="utf-8")
    print(f"{flagged} events flagged", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
