"""Casualty phrases (the text of KILLED / WOUNDED spans) to a low/high count and the party counted.

Conventions (kept in line with ``annotations/README.md``, where a single stated figure gives
``low == high``):

| phrase | low, high | why |
|---|---|---|
| ``37``, ``At least 37 people``, ``more than 200``, ``up to 19``, ``nearly 40``, ``a total 22`` | N, N | a single stated figure; the quantifier is not turned into a guess |
| ``between 10 and 15``, ``10 to 15``, ``10-15``, ``10 or 15`` | 10, 15 | an explicit range |
| ``a dozen`` / ``more than a dozen``, ``two dozen`` | 12 / 12, 24 | number words via text2num, ``dozen`` = 12 |
| ``dozens`` 12, ``tens`` 10, ``scores`` 20, ``hundreds`` 100, ``thousands`` 1000 | N, N | ACLED's codes for vague plurals |
| ``several``, ``a few``, ``many``, ``some``, ``all the fighters`` | None | no figure (annotations/README.md: ``several dead`` gives null) |
| ``the base commander``, ``a policeman``, ``Mansoor`` | 1, 1 | a singular noun phrase or a name counts one person |
| ``civilians`` (a bare plural) | None | no figure is given |

The *party* is the head noun phrase of the count (``three police officers`` -> ``police officers``,
``two of the attackers`` -> ``attackers``); a bare number has the party ``""``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from text_to_num import alpha2digit


@dataclass(frozen=True)
class CountRange:
    """A count of people: the lowest and highest figure supported by the text."""

    low: int
    high: int

    def __post_init__(self) -> None:
        if not 0 <= self.low <= self.high:
            raise ValueError(f"CountRange needs 0 <= low <= high, got {self.low}, {self.high}")

    def __add__(self, other: "CountRange") -> "CountRange":
        return CountRange(self.low + other.low, self.high + other.high)

    def widen(self, other: "CountRange") -> "CountRange":
        """The smallest range covering both (min of lows, max of highs)."""
        return CountRange(min(self.low, other.low), max(self.high, other.high))

    def to_dict(self) -> dict[str, int]:
        return {"low": self.low, "high": self.high}


VAGUE_COUNTS: dict[str, int] = {"dozens": 12, "tens": 10, "scores": 20, "hundreds": 100, "thousands": 1000}
# Vague words with no ACLED figure: no count (annotations/README.md: ``several dead`` -> killed null).
NO_FIGURE = ("several", "a few", "few", "a number", "a handful", "many", "numerous", "some", "all", "both", "no")
_MULTIPLIERS = {"dozen": 12, "score": 20, "hundred": 100, "thousand": 1000}

_QUANTIFIERS = (
    "at least", "at most", "more than", "less than", "fewer than", "no fewer than", "no less than", "over",
    "up to", "nearly", "almost", "about", "around", "approximately", "roughly", "some", "a total of", "a total",
    "in total", "as many as", "an estimated", "estimated", "close to", "upwards of", "at a minimum", "only",
    "just", "another", "a further", "further", "all", "both", "the", "a", "an", "of", "its", "their", "his",
)
_QUANT_RE = re.compile(r"^(?:(?:" + "|".join(re.escape(q) for q in sorted(_QUANTIFIERS, key=len, reverse=True)) + r")\s+)+")
_NUMBER = r"\d+(?:[.,]\d{3})*(?:\.\d+)?"
_RANGE_RE = re.compile(rf"(?:between\s+)?({_NUMBER})\s*(?:-|–|—|to|and|or)\s*({_NUMBER})(?!\s*(?:of\b|percent|%))")
_NUM_RE = re.compile(_NUMBER)
_FILLER = {"more", "other", "people", "persons", "dead", "killed", "wounded", "injured", "hurt"}  # not a party on their own
_SINGULAR_START = re.compile(r"^(?:the|a|an|one|another|its|their|his|her)\s+\S")


def _normalise(phrase: str) -> str:
    text = unicodedata.normalize("NFKC", phrase).replace("\u2019", "'").strip().lower()
    text = re.sub(r"\s+", " ", text)
    return text


def _to_digits(text: str) -> str:
    """Number words to digits with text2num; ``a dozen``/``two dozen`` handled on top of it."""
    converted = alpha2digit(text, "en", threshold=0)
    converted = re.sub(r"\ba (dozen|score|hundred|thousand)\b", lambda m: str(_MULTIPLIERS[m.group(1)]), converted)
    converted = re.sub(r"\ba 100\b", "100", converted)  # alpha2digit keeps the article: 'a hundred' -> 'a 100'
    converted = re.sub(
        rf"({_NUMBER})\s+(dozen|score)\b(?!s)",
        lambda m: str(int(_to_int(m.group(1)) * _MULTIPLIERS[m.group(2)])),
        converted,
    )
    return converted


def _to_int(token: str) -> int:
    token = token.replace(",", "")
    if re.fullmatch(r"\d+\.\d{3}", token):  # '1.000' European thousands
        token = token.replace(".", "")
    return int(float(token))


def parse_count(phrase: str) -> CountRange | None:
    """``"At least 37 people"`` -> ``CountRange(37, 37)``; ``"all the fighters"`` -> None."""
    if re.fullmatch(r"(?:a|another) (?:second|third|fourth|fifth|sixth)", _normalise(phrase)):
        return CountRange(1, 1)  # 'killing two ... and wounding a third': one more person, not three
    # an age is no count: 'a 60-year-old man' is one person
    text = re.sub(rf"\b{_NUMBER}-(?:year|month)-old\b", "aged", _to_digits(_normalise(phrase)))
    # and so is one written beside the person: 'his son, 17', 'two men, aged 30 and 45', 'a boy (12)'
    text = re.sub(r"(?<=[a-z]),?\s*(?:\(\s*\d{1,2}\s*\)|,\s*\d{1,2}\s*,?$|aged\s+(?:between\s+|from\s+)?\d{1,3}(?:\s*(?:,|and|to)\s*\d{1,3})*)",
                  " aged", text).strip()
    if not text:
        return None
    ranged = _RANGE_RE.search(text)
    if ranged:
        low, high = sorted((_to_int(ranged.group(1)), _to_int(ranged.group(2))))
        return CountRange(low, high)
    number = _NUM_RE.search(text)
    if number:
        value = _to_int(number.group(0))
        return CountRange(value, value)
    for word, value in sorted(VAGUE_COUNTS.items(), key=lambda item: -len(item[0])):
        if re.search(rf"\b{re.escape(word)}\b", text):
            return CountRange(value, value)
    if re.match(r"^(?:" + "|".join(NO_FIGURE) + r"|every)\b", text):
        return None
    if _SINGULAR_START.match(text) and not _looks_plural(text.split()[-1]):
        return CountRange(1, 1)
    if re.fullmatch(r"(?:[A-Z][\w'\u2019-]*\s?){1,4}", phrase.strip()) and not _looks_plural(text.split()[-1]):
        return CountRange(1, 1)  # a named person: 'Mansoor'
    titled = _TITLED_NAME.fullmatch(phrase.strip())
    title = titled.group(1).split() if titled else []
    if titled and not any(_looks_plural(w) or w in _NOT_A_TITLE for w in title):
        return CountRange(1, 1)  # a named person after a title in lower case: 'cloth merchant Sher Zaman'
    words = phrase.strip().split()
    if not any(_looks_plural(w.lower()) or w.lower() in _NOT_A_TITLE for w in words[:-1]) and not _looks_plural(text.split()[-1]) \
            and (_FULL_NAME_END.search(phrase.strip()) or _GROUP_MEMBER.fullmatch(phrase.strip())):
        # a title however qualified before a full name ('Mandaya tribal leader Datu Lucio Agbon-Ampuan',
        # 'community chief Mr. Elíseo Shimpiri-Quinchori'), or one member of a named body ('CRPF jawan')
        return CountRange(1, 1)
    return None


_NAME_WORD = r"(?:[A-Z\u00c0-\u00de][\w'\u2019-]*|(?:al|el|ad|ash|bin|ibn|de|da|del|dos|van|von)-?[\w'\u2019-]*)"
_TITLED_NAME = re.compile(rf"((?:[a-z][\w'\u2019-]*\s+){{1,3}})[A-Z\u00c0-\u00de][\w'\u2019-]*(?:\s+{_NAME_WORD}){{0,3}}")
_FULL_NAME_END = re.compile(rf"\s{_NAME_WORD}\s+{_NAME_WORD}$")
_GROUP_MEMBER = re.compile(r"[A-Z]{2,6}\s+[a-z]+")
_NOT_A_TITLE = {"in", "of", "at", "from", "near", "on", "by", "and", "or", "with", "for", "to", "outside", "inside",
                "into", "across", "around"}
_ZERO = re.compile(r"^(?:no|none|zero|not a single|not one)\b", re.I)


def parse_figure(phrase: str) -> CountRange | None:
    """The figure an event counts for a KILLED/WOUNDED phrase: :func:`parse_count`, except that a
    zero count gives 0 (annotations/README.md decision 23: ``no civilians``, ``none of its
    fighters`` count 0). :func:`parse_count` itself keeps ``no`` among the vague words, as the
    event layer's features were built with it."""
    if _ZERO.match(_normalise(phrase)):
        return CountRange(0, 0)
    return parse_count(phrase)


