"""Where a span may start or end: at the edges of the text's words, not of the tokenizer's pieces.

A word-piece tokenizer splits "Sunday's" into "sunday ' s", "a.m." into "a . m .", "Qala-i-Naw"
into five pieces and "Mujahid" into "mu ##jah ##id"; a model that tags pieces can end a span on
any of them. Words are read from the text itself, so the same rules hold for any tokenizer and
need nothing from the forward path.
"""

from __future__ import annotations

import re

# Decisions 31 and 52: "[Houthi]-run", "[U.S.]-led", "[Taliban]-planted": the affiliation (or
# authorship) participle after a hyphen is left out.
HYPHEN_AFFIX = ("run|led|backed|held|allied|based|controlled|linked|affiliated|aligned|sponsored|supported|owned"
                "|dominated|friendly|style|planted|laid|made|fired|launched|claimed|trained|armed|funded")
_AFFIX_AFTER = re.compile(rf"(?:{HYPHEN_AFFIX})\b")
_WORD_JOINERS = "-‐‑'’"  # hyphens and apostrophes inside a word ("Qala-i-Naw", "d'Ivoire")
_BOUNDARY_JOINTS = ("possessive", "affix", "names")  # joints before which a span may end
_DOTTED_WORDS = frozenset({"jr", "sr", "st", "mt", "ft", "inc", "corp", "co", "ltd", "bros", "gen", "col", "lt", "capt",
                           "maj", "sgt", "dr", "mr", "mrs", "ms", "prof", "gov", "sen", "rep"})


def _joint_kind(text: str, k: int) -> str | None:
    """What ``text[k]`` does inside a word: None when it is not inside one; else "possessive"
    ("Sunday's"), "affix" ("Houthi-run"), "names" (two names: "Kabul-Kandahar", a dateline's
    "Mali-A"), "abbreviation" (the dots of "U.S." and "a.m.", "Jr."), or "joint" (any other
    hyphen, apostrophe, decimal point or thousands comma)."""
    char = text[k]
    left = text[k - 1] if k > 0 else " "
    right = text[k + 1] if k + 1 < len(text) else " "
    if char in _WORD_JOINERS and left.isalnum() and right.isalnum():
        if char in "'’" and right in "sS" and not text[k + 2 : k + 3].isalnum():
            return "possessive"
        if char not in "'’":
            if _AFFIX_AFTER.match(text, k + 1):
                return "affix"
            left_part = re.search(r"\w+$", text[max(0, k - 40) : k]).group()
            if left_part[0].isupper() and right.isupper() and len(left_part) >= 3:
                return "names"
        return "joint"
    if char in ".," and left.isdigit() and right.isdigit():
        return "joint"
    if char == ".":
        before = text[max(0, k - 8) : k]
        if re.search(r"(?:^|[^\w.])[A-Za-z](?:\.[A-Za-z])*$", before) and re.match(r"[A-Za-z]\.", text[k + 1 : k + 3]):
            return "abbreviation"  # "U|.S." or "a|.m."
        if re.search(r"(?:^|[^\w.])(?:[A-Za-z]\.)+[A-Za-z]$", before):
            return "abbreviation"  # the last dot of "U.S|."
        word = re.search(r"(?:^|[^\w.])([A-Za-z]+)$", before)
        if word and word.group(1).lower() in _DOTTED_WORDS:
            return "abbreviation"  # "Jr|."
    return None


def cut_is_allowed(text: str, i: int) -> bool:
    """May a span start or end at position ``i`` (between ``text[i-1]`` and ``text[i]``)?

    Not inside a word: the tokenizer splits "Sunday's" into "sunday ' s", "a.m." into
    "a . m .", "Mujahid" into "mu ##jah ##id", and a span can end on any of those pieces. A
    position before a possessive or an affiliation hyphen, and on either side of a hyphen
    between two names, is a word boundary the guide uses."""
    if i <= 0 or i >= len(text):
        return True
    if text[i - 1].isalnum() and text[i].isalnum():
        return False
    if text[i - 1].isalnum():
        return _joint_kind(text, i) in (None, *_BOUNDARY_JOINTS)
    if text[i].isalnum():
        return _joint_kind(text, i - 1) in (None, "names")
    return _joint_kind(text, i) != "abbreviation"  # "a.m|." : "." then "." is never inside


def snap_to_words(text: str, start: int, end: int, floor: int = 0, ceiling: int | None = None) -> tuple[int, int]:
    """``start``/``end`` moved to word boundaries without crossing ``floor``/``ceiling`` (the
    neighbouring spans). A span cut inside a word takes the whole word ("Muja" -> "Mujahid",
    "5 a" -> "5 a.m.", "Qala-i" -> "Qala-i-Naw"); a span that ends on a possessive apostrophe or an
    affix hyphen gives it back ("Sunday'" -> "Sunday", "Houthi-" -> "Houthi")."""
    ceiling = len(text) if ceiling is None else ceiling
    if end - start > 1 and text[start] in _WORD_JOINERS and _joint_kind(text, start) == "names":
        start += 1  # "-Taliban fighters" after a dateline's "Afghanistan"
    if end - start > 1 and text[end - 1] in _WORD_JOINERS and _joint_kind(text, end - 1) in _BOUNDARY_JOINTS:
        end -= 1  # "Sunday'", "Houthi-", "Kabul-" give the joint back
    if not cut_is_allowed(text, end):
        forward = end
        while forward < ceiling and not cut_is_allowed(text, forward):
            forward += 1
        if cut_is_allowed(text, forward):
            end = forward
        else:  # the word runs into the next span: give the piece back instead
            while end > start and not cut_is_allowed(text, end):
                end -= 1
    if not cut_is_allowed(text, start):
        backward = start
        while backward > floor and not cut_is_allowed(text, backward):
            backward -= 1
        if cut_is_allowed(text, backward):
            start = backward
        else:
            while start < end and not cut_is_allowed(text, start):
                start += 1
    return start, end
