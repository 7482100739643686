"""Score a geocoder against the gold files in ``evaluation/geocoding/`` (format in its README).

A mention is judged at three levels:

* country: the predicted ``country_code`` equals the gold one;
* admin1: the predicted ``admin1_code`` (GeoNames form ``AF.11``) equals the gold one; only mentions
  whose gold has an admin1 code count (countries do not);
* place, by the gold ``feature`` (for a place that GeoNames lacks, by its ``fallback_feature``):
  country: the country is right; province: the admin1 is right; district: the admin1 is right and
  the coordinates lie within ``DISTRICT_RADIUS_KM`` of the district's seat (or the admin2 name is
  the gold one); populated place or site: the same geonameid, or coordinates within
  ``TOWN_RADIUS_KM`` of the gold ones in the same country.

Coverage is the share of mentions with ``exists_in_geonames: true`` that got coordinates.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

# GeoNames often holds one town twice a few km apart (``Iligan`` and ``Iligan City``); a town
# radius of 10 km accepts either and still rejects a namesake in the next district.
TOWN_RADIUS_KM = 10.0
# A district's seat and its centroid can be 25 km apart (Afghan districts average ~1,600 km²);
# 30 km accepts either answer and rejects the neighbouring district's seat in most cases.
DISTRICT_RADIUS_KM = 30.0
FEATURES = ("populated-place", "district", "province", "country", "site", "region")
_GOLD_KEYS = ("start", "end", "text", "country_code", "admin1_code", "admin2", "geonameid", "feature",
              "latitude", "longitude", "exists_in_geonames")


class GoldFormatError(ValueError):
    """A gold file line that does not follow the format (names file, line and reason)."""


@dataclass(frozen=True)
class GoldPlace:
    start: int
    end: int
    text: str
    country_code: str
    admin1_code: str | None
    admin2: str | None
    geonameid: int | None
    feature: str
    latitude: float | None
    longitude: float | None
    exists_in_geonames: bool
    fallback_feature: str | None = None

    @property
    def scored_feature(self) -> str:
        """The unit the place is scored as: itself, or the fallback unit GeoNames can give."""
        return self.fallback_feature if not self.exists_in_geonames and self.fallback_feature else self.feature


@dataclass(frozen=True)
class GoldNote:
    id: str
    text: str
    spans: tuple[tuple[int, int, str], ...]
    country_hint: str | None
    gold: tuple[GoldPlace, ...]


@dataclass(frozen=True)
class PredictedPlace:
    """What a geocoder said about one span (any field may be None)."""

    country_code: str | None = None
    admin1_code: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True)
class MentionJudgement:
    note_id: str
    gold: GoldPlace
    predicted: PredictedPlace
    country: bool
    admin1: bool | None  # None: the gold has no admin1 (a country)
    place: bool


@dataclass
class Tally:
    mentions: int = 0
    country: int = 0
    admin1_total: int = 0
    admin1: int = 0
    place: int = 0
    existing: int = 0
    covered: int = 0

    def add(self, judgement: MentionJudgement) -> None:
        self.mentions += 1
        self.country += judgement.country
        self.place += judgement.place
        if judgement.admin1 is not None:
            self.admin1_total += 1
            self.admin1 += judgement.admin1
        if judgement.gold.exists_in_geonames:
            self.existing += 1
            self.covered += judgement.predicted.has_coordinates

    def rates(self) -> dict[str, float | int | None]:
        share = lambda hits, total: round(hits / total, 4) if total else None  # noqa: E731
        return {"mentions": self.mentions, "country": share(self.country, self.mentions),
                "admin1": share(self.admin1, self.admin1_total), "admin1_mentions": self.admin1_total,
                "place": share(self.place, self.mentions), "coverage": share(self.covered, self.existing),
                "coverage_mentions": self.existing}


@dataclass
class GeocodeScore:
    overall: Tally = field(default_factory=Tally)
    by_country: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_feature: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    judgements: list[MentionJudgement] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"overall": self.overall.rates(),
                "by_feature": {k: v.rates() for k, v in sorted(self.by_feature.items())},
                "by_country": {k: v.rates() for k, v in sorted(self.by_country.items())},
                "errors": [_error_row(j) for j in self.judgements if not (j.country and j.place and j.admin1 is not False)]}

    def markdown(self) -> str:
        head = "| group | mentions | country | admin1 | place | coverage |\n|---|---:|---:|---:|---:|---:|"
        rows = [_row("**all**", self.overall)]
        rows += [_row(f"feature: {k}", v) for k, v in sorted(self.by_feature.items())]
        rows += [_row(f"country: {k}", v) for k, v in sorted(self.by_country.items())]
        return "\n".join([head, *rows])


def _row(name: str, tally: Tally) -> str:
    r = tally.rates()
    cell = lambda v: "–" if v is None else f"{v:.3f}"  # noqa: E731
    return (f"| {name} | {r['mentions']} | {cell(r['country'])} | {cell(r['admin1'])} ({r['admin1_mentions']}) "
            f"| {cell(r['place'])} | {cell(r['coverage'])} ({r['coverage_mentions']}) |")


def _error_row(j: MentionJudgement) -> dict:
    return {"note": j.note_id, "text": j.gold.text, "feature": j.gold.scored_feature,
            "gold": [j.gold.country_code, j.gold.admin1_code, j.gold.geonameid],
            "predicted": [j.predicted.country_code, j.predicted.admin1_code, j.predicted.geonameid,
                          j.predicted.latitude, j.predicted.longitude],
            "country": j.country, "admin1": j.admin1, "place": j.place}


# -- reading ----------------------------------------------------------------------------------

def _gold_place(raw: dict, text: str) -> GoldPlace:
    missing = [k for k in _GOLD_KEYS if k not in raw]
    if missing:
        raise ValueError(f"gold entry lacks {', '.join(missing)}")
    place = GoldPlace(**{k: raw[k] for k in _GOLD_KEYS}, fallback_feature=raw.get("fallback_feature"))
    if place.feature not in FEATURES:
        raise ValueError(f"feature {place.feature!r} is not one of {', '.join(FEATURES)}")
    if text[place.start:place.end] != place.text:
        raise ValueError(f"gold text {place.text!r} is not the text at {place.start}:{place.end}")
    if place.scored_feature != "country" and not place.admin1_code:
        raise ValueError(f"{place.text!r}: only a country (or a place scored as its country) may lack admin1_code")
    return place


def read_gold(path: Path) -> list[GoldNote]:
    """Read and check a gold file; a bad line raises GoldFormatError naming file, line and reason."""
    notes = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            spans = tuple((s["start"], s["end"], s["label"]) for s in raw["spans"])
            gold = tuple(_gold_place(g, raw["text"]) for g in raw["gold"])
            places = {(s, e) for s, e, label in spans if label == "PLACE"}
            if places != {(g.start, g.end) for g in gold}:
                raise ValueError("PLACE spans and gold entries differ")
            notes.append(GoldNote(raw["id"], raw["text"], spans, raw.get("country_hint"), gold))
        except (ValueError, KeyError, TypeError) as error:  # JSONDecodeError is a ValueError
            raise GoldFormatError(f"{path}:{number}: {error}") from error
    return notes


# -- judging ----------------------------------------------------------------------------------

def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance; hand-written (haversine, 4 lines) to keep the scorer free of the
    geocoder it scores and of a dependency for one formula."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _fold(name: str | None) -> str:
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", re.sub(r"['`\u2018\u2019\u02bc\u02bf\u02be]", "", text)).strip()


def _near(gold: GoldPlace, predicted: PredictedPlace, radius_km: float) -> bool:
    if gold.latitude is None or gold.longitude is None or not predicted.has_coordinates:
        return False
    return distance_km((gold.latitude, gold.longitude), (predicted.latitude, predicted.longitude)) <= radius_km


def place_correct(gold: GoldPlace, predicted: PredictedPlace) -> bool:
    """Place-level correctness by the unit the gold is scored as (see the module docstring)."""
    same_country = predicted.country_code == gold.country_code
    same_admin1 = same_country and predicted.admin1_code == gold.admin1_code
    feature = gold.scored_feature
    if feature == "country":
        return same_country
    if feature == "province":
        return same_admin1
    if feature == "district":
        named = gold.admin2 is not None and _fold(predicted.admin2) == _fold(gold.admin2)
        return same_admin1 and (named or _near(gold, predicted, DISTRICT_RADIUS_KM))
    if gold.geonameid is not None and predicted.geonameid == gold.geonameid:
        return True
    return same_country and _near(gold, predicted, TOWN_RADIUS_KM)


def judge(note_id: str, gold: GoldPlace, predicted: PredictedPlace | None) -> MentionJudgement:
    predicted = predicted or PredictedPlace()
    country = predicted.country_code == gold.country_code
    admin1 = None if gold.admin1_code is None else (country and predicted.admin1_code == gold.admin1_code)
    return MentionJudgement(note_id, gold, predicted, country, admin1, place_correct(gold, predicted))


Geocoder = Callable[[GoldNote], dict[tuple[int, int], PredictedPlace]]


def score(notes: Iterable[GoldNote], geocoder: Geocoder) -> GeocodeScore:
    """Run ``geocoder`` on each note and tally every gold mention (a span it skipped is wrong)."""
    result = GeocodeScore()
    for note in notes:
        predictions = geocoder(note)
        for gold in note.gold:
            judgement = judge(note.id, gold, predictions.get((gold.start, gold.end)))
            result.judgements.append(judgement)
            feature = gold.feature if gold.exists_in_geonames else f"{gold.feature} (not in GeoNames)"
            for tally in (result.overall, result.by_country[gold.country_code], result.by_feature[feature]):
                tally.add(judgement)
    return result
