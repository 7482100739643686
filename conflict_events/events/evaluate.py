"""Scoring event records against gold events, and geocoding against gold places.

Matching, per article: a predicted event and a gold event are paired by the number of their
trigger spans that overlap (gold events carry ``triggers`` offsets), greedily, most overlap first;
events left over are paired when they share event type and location. Precision is matched /
predicted, recall matched / gold. Field accuracy is over matched pairs: strings are compared after
folding case, accents, punctuation and a leading article (``lenient`` also accepts one value's
words inside the other's: ``Taliban`` vs ``Taliban forces``); counts need equal low and high;
null equals only null. ``referent`` accuracy judges the actors and the place by what they refer to:
a value is right when it names one of the mentions the gold event links to that role (decision 41
links every mention of the actor: ``Taliban``, ``Taliban fighters``, ``insurgents``), compared by
party (``party_key``) for actors; the annotated name is one writer's choice among them. ``coded``
accuracy compares the actors by their ACLED-style codes (events/actor_codes.py: ``RSF fighters`` and
``Rapid Support Forces (RSF)`` are both ``Rapid Support Forces``; ``soldiers`` and ``Malian troops`` in
Mali both ``Military Forces of Mali``), the gold code derived from the gold actor and country (and,
for actor2, the event type: ACLED codes the target of Violence against civilians as civilians).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from conflict_events.events.actor_codes import canonical_country, role_code
from conflict_events.events.geocode import Gazetteer, geocode_article
from conflict_events.events.numbers import count_party
from conflict_events.events.roles import party_key
from conflict_events.events.records import Event

FIELDS = ("event_type", "actor1", "actor2", "location", "country", "date", "killed", "wounded")
_STRING_FIELDS = ("event_type", "actor1", "actor2", "location", "country", "date")


def normalise_value(value: Any) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^(?:the|a|an) ", "", text) or None


def _count(value: Any) -> tuple[int, int] | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return value["low"], value["high"]
    return value.low, value.high


def field_equal(name: str, predicted: Any, gold: Any, lenient: bool = False) -> bool:
    if name in ("killed", "wounded"):
        return _count(predicted) == _count(gold)
    if name == "country":  # 'Côte d'Ivoire' in the gold is the gazetteer's 'Ivory Coast'
        predicted, gold = canonical_country(predicted), canonical_country(gold)
    a, b = normalise_value(predicted), normalise_value(gold)
    if a == b:
        return True
    if lenient and a and b:
        wa, wb = set(a.split()), set(b.split())
        return wa <= wb or wb <= wa
    return False


def _as_written(event: dict, name: str) -> Any:
    """A field as the annotations write it: their ``location`` is the most specific place named,
    which a record keeps in ``location_text`` when it stands on an enclosing place (ACLED's way)."""
    return (event.get("location_text") or event.get("location")) if name == "location" else event.get(name)


def _get(article: Any, key: str, default: Any = None) -> Any:
    return article.get(key, default) if isinstance(article, dict) else getattr(article, key, default)


@dataclass
class EventReport:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    correct: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    correct_lenient: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    correct_referent: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    correct_coded: dict[str, int] = field(default_factory=lambda: {f: 0 for f in FIELDS})
    pairs: list[tuple[str, dict, dict]] = field(default_factory=list)  # (article id, predicted, gold)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, lenient: bool = False, referent: bool = False, coded: bool = False) -> dict[str, float]:
        counts = (self.correct_coded if coded else self.correct_referent if referent
                  else self.correct_lenient if lenient else self.correct)
        return {f: (counts[f] / self.matched if self.matched else 0.0) for f in FIELDS}

    def to_dict(self) -> dict:
        return {"predicted": self.predicted, "gold": self.gold, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "field_accuracy": {k: round(v, 4) for k, v in self.accuracy().items()},
                "field_accuracy_lenient": {k: round(v, 4) for k, v in self.accuracy(True).items()},
                "field_accuracy_referent": {k: round(v, 4) for k, v in self.accuracy(referent=True).items()},
                "field_accuracy_coded": {k: round(v, 4) for k, v in self.accuracy(coded=True).items()}}

    def format(self) -> str:
        lines = [f"events: predicted {self.predicted}, gold {self.gold}, matched {self.matched}; "
                 f"P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f}",
                 f"{'field':<12} {'strict':>7} {'lenient':>8} {'referent':>9} {'coded':>6}"]
        strict, lenient = self.accuracy(), self.accuracy(True)
        referent, coded = self.accuracy(referent=True), self.accuracy(coded=True)
        lines += [f"{f:<12} {strict[f]:>7.3f} {lenient[f]:>8.3f} {referent[f]:>9.3f} {coded[f]:>6.3f}" for f in FIELDS]
        return "\n".join(lines)


def _overlaps(predicted: dict, gold: dict) -> int:
    spans = [(t["start"], t["end"]) for t in gold.get("triggers", [])]
    return sum(1 for t in predicted.get("triggers", []) for s, e in spans if t["start"] < e and s < t["end"])


def match_events(predicted: list[dict], gold: list[dict]) -> list[tuple[int, int]]:
    """Index pairs (predicted, gold): trigger overlap first, then same type and location."""
    scores = sorted(((_overlaps(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
                    key=lambda item: (-item[0], item[1], item[2]))
    pairs, used_p, used_g = [], set(), set()
    for score, i, j in scores:
        if score > 0 and i not in used_p and j not in used_g:
            pairs.append((i, j))
            used_p.add(i)
            used_g.add(j)
    for i, p in enumerate(predicted):
        for j, g in enumerate(gold):
            if i in used_p or j in used_g:
                continue
            if p.get("event_type") == g.get("event_type") and field_equal("location", _as_written(p, "location"),
                                                                          g.get("location")):
                pairs.append((i, j))
                used_p.add(i)
                used_g.add(j)
    return pairs


def _for_article(event: Event, article_id: str) -> dict:
    """An event as a dict whose triggers are those in this article only."""
    data = event.to_dict()
    data["triggers"] = [t for t in data["triggers"] if t["article_id"] == article_id]
    return data


_REFERENT_ROLES = {"actor1": "actor1", "actor2": "actor2", "location": "place"}


def linked_mentions(article: Any, event_index: int, role: str) -> list[str]:
    """The texts of the spans gold event ``event_index`` links to ``role`` (none for dict articles
    or events annotated without links)."""
    links = _get(article, "links", ()) or ()
    if event_index >= len(links):
        return []
    text = _get(article, "text", "")
    return [text[link.start:link.end] for link in links[event_index] if link.role == role]


def same_referent(name: str, predicted: Any, gold: Any, mentions: list[str]) -> bool:
    """Strictly equal, or naming one of the gold event's mentions for that role (actors compared by
    party, so ``Taliban`` names ``Taliban fighters``; a count phrase names its counted party)."""
    if field_equal(name, predicted, gold):
        return True
    if predicted is None or name not in _REFERENT_ROLES:
        return False
    if name == "location":
        return any(field_equal(name, predicted, m) for m in mentions)
    key = party_key(str(predicted))
    return any(key == party_key(count_party(m) or m) for m in mentions)


def same_code(name: str, predicted: dict, gold: dict) -> bool:
    """Actors: the record's ACLED-style code equals the gold actor's (coded in the gold country);
    other fields: strictly equal."""
    if name not in ("actor1", "actor2"):
        return field_equal(name, _as_written(predicted, name), gold.get(name))
    def code(event: dict) -> str | None:
        return role_code(name, event.get(name), event.get("country"), event.get("event_type"))
    key = f"{name}_code"  # records carry it; a dict written before the codes existed is coded here
    mine = predicted[key] if key in predicted else code(predicted)
    return field_equal(name, mine, code(gold))


def evaluate_events(predicted: Iterable[Event], gold_articles: Iterable[Any]) -> EventReport:
    """Event precision/recall/F1 and per-field accuracy; an event merged across articles is scored in
    each of its articles. Articles are :class:`~conflict_events.corpus.Article` objects or dicts."""
    predicted = list(predicted)
    report = EventReport()
    for article in gold_articles:
        article_id = str(_get(article, "id"))
        gold = [dict(e) for e in _get(article, "events", ()) or ()]
        mine = [_for_article(e, article_id) for e in predicted if article_id in e.article_ids]
        report.predicted += len(mine)
        report.gold += len(gold)
        for i, j in match_events(mine, gold):
            report.matched += 1
            report.pairs.append((article_id, mine[i], gold[j]))
            for name in FIELDS:
                report.correct[name] += field_equal(name, _as_written(mine[i], name), gold[j].get(name))
                report.correct_lenient[name] += field_equal(name, _as_written(mine[i], name), gold[j].get(name), True)
                mentions = linked_mentions(article, j, _REFERENT_ROLES[name]) if name in _REFERENT_ROLES else []
                report.correct_referent[name] += same_referent(name, _as_written(mine[i], name), gold[j].get(name), mentions)
                report.correct_coded[name] += same_code(name, mine[i], gold[j])
    return report


@dataclass
class GeocodeReport:
    places: int = 0
    places_with_reference: int = 0
    places_right_country: int = 0
    event_locations: int = 0
    event_locations_right_country: int = 0
    event_locations_with_coordinates: int = 0

    def to_dict(self) -> dict:
        share = lambda a, b: round(a / b, 4) if b else 0.0  # noqa: E731
        return {"places": self.places, "places_with_reference": self.places_with_reference,
                "place_country_accuracy": share(self.places_right_country, self.places_with_reference),
                "event_locations": self.event_locations,
                "event_location_country_accuracy": share(self.event_locations_right_country, self.event_locations),
                "event_location_coordinates_share": share(self.event_locations_with_coordinates,
                                                          self.event_locations)}


def evaluate_geocoding(gold_articles: Iterable[Any], reference: dict[str, str] | None = None,
                       gazetteer: Gazetteer | None = None) -> GeocodeReport:
    """Geocode every gold PLACE span in its article's context. A place's expected country comes from
    ``reference`` (place text -> country) or, for a gold event's ``location``, from that event's
    ``country``; event locations also count whether coordinates were found."""
    reference = {normalise_value(k): v for k, v in (reference or {}).items()}
    report = GeocodeReport()
    for article in gold_articles:
        spans = [s for s in _get(article, "spans", ()) if s.label == "PLACE"]
        names = [s.text for s in spans]
        by_span = geocode_article(_get(article, "text", ""), spans, None, gazetteer)  # as event assembly does
        places = {}
        for span in spans:
            places.setdefault(span.text, by_span[(span.start, span.end)])
        expected = dict(reference)
        for event in _get(article, "events", ()) or ():
            if event.get("location") and event.get("country"):
                expected.setdefault(normalise_value(event["location"]), event["country"])
        for name in names:
            report.places += 1
            want = expected.get(normalise_value(name))
            if want is not None:
                report.places_with_reference += 1
                report.places_right_country += field_equal("country", places[name].country, want)
        for event in _get(article, "events", ()) or ():
            location = event.get("location")
            if not location or not event.get("country") or location not in places:
                continue
            report.event_locations += 1
            report.event_locations_right_country += field_equal("country", places[location].country,
                                                                event["country"])
            report.event_locations_with_coordinates += places[location].latitude is not None
    return report
