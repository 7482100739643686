"""Offline geocoding of PLACE spans the way ACLED codes places.

Data: see :mod:`conflict_events.events.gazetteer` (GeoNames towns of 500+ people, provinces and
districts; CC BY 4.0). ``precision`` is ACLED's ``geo_precision``:

| value | meaning | coordinates |
|---|---|---|
| 1 | the place itself: a town or village, or a site named after it (``Kandahar airport``) | the town |
| 2 | a district, the area near a town, or an enclosing district/town standing in for an unknown village | the district's seat, or the town |
| 3 | a province, or a country only (``southern Afghanistan``) | the province's populated centre, or the country's |

``location_text`` keeps a name the gazetteer lacks (``Noorzayeha village``) when the place falls
back to the district, town or province named with it. A name that nothing resolves keeps null
coordinates and takes the country of the article (its places, then its demonyms and armed groups,
then the caller's country hint). Names are compared after folding (:mod:`placenames`): exactly,
then by transliteration skeleton, then by a close spelling among the article's countries;
namesakes are chosen by the countries and provinces of the article's other places, then by its
demonyms, then by the hint, then by population.
"""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Sequence

from conflict_events.events.gazetteer import COUNTRY_NAMES, GazetteerData, Town  # noqa: F401 (re-exported)
from conflict_events.events.placenames import DIRECTIONS, normalise_name, strip_type_words
from conflict_events.spans import Span

_LEVELS = {"city": 1, "admin2": 2, "admin1": 3, "country": 4}


@dataclass(frozen=True)
class Place:
    """One geocoded place; ``text`` is the span as written."""

    text: str
    name: str | None = None
    country: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    precision: int | None = None
    kind: str = "unknown"  # city, admin2, admin1, country or unknown
    admin1_namesake: bool = False  # a town named like its province ('Baghlan'): may mean the province
    admin1_code: str | None = None  # GeoNames form, 'AF.23'
    admin2: str | None = None
    location_text: str | None = None  # an unresolved, more specific name this place stands in for

    @property
    def resolved(self) -> bool:
        """Found in the gazetteer (an unknown place may still carry its article's country)."""
        return self.kind != "unknown"

    @property
    def level(self) -> int:
        """How coarse: 1 town, 2 district, 3 province, 4 country, 9 unknown."""
        return _LEVELS.get(self.kind, 9)


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _placed(countries: Counter) -> bool:
    """Some place of the article fixes a country (words alone weigh less than 1)."""
    return any(n >= 1 for n in countries.values())


def _main_countries(countries: Counter) -> set[str]:
    top = max(countries.values(), default=0)
    return {iso for iso, n in countries.items() if n > 0 and 2 * n >= top}


