"""``extract_events``: from one article's spans to event records (pure; no model).

1. Split sentences; make one :class:`~conflict_events.events.mentions.Mention` per TRIGGER
   (dateline places left out; trends, campaigns and history marked as backdrop and dropped).
2. Group mentions into events in text order. A mention joins an earlier event when nothing
   contradicts it: same event type (a generic ``attack`` may join a bombing), compatible place
   (same town, or one inside the other; a country named further off must agree), same day when
   both are dated (a vague period never joins a dated event), compatible initiators (a clash may
   name its sides either way round), and not a capture set against a recapture; forces retaking
   a site to end an assault stay in the assault. Among candidates it prefers the same place and
   day, then a shared sentence or trigger word, then (for an exchange of fire such as ``the
   fighting``) a battle, then the event told last before it. Retellings (a headline, ``the
   attack``) fold into the event they retell. Given a trained coreference score, events it reads as
   one are joined unless the text sets them apart (:mod:`join`).
3. Attach each KILLED/WOUNDED span (subset counts left out) to the event of the nearest trigger
   in its sentence, else of the nearest sentence within two that has one (earlier first);
   denials likewise. A recapture with no place of its own takes the place of the capture.
4. Fill each event: most specific place, the day most of its mentions give, actors by vote,
   casualties summed per party (:mod:`casualties`), sources, claims and evidence sentences.
5. Finish the records: undated acts take a related act's day, a claimed or blamed act its
   claimant (:mod:`credit`), and an event naming one side twice another party (:mod:`sides`).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Sequence

from conflict_events.events.casualties import Figure, is_subset_in, make_figure
from conflict_events.events.harm_cues import harm_kind, harm_told
from conflict_events.events.loss_sides import own_loss_sides
from conflict_events.events.claims import DENIAL, counter_claims, nearest_source
from conflict_events.events.credit import credit_claimed
from conflict_events.events.sides import separate_sides
from conflict_events.events.entry_heads import (
    cut_at_head_separators, entry_head_places, head_parts_as_places, digit_dates_as_times, on_live_update)
from conflict_events.events.geocode import Gazetteer, Place, _distance_km, places_by_name, strip_type_words
from conflict_events.events.misreads import misread_actors, misread_places, tidy_places
from conflict_events.events.dates import (
    SAME_DAY_OFFSET, day_named_before, is_clock_time, is_earlier_period, is_time_of_day, resolve_time)
from conflict_events.events.mentions import MONTH_NAMES, Mention, build_mentions, is_dateline, named_days, other_entry
from conflict_events.events.numbers import count_party, parse_count, parse_figure
from conflict_events.events.records import Event
from conflict_events.events.roles import (CAPTURES, REGAIN, TAKEOVER, capture_and_recapture, compatible_actors,
                                          generic_attack, party_side)
from conflict_events.events.sentences import Sentence, headline_sentence, sentence_index, split_sentences
from conflict_events.events.build_event import build_event, choose_place
from conflict_events.events.join import Coreference, join_clusters
from conflict_events.spans import Span



@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    extra_sentences: set[int] = field(default_factory=set)
    # the mentions its place is chosen from: the larger of two rule events a learned score joined
    # (the join adds the other's facts, not a finer place of a neighbouring telling); empty: all
    place_mentions: list[Mention] = field(default_factory=list)

    @property
    def sentences(self) -> set[int]:
        return {m.sentence for m in self.mentions} | self.extra_sentences


def places_compatible(a: Place | None, b: Place | None) -> bool:
    """Could two places be the site of one event (one inside the other, or the same town)?"""
    if a is None or b is None:
        return True
    if a.resolved and b.resolved:
        if a.geonameid is not None and a.geonameid == b.geonameid:
            return True
        if a.country_code != b.country_code:
            return False
        if "country" in (a.kind, b.kind):
            return True
        if "admin1" in (a.kind, b.kind) or a.admin1_namesake or b.admin1_namesake:
            if a.admin1 == b.admin1 and (a.kind != "city" or b.kind != "city" or a.admin1_namesake or b.admin1_namesake):
                return True
        if "admin1" in (a.kind, b.kind):
            return a.admin1 == b.admin1
        if "admin2" in (a.kind, b.kind):  # a district and a town in it, or the district twice
            return a.admin1 == b.admin1 and (a.admin2 == b.admin2 or None in (a.admin2, b.admin2))
        if None in (a.latitude, b.latitude):
            return False
        return _distance_km((a.latitude, a.longitude), (b.latitude, b.longitude)) < 10
    if not a.resolved and not b.resolved:
        return strip_type_words(a.text)[0] == strip_type_words(b.text)[0]
    return True


def _same_place(a: Place | None, b: Place | None) -> bool:
    return a is not None and b is not None and places_compatible(a, b) and (a.kind == b.kind or a.geonameid == b.geonameid)


def _day(m: Mention) -> str | None:
    return m.time.date if m.time is not None and not m.report_time else None


# Words for a side's reply or for the exchange itself: either side may be their subject
# (``security forces returned fire``, ``troops repelled the attack``), so they name no initiator.
_EITHER_SIDE = re.compile(r"\b(?:return(?:ed|ing)? fire|fired back|repel\w*|repuls\w*|counter-?attack\w*|crossfire|"
                          r"exchang\w* (?:of )?fire|gun ?battle|gunfight|firefight|clash\w*|fighting|fought|battles?)\b", re.I)


def _reply_agrees(reply: Mention, other: Mention) -> bool:
    """A reply's subject is the other mention's target. An unnamed target is taken to be the replying
    side only next to the attack it answers (two sentences apart at most), and never for a capture,
    whose other side may be a third party fighting elsewhere."""
    if other.actor2 is not None:
        return compatible_actors(reply.actor1.text, other.actor2.text)
    return abs(reply.sentence - other.sentence) <= 2 and other.sub_event_type not in CAPTURES


def _actors_agree(a: Mention, b: Mention) -> bool:
    """Same initiator, or (a clash) the same two sides named the other way round, or a reply by
    the side that was attacked."""
    if a.actor1 is None or b.actor1 is None or compatible_actors(a.actor1.text, b.actor1.text):
        return True
    if _EITHER_SIDE.search(a.trigger.text) and _reply_agrees(a, b) or \
            _EITHER_SIDE.search(b.trigger.text) and _reply_agrees(b, a):
        return True
    clash = a.sub_event_type == b.sub_event_type == "Armed clash"
    return clash and (b.actor2 is not None and compatible_actors(a.actor1.text, b.actor2.text)
                      or a.actor2 is not None and compatible_actors(a.actor2.text, b.actor1.text))


def _absorbs(a: Mention, b: Mention) -> bool:
    """A bombing and ``the attack``: a generic attack word may refer to a non-Battles event."""
    return any(x.event_type == "Battles" and generic_attack(x.trigger.text) and x.sub_event_type not in CAPTURES
               and y.event_type != "Battles" for x, y in ((a, b), (b, a)))


def _loose(m: Mention) -> bool:
    """A mention with no place and no time at all (``the explosion``, ``gunfire``); the day its
    entry's head gives every act of the entry does not date it."""
    if m.dated_by_head:
        return m.place is None
    return m.bare and m.time_span is None


