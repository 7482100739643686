"""Who did an act nobody in its own sentences names: ACLED credits a claimed attack to its claimant
(decision 54), and a party a source blames after the act, or an armed party saying its own men did
it, is read the same way. Runs on finished records, as the last step of the rules."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Sequence

from conflict_events.events.records import Event
from conflict_events.events.roles import party_class, party_side, plain_name
from conflict_events.events.sentences import Sentence, headline_sentence, sentence_index
from conflict_events.spans import Span

# '[Al-Shabaab] claimed responsibility for the attack', '[ISWAP] claims deadly raid', 'The [TTP] (...) has claimed it'.
_CLAIMS_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:has |had |later |quickly |swiftly )?"
                           r"claim(?:ed|s)\s+(?:responsibility|(?:the|a|an|its|deadly|Monday's|Tuesday's|"
                           r"Wednesday's|Thursday's|Friday's|Saturday's|Sunday's)\b)", re.I)
# Initiators that name no party: the attack's claimant names it.
_UNNAMED_INITIATOR = re.compile(r"^(?:unidentified armed group\b.*|(?:the |a |an |unidentified |unknown |suspected |heavily |armed |"
                                r"separatist |jihadist |islamist |masked |hooded |rebel )*"
                                r"(?:suicide )?(?:bombers?|attackers?|assailants?|gunmen|armed (?:men|individuals|elements)|"
                                r"militants?|insurgents?|jihadists?|fighters?|terrorists?|terrorist elements|aggressors|"
                                r"bandits|militia|militiamen|rebels?|guerrillas?))$", re.I)


# 'He blamed [Los Choneros]', 'attributed the attack to [Jund al-Khilafa]', 'blaming [Houthi forces]',
# 'Residents attribute the attack to the [Lakurawa]', 'officials point the finger at [Islamic State cells]',
# 'attributed the attack to the criminal group [Los Ardillos]'.
_BLAMED_BEFORE = re.compile(r"\b(?:blam(?:ed|es|ing)|attribut(?:e|ed|es|ing) (?:the (?:attack|ambush|bombing|raid|"
                            r"killings?|strike|blast)|it|them) to|bore the (?:hall)?marks? of|"
                            r"point(?:s|ed|ing)? the finger at)\s+(?:the\s+|a\s+)?"
                            r"(?:(?:criminal|armed|militant|jihadist|rebel) (?:group|gang|faction)\s+)?$", re.I)


# '[NAS] said its fighters carried out the ambush', '[JNIM], al-Qaeda's affiliate in the Sahel, said on its
# platform that its fighters had stormed the camp', '[BLA] says in a statement that it carried out the attack';
# 'its fighters had killed 30 soldiers' is read apart (_OWN_MEN_KILLED)
# what may stand between the party's span and its verb: '(TTP)', ', al-Qaeda's affiliate in the Sahel,',
# or the comma a span that took in an apposition leaves; then the party's own men, as it tells them
_AFTER_PARTY = r"^\s*(?:\([^)]{1,40}\)\s*|,[^.;,]{1,60},\s*|,\s*)?"
_ITS_MEN = r"\b(?:its (?:fighters|men|forces|units|members|mujahideen|militants|combatants)|it) "
_OWN_MEN_DID = re.compile(_AFTER_PARTY + r"(?:said|says|stated|announced)\b[^.;]{0,60}?" + _ITS_MEN +
                          r"(?:had |have |has |was |were )?(?:behind|carried out|conducted|attacked|shelled|ambushed|"
                          r"struck|stormed|targeted|hit|raided|planted|captured|seized|overran|bombed|"
                          r"detonated)\b", re.I)


def _claims(text: str, span: Span) -> bool:
    """A claim of responsibility, or a non-state party saying its own men did the act or killed
    its targets (a state force saying its troops killed attackers claims no attack)."""
    after = text[span.end: span.end + 160]
    # a spokesperson's or a station's 'its fighters' are their group's, whom the span does not name
    return _CLAIMS_AFTER.match(after) is not None or (
        (_OWN_MEN_DID.match(after) is not None or _OWN_MEN_KILLED.match(after) is not None)
        and _armed_group(span.text) and _SPEAKER_FOR_A_GROUP.search(span.text) is None)


def _armed_group(words: str) -> bool:
    """A non-state armed party, a group whose name has a state force's word in it among them
    (``Baloch Liberation Army``, which :func:`party_class` reads from `Army` as a state force)."""
    from conflict_events.events.actor_codes import STATE_FORCE_CODES, named_group

    group = named_group(words)
    return party_class(words) == "armed" or (group is not None and "(" not in group
                                             and not group.startswith(STATE_FORCE_CODES))


# 'JNIM said its fighters had killed 32 soldiers': either side of a battle tells its result that
# way, so such a claim credits only an act whose target is of the side it says it killed
_OWN_MEN_KILLED = re.compile(_AFTER_PARTY + r"(?:said|says|stated|announced|claimed)\b[^.;]{0,60}?" + _ITS_MEN +
                             r"(?:had |have |has )?killed\s+(?P<victims>[^.;,]{1,60})", re.I)


def _side_killed(text: str, span: Span) -> str | None:
    """The side (``state``, ``armed`` or ``""`` for anyone else) of the men a party says it killed,
    where its claim is told that way; else None."""
    from conflict_events.events.casualties import party_key as count_side
    from conflict_events.events.numbers import count_party

    after = text[span.end: span.end + 160]
    claim = _OWN_MEN_KILLED.match(after)
    if claim is None or _CLAIMS_AFTER.match(after) or _OWN_MEN_DID.match(after):
        return None  # a claim of the act itself credits as before
    return count_side(count_party(claim["victims"]))


def _target_side(actor2: str | None) -> str | None:
    """The side of an event's target as :func:`_side_killed` names sides; None with no target."""
    if not actor2:
        return None
    kind = party_side(actor2)
    return "" if kind == "civilians" else kind