class Gazetteer(GazetteerData):
    """Resolves one name in its article's context. Build once: :func:`default_gazetteer`."""

    # -- candidates -----------------------------------------------------------------------
    def city_candidates(self, key: str, countries: Counter | None = None, strict: bool = True) -> list[int]:
        """Exact key, else the same transliteration skeleton, else a close spelling (difflib);
        loose matches are looked for among the article's countries when it has any."""
        countries = countries or Counter()
        exact = list(self.towns_named(key))
        wanted = _main_countries(countries)
        if exact and not strict and not wanted:  # a piece of a longer name ('Kalan' in 'Noorzayeha-ye Kalan')
            return [g for g in exact if self.towns[g].population >= 100000 and normalise_name(self.towns[g].name) == key]
        if exact and (not wanted or any(self.towns[g].country_code in wanted for g in exact)):
            return exact
        in_context = [g for g in self.towns_named(key, loose=True)  # another spelling, not the namesake abroad
                      if self.towns[g].country_code in countries and g not in exact]
        if in_context:
            return in_context
        tiers = [self.keys_in_country(iso) for iso, _ in countries.most_common(2)]
        if exact:  # a namesake only abroad: a close spelling at home is likelier, unless it is a known city
            # a city everyone knows, by its own name ('Chaman' across the border; 'Ber' is only an
            # alternate name of Berlin)
            if any(self.towns[g].population >= 100000 and normalise_name(self.towns[g].name) == key for g in exact):
                return exact
            home = next((list(self.towns_named(c[0])) for t in tiers
                         if (c := difflib.get_close_matches(key, _near_length(t, key), n=1, cutoff=0.85))), None)
            if home is not None:
                return home
            mentioned = any(self.towns[g].country_code in countries for g in exact)
            return exact if mentioned or not countries else []  # not a small town abroad, whole name or piece
        if not _placed(countries):  # no place fixes a country: a skeleton match of a sizeable town, for a whole name
            sizeable = [g for g in self.towns_named(key, loose=True) if strict and self.towns[g].population >= 20000]
            if sizeable or not countries:
                return sizeable
        for tier in tiers:
            close = difflib.get_close_matches(key, _near_length(tier, key), n=1, cutoff=0.85) if len(key) >= 5 else []
            if close:
                return list(self.towns_named(close[0]))
        # nothing at home: a sizeable town of this spelling in one country only, for a long name whose
        # skeleton says much ('Jisr al-Shughur'; 'Sahel' is also Egypt's As Sahil)
        loose = [g for g in self.towns_named(key, loose=True)
                 if strict and len(key) >= 10 and self.towns[g].population >= 20000]
        return loose if len({self.towns[g].country_code for g in loose}) == 1 else []

    def division_candidates(self, key: str, level: int, countries: Counter, exact_only: bool = False,
                            named_as: bool = False) -> list[tuple]:
        """Provinces or districts called ``key``: exact, then (in the countries the article's places
        fix) by skeleton, then by consonants. ``named_as``: the text calls it a province or district
        ('Tillaberi region'), so an exact name of one country's division stands even where the
        context points elsewhere (the article names a neighbour, or its words are another country's)."""
        every = self.divisions_named(key, level)
        found = every
        if countries:  # with context, a division abroad is a namesake ('Congo', a district of Brazil)
            found = [c for c in found if c[0] in countries]
        if not found and named_as and len({c[0] for c in every}) == 1:
            return every
        if found or exact_only:
            return found
        # another spelling counts only in the article's countries ('Congo' is no district of Brazil)
        placed = {iso for iso, n in countries.items() if n >= 1}  # fixed by places, not only by words
        loose = [c for c in self.divisions_named(key, level, "loose") if c[0] in placed]
        if loose:
            return loose
        if len(key) >= 5:
            return [c for c in self.divisions_named(key, level, "consonants") if c[0] in placed]
        return []

    # -- places ---------------------------------------------------------------------------
    def _city_place(self, text: str, gid: int, precision: int) -> Place:
        town: Town = self.towns[gid]
        iso = town.country_code
        return Place(text, town.name, self.country_name(iso), iso, self.admin1_name(iso, town.admin1_code),
                     town.latitude, town.longitude, gid, precision, "city",
                     admin1_code=f"{iso}.{town.admin1_code}" if town.admin1_code else None,
                     admin2=self.admin2_name(iso, town.admin1_code, town.admin2_code) or self._seat_of(town))

    def _seat_of(self, town: Town) -> str | None:
        """The district a town without a district code gives its name to, in its own province
        ('Marka', Lower Shabelle's Marka district)."""
        codes = [c for c in self.divisions_named(normalise_name(town.name), 2) if c[:2] == (town.country_code, town.admin1_code)]
        return self.division(codes[0]).name if len(codes) == 1 else None

    def _division_place(self, text: str, code: tuple[str, str, str]) -> Place:
        division = self.division(code)
        iso, admin1, admin2 = code
        district = bool(admin2)
        return Place(text, division.name, self.country_name(iso), iso, self.admin1_name(iso, admin1),
                     division.latitude, division.longitude, division.geonameid, 2 if district else 3,
                     "admin2" if district else "admin1", admin1_code=f"{iso}.{admin1}",
                     admin2=division.name if district else None)

    def _country_place(self, text: str, iso: str) -> Place:
        centre = self.country_centre(iso) or (None, None)
        return Place(text, self.countries[iso]["name"], self.country_name(iso), iso, None, centre[0], centre[1],
                     self.countries[iso]["geonameid"], 3, "country")

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, text: str, countries: Counter | None = None, admin1s: Counter | None = None,
                near: list[tuple[float, float]] | None = None, hint: str | None = None) -> Place:
        """Geocode one place name, using the article's other places as context (may be empty);
        ``hint`` (ISO2) breaks ties the context leaves open."""
        countries, admin1s, near = countries or Counter(), admin1s or Counter(), near or []
        key, kind_word = strip_type_words(text)
        named = strip_type_words(text, keep_directions=True)[0]  # 'North Waziristan', 'North-West region'
        if named != key and (named in self.country_index or self.towns_named(named)
                             or self.divisions_named(named, 1) or self.divisions_named(named, 2)):
            key = named
        if not key or key in DIRECTIONS:  # "South Hospital" names no town called South
            # 'East region': a province called so in the article's countries only
            codes = self.division_candidates(key, 1, countries) if key and kind_word == "admin1" and countries else []
            return self._division_place(text, self._best_division(codes, countries, admin1s, hint)) if codes else Place(text)
        if kind_word != "admin1" and key in self.country_index:
            return self._country_place(text, self.country_index[key])
        if kind_word in ("admin1", "district"):
            level = 1 if kind_word == "admin1" else 2
            codes = self.division_candidates(key, level, countries, named_as=True)
            if codes:
                return self._division_place(text, self._best_division(codes, countries, admin1s, hint))
            towns = self.city_candidates(key, countries) if level == 1 else []
            if towns:  # a region named after its main town ('Timbuktu region', GeoNames' Tombouctou)
                town = self.towns[self._best_city(towns, key, countries, admin1s, near, hint)]
                if self.division((town.country_code, town.admin1_code, "")) is not None:
                    return self._division_place(text, (town.country_code, town.admin1_code, ""))
        # the whole name, then its pieces; a piece that is the whole name again is not retried loosely
        # Pieces shorter than four letters are particles ("al" in "al-Omar"), not names.
        pieces = [p for p in (normalise_name(p) for p in re.split(r"[-/]|\band\b", text)) if len(p) >= 4]
        parts = [key] + [p for p in pieces if p != key and strip_type_words(p)[0] != key]
        for part in parts:
            place = self._resolve_part(text, key, part, kind_word, countries, admin1s, near, hint)
            if place is None:
                continue
            if part != key and place.kind != "country" and not countries[place.country_code]:
                # a piece of a longer name ('Lara' of 'Djoumane-Lara') read in a country nothing else in
                # the article points to is no evidence of where the place lies
                continue
            return place
        for level in (2, 1):  # a district or province spelled another way
            codes = self.division_candidates(key, level, countries)
            if codes:
                return self._division_place(text, self._best_division(codes, countries, admin1s, hint))
        if key in self.country_index:
            return self._country_place(text, self.country_index[key])
        return Place(text)

    def _resolve_part(self, text: str, key: str, part: str, kind_word: str | None, countries: Counter,
                      admin1s: Counter, near: list, hint: str | None) -> Place | None:
        """One of :meth:`resolve`'s readings: ``part`` (the whole name's key or one of its pieces) as
        a country, a town, a province or district, or None."""
        part_key = strip_type_words(part)[0] if part != key else key
        if part != key and part_key in self.country_index:  # 'Afghanistan-Pakistan border'
            return self._country_place(text, self.country_index[part_key])
        # a bare name: a town of it (in another spelling too: 'Jisr al-Shughur'), else a province or
        # district, else a close spelling of a town
        exact = self.towns_named(part_key)
        wanted = _main_countries(countries)
        if exact and wanted and not any(self.towns[g].country_code in wanted for g in exact):
            for level in (2, 1):  # towns of this name only abroad, a district of it at home ('Bagram')
                codes = [c for c in self.division_candidates(part_key, level, countries, exact_only=True)
                         if c[0] in wanted]
                if codes:
                    return self._division_place(text, self._best_division(codes, countries, admin1s, hint))
        candidates = list(exact) and self.city_candidates(part_key, countries, part == key)
        candidates = candidates or [g for g in self.towns_named(part_key, loose=True)
                                    if self.towns[g].country_code in countries]
        if kind_word is None:
            province = self._province_not_town(part_key, candidates, countries, admin1s, near, hint)
            if province is not None:
                return self._division_place(text, province)
        if not candidates:
            for level in (1, 2):
                codes = self.division_candidates(part_key, level, countries, exact_only=True)
                if codes:
                    return self._division_place(text, self._best_division(codes, countries, admin1s, hint))
            candidates = self.city_candidates(part_key, countries, strict=part == key)
        if candidates:
            gid = self._best_city(candidates, part_key, countries, admin1s, near, hint)
            place = self._city_place(text, gid, 2 if kind_word == "district" else 1)
            if kind_word is None and normalise_name(place.admin1 or "") == part_key:
                place = replace(place, admin1_namesake=True)
            return place
        return None

    def _province_not_town(self, key: str, towns: list[int], countries: Counter, admin1s: Counter,
                           near: list, hint: str | None) -> tuple | None:
        """A bare name that is a province's, where its towns lie in other provinces ('Michoacan' is
        also a village in Chiapas; 'Al Jawf' a town in Abyan): the province. A town inside the
        province of its name ('Kandahar', 'Herat') stays the town."""
        provinces = self.division_candidates(key, 1, countries, exact_only=True)
        if not provinces or not towns:
            return None
        town = self.towns[self._best_city(towns, key, countries, admin1s, near, hint)]
        if any(p[:2] == (town.country_code, town.admin1_code) for p in provinces) or town.population >= 100000:
            return None
        return self._best_division(provinces, countries, admin1s, hint)

    def _best_division(self, codes: list[tuple], countries: Counter, admin1s: Counter, hint: str | None) -> tuple:
        return max(codes, key=lambda c: (countries.get(c[0], 0), admin1s.get(c[:2], 0), c[0] == hint, -codes.index(c)))

    def _best_city(self, gids: list[int], key: str, countries: Counter, admin1s: Counter,
                   near: list[tuple[float, float]], hint: str | None = None) -> int:
        def score(gid: int) -> tuple:
            town = self.towns[gid]
            iso = town.country_code
            in_admin = admin1s.get((iso, town.admin1_code), 0)
            primary = normalise_name(town.name) == key
            nearest = min((_distance_km((town.latitude, town.longitude), p) for p in near), default=0.0)
            return (countries.get(iso, 0) > 0, in_admin, countries.get(iso, 0), iso == hint, primary,
                    town.population >= 100000, -round(nearest / 100), town.population)

        return max(gids, key=score)