def _mixed_attack(a: Mention, b: Mention) -> bool:
    """One attack done several ways (a car bomb, then gunmen storming; a raid in which houses were
    set on fire): a mention that neither places nor dates itself may join an event of another type.
    Captures keep their type: a seizure after a bombing is its own event."""
    return (_loose(a) or _loose(b)) and abs(a.sentence - b.sentence) <= 2 and \
        a.sub_event_type not in CAPTURES and b.sub_event_type not in CAPTURES


def _vague(m: Mention) -> bool:
    return m.time is not None and not m.time.date and m.time.precision is not None and not m.report_time


def conflict(cluster: Cluster, m: Mention, places: dict[str, Place]) -> str | None:
    """Why ``m`` cannot join ``cluster`` (the first rule it breaks), or None when nothing contradicts it."""
    has_takeover = any(o.sub_event_type == TAKEOVER[1] for o in cluster.mentions)
    shares_sentence = m.sentence in cluster.sentences
    if m.separate and not shares_sentence:
        return "separate"
    if m.round_up and not shares_sentence and not all(o.headline for o in cluster.mentions):
        return "round-up"  # the headline may still list it
    if m.entry is not None and (m.headline or all(o.headline for o in cluster.mentions)):
        return "entry"  # each item a round-up's headline lists stays apart until folded into its own entry
    answers = _answers(m, cluster)
    for other in cluster.mentions:
        reason = _pair_conflict(m, other, places, has_takeover, shares_sentence, answers)
        if reason is not None:
            return reason
    return None


_CROSSFIRE = re.compile(r"^cross-?fire$", re.I)


def _last_cluster_before(clusters: list[Cluster], offset: int, keep: Callable[[Mention], bool]) -> Cluster | None:
    """The cluster of the last mention told before ``offset`` that ``keep`` accepts."""
    before = [(m.trigger.start, c) for c in clusters for m in c.mentions if m.trigger.start < offset and keep(m)]
    return max(before, key=lambda item: item[0])[1] if before else None


def _fighting_caught_in(m: Mention, clusters: list[Cluster]) -> Cluster | None:
    """People ``caught in the crossfire`` are collateral of the fighting told last before them,
    whoever the sentence names around it (a witness's town, the civilians as subject)."""
    if not _CROSSFIRE.match(m.trigger.text.strip()):
        return None
    return _last_cluster_before(clusters, m.trigger.start, lambda o: o.event_type == "Battles")


def _cluster_told(lead: Mention | None, clusters: list[Cluster]) -> Cluster | None:
    """The cluster holding ``lead``, the act a participle goes on telling (:attr:`Mention.continues`)."""
    if lead is None:
        return None
    return next((c for c in clusters if any(o is lead for o in c.mentions)), None)


def _answers(reply: Mention, cluster: Cluster) -> bool:
    """A reply that neither places nor dates itself (``the guards returned fire``, ``vigilantes
    tried to repel them``) answers the act told at most two sentences before it, whoever its
    subject is: its side is often named otherwise than the attack's target (``guards`` of a
    ``Taliban checkpoint``, ``soldiers`` of a joint patrol), so no initiator check applies."""
    return _loose(reply) and (bool(_EITHER_SIDE.search(reply.trigger.text)) or _unnamed(reply.actor1)) and \
        any(0 <= reply.sentence - other.sentence <= 2 for other in cluster.mentions)


# A side named by a common noun (``the agents``, ``Military police``, ``guards``), not by a party's name.
_COMMON_SIDE = re.compile(r"^(?:the |its |their |our |his )?(?:[a-z-]+ )?(?:soldiers|troops|police(?:men)?|officers|agents|"
                          r"guards|gendarmes|forces|vigilantes|militiamen|men|attackers|assailants|gunmen|militants|"
                          r"fighters|insurgents|residents|villagers)$", re.I)


