"""Fill one :class:`Event` from a group of mentions: type, actors, place, date, counts, sources."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Iterable

from conflict_events.events.actor_codes import actor_code, names_civilians
from conflict_events.events.casualties import Figure, aggregate, counted, restated_totals, stated_range
from conflict_events.events.claims import figure_claims
from conflict_events.events.dates import is_time_of_day
from conflict_events.events.geocode import Place
from conflict_events.events.mentions import Mention
from conflict_events.events.numbers import count_party
from conflict_events.events.placenames import ADMIN_WORDS
from conflict_events.events.records import Claim, Event, Evidence, make_event_id
from conflict_events.events.roles import (AIR_FORCE, BATTLE, BOTH_SIDES, MUTUAL_ACT, NO_FIGHT, REGAIN, TAKEOVER, _COMMON_WORDS, _stems, compatible_actors, generic_attack, is_modifier, is_reply, joins_two_sides, party_class,
                                         party_key, plain_name, unidentified)
from conflict_events.events.sentences import Sentence, headline_sentence, sentence_index
from conflict_events.spans import Span


def _vote(spans: list[Span]) -> Span | None:
    """The span whose party is named most often (ties: the earliest); generic armed nouns
    (``insurgents``) count for the one named armed group when there is one. Returns its first mention."""
    if not spans:
        return None
    keys = {s: party_key(s.text) for s in spans}
    named_armed = {k for s, k in keys.items() if not k.startswith("*") and party_class(s.text) == "armed"}
    if len(named_armed) == 1:
        keys = {s: (next(iter(named_armed)) if k == "*armed" else k) for s, k in keys.items()}
    counts = Counter(keys.values())
    best = max(counts, key=lambda k: (counts[k], not k.startswith("*"),
                                      -min(s.start for s in spans if keys[s] == k)))
    return min((s for s in spans if keys[s] == best and not party_key(s.text).startswith("*")),
               key=lambda s: s.start, default=min((s for s in spans if keys[s] == best), key=lambda s: s.start))


def _spans_in(spans: list[Span], sentences: list[Sentence], indices: set[int], label: str) -> list[Span]:
    return [s for s in spans if s.label == label and sentence_index(sentences, s.start) in indices]


_NOT_A_PARTY = re.compile(r"^(?:|others?|men|man|persons?|bodies|them|those|martyrs?|[a-z]{1,2})$")
_COMBATANT = re.compile(r"\b(?:soldiers?|troops?|officers?|police\w*|guards?|servicem[ae]n|fighters?|militants?|rebels?|"
                        r"insurgents?|commanders?|militiam[ae]n|members?|peacekeepers?|personnel)\b", re.I)


_FORCE_KINDS = (re.compile(r"\b(?:police\w*|officers?|gendarm\w*|constab\w*)\b", re.I),
                re.compile(r"\b(?:soldiers?|troops?|army|military|servicem[ae]n|forces|personnel|garrison)\b", re.I))


def same_side(first: str, second: str) -> bool:
    """Could two party nouns of one event name one side? Armed parties as :func:`compatible_actors`
    says; civilians with civilians (``villagers``, ``residents``); state forces of one kind (police
    with ``policemen``, the army with ``soldiers`` or ``troops``) or sharing a name."""
    if any(f.search(first) and f.search(second) for f in _FORCE_KINDS):
        return True
    kind = party_class(first)
    if kind != party_class(second):
        return False
    if kind == "civilians":
        return True
    if kind == "state":
        return bool(_stems(party_key(first)) & _stems(party_key(second)) - _COMMON_WORDS)
    return compatible_actors(first, second)


# 'a 71-year-old man' is someone a strike hit; a bare 'man' or 'men' may be anyone's fighters
_DESCRIBED_MAN = re.compile(r"\b(?:\d+-year-old|elderly|old|young|teenage)\s+m[ae]n\b", re.I)
# 'the dead included five women', 'two farmers were among the dead': some of a count given elsewhere
_AMONG_BEFORE = re.compile(r"\b(?:includ\w+|among them)\s*$", re.I)
_AMONG_AFTER = re.compile(r"\s*(?:were|was)\s+(?:among|including)\b", re.I)


def _victims(text: str, figures: list[Figure], first: Span | None, singles: bool = False) -> list[Span]:
    """The parties counted among the event's dead and wounded, as written without the number
    (``three police officers`` -> ``police officers``, ``1 soldier`` -> ``soldier``), leaving out
    actor1's own dead, generic nouns (``people``, ``men``) and, unless ``singles``, single bystanders
    (``a farmer``): the victims who are only counted (annotations/README.md, decisions 47 and 53)."""
    found = []
    for figure in figures:
        party = count_party(figure.text)
        described = _DESCRIBED_MAN.search(figure.text) if party in ("man", "men") else None
        party = described.group(0).lower() if described else party
        if figure.count is None or _NOT_A_PARTY.match(party) or figure.count.high == 1 and not singles \
                and not _COMBATANT.search(party) \
                or _AMONG_BEFORE.search(text[max(0, figure.start - 20): figure.start]) \
                or _AMONG_AFTER.match(text[figure.end: figure.end + 30]):
            continue
        at = text.lower().find(party, figure.start, figure.end)
        if at < 0:
            continue
        span = Span(at, at + len(party), "ACTOR", text[at: at + len(party)])
        # a generic initiator (``gunmen``) is "compatible" with any non-state party, yet its own dead
        # are never civilians
        own = compatible_actors(span.text, first.text) and party_class(span.text) != "civilians" if first else False
        if first is None or not (own or same_side(span.text, first.text)):
            found.append(span)
    return found


def _as_named(party: Span | None, pools: list[list[Span]]) -> Span | None:
    """A counted party (``policemen``) is written by its ACTOR span where the event's sentences
    name it (``police``), the mentions' own sentences first: the party's own words, not the count's.
    Civilians keep the count's noun (``residents`` killed, ``women`` abducted are not one group)."""
    if party is None:
        return None
    key, civilians = party_key(party.text), party_class(party.text) == "civilians"
    for actors in pools:
        found = next((a for a in actors if party_key(a.text) == key), None) or next(
            (a for a in actors if not civilians and same_side(a.text, party.text)), None)
        if found is not None:
            return found
    return party


