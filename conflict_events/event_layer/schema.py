"""The fixed vocabularies of the event layer: roles, which span labels may fill them, parties,
event types (plus "not a political-violence event") and sub-event types."""

from __future__ import annotations

from conflict_events.arguments import PARTIES, ROLE_LABELS, ROLES  # the annotation schema is the one truth
from conflict_events.labels import EVENT_TYPES

ARGUMENT_LABELS: tuple[str, ...] = ("ACTOR", "PLACE", "KILLED", "WOUNDED", "SOURCE", "TIME")

NOT_AN_EVENT = "None"
TYPE_CLASSES: tuple[str, ...] = EVENT_TYPES + (NOT_AN_EVENT,)

# ACLED sub-event types the corpus uses, each with its event type; anything else is "Other".
SUB_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Suicide bomb": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Non-violent transfer of territory": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Arrests": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Agreement": "Strategic developments",
    "Other": "Strategic developments",
}
SUB_TYPE_CLASSES: tuple[str, ...] = tuple(SUB_EVENT_TYPES)


def role_mask(label: str) -> tuple[bool, ...]:
    """Which roles a span of ``label`` may fill, in ``ROLES`` order."""
    return tuple(label in ROLE_LABELS[role] for role in ROLES)


def sub_type_class(sub_event_type: str | None) -> str:
    return sub_event_type if sub_event_type in SUB_EVENT_TYPES else "Other"
