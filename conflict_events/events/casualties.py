"""Casualty aggregation: per party, the lowest and highest figure any source gives; then the sum
over parties, killed and wounded kept apart (ANNOTATION_GUIDE: police 22 to 37 plus Taliban 45
gives low 67, high 82). A party is a side (state forces, armed groups, everyone else), so that
``19 worshippers`` and ``40 "apostates"`` are two estimates of one toll; subset counts
(``including six children``, ``the commander was among the wounded``) are never added
(annotations/README.md decision 22), and a bare count in a sentence that counts no named party
(``three dead``) retells a party's toll and widens it (:func:`restated_totals`)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from typing import Iterable

from conflict_events.events.numbers import CountRange, count_party, parse_figure

# A party is a side: state forces, armed groups, or everyone else (civilians, 'people', victims named
# in other words). Different words for one side are the same people counted by different sources.
_PARTY_SYNONYMS: tuple[tuple[str, str], ...] = (
    (r"attackers?|militants?|insurgents?|fighters?|gunm[ae]n|assailants?|rebels?|taliban|jihadists?|bombers?|"
     r"shabaab|haram|iswap|members|extremists?|terrorists?|militiam[ae]n|militias?|dissidents?|combatants?|guerrill?as?", "armed"),
    (r"police|policem[ae]n|cops?|officers?|soldiers?|troops|army|servicem[ae]n|personnel|security|guards?|"
     r"commandos?|marines?|peacekeepers?|gendarmes?|military|guardsm[ae]n|paratroopers?|jawans?|constables?|conscripts?|"
     # ranks name a serviceman ('Corporal Ahmed Ben Salem'); 'mercenaries' is a belligerent's word for the
     # other side's soldiers (Houthi and Russian media)
     r"corporals?|sergeants?|lieutenants?|captains?|colonels?|brigadiers?|mercenar(?:y|ies)", "state"),
)
SUBSET_BEFORE = re.compile(r"\b(?:including|among them|among whom|among the dead|among the victims|of them|of whom|"
                           r"among the (?:dead|killed|wounded|injured|victims)(?: \w+)? (?:were|was))[\s,:]*$", re.I)


@dataclass(frozen=True)
class Figure:
    """One casualty figure found in the text: a KILLED or WOUNDED span, parsed."""

    kind: str  # "killed" or "wounded"
    count: CountRange | None
    party: str
    source: str | None
    start: int
    end: int
    text: str


_MEMBERS_OF = re.compile(r"\b(?:members?|elements|personnel)\s+of\s+(?:the\s+)?(.+)$")


def party_key(party: str) -> str:
    """The side a party noun counts: ``state`` (``policemen``, ``soldiers``), ``armed``
    (``attackers``, ``Taliban members``) or ``""`` for everyone else (``people``, ``worshippers``)."""
    text = party.lower().strip()
    whose = _MEMBERS_OF.search(text)
    if whose and whose.group(1) != text:  # '11 members of the security forces' are of the forces' side
        side = party_key(whose.group(1))
        if side:
            return side
    first, joined, _ = text.partition(" and ")
    if joined and first.strip():
        # 'soldiers and VDP fighters', 'troops and militiamen': a count of a force and its auxiliaries
        # is of the force's side, as the actor codes read a joint party by its first name
        side = party_key(first)
        if side:
            return side
    for pattern, key in _PARTY_SYNONYMS:
        if re.search(rf"\b(?:{pattern})", text):
            return key
    return ""


# 'The patrol's commander was among the wounded', 'a woman who was selling vegetables was among the dead'
SUBSET_AFTER = re.compile(r"^[^.;]{0,80}?\b(?:was|were)\s+(?:also\s+)?among\s+(?:the|those)\b", re.I)


def is_subset(text: str, start: int, end: int) -> bool:
    """``including six children``, ``46 of them``, ``the commander was among the wounded``: people
    already counted in a whole figure."""
    phrase = text[start:end].lower()
    return bool(SUBSET_BEFORE.search(text[max(0, start - 30): start]) or re.match(r"^including\b", phrase)
                or re.search(r"\bof (?:them|whom)$", phrase) or SUBSET_AFTER.match(text[end: end + 120]))


_OF_THEM = re.compile(r"\bof (?:them|whom)$", re.I)


def is_subset_in(text: str, start: int, end: int, counted_before: bool) -> bool:
    """:func:`is_subset` for the event assembler, which knows whether a KILLED/WOUNDED span with a
    figure comes earlier in the same sentence: ``N of them`` is a subset only then (``23 soldiers were
    wounded, two of them critically``); with no count before it, ``them`` is a party and the phrase
    counts it (``exchanged fire with militants, killing seven of them``)."""
    if _OF_THEM.search(text[start:end]) and not SUBSET_BEFORE.search(text[max(0, start - 30): start]):
        return counted_before
    return is_subset(text, start, end)


def make_figure(kind: str, text: str, start: int, end: int, source: str | None = None) -> Figure:
    return Figure(kind, parse_figure(text), party_key(count_party(text)), source, start, end, text)


_KIN_OR_GROUP = re.compile(r"\b(?:child(?:ren)?|women|woman|girls?|boys?|teenagers?|infants?|babies|baby|sons?|"
                           r"daughters?|nephews?|nieces?|uncles?|aunts?|brothers?|sisters?|mothers?|fathers?|"
                           r"wife|husband|cousins?|pilgrims?|students?|elderly)\b", re.I)
_OF_THE_COUNTED = re.compile(r"\bof the (?:dead|killed|wounded|injured)\b|\bof the \w+(?:'|\u2019)? (?:dead|wounded)\b"
                             r"|\bof the (?:dead|wounded|injured) \w+", re.I)


def _fixed(figure: Figure) -> bool:
    return figure.count is not None


def _sums_to(total: Figure, parts: list[Figure]) -> bool:
    return (sum(p.count.low for p in parts) == total.count.low and sum(p.count.high for p in parts) == total.count.high)


def split_totals(figures: list[Figure], sentence_of) -> set[Figure]:
    """Totals told again party by party (annotations/README.md decision 45: headline ``Seven killed``
    over ``four soldiers`` and ``three of the attackers``; ``In all, 37 people ..., among them a
    dozen soldiers and 25 of the assailants``): a figure equal to the sum of two or three figures of
    the same kind, told after it in one sentence (or two adjacent ones) and counting different
    parties, all of the total's side when it names one (``at least 16 fighters``: ``nine Taliban``
    and ``seven Islamic State militants``). The parts stand, so that another source's figure for one party widens that party only."""
    found = set()
    for total in figures:
        if not _fixed(total) or total.count.low < 2:
            continue
        later = [f for f in figures if f is not total and f.kind == total.kind and _fixed(f) and f.start > total.start
                 and f.count.high < total.count.low and f.count.low > 0]
        for size in (2, 3):
            for parts in _runs(later, size):
                sents = [sentence_of(p.start) for p in parts]
                if max(sents) - min(sents) > 1 or len({count_party(p.text) for p in parts}) < size:
                    continue
                if total.party and any(p.party != total.party for p in parts):
                    continue  # 'three Yazidi fighters' is no total of a lieutenant and two soldiers
                if _sums_to(total, parts):
                    found.add(total)
    return found