def _named_code(actor: str, country: str | None) -> str | None:
    """The party's ACLED code where it names one party (``ELN`` and ``National Liberation Army
    (ELN)``, ``army`` and ``soldiers`` of one country); None for codes that group many
    (unidentified groups, civilians, communal militias)."""
    code = actor_code(actor, country)
    return None if code is None or "(" in code else code


_POSITIONS_AFTER = re.compile(r"^(?:'s|\u2019s)?\s*(?:positions?|bases?|hideouts?|camps?|strongholds?|posts?|targets?)\b", re.I)
_POSITIONS_BEFORE = re.compile(r"\b(?:positions?|bases?|hideouts?|camps?|strongholds?|posts?|targets?) (?:of|held by) (?:the )?$",
                               re.I)


def _aimed_at(text: str, target: Span) -> bool:
    """The strike is written as aimed at the party's positions (``pound RSF positions``, ``shelled
    hideouts of the terrorist group``): the party stays its target whoever was hit."""
    return bool(_POSITIONS_AFTER.match(text[target.end: target.end + 20])
                or _POSITIONS_BEFORE.search(text[max(0, target.start - 30): target.start]))


# 'The RSF said in a statement that its forces had targeted [a gathering of army-allied fighters]'
_OWN_VERSION = re.compile(r"\bsaid\b[^.;]{0,60}?\b(?:its|their) (?:forces|fighters|men|units|troops|mujahideen) "
                          r"(?:had )?(?:only )?(?:targeted|attacked|struck|hit|engaged)\b[^.;]*$", re.I)


def _own_version(text: str, sentences: list[Sentence], target: Span) -> bool:
    """The target is named only in the initiator's own account of what it hit."""
    sentence = sentences[sentence_index(sentences, target.start)]
    return bool(_OWN_VERSION.search(text[sentence.start: target.start]))


def _civilian_victim(text: str, figures: list[Figure], first: Span | None, singles: bool = False) -> Span | None:
    """The civilians most counted among ``figures`` (:func:`_victims`), if any."""
    return _vote([v for v in _victims(text, figures, first, singles) if party_class(v.text) == "civilians"])


