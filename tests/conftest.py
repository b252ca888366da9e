"""Fixtures every stage's tests share: the project's paths, the command line run as a user runs
it, and scratch copies of the bundled corpus and glossary for tests that write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import Cli, Ran

from assembler.cli import main
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, PROJECT_ROOT

ROOT = PROJECT_ROOT
EXAMPLE_SPEC = ROOT / "examples" / "ccpcj28-item6c.yaml"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    """`cli("corpus", "list")` runs `assembler corpus list` in this process and captures it."""

    def run(*argv: str | Path) -> Ran:
        code = main([str(arg) for arg in argv])
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus (sources and records) under tmp_path/corpus."""
    root = tmp_path / "corpus"
    shutil.copytree(DEFAULT_CORPUS / "sources", root / "sources")
    shutil.copytree(DEFAULT_CORPUS / "records", root / "records")
    return root


@pytest.fixture
def glossary_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled glossary under tmp_path/glossary."""
    folder = tmp_path / "glossary"
    shutil.copytree(DEFAULT_GLOSSARY, folder, ignore=shutil.ignore_patterns(".assembler.lock"))
    return folder
