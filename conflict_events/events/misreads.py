"""Spans a tagger misread, left out before events are assembled: a person or a party tagged PLACE,
a town tagged ACTOR. Each rule needs the gazetteer's reading of the name (a name it knows as a town
is kept as a place), so the checks run on the article's geocoded places."""

from __future__ import annotations

import re
from typing import Sequence

from conflict_events.events.actor_codes import named_country
from conflict_events.events.geocode import Place
from conflict_events.events.numbers import count_party
from conflict_events.spans import Span

# A person's title or kin just before a name: 'an ANC ward councillor, [Sipho Mkhize]', 'a local imam, [X]'.
_PERSON_BEFORE = re.compile(
    r"\b(?:councill?or|imam|pastor|priest|cleric|chief|commander|leader|official|mayor|governor|journalist|"
    r"reporter|activist|teacher|farmer|trader|spokes(?:man|woman|person)|minister|lawmaker|senator|lawyer|"
    r"doctor|nurse|driver|businessman|businesswoman|student|son|daughter|wife|husband|brother|sister|father|"
    r"mother|chairman|director|named|identified as)\s*,?\s*$", re.I)
_PARTY_LABELS = ("ACTOR", "SOURCE", "KILLED", "WOUNDED")
# an acronym (JNIM, FLEC-FAC) or a name ending in an organisation's noun (Maute group): no place
_ACRONYM = re.compile(r"^[A-Z]{3,}(?:-[A-Z]{2,})?$")
_ORGANISATION = re.compile(r"\s(?:group|front|movement|army|brigade|battalion|militia|forces|party|council|"
                           r"committee|organi[sz]ation)$", re.I)
_MEMBERS = re.compile(r"\s+(?:fighters|rebels|militants|members|militiam[ae]n|militias?|forces|troops|soldiers|"
                      r"(?:border )?guards|gunm[ae]n|men)$")


def _party_name(phrase: str) -> str:
    """``two Carabineros`` -> ``carabineros``, ``FLEC-FAC fighters`` -> ``flec-fac``."""
    return _MEMBERS.sub("", count_party(phrase))


def misread_places(text: str, spans: Sequence[Span], places: dict[str, Place]) -> set[Span]:
    """PLACE spans a tagger gave to a person or a party: names the gazetteer does not know that stand
    in apposition to a person's title (``a local imam, Ruslan Tkhamokov``) or that the article's
    party, source or casualty spans use as the party's name (``two Carabineros``, ``FLEC-FAC
    fighters``, ``2 Tajik border guards``). Left in, an unknown name ranks as finer than any town and
    becomes the event's place."""
    # a bare ACTOR span equal to the name is no evidence (the tagger may misread a village both ways)
    party_names = {_party_name(s.text) for s in spans if s.label in _PARTY_LABELS
                   and (s.label != "ACTOR" or _MEMBERS.search(count_party(s.text)))}
    found = set()
    for span in spans:
        place = places.get(span.text)
        if span.label != "PLACE" or place is None or (place.resolved and not place.location_text):
            continue
        name = span.text.lower()
        titled = bool(_PERSON_BEFORE.search(text[max(0, span.start - 40): span.start]))
        organisation = bool(_ACRONYM.match(span.text) or _ORGANISATION.search(span.text))
        demonym = not place.resolved and named_country(span.text) is not None  # 'Israeli', 'Tajik'
        if titled or organisation or demonym or name in party_names or name + "s" in party_names \
                or name.rstrip("s") in party_names:
            found.add(span)
    return found


def misread_actors(spans: Sequence[Span], places: dict[str, Place]) -> set[Span]:
    """ACTOR spans a tagger gave to a town or province that the article also tags as a PLACE
    (``Chai``, ``Odesa``): a place is no party. A country stays (``Turkey struck``, ``Mali`` in a
    claim of its government), and so does a name the gazetteer does not know (``JNIM`` tagged both
    ways is a group)."""
    place_texts = {s.text for s in spans if s.label == "PLACE"}
    return {s for s in spans if s.label == "ACTOR" and s.text in place_texts and s.text in places
            and places[s.text].resolved and not places[s.text].location_text and places[s.text].kind != "country"} \
        | {s for s in spans if s.label == "ACTOR" and _WEAPON_ONLY.fullmatch(s.text)}


# A weapon a tagger read as a party ('armed with Kalashnikovs', 'spears', 'an IED'); a unit named
# after one keeps its capital ('Assam Rifles', 'El Machete')
_WEAPON_ONLY = re.compile(r"(?:(?:[Tt]he|[Aa]n?|[Tt]heir|[Hh]is|\d+)\s+)?(?:[A-Z][a-z]+\s+)?"
                          r"(?:[Kk]alashnikovs?|AK-47s?|IEDs?|RPGs?|rifles?|machetes?|guns?|grenades?|"
                          r"mortars?|rockets?|missiles?|drones?|knives|knife|spears?|bows|arrows?|pistols?|"
                          r"shotguns?|explosives?|bombs?)")


# A tagger's PLACE that is no named place, or carries a word the annotations leave out (decision 96):
# a common noun (``granaries``, ``eastern desert``: a named place has a capital or a number), the name
# of a front or group (``the Jaime Martínez front``), and a trailing ``police`` or plain ``area``
# (``Kandahar police station``, ``the Hassu Khel area``; ``local government area`` is the unit's name).
_ORGANISATION_AFTER = re.compile(r"\s+(?:front|group|brigade|battalion|militia|movement|faction)\b", re.I)
_TRAILING_WORD = re.compile(r"\s+(?:police|(?<!government )area)$", re.I)


def tidy_places(text: str, spans: Sequence[Span]) -> list[Span]:
    """PLACE spans as the annotations would have them: two PLACE spans one space apart joined,
    common nouns and organisation names left out, a trailing ``police`` or ``area`` trimmed off;
    other spans unchanged."""
    tidy: list[Span] = []
    for span in sorted(spans):
        before = next((s for s in reversed(tidy) if s.label == "PLACE"), None)
        if span.label == "PLACE" and before is not None and text[before.end: span.start] == " ":
            # one name cut in two ('[Tell] [al-Rihan]', '[Bani] [Walid]'): annotated places never touch
            tidy.remove(before)
            span = Span(before.start, span.end, "PLACE", text[before.start: span.end], min(before.score, span.score))
        if span.label == "PLACE":
            if not any(c.isupper() or c.isdigit() for c in span.text) or _ORGANISATION_AFTER.match(text, span.end):
                continue
            trailing = _TRAILING_WORD.search(span.text)
            if trailing is not None and trailing.start() > 0:
                end = span.start + trailing.start()
                span = Span(span.start, end, span.label, text[span.start:end], span.score)
        tidy.append(span)
    return tidy
