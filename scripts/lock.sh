#!/usr/bin/env bash
# Refreshes requirements.lock from pyproject.toml: exact versions of every Python dependency,
# direct and transitive (dev tools included), with the hashes of every published file, so that
# `scripts/install.sh` installs the same bytes on every machine until this is run again.
#   scripts/lock.sh              keep the locked versions that still satisfy pyproject.toml
#   scripts/lock.sh --upgrade    take the newest versions allowed
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/pip-compile ] || scripts/install.sh --deps
exec .venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev --strip-extras \
    --no-emit-index-url --no-emit-find-links -o requirements.lock "$@" pyproject.toml
