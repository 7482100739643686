"""Who did an act nobody in its own sentences names: ACLED credits a claimed attack to its claimant
(decision 54), and a party a source blames after the act, or an armed party saying its own men did
it, is read the same way. Runs on finished records, as the last step of the rules."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from conflict_events.events.records import Event
from conflict_events.events.roles import party_class, plain_name
from conflict_events.spans import Span

# '[Al-Shabaab] claimed responsibility for the attack', '[ISWAP] claims deadly raid', 'The [TTP] (...) has claimed it'.
_CLAIMS_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:has |had |later |quickly |swiftly )?"
                           r"claim(?:ed|s)\s+(?:responsibility|(?:the|a|an|its|deadly|Monday's|Tuesday's|"
                           r"Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)\b)", re.I)
# Initiators that name no party: the attack's claimant names it.
_UNNAMED_INITIATOR = re.compile(r"^(?:unidentified armed group\b.*|(?:the |a |an |unidentified |unknown |suspected )*"
                                r"(?:suicide )?(?:bombers?|attackers?|assailants?|gunmen|armed (?:men|individuals|elements)|"
                                r"militants?|insurgents?|jihadists?|fighters?|terrorists?|terrorist elements|aggressors|"
                                r"bandits|militia|militiamen))$", re.I)


# 'He blamed [Los Choneros]', 'attributed the attack to [Jund al-Khilafa]', 'blaming [Houthi forces]'.
_BLAMED_BEFORE = re.compile(r"\b(?:blam(?:ed|es|ing)|attribut(?:ed|es|ing) (?:the (?:attack|ambush|bombing|raid|"
                            r"killings?|strike|blast)|it|them) to|bore the (?:hall)?marks? of)\s+(?:the\s+|a\s+)?$", re.I)


# '[NAS] said its fighters carried out the ambush', '[Polisario Front] said ... that its fighters had shelled'
_OWN_MEN_DID = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?said\b[^.;]{0,30}?\bits (?:fighters|men|forces|units|members|"
                          r"mujahideen) (?:had )?(?:carried out|conducted|attacked|shelled|ambushed|struck|stormed|"
                          r"targeted|hit|raided)\b", re.I)


def _claims(text: str, span: Span) -> bool:
    """A claim of responsibility, or a non-state party saying its own men did the act (a state
    force saying its troops killed attackers claims no attack)."""
    after = text[span.end: span.end + 80]
    return _CLAIMS_AFTER.match(after) is not None or (
        _OWN_MEN_DID.match(after) is not None and party_class(span.text) == "armed")


# '[The army] said it struck terrorists preparing an attack', '[The army] said its aircraft struck a gathering'
_STRUCK_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?said\b[^.;]{0,20}?\b(?:it|its (?:aircraft|planes|jets|drones|"
                           r"air force|aviation|artillery|forces)) (?:had )?(?:struck|hit|bombed|targeted|shelled|"
                           r"carried out (?:an? )?(?:air|drone) ?strikes?)\b", re.I)


_STRIKES = ("Air/drone strike", "Shelling/artillery/missile attack")


def _struck(text: str, span: Span) -> bool:
    """A state force saying it (or its aircraft) struck: the author of a strike nobody else is named
    for, whatever it says it hit."""
    from conflict_events.events.actor_codes import names_state_force

    state = party_class(span.text) == "state" or names_state_force(span.text, military_only=True)
    return state and _STRUCK_AFTER.match(text[span.end: span.end + 80]) is not None


def _blamed(text: str, span: Span) -> bool:
    return span.label == "ACTOR" and _BLAMED_BEFORE.search(text[max(0, span.start - 60): span.start]) is not None


def credit_claimed(events: list[Event], text: str, spans: Sequence[Span]) -> list[Event]:
    """ACLED credits a claimed attack to its claimant: with one party claiming in the article, the
    events whose initiator names no party (``suicide bomber``, ``gunmen``, ``Unidentified Armed
    Group``) get it as actor1, the one told nearest before the claim first; then, with one party
    blamed (``Police blamed Los Choneros``), another such event gets the party blamed."""
    for credited in (_claims, _blamed, _struck):
        parties = list(dict.fromkeys(s.text for s in spans if s.label in ("SOURCE", "ACTOR") and credited(text, s)))
        if len(parties) == 1:
            events = _credit(events, text, spans, parties[0], credited)
    return events


def _credit(events: list[Event], text: str, spans: Sequence[Span], party: str,
            credited: Callable[[str, Span], bool]) -> list[Event]:
    """``party`` as actor1 of the unnamed-initiator event told nearest before its credit (else, for a
    claim, the first)."""
    credit_at = next(s.start for s in spans if s.text == party and credited(text, s))
    types = ("Explosions/Remote violence",) if credited is _struck else (
        "Battles", "Explosions/Remote violence", "Violence against civilians")
    unnamed = [k for k, e in enumerate(events) if e.actor1 and _UNNAMED_INITIATOR.match(e.actor1)
               and e.event_type in types and (credited is not _struck or e.sub_event_type in _STRIKES)]
    if not unnamed:
        return events
    before = [k for k in unnamed if min(t.start for t in events[k].triggers) < credit_at]
    if not before and credited in (_blamed, _struck):  # blame follows the act it is for; a claim may come first
        return events
    if credited is _blamed:  # the act told last before the blame, however early a headline named another
        chosen = _last_told_before(events, types, credit_at)
        if chosen not in before:
            return events  # the act told just before the blame is another one, whose author is named
    else:
        chosen = max(before, key=lambda k: min(t.start for t in events[k].triggers)) if before else unnamed[0]
    name = plain_name(party, {s.text for s in spans if s.label in ("ACTOR", "SOURCE")})
    return [replace(e, actor1=name) if k == chosen else e for k, e in enumerate(events)]


def _last_told_before(events: list[Event], types: tuple[str, ...], position: int) -> int | None:
    """The event of ``types`` with a trigger nearest before ``position``."""
    told = [(max(t.start for t in e.triggers if t.start < position), k) for k, e in enumerate(events)
            if e.event_type in types and any(t.start < position for t in e.triggers)]
    return max(told)[1] if told else None
