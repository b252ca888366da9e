#!/usr/bin/env bash
# Installs everything assembler needs on a Debian machine, then runs the main job.
#   scripts/install.sh            system packages (when missing) + .venv + main job
#   scripts/install.sh --deps     the same without the main job (used by scripts/test.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

run_main_job=1
[ "${1:-}" = "--deps" ] && run_main_job=0

# System packages: Pango and HarfBuzz's subsetter for WeasyPrint, Noto CJK fonts for Chinese
# text, Liberation fonts (Times/Arial metrics) for English text, poppler-utils for PDF checks
# in the tests, Chromium for the browser tests of the web workspace (driven by Playwright through
# its executable_path: no browser download), LibreOffice Writer (no GUI) to open our DOCX in a
# real word processor in the tests and to compare build times with its conversion. Only what is
# missing is installed.
system_packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
    fonts-liberation2 poppler-utils chromium libreoffice-writer-nogui)
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
    system_packages+=(python3-venv)
fi
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in "${system_packages[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "installing system packages: ${missing[*]}"
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Python packages in a project-local virtual environment, exactly as requirements.lock pins them
# (versions and hashes: a release elsewhere cannot change what we run); reinstalled when the lock
# or pyproject.toml changes. scripts/lock.sh refreshes the lock.
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
stamp=.venv/.assembler-installed
if [ ! -f "$stamp" ] || [ requirements.lock -nt "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
    .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
    touch "$stamp"
fi
# The package's bytecode, written here because Python may be told not to write it when it runs
# (PYTHONDONTWRITEBYTECODE: usual in containers, and set where this project is developed). Every
# command would otherwise compile again the ~60 modules a build imports: 0.07 s of the 0.5 s an
# HTML build takes. Quick when nothing changed.
.venv/bin/python -m compileall -q assembler || echo "install.sh: bytecode not written (commands start slower)" >&2

if [ "$run_main_job" = 1 ]; then
    # The main job: the corpus records, then the example briefing packs into out/.
    .venv/bin/assembler corpus ingest
    .venv/bin/assembler glossary check
    for spec in examples/*.yaml; do
        .venv/bin/assembler build "$spec"
    done
fi