def _runs(figures: list[Figure], size: int) -> list[list[Figure]]:
    """Consecutive runs of ``size`` figures in text order (parts are listed together)."""
    ordered = sorted(figures, key=lambda f: f.start)
    return [ordered[i: i + size] for i in range(len(ordered) - size + 1)]


def subset_parts(figures: list[Figure], sentence_of) -> set[Figure]:
    """People already counted in a whole figure told just before them (decisions 22 and 44) that the
    text does not mark with ``including``: ``killed 11 civilians ..., four women and three
    children``, ``Twenty-three soldiers ..., two of the wounded ...``. A part is a smaller figure of
    the same kind, from the same source (or none), in the sentence of the whole or the next one,
    that names a kind of person within the whole (children, women, relatives, ``N of the dead``)
    or, in the whole's own sentence, belongs to the same side."""
    found = set()
    for part in figures:
        if not _fixed(part):
            continue
        named_subgroup = bool(_KIN_OR_GROUP.search(part.text) or _OF_THE_COUNTED.search(part.text))
        for whole in figures:
            if whole is part or whole.kind != part.kind or not _fixed(whole) or whole.start > part.start:
                continue
            if whole.count.high <= part.count.low:
                continue
            gap = sentence_of(part.start) - sentence_of(whole.start)
            same_side = whole.party == "" or whole.party == part.party
            # women, children and kin told anywhere after a larger toll of their side are among it
            if named_subgroup and same_side or part.source in (None, whole.source) and gap == 0 and same_side \
                    and part.party == whole.party and _OF_THE_COUNTED.search(part.text):
                found.add(part)
                break
    return found


_ATTACKERS = re.compile(r"\b(?:attackers?|assailants?|gunm[ae]n|bombers?|raiders?)\b", re.I)
# Count nouns that name no party: ``five people``, ``three dead``, a bare ``five``.
_GENERIC_PARTY = re.compile(r"(?:people|persons?|individuals|dead|bodies|body|lives|m[ae]n|martyrs?)?")