def _civilians_hit_from_afar(mentions: list[Mention], counted: list[Figure], text: str, first: Span | None,
                             claimed_target: bool = False) -> Span | None:
    """The civilians a strike, shelling or bomb killed or wounded, when they are all it counted: they
    are its actor2, not the armed party the shells were aimed at (gold events of the seeds and parts
    A-W whose every linked casualty is a civilian: 101 of 122 remote-violence events have the
    civilians as actor2, 19 none, 2 an armed party)."""
    remote = [m for m in mentions if m.event_type == "Explosions/Remote violence"]
    first_told = min(mentions, key=lambda m: m.trigger.start)
    if 2 * len(remote) <= len(mentions) and first_told not in remote and not claimed_target:
        return None  # 'a drone strike hit ... it struck'; a raid whose target only its author names
    if not counted or any(f.party != "" for f in counted):
        return None
    return _civilian_victim(text, counted, first, singles=True)


def choose_actors(mentions: list[Mention], spans: list[Span], sentences: list[Sentence], indices: set[int],
                  country: str | None, figures: list[Figure] = (), text: str = "") -> tuple[str, str | None]:
    """actor1 by vote over the mentions' initiators, else ACLED's ``Unidentified Armed Group
    (<country>)``; actor2 by vote over the targets, else the most named actor of another kind
    (state / armed / civilians) in their sentences, else a counted party (``police officers``), else
    such an actor in the neighbouring sentences. Forces retaking
    a site to end an assault count as its targets. Air strikes: the state force named with them
    is actor1 (the side they support) unless the text writes the strike's own agent (``a Turkish drone
    strike``); with none in their sentences, a state force of the neighbouring sentences or the air
    force named in the article. A span naming both sides (``rival Taliban factions``) is both."""
    # a round-up's headline lists every entry's parties: its sentence names none of this event's own
    indices = indices - {m.sentence for m in mentions if m.listed} or indices
    near = indices | {i + 1 for i in indices} | {i - 1 for i in indices}
    air = any(m.sub_event_type == "Air/drone strike" for m in mentions)
    assault = _vote([m.actor1 for m in mentions if m.actor1 is not None and m.sub_event_type != REGAIN[1]])
    firsts, seconds = [], []
    body_mentions = [m for m in mentions if not m.headline]
    if any(m.actor1 is not None or m.actor2 is not None for m in body_mentions):
        # a headline compresses, and one that lists incidents pairs its parties loosely ('militia raid in
        # Tshopo, army and Mai-Mai clash in Maniema'): the body's own sentences name the event's parties
        mentions_for_roles = body_mentions
    else:
        mentions_for_roles = mentions
    for m in mentions_for_roles:
        a1, a2 = m.actor1, m.actor2
        if m.sub_event_type == REGAIN[1] and assault is not None and a1 is not None and \
                not compatible_actors(a1.text, assault.text) or is_reply(m.trigger.text) and len(mentions) > 1:
            a1, a2 = a2, a1  # the side retaking a site after an assault, or returning fire, was attacked
        firsts += [a1] if a1 is not None else []
        seconds += [a2] if a2 is not None else []
    if air:  # a non-state initiator of a strike only when written as its agent ('a Turkish drone strike')
        firsts = [m.actor1 for m in mentions if m.actor1 is not None and (party_class(m.actor1.text) == "state" or (
            m.actor1.end <= m.trigger.start and is_modifier(text[m.actor1.end: m.trigger.start]))
            or m.actor1.start >= m.trigger.end)]  # written after it: its agent ('a drone strike by Houthi forces')
    armed_acts = all(m.event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence")
                     for m in mentions)
    if armed_acts and any(party_class(a.text) != "civilians" for a in firsts):
        # 'Gunmen attacked three villages, shooting residents': the residents a participle names are
        # its targets, never the initiator of an armed act that an armed party is written doing
        firsts = [a for a in firsts if party_class(a.text) != "civilians"]
    first = _vote(firsts)
    if air and first is None:
        first = _air_force(spans, sentences, indices, near)
    key1 = party_key(first.text) if first else None
    code1 = _named_code(first.text, country) if first else None
    second = _vote([a for a in seconds if party_key(a.text) != key1
                    and (code1 is None or _named_code(a.text, country) != code1)])
    avoid = party_class(first.text) if first is not None else None
    headline = headline_sentence(text, sentences) if text else None
    body = [f for f in figures if sentence_index(sentences, f.start) != headline]  # a headline may list several events
    counted = body or list(figures)
    others_named = [[a for a in _spans_in(spans, sentences, pool, "ACTOR") if party_key(a.text) != key1]
                    for pool in (indices, near)]
    if second is None and text:
        victim = _vote(_victims(text, counted, first))
        if victim is None and all(f.party == "" for f in counted):
            # a lone civilian is the target only where the event counts no group and no fighter ('shot dead a tribal elder')
            victim = _civilian_victim(text, counted, first, singles=True)
        if victim is None and body and all(f.party == "" for f in body):
            # the body counts 'five people'; the headline says who they were ('five villagers killed')
            victim = _civilian_victim(text, [f for f in figures if f not in body], first)
        second = _as_named(victim, others_named)
    if second is not None and text and party_class(second.text) != "civilians" and not _aimed_at(text, second):
        hit = _civilians_hit_from_afar(mentions, counted, text, first, _own_version(text, sentences, second))
        second = _as_named(hit, others_named) if hit is not None else second
    for pool in (indices, near):
        if second is None:
            second = _vote([a for a in _spans_in(spans, sentences, pool, "ACTOR") if party_class(a.text) != avoid])
    if first is None and not air:
        kind = Counter(m.event_type for m in mentions).most_common(1)[0][0]
        own_kind = {m.sentence for m in mentions if m.event_type == kind} & indices  # not a joined mention of another kind
        first = _named_beside(spans, sentences, own_kind, second, armed_acts)
    written = {s.text for s in spans if s.label in ("ACTOR", "SOURCE")}
    actor1 = plain_name(first.text, written) if first is not None else unidentified(country)
    actor2 = plain_name(second.text, written) if second is not None else None
    if first is not None and (second is None or actor2 == actor1) and (BOTH_SIDES.search(first.text) or (
            joins_two_sides(first.text) and any(MUTUAL_ACT.search(m.trigger.text) for m in mentions))):
        return actor1, actor1  # 'clashes between rival Taliban factions' (decision 47), 'X and Y clashed'
    return actor1, (actor2 if actor2 != actor1 else None)


