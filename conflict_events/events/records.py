"""The event record and its parts: frozen dataclasses with ``to_dict`` for export."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields

from conflict_events.events.actor_codes import role_code
from conflict_events.events.numbers import CountRange
from conflict_events.labels import EVENT_TYPES


@dataclass(frozen=True)
class Evidence:
    """A stretch of one article: a sentence supporting the event, or a trigger."""

    article_id: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"article_id": self.article_id, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Claim:
    """What one source says: a figure (killed and/or wounded) or a counter-claim in words."""

    source: str
    killed: int | None = None
    wounded: int | None = None
    claim: str | None = None
    article_id: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"source": self.source}
        for key in ("killed", "wounded", "claim", "article_id"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass(frozen=True)
class Event:
    """One conflict event, assembled from the spans of one or more articles."""

    event_id: str
    article_ids: tuple[str, ...]
    event_type: str
    sub_event_type: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    location: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = None
    location_text: str | None = None  # a more specific place the gazetteer lacks, standing on ``location``
    date: str | None = None
    date_text: str | None = None
    time_precision: str | None = None
    killed: CountRange | None = None
    wounded: CountRange | None = None
    sources: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    triggers: tuple[Evidence, ...] = ()
    confidence: float = 0.0
    # ACLED-style codes of actor1/actor2 (events/actor_codes.py), derived from them and the country on
    # every construction, so that a ``replace`` of an actor or the country can never leave them stale.
    actor1_code: str | None = None
    actor2_code: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "actor1_code", role_code("actor1", self.actor1, self.country, self.event_type))
        object.__setattr__(self, "actor2_code", role_code("actor2", self.actor2, self.country, self.event_type))
        if self.event_type not in EVENT_TYPES:
            raise ValueError(f"event_type {self.event_type!r} is not one of {', '.join(EVENT_TYPES)}")
        if not self.article_ids:
            raise ValueError("an event needs at least one article id")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside [0, 1]")

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (counts as ``{low, high}``, claims and evidence as lists of dicts)."""
        out: dict = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, CountRange):
                value = value.to_dict()
            elif isinstance(value, tuple):
                value = [v.to_dict() if hasattr(v, "to_dict") else v for v in value]
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "Event":
        """Inverse of :meth:`to_dict` (for reading JSONL exports back)."""
        kwargs = dict(data)
        for key in ("killed", "wounded"):
            if kwargs.get(key) is not None:
                kwargs[key] = CountRange(**kwargs[key])
        kwargs["claims"] = tuple(Claim(**c) for c in kwargs.get("claims", ()))
        kwargs["evidence"] = tuple(Evidence(**e) for e in kwargs.get("evidence", ()))
        kwargs["triggers"] = tuple(Evidence(**e) for e in kwargs.get("triggers", ()))
        kwargs["article_ids"] = tuple(kwargs.get("article_ids", ()))
        kwargs["sources"] = tuple(kwargs.get("sources", ()))
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in kwargs.items() if k in known})


def make_event_id(article_id: str, offsets: list[tuple[int, int]]) -> str:
    """Stable id: a hash of the article id and the evidence (trigger) offsets."""
    payload = article_id + "|" + ";".join(f"{s}-{e}" for s, e in sorted(offsets))
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]


def merged_event_id(event_ids: list[str]) -> str:
    """Stable id of a merged event: a hash of its members' ids, order-free."""
    return hashlib.sha1("+".join(sorted(event_ids)).encode("utf-8")).hexdigest()[:16]
