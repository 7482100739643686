#!/usr/bin/env bash
# The window-coverage tests and the training smoke test under the OLDEST transformers that
# pyproject.toml allows (the newest runs in scripts/test.sh): windows are cut by the package, and
# this keeps an older library from silently truncating long articles again (issue 15).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
oldest=$("$PYTHON" - <<'PY'
import re, pathlib
text = pathlib.Path("pyproject.toml").read_text(encoding="utf-8")
print(re.search(r'"transformers>=([0-9.]+)', text).group(1))
PY
)
case "$oldest" in *.*.*) ;; *.*) oldest="$oldest.0" ;; *) oldest="$oldest.0.0" ;; esac
if [ ! -x .venv-oldest/bin/python ]; then
  "$PYTHON" -m venv .venv-oldest
fi
.venv-oldest/bin/python -m pip install --quiet --upgrade pip
.venv-oldest/bin/python -m pip install --quiet "torch==2.13.0"
.venv-oldest/bin/python -m pip install --quiet -e ".[test]" "transformers==$oldest"
echo "transformers $(.venv-oldest/bin/python -c 'import transformers; print(transformers.__version__)') (oldest allowed)" >&2
HF_HUB_OFFLINE=1 .venv-oldest/bin/python -m pytest -q -p no:cacheprovider tests/test_windows.py tests/test_tagger.py