def _named_beside(spans: list[Span], sentences: list[Sentence], indices: set[int], second: Span | None,
                  armed_acts: bool) -> Span | None:
    """No mention names its initiator, but the event's sentences name a party other than its target
    (``FARDC soldiers`` beside ``militiamen`` they fought, ``the Sinaloa Cartel`` said to be behind a
    blast): the first such party is the initiator, not an unidentified group. Civilians only
    initiate riots and protests."""
    for actor in _spans_in(spans, sentences, indices, "ACTOR"):
        if armed_acts and party_class(actor.text) == "civilians":
            continue
        if second is not None and (party_key(actor.text) == party_key(second.text)
                                   or compatible_actors(actor.text, second.text)):
            continue
        return actor
    return None


def _air_force(spans: list[Span], sentences: list[Sentence], indices: set[int], near: set[int]) -> Span | None:
    """The side that flies an air strike when no agent is written with it: a state force of its
    sentences, else of the neighbouring ones, else an air force named anywhere in the article."""
    state = lambda pool: next((a for a in _spans_in(spans, sentences, pool, "ACTOR")  # noqa: E731
                               if party_class(a.text) == "state"), None)
    return state(indices) or next((s for s in spans if s.label == "ACTOR" and AIR_FORCE.search(s.text)), None) or \
        state(near)


def _counted_on_no_side(figures: list[Figure]) -> list[Figure]:
    """The figures counting anyone, when none of them counts an armed or state side; else none."""
    counted_people = [f for f in figures if f.count is not None and f.count.high > 0]
    return counted_people if all(f.party == "" for f in counted_people) else []


def _only_civilians_hit(figures: list[Figure]) -> bool:
    """No one is counted on an armed or state side, and the largest count of the dead (of the
    wounded, with no dead) names civilians (``an ANC ward councillor``, ``seven peasants``)."""
    counted_people = _counted_on_no_side(figures)
    if not counted_people:
        return False
    toll = [f for f in counted_people if f.kind == "killed"] or counted_people
    largest = max(f.count.high for f in toll)  # 'the dead include five civilians' of 27: a fight's toll
    return any(names_civilians(count_party(f.text)) for f in toll if f.count.high == largest)


