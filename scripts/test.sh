#!/usr/bin/env bash
# The test command: set up the environment if needed, then run the tests.
#   scripts/test.sh          the fast tier: unit tests on a tiny random model (under 3 minutes)
#   scripts/test.sh --all    everything, with the integration tests (real default encoder, real CLI
#                            processes, Ray, headless Chromium)
# Other arguments go to pytest, e.g. scripts/test.sh tests/test_cli.py -x
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup_env.sh
export HF_HUB_OFFLINE=1
tier=(-m "not integration")
if [ "${1:-}" = "--all" ]; then
  tier=()
  shift
fi
.venv/bin/python -m pytest -q "${tier[@]}" "$@"
