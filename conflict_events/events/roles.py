"""Who did what: event types from trigger words, and actor1/actor2 from a sentence's ACTOR spans.

Event types follow ACLED:

| trigger words | event_type / sub_event_type |
|---|---|
| attack, assault, clash, fighting, firefight, gun battle, battle, siege, ambush, offensive, stormed, raid | Battles / Armed clash |
| seized, captured, overran, took control, fallen / fall of | Battles / Non-state actor overtakes territory (state actor1: Government regains territory) |
| retook, retaken, recaptured, regained, retake | Battles / Government regains territory (non-state actor1: Non-state actor overtakes territory) |
| a takeover with no fighting in the event (``without a fight``, ``handed over``) | Strategic developments / Non-violent transfer of territory |
| bombing, blast, explosion, IED, roadside/car bomb, landmine | Explosions/Remote violence / Remote explosive/landmine/IED |
| suicide bombing, suicide attack | Explosions/Remote violence / Suicide bomb |
| airstrike, air strike, air raid, drone strike | Explosions/Remote violence / Air/drone strike |
| shelling, mortar, rocket, artillery, missile | Explosions/Remote violence / Shelling/artillery/missile attack |
| grenade | Explosions/Remote violence / Grenade |
| massacre, executed, killed civilians; an attack whose target is civilians | Violence against civilians / Attack |
| abducted, kidnapped | Violence against civilians / Abduction/forced disappearance |
| riot, looting, mob; protest ... turned violent | Riots / Violent demonstration (mob: Mob violence) |
| protest, demonstration, rally, march, sit-in | Protests / Peaceful protest |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from conflict_events.events.actor_codes import CIVILIAN_NOUNS, STATE_FORCE_CODES, named_group
from conflict_events.spans import Span

BATTLE = ("Battles", "Armed clash")
TAKEOVER = ("Battles", "Non-state actor overtakes territory")
REGAIN = ("Battles", "Government regains territory")
SUICIDE_BOMB = ("Explosions/Remote violence", "Suicide bomb")
CAPTURES = (TAKEOVER[1], REGAIN[1])


def capture_and_recapture(first_sub_type: str | None, second_sub_type: str | None) -> bool:
    """One sub-event type takes a place and the other takes it back: two acts, never one."""
    return first_sub_type in CAPTURES and second_sub_type in CAPTURES and first_sub_type != second_sub_type

_RULES: tuple[tuple[str, tuple[str, str]], ...] = (
    (r"suicide|blew (?:himself|herself|themselves) up", SUICIDE_BOMB),
    (r"air ?strike|air raid|drone|bombard(?:ed|ment) from the air|warplane", ("Explosions/Remote violence", "Air/drone strike")),
    (r"shell|mortar|rocket|artillery|missile", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    (r"grenade", ("Explosions/Remote violence", "Grenade")),
    (r"bomb|blast|explo|\bied\b|landmine|\bmine\b|detonat", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    (r"massacre|execut|behead|lynch", ("Violence against civilians", "Attack")),
    (r"abduct|kidnap|hostages? (?:were|was) taken", ("Violence against civilians", "Abduction/forced disappearance")),
    (r"\bmob\b", ("Riots", "Mob violence")),
    (r"riot|loot|turned violent|violent (?:protest|demonstration)", ("Riots", "Violent demonstration")),
    (r"protest|demonstrat|rally|march|sit-in", ("Protests", "Peaceful protest")),
    (r"\bre(?:took|take|taken|taking|capture|captured|gain|gained|claimed)\b|\bwon back\b", REGAIN),
    (r"seiz|captur|overr[au]n|took (?:over|control)|take (?:over|control)|taken (?:over|control)|fall(?:en)?\b|\bfell\b"
     r"|collapse|overtak|control of", TAKEOVER),
)

STATE_WORDS = re.compile(
    r"\b(?:government|security|police|policemen|policeman|army|military|troops|soldiers?|special forces|national "
    r"forces|defen[cs]e|ministry|nds|directorate|commandos?|state|national guard|navy|air force|border guard|afghan "
    r"forces|forces of the|officials?|u\.?s\.?|nato|coalition|us-nato|gendarmes?|gendarmerie|armed forces|marines?|"
    r"peacekeepers?|carabineros?)\b", re.I)
# the victims' nouns the codes use (data/civilian_nouns.txt), and crowds: a party of unarmed people
CIVILIAN_WORDS = re.compile(CIVILIAN_NOUNS.pattern + r"|\b(?:protesters?|demonstrators?)\b", re.I)
_ARMED_NAME = re.compile(r"taliban|shabaab|isil|isis|islamic state|daesh|qaeda|boko|haram|rebel|insurgent|militant|"
                         r"jihad|militia", re.I)
GENERIC_ARMED = re.compile(r"^(?:the )?(?:insurgents?|militants?|attackers?|fighters?|gunmen|rebels?|jihadists?|"
                           r"assailants?|armed men|extremists?|terrorists?|enemy)$", re.I)
_GENERIC_TAIL = re.compile(r"\b(?:forces|fighters|militants|insurgents|members|troops|soldiers|men|group|army|"
                           r"supporters|representatives|delegation|figures|leaders|commanders)$", re.I)
AIR_FORCE = re.compile(r"\bair ?force\b", re.I)
BOTH_SIDES = re.compile(r"\b(?:rival|warring|opposing)\b", re.I)  # one span naming both sides of a clash
NO_FIGHT = re.compile(r"without (?:a fight|resistance|firing a shot)|handed (?:over|it over)|peacefully|"
                      r"abandoned|withdr[ae]w", re.I)


def classify_trigger(trigger: str, sentence: str = "") -> tuple[str, str]:
    """``(event_type, sub_event_type)`` for one trigger word, using its sentence for ``turned violent``."""
    word = trigger.lower()
    if re.search(r"protest|demonstrat", word) and re.search(r"turned violent|clashed with|riot", sentence, re.I):
        return ("Riots", "Violent demonstration")
    for pattern, result in _RULES:
        if re.search(pattern, word):
            return result
    return BATTLE


def party_class(actor: str) -> str:
    """``state``, ``civilians``, ``armed`` (a non-state armed party) for an actor string."""
    armed_name = _ARMED_NAME.search(actor)
    if CIVILIAN_WORDS.search(actor) and not STATE_WORDS.search(actor) and not re.search(r"\barmed\b", actor, re.I) \
            and not armed_name and named_group(actor) is None:  # 'a rebel chief', 'Dozo hunters' are fighters
        return "civilians"
    if armed_name:
        return "armed"
    if STATE_WORDS.search(actor):
        return "state"
    if (named_group(actor) or "").startswith(STATE_FORCE_CODES):  # 'ENDF', 'FARDC' (the table only: 'Turkey' stays out)
        return "state"
    return "armed"


def party_side(actor: str) -> str:
    """:func:`party_class`, with a state named by its country or by its force's name read as a state
    force (``Turkey carried out a drone strike``, ``the SSPDF``)."""
    from conflict_events.events.actor_codes import names_state_force

    return "state" if names_state_force(actor) else party_class(actor)


def party_key(actor: str) -> str:
    """A comparison key: ``"Taliban fighters"`` and ``"the Taliban"`` -> ``"taliban"``; generic
    armed nouns (``insurgents``, ``attackers``) -> ``"*armed"``; state forces -> ``"*state:<name>"``."""
    text = re.sub(r"[^a-z0-9 ]+", " ", actor.lower().replace("\u2019", "'")).strip()
    text = re.sub(r"^(?:the|a|an)\s+", "", text)
    if GENERIC_ARMED.match(text):
        return "*armed"
    while _GENERIC_TAIL.search(text) and len(text.split()) > 1:
        text = _GENERIC_TAIL.sub("", text).strip()
    return text


def compatible_actors(first: str | None, second: str | None) -> bool:
    """Two actor strings can name one party (unknown is compatible with anything)."""
    if not first or not second:
        return True
    a, b = party_key(first), party_key(second)
    if a == b or "*armed" in (a, b) and "state" not in (party_class(first), party_class(second)):
        return True
    if party_class(first) == party_class(second) == "state":
        return True
    if is_acronym_of(first, second) or is_acronym_of(second, first):
        return True
    return bool(_stems(a) & _stems(b) - _COMMON_WORDS)


_COMMON_WORDS = {"afghan", "local", "government"}  # shared by both sides of a war: no party on their own


def _stems(key: str) -> set[str]:
    """Words with a plural ``s`` dropped, so ``separatists`` and ``Separatist militants`` share one."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in key.split()}


