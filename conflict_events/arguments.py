"""Event argument links: which tagged spans fill an annotated event's roles.

Each gold event lists ``arguments``: ``{"role", "start", "end"}`` plus ``party`` and ``group`` on
``killed``/``wounded`` links (annotations/README.md, "Argument links"). This module reads them into
frozen :class:`ArgumentLink` objects and checks them against the article's spans; every problem is a
:class:`~conflict_events.corpus.Problem` naming file, line, span and reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from conflict_events.events.numbers import CountRange, parse_count

ROLES: tuple[str, ...] = ("actor1", "actor2", "place", "time", "killed", "wounded", "source")
CASUALTY_ROLES: tuple[str, ...] = ("killed", "wounded")
PARTIES: tuple[str, ...] = ("actor1", "actor2", "civilians", "other")

# A party named only inside a count phrase ("1 soldier was killed") makes that KILLED/WOUNDED span
# its actor link too, so actor roles accept casualty labels (README decision 40).
ROLE_LABELS: dict[str, frozenset[str]] = {
    "actor1": frozenset({"ACTOR", "KILLED", "WOUNDED"}),
    "actor2": frozenset({"ACTOR", "KILLED", "WOUNDED"}),
    "place": frozenset({"PLACE"}),
    "time": frozenset({"TIME"}),
    "killed": frozenset({"KILLED"}),
    "wounded": frozenset({"WOUNDED"}),
    "source": frozenset({"SOURCE"}),
}
_LINK_KEYS = frozenset({"role", "start", "end", "party", "group"})
# parse_count gives no figure for "no ..." (it reads "no" as a vague word), but README decision 23
# makes zero counts KILLED spans that count 0, so the consistency check reads them as 0 itself.
_ZERO_WORDS = ("no ", "none ", "none", "zero ")


@dataclass(frozen=True, order=True)
class ArgumentLink:
    """One span filling one role of one event; ``party``/``group`` only on killed/wounded links."""

    role: str
    start: int
    end: int
    party: str | None = None
    group: int | None = None


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def read_links(event: Mapping[str, Any]) -> tuple[ArgumentLink, ...]:
    """The event's links as dataclasses (call only on events that passed :func:`check_event_links`)."""
    return tuple(
        ArgumentLink(raw["role"], raw["start"], raw["end"], raw.get("party"), raw.get("group"))
        for raw in event.get("arguments", [])
    )


def link_figure(phrase: str) -> CountRange | None:
    """The count a linked KILLED/WOUNDED span stands for: the project's parser, plus zero counts."""
    lowered = phrase.strip().lower()
    if lowered.startswith(_ZERO_WORDS):
        return CountRange(0, 0)
    return parse_count(phrase)


def linked_total(links: Iterable[ArgumentLink], role: str, text: str) -> CountRange | None:
    """Sum over groups of (lowest, highest) figure of the role's links. A phrase with no figure
    (``civilians`` in a headline) restating a group that has figures adds nothing; None when there
    is no link of the role or a whole group has no figure (``several dead``), since then no total follows."""
    groups: dict[int, CountRange | None] = {}
    for link in links:
        if link.role != role:
            continue
        figure = link_figure(text[link.start : link.end])
        previous = groups.get(link.group)
        if figure is None or previous is None:
            groups[link.group] = previous if figure is None else figure
        else:
            groups[link.group] = previous.widen(figure)
    if not groups or any(figure is None for figure in groups.values()):
        return None
    return sum(groups.values(), CountRange(0, 0))


