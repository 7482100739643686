#!/usr/bin/env bash
# Create .venv (if missing) and install the package with its test, Ray and ONNX Runtime extras.
# torch is pinned to the CPU build that pip can take without a multi-GB CUDA download.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet "torch==2.13.0"
.venv/bin/python -m pip install --quiet -e ".[test,ray,onnx]"
