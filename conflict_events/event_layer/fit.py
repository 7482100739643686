"""Training the heads on many articles' arrays (the encoder is frozen, so its rows are computed once)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np
import torch
from torch import nn

from conflict_events.event_layer.config import EventLayerTrainConfig
from conflict_events.event_layer.examples import ArticleArrays
from conflict_events.event_layer.network import EventLayerNetwork, NetworkShape


@dataclass
class Stacked:
    """All articles' arrays in global tables; pair indices point into them."""

    triggers: torch.Tensor
    sentences: torch.Tensor
    arguments: torch.Tensor
    trigger_features: torch.Tensor
    argument_pairs: torch.Tensor
    argument_features: torch.Tensor
    role_masks: torch.Tensor
    coref_pairs: torch.Tensor
    coref_features: torch.Tensor
    count_pairs: torch.Tensor
    count_features: torch.Tensor
    types: torch.Tensor
    sub_types: torch.Tensor
    roles: torch.Tensor
    parties: torch.Tensor
    coref: torch.Tensor
    same_count: torch.Tensor


def stack(items: Sequence[ArticleArrays]) -> Stacked:
    t_off = a_off = 0
    parts: dict[str, list[np.ndarray]] = {k: [] for k in Stacked.__dataclass_fields__}
    for item in items:
        if item.targets is None:
            raise ValueError("training needs gold targets for every article")
        parts["triggers"].append(item.trigger_vectors)
        parts["sentences"].append(item.sentence_vectors)
        parts["arguments"].append(item.argument_vectors)
        parts["trigger_features"].append(item.trigger_features)
        parts["argument_pairs"].append(item.argument_pairs + np.asarray([t_off, a_off]))
        parts["argument_features"].append(item.argument_features)
        parts["role_masks"].append(item.role_masks)
        parts["coref_pairs"].append(item.coref_pairs + t_off)
        parts["coref_features"].append(item.coref_features)
        parts["count_pairs"].append(item.count_pairs + a_off)
        parts["count_features"].append(item.count_features)
        for key in ("types", "sub_types", "roles", "parties", "coref", "same_count"):
            parts[key].append(getattr(item.targets, key))
        t_off += len(item.trigger_vectors)
        a_off += len(item.argument_vectors)
    return Stacked(**{k: torch.from_numpy(np.concatenate(v)) for k, v in parts.items()})


def _batches(n: int, size: int, generator: torch.Generator) -> list[torch.Tensor]:
    order = torch.randperm(n, generator=generator)
    return [order[i: i + size] for i in range(0, n, size)] if n else []


