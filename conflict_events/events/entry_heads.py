"""The place heading a round-up entry: the entry's own place, and read back where a tagger missed it.

Round-ups and monitor digests head each incident with its place and the units holding it
(``Hka Ya Kawng, Momauk township, Kachin State: KIA fighters captured ...``). A tagger trained mostly
on running prose often tags the township and the state but not the village before them, or only the
end of its name (``Taw [Oo Kee]``), and the record then falls back on the state. The head's shape is
unambiguous enough to read the village back: capitalised words opening the line, a comma, a tagged
PLACE, and a colon closing the head."""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from conflict_events.events.dates import CLOCK
from conflict_events.spans import Span

# 'Hka Ya Kawng, ' / "Dhat al-Rah, " / 'Near Wegera. ' is no head (no comma before a tagged place)
_HEAD_NAME = re.compile(r"(?:[A-Z][\w'’-]*|al-\w+|de|del|la|el)(?:[ -](?:[A-Z][\w'’-]*|al-\w+|de|del|la|el)){0,4}(?=, )")
_MAX_HEAD = 120  # characters from the line start to the colon
# A digest entry's head before its dash: places and commas ('Mapimbi, Kabambare territory, Maniema
# province — '), or one place closed by the unit it names ('Ganzourgou province — '); a bare name
# before a dash is as often a sentence's subject ('The army — which ...').
_ADMIN_UNIT = (r"(?:province|district|region|state|county|territory|department|prefecture|governorate|"
               r"municipality|township|woreda|locality|commune|oblast|raion)")
DASH_HEAD = (r"(?![A-Z]{2,}\b)[A-Z](?:[^\n()|:]{0,80}?, [^\n()|:]{1,80}?|[\w'’-]*(?: [\w'’-]+){0,4} "
             + _ADMIN_UNIT + r") [\u2014\u2013] ")
DASH_HEAD_LINE = re.compile(r"(?m)^" + DASH_HEAD)


