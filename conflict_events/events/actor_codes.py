"""ACLED-style actor codes: one name per party, whatever words the report used for it.

A record's ``actor1``/``actor2`` keep the report's own words (``RSF fighters``, ``Malian troops``,
``villagers``); analysts who count events per party need one name per party instead, the way ACLED
codes them. :func:`actor_code` maps a party's words, and the event's country, to that name:

1. a named group or institution from ``data/actor_names.tsv`` (``RSF fighters`` and ``Rapid
   Support Forces (RSF)`` -> ``Rapid Support Forces``; the earliest name in the words wins, the
   longest of those starting there);
2. protesters -> ``Protesters (<country>)``; rioters and mobs -> ``Rioters (<country>)``;
3. people who are only victims -> ``Civilians (<country>)`` (``villagers``, ``a 60-year-old man``);
4. state forces -> ``Police Forces of <country>`` or ``Military Forces of <country>``, the country
   being the one the words name (``Malian troops``, ``Russian``, ``US``) or else the event's;
5. a communal or clan militia -> ``Communal Militia (<country>)``;
6. unnamed armed men (``gunmen``, ``suspected jihadist fighters``, ``bandits``) ->
   ``Unidentified Armed Group (<country>)``;
7. anything else: the words without a leading article and generic tail (``Jaime Martinez front``).

The tables are written here because no maintained package lists armed groups or demonyms offline.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data")
_UNIDENTIFIED = re.compile(r"^unidentified armed group\b(?:\s*\((?P<country>[^)]*)\))?", re.I)
_PROTESTERS = re.compile(r"\b(?:protesters?|demonstrators?|marchers)\b", re.I)
_RIOTERS = re.compile(r"\b(?:rioters?|mobs?|looters?)\b", re.I)


def _civilian_nouns() -> re.Pattern:
    """The nouns of ``data/civilian_nouns.txt`` as one whole-word pattern."""
    with open(_DATA / "civilian_nouns.txt", encoding="utf-8") as handle:
        nouns = [line.strip() for line in handle if line.strip() and not line.startswith("#")]
    return re.compile(r"\b(?:" + "|".join(nouns) + r")\b", re.I)


CIVILIAN_NOUNS = _civilian_nouns()
_POLICE = re.compile(r"\b(?:police|policemen|policeman|police officers?|officers|gendarmes?|gendarmerie|"
                     r"national police|federal police|interior ministry|ministry of (?:the )?interior)\b", re.I)
_MILITARY = re.compile(
    r"\b(?:army|armed forces|military|troops?|soldiers?|servicem[ae]n|forces|security forces|government|regime|junta|air ?force|"
    r"navy|marines?|commandos?|special forces|national guard|border guards?|paratroopers|garrison|"
    r"coast guard|jets?|warplanes?|drones?|artillery|defen[cs]e ministry|ministry of defen[cs]e)\b", re.I)
_ARMED = re.compile(r"\barmed\b", re.I)  # 'armed herders' are a party, not victims
_OFFICIALS = re.compile(r"\bofficials?\b", re.I)
_COMMUNAL = re.compile(r"\b(?:clan|communal|ethnic|tribal|vigilantes?|self-defen[cs]e)\b", re.I)
_GANG = re.compile(r"\bgangs?\b|\bgang members\b", re.I)
# Words that say only that the men were armed, and the qualifiers they come with.
_ARMED_WORDS = {
    "insurgent", "insurgents", "militant", "militants", "attacker", "attackers", "fighter", "fighters", "gunman",
    "gunmen", "rebel", "rebels", "jihadist", "jihadists", "assailant", "assailants", "men", "extremist", "extremists",
    "terrorist", "terrorists", "enemy", "bandit", "bandits", "militia", "militias", "militiaman", "militiamen",
    "kidnapper", "kidnappers", "raider", "raiders", "bomber", "bombers", "suicide", "group", "groups", "separatist",
    "separatists", "guerrilla", "guerrillas", "abductors", "hitmen", "formations", "elements", "islamist",
    "islamists", "cartel", "unidentified", "unknown", "suspected", "armed", "heavily", "masked", "local",
    "foreign", "rival", "alleged", "presumed", "motorcycle", "motorbike", "riding", "on", "and", "of", "the",
}
_TAIL = re.compile(r"\s+(?:forces|fighters|militants|insurgents|members|troops|soldiers|men|group|rebels|gunmen|"
                   r"militiamen|remnants|elements|cadres|units?|combatants|corps|terrorists?|militias?|guerrillas?|jihadists|extremists)$", re.I)
# words that say only how a state's force was organised: 'Azerbaijani units' are its military
_UNIT_WORDS = re.compile(r"\b(?:units?|personnel|contingents?|detachments?)\b", re.I)


def _compile(names: list[str]) -> re.Pattern:
    """One pattern over ``names``; ALL-CAPS names (``IS``, ``US``, ``AA``) only match as capitals."""
    parts = []
    for name in sorted(names, key=len, reverse=True):
        piece = re.escape(name)
        parts.append(piece if name.upper() == name and any(c.isalpha() for c in name) else f"(?i:{piece})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


@lru_cache(maxsize=None)
def _table(file_name: str) -> tuple[re.Pattern, dict[str, str]]:
    """The pattern over every name of a ``code<TAB>names`` table, and the code of each name."""
    code_of: dict[str, str] = {}
    names: list[str] = []
    with open(_DATA / file_name, encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, 1):
            if not line.strip() or line.startswith("#"):
                continue
            code, _, joined = line.rstrip("\n").partition("\t")
            if not joined:
                raise ValueError(f"{file_name}:{line_number}: expected 'code<TAB>names'")
            names += joined.split("|")
            code_of.update({_key(name): code for name in joined.split("|")})
    return _compile(names), code_of


def _key(name: str) -> str:
    return name.replace("\u2019", "'").casefold()


def _first_match(pattern: re.Pattern, code_of: dict[str, str], words: str) -> str | None:
    """The code of the earliest name in ``words`` (the alternation tries longer names first)."""
    found = pattern.search(words)
    return code_of[_key(found.group(0))] if found else None


def named_group(words: str) -> str | None:
    """The code of the armed group or institution ``words`` names, if the table knows it."""
    return _first_match(*_table("actor_names.tsv"), words.replace("\u2019", "'"))


def named_country(words: str) -> str | None:
    """The country whose name or demonym ``words`` contain (``Malian troops`` -> ``Mali``)."""
    return _first_match(*_table("state_names.tsv"), words.replace("\u2019", "'"))


STATE_FORCE_CODES = ("Military Forces of", "Police Forces of")


def names_state_force(words: str | None, military_only: bool = False) -> bool:
    """``words`` code as a state's military (or police) force: ``ENDF``, ``Turkey``, ``Russian forces``."""
    return bool(words) and (actor_code(words) or "").startswith(STATE_FORCE_CODES[:1] if military_only else STATE_FORCE_CODES)


