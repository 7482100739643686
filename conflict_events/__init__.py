"""conflict-events: from conflict news to structured, geocoded, dated event records."""

from conflict_events.labels import ENTITY_LABELS
from conflict_events.spans import Span

__all__ = ["ENTITY_LABELS", "Span"]
__version__ = "0.1.0"
