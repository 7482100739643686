#!/usr/bin/env bash
# One command from a fresh clone: set up, train on the shipped annotations, tag a sample
# article and print its spans and events.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
export HF_HUB_OFFLINE=1  # everything needed ships with the packages
.venv/bin/conflict-events validate annotations/
.venv/bin/conflict-events train --annotations annotations/ --output runs/model
.venv/bin/conflict-events tag scripts/sample_article.txt --model runs/model --output runs/sample_spans.jsonl
.venv/bin/python scripts/show_spans.py runs/sample_spans.jsonl scripts/sample_article.txt
