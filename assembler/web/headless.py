"""The workspace as the browser tests and scripts/screenshots.py drive it: a disposable copy of
the project's corpus, glossary and example specs to serve, and Debian's chromium (installed by
scripts/install.sh) launched headless through Playwright's `executable_path`, so that nothing
is downloaded."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox (containers and root), no GPU, and none of chromium's own calls home.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def copy_project(root: Path) -> Path:
    """The corpus, glossary and example specs a served workspace works on, copied to `root`
    so that what the browser edits is thrown away afterwards."""
    shutil.copytree(DEFAULT_CORPUS / "sources", root / "corpus" / "sources")
    shutil.copytree(DEFAULT_CORPUS / "records", root / "corpus" / "records")
    shutil.copytree(
        DEFAULT_GLOSSARY, root / "glossary", ignore=shutil.ignore_patterns(".assembler.lock")
    )
    shutil.copytree(PROJECT_ROOT / "examples", root / "examples")
    return root


def launch_chromium(playwright: Any) -> Any:
    """Debian's chromium, headless, from a running `sync_playwright()`."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS), headless=True
    )