def is_acronym_of(short: str, long: str) -> bool:
    """``NPA`` for ``rebels of the New People's Army``: the capitals of a run of capitalised words
    (``of``/``the``/``for`` skipped) spell the acronym. Written both ways in one report, it is one party."""
    letters = short.strip()
    if not re.fullmatch(r"[A-Z]{2,6}", letters):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", long) if w.lower() not in ("of", "the", "for", "and")]
    initials = "".join(w[0] if w[0].isupper() else " " for w in words)
    return any(letters in run for run in initials.split())


_NOT_AGENT = re.compile(r"[;:]|\b(?:said|says|told|inspect\w*|visit\w*|condemn\w*|investigat\w*|respond\w*|"
                        r"deployed|sent|arriv\w*|rushed|survived|blamed|accused|after|before|since|while|as|during)\b", re.I)
# 'two gunmen [who arrived on a motorcycle] opened fire': a clause about the actor itself, whatever its verb
_OWN_RELATIVE_CLAUSE = re.compile(r"\s*who\s+(?:had\s+)?\w+ed\b[^,.;:]{0,50}?\s*")


def _bars_agent(gap: str) -> bool:
    """The words between an actor and the trigger make it no agent, unless they are only a relative
    clause about the actor itself."""
    return bool(_NOT_AGENT.search(gap)) and not _OWN_RELATIVE_CLAUSE.fullmatch(gap)


