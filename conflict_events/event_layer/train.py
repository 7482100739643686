"""Train the event layer on annotated articles and save it into a model folder."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from conflict_events.corpus import Article
from conflict_events.event_layer.config import EventLayerTrainConfig
from conflict_events.event_layer.layer import EventLayer, load_encoder


class MissingLinks(ValueError):
    pass


def require_links(articles: Sequence[Article]) -> None:
    """Every gold event must carry its ``arguments`` links: the layer learns roles from them."""
    missing = [f"{a.file}:{a.line}: event {i} of {a.id!r} has no 'arguments'"
               for a in articles for i, event in enumerate(a.events) if "arguments" not in event]
    if missing:
        more = f" (and {len(missing) - 5} more)" if len(missing) > 5 else ""
        raise MissingLinks("the event layer learns from argument links, which these events lack: "
                           + "; ".join(missing[:5]) + more)


def train_event_layer(articles: Sequence[Article], model_dir: str | Path,
                      config: EventLayerTrainConfig = EventLayerTrainConfig(), encoder_name: str = "default",
                      progress: Callable[[str], None] = lambda line: None) -> EventLayer:
    """Fit the heads on ``articles`` and save them as ``event_layer.safetensors`` + ``event_layer.json``
    in ``model_dir`` (beside the tagger, which is left untouched)."""
    require_links(articles)
    encoder, tokenizer = load_encoder(encoder_name)
    progress(f"event layer: encoding {len(articles)} articles with the frozen encoder ({encoder_name})")
    layer = EventLayer.fit(articles, encoder, tokenizer, config, encoder_name=encoder_name)
    layer.save(model_dir)
    progress(f"event layer: saved to {model_dir} (final loss {layer.training['final_loss']})")
    return layer