_SPEAKER_FOR_A_GROUP = re.compile(r"\b(?:spokes\w*|commander|leader|official|radio|agency|channel|television|"
                                  r"outlet|media|news)\b", re.I)


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
    # a party blamed is no speaker, though a tagger may read one there (`residents blamed [JNIM]`)
    return span.label in ("ACTOR", "SOURCE") and _BLAMED_BEFORE.search(text[max(0, span.start - 60): span.start]) is not None


def credit_claimed(events: list[Event], text: str, spans: Sequence[Span], sentences: list[Sentence]) -> list[Event]:
    """ACLED credits a claimed attack to its claimant: the events whose initiator names no party
    (``suicide bomber``, ``gunmen``, ``Unidentified Armed Group``) get it as actor1, the one told
    nearest before the claim (or in its sentence) first; then, with one party blamed (``Police blamed
    Los Choneros``), another such event gets the party blamed. With several claimants, each claims
    only an act told before or in its own sentence, so the first act named nowhere is not guessed;
    with several parties blamed, each takes the act told just before its blame (decision 123). A
    claim told as the men a party killed (``its fighters had killed 30 soldiers``) credits only an
    act whose target is of that side (soldiers: a state force)."""
    for credited in (_claims, _blamed, _struck):
        credit_spans = [s for s in spans if s.label in ("SOURCE", "ACTOR") and credited(text, s)]
        parties = _distinct_parties([s.text for s in credit_spans])
        if len(parties) == 1:
            events = _credit(events, text, spans, sentences, parties[0], credited)
            if credited is _claims:  # 'The BLA said it had killed 12 soldiers at the post': a second act it claims
                for later in credit_spans[1:]:
                    events = _credit(events, text, spans, sentences, parties[0], credited, told_before_only=True,
                                     credit_span=later)
        elif credited in (_claims, _blamed):
            for party in parties:  # each credit recomputes the unnamed events, so no act is given twice
                events = _credit(events, text, spans, sentences, party, credited, told_before_only=True)
    return events


