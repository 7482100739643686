"""The HTML review page: articles with coloured spans, followed by their events."""

from conflict_events.report.render import LABEL_COLOURS, NoEvents, render_report

__all__ = ["LABEL_COLOURS", "NoEvents", "render_report"]