def _near_length(keys: tuple[str, ...], key: str) -> list[str]:
    return [k for k in keys if abs(len(k) - len(key)) <= 3 and k[:1] == key[:1]]


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    """The shared gazetteer (loaded from the on-disk index on first use)."""
    return Gazetteer()


def geocode_places(names: list[str], gazetteer: Gazetteer | None = None, cues: Counter | None = None,
                   hint: str | None = None, abroad: frozenset[str] = frozenset()) -> dict[str, Place]:
    """Geocode an article's place names together: a first pass collects the countries and
    provinces that the unambiguous names fix; a second pass picks namesakes with them.
    ``cues`` are countries the article's words point to (demonyms, armed groups), weaker than
    places; ``hint`` (ISO2) is used only where neither decides. ``abroad`` are names the article
    only gives as the far side of a border ('near the border with Cameroon'): they cast no vote."""
    gaz = gazetteer or default_gazetteer()
    cues = cues or Counter()
    first = {name: gaz.resolve(name, _with_cues(Counter(), cues), hint=hint) for name in dict.fromkeys(names)}
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    votes = {name: _votes_for_country(gaz, place) and name not in abroad for name, place in first.items()}
    province_votes = {name: place.kind in ("admin1", "admin2") or (place.kind == "city" and votes[name]
                                                                   and place.admin1_code is not None)
                      for name, place in first.items()}
    for name, place in first.items():
        if votes[name]:
            countries[place.country_code] += 1
        if province_votes[name]:
            admin1s[_admin1_key(place)] += 1  # 'Ghazni city' -> Ghazni's Muqur
    near = [(p.latitude, p.longitude) for name, p in first.items()
            if p.kind == "city" and votes[name] and p.latitude is not None]  # a city votes when unambiguous
    # A name's context is the other names: a wrong first guess ("Sabri" in the US) must not vote
    # for itself in the second pass.
    context = {name: _with_cues(_without_vote(countries, place.country_code) if votes[name] else countries, cues)
               for name, place in first.items()}
    second = {name: gaz.resolve(name, context[name], _without_vote(admin1s, _admin1_key(place)) if province_votes[name]
                                else admin1s, near, hint)
              for name, place in first.items()}  # its own province does not vote for it either
    for name, place in second.items():  # the others' context narrows a name's reading; it never loses one
        if not place.resolved and first[name].resolved:
            second[name] = first[name]
    home = (countries.most_common(1)[0][0] if countries else cues.most_common(1)[0][0] if cues else hint)
    for name, place in second.items():
        others = _without_vote(countries, place.country_code) if votes[name] else countries
        if home and place.kind in ("city", "admin2") and place.country_code not in (home, hint) \
                and not others[place.country_code] and not cues[place.country_code] \
                and countries[home] + min(cues[home], 1) >= 2 and not _named_city(gaz, place) \
                and not _near_home(place, [p for p in second.values() if p.country_code == home]):
            # a namesake far off, in a country nothing else in the article points to ('Kani' in Japan in
            # a report on Sagaing, 'Gizen' read as Giessen): a village the gazetteer lacks in the
            # article's country; a town across the border ('Chaman' in a report on Kandahar) stays
            second[name] = Place(place.text)
    if home:  # a place the gazetteer lacks is taken to lie in the article's main country
        for name, place in second.items():
            if not place.resolved and place.country_code is None:
                second[name] = Place(place.text, country=gaz.country_name(home), country_code=home)
    return second