def _unnamed(actor: Span | None) -> bool:
    return actor is not None and bool(_COMMON_SIDE.match(actor.text)) and actor.text[1:] == actor.text[1:].lower()


def _pair_conflict(m: Mention, other: Mention, places: dict[str, Place], has_takeover: bool,
                   shares_sentence: bool, answers: bool = False) -> str | None:
    if other_entry(m, other):
        return "entry"
    if m.event_type != other.event_type and not _absorbs(m, other) and not _mixed_attack(m, other):
        return "type"
    if capture_and_recapture(m.sub_event_type, other.sub_event_type):
        return "capture"
    # Forces retaking a site to end an assault act inside it: no initiator check then.
    ends_assault = REGAIN[1] in (m.sub_event_type, other.sub_event_type) and not has_takeover
    if not ends_assault and not answers and not _actors_agree(m, other):
        return "actors"
    if not places_compatible(_place(m, places), _place(other, places)):
        return "place"
    if not shares_sentence and _countries_differ(m, other, places):
        return "country"
    if _day(m) and _day(other) and _day(m) != _day(other):
        return "day"
    if (_vague(m) and _day(other)) or (_day(m) and _vague(other)):
        return "vague"
    return None


def _compatible(cluster: Cluster, m: Mention, places: dict[str, Place]) -> bool:
    return conflict(cluster, m, places) is None


def _place(m: Mention, places: dict[str, Place]) -> Place | None:
    return places.get(m.place.text) if m.place is not None else None


def _far_country(m: Mention, places: dict[str, Place]) -> str | None:
    """A country named further off in the clause of a mention with no place of its own
    (``a gun battle during a gathering ... in Pakistan``): it rules out events in other countries."""
    if m.place is not None or m.far_place is None:
        return None
    far = places.get(m.far_place.text)
    return far.country_code if far is not None and far.kind == "country" else None


def _countries_differ(a: Mention, b: Mention, places: dict[str, Place]) -> bool:
    """Their countries (a bound place's, else a far-off country name's) are known and differ."""
    def country(m: Mention) -> str | None:
        bound = _place(m, places)
        return bound.country_code if bound is not None and bound.country_code else _far_country(m, places)

    first, second = country(a), country(b)
    return first is not None and second is not None and first != second


def _score(cluster: Cluster, m: Mention, places: dict[str, Place], order: int) -> tuple:
    same_place = any(_same_place(_place(m, places), _place(o, places)) for o in cluster.mentions)
    same_day = _day(m) is not None and any(_day(o) == _day(m) for o in cluster.mentions)
    shared_sentence = m.sentence in cluster.sentences
    same_word = any(o.lemma == m.lemma for o in cluster.mentions)
    # 'the fighting' names an exchange of fire: of two events it may join, the battle, not the shelling
    same_type = bool(_EITHER_SIDE.search(m.trigger.text)) and any(o.event_type == m.event_type
                                                                   for o in cluster.mentions)
    told_last = max(o.trigger.start for o in cluster.mentions)  # 'the fighting' tells of the act told last
    return (same_place + same_day, shared_sentence, same_word, same_type, told_last, order)


def group_mentions(mentions: list[Mention], places: dict[str, Place]) -> list[Cluster]:
    """Greedy grouping in text order (see the module docstring); backdrop mentions are left out."""
    clusters: list[Cluster] = []
    for m in mentions:
        if m.backdrop:
            continue
        joined = _fighting_caught_in(m, clusters) or _cluster_told(m.continues, clusters)
        candidates = [] if joined else [(c, i) for i, c in enumerate(clusters) if _compatible(c, m, places)]
        if joined is not None:
            joined.mentions.append(m)
        elif candidates:
            best = max(candidates, key=lambda ci: _score(ci[0], m, places, ci[1]))[0]
            best.mentions.append(m)
        elif m.retold and clusters:  # an accusation or denial retells an act told before it
            min(clusters, key=lambda c: min(abs(m.sentence - o.sentence) for o in c.mentions)).mentions.append(m)
        else:
            clusters.append(Cluster([m]))
    return clusters


def _restates(cluster: Cluster) -> bool:
    """An event told only by a headline or by mentions that neither place nor date themselves
    (``the attack``, ``the blast``): it adds no facts of its own, so it is likely a retelling.
    A mention its sentence calls another incident (``In a separate attack``) retells nothing."""
    return all((m.bare or m.headline) and not _offset_from_another(m) and not m.separate for m in cluster.mentions)


_OFFSET = re.compile(r"\b(?:after|later|before|earlier)\b", re.I)


def _offset_from_another(m: Mention) -> bool:
    """``Hours after the attack, militants abducted ...``: dated from another event, so not it."""
    return m.time_span is not None and bool(_OFFSET.search(m.time_span.text))


def _parties(cluster: Cluster) -> list[str]:
    return [a.text for m in cluster.mentions for a in (m.actor1, m.actor2) if a is not None]


def _retells(retelling: Cluster, event: Cluster, places: dict[str, Place]) -> bool:
    """Could ``retelling`` be a shorter account of ``event``? Checked per mention as in grouping,
    except that the types and parties are judged over the whole event: a headline's ``suicide car
    bomb`` retells a body's ``detonated``, and its initiator may be named in the body as the target
    of a reply. Places, countries, days and captures must still agree mention by mention."""
    telling = [m for m in event.mentions if not m.bare] or event.mentions
    parties = _parties(event)
    for m in retelling.mentions:
        if not any(m.event_type == o.event_type or _absorbs(m, o) for o in telling):
            return False
        if m.actor1 is not None and parties and not any(compatible_actors(m.actor1.text, p) for p in parties):
            return False
        for other in event.mentions:
            reason = _pair_conflict(m, other, places, False, m.sentence in event.sentences)
            if reason not in (None, "type", "actors"):
                return False
    return True