def is_generic(figure: Figure) -> bool:
    """A count that names no party (``three dead``, ``five people``); ``seven of them`` names one."""
    return bool(_GENERIC_PARTY.fullmatch(count_party(figure.text))) and not _OF_THEM.search(figure.text)


def _names_party(figure: Figure) -> bool:
    # the attackers' own dead ('the toll did not include the two bombers') are no telling of the toll
    return _fixed(figure) and not is_generic(figure) and not _ATTACKERS.search(figure.text) and figure.count.high > 0


def restated_totals(figures: list[Figure], sentence_of) -> set[Figure]:
    """Bare counts told in a sentence that counts no named party of their kind, beside counts of
    named parties: another telling of a party's toll (a second source, the headline: ``killing two
    soldiers`` ... ``Local radio reported three dead``), not one more party to add. They widen the
    party's count instead (two to three killed, not five)."""
    found = set()
    for kind in ("killed", "wounded"):
        named = [f for f in figures if f.kind == kind and _names_party(f)]
        if not named:
            continue
        for figure in figures:
            if figure.kind != kind or not _fixed(figure) or not is_generic(figure) or figure.party:
                continue
            beside = [f for f in named if sentence_of(f.start) == sentence_of(figure.start)]
            # 'the army said three gang members were killed; fishermen said they saw five bodies':
            # another source's bare count beside a named one retells it too
            if not beside or figure.source is not None and all(f.source not in (None, figure.source) for f in beside):
                found.add(figure)
    return found


def counted(figures: list[Figure], sentence_of) -> list[Figure]:
    """The figures that add to the event's count: totals split by party and subsets left out."""
    figures = list(figures)
    drop = split_totals(figures, sentence_of)
    kept = [f for f in figures if f not in drop]
    drop |= subset_parts(kept, sentence_of)
    return [f for f in figures if f not in drop]


def side_of(figure: Figure, actors: tuple[str | None, str | None]) -> str:
    """The party a figure counts. Its side (``party``), except when both of the event's actors are
    non-state armed groups (Taliban and NRF, SDF and Islamic State): then a figure that names one of
    them, or the attackers (``actor1``), counts that actor alone, so that the two sides' dead add up
    instead of being read as two estimates of one toll."""
    from conflict_events.events.roles import party_key as actor_key, is_acronym_of
    first, second = actors
    if figure.party in ("state", "armed") and first and second:
        side = _state_side(figure, first, second)  # a speaker's own dead read as the other kind: still one of the two
        if side is not None:
            return side
    if figure.party != "armed" or not first or not second or not _non_state(first) or not _non_state(second):
        return figure.party
    named = count_party(figure.text)
    if not named and figure.source:  # a speaker's own losses ('lost four', events/loss_sides.py)
        named = figure.source
    key = actor_key(named)

    def names(actor: str) -> bool:
        other = actor_key(actor)
        return not key.startswith("*") and not other.startswith("*") and bool(key) and (
            key == other or is_acronym_of(key, actor) or is_acronym_of(other, named)
            or bool(set(key.split()) & set(other.split())))

    hits = [role for role, actor in (("actor1", first), ("actor2", second)) if names(actor)]
    if len(hits) == 1:
        return hits[0]
    if not hits and _ATTACKERS.search(named) and not _ATTACKERS.search(second):
        return "actor1"
    return figure.party


def _state_country(words: str | None) -> str | None:
    """The country whose forces ``words`` name by a country word or a force's name (``Eritrean
    soldiers``, ``ENDF``), else None (``soldiers`` names no country)."""
    from conflict_events.events.actor_codes import STATE_FORCE_CODES, actor_code

    code = (actor_code(words) if words else None) or ""
    prefix = next((p for p in STATE_FORCE_CODES if code.startswith(p + " ")), None)
    return code[len(prefix) + 1:] if prefix else None


def _state_side(figure: Figure, first: str, second: str) -> str | None:
    """Two states' forces fighting each other (Russian and Ukrainian troops, Kyrgyz and Tajik border
    guards): a state figure counts the actor whose country its words name (``14 Eritrean soldiers``),
    else the side of the state that gives it (``two soldiers killed``, Armenia says; ``two of its own
    soldiers``, the ENDF says): a state's unmarked count is of its own men. None when neither tells,
    or when the actors are not two states."""
    countries = (_state_country(first), _state_country(second))
    if None in countries or countries[0] == countries[1]:
        return None
    named = _state_country(count_party(figure.text))
    if named is None and figure.source:  # 'two of its own soldiers', 'two soldiers killed', Armenia says
        named = _state_country(figure.source)
    if named in countries:
        return ("actor1", "actor2")[countries.index(named)]
    return None


