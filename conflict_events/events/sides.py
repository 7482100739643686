"""Two sides per event: an event whose actor1 and actor2 carry one ACLED code (``Israel`` against
``Israel`` once a blamed party is credited, ``forces`` against ``Ukrainian troops``, an
unidentified group against ``militants``) names one side twice, and one of the two is chosen
again among the other parties its sentences name (decision 121). Runs on finished records, as the
last step of the rules, after claims are credited (:mod:`credit`), which is where most such pairs
arise: the credited party was already the fallback target.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Sequence

from conflict_events.events.actor_codes import actor_code, named_country, named_group, role_code
from conflict_events.events.records import Event
from conflict_events.events.roles import BOTH_SIDES, joins_two_sides, party_class, plain_name
from conflict_events.events.sentences import Sentence, sentence_index
from conflict_events.spans import Span

# Codes that group many parties: two crowds, two communities or two civilian groups may meet
# (herders against farmers, rival supporters), so one code on both sides is no contradiction.
_GROUP_CODES = ("Civilians (", "Communal Militia (", "Protesters (", "Rioters (")


def one_side_twice(event: Event) -> bool:
    """actor1 and actor2 carry one code, and neither is written as both sides of a clash
    (``rival Taliban factions``) nor is a code that groups many parties."""
    code = event.actor1_code
    return bool(code) and code == event.actor2_code and not code.startswith(_GROUP_CODES) \
        and not any(BOTH_SIDES.search(a or "") for a in (event.actor1, event.actor2)) \
        and not (event.actor1 == event.actor2 and joins_two_sides(event.actor1 or ""))


def separate_sides(events: list[Event], spans: Sequence[Span], sentences: list[Sentence]) -> list[Event]:
    """For each event that names one side twice, one side (:func:`_names_less` says which) becomes
    the party of another code its trigger sentences name most, else the neighbouring sentences';
    where that side finds none, the other side is tried. With no other party named anywhere
    near, the same words twice (``federal forces`` against ``federal forces``) leave actor2 empty,
    and anything else stays as it was (decision 121)."""
    if not sentences:
        return events
    return [_separated(e, spans, sentences) if one_side_twice(e) else e for e in events]


def names_no_party(actor: str | None) -> bool:
    """The words give only a kind of party that the country fills in (``militants``, ``an
    unidentified group``, bare ``forces`` or ``the junta``), not the party itself (``Taliban``,
    ``Russian troops``, ``Los Ardillos``)."""
    if not actor:
        return True
    code = actor_code(actor) or ""
    return code.startswith("Unidentified") or code.startswith(("Military Forces", "Police Forces", "Government")) \
        and named_country(actor) is None and named_group(actor) is None


_UNIDENTIFIED = re.compile(r"^unidentified\b", re.I)


def _names_less(event: Event) -> bool:
    """actor1 is the side to choose again when it names no party of its own and actor2 does, or
    when neither does and actor1 is an armed party written in the text (``bandits``, ``militias``)
    or left unidentified in a battle. An unidentified author of a bomb or a strike stays first:
    its target is the doubt. Of one state's forces twice (``the junta`` and ``the military``),
    actor2 is chosen again."""
    if not names_no_party(event.actor1):
        return False
    if not names_no_party(event.actor2):
        return True
    armed = (actor_code(event.actor1) or "").startswith("Unidentified")
    return armed and (not _UNIDENTIFIED.match(event.actor1 or "") or event.event_type == "Battles")


def _separated(event: Event, spans: Sequence[Span], sentences: list[Sentence]) -> Event:
    first = "actor1" if _names_less(event) else "actor2"
    own = {sentence_index(sentences, t.start) for t in event.triggers}
    near = own | {i + 1 for i in own} | {i - 1 for i in own}
    written = {s.text for s in spans if s.label in ("ACTOR", "SOURCE")}
    for role in (first, "actor2" if first == "actor1" else "actor1"):  # the other side where this finds none
        kept = event.actor2_code if role == "actor1" else event.actor1_code
        for pool in (own, near):
            others = [s.text for s in spans if s.label == "ACTOR" and sentence_index(sentences, s.start) in pool
                      and role_code(role, s.text, event.country, event.event_type) != kept
                      and party_class(s.text) != "civilians"]
            if others:
                return replace(event, **{role: plain_name(Counter(others).most_common(1)[0][0], written)})
    # the same words twice name one party; two words for one code may still be the text's two sides
    return replace(event, actor2=None) if event.actor1 == event.actor2 else event