_LEAD = 3  # sentences after the headline that make up the lead a headline summarises


def _in_lead(retelling: Cluster, event: Cluster) -> bool:
    """A headline sums up the lead: its event must be told within the first few body sentences,
    except in a round-up, whose headline lists the entries' incidents."""
    if not any(m.headline for m in retelling.mentions) or any(m.entry is not None for m in event.mentions):
        return True
    return any(not m.headline and m.sentence <= _LEAD for m in event.mentions)


def merge_restatements(clusters: list[Cluster], places: dict[str, Place]) -> list[Cluster]:
    """Fold each retelling into the event it retells: a headline into the first body event that
    agrees with it, a bare later mention into the nearest earlier event that agrees (else the nearest
    later one). The greedy grouping leaves these apart when the retelling came first."""
    kept = list(clusters)
    for cluster in list(clusters):
        if not _restates(cluster) or cluster not in kept:
            continue
        others = [c for c in kept if c is not cluster and not _restates(c)
                  and _in_lead(cluster, c) and _retells(cluster, c, places)]
        first = min(m.trigger.start for m in cluster.mentions)
        before = [c for c in others if min(m.trigger.start for m in c.mentions) < first]
        after = [c for c in others if c not in before]
        target = before[-1] if before and not all(m.headline for m in cluster.mentions) else \
            (after[0] if after else None)
        if target is not None:
            target.mentions[:0] = []
            target.mentions.extend(cluster.mentions)
            target.mentions.sort(key=lambda m: m.trigger.start)
            kept.remove(cluster)
    return kept


# 'Toll rises. A nurse says seven bodies have been brought in': an update of the toll of an act told
# before, however many entries of a live page stand between them.
TOLL_UPDATE = re.compile(r"\btoll\b[^.;]{0,40}?\b(?:ris\w*|rose|climb\w*|increas\w*|jump\w*|reach\w*|"
                         r"stands?|stood|updated|revised|(?:is|was) now)\b|\b(?:final|latest|new|updated|revised) (?:death )?toll\b", re.I)
# '13:15 — The health directorate gives a final toll': an entry of a live page (entry_heads.on_live_update),
# whose figures with no act of their own update the toll of the act told in an earlier entry.


def _cluster_near(clusters: list[Cluster], sentence: int, offset: int, reach: int = 2,
                  figure: Figure | None = None, updates_toll: bool = False, text: str = "") -> Cluster | None:
    """The event of the nearest trigger in ``sentence``, else of the nearest earlier sentence within
    ``reach`` that has a trigger, else of the nearest later one: a toll told after an act is mostly
    its toll (``... seven VDP dead. On Tuesday, an air strike ...`` counts the attack's dead, not the
    strike's; on the spent parts J-T with the tagger's spans, killed 15 fixed and 1 broken). A
    ``figure`` of the side that struck from afar skips that strike (:func:`_strikers_own`)."""
    def nearest_in(index: int) -> Cluster | None:
        here = [(abs(m.trigger.start - offset), c, m) for c in clusters for m in c.mentions if m.sentence == index]
        if index != sentence and text:
            # an act told only to date another ('two days after Taliban fighters overran it') is passed over
            here = [item for item in here if not item[2].dates_another] or here
        return min(here, key=lambda item: item[0])[1] if here else None

    own = nearest_in(sentence)
    if own is not None:
        return own
    order = [*range(sentence - 1, sentence - reach - 1, -1), *range(sentence + 1, sentence + reach + 1)]
    found = [c for c in map(nearest_in, order) if c is not None]
    if figure is not None and len(found) > 1 and _strikers_own(found[0], figure):
        return next((c for c in found[1:] if not _strikers_own(c, figure)), found[0])
    if not found and updates_toll:
        found = [c for c in map(nearest_in, range(sentence - reach - 1, -1, -1)) if c is not None]
    if found and text and _in_a_later_paragraph(found[0], offset, text):
        return _last_act_of_paragraph(clusters, offset, text) or found[0]
    return found[0] if found else None


def _restated_party(clusters: list[Cluster], figure: Figure, sentence: int, text: str) -> Cluster | None:
    """Another source's count of a party its paragraph already counted ('killing two officers ...
    A union representative said three officers had died'), in a sentence telling no act: the same
    toll, so the event that counted the party first, whatever act lies nearer."""
    party = count_party(figure.text).lower()
    if not party or any(m.sentence == sentence for c in clusters for m in c.mentions):
        return None
    earlier = [(f.start, c) for c in clusters for f in c.figures
               if f.kind == figure.kind and f.end <= figure.start and f.source != figure.source
               and count_party(f.text).lower() == party and "\n" not in text[f.end: figure.start]]
    return min(earlier, key=lambda item: item[0])[1] if earlier else None


def _toll_updated(clusters: list[Cluster], figure: Figure) -> Cluster | None:
    """'The toll has risen to four' (``figure`` in a sentence :data:`TOLL_UPDATE` matches): a toll
    update raises the toll already given, so it goes to the event that first counted a figure of its
    kind, whatever acts were told since (a live page's entry on drones shot down elsewhere, a later
    count of one of the dead)."""
    earlier = [(f.start, c) for c in clusters for f in c.figures if f.kind == figure.kind and f.end <= figure.start]
    return min(earlier, key=lambda item: item[0])[1] if earlier else None