def names_civilians(words: str | None) -> bool:
    """``words`` name people who are only victims (``traders``, ``a 60-year-old man``), as the codes read them."""
    return bool(words) and (actor_code(words) or "").startswith("Civilians")


def canonical_country(country: str | None) -> str | None:
    """One spelling per country (``Côte d'Ivoire`` -> ``Ivory Coast``, ACLED's), so that codes made
    in a gold country and in a geocoded one agree; a name the table lacks is kept as written."""
    if not country:
        return country
    pattern, code_of = _table("state_names.tsv")
    whole = pattern.fullmatch(country.replace("\u2019", "'").strip())
    return code_of[_key(whole.group(0))] if whole else country


def _in_country(label: str, country: str | None) -> str:
    return f"{label} ({country})" if country else label


def _only_armed_words(words: str) -> bool:
    tokens = re.findall(r"[a-z]+", words.lower())
    return bool(tokens) and all(t in _ARMED_WORDS for t in tokens)


_EXPANDED = re.compile(r"^(?P<first>.+?)\s*\((?P<second>[^()]+)\)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9-]{1,9}$")


def _plain(words: str) -> str:
    """A party the tables do not know, written one way: ``CCMSR (Command Council ...)`` and
    ``National Salvation Front (NAS)`` by their acronym, a one-word plural as its singular
    (``Maoists``/``Maoist insurgents``, ``Houthis``/``Houthi``)."""
    text = re.sub(r"^(?:the|a|an|suspected)\s+", "", words.strip(), flags=re.I)
    text = re.sub(r"^(?:fighters|members|forces|troops|remnants|elements|units?|men|militiamen|gunmen|militants|"
                  r"terrorists|cadres|combatants) of (?:the )?", "", text, flags=re.I)
    while _TAIL.search(text):  # before the acronym: 'UPDF (Prosit) cadres' is the UPDF's
        text = _TAIL.sub("", text)
    expanded = _EXPANDED.match(text)
    if expanded:
        text = next((part for part in (expanded["first"], expanded["second"]) if _ACRONYM.match(part)), text)
    if " " not in text and len(text) > 4 and text.endswith("s") and not text.endswith("ss"):
        text = text[:-1]
    return text


