"""The annotation loop: pre-annotate new articles for a tool, import the corrected export, and
suggest which articles to annotate next."""

from conflict_events.annotate.formats import label_config, text_hash
from conflict_events.annotate.importer import ImportResult, TaskProblem, import_exports, read_export
from conflict_events.annotate.suggest import Uncertainty, rank_articles, score_texts, token_uncertainty

__all__ = [
    "ImportResult", "TaskProblem", "Uncertainty", "import_exports", "label_config", "rank_articles", "read_export",
    "score_texts", "text_hash", "token_uncertainty",
]