def _in_a_later_paragraph(cluster: Cluster, offset: int, text: str) -> bool:
    return all(m.trigger.start > offset and "\n" in text[offset: m.trigger.start] for m in cluster.mentions)


def _last_act_of_paragraph(clusters: list[Cluster], offset: int, text: str) -> Cluster | None:
    """A toll told after its paragraph's act, however many sentences of sources lie between (the
    defence ministry's count, then a commander's claim): that act's, not the next paragraph's."""
    return _last_cluster_before(clusters, offset, lambda m: "\n" not in text[m.trigger.start: offset])


def _strikers_own(cluster: Cluster, figure: Figure) -> bool:
    """A strike from afar (air, drone, artillery) does not kill its own side: soldiers counted after an
    army drone strike on fleeing militants are the dead of the attack before it."""
    return figure.party in ("state", "armed") and bool(cluster.mentions) and all(
        m.event_type == "Explosions/Remote violence" and m.sub_event_type != "Remote explosive/landmine/IED"
        for m in cluster.mentions) and any(m.actor1 is not None and party_side(m.actor1.text) == figure.party
                                           for m in cluster.mentions)


# A toll counted over months or years ('has killed more than 6,000 people since 2017', 'so far this
# year') is the war's, not one event's. A toll since a day of the reported fighting ('since the
# fighting began on Monday') is the event's own, so only year- and month-scale cues count here.
CUMULATIVE_TOLL = re.compile(
    rf"\bsince (?:(?:early |late |mid-)?(?:{MONTH_NAMES}\b|(?:19|20)\d\d\b)|the (?:start|beginning|outbreak) of|"
    r"(?:the )?(?:war|conflict|insurgency|uprising|coup|crisis) (?:began|started|erupted|broke out))"
    r"|\b(?:so far|earlier) this year\b|\bthis year alone\b|\bover the (?:past|last) (?:few |several |\w+ )?"
    r"(?:years?|decades?|months)\b|\bin recent (?:years|months)\b"
    # 'murdered in Sonora last year', 'killed in 2027', 'the war, which began in April 2023, has killed'
    r"|\b(?:last|previous) year\b|\b(?:in|during|throughout) (?:19|20)\d\d\b|\b(?:began|started|erupted|broke out) in\b"
    r"|\bin the first (?:half|quarter|\w+ months) of (?:the|this|last) year\b", re.I)


# People abducted, arrested, captured, held or missing, and things destroyed, are no casualties, though a
# tagger may mark their count (``abducting at least 45``, ``19 taken prisoner``, ``destroyed two vehicles``).
_NOT_HARMED_BEFORE = re.compile(
    r"\b(?:abduct(?:ed|ing|s)?|kidnapp?(?:ed|ing|s)?|arrest(?:ed|ing|s)?|captur(?:ed|ing|es?)|detain(?:ed|ing|s)?|"
    r"seiz(?:ed|ing|es?)|destroy(?:ed|ing|s)?|rescu(?:ed|ing|es?)|freed|releas(?:ed|ing|es?)|hold(?:ing|s)?|held)\s+"
    r"(?:at least |some |about |around |more than |nearly |up to |another |a further |over )?$"
    # 'abducted a village chief and two of his sons'
    r"|\b(?:abducted|kidnapped|arrested|captured|detained|seized)\b[^.;,]{0,40}\band\s+$", re.I)
_NOT_HARMED_AFTER = re.compile(
    r"^\s*(?:were|was|are|is|had been|have been|remain(?:ed|s)?)\s+(?:still\s+)?(?:abducted|kidnapped|arrested|"
    r"captured|detained|taken (?:prisoner|hostage|captive|away)|missing|rescued|freed|released|held|destroyed|"
    r"damaged|burned|burnt|looted)\b"
    r"|^\s*(?:abducted|kidnapped|arrested|captured|taken (?:prisoner|hostage|captive))\b"
    # 'about 200 villagers had fled into the forest'
    r"|^\s*(?:had |have |has )?fled (?:into|to|towards|from|their)\b|^\s*(?:were|had been|have been) displaced\b",
    re.I)


# The attackers counted as the subject of their act ('two gunmen on a motorcycle opened fire', 'about
# thirty armed individuals attacked'), and who the dead were ('all of them members of the dissidence').
_ACTING_AFTER = re.compile(
    r"^(?:\s+(?:on (?:a |their )?(?:motorcycles?|motorbikes?)|armed with [\w\s-]{1,30}?|riding [\w\s-]{1,30}?))?\s+"
    r"(?:had |then )?(?:opened fire|attacked|stormed|ambushed|raided|fired|shot|abducted|set fire|burned|torched|"
    r"kidnapped|waited|arrived|entered)\b", re.I)
_WHO_THEY_WERE = re.compile(r"^(?:(?:all|none|most|both) of them|how many)\b", re.I)


def not_harmed(text: str, span: Span) -> bool:
    """A count of people taken, held or missing, of things destroyed, of attackers doing the act, or a
    phrase saying who the dead were: no casualty figure."""
    return bool(_NOT_HARMED_BEFORE.search(text[max(0, span.start - 40): span.start])
                or _NOT_HARMED_AFTER.match(text[span.end: span.end + 40])
                or _ACTING_AFTER.match(text[span.end: span.end + 60]) or _WHO_THEY_WERE.match(span.text))