def _distinct_parties(names: list[str]) -> list[str]:
    """Names in order, without repeats and without a short form of another ('Polisario' beside
    'Polisario Front')."""
    names = list(dict.fromkeys(names))
    return [n for n in names if not any(o != n and re.search(rf"\b{re.escape(n)}\b", o, re.I) for o in names)]


def _credit(events: list[Event], text: str, spans: Sequence[Span], sentences: list[Sentence], party: str,
            credited: Callable[[str, Span], bool], told_before_only: bool = False,
            credit_span: Span | None = None) -> list[Event]:
    """``party`` as actor1 of the unnamed-initiator event told nearest before its credit (``credit_span``,
    else the party's first) or, for a lone claim, the first."""
    credit_span = credit_span or next(s for s in spans if s.text == party and credited(text, s))
    # a claim or a strike told as 'X said its fighters ambushed a patrol' tells its act in its own sentence
    credit_at = credit_span.start if credited is _blamed else _sentence_end(sentences, credit_span.end)
    types = ("Explosions/Remote violence",) if credited is _struck else (
        "Battles", "Explosions/Remote violence", "Violence against civilians")
    killed_side = _side_killed(text, credit_span) if credited is _claims else None
    unnamed = [k for k, e in enumerate(events) if e.actor1 and _UNNAMED_INITIATOR.match(e.actor1)
               and e.event_type in types and (credited is not _struck or e.sub_event_type in _STRIKES)
               and not (credited is _claims and _said_unclaimed(text, sentences, e))
               and (killed_side is None or killed_side != "" and _target_side(e.actor2) == killed_side)]
    if not unnamed:
        return events
    headline = headline_sentence(text, sentences) if sentences else None
    told_at = {k: _told_at(events[k], headline, sentences) for k in unnamed}
    before = [k for k in unnamed if told_at[k] < credit_at]
    if not before and (credited in (_blamed, _struck) or told_before_only):  # blame follows the act it is for
        return events
    if credited is _blamed:  # the act told last before the blame, however early a headline named another
        chosen = _last_told_before(events, types, credit_at)
        if chosen not in before:
            return events  # the act told just before the blame is another one, whose author is named
    else:
        chosen = max(before, key=told_at.get) if before else unnamed[0]
    name = plain_name(party, {s.text for s in spans if s.label in ("ACTOR", "SOURCE")})
    return [replace(e, actor1=name) if k == chosen else e for k, e in enumerate(events)]


def _told_at(event: Event, headline: int | None, sentences: list[Sentence]) -> int:
    """Where the body first tells ``event`` (``headline``: the headline's sentence index): a round-up's
    headline lists every entry's act before any claim, so its items say nothing of which act a claim follows."""
    body = [t.start for t in event.triggers if headline is None or sentence_index(sentences, t.start) != headline]
    return min(body or [t.start for t in event.triggers])


# 'No group claimed responsibility for the bombing', 'No one has claimed that blast', 'the attack has not been claimed'
_UNCLAIMED = re.compile(r"\bno (?:group|one|organi[sz]ation|party|faction)\b[^.;]{0,30}?\bclaim|"
                        r"\bnot (?:yet )?been claimed|\bunclaimed\b", re.I)


def _said_unclaimed(text: str, sentences: list[Sentence], event: Event) -> bool:
    """The article says in the act's sentence, or the one after, that nobody claimed it."""
    return any(_UNCLAIMED.search(text[t.start: _sentence_end(sentences, t.start, 1)]) for t in event.triggers)


def _sentence_end(sentences: list[Sentence], position: int, later: int = 0) -> int:
    """Where the sentence holding ``position`` ends (or the one ``later`` sentences after it)."""
    index = sentence_index(sentences, position) if sentences else 0
    return sentences[min(index + later, len(sentences) - 1)].end if sentences else position


def _last_told_before(events: list[Event], types: tuple[str, ...], position: int) -> int | None:
    """The event of ``types`` with a trigger nearest before ``position``."""
    told = [(max(t.start for t in e.triggers if t.start < position), k) for k, e in enumerate(events)
            if e.event_type in types and any(t.start < position for t in e.triggers)]
    return max(told)[1] if told else None
