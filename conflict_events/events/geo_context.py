"""Geocoding one article: its PLACE spans in the context of its other places, words and datelines.

* Context: the countries its unambiguous places fix, then its demonyms and armed groups
  (``data/country_cues.tsv``: ``Malian``, ``Houthi``), then the caller's country hint.
* Datelines (``BAMAKO, Mali —``) are where the report was filed: the place is geocoded but does
  not vote for the article's country, unless the body names it again.
* ACLED's convention: a name the gazetteer lacks (``Noorzayeha village``) stands on the district,
  town or province named right after it (``... of Kushki Kuhna district, Herat``), inside one span
  or in the spans that follow it in the same clause; the place takes that one's coordinates,
  ``precision`` 2 (a district or town) or 3 (a province), and keeps the name in ``location_text``.
  In a digest whose entries open with their place (``2 ▪ IRAQ ▪ Koya district, Erbil governorate ▪
  ...``), the entry's head is that enclosing place for the entry's unknown villages.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from conflict_events.events.entry_heads import entry_lines
from conflict_events.events.geocode import Gazetteer, Place, default_gazetteer, geocode_places
from conflict_events.events.mentions import is_dateline
from conflict_events.events.placenames import TOWN_WORDS, normalise_name, strip_type_words
from conflict_events.spans import Span

CUES_TABLE = Path(__file__).with_name("data") / "country_cues.tsv"
_PIECE_SPLIT = re.compile(r",|\bof\b|\bin\b|\bnear\b")
_UNIT_WORDS = (r"villages?|towns?|areas?|districts?|neighbou?rhoods?|quarters?|suburbs?|camps?|provinces?|regions?|"
               r"count(?:y|ies)|municipalit(?:y|ies)|local government areas?|territor(?:y|ies)|departments?|cercles?|"
               r"townships?|states?|governorates?|communes?|hamlets?|settlements?|localit(?:y|ies)")
# what may stand between a place and the place enclosing it ('X village of Y district, Z')
_GLUE = re.compile(rf"^[\s,]*(?:(?:a|an|the)\s+)?(?:(?:{_UNIT_WORDS})[\s,]+)?"
                   r"(?:(?:of|in|near|outside|on\s+the\s+outskirts\s+of|on\s+the\s+edge\s+of)\s+)?[\s,]*(?:the\s+)?"
                   r"(?:(?:north|south|east|west|central|northern|southern|eastern|western)\s+)?$", re.IGNORECASE)
# and between two places of one list ('Bab al-Tabbaneh and Jabal Mohsen districts of Tripoli')
_LIST_GLUE = re.compile(r"^\s*,?\s*and\s*$", re.IGNORECASE)  # a comma alone encloses: 'X district, Herat'


@lru_cache(maxsize=1)
def _cue_pattern() -> tuple[re.Pattern, dict[str, str]]:
    country_of: dict[str, str] = {}
    with open(CUES_TABLE, encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                iso, words = line.rstrip("\n").split("\t")
                country_of.update({w: iso for w in words.split("|")})
    words = sorted(country_of, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])"), country_of


@lru_cache(maxsize=4)
def _country_name_pattern(gaz: Gazetteer) -> tuple[re.Pattern, dict[str, str]]:
    country_of = {c["name"]: iso for iso, c in gaz.countries.items()}
    country_of.update({gaz.country_name(iso): iso for iso in gaz.countries})
    words = sorted(country_of, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])"), country_of


def country_cues(text: str, gazetteer: Gazetteer | None = None) -> Counter:
    """Countries the article's words point to: one vote per distinct demonym, group name or
    country name (``Azerbaijan's defence ministry``), wherever it stands."""
    cue_pattern, cue_country = _cue_pattern()
    cues = list(cue_pattern.finditer(text))
    name_pattern, name_country = _country_name_pattern(gazetteer or default_gazetteer())
    # a country's name inside a group's name is no mention of the country ('Sudan People's Liberation Army-in-Opposition')
    names = [m for m in name_pattern.finditer(text) if not any(c.start() <= m.start() and m.end() <= c.end() for c in cues)]
    votes: Counter = Counter()
    for matches, country_of in ((cues, cue_country), (names, name_country)):
        votes.update(country_of[w] for w in sorted({m.group() for m in matches}))  # sorted: ties break the same way every run
    return votes


def resolve_country_hint(hint: str | None, gazetteer: Gazetteer | None = None) -> str | None:
    """ISO2 code for a hint given as ISO2, ISO3 or a name; ``ValueError`` when it is no country."""
    if hint is None or not str(hint).strip():
        return None
    gaz = gazetteer or default_gazetteer()
    value = str(hint).strip()
    if value.upper() in gaz.countries:
        return value.upper()
    by_iso3 = {c["iso3"]: iso for iso, c in gaz.countries.items()}
    if value.upper() in by_iso3:
        return by_iso3[value.upper()]
    if normalise_name(value) in gaz.country_index:
        return gaz.country_index[normalise_name(value)]
    raise ValueError(f"country hint {hint!r} is not a country: give an ISO 3166 code such as 'AF' or 'AFG', "
                     "or a name such as 'Afghanistan'")


def _pieces(name: str) -> list[str]:
    """``"Noorzayeha village of Kushki Kuhna district, Herat"`` -> its three names, in order."""
    pieces = [p.strip() for p in _PIECE_SPLIT.split(name)]
    pieces = [p for p in pieces if strip_type_words(p)[0] and strip_type_words(p)[0] not in TOWN_WORDS]
    return pieces if len(pieces) > 1 else []


def _named_again(text: str, span: Span, spans: list[Span]) -> bool:
    name = text[span.start: span.end]
    if any(normalise_name(text[s.start: s.end]) == normalise_name(name) for s in spans if s.start > span.end):
        return True
    return re.search(r"\b" + re.escape(name) + r"\b", text[span.end:], re.IGNORECASE) is not None


def _stand_in(unknown: Place, enclosing: Place, written: str) -> Place:
    """The enclosing place, standing in for an unknown one (ACLED's precision 2 or 3)."""
    precision = 2 if enclosing.kind in ("city", "admin2") else 3
    return Place(unknown.text, enclosing.name, enclosing.country, enclosing.country_code, enclosing.admin1,
                 enclosing.latitude, enclosing.longitude, enclosing.geonameid, precision, enclosing.kind,
                 admin1_code=enclosing.admin1_code, admin2=enclosing.admin2, location_text=written)


def _compose(name: str, pieces: list[str], places: dict[str, Place]) -> Place:
    """A span naming several places: its most specific resolved piece; an unresolved piece before
    it goes to ``location_text``."""
    own = places[name]
    if not pieces or own.resolved:
        return own
    resolved = [(i, places[p]) for i, p in enumerate(pieces) if places[p].resolved and places[p].kind != "country"]
    if not resolved:
        return own
    index, best = resolved[0]  # pieces run from the most specific ('village of district, province')
    if index == 0:
        return replace(best, text=name)
    return _stand_in(own, best, pieces[0])


def geocode_article(text: str, spans: Sequence[Span], country_hint: str | None = None,
                    gazetteer: Gazetteer | None = None) -> dict[tuple[int, int], Place]:
    """One :class:`Place` per PLACE span, keyed by ``(start, end)``; the other spans and the text
    are context. ``country_hint`` (ISO2/ISO3/name) is used only where the text does not decide."""
    gaz = gazetteer or default_gazetteer()
    hint = resolve_country_hint(country_hint, gaz)
    place_spans = sorted(s for s in spans if s.label == "PLACE" and 0 <= s.start < s.end <= len(text))
    names = {(s.start, s.end): text[s.start: s.end] for s in place_spans}
    dateline = {(s.start, s.end) for s in place_spans if is_dateline(text, s) and not _named_again(text, s, place_spans)}
    pieces = {name: _pieces(name) for name in names.values()}
    body = [n for key, n in names.items() if key not in dateline]
    body += [p for n in body for p in pieces[n]]
    abroad = _only_across_a_border(text, place_spans)
    cues = country_cues(text, gaz)
    for name in abroad:  # nor does its name count as a word pointing to the country
        named = gaz.resolve(name, Counter(), hint=None)
        if named.kind == "country" and cues[named.country_code] > 0:
            cues[named.country_code] -= 1
    places = geocode_places(body, gaz, +cues, hint, abroad)
    context = Counter(p.country_code for p in places.values() if p.resolved) or cues
    for key in dateline:  # geocoded in the body's context, without a vote of their own
        for name in (names[key], *pieces[names[key]]):
            if name not in places:
                places[name] = gaz.resolve(name, context, hint=hint)
    out = {key: _compose(name, pieces[name], places) for key, name in names.items()}
    out = _fall_back_on_enclosing(text, place_spans, out)
    named = set(cues) | {p.country_code for p in out.values() if p.resolved and p.kind == "country"}
    out = _fall_back_on_the_entry_head(text, spans, out, named)
    return _fall_back_on_the_province(out, dateline)


# 'near the border with Cameroon', 'across the border from Chad', 'fled into neighbouring Niger'
_ACROSS_A_BORDER = re.compile(r"(?:\bborder (?:with|of)|\bacross the border (?:in|from|into)|\b(?:into|from|in) "
                              r"neighbou?ring) (?:the )?$", re.I)


def _only_across_a_border(text: str, place_spans: list[Span]) -> frozenset[str]:
    """Names every mention of which is the far side of a border: the article is not about there."""
    read = [(text[s.start: s.end], _ACROSS_A_BORDER.search(text[max(0, s.start - 40): s.start]) is not None)
            for s in place_spans]
    return frozenset({name for name, across in read if across} - {name for name, across in read if not across})


def places_by_name(text: str, spans: Sequence[Span], country_hint: str | None = None,
                   gazetteer: Gazetteer | None = None) -> dict[str, Place]:
    """:func:`geocode_article`'s places by name as written, for code that looks places up by name
    (event assembly); a name in the body wins over the same name in a dateline."""
    by_span = geocode_article(text, spans, country_hint, gazetteer)
    places: dict[str, Place] = {}
    for span in sorted((s for s in spans if s.label == "PLACE" and (s.start, s.end) in by_span),
                       key=lambda s: is_dateline(text, s)):
        places.setdefault(text[span.start: span.end], by_span[(span.start, span.end)])
    return places


def _fall_back_on_enclosing(text: str, spans: list[Span], out: dict[tuple[int, int], Place]) -> dict:
    """A place followed in the same clause by the place enclosing it (``Noorzayeha village of
    Kushki Kuhna district``; ``Bab al-Tabbaneh and Jabal Mohsen districts of Tripoli``) stands on
    that one when it is unresolved, or when the town or district found for it lies outside it (a
    namesake: 'Kisunga in Beni territory' is no district of another province)."""
    for i, span in enumerate(spans):
        place = out[(span.start, span.end)]
        if place.resolved and place.kind not in ("city", "admin2"):
            continue
        previous_end = span.end
        for later in spans[i + 1:]:
            glue = text[previous_end: later.start]
            if _LIST_GLUE.match(glue) and not place.resolved:
                previous_end = later.end  # the next name of a list: the enclosing place comes after it
                continue
            if not _GLUE.match(glue):
                break
            enclosing = out[(later.start, later.end)]
            if enclosing.resolved and enclosing.kind != "country" and _encloses(enclosing, place):
                if not place.resolved or not _inside(place, enclosing):
                    out[(span.start, span.end)] = _stand_in(place, enclosing, place.text)
                break
            previous_end = later.end
    return out


_HEAD_KINDS = ("city", "admin2", "admin1")  # the most specific first


def _fall_back_on_the_entry_head(text: str, spans: Sequence[Span], out: dict[tuple[int, int], Place],
                                 named: set[str]) -> dict:
    """In a round-up or digest whose entries open with their place (``2 ▪ IRAQ ▪ Koya district, Erbil
    governorate ▪ Wednesday 22 May. Drones struck a camp near Zergwez-Banisawa``), a place of the
    entry that the gazetteer lacks, or finds only in another country (a namesake), stands on the
    head's most specific place: the article's other countries say nothing about this entry's. The
    head's place must lie in a country the article ``named`` (by name, demonym or group): a head
    found only abroad (Ghana's ``North East Region`` read as Botswana's) is itself a namesake."""
    places = sorted(s for s in spans if s.label == "PLACE" and (s.start, s.end) in out)
    acts = [s for s in spans if s.label == "TRIGGER"]
    told = sorted(s.start for s in spans if s.label in ("ACTOR", "TRIGGER", "KILLED", "WOUNDED"))
    for start, end in entry_lines(text, places, acts, [s for s in spans if s.label == "TIME"]):
        head_end = next((t for t in told if start <= t < end), end)
        head_spans = [p for p in places if start <= p.start and p.end <= head_end]
        head = [out[(p.start, p.end)] for p in head_spans]
        # a country the head names itself ('Nara (Koulikoro region, Mali)') rules out namesakes elsewhere,
        # the head's own town included
        head_country = {h.country_code for h in head if h.resolved and h.kind == "country"}
        enclosing = next((h for kind in _HEAD_KINDS for h in head
                          if h.resolved and h.kind == kind and h.country_code in (head_country or named)), None)
        if enclosing is None and len(head_country) == 1:  # a head that names only its country
            enclosing = next(h for h in head if h.resolved and h.kind == "country")
        if enclosing is None:
            continue
        for span in head_spans if head_country else ():
            place = out[(span.start, span.end)]
            if place is not enclosing and place.kind != "country" and (not place.resolved or place.country_code not in head_country):
                out[(span.start, span.end)] = _stand_in(place, enclosing, place.text)
        for span in (p for p in places if head_end <= p.start and p.end <= end):
            place = out[(span.start, span.end)]
            if not place.resolved or place.kind == "city" and place.country_code != enclosing.country_code:
                out[(span.start, span.end)] = _stand_in(place, enclosing, place.text)
    return out


def _fall_back_on_the_province(out: dict[tuple[int, int], Place], dateline: set) -> dict:
    """A name still unresolved stands on the article's province (precision 3, the name kept in
    ``location_text``) when the body names one province and every place it resolves lies in it
    ('Seytenga ... fled to Dori, the main town of the Sahel region'). Several provinces, or towns
    elsewhere, leave it unresolved: a guess would as likely be wrong."""
    body = [p for key, p in out.items() if key not in dateline]
    provinces = [p for p in body if p.kind == "admin1"]
    codes = {p.admin1_code for p in body if p.resolved and p.kind != "country"}
    if len(codes) != 1 or not provinces:
        return out
    province = provinces[0]
    for key, place in out.items():
        if key not in dateline and not place.resolved and place.country_code in (None, province.country_code):
            out[key] = _stand_in(place, province, place.text)
    return out


def _encloses(enclosing: Place, place: Place) -> bool:
    """Could ``enclosing`` hold an unresolved place of this country, or is it a division that a
    resolved town should lie in?"""
    if not place.resolved:
        return place.country_code in (None, enclosing.country_code)
    return enclosing.kind in ("admin1", "admin2")


def _inside(town: Place, division: Place) -> bool:
    if town.admin1_code != division.admin1_code:
        return False
    return division.kind == "admin1" or town.admin2 in (None, division.admin2)