# 'Israeli forces', 'Malian armed forces': a state's forces named by its demonym ('Rapid Support Forces' is no demonym)
_NATIONAL_FORCES = re.compile(r"(?:the\s+)?([A-Z][\w'-]+)\s+(?:security\s+|armed\s+|government\s+)?forces")


def _non_state(actor: str) -> bool:
    from conflict_events.events.actor_codes import named_country, names_state_force
    from conflict_events.events.roles import party_class

    national = _NATIONAL_FORCES.fullmatch(actor.strip())
    # 'FAMa', 'ENDF': a state's army known by its own name is no armed group
    return party_class(actor) == "armed" and not (national and named_country(national.group(1))) \
        and not names_state_force(actor)


def _singular_last(words: str) -> str:
    """The last word, singular (``police officers`` -> ``officer``); empty for no words."""
    split = words.split()
    return re.sub(r"s$", "", split[-1]) if split else ""


def _noun(figure: Figure) -> str:
    """The head noun a figure counts (``soldiers`` -> ``soldier``), to tell two groups of one side apart."""
    return _singular_last(count_party(figure.text).lower())


def _retold_by_another_source(figure: Figure, groups: list["_Group"], clause_of) -> "_Group | None":
    """A count whose side the words leave open (``the two men``), equal to a party's count that other
    sources gave in other sentences (``two YBS members``): the same dead, told by someone else."""
    if clause_of is None or figure.source is None:
        return None
    same = [g for g in groups if g.side and g.count == figure.count
            and all(m.source not in (None, figure.source) and clause_of(m.start)[0] != clause_of(figure.start)[0]
                    for m in g.members)]
    return same[0] if len(same) == 1 else None


def _head_noun(figure: Figure) -> str:
    """The noun a count is about, before any ``of`` phrase (``two agents of the PNC`` -> ``agent``)."""
    return _singular_last(re.split(r"\bof\b", count_party(figure.text).lower())[0])


def _sides_by_head_noun(figures: list[Figure], sides: list[str]) -> dict[str, set[str]]:
    """The sides the figures of a known side (``sides``, one per figure) give each head noun: a count
    of the same noun whose side the words leave open (``the two agents``) counts the same people."""
    by_noun: dict[str, set[str]] = defaultdict(set)
    for figure, side in zip(figures, sides):
        if side and _head_noun(figure):
            by_noun[_head_noun(figure)].add(side)
    return by_noun


@dataclass
class _Group:
    """People of one side counted by one or more figures (each an estimate of the same toll)."""

    side: str
    count: CountRange
    members: list[Figure]


def _apart(figure: Figure, group: _Group, clause_of) -> bool:
    """Two nouns of one side in one clause (``clause_of``: a sentence cut at semicolons), from one
    source, are two groups (``a farmer and his teenage son``, ``two DRG jawans and their civilian
    driver``); told in different sentences they are mostly two estimates of one toll (gold links of
    the seeds and parts A-S: 21 of 22 pairs in one sentence are two groups, 85 of 114 pairs in
    different sentences one)."""
    if clause_of is None:
        return False
    if is_generic(figure) and figure.party:  # a speaker's own losses are not the men it says it killed
        return any(clause_of(m.start) == clause_of(figure.start) and m.source == figure.source for m in group.members)
    if is_generic(figure):  # 'four civilians according to X and six according to Y'
        return False
    return any(clause_of(m.start) == clause_of(figure.start) and m.source == figure.source and not is_generic(m)
               and _noun(m) != _noun(figure) for m in group.members)


def aggregate(figures: Iterable[Figure], actors: tuple[str | None, str | None] = (None, None),
              restated: set[Figure] = frozenset(), clause_of=None) -> CountRange | None:
    """Sum over groups of (min low, max high), a group being a party's toll (its figures are
    estimates of it) or, given ``clause_of``, a second group of the party named beside the first
    (:func:`_apart`); a ``restated`` total (:func:`restated_totals`) widens the group it is nearest
    to; None when no figure has a count. ``actors`` (the event's actor1 and actor2) tell two armed
    parties apart (:func:`side_of`)."""
    groups: list[_Group] = []
    figures = list(figures)
    sides = _leftover_armed_to_nearest(figures, [side_of(figure, actors) for figure in figures])
    sides_by_noun = _sides_by_head_noun(figures, sides)
    for figure, side in zip(figures, sides):
        if figure.count is None or figure in restated:
            continue
        if not side and len(sides_by_noun.get(_head_noun(figure), ())) == 1:
            side = next(iter(sides_by_noun[_head_noun(figure)]))  # 'two agents' beside 'two agents of the PNC'
        if not side:
            retold = _retold_by_another_source(figure, groups, clause_of)
            if retold is not None:
                retold.members.append(figure)
                continue
        group = next((g for g in groups if g.side == side and not _apart(figure, g, clause_of)), None)
        if group is None:
            groups.append(_Group(side, figure.count, [figure]))
        else:
            group.count = group.count.widen(figure.count)
            group.members.append(figure)
    if not groups:
        return None
    for figure in figures:
        if figure in restated:  # another telling of the group's count it is nearest to ('ten bodies')
            group = min(groups, key=lambda g: _distance(figure.count, g.count))
            group.count = group.count.widen(figure.count)
    groups = _disputed_identity(groups)
    total = CountRange(0, 0)
    for group in groups:
        total = total + group.count
    return total