def cumulative_toll(text: str, span: Span, sentence: Sentence) -> bool:
    """A casualty figure whose clause counts a war's toll over months or years, not one event's."""
    start = max(sentence.start, text.rfind(";", 0, span.start) + 1, span.start - 80)
    end = min(sentence.end, span.end + 80)
    semicolon = text.find(";", span.end, end)
    return bool(CUMULATIVE_TOLL.search(text[start: semicolon if semicolon >= 0 else end]))


def earlier_event_sentences(mentions: list[Mention], pub_date: str | None) -> set[int]:
    """Sentences whose every act is backdrop, one of them dated months before the report (``In
    November, three officers were killed in an ambush near Khash`` in January): their dead belong to
    no reported event."""
    told = {m.sentence for m in mentions if not m.backdrop}
    dated = {m.sentence for m in mentions if m.backdrop and is_earlier_period(m.time, pub_date)}
    return dated - told


def _drop_restated_headline_figures(clusters: list[Cluster], sentences: list[Sentence], headline: int | None) -> None:
    """A headline figure the body counts again for another event is that event's (``army says nine
    attackers killed`` ... ``killed nine of them`` in the next paragraph's battle): the headline's
    nearest act, which took it, gives it up."""
    in_headline = lambda f: sentence_index(sentences, f.start) == headline  # noqa: E731
    for cluster in clusters:
        if all(m.headline for m in cluster.mentions):
            continue  # an event told only by the headline keeps the headline's figures
        elsewhere = {(f.kind, f.count) for other in clusters if other is not cluster
                     for f in other.figures if not in_headline(f) and f.count is not None}
        own = {(f.kind, f.count) for f in cluster.figures if not in_headline(f)}
        cluster.figures[:] = [f for f in cluster.figures
                              if not (in_headline(f) and (f.kind, f.count) in elsewhere - own)]


# 'She said two Maoists were also killed': the speaker named before, not the next sentence's
_PRONOUN_SPEAKER = re.compile(r"\b(?:he|she|it|they)\s+(?:also\s+|later\s+)?(?:said|says|added|adds|told)\b", re.I)


def _attach_figures(clusters: list[Cluster], text: str, spans: list[Span], sentences: list[Sentence],
                    backdrop: set[int] = frozenset()) -> None:
    sources = [s for s in spans if s.label == "SOURCE"]
    casualties = [s for s in spans if s.label in ("KILLED", "WOUNDED")]
    figures = []
    for span in casualties:
        index = sentence_index(sentences, span.start)
        if index in backdrop or cumulative_toll(text, span, sentences[index]) or not_harmed(text, span) \
                or not harm_told(text, span, sentences[index]):
            continue
        counted_before = any(sentences[index].start <= c.start and c.end <= span.start and parse_figure(c.text) is not None
                             for c in casualties)
        if is_subset_in(text, span.start, span.end, counted_before):
            continue
        source = nearest_source(sources, span.start, span.end, sentences[index])
        if source is None and _PRONOUN_SPEAKER.search(sentences[index].text):
            source = next((s.text for s in reversed(sources) if s.end <= sentences[index].start), None)
        if source is None and index + 1 < len(sentences):
            source = nearest_source(sources, span.start, span.end, sentences[index + 1])
        figures.append(make_figure(harm_kind(text, span) or span.label.lower(), span.text, span.start, span.end, source))
    sentence_of = lambda offset: sentence_index(sentences, offset)  # noqa: E731
    # a speaker's own losses ('killed 11 policemen and lost two') take its side before they are placed
    for figure in own_loss_sides(figures, text, lambda offset: sentences[sentence_of(offset)].start, sentence_of):
        index = sentence_of(figure.start)
        toll_told_here = bool(TOLL_UPDATE.search(sentences[index].text))
        updates_toll = toll_told_here or index > 0 and bool(TOLL_UPDATE.search(sentences[index - 1].text)) \
            or on_live_update(text, figure.start)
        cluster = (_toll_updated(clusters, figure) if toll_told_here else None) or \
            _restated_party(clusters, figure, index, text) or \
            _cluster_near(clusters, index, figure.start, figure=figure, updates_toll=updates_toll, text=text)
        if cluster is None:
            continue
        cluster.figures.append(figure)
        cluster.extra_sentences.add(index)
    _drop_restated_headline_figures(clusters, sentences, headline_sentence(text, sentences))


def _attach_denials(clusters: list[Cluster], spans: list[Span], sentences: list[Sentence]) -> None:
    sources = [s for s in spans if s.label == "SOURCE"]
    for index, sentence in enumerate(sentences):
        if DENIAL.search(sentence.text) and any(sentence.start <= s.start < sentence.end for s in sources):
            cluster = _cluster_near(clusters, index, sentence.start)
            if cluster is not None:
                cluster.extra_sentences.add(index)


# An ACTOR span the tagger is unsure of (mean probability below this) is more often a village, a
# weapon or a bystander than a party: on parts J-P with tagger-all278's spans, 15 of the 17 ACTOR
# spans under 0.5 were wrong, and leaving them out raised actor2 by code from 0.65 to 0.67 and type
# from 0.85 to 0.87 (docs/results.md, 2026-12-06). Gold spans score 1.0.
MIN_ACTOR_SCORE = 0.5


