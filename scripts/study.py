"""The encoder / decoding / training study: leave-one-seed-out cross-validation per setting.

Each training setting trains one model per fold; every inference variant (decoder, window
merge, int8) is scored from the same fold models, so comparing decoders costs no training.
Results go to a JSON file (one entry per setting and variant) that `scripts/study_table.py`
turns into the README tables.

    python scripts/study.py --settings baseline,no-synthetic --output runs/study.json
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from conflict_events.corpus import load_corpus
from conflict_events.training.config import TrainConfig
from conflict_events.training.crossval import PROTOCOLS, cross_validate, held_out_errors, held_out_event_report, held_out_predictions

# Training settings: overrides of TrainConfig. Names are what the README tables show.
SETTINGS: dict[str, dict] = {
    "seeds-only": {"include_synthetic": False},
    "baseline": {},
    "augment": {"augment_copies": 1},
    "class-weights": {"class_weight_power": 0.5},
    "lr-5e-5": {"learning_rate": 5e-5},
    "epochs-5": {"epochs": 5},
}

# Inference variants: Tagger.load overrides, scored on the same fold models.
VARIANTS: dict[str, dict] = {
    "default": {},
    "fp32": {"backend": "torch", "device": "cpu"},
    "untidy": {"tidy_boundaries": False},
    "greedy": {"decoder": "greedy"},
    "viterbi": {"decoder": "viterbi"},
    "transitions": {"decoder": "transitions"},
    "merge-mean": {"window_merge": "mean"},
    "merge-max": {"window_merge": "max"},
    "int8": {"backend": "torch-int8", "device": "cpu"},
    "bf16": {"backend": "torch-bf16", "device": "cpu"},
    "onnx": {"backend": "onnx", "device": "cpu"},
    "onnx-int8": {"backend": "onnx-int8", "device": "cpu"},
}


def parse_setting(name: str) -> tuple[str, dict]:
    """``baseline`` or ``encoder=PATH`` or ``baseline+epochs=8`` style overrides."""
    base, *overrides = name.split("+")
    values = dict(SETTINGS.get(base, {})) if base in SETTINGS else {}
    if base not in SETTINGS:
        key, _, value = base.partition("=")
        overrides.insert(0, f"{key}={value}")
    for item in overrides:
        key, _, value = item.partition("=")
        key = {"encoder": "base_model"}.get(key, key)
        field_type = type(getattr(TrainConfig(), key)) if getattr(TrainConfig(), key) is not None else str
        values[key] = field_type(value) if field_type is not bool else value.lower() in ("1", "true", "yes")
    return name, values


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--annotations", type=Path, default=Path("annotations"))
    parser.add_argument("--settings", default="baseline", help="comma-separated setting names (see SETTINGS) or key=value overrides joined with +")
    parser.add_argument("--variants", default="default,greedy,transitions,merge-mean,merge-max,int8", help="comma-separated inference variants")
    parser.add_argument("--output", type=Path, default=Path("runs/study.json"))
    parser.add_argument("--protocol", choices=tuple(PROTOCOLS), default="leave-one-out",
                        help="leave-one-out: one fold per real article (synthetic always trains); "
                             "synthetic-to-real: train once on synthetic only, test on every real article; "
                             "regions / forms: hold out each world region's / each new text form's articles (unseen source)")
    parser.add_argument("--predictions", type=Path, default=None,
                        help="write each setting's held-out predicted spans (default variant) here as annotation-format JSONL, "
                             "one file per setting: PATH with the setting's name before the suffix")
    parser.add_argument("--folds", default=None,
                        help="comma-separated fold names of the protocol to run (default: all), e.g. a reduced sweep on a few region folds")
    parser.add_argument("--keep-models", type=Path, default=None, help="keep each fold's model under this folder (per setting)")
    parser.add_argument("--reuse-models", action="store_true",
                        help="with --keep-models: score folds whose model is already there without training again")
    args = parser.parse_args()

    articles = load_corpus(args.annotations)
    results = json.loads(args.output.read_text()) if args.output.exists() else {}
    variants = {name: VARIANTS[name] for name in args.variants.split(",")}
    for setting in args.settings.split(","):
        name, overrides = parse_setting(setting)
        config = replace(TrainConfig(annotations=args.annotations), **overrides)
        started = time.perf_counter()
        result = cross_validate(
            config, variants, articles, protocol=args.protocol,
            keep_models=args.keep_models / name if args.keep_models else None, reuse_models=args.reuse_models,
            only_folds=args.folds.split(",") if args.folds else None,
            on_fold=lambda i, n, fold, s: print(f"[{name}] fold {i + 1}/{n} {fold.name}: {s:.0f} s", file=sys.stderr, flush=True),
        )
        for variant, report in result.reports.items():
            results[f"{name} | {variant}"] = {
                "setting": name, "variant": variant, "protocol": args.protocol, "overrides": overrides, "config": config.to_json_dict(),
                "report": report.to_dict(),
                "errors": held_out_errors(result, variant),
                "events": held_out_event_report(result, variant).to_dict(),
                "fold_seconds": [round(s, 1) for s in result.fold_seconds], "total_seconds": round(time.perf_counter() - started, 1),
            }
            micro_e, micro_o = report.exact["micro"], report.overlap["micro"]
            print(f"{name} | {variant}: exact F1 {micro_e.f1:.3f}  overlap F1 {micro_o.f1:.3f}", flush=True)
        if args.predictions:
            path = args.predictions.with_name(f"{args.predictions.stem}-{name}{args.predictions.suffix}")
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in held_out_predictions(result)), encoding="utf-8")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
