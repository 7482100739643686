"""Place-name folding: the keys names are matched on, and the type words stripped from them.

``normalise_name`` folds case, diacritics, apostrophes and hyphens (``Qal'ah-ye Now`` ->
``qalah ye now``). ``loose_key`` goes further, to a skeleton shared by the usual transliterations
of one name: particles (``al-``/``el-``, Persian ``-e``/``-i``/``-ye``) and spaces dropped,
``q``/``k``, ``w``/``v``, ``ou``/``oo``/``u``, ``e``/``i`` and ``o``/``u`` merged, doubled letters
and a final ``h`` dropped, so ``Qandahar``/``Kandahar``, ``Mazar-i-Sharif``/``Mazar-e Sharif`` and
``Al Mukalla``/``Mukalla`` meet. Hand-written because no transliteration library folds these
variants of romanised Arabic, Persian and Pashto names into one another.
"""

from __future__ import annotations

import re
import unicodedata

ADMIN_WORDS = ("province", "provinces", "state", "region", "governorate", "prefecture", "oblast", "county")
DISTRICT_WORDS = ("district", "districts", "area", "areas", "outskirts", "suburbs", "valley", "wuleswali",
                  "municipality", "department", "municipio", "agency", "tribal district", "tribal area", "tribal", "local government area", "local government", "lga",
                  "cercle", "territory", "commune", "tehsil", "woreda", "subcounty", "sub county", "sub district")
TOWN_WORDS = ("city", "town", "village", "capital")
SITE_WORDS = (
    "airport", "airbase", "air base", "base", "compound", "police station", "station", "headquarters", "market",
    "border crossing", "crossing", "border post", "checkpoint", "prison", "jail", "hospital", "university",
    "bridge", "camp", "garrison", "highway", "road", "border", "port", "post", "residential compound",
)
DIRECTIONS = (
    "northern", "southern", "eastern", "western", "central", "northeastern", "northwestern", "southeastern",
    "southwestern", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "upper",
    "lower", "greater", "the", "of", "city of", "province of", "district of", "town of", "village of",
)
_TYPE_WORDS = [(sorted(words, key=len, reverse=True), kind) for words, kind in
               ((ADMIN_WORDS, "admin1"), (DISTRICT_WORDS, "district"), (TOWN_WORDS, "city"), (SITE_WORDS, "site"))]
_DIRECTIONS_LONGEST = sorted(DIRECTIONS, key=len, reverse=True)
_PARTICLES = frozenset({"al", "el", "ad", "ash", "as", "ar", "an", "at", "az", "ye", "e", "i", "y"})
_APOSTROPHES = re.compile(r"['`\u2018\u2019\u02bc\u02bb\u02be\u02bf\u00b4]")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
_LOOSE_LETTERS = (("ph", "f"), ("dh", "d"), ("gh", "g"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("q", "k"),
                  ("w", "v"), ("y", "i"), ("e", "i"), ("o", "u"))
_DOUBLED = re.compile(r"(.)\1+")


def normalise_name(name: str) -> str:
    """Fold a place name for matching: ``"Qal'ah-ye Now"`` -> ``"qalah ye now"``."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _APOSTROPHES.sub("", text)
    return _NOT_ALNUM.sub(" ", text).strip()


def loose_key(key: str) -> str:
    """Transliteration skeleton of a normalised name: ``"qandahar"`` -> ``"kandaha"``."""
    words = [w for w in key.split() if w not in _PARTICLES]
    text = "".join(words)
    for old, new in _LOOSE_LETTERS:
        text = text.replace(old, new)
    text = _DOUBLED.sub(r"\1", text)
    return text[:-1] if text.endswith("h") and len(text) > 4 else text


def strip_type_words(name: str, keep_directions: bool = False) -> tuple[str, str | None]:
    """``"Badghis province"`` -> ``("badghis", "admin1")``; the hint is admin1, district, city or site.
    Compass words go too unless ``keep_directions`` (``North Waziristan`` is a name of its own)."""
    text = normalise_name(name)
    hint: str | None = None
    changed = True
    while changed:
        changed = False
        for words, kind in _TYPE_WORDS:
            for word in words:
                if text.endswith(" " + word) and len(text) > len(word) + 1:
                    text, hint, changed = text[: -len(word) - 1].strip(), hint or kind, True
        for word in () if keep_directions else _DIRECTIONS_LONGEST:
            if text.startswith(word + " ") and len(text) > len(word) + 1:
                text, changed = text[len(word) + 1:].strip(), True
    return text, hint


def is_latin(key: str) -> bool:
    return bool(key) and key.isascii()


def consonant_key(loose: str) -> str:
    """The consonants of a loose key after its first letter: ``kushkikuhna`` -> ``kshkhn``, so a
    vowel written or left out (``Kushki Kuhna``/``Kushk-e Kuhnah``) does not matter."""
    return _DOUBLED.sub(r"\1", loose[:1] + re.sub(r"[aiu]", "", loose[1:]))