_OBJECT_OF = re.compile(r"\b(?:of|from|for|to|by|against|in|on|at|into)\s+(?:the\s+)?$", re.I)
# 'militants attacked a Frontier Corps check post, starting a gun battle', 'an army convoy was
# ambushed': a party named as the owner of a post, vehicle or unit is where the act landed, not its agent
_OWNER_OF = re.compile(r"(?:['\u2019]s)?\s+(?:check ?posts?|checkpoints?|posts?|bases?|positions?|camps?|convoys?|"
                       r"patrols?|vehicles?|stations?|barracks|outposts?|garrisons?|headquarters|trucks?|pickups?|"
                       r"offices?|depots?|compounds?)\b", re.I)
_FALL = re.compile(r"\b(?:fall|fallen|fell|collapsed?|collapses)\b", re.I)


# 'a convoy escorted by the army': the 'by' agent of another participle than the act
_OTHER_AGENT = re.compile(r"\b(?:escorted|accompanied|led|backed|supported|guarded|protected|owned|run|held|"
                          r"controlled|manned|operated|used|occupied|commanded|staffed|funded|trained|sent|"
                          r"deployed|carrying|carried|driven)\s+by\s+(?:the\s+)?$", re.I)
# acts two sides do to each other, whose coordinated subjects are the two sides
MUTUAL_ACT = re.compile(r"\b(?:exchang\w*(?:\s+\w+)?\s+fire|clash\w*|fought|fight\w*|battled|skirmish\w*|"
                     r"gunfight|firefight|gun battle|shoot-?out)\b", re.I)


def joins_two_sides(actor: str) -> bool:
    """One span joining two parties of different codes (``Troops and rebels``, ``Nepali Congress and
    CPN-UML cadres``): in a clash with no other party, the two sides of it (decision 122)."""
    from conflict_events.events.actor_codes import actor_code

    first, joined, second = actor.partition(" and ")
    return bool(joined and first.strip() and second.strip()) and \
        actor_code(first.strip()) != actor_code(second.strip())


# An actor written right before the trigger names its agent: 'Taliban attack', 'Israeli drone strike',
# 'LNA warplanes bombed' (decision 30: the aircraft word carries no span), 'Houthi-planted bomb'.
_MODIFIER = re.compile(r"^(?:['\u2019]s)?(?:-\w+)?\s*(?:(?:warplanes?|jets?|aircraft|drones?|helicopters?|artillery)\s+)?$",
                       re.I)


def is_modifier(gap: str) -> bool:
    """The text between an actor and a trigger makes the actor the trigger's modifier (``Israeli drone
    strike``, ``LNA warplanes bombed``)."""
    return bool(_MODIFIER.match(gap))


_RELATED = re.compile(r"\b(?:to|with|from|against|on)\s+(?:the\s+)?$", re.I)  # 'linked to Islamic State overran'
_FINITE = re.compile(r"(?:ed|overran|took|fought|struck|hit|shot|blew|set|fell|overrun)$", re.I)  # 'backed by militias captured'
_PASSIVE_VICTIM = re.compile(r"^\s*(?:(?:were|was|had been|have been|has been|being)\s+)(?:\w+\s+){0,2}?"
                             r"(?:killed|wounded|injured|hurt|hit|struck|targeted|attacked)\s+(?:\w+\s+){0,2}?"
                             r"(?:in|by|during)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?$", re.I)