class JointLoss:
    """The heads' losses summed: roles (multi-label, masked by what each label allows), party, trigger
    coreference, and, once per epoch on everything, event type, sub-type and same-count groups."""

    def __init__(self, data: Stacked, config: EventLayerTrainConfig):
        self.data = data
        self.bce = nn.BCEWithLogitsLoss(reduction="none")
        self.role_bce = nn.BCEWithLogitsLoss(reduction="none",
                                             pos_weight=torch.full((data.roles.shape[1],), config.role_positive_weight))
        self.cross_entropy = nn.CrossEntropyLoss(ignore_index=-1)
        self.count_known = torch.nonzero(data.same_count >= 0).squeeze(-1)

    def __call__(self, network: EventLayerNetwork, argument_rows: torch.Tensor | None, coref_rows: torch.Tensor | None,
                 small_tasks: bool) -> torch.Tensor:
        data = self.data
        triggers, arguments = network.project(data.triggers), network.project(data.arguments)
        loss = torch.zeros(())
        if argument_rows is not None and len(argument_rows):
            pairs = data.argument_pairs[argument_rows]
            role_logits, party_logits = network.argument_logits(triggers[pairs[:, 0]], arguments[pairs[:, 1]],
                                                                data.argument_features[argument_rows])
            mask = data.role_masks[argument_rows]
            loss = loss + (self.role_bce(role_logits, data.roles[argument_rows]) * mask).sum() / mask.sum().clamp(min=1)
            if (data.parties[argument_rows] >= 0).any():
                loss = loss + self.cross_entropy(party_logits, data.parties[argument_rows])
        if coref_rows is not None and len(coref_rows):
            pairs = data.coref_pairs[coref_rows]
            logits = network.coref_logits(triggers[pairs[:, 0]], triggers[pairs[:, 1]], data.coref_features[coref_rows])
            loss = loss + self.bce(logits, data.coref[coref_rows]).mean()
        if small_tasks:
            type_logits, sub_logits = network.type_logits(triggers, network.project(data.sentences), data.trigger_features)
            loss = loss + self.cross_entropy(type_logits, data.types) + self.cross_entropy(sub_logits, data.sub_types)
            if len(self.count_known):
                pairs = data.count_pairs[self.count_known]
                logits = network.same_count_logits(arguments[pairs[:, 0]], arguments[pairs[:, 1]],
                                                   data.count_features[self.count_known])
                loss = loss + self.bce(logits, data.same_count[self.count_known]).mean()
        return loss

    def everything(self, network: EventLayerNetwork) -> float:
        """The loss over all pairs at once, without dropout (for a development split)."""
        network.eval()
        with torch.no_grad():
            return float(self(network, torch.arange(len(self.data.argument_pairs)),
                              torch.arange(len(self.data.coref_pairs)), True))


def train_network(items: Sequence[ArticleArrays], config: EventLayerTrainConfig = EventLayerTrainConfig(),
                  development: Sequence[ArticleArrays] = (), checkpoints: Sequence[int] = ()
                  ) -> tuple[EventLayerNetwork, list[float]]:
    """Fit every head jointly; returns the network (in eval mode) and the loss per epoch. With
    ``development`` articles, the returned losses are instead their loss after each epoch listed in
    ``checkpoints`` (used by :func:`choose_epochs`)."""
    torch.manual_seed(config.seed)
    generator = torch.Generator().manual_seed(config.seed)
    data = stack(items)
    shape = NetworkShape(int(data.triggers.shape[1]), config.projection, config.width, config.dropout)
    network = EventLayerNetwork(shape)
    optimiser = torch.optim.AdamW(network.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay)
    joint = JointLoss(data, config)
    held_out = JointLoss(stack(development), config) if development else None
    losses, development_losses = [], []
    for epoch in range(1, config.epochs + 1):
        network.train()
        total = 0.0
        argument_batches = _batches(len(data.argument_pairs), config.batch_pairs, generator)
        coref_batches = _batches(len(data.coref_pairs), config.batch_pairs, generator)
        steps = max(len(argument_batches), len(coref_batches), 1)
        for step in range(steps):
            loss = joint(network, argument_batches[step] if step < len(argument_batches) else None,
                         coref_batches[step] if step < len(coref_batches) else None, small_tasks=step == 0)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach())
        losses.append(total / steps)
        if held_out is not None and epoch in checkpoints:
            development_losses.append(held_out.everything(network))
    return network.eval(), (development_losses if held_out is not None else losses)


def choose_epochs(items: Sequence[ArticleArrays], config: EventLayerTrainConfig,
                  candidates: Sequence[int] = (15, 30, 60, 90, 120), development_share: float = 0.2) -> int:
    """The epoch count with the lowest loss on a development split carved from ``items`` (whole
    articles, a fixed shuffle), so the choice never looks at the articles a fold is scored on."""
    order = np.random.default_rng(config.seed).permutation(len(items))
    cut = max(1, int(len(items) * development_share))
    development = [items[i] for i in order[:cut]]
    fit = [items[i] for i in order[cut:]]
    trial = EventLayerTrainConfig(**{**config.to_dict(), "epochs": max(candidates)})
    _, development_losses = train_network(fit, trial, development, sorted(candidates))
    return sorted(candidates)[int(np.argmin(development_losses))]