def _clean_spans(text: str, spans: Sequence[Span]) -> list[Span]:
    """Spans sorted, with ``text`` always the exact slice (a model may leave it empty), cut at a
    digest head's separators (:func:`cut_at_head_separators`); ACTOR spans under
    :data:`MIN_ACTOR_SCORE` left out."""
    clean = []
    for span in head_parts_as_places(text, digit_dates_as_times(text, cut_at_head_separators(text, spans))):
        if span.label == "ACTOR" and span.score < MIN_ACTOR_SCORE:
            continue
        if 0 <= span.start < span.end <= len(text):
            covered = text[span.start: span.end]
            label = "PLACE" if span.label == "ACTOR" and _ADMIN_UNIT.fullmatch(covered) \
                and not _GROUP_NAMED_AS_STATE.search(covered) else span.label
            clean.append(span if span.text == covered and label == span.label else
                         Span(span.start, span.end, label, covered, span.score))
    return sorted(clean)


# A tagger's ACTOR that is an administrative unit ('villagers in [Taraba State]') is a place, not a party.
_ADMIN_UNIT = re.compile(r"(?:[A-Z][\w'’-]*\s)+(?:State|Region|District|County|Governorate|Prefecture|"
                         r"Department|Municipality|Township)")
_GROUP_NAMED_AS_STATE = re.compile(r"\bIslamic\b|\bArmy\b|\bForces?\b", re.I)  # 'Islamic State', its 'Provinces


def extract_events(article_id: str, text: str, date: str | None, spans: Sequence[Span],
                   gazetteer: Gazetteer | None = None, country_hint: str | None = None,
                   coreference: Coreference | None = None, join_threshold: float = 0.5) -> list[Event]:
    """Event records for one article from its spans (gold or predicted). No TRIGGER, no events.
    ``country_hint`` (ISO2/ISO3/name) is used for places only where the text does not decide.
    ``coreference`` (a trained layer's trigger-pair score) joins events the rules split
    (:func:`~conflict_events.events.join.join_clusters`, above ``join_threshold``)."""
    spans = entry_head_places(text, tidy_places(text, _clean_spans(text, spans)))
    if not any(s.label == "TRIGGER" for s in spans):
        return []
    sentences = split_sentences(text)
    places = places_by_name(text, spans, country_hint, gazetteer)
    spans = [s for s in spans if not (s.label == "PLACE" and is_dateline(text, s)
                                      and s.text not in _body_names(text, spans)) and not _filing_date(text, s, date)]
    misread = misread_places(text, spans, places) | misread_actors(spans, places)
    spans = [s for s in spans if s not in misread]
    mentions = build_mentions(text, date, spans, sentences)
    clusters = merge_restatements(group_mentions(mentions, places), places)
    # a round-up's headline lists incidents its entries tell: an item folded into none retells one anyway
    clusters = [c for c in clusters if not all(m.listed for m in c.mentions)] or clusters
    if coreference is not None:
        clusters = join_clusters(clusters, coreference, places, join_threshold)
    # a round-up's headline figures restate its entries' ('four labourers killed in Loralai'); the
    # entries' own sentences give them to the right incident
    listed = {m.sentence for m in mentions if m.listed}
    _attach_figures(clusters, text, spans, sentences, earlier_event_sentences(mentions, date) | listed)
    _attach_denials(clusters, spans, sentences)
    source_spans = [s for s in spans if s.label == "SOURCE"]
    bylines = byline_sources(text, source_spans)
    chosen_places = _borrow_captured_place(clusters, [choose_place(_placing(c), spans, sentences, places) for c in clusters])
    events = []
    for cluster, place in zip(clusters, chosen_places):
        chosen = sorted(cluster.sentences)
        denials = counter_claims([sentences[i] for i in chosen], source_spans, article_id)
        events.append(build_event(article_id, text, spans, sentences, cluster.mentions, cluster.figures, chosen,
                                  places, denials, bylines, place))
    events = date_parts_of_day(date_undated(events, clusters, text, sentences), text, spans, date)
    events = date_live_updates(events, clusters, text, date)
    return separate_sides(credit_claimed(events, text, spans, sentences), spans, sentences)


def _placing(cluster: Cluster) -> list[Mention]:
    """The mentions whose places compete for the event's: a round-up's headline item names only the
    district or province its entry narrows down."""
    if cluster.place_mentions:
        return cluster.place_mentions
    return [m for m in cluster.mentions if not m.listed] or cluster.mentions


# 'The next day', 'A day later', 'two days later': so many days after the act told before
_DAYS_LATER = re.compile(r"^(?:on\s+)?(?:the (?:next|following) day|the day after|(?P<count>a|one|two|three|four|"
                         r"five|six|seven|\d) days? later)$", re.I)


def _days_later(date_text: str | None) -> int | None:
    """How many days after the act told before a relative time places its act; None if it is none."""
    found = _DAYS_LATER.match((date_text or "").strip())
    if found is None:
        return None
    count = (found["count"] or "one").lower()
    return parse_count("one" if count == "a" else count).low