def _one_sided_toll(mentions: list[Mention], figures: list[Figure]) -> bool:
    """An act no word tells as two-sided or as an assault ('raided', 'opened fire on', not 'clashed',
    'fought' or 'stormed'), with no target named and a toll that counts no one of an armed or state
    side ('six people', 'eight bodies'): ACLED's battle needs two armed sides, so it is violence
    against civilians."""
    return bool(_counted_on_no_side(figures)) \
        and not any(MUTUAL_ACT.search(m.trigger.text) or _ASSAULT.search(m.trigger.text) for m in mentions)


# storming, overrunning or besieging a place assaults those who hold it
_ASSAULT = re.compile(r"\b(?:storm\w*|overr[au]n\w*|besieg\w*|siege|assault\w*)\b", re.I)


def choose_type(mentions: list[Mention], actor1: str | None, actor2: str | None, figures: list[Figure],
                sentences: list[Sentence], indices: set[int]) -> tuple[str, str | None]:
    specific = [m for m in mentions if not (m.event_type == "Battles" and generic_attack(m.trigger.text))]
    pool = [m for m in specific if any(o.event_type != "Battles" for o in specific)] or mentions
    types = Counter(m.event_type for m in pool if not m.bare) or Counter(m.event_type for m in pool)
    event_type = max(types, key=lambda t: (types[t], -next(i for i, m in enumerate(mentions) if m.event_type == t)))
    subs = [m.sub_event_type for m in mentions if m.event_type == event_type]
    sub = Counter(subs).most_common(1)[0][0] if subs else None
    if event_type != "Battles":
        return event_type, sub
    captures = [m for m in mentions if m.sub_event_type in (TAKEOVER[1], REGAIN[1])]
    if not any(m.sub_event_type == TAKEOVER[1] for m in captures) and len(captures) < len(mentions):
        captures = []  # forces retaking a site to end an assault: still the assault
    if 3 * len(captures) < len(mentions):
        captures = []  # an attack in which some buildings were briefly seized: an armed clash
    text = " ".join(sentences[i].text for i in sorted(indices))
    if captures and len(captures) == len(mentions) and not figures and NO_FIGHT.search(text):
        return "Strategic developments", "Non-violent transfer of territory"
    if actor2 and (party_class(actor2) == "civilians" or names_civilians(actor2)) and not captures:
        return "Violence against civilians", "Attack"
    if actor2 is None and not captures and (actor1 is None or party_class(actor1) != "state") \
            and (_only_civilians_hit(figures) or _one_sided_toll(mentions, figures)):
        return "Violence against civilians", "Attack"  # 'opened fire on a local imam, X, killing him
    if captures:
        if actor1 is not None:
            return "Battles", REGAIN[1] if party_class(actor1) == "state" else TAKEOVER[1]
        return "Battles", captures[0].sub_event_type
    return "Battles", sub


_AIRCRAFT = re.compile(r"\b(?:air ?force|warplanes?|jets?|aircraft|helicopters?|gunships?|drones?|bombers)\b", re.I)
_CROWD_VIOLENCE = re.compile(r"\b(?:ston|rock|set fire|torch|burn|storm|loot|riot|smash|vandal|block|petrol bomb|"
                             r"molotov|clash|attack|hurl|threw)", re.I)


def crowd_type(mentions: list[Mention], event_type: str, sub: str | None, actor1: str | None,
               actor2: str | None) -> tuple[str, str | None, str | None, str | None]:
    """A fight in which one side is a crowd of demonstrators is no battle (annotations/README.md,
    'Violent protests'): with the crowd's own violence among its acts (stones, arson, storming) it is
    ``Riots / Violent demonstration``, the demonstrators actor1 and the police actor2, whoever fired
    first; force used on a crowd that did nothing of the kind is ``Protests / Excessive force against
    protesters``. Other types, and records with no crowd, are left as they are."""
    crowd = [a for a in (actor1, actor2) if a and (actor_code(a) or "").startswith(("Protesters", "Rioters"))]
    if not crowd or event_type not in ("Battles", "Violence against civilians"):
        return event_type, sub, actor1, actor2
    if any(_CROWD_VIOLENCE.search(m.trigger.text) for m in mentions):
        other = actor2 if crowd[0] == actor1 else actor1
        return "Riots", "Violent demonstration", crowd[0], other
    return "Protests", "Excessive force against protesters", actor1, actor2


