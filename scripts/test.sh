#!/usr/bin/env bash
# The whole test suite: lint, type check, tests. Installs the environment first when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install.sh --deps
.venv/bin/ruff check assembler tests scripts bench
.venv/bin/ruff format --check assembler tests scripts bench
.venv/bin/mypy assembler bench
.venv/bin/python -m pytest -q "$@"
