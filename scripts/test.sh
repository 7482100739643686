#!/usr/bin/env bash
# The test command: set up the environment if needed, then run the whole suite
# (unit tests on a tiny random model, integration tests on the real default encoder).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
export HF_HUB_OFFLINE=1
.venv/bin/python -m pytest -q "$@"
