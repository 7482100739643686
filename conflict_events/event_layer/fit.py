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


def train_network(items: Sequence[ArticleArrays], config: EventLayerTrainConfig = EventLayerTrainConfig()
                  ) -> tuple[EventLayerNetwork, list[float]]:
    """Fit every head jointly; returns the network (in eval mode) and the loss per epoch."""
    torch.manual_seed(config.seed)
    generator = torch.Generator().manual_seed(config.seed)
    data = stack(items)
    shape = NetworkShape(int(data.triggers.shape[1]), config.projection, config.width, config.dropout)
    network = EventLayerNetwork(shape)
    optimiser = torch.optim.AdamW(network.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay)
    bce = nn.BCEWithLogitsLoss(reduction="none")
    positive = torch.full((data.roles.shape[1],), config.role_positive_weight)
    role_bce = nn.BCEWithLogitsLoss(reduction="none", pos_weight=positive)
    cross_entropy = nn.CrossEntropyLoss(ignore_index=-1)
    count_known = torch.nonzero(data.same_count >= 0).squeeze(-1)
    losses = []
    for _ in range(config.epochs):
        network.train()
        total = 0.0
        argument_batches = _batches(len(data.argument_pairs), config.batch_pairs, generator)
        coref_batches = _batches(len(data.coref_pairs), config.batch_pairs, generator)
        steps = max(len(argument_batches), len(coref_batches), 1)
        for step in range(steps):
            triggers, arguments = network.project(data.triggers), network.project(data.arguments)
            loss = torch.zeros(())
            if step < len(argument_batches):
                rows = argument_batches[step]
                pairs = data.argument_pairs[rows]
                role_logits, party_logits = network.argument_logits(triggers[pairs[:, 0]], arguments[pairs[:, 1]],
                                                                    data.argument_features[rows])
                mask = data.role_masks[rows]
                loss = loss + (role_bce(role_logits, data.roles[rows]) * mask).sum() / mask.sum().clamp(min=1)
                if (data.parties[rows] >= 0).any():
                    loss = loss + cross_entropy(party_logits, data.parties[rows])
            if step < len(coref_batches):
                rows = coref_batches[step]
                pairs = data.coref_pairs[rows]
                logits = network.coref_logits(triggers[pairs[:, 0]], triggers[pairs[:, 1]], data.coref_features[rows])
                loss = loss + bce(logits, data.coref[rows]).mean()
            if step == 0:  # the small tasks: once per epoch, on everything
                type_logits, sub_logits = network.type_logits(triggers, network.project(data.sentences),
                                                              data.trigger_features)
                loss = loss + cross_entropy(type_logits, data.types) + cross_entropy(sub_logits, data.sub_types)
                if len(count_known):
                    pairs = data.count_pairs[count_known]
                    logits = network.same_count_logits(arguments[pairs[:, 0]], arguments[pairs[:, 1]],
                                                       data.count_features[count_known])
                    loss = loss + bce(logits, data.same_count[count_known]).mean()
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach())
        losses.append(total / steps)
    return network.eval(), losses