# 'shells fired from RSF positions', 'a drone strike attributed to the RSF': the act's agent follows it
_AGENT_GAP = re.compile(r"^\s*(?:(?:fired|launched|coming)\s+from|attributed\s+to|blamed\s+on)\s+(?:the\s+)?$", re.I)
# 'sniper fire from Houthi positions', 'shelling from RSF positions': fire comes from its agent
_FIRE = re.compile(r"\b(?:fire|shelling|shells|rockets?|mortars?|artillery|missiles?|gunfire)$", re.I)
_FROM = re.compile(r"^\s*from\s+(?:the\s+)?$", re.I)


# 'A pursued B and clashed with them': the act's other side is a pronoun for the object just named,
# so the object is the target and the clause's subject the initiator
_PRONOUN_SIDE = re.compile(r"\s+with\s+(?:them|him|it)\b", re.I)
_AND_THEN = re.compile(r"(?:\s+(?:into|to|towards|toward|across|through|in|near|as far as)\s+[^,.;:]{1,60}?)?"
                       r"\s+and\s+(?:(?:later|then|soon|eventually|briefly|again)\s+)?", re.I)
_ONE_VERB = re.compile(r"\s+(?:\w+\s+)?\w+ed\s+(?:the\s+|a\s+|an\s+)?", re.I)


@dataclass(frozen=True)
class Roles:
    actor1: Span | None
    actor2: Span | None


def _between(text: str, start: int, end: int) -> str:
    return text[start:end].lower() if start < end else ""


def _names_agent_after(trigger: str, gap: str) -> bool:
    """The words between an act and a later actor make that actor its agent: ``stormed by the``,
    ``shells fired from``, ``sniper fire from`` (not ``a convoy escorted by``)."""
    return bool(re.search(r"\bby\s+(?:the\s+)?$", gap) and not _OTHER_AGENT.search(gap) or _AGENT_GAP.match(gap)
                or _FIRE.search(trigger) and _FROM.match(gap))