def entry_head_places(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with the first place of each entry head added (or completed, when a PLACE span
    covers only its end); every other span as it was."""
    places = [s for s in spans if s.label == "PLACE"]
    added, replaced = [], set()
    digest = len(DASH_HEAD_LINE.findall(text)) >= 2  # entries headed 'Mapimbi, Kabambare territory, ... — '
    for line in re.finditer(r"(?m)^[^\n]+", text):
        colon = text.find(":", line.start(), min(line.end(), line.start() + _MAX_HEAD))
        if colon < 0 and digest and DASH_HEAD_LINE.match(text, line.start()):
            colon = _head_dash(text, line.start(), line.end())
        numbered = _NUMBERED.match(text, line.start())  # '1) Vila Esperança, Jequié (Bahia): ...'
        name = _HEAD_NAME.match(text, numbered.end() if numbered else line.start())
        if colon < 0 or name is None or name.end() >= colon:
            continue
        if not any(p.start == name.end() + 2 and p.end <= colon for p in places):
            continue  # the head's second piece must be a tagged place ('Momauk township')
        inside = [p for p in places if name.start() <= p.start and p.end <= name.end()]
        if any(p.start == name.start() and p.end == name.end() for p in inside):
            continue
        if any(s.start < name.end() and name.start() < s.end for s in spans if s not in inside):
            continue  # a name another label holds
        replaced.update(inside)
        added.append(Span(name.start(), name.end(), "PLACE", name.group(0), min((p.score for p in inside), default=0.5)))
    return sorted([s for s in spans if s not in replaced] + added)


# A round-up entry headed by its place: 'Khirbet al-Sawda, Sweida province: Druze gunmen clashed ...'
# or, in digests, 'Mapimbi, Kabambare territory, Maniema province — FARDC troops clashed ...'
_DASH = re.compile(r" [\u2014\u2013-] ")


def _head_dash(text: str, line_start: int, end: int) -> int:
    match = _DASH.search(text, line_start, min(end, line_start + _MAX_HEAD))
    return match.start() if match else -1


# a live page's update stamp ('13:15 — ', '9.40 a.m. GMT – '): the line is an update of the page's day
_LIVE_STAMP = re.compile(rf"\s*{CLOCK}\s*(?:GMT|UTC|local time)?\s*[\u2014\u2013-]\s")


def on_live_update(text: str, position: int) -> bool:
    """``position`` lies on a line a live page's stamp opens (``13:15 — The toll has risen ...``)."""
    return _LIVE_STAMP.match(text, text.rfind("\n", 0, position) + 1) is not None


_HEAD_FILLER = re.compile(r"^(?:[\s,()]|near|outside|in|the)*$", re.I)


def entry_head_place(text: str, trigger: Span, places: list[Span]) -> Span | None:
    """The first place of a line that starts with places and a colon before the trigger: the entry's
    own, most specific place (the others there are its district and province)."""
    line_start = text.rfind("\n", 0, trigger.start) + 1
    numbered = _NUMBERED.match(text, line_start)
    if numbered:  # '1) Vila Esperança, Jequié (Bahia): ...', '2. Sokourani, Misséni commune, Kadiolo cercle. On ...'
        line_start = numbered.end()
    colon = text.find(":", line_start, trigger.start)
    dash = _head_dash(text, line_start, trigger.start)
    if colon < 0 or 0 <= dash < colon:
        colon = dash
    if colon < 0 and numbered:
        stop = text.find(". ", line_start, trigger.start)
        head = sorted(p for p in places if line_start <= p.start and p.end <= stop) if stop >= 0 else []
        if len(head) < 2:
            return None
        return _first_of_head(text, head, line_start, stop)
    if colon < 0:
        return None
    head = sorted(p for p in places if line_start <= p.start and p.end <= colon)
    if not head or colon == dash and (len(head) < 2 or head[0].text.isupper()):
        return None  # a dash closes a head of places ('Mapimbi, Kabambare territory, Maniema province —'), not a dateline
    line_end = text.find("\n", trigger.start)
    if (len(head) == 1 or _ADMIN_WORD.search(head[0].text)) and \
            any(colon < p.start < (line_end if line_end >= 0 else len(text)) for p in places):
        return None  # 'Yalinga sub-prefecture: ... raided a camp near Kpangba': the entry names a finer place
    return _first_of_head(text, head, line_start, colon)


# a head that names only administrative units ('Musigati commune, Bubanza province:')
_ADMIN_WORD = re.compile(r"\b(?:commune|district|province|county|territory|township|sub-prefecture|prefecture|region|"
                         r"state|governorate|cercle|department|municipality|woreda|zone|local government area)$", re.I)
# '2. ', '3) ', and a monitor's 'Incident 1 — ', 'Case 4: '
_NUMBERED = re.compile(r"[ \t]*(?:\d{1,2}[.)]|(?:Incident|Case|Entry|Item)[ \t]+\d{1,3}[ \t]*[\u2014\u2013:.-])[ \t]+")
# 'Zawiya — Libya Now Agency: The ...': a dateline and an outlet, not an entry's head
DATELINE_HEAD = re.compile(r"[^\n:]{1,40} [\u2014\u2013-] [^\n:]{1,60}:")


def _first_of_head(text: str, head: list[Span], line_start: int, colon: int) -> Span | None:
    """The first of ``head``'s places when nothing but commas and fillers stands between them."""
    rest, cursor = [], line_start
    for p in head:
        rest.append(text[cursor: p.start])
        cursor = p.end
    rest.append(text[cursor: colon])
    return head[0] if all(_HEAD_FILLER.match(r) for r in rest) else None


_PLACE_LEAD = re.compile(r"In (?:the )?[A-Z][^,.;\n]{0,50},")


# what closes a date heading a log line: '6 August. ', '6 August — ', '6 August: ', a digest's
# '22 April (Monday). ', 'Thursday 16 May ‖ ', '12 June (Wednesday) / ' and '(Tuesday 18 June). '
_DATE_HEAD_END = re.compile(r"\)?(?:\.|:|\s?[^\w\s,.'\u2019\"-])\s")
_CLOCK = re.compile(r"\d{1,2}[:.h]\d{2}\b")
_LINE_END = re.compile(r"[^\w\n]*(?:\n|$)")
# the separators of a digest entry's head ('1 ▪ SYRIA ▪ Al-Shaddadi district ▪ Monday 20 May.',
# '#1 | Syria, Hama province | 22 April (Monday).', '[NIGER] Tessaoua department — Wednesday 15 May.',
# 'SYRIA ◆ Izra district ◆ Friday 14 June.', '(a) BANGLADESH: Thanchi upazila (Tuesday 18 June).')
_HEAD_SEPARATOR = re.compile(r"[^\w\s,.'\u2019\"-]")  # any mark but a comma, stop, quote or hyphen


def _heads_with_date(text: str, line: re.Match, time: Span, acts: Sequence[Span]) -> bool:
    """``time`` closes the head of the entry on ``line``: it opens the line (a monitor's log:
    ``6 August. Al-Sabkha district. ...``), or separators come before it with no act, in a head of
    at most ``_MAX_HEAD`` characters (a digest's ``Record 01 ‖ Thursday 16 May ‖ Uribe municipality.``)."""
    closes = _DATE_HEAD_END.match(text, time.end) or _LINE_END.match(text, time.end)  # '⁄ Sunday 17/8' ends the line
    if not (line.start() <= time.start < line.end()) or _CLOCK.match(time.text) or not closes:
        return False
    if time.start == line.start():
        return True
    return time.start - line.start() <= _MAX_HEAD and bool(_HEAD_SEPARATOR.search(text, line.start(), time.start)) \
        and not any(line.start() <= a.start < time.start for a in acts)


def entry_lines(text: str, places: Sequence[Span], acts: Sequence[Span] = (),
                times: Sequence[Span] = ()) -> list[tuple[int, int]]:
    """(start, end) of each line that opens a round-up entry: numbered (``2. Kharan district: ...``),
    headed by places and a colon (``Butig, Lanao del Sur: Gunmen ...``), headed by a date of its own
    (a monitor's log: ``6 August. Al-Sabkha district. Islamic State cell members ...``), or, where every line telling
    an act opens so, led by a place (``In Yambio County, gunmen attacked ...``; a news story may open
    only some paragraphs that way). Only where there are two or more: one such line is as likely a
    quote or a sub-heading as a list of incidents. A head on a line of its own takes in the next line."""
    marked, led = [], []
    body = list(re.finditer(r"(?m)^[^\n]+", text))[1:]  # the headline lists, it is no entry
    for line in body:
        numbered = _NUMBERED.match(text, line.start())
        colon = text.find(":", line.start(), min(line.end(), line.start() + _MAX_HEAD))
        # 'Kharan district: ...' or, in a digest, 'Bunkpurugu, North East Region — 28 January. ...'
        dash = _head_dash(text, line.start(), line.end()) if DASH_HEAD_LINE.match(text, line.start()) else -1
        names_place_before = lambda end: end > 0 and any(line.start() <= p.start and p.end <= end for p in places)  # noqa: E731
        colon_head = text[line.start()].isupper() and not DATELINE_HEAD.match(text, line.start())
        headed = (colon_head and names_place_before(colon)) or names_place_before(dash) \
            or names_place_before(_repeated_mark_head(text, line.start(), line.end()))
        lead = _PLACE_LEAD.match(text, line.start())
        dated = any(_heads_with_date(text, line, t, acts) for t in times)  # a live page's '10:30 — ' heads no incident
        if (numbered and numbered.end() < line.end()) or headed or dated:
            marked.append((line.start(), line.end()))
        elif lead is not None and any(line.start() <= p.start and p.end <= lead.end() for p in places):
            led.append((line.start(), line.end()))
    acting = {(line.start(), line.end()) for line in body if any(line.start() <= a.start < line.end() for a in acts)}
    lines = sorted(marked + led) if led and acting <= set(marked + led) else marked
    return _with_own_line_heads(text, lines, acts) if len(lines) >= 2 else []


_NEXT_LINE = re.compile(r"\n([^\n]+)")


def _with_own_line_heads(text: str, lines: list[tuple[int, int]], acts: Sequence[Span]) -> list[tuple[int, int]]:
    """An entry whose head stands on a line of its own (``⸻ ARMENIA — Tavush province — Tuesday 25
    March ⸻``) tells its acts on the next line: the two lines are one entry, so its acts take the
    head's day and place."""
    starts = {start for start, _ in lines}
    joined = []
    for start, end in lines:
        following = _NEXT_LINE.match(text, end)
        if following and following.start(1) not in starts and not any(start <= a.start < end for a in acts):
            end = following.end(1)
        joined.append((start, end))
    return joined


def _is_head_mark(character: str) -> bool:
    """A mark that only separates the parts of a digest head (``※``, ``◆``, ``⁘``, ``·``): a symbol or
    punctuation outside ASCII that is no dash, quote or bracket, nor an ellipsis, a degree or a prime
    (``35°42′N``), an inverted question or exclamation mark."""
    return ord(character) > 127 and character not in _NOT_HEAD_MARKS \
        and unicodedata.category(character) in ("Po", "So", "Sm")


_NOT_HEAD_MARKS = frozenset("\u2026\u00b0\u2032\u2033\u00bf\u00a1")
# ASCII separators a head may be written with instead: a bar, or a mark doubled ('::', '//', '>>>')
_ASCII_SEPARATOR = re.compile(r"\|+|([:/>#*=~+])\1+")


def _ascii_marks_as_head_marks(stretch: str) -> str:
    """``stretch`` with its ASCII separators (``KOSOVO | Istog``, ``MALAWI :: Mangochi district``)
    written as a head mark, character for character, so offsets into it still hold."""
    return _ASCII_SEPARATOR.sub(lambda m: "\u203b" * len(m.group()), stretch)


def _head_parts(covered: str) -> list[tuple[int, int]]:
    """Where the parts between separators lie in ``covered``, without the spaces around them; a part
    with no letter or digit is none."""
    parts, begin = [], 0
    for index, character in enumerate(covered + "\u203b"):  # a closing mark ends the last part
        if _is_head_mark(character):
            piece = covered[begin: index]
            if re.search(r"\w", piece):
                parts.append((begin + len(piece) - len(piece.lstrip()), begin + len(piece.rstrip())))
            begin = index + 1
    return parts


def cut_at_head_separators(text: str, spans: Sequence[Span]) -> list[Span]:
    """A tagger's span that runs across a digest head's separator (``I ※ Mon 16 Dec``, ``Rwanda ※
    Fighters of the FLN``, ``Kankan region ⁘ GUINEA``) covers several of the head's parts: a place
    is cut into each part, anything else keeps its last part (the entry's own date or party; the
    head's number and country come before it)."""
    cut = []
    for span in spans:
        covered = text[span.start: span.end]
        marked = _ascii_marks_as_head_marks(covered)
        if not any(_is_head_mark(c) for c in marked):
            cut.append(span)
            continue
        parts = _head_parts(marked)
        for start, end in parts if span.label == "PLACE" else parts[-1:]:
            cut.append(Span(span.start + start, span.start + end, span.label,
                            covered[start: end], span.score))
        for start, end in parts[:-1] if span.label != "PLACE" else ():
            if _is_country(covered[start: end]):  # '[El Salvador ⁞ Soldiers]': the head's country is a place
                cut.append(Span(span.start + start, span.start + end, "PLACE", covered[start: end], span.score))
    return sorted(cut)


def _gazetteer_key(words: str):
    """The default gazetteer and ``words`` as its names are keyed (imported late: ``geocode`` imports
    ``geo_context``, which imports this module)."""
    from conflict_events.events.geocode import default_gazetteer
    from conflict_events.events.placenames import normalise_name

    return default_gazetteer(), normalise_name(words)


def _is_place_name(words: str) -> bool:
    """A capitalised name the gazetteer holds as a town, a province or a district."""
    if not words.istitle():
        return False
    gazetteer, key = _gazetteer_key(words)
    return bool(gazetteer.towns_named(key) or gazetteer.divisions_named(key, 1) or gazetteer.divisions_named(key, 2))


def _is_country(words: str) -> bool:
    gazetteer, key = _gazetteer_key(words)
    return key in gazetteer.country_index


# '2031-01-06' or 'Sat 17.05' heading a digest entry: dates in digits no reader takes for anything else
_DIGIT_DATE = re.compile(r"(?<![\w-])(?:(?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|"
                         r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,? \d{1,2}[./]\d{1,2}\.?)(?![\w-])")


def digit_dates_as_times(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` with a TIME span added for each date in digits of a digest head that no span covers
    (``⁑ 2031-01-06 ⁑``, ``>>> Sat 17.05 |``): the tagger, trained on dates written out, misses them,
    or stops short of the month (``[Sunday 17]/8``), which then joins the span."""
    spans = [_with_digit_month(text, s) for s in spans]
    added = [Span(m.start(), m.end(), "TIME", m.group(), 1.0) for m in _DIGIT_DATE.finditer(text)
             if not any(s.start < m.end() and m.start() < s.end for s in spans) and _between_marks(text, m.start(), m.end())]
    return sorted([*spans, *added]) if added else list(spans)


_DIGIT_MONTH = re.compile(r"[./]\d{1,2}\b\.?")


def _with_digit_month(text: str, span: Span) -> Span:
    """A TIME span the digits of its month follow (``Sunday 17`` + ``/8``), taken to the month's end."""
    month = _DIGIT_MONTH.match(text, span.end) if span.label == "TIME" else None
    if month is None or not _DIGIT_DATE.fullmatch(text[span.start: month.end()]):
        return span
    return Span(span.start, month.end(), "TIME", text[span.start: month.end()], span.score)


_ADMIN_TAIL = re.compile(r"\b(?:region|department|district|province|prefecture|governorate|county|state|"
                         r"municipality|commune|canton|community|division)$", re.I)


def head_parts_as_places(text: str, spans: Sequence[Span]) -> list[Span]:
    """A digest head's parts between marks (``⟦ NIGER · Tillabéri region · Kollo department ⟧``) are
    its places: a SOURCE or ACTOR span there that ends in an administrative word is a PLACE, so is a
    name the gazetteer holds that ends a part and was read as a TRIGGER or an ACTOR, and a country's
    name the tagger left untagged there is added as one."""
    out = [Span(s.start, s.end, "PLACE", s.text, s.score)
           if s.label in ("SOURCE", "ACTOR") and _ADMIN_TAIL.search(s.text) and _between_marks(text, s.start, s.end) else s
           for s in spans]
    for line in re.finditer(r"(?m)^[^\n]+", text):
        head = _head_of(text, line.start(), line.end())
        if sum(map(_is_head_mark, head)) < 2:
            continue
        for start, end in _head_parts(head):
            start, end = line.start() + start, line.start() + end
            words = re.sub(r"^[^\w]+|[^\w]+$", "", text[start:end])
            at = start + text[start:end].find(words) if words else -1
            if words and _is_country(words) and not any(s.start < at + len(words) and at < s.end for s in out):
                out.append(Span(at, at + len(words), "PLACE", words, 1.0))
            # a place's name filling a part, read by the tagger as an act or a party ('| KOSOVO | [Istog]',
            # '⋄ Sonagazi upazila, [Feni]'): a head tells no act, and this part names no one
            misread = next((s for s in out if s.label in ("TRIGGER", "ACTOR") and s.start >= at
                            and s.end == at + len(words) and _is_place_name(s.text)), None)
            if misread is not None:
                out[out.index(misread)] = Span(misread.start, misread.end, "PLACE", misread.text, misread.score)
    return sorted(out)


def _head_of(text: str, line_start: int, line_end: int) -> str:
    """The stretch of a line a digest head can take: its first :data:`_MAX_HEAD` characters, its
    ASCII separators read as head marks."""
    return _ascii_marks_as_head_marks(text[line_start: min(line_end, line_start + _MAX_HEAD)])


def _between_marks(text: str, start: int, end: int) -> bool:
    """A head's separator stands next to the words at ``start``-``end`` on either side (a digest
    head's part), not a page's 'Posted 2021-07-08' line."""
    before = _ascii_marks_as_head_marks(text[max(0, start - 3): start]).strip()
    after = _ascii_marks_as_head_marks(text[end: end + 3]).strip()
    return bool(before and _is_head_mark(before[-1]) or after and _is_head_mark(after[0]))


def _repeated_mark_head(text: str, line_start: int, line_end: int) -> int:
    """Where the last separator of a head written with one mark repeated two or more times ends
    (``First ⁑ Benin, Atacora department ⁑ 2031-01-06 ⁑ Fighters ...``); -1 for no such head."""
    head = _head_of(text, line_start, line_end)
    marks = [index for index, character in enumerate(head) if _is_head_mark(character)]
    if len(marks) < 2 or len({head[index] for index in marks}) != 1:
        return -1
    return line_start + marks[-1]