UNRESOLVED_LEVEL = 0.5  # a named place the gazetteer lacks is a village or quarter: finer than a province


_PROVINCE_WORDS = re.compile(rf"\s+(?:{'|'.join(ADMIN_WORDS)})$", re.I)


def _names_a_province(place: Place, article_places: Iterable[Place]) -> bool:
    name = _PROVINCE_WORDS.sub("", place.text).lower()
    return any(_PROVINCE_WORDS.search(p.text) and _PROVINCE_WORDS.sub("", p.text).lower() == name
               for p in [place, *article_places])


def specificity(place: Place, article_places: Iterable[Place]) -> float:
    """How coarse a place reads in its article (1 town ... 4 country). A town named like its
    province ('Katsina') reads as the province where the article also writes that province
    ('Katsina state'); a name the gazetteer lacks reads as finer than a province (ACLED codes the
    most specific place, falling back to the enclosing one for the coordinates)."""
    if not place.resolved and _names_a_province(place, article_places):
        return 3  # 'Sistan-Baluchestan' beside 'Sistan-Baluchestan province': a province the gazetteer spells otherwise
    if not place.resolved or place.location_text:
        return UNRESOLVED_LEVEL
    if place.admin1_namesake and any(p.kind == "admin1" and p.admin1 == place.admin1
                                     and p.country_code == place.country_code for p in article_places):
        return 3
    return place.level


def lies_in(place: Place, coarse: Place) -> bool:
    """``place`` is inside the province or country ``coarse`` (a place the gazetteer lacks is taken
    to be inside unless it is known to be in another country)."""
    if place.country_code is not None and place.country_code != coarse.country_code:
        return False
    if coarse.kind == "country":
        return True
    if not coarse.resolved:  # a province the gazetteer does not know: anything of its country may lie in it
        return place.country_code is not None and place.country_code == coarse.country_code and place.kind != "admin1"
    # a town named like its province and read as the province ('Zacatecas' beside 'Zacatecas state') encloses too
    return (coarse.kind == "admin1" or coarse.admin1_namesake) and (not place.resolved or place.admin1 == coarse.admin1)