def _looks_plural(word: str) -> bool:
    # 'the wounded', 'the dead': an adjective standing for everyone it describes, never one person
    if word in {"police", "people", "personnel", "staff", "troops", "forces", "children", "men", "women", "militia",
                "wounded", "injured", "dead", "deceased", "killed", "missing", "displaced", "elderly"}:
        return True
    return word.endswith("s") and not word.endswith(("ss", "us", "is"))


_AGE_RE = re.compile(r"\b\d+[- ](?:year|month|week|day)s?[- ]old\b", re.I)


def count_party(phrase: str) -> str:
    """The party a count phrase counts, lower-cased: ``"two of the attackers"`` -> ``"attackers"``."""
    text = _to_digits(_normalise(phrase))
    text = _AGE_RE.sub(" ", text)  # 'a 67-year-old woman' counts a woman, not a 'year-old woman'
    text = _RANGE_RE.sub(" ", text)
    text = _NUM_RE.sub(" ", text)
    for word in sorted((*VAGUE_COUNTS, *NO_FIGURE), key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(word)}\b", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = _QUANT_RE.sub("", text + " ").strip()
    text = re.sub(r"^(?:none|zero)\s+", "", text)
    text = _QUANT_RE.sub("", text + " ").strip()
    text = re.sub(r"^(?:of\s+)?(?:the\s+|them\s*)?", "", text).strip()
    words = [w for w in re.findall(r"[a-z][a-z'-]*", text) if w not in _FILLER]
    return " ".join(words)
