"""The side of a bare count that a speaker gives for its own losses.

A party that reports a clash often gives the other side's dead and then its own in a bare count:
``its fighters had killed 11 policemen and lost two``, ``killed more than 30 Wazalendo, losing two of
their own``, ``lost none``. Others give a side's losses by name: ``putting the attackers' losses at
dozens``, ``four dead among the attackers``. The bare count names no party, so the aggregation would
read it as another telling of the toll or as one more group; it is the speaker's own side instead
(decision 87's change set, annotations/README.md).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

from conflict_events.events.casualties import Figure, is_generic, party_key

# 'lost two', 'had lost four', 'losing two of their own', 'lost only one'
_LOST_BEFORE = re.compile(r"\b(?:lost|losing|lose|loses)\s+(?:only\s+|just\s+)?$", re.I)
_NONE = re.compile(r"none|no one|nobody", re.I)
_OWN = re.compile(r"\bof (?:its|their|our|his|her) own(?: \w+)?$", re.I)
# 'the attackers' losses at dozens', 'put the militia's losses at five'
_LOSSES_OF = re.compile(r"\b([\w-]+)(?:'s|\u2019s|'|\u2019)\s+losses\s+(?:at|to)\s+$", re.I)
# 'four dead among the attackers'
_AMONG_AFTER = re.compile(r"^\s*(?:dead|killed|bodies|wounded|injured)?\s*among\s+(?:the\s+)?([\w-]+)", re.I)
# 'acknowledged three dead among his troops': the speaker's own side, whatever its men are called
_AMONG_OWN = re.compile(r"^(?:his|her|its|their|our)$", re.I)
# where the speaker's clause starts: after the reporting verb
_CLAUSE_START = re.compile(r".*\b(?:said|says|saying|claimed|claiming|affirmed|reported|added|stated)\b(?:\s+that)?",
                           re.I | re.S)
_OPPOSITE = {"state": "armed", "armed": "state"}


def _speaker_side(text: str, figure: Figure, others: list[Figure], sentence_start: int) -> str:
    """The side of the subject of 'lost': a party noun in the speaker's clause (``its fighters``),
    else the opposite of the side the same speaker says it killed in that clause."""
    before = text[sentence_start:figure.start]
    match = _CLAUSE_START.match(before)
    clause_start = sentence_start + (match.end() if match else 0)
    stretch = text[clause_start:figure.start]
    for other in sorted(others, key=lambda o: -o.start):  # the counts named in the clause are its objects
        if clause_start <= other.start and other.end <= figure.start:
            stretch = stretch[:other.start - clause_start] + " " + stretch[other.end - clause_start:]
    named = party_key(stretch)
    if named:
        return named
    killed = [o for o in others if o.party in _OPPOSITE and o.source == figure.source and o.kind == figure.kind]
    if not killed:
        return ""
    # the count it is told beside ('lost three men and killed 11 rebels', 'killed seven soldiers and lost two')
    nearest = min(killed, key=lambda o: o.start - figure.end if o.start >= figure.end else figure.start - o.end)
    if nearest.party == "armed" and _armed_speaker(figure.source):
        return "armed"  # one armed group's word on another's dead: its own are armed too (side_of tells them apart)
    return _OPPOSITE[nearest.party]


def _armed_speaker(source: str | None) -> bool:
    from conflict_events.events.roles import party_class
    return source is not None and party_key(source) != "state" and party_class(source) == "armed"


_OF_THEM = re.compile(r"\bof them$", re.I)
# what armed men carry is never 'them' ('had used rocket-propelled grenades ..., and that 12 of them were killed')
_WEAPONS = re.compile(r"(?:grenade|gun|rifle|rocket|mortar|shell|bomb|drone|explosive|missile|weapon|arm|vehicle|truck|"
                      r"pick-up|pickup|motorcycle|motorbike|car)s", re.I)
_NOT_PLURAL = {"this", "thus", "was", "has", "its", "his", "hers", "ours", "yours", "theirs", "whereas", "across",
               "towards", "afterwards", "besides", "news", "always", "sometimes", "perhaps", "unless"}


def _their_side(text: str, figure: Figure, sentence_start: int) -> str:
    """``killed dozens of them`` after ``targeted "gatherings of mercenaries"``: the side of the last
    party noun before the count in its sentence."""
    before = text[sentence_start:figure.start]
    for word in reversed(re.findall(r"[A-Za-z][\w'-]*", before)):
        side = party_key(word)
        if side:
            return side
        if len(word) > 3 and word.lower().endswith("s") and word.lower() not in _NOT_PLURAL \
                and not _WEAPONS.fullmatch(word):
            return ""  # the nearest plural noun names no side ('killing five of them' after 'armed smugglers')
    return ""


def own_loss_sides(figures: list[Figure], text: str, sentence_start: Callable[[int], int],
                   sentence_of: Callable[[int], int]) -> list[Figure]:
    """``figures`` with the side of each own-loss count filled in (the rest unchanged)."""
    result = []
    for figure in figures:
        side = ""
        if figure.count is not None and not figure.party and _OF_THEM.search(figure.text):
            side = _their_side(text, figure, sentence_start(figure.start))
        elif figure.count is not None and (is_generic(figure) or _NONE.fullmatch(figure.text.strip())) \
                or _OWN.search(figure.text):
            start = sentence_start(figure.start)
            possessor = _LOSSES_OF.search(text[max(start, figure.start - 60):figure.start])
            among = _AMONG_AFTER.match(text[figure.end:figure.end + 40])
            if possessor:
                side = party_key(possessor.group(1))
            elif among and _AMONG_OWN.match(among.group(1)):
                side = "armed" if _armed_speaker(figure.source) else "state" if figure.source and \
                    party_key(figure.source) == "state" else ""
            elif among:
                side = party_key(among.group(1))
            elif _LOST_BEFORE.search(text[max(start, figure.start - 20):figure.start]) or _OWN.search(figure.text):
                same_sentence = [o for o in figures if o is not figure
                                 and sentence_of(o.start) == sentence_of(figure.start)]
                side = _speaker_side(text, figure, same_sentence, start)
        result.append(replace(figure, party=side) if side else figure)
    return result