def _check_one_link(raw: Any, spans: Mapping[tuple[int, int], str], text: str) -> tuple[str, tuple[int, int, str] | None] | None:
    """The reason one raw link is wrong (with the offsets it names, when it has any), or None."""
    if not isinstance(raw, dict) or not {"role", "start", "end"} <= raw.keys():
        return "must be an object with role, start and end", None
    if not (_is_int(raw["start"]) and _is_int(raw["end"])):
        return "start and end must be integers", None
    start, end, role = raw["start"], raw["end"], raw["role"]
    where = (start, end, text[max(start, 0) : max(end, 0)])
    unknown = sorted(set(raw) - _LINK_KEYS)
    if unknown:
        return f"unknown key(s) {', '.join(unknown)}", where
    if role not in ROLES:
        return f"unknown role {role!r} (expected one of {', '.join(ROLES)})", where
    label = spans.get((start, end))
    if label is None:
        near = [f"{s}-{e} {text[s:e]!r}" for (s, e) in spans if s < end and start < e]
        hint = f" (overlapping: {', '.join(near)})" if near else ""
        return f"{role} link points at no span of this article{hint}", where
    if label not in ROLE_LABELS[role]:
        allowed = "/".join(sorted(ROLE_LABELS[role]))
        return f"{role} link needs a {allowed} span, this span is {label}", where
    if role in CASUALTY_ROLES:
        if raw.get("party") not in PARTIES:
            return f"{role} link needs 'party', one of {', '.join(PARTIES)} (got {raw.get('party')!r})", where
        if not (_is_int(raw.get("group")) and raw["group"] >= 1):
            return f"{role} link needs 'group', a positive integer (got {raw.get('group')!r})", where
    elif "party" in raw or "group" in raw:
        return f"'party' and 'group' belong only on killed and wounded links, not on {role}", where
    return None


def _total_problems(event: Mapping[str, Any], links: tuple[ArgumentLink, ...], text: str) -> list[str]:
    """The event's killed/wounded fields against the sum of its linked figures."""
    reasons = []
    for role in CASUALTY_ROLES:
        linked = [link for link in links if link.role == role]
        stated = event.get(role)
        if not linked:
            if stated is not None:
                reasons.append(f"{role} is {stated['low']}-{stated['high']} but no {role.upper()} span is linked")
            continue
        total = linked_total(linked, role, text)
        if total is None:
            continue  # a vague count with no figure: the field may be null or a guide range
        if stated is None or (stated["low"], stated["high"]) != (total.low, total.high):
            shown = "null" if stated is None else f"{stated['low']}-{stated['high']}"
            figures = "; ".join(f"group {link.group} {link.party} {text[link.start:link.end]!r}" for link in sorted(linked, key=lambda l: (l.group, l.start)))
            reasons.append(f"{role} is {shown} but the linked figures add up to {total.low}-{total.high} ({figures})")
    return reasons


def check_event_links(
    event: Mapping[str, Any], spans: Mapping[tuple[int, int], str], text: str, require: bool
) -> list[tuple[str, tuple[int, int, str] | None]]:
    """Every problem with one event's triggers and argument links, as ``(reason, span)`` pairs.

    ``spans`` maps ``(start, end)`` to the label of each span of the article. ``require`` makes a
    missing ``arguments`` list a problem (``validate``); reading older files leaves it optional."""
    found: list[tuple[str, tuple[int, int, str] | None]] = []
    for j, trigger in enumerate(event.get("triggers", [])):
        offsets = (trigger["start"], trigger["end"])
        if spans.get(offsets) != "TRIGGER":
            found.append((f"triggers[{j}] is not a TRIGGER span of this article", (*offsets, text[offsets[0] : offsets[1]])))
    if "links_checked" in event and not isinstance(event["links_checked"], bool):
        found.append(("links_checked must be true or false", None))
    if "arguments" not in event:
        if require:
            found.append(("no 'arguments' list (every event links the spans filling its roles)", None))
        return found
    raw_links = event["arguments"]
    if not isinstance(raw_links, list):
        return found + [("'arguments' must be a list", None)]
    seen: set[tuple[str, int, int]] = set()
    link_problems = []
    for j, raw in enumerate(raw_links):
        wrong = _check_one_link(raw, spans, text)
        if wrong is not None:
            link_problems.append((f"arguments[{j}]: {wrong[0]}", wrong[1]))
            continue
        key = (raw["role"], raw["start"], raw["end"])
        if key in seen:
            link_problems.append((f"arguments[{j}]: {raw['role']} link given twice", (raw["start"], raw["end"], text[raw["start"] : raw["end"]])))
        seen.add(key)
    if not link_problems:  # totals are only meaningful over well-formed links
        link_problems += [(reason, None) for reason in _total_problems(event, read_links(event), text)]
    return found + link_problems