def choose_place(mentions: list[Mention], spans: list[Span], sentences: list[Sentence],
                 places: dict[str, Place]) -> tuple[Place | None, int]:
    """The most specific place: bound places first, then weaker ones; a province or country bound
    to the event gives way to a finer place of its sentences inside it ('an ambush in Guerrero' ...
    'on a road near Teloloapan'), else of the sentences around them. Returns (place, fallback level)."""
    indices = {m.sentence for m in mentions}
    all_places = [s for s in spans if s.label == "PLACE"]
    article_places = [places[s.text] for s in all_places if s.text in places]
    towns = Counter(places[s.text].geonameid for s in all_places if places[s.text].kind == "city")
    main_town = [s for s in all_places if towns and places[s.text].geonameid == towns.most_common(1)[0][0]][:1]
    told = lambda headline: {s.text for m in mentions if m.headline == headline  # noqa: E731
                             for s in (m.place, m.weak_place) if s is not None}
    headline_only = told(True) - told(False)
    bound = [m.place for m in mentions if m.place is not None]
    weak = [m.weak_place for m in mentions if m.weak_place is not None]
    if bound and all(m.headline for m in mentions if m.place is not None):
        # only the headline binds a place ('Daesh attack near Tuz Khurmatu'): the body's own places
        # ('in the village of Albu Khadr, in the district of Tuz Khurmatu') compete with it
        bound = bound + [s for s in weak if not any(m.headline and m.weak_place == s for m in mentions)]
    # a place pointed back to ('overran the town') comes before the other places of the sentence
    anaphors = [m.anaphor_place for m in mentions if m.anaphor_place is not None]
    tiers = [
        bound,
        anaphors or weak,
        _spans_in(spans, sentences, {i + d for i in indices for d in (-2, -1, 1, 2)}, "PLACE"),
        main_town or all_places[:1],
    ]
    for level, tier in enumerate(tiers):
        candidates = [places[s.text] for s in tier if s.text in places]
        if not candidates:
            continue
        counts = Counter((p.geonameid, p.text if p.geonameid is None else None) for p in candidates)

        def rank(p: Place) -> tuple:  # at equal specificity the body's place before the headline's
            return (specificity(p, article_places), p.text in headline_only,
                    -counts[(p.geonameid, p.text if p.geonameid is None else None)])

        best = min(candidates, key=rank)
        if level == 0 and specificity(best, article_places) >= 3:
            finer = [p for p in (places[s.text] for s in weak if s.text in places)
                     if specificity(p, article_places) < 3 and lies_in(p, best)]
            if not finer:  # none in its own sentences: the sentences around them ('outside Sabuwa')
                finer = [p for p in (places[s.text] for s in tiers[2] if s.text in places)
                         if specificity(p, article_places) < 3 and lies_in(p, best)]
            best = min(finer, key=lambda p: (specificity(p, article_places), p.text)) if finer else best
        elif level == 0 and best.kind == "admin2" and not best.location_text:
            # a district bound to the act gives way to a town of the act's sentences inside it
            # ('in Datu Piang town, Maguindanao del Sur'), or to a village there the gazetteer lacks
            # ('in the village of Sampéto, in the commune of Karimama'): the village is the place,
            # written in location_text, on the district's coordinates (ACLED's way)
            nearby = [places[s.text] for s in bound + weak if s.text in places]
            towns = [p for p in nearby if p.kind == "city" and p.admin2 == best.admin2 and p.country_code == best.country_code]
            # a name the gazetteer lacks, already placed on this district ('Mazeze, Chiúre district')
            placed = [p for p in nearby if p.location_text and p.geonameid == best.geonameid]
            villages = [p.text for p in nearby if not p.resolved and p.country_code in (None, best.country_code)]
            best = towns[0] if towns else placed[0] if placed else \
                replace(best, location_text=villages[0]) if villages else best
        if level == 0 and best.geonameid is not None and not best.location_text:
            # a quarter, building or junction of the chosen town, named beside the act ('near the KM4
            # junction in Mogadishu'), is where it happened (ACLED's most specific place)
            quarters = [p for p in (places[s.text] for s in weak if s.text in places)
                        if p.location_text and p.geonameid == best.geonameid]
            best = min(quarters, key=lambda p: p.text) if quarters else best
        if not best.resolved and best.country is None:
            backup = min((p for p in candidates if p.resolved), key=rank, default=None)
            if backup is not None:
                best = Place(best.text, country=backup.country, country_code=backup.country_code,
                             admin1=backup.admin1 if backup.kind != "country" else None)
        return best, level
    return None, 4


def choose_time(mentions: list[Mention]) -> tuple[str | None, str | None, str | None]:
    """(date, date_text, time_precision): the day most mentions give (acts before statements)."""
    for reporting in (False, True):
        days = [m for m in mentions if m.time is not None and m.time.date and m.report_time == reporting]
        # a day another mention names ('on Friday') says more than a time of day ('at dawn')
        days = [m for m in days if not is_time_of_day(m.time.date_text)] or days
        if days:
            counts = Counter(m.time.date for m in days)
            pick = max(days, key=lambda m: (counts[m.time.date], -m.trigger.start))
            return pick.time.date, pick.time.date_text, pick.time.precision
    vague = [m for m in mentions if m.time is not None and m.time.precision and not m.report_time]
    if vague:
        return None, vague[0].time.date_text, vague[0].time.precision
    return None, None, None


def _confidence(mentions: list[Mention], filled: list[bool], place_level: int) -> float:
    score = sum(m.trigger.score for m in mentions) / len(mentions)
    completeness = 0.5 + 0.5 * sum(filled) / len(filled)
    return round(max(0.0, min(1.0, score * completeness * (1.0 - 0.1 * place_level))), 4)


def _no_civilian_bomber(actor1: str, actor2: str | None, country: str | None) -> tuple[str, str | None]:
    """Civilians set off no bomb, strike or shell: named as an explosion's initiator (``a truck
    carrying traders struck a landmine``, ``a farmer was killed by an Israeli drone``) they are its
    target, and the other side or an unidentified group is its author."""
    if party_class(actor1) != "civilians":
        return actor1, actor2
    if actor2 is not None and party_class(actor2) != "civilians":
        return actor2, actor1
    return unidentified(country), actor2 or actor1


