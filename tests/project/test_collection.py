"""Every folder of tests is collected by the suite's one command: pytest silently skips folders
whose names match `norecursedirs`, and its default list holds "build", the name of the build
stage's tests (tests/build went unrun for a while that way)."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# pytest's own default, used where the project sets none.
PYTEST_DEFAULT = ["*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}"]


def test_no_folder_of_tests_matches_a_pattern_pytest_skips() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    patterns = options["pytest"]["ini_options"].get("norecursedirs", PYTEST_DEFAULT)
    folders = [
        folder
        for folder in (ROOT / "tests").rglob("*")
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("test_*.py"))
    ]
    assert any(folder.name == "build" for folder in folders)
    skipped = [f for f in folders if any(fnmatch(f.name, pattern) for pattern in patterns)]
    assert skipped == []