def date_undated(events: list[Event], clusters: Sequence[Cluster], text: str, sentences: list[Sentence]) -> list[Event]:
    """Two kinds of events get the day of the nearest dated act told before them (else after them,
    for a headline): one whose time is a same-day offset from another act (``Hours after``: the
    annotation rule 'Dates, more'), and one told only in the headline, which reports the news the body
    dates. Report times (``said on Monday``) and vague times (``last week``) never lend their day;
    any other event without a written time keeps no date."""
    mentions = [m for c in clusters for m in c.mentions]
    dated = sorted((m.trigger.start, m.time) for m in mentions
                   if m.time is not None and m.time.date and m.time.precision == "day" and not m.report_time)
    headline = headline_sentence(text, sentences)
    out = []
    for event, cluster in zip(events, clusters):
        offsets = [m.time for m in cluster.mentions if m.time is not None and not m.time.date
                   and m.time.precision is None and SAME_DAY_OFFSET.search(m.time.date_text or "")]
        later = [(days, m.time) for m in cluster.mentions if m.time is not None and not m.time.date
                 and (days := _days_later(m.time.date_text)) is not None]
        first = min(m.trigger.start for m in cluster.mentions)
        before = [time for start, time in dated if start < first]
        if event.date is None and later and before:
            days, relative = later[0]
            day = (datetime.date.fromisoformat(before[-1].date) + datetime.timedelta(days=days)).isoformat()
            out.append(replace(event, date=day, date_text=relative.date_text, time_precision="day"))
            continue
        anchored = bool(offsets)
        in_headline = headline is not None and all(m.sentence == headline for m in cluster.mentions)
        if event.date is not None or not dated or not (anchored or in_headline):
            out.append(event)
            continue
        after = [time for start, time in dated if start > first]
        time = before[-1] if before and anchored else (after[0] if after else before[-1])
        date_text = (offsets[0].date_text or time.date_text) if anchored else time.date_text
        out.append(replace(event, date=time.date, date_text=date_text, time_precision=time.precision))
    return out


def date_live_updates(events: list[Event], clusters: Sequence[Cluster], text: str, pub_date: str | None) -> list[Event]:
    """A live page's update tells of the page's day: an act it dates only by the clock (``06:40 —
    Gang members have attacked the town since about 4 a.m.``) took place that day. Applied to the
    records after grouping, so the clock reading parts no mentions."""
    if not pub_date:
        return events
    def clock_time(m: Mention) -> str | None:  # the clock time of an act told in a live update
        clocked = m.time_span is not None and not m.report_time and is_clock_time(m.time_span.text)
        return m.time_span.text if clocked and on_live_update(text, m.trigger.start) else None

    out = []
    for event, cluster in zip(events, clusters):
        clock = None if event.date is not None else next(filter(None, map(clock_time, cluster.mentions)), None)
        out.append(replace(event, date=pub_date, date_text=clock, time_precision="day") if clock else event)
    return out


def date_parts_of_day(events: list[Event], text: str, spans: Sequence[Span], pub_date: str | None) -> list[Event]:
    """An event dated only by a time of day (``in the afternoon``, ``at dawn``), which reads as the
    report's day, takes the day the article named last before it (``on Friday`` in the lead),
    when that is another day: the afternoon of the day the lead is about."""
    if not any(e.date == pub_date and is_time_of_day(e.date_text) for e in events):
        return events  # the article's times are resolved again only where an event needs them
    named = named_days(text, spans, pub_date)
    out = []
    for event in events:
        first = min((t.start for t in event.triggers), default=0)
        day = day_named_before(named, first, event.date, event.date_text, pub_date)
        out.append(replace(event, date=day.date) if day is not None else event)
    return out


def _filing_date(text: str, span: Span, pub_date: str | None) -> bool:
    """A date in a wire story's dateline (``PORT OF SPAIN, May 8 (Gulf Coast Chronicle) -``) is the
    day the report was filed, which the article's date already gives; read as an act's time it
    would date the lead's act, told with its own day (``on Tuesday night``), to the report's. A
    live page's clock stamp (``13:15 —``) and a log's dated entry (``11 October — Lokodja-Sud, ...``)
    are none: the date follows the filing place and its comma, and it is the report's own day (a
    round-up's ``LOKPA-NDRI (Mahagi territory), Monday 9 April —`` heads an entry of another day)."""
    if span.label != "TIME" or is_clock_time(span.text):
        return False
    filed_at = text[text.rfind("\n", 0, span.start) + 1: span.start].rstrip()
    return filed_at.endswith(",") and is_dateline(text, span) and resolve_time(span.text, pub_date).date == pub_date


def _body_names(text: str, spans: list[Span]) -> set[str]:
    return {s.text for s in spans if s.label == "PLACE" and not is_dateline(text, s)}


def byline_sources(text: str, sources: list[Span]) -> list[str]:
    """Outlets credited for the whole article: a SOURCE standing almost alone on its line
    (``AFP, KABUL``, ``Source: theguardian``, a closing ``Al Jazeera``)."""
    found = []
    for span in sources:
        line_start = text.rfind("\n", 0, span.start) + 1
        line_end = text.find("\n", span.end)
        line = text[line_start: line_end if line_end >= 0 else len(text)].strip()
        if len(line) <= len(span.text) + 20 and line.count(" ") <= span.text.count(" ") + 3:
            found.append(span.text)
    return list(dict.fromkeys(found))


def _borrow_captured_place(clusters: list[Cluster], chosen: list[tuple[Place | None, int]]) -> list:
    """A recapture with no place of its own (or only a province or country) happens where the
    capture it reverses happened: take that event's place."""
    captured = [(p, lvl) for c, (p, lvl) in zip(clusters, chosen)
                if p is not None and lvl == 0 and any(m.sub_event_type == TAKEOVER[1] for m in c.mentions)]
    out = []
    for cluster, (place, level) in zip(clusters, chosen):
        regain = any(m.sub_event_type == REGAIN[1] for m in cluster.mentions) and not any(
            m.sub_event_type == TAKEOVER[1] for m in cluster.mentions)
        if regain and captured and (place is None or level > 0 or place.level >= 3):
            out.append(captured[0])
        else:
            out.append((place, level))
    return out


__all__ = ["extract_events", "group_mentions", "places_compatible", "Cluster"]