def _near_home(place: Place, home_places: list[Place], km: float = 500.0) -> bool:
    """Within ``km`` of a place the article has in its main country (a town across the border)."""
    if place.latitude is None:
        return False
    return any(p.latitude is not None and _distance_km((place.latitude, place.longitude), (p.latitude, p.longitude)) <= km
               for p in home_places)


def _named_city(gaz: Gazetteer, place: Place) -> bool:
    """A city of 200,000 or more written by its own name: a report names it in passing ('talks in
    Doha', 'flown to Geneva') where a village of the same name is unlikely."""
    if place.kind != "city" or place.geonameid is None:
        return False
    town = gaz.towns[place.geonameid]
    return town.population >= 200000 and normalise_name(town.name) == strip_type_words(place.text)[0]


def _admin1_key(place: Place) -> tuple[str, str] | None:
    return (place.country_code, place.admin1_code.split(".", 1)[1]) if place.admin1_code else None


def _with_cues(countries: Counter, cues: Counter) -> Counter:
    merged = Counter({iso: n * 0.5 for iso, n in cues.items()})
    merged.update(countries)
    return merged


def _votes_for_country(gaz: Gazetteer, place: Place) -> bool:
    return place.kind in ("country", "admin1", "admin2") or (place.kind == "city" and _unambiguous(gaz, place))


def _without_vote(countries: Counter, country_code: str) -> Counter:
    context = countries.copy()
    context[country_code] -= 1
    return +context  # drops countries left at zero


def _unambiguous(gaz: Gazetteer, place: Place) -> bool:
    """The match is on the town's own name (an alternate spelling such as Iran's ``Bahrām`` for
    ``Bagram`` is no evidence of the country), and one country has towns of this name or the town
    is a city of 100,000 or more (Herat, not Iran's village of Herāt)."""
    key = strip_type_words(place.text)[0]
    if place.name is None or normalise_name(place.name) != key:
        return False
    countries = {gaz.towns[g].country_code for g in gaz.towns_named(key)}
    return len(countries) == 1 or gaz.towns[place.geonameid].population >= 100000


from conflict_events.events.geo_context import geocode_article, places_by_name, resolve_country_hint  # noqa: E402,F401
