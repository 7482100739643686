"""Loading a fine-tuned tagger and turning text into spans."""

from conflict_events.model.tagger import InferenceConfig, NotAModelFolder, Tagger

__all__ = ["InferenceConfig", "NotAModelFolder", "Tagger"]
