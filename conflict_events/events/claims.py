"""Who says what: the SOURCE of each figure, per-source claims when sources disagree, and
counter-claims (``the Taliban dismisses the claim``) as ``{"source", "claim": text}``."""

from __future__ import annotations

import re
from collections import defaultdict

from conflict_events.events.casualties import Figure
from conflict_events.events.records import Claim
from conflict_events.events.sentences import Sentence
from conflict_events.spans import Span

UNATTRIBUTED = "unattributed"
DENIAL = re.compile(r"\b(?:dismiss\w*|den(?:y|ied|ies|ial)|reject\w*|refut\w*|propaganda|baseless|false|"
                    r"untrue|lies?|still (?:holds?|held|controls?|in control))\b", re.I)


def nearest_source(sources: list[Span], start: int, end: int, sentence: Sentence) -> str | None:
    """The SOURCE span in the same sentence closest to ``start..end``, one in the same clause between
    semicolons first (``X said it killed 30 and lost four of its own; a commander of Y said ...``:
    the four are X's word); None when the sentence has none."""
    inside = [s for s in sources if sentence.start <= s.start < sentence.end]
    if not inside:
        return None
    text = sentence.text
    clause_start = sentence.start + text.rfind(";", 0, max(0, start - sentence.start)) + 1
    semicolon = text.find(";", max(0, end - sentence.start))
    clause_end = sentence.start + semicolon if semicolon >= 0 else sentence.end
    inside = [s for s in inside if clause_start <= s.start and s.end <= clause_end] or inside
    return min(inside, key=lambda s: min(abs(s.start - end), abs(start - s.end))).text


def figure_claims(figures: list[Figure], article_id: str | None = None) -> list[Claim]:
    """One claim per source with its own figures, only when sources disagree on a party's count.

    Agreement means every source gives the same count for each party it mentions; a source's claimed
    total is the sum of its highest figure per party."""
    by_party: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    sources_per_party: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in figures:
        if f.count is not None:
            by_party[(f.kind, f.party)].add((f.count.low, f.count.high))
            sources_per_party[(f.kind, f.party)].add(f.source or UNATTRIBUTED)
    disagree = any(len(counts) > 1 and len(sources_per_party[key]) > 1 for key, counts in by_party.items())
    if not disagree:
        return []
    totals: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for f in figures:
        if f.count is None:
            continue
        party_counts = totals[f.source or UNATTRIBUTED][f.kind]
        party_counts[f.party] = max(party_counts.get(f.party, 0), f.count.high)
    claims = []
    for source, kinds in totals.items():
        killed = sum(kinds["killed"].values()) if "killed" in kinds else None
        wounded = sum(kinds["wounded"].values()) if "wounded" in kinds else None
        claims.append(Claim(source, killed=killed, wounded=wounded, article_id=article_id))
    return claims


def counter_claims(sentences: list[Sentence], sources: list[Span], article_id: str | None = None) -> list[Claim]:
    """Counter-claims in the given sentences: a SOURCE in a sentence with a denial cue. The claim text
    is the clause from the source on (``the Taliban dismisses the claim, saying it still holds the town``)."""
    claims = []
    for sentence in sentences:
        cue = DENIAL.search(sentence.text)
        if cue is None:
            continue
        inside = [s for s in sources if sentence.start <= s.start < sentence.end]
        if not inside:
            continue
        cue_at = sentence.start + cue.start()
        source = min(inside, key=lambda s: abs(s.start - cue_at))
        begin = min(source.start, cue_at) - sentence.start
        claim_text = sentence.text[begin:].strip().rstrip(".")
        claims.append(Claim(source.text, claim=claim_text, article_id=article_id))
    return claims