# '[A gendarmerie] pick-up struck a [landmine]', '[the army] truck ran over an [IED]'
_STRUCK_MINE = re.compile(r"^\s*(?:[\w'\u2019-]+\s+){0,3}?(?:struck|hit|ran over|ran onto|drove over|drove onto|"
                          r"triggered|stepped on)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+)?$", re.I)


def _struck_the_mine(text: str, mentions: list[Mention], actor1: str) -> bool:
    """The party whose vehicle or patrol struck a mine is the blast's target: its author is whoever
    laid the mine (named, if at all, by a claim or a blame)."""
    return any(m.actor1 is not None and m.actor1.text == actor1 and m.actor1.end <= m.trigger.start
               and m.sub_event_type == "Remote explosive/landmine/IED"
               and _STRUCK_MINE.match(text[m.actor1.end: m.trigger.start]) for m in mentions)


def build_event(article_id: str, text: str, spans: list[Span], sentences: list[Sentence], mentions: list[Mention],
                figures: list[Figure], chosen: list[int], places: dict[str, Place], denials: list[Claim],
                bylines: list[str] = (), place_override: tuple[Place, int] | None = None) -> Event:
    """Fill one event from its mentions; ``bylines`` are outlets credited for the whole article."""
    indices = set(chosen)
    place, place_level = place_override or choose_place(mentions, spans, sentences, places)
    actor1, actor2 = choose_actors(mentions, spans, sentences, {m.sentence for m in mentions},
                                   place.country if place else None, figures, text)
    event_type, sub = choose_type(mentions, actor1, actor2, figures, sentences, indices)
    event_type, sub, actor1, actor2 = crowd_type(mentions, event_type, sub, actor1, actor2)
    if event_type == "Battles" and sub == BATTLE[1] and actor1 and _AIRCRAFT.search(actor1):
        event_type, sub = "Explosions/Remote violence", "Air/drone strike"  # 'the air force struck'
    if event_type == "Explosions/Remote violence":
        actor1, actor2 = _no_civilian_bomber(actor1, actor2, place.country if place else None)
        if actor1 is not None and _struck_the_mine(text, mentions, actor1):
            actor1, actor2 = unidentified(place.country if place else None), actor1
    date, date_text, precision = choose_time(mentions)
    sentence_of = lambda offset: sentence_index(sentences, offset)  # noqa: E731
    tally = counted(figures, sentence_of)
    restated = restated_totals(tally, sentence_of)
    clause_of = lambda offset: (sentence_of(offset), text.count(";", sentences[sentence_of(offset)].start, offset))  # noqa: E731
    killed = aggregate((f for f in tally if f.kind == "killed"), (actor1, actor2), restated, clause_of)
    wounded = aggregate((f for f in tally if f.kind == "wounded"), (actor1, actor2), restated, clause_of)
    killed = stated_range(tally, text, "killed") or killed
    wounded = stated_range(tally, text, "wounded") or wounded
    sources = list(dict.fromkeys(s.text for s in _spans_in(spans, sentences, indices, "SOURCE")))
    sources += [f.source for f in figures if f.source and f.source not in sources]
    sources += [b for b in bylines if b not in sources]
    claims = tuple(dict.fromkeys(figure_claims(tally, article_id) + list(denials)))
    triggers = tuple(Evidence(article_id, m.trigger.start, m.trigger.end, m.trigger.text) for m in mentions)
    evidence = tuple(Evidence(article_id, sentences[i].start, sentences[i].end, sentences[i].text) for i in chosen)
    filled = [actor1 is not None, actor2 is not None, place is not None and place.resolved, date is not None,
              killed is not None or wounded is not None]
    return Event(
        event_id=make_event_id(article_id, [(m.trigger.start, m.trigger.end) for m in mentions]),
        article_ids=(article_id,), event_type=event_type, sub_event_type=sub, actor1=actor1, actor2=actor2,
        location=(place.name if place.location_text else place.text) if place else None,
        country=place.country if place else None, admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None, location_text=place.location_text if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None, geonameid=place.geonameid if place else None,
        geo_precision=place.precision if place else None, date=date, date_text=date_text, time_precision=precision,
        killed=killed, wounded=wounded, sources=tuple(sources), claims=claims, evidence=evidence, triggers=triggers,
        confidence=_confidence(mentions, filled, place_level),
    )
