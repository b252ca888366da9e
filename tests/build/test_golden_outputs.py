"""The example packs' bytes, fixed: a refactoring must not change a single byte of any output,
and a typographic change must be deliberate. Builds are deterministic (no timestamps; fonts,
WeasyPrint and python-docx pinned), so each output's SHA-256 is compared with
tests/data/golden-outputs.sha256.

After a deliberate change of the outputs, look at them (README: pdftoppm, LibreOffice), then
rewrite the manifest with: ASSEMBLER_UPDATE_GOLDEN=1 .venv/bin/pytest tests/build/test_golden_outputs.py
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from assembler.cli import main

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "tests" / "data" / "golden-outputs.sha256"

# (spec, extra arguments): both examples as their specs say, and the variants a reader picks.
BUILDS = [
    ("ccpcj28-item6c", ["--format", "docx,pdf,html"]),
    ("ctta-2006-2018", ["--format", "docx,pdf,html"]),
    ("ccpcj28-item6c", ["--script", "hant-hk", "--format", "docx,html"]),
    ("ccpcj28-item6c", ["--script", "hant-tw-phrases", "--format", "html"]),
    ("ccpcj28-item6c", ["--language", "zh+en", "--format", "docx,html"]),
    ("ga78-crime-resolutions", ["--format", "docx,pdf,html"]),
]


def build_all(out: Path) -> dict[str, str]:
    for spec, extra in BUILDS:
        assert (
            main(["build", str(ROOT / "examples" / f"{spec}.yaml"), "--out", str(out), *extra]) == 0
        )
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


def read_manifest() -> dict[str, str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return {name: digest for digest, name in (line.split("  ") for line in lines if line)}


def test_example_outputs_are_byte_identical_to_the_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = build_all(tmp_path)
    capsys.readouterr()
    if os.environ.get("ASSEMBLER_UPDATE_GOLDEN"):
        MANIFEST.write_text("".join(f"{d}  {n}\n" for n, d in built.items()), encoding="utf-8")
    assert built == read_manifest()
