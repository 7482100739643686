#!/usr/bin/env bash
# One command from a fresh clone: set up, train on the shipped annotations, then tag a sample
# article and print its spans and its events. Rerunnable: --overwrite replaces the earlier outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
export HF_HUB_OFFLINE=1  # everything needed ships with the packages
CE=.venv/bin/conflict-events
$CE validate annotations/
$CE train --annotations annotations/ --output runs/model
$CE tag scripts/sample_articles.jsonl --model runs/model --output runs/sample_spans.jsonl --overwrite
.venv/bin/python scripts/show_spans.py runs/sample_spans.jsonl
$CE extract scripts/sample_articles.jsonl --model runs/model --output runs/sample_events.csv --format csv --overwrite
.venv/bin/python scripts/show_events.py runs/sample_events.csv
