"""The example packs built once as PDF for the typography tests of this folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.cli import main
from assembler.paths import PROJECT_ROOT

EXAMPLES = ("ccpcj28-item6c", "ctta-2006-2018")


@pytest.fixture(scope="session")
def example_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both examples as their specs say (Simplified Chinese), PDF only: name -> file."""
    out = tmp_path_factory.mktemp("examples")
    for name in EXAMPLES:
        spec = PROJECT_ROOT / "examples" / f"{name}.yaml"
        assert main(["build", str(spec), "--out", str(out), "--format", "pdf"]) == 0
    return {name: out / f"{name}.pdf" for name in EXAMPLES}