def _one_line(words: str | None) -> str | None:
    """``words`` on one line with single spaces; None when there are none."""
    if words is None or not str(words).strip():
        return None
    return re.sub(r"\s+", " ", str(words)).strip()


@lru_cache(maxsize=4096)
def actor_code(words: str | None, country: str | None = None) -> str | None:
    """The ACLED-style code of the party ``words`` name in an event in ``country`` (module doc)."""
    words = _one_line(words)
    return None if words is None else _known_code(words, country) or _plain(words)


@lru_cache(maxsize=4096)
def target_code(words: str | None, country: str | None, event_type: str | None) -> str | None:
    """actor2's code. ACLED codes the target of ``Violence against civilians`` as ``Civilians
    (<country>)`` whoever the text names (a named villager, ``patrons``) and where it names none;
    only a party the tables know (a state force, a named group) keeps its own code there."""
    if event_type != "Violence against civilians":
        return actor_code(words, country)
    words = _one_line(words)
    known = _known_code(words, country) if words is not None else None
    return known or _in_country("Civilians", canonical_country(country))


def role_code(role: str, words: str | None, country: str | None, event_type: str | None) -> str | None:
    """The code of the party filling ``role`` (``actor1`` or ``actor2``) of an event: actor2 is the
    target, coded by :func:`target_code`; actor1 by :func:`actor_code`. Records and scoring both ask here."""
    return target_code(words, country, event_type) if role == "actor2" else actor_code(words, country)


def _known_code(words: str, country: str | None) -> str | None:
    """The code of a party the tables and word lists know; None for one they do not."""
    country = canonical_country(country)
    unidentified = _UNIDENTIFIED.match(words)
    if unidentified:
        return _in_country("Unidentified Armed Group", unidentified.group("country") or country)
    first, joined, _ = words.partition(" and ")
    if joined and first.strip():
        # joint parties ('soldiers and VDP volunteers'): ACLED's actor is the first, the other its associate
        lead = actor_code(first, country)
        if lead is not None and lead != _plain(first):
            return lead
    group = named_group(words)
    if group is not None:
        return group
    if _PROTESTERS.search(words):
        return _in_country("Protesters", country)
    if _RIOTERS.search(words):
        return _in_country("Rioters", country)
    if CIVILIAN_NOUNS.search(words) and not (_MILITARY.search(words) or _POLICE.search(words) or _ARMED.search(words)):
        return _in_country("Civilians", country)
    state = named_country(words)
    if _POLICE.search(words) and not _MILITARY.search(words):
        return f"Police Forces of {state or country}" if state or country else "Police Forces"
    if _MILITARY.search(words) or (state is not None and _only_state_words(words)):
        return f"Military Forces of {state or country}" if state or country else "Military Forces"
    if _OFFICIALS.search(words):
        return f"Government of {state or country}" if state or country else "Government"
    if _COMMUNAL.search(words):
        return _in_country("Communal Militia", country)
    if _GANG.search(words):
        return _in_country("Unidentified Gang", country)
    if _only_armed_words(words):
        return _in_country("Unidentified Armed Group", country)
    return None


def _only_state_words(words: str) -> bool:
    """A bare country name or demonym as a party (``Russian``, ``the US``, ``Turkey``)."""
    rest = _UNIT_WORDS.sub(" ", _table("state_names.tsv")[0].sub(" ", words.replace("\u2019", "'")))
    return not re.sub(r"\b(?:the|a|an|'s)\b", " ", rest, flags=re.I).strip(" ,.'")


__all__ = ["CIVILIAN_NOUNS", "actor_code", "role_code", "target_code", "named_country", "named_group", "names_civilians"]
