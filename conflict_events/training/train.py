"""Fine-tuning with the transformers ``Trainer`` (so ``accelerate launch`` spreads it over GPUs).

The output folder is plain ``save_pretrained`` format: safetensors weights, tokenizer, the fixed
``id2label``, plus ``training_config.json`` and ``metrics.json``; ``transformers.pipeline(
"token-classification", model=DIR)`` loads it unchanged.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

import torch

from conflict_events.corpus import Article, load_corpus
from conflict_events.labels import ID2LABEL, LABEL2ID
from conflict_events.model.alignment import IGNORE_INDEX
from conflict_events.model.base_encoder import resolve_base_model
from conflict_events.model.decoding import transition_log_probabilities
from conflict_events.model.tagger import TRAINING_CONFIG_FILE
from conflict_events.model.windows import require_fast_tokenizer
from conflict_events.training.augment import augment_corpus
from conflict_events.training.config import TrainConfig
from conflict_events.training.data import build_features

log = logging.getLogger(__name__)

MAX_CLASS_WEIGHT = 20.0


def load_encoder_with_new_head(base: str | Path):
    """The encoder with a fresh token-classification head. transformers reports the new head as
    MISSING and the encoder's pooler as UNEXPECTED in a warning table; both are what fine-tuning
    means, so only other weights that are missing or left over are reported."""
    from transformers import AutoModelForTokenClassification
    from transformers.utils import logging as hf_logging

    verbosity = hf_logging.get_verbosity()
    hf_logging.set_verbosity_error()
    try:
        model, info = AutoModelForTokenClassification.from_pretrained(
            base, num_labels=len(ID2LABEL), id2label=ID2LABEL, label2id=LABEL2ID, use_safetensors=True,
            output_loading_info=True,
        )
    finally:
        hf_logging.set_verbosity(verbosity)
    missing = [k for k in info.get("missing_keys", ()) if not k.startswith("classifier.")]
    unexpected = [k for k in info.get("unexpected_keys", ()) if not k.startswith("pooler.")]
    if missing or unexpected:
        log.warning("loading %s: missing weights %s, unused weights %s", base, missing[:10], unexpected[:10])
    return model


def class_weights(rows: Sequence[dict], power: float) -> torch.Tensor | None:
    """Inverse-frequency weights, softened by ``power`` and capped: rare labels such as WOUNDED
    would otherwise count for almost nothing next to the sea of ``O`` tokens."""
    if power <= 0:
        return None
    counts = Counter(label for row in rows for label in row["labels"] if label != IGNORE_INDEX)
    reference = counts.get(LABEL2ID["O"], 1)
    weights = [min(MAX_CLASS_WEIGHT, (reference / counts[i]) ** power) if counts.get(i) else 1.0 for i in range(len(ID2LABEL))]
    return torch.tensor(weights, dtype=torch.float)


def weighted_token_loss(weights: torch.Tensor):
    def compute_loss(outputs, labels, num_items_in_batch=None):
        logits = outputs.logits
        loss = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.shape[-1]).float(), labels.reshape(-1),
            weight=weights.to(logits.device), ignore_index=IGNORE_INDEX,
        )
        return loss

    return compute_loss


def upsample_real(articles: Sequence[Article], copies: int) -> list[Article]:
    """Each real (non-synthetic) article ``copies`` times, synthetic ones once, order kept."""
    return [a for article in articles for a in [article] * (1 if article.synthetic else copies)]


def train_on_articles(articles: Sequence[Article], config: TrainConfig, progress: bool = True) -> dict:
    """Fine-tune on ``articles`` and save to ``config.output``. Returns the metrics it saved."""
    from datasets import Dataset
    from transformers import (
        AutoTokenizer,
        DataCollatorForTokenClassification,
        Trainer,
        TrainingArguments,
        set_seed,
    )

    if not articles:
        raise ValueError("no training articles")
    set_seed(config.seed)
    if config.augment_copies:
        articles = augment_corpus(articles, config.augment_copies, config.seed)
    base = resolve_base_model(config.base_model)
    tokenizer = AutoTokenizer.from_pretrained(base)
    require_fast_tokenizer(tokenizer)
    features = build_features(upsample_real(articles, config.real_copies), tokenizer, config.max_length, config.stride, config.max_misaligned_share)
    if features.misaligned:
        log.warning("%d of %d spans have an edge inside a token; the whole token joins the span", len(features.misaligned), features.spans)

    model = load_encoder_with_new_head(base)
    # Tag bigram statistics for the "transitions" decoder; stored in config.json, ignored by pipeline.
    model.config.tag_transitions = transition_log_probabilities(
        [[label for label in row["labels"] if label != IGNORE_INDEX] for row in features.rows], len(ID2LABEL)
    ).round(4).tolist()
    on_gpu = torch.cuda.is_available()
    bf16 = on_gpu and torch.cuda.is_bf16_supported()
    steps_per_epoch = math.ceil(len(features.rows) / config.batch_size)
    total_steps = config.max_steps if config.max_steps > 0 else math.ceil(steps_per_epoch * config.epochs)
    args = TrainingArguments(
        output_dir=str(config.output / "checkpoints"),
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        learning_rate=config.learning_rate,
        per_device_train_batch_size=config.batch_size,
        weight_decay=config.weight_decay,
        warmup_steps=int(config.warmup_ratio * total_steps),
        seed=config.seed,
        bf16=bf16,
        fp16=on_gpu and not bf16,
        save_strategy="no",
        eval_strategy="no",
        logging_steps=max(1, total_steps // 20),
        report_to="none",
        disable_tqdm=not progress,
        dataloader_num_workers=0,
        dataloader_pin_memory=on_gpu,  # pinning only helps copies to a GPU; on CPU torch warns that it is unused
    )
    weights = class_weights(features.rows, config.class_weight_power)
    trainer = Trainer(
        model=model,
        args=args,
        train_dataset=Dataset.from_list(features.rows),
        data_collator=DataCollatorForTokenClassification(tokenizer, label_pad_token_id=IGNORE_INDEX),
        processing_class=tokenizer,
        compute_loss_func=weighted_token_loss(weights) if weights is not None else None,
    )
    started = time.perf_counter()
    result = trainer.train()
    seconds = time.perf_counter() - started

    metrics = {
        "train_loss": result.training_loss,
        "train_seconds": round(seconds, 1),
        "steps": result.global_step,
        "articles": len(articles),
        "windows": len(features.rows),
        "spans": features.spans,
        "misaligned_spans": len(features.misaligned),
        "device": "cuda" if on_gpu else "cpu",
        "base_model": base,
    }
    if trainer.is_world_process_zero():
        save_model(trainer, tokenizer, config, metrics)
    return metrics


def save_model(trainer, tokenizer, config: TrainConfig, metrics: dict) -> None:
    output = config.output
    output.mkdir(parents=True, exist_ok=True)
    trainer.save_model(str(output))  # safetensors by default
    # Trainer also pickles its arguments; keep the folder pickle-free and store them as JSON.
    (output / "training_args.bin").unlink(missing_ok=True)
    (output / "training_args.json").write_text(trainer.args.to_json_string() + "\n", encoding="utf-8")
    tokenizer.save_pretrained(str(output))
    (output / TRAINING_CONFIG_FILE).write_text(json.dumps(config.to_json_dict(), indent=2) + "\n", encoding="utf-8")
    (output / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    checkpoints = output / "checkpoints"
    if checkpoints.is_dir() and not any(checkpoints.iterdir()):
        checkpoints.rmdir()


def select_training_articles(articles: Sequence[Article], include_synthetic: bool) -> list[Article]:
    return [a for a in articles if include_synthetic or not a.synthetic]


def train(config: TrainConfig, progress: bool = True) -> dict:
    """Validate the annotations (refusing invalid ones), then fine-tune and save."""
    articles = select_training_articles(load_corpus(config.annotations), config.include_synthetic)
    return train_on_articles(articles, config, progress)