def _leftover_armed_to_nearest(figures: list[Figure], sides: list[str]) -> list[str]:
    """Two armed groups fought and each has counted dead (:func:`side_of`): a count of armed men that
    names neither (``seven Kurdish militiamen``, says Amaq, beside ``four SDF fighters`` and ``two of
    the attackers``) is another estimate of one of the two tolls, the one nearest its figure, not a
    third party's dead; a tie leaves it apart."""
    if "actor1" not in sides or "actor2" not in sides:
        return sides
    tolls = {}
    for side in ("actor1", "actor2"):
        counts = [f.count for f, s in zip(figures, sides) if s == side and f.count is not None]
        if counts:
            tolls[side] = reduce(CountRange.widen, counts)
    if len(tolls) < 2:
        return sides
    resolved = list(sides)
    for i, (figure, side) in enumerate(zip(figures, sides)):
        if side != "armed" or figure.count is None:
            continue
        distances = {s: _distance(figure.count, toll) for s, toll in tolls.items()}
        if distances["actor1"] != distances["actor2"]:
            resolved[i] = min(distances, key=distances.get)
    return resolved


DISPUTED_RATIO = 2.5


def _disputed_identity(groups: list[_Group]) -> list[_Group]:
    """One source's armed men and other sources' people of no named side (``about 40 terrorists``,
    the army says; ``between 18 and 30 civilians``, relatives say), with no other party counted: the
    same dead whose identity the sources dispute, one toll from the lowest to the highest figure."""
    if len(groups) != 2:
        return groups
    armed = next((g for g in groups if g.side in ("armed", "actor2")), None)
    open_side = next((g for g in groups if g.side == ""), None)
    if armed is None or open_side is None:
        return groups
    armed_sources = {m.source for m in armed.members}
    open_sources = {m.source for m in open_side.members}
    if None in armed_sources | open_sources or armed_sources & open_sources:
        return groups
    # one toll told two ways is of one size: 'three militants' and 'four herders', not 'about 20
    # insurgents' and 'two farmers' (nor a lone bystander, nor a denial that any fighter died)
    smallest = min(armed.count.low, open_side.count.low)
    if smallest < 2 or max(armed.count.high, open_side.count.high) > DISPUTED_RATIO * smallest:
        return groups
    return [_Group("disputed", armed.count.widen(open_side.count), armed.members + open_side.members)]


def _distance(count: CountRange, party_count: CountRange) -> int:
    return max(0, party_count.low - count.high, count.low - party_count.high)


def by_kind(figures: Iterable[Figure]) -> dict[str, list[Figure]]:
    grouped: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        grouped[figure.kind].append(figure)
    return grouped


# A report's own range for the toll, written after its sources' figures ('Range: 3–5 killed',
# "Monitor's range: 12–19 killed"): the writer's summary of what they say, not one more party.
_STATED_RANGE_BEFORE = re.compile(r"(?:^|[.:;]\s*)(?:[\w'\u2019]+\s+)?range\s*:\s*$", re.I)
_BARE_RANGE = re.compile(r"\d+\s*[\u2013-]\s*\d+")


def stated_range(figures: Iterable[Figure], text: str, kind: str) -> CountRange | None:
    """The range the report itself states for the event's ``kind`` of toll, over every party (not
    ``Range for the soldiers: 2–9``, one party's); None when it states none."""
    ranges = [f.count for f in figures if f.kind == kind and f.count is not None and _BARE_RANGE.fullmatch(f.text.strip())
              and _STATED_RANGE_BEFORE.search(text[max(0, f.start - 40): f.start])]
    if not ranges:
        return None
    total = ranges[0]
    for count in ranges[1:]:
        total = total.widen(count)
    return total