def assign_roles(text: str, trigger: Span, actors: list[Span]) -> Roles:
    """Initiator and target among the ACTOR spans of the trigger's sentence.

    Active voice: the nearest actor before the trigger is actor1 (``Taliban assault``, ``Insurgents
    attacked``); an actor after ``on``/``against``/``with``/``targeting`` or right after a transitive
    trigger is actor2. Passive (``stormed by the Taliban``): the ``by`` actor is actor1 and the subject
    before is actor2. ``clashes between A and B``: A is actor1, B actor2.
    """
    before = sorted((a for a in actors if a.end <= trigger.start), key=lambda a: trigger.start - a.end)
    after = sorted((a for a in actors if a.start >= trigger.end), key=lambda a: a.start - trigger.end)
    victim = next((a for a in before[:1] if _PASSIVE_VICTIM.search(_between(text, a.end, trigger.start))), None)
    if victim is not None:  # 'Taliban fighters were killed in air strikes': the subject was hit
        return Roles(None, victim)
    by_actor = next((a for a in after if a.start - trigger.end < 40
                     and _names_agent_after(trigger.text, _between(text, trigger.end, a.start))), None)
    if by_actor is not None:
        subject = before[0] if before and len(_between(text, before[0].end, trigger.start).split()) <= 2 else None
        return Roles(by_actor, subject)
    # 'clashes between A and B', 'fighting broke out between A and B'
    between = next((a for a in after if re.match(r"^\s*(?:(?:broke out|erupted|flared(?: up)?|took place|raged|"
                                                 r"continued|resumed)\s+)?between\s+(?:the\s+)?(?:two\s+|\d+\s+)?$",
                                                 _between(text, trigger.end, a.start))),
                   None)
    if between is not None:
        rest = [a for a in after if a.start > between.end]
        return Roles(between, rest[0] if rest else (before[0] if before else None))
    opposite = next((a for a in after if re.fullmatch(r"\s*(?:with|against)\s+(?:the\s+)?",
                                                      _between(text, trigger.end, a.start))), None)
    if MUTUAL_ACT.search(trigger.text) and len(before) >= 2 and _PRONOUN_SIDE.match(text, trigger.end) \
            and _AND_THEN.fullmatch(text[before[0].end: trigger.start]) \
            and _ONE_VERB.fullmatch(text[before[1].end: before[0].start]):
        return Roles(before[1], before[0])  # 'vigilantes pursued the attackers and clashed with them'
    if MUTUAL_ACT.search(trigger.text) and len(before) >= 2 and opposite is None \
            and re.fullmatch(r"\s*(?:\w+\s+)?", text[before[0].end: trigger.start]) \
            and re.fullmatch(r"\s+and\s+(?:the\s+)?", text[before[1].end: before[0].start]):
        return Roles(before[1], before[0])  # 'police and MS-13 gang members exchanged fire': the first named first
    target = next((a for a in after if a.start - trigger.end < 60 and re.search(
        r"^(?:\s+\S+){0,4}?\s*(?:on|against|with|targeting|at|by)?\s+(?:the\s+|a\s+|an\s+)?$",
        _between(text, trigger.end, a.start)) and not re.search(r"[.;:]", _between(text, trigger.end, a.start))), None)
    # 'a Turkish drone strike', 'killed by M23 shelling': a party written right before the act is its agent
    modifier = next((a for a in before[:1] if _MODIFIER.match(text[a.end: trigger.start])
                     and party_class(a.text) != "civilians" and not _RELATED.search(text[max(0, a.start - 12): a.start])
                     and not (_FINITE.search(trigger.text) and _OBJECT_OF.search(text[max(0, a.start - 12): a.start]))),
                    None)
    subject = modifier or next((a for a in before if trigger.start - a.end < 120
                    and not _bars_agent(_between(text, a.end, trigger.start))
                    and not _OBJECT_OF.search(text[max(0, a.start - 12): a.start])
                    and not _OWNER_OF.match(text, a.end)), None)
    if _FALL.search(trigger.text):  # 'the city has fallen into the hands of X': X took it
        return Roles(target, subject if subject is not None and party_class(subject.text) != "civilians" else None)
    if subject is None and target is not None and re.search(r"\bby\s", _between(text, trigger.end, target.start)):
        return Roles(target, None)
    if target is not None and subject is not None and party_key(target.text) == party_key(subject.text):
        target = None
    return Roles(subject, target)


_SPEAKER = r"(?:spokes\w+|officials?|commanders?|leaders?|sources?)\b.*"  # 'Taliban spokesman Z. Mujahid'


def plain_name(actor: str, written: Iterable[str] | None = None) -> str:
    """The party's plain name where it is written both ways (annotations/README.md):
    ``Taliban fighters`` -> ``Taliban`` when the article also writes ``Taliban`` alone or for its
    speakers (``written``: its ACTOR and SOURCE texts; None: assume so); generic and state actors stay as written, and so does a
    name whose head noun is part of it (``Tigrayan forces``, ``Rapid Support Forces``)."""
    text = re.sub(r"^(?:the|a|an)\s+", "", actor.strip(), flags=re.I)
    key = party_key(text)
    if key.startswith("*") or party_class(text) != "armed" or GENERIC_ARMED.match(key):
        return text
    head = text
    while _GENERIC_TAIL.search(head) and len(head.split()) > 1:
        head = _GENERIC_TAIL.sub("", head).strip()
    if written is not None and not any(re.fullmatch(rf"(?:(?:the|a|an)\s+)?{re.escape(head)}(?:\s+{_SPEAKER})?", w.strip(),
                                                    re.I) for w in written):
        return text
    return head if party_key(head) == key else text


def unidentified(country: str | None) -> str:
    """ACLED's name for an initiator the text does not name."""
    return f"Unidentified Armed Group ({country})" if country else "Unidentified Armed Group"


GENERIC_ATTACK = re.compile(r"^(?:attack\w*|assault\w*|struck|strikes?|hit|targeted|raid\w*|incident)$", re.I)


_REPLY = re.compile(r"\b(?:return(?:ed|ing)? fire|fired back|repel\w*|repuls\w*|counter-?attack\w*)\b", re.I)


def is_reply(trigger: str) -> bool:
    """``returned fire``, ``repelled``: its subject is the side that was attacked."""
    return bool(_REPLY.search(trigger))


def generic_attack(trigger: str) -> bool:
    """A word that names an attack of any kind (``the attack``), so it may refer to a bombing."""
    return bool(GENERIC_ATTACK.match(trigger.strip().split()[-1]))
