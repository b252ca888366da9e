"""A Traditional Chinese pack as a reader gets it: the PDF's extracted text has no
Simplified-only character, protected UN terms keep their form, a glossary's explicit
Traditional form wins over OpenCC, and the PDF says zh-TW and embeds the TC fonts."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import opencc
import pytest

from assembler.cli import main
from assembler.corpus.catalog import Corpus

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")

SPEC = """\
title: 反恐技术援助摘录
meeting: {from: ccpcj28-terrorism-ta}
outputs: [pdf, html]
sections:
  - heading: 批准和立法援助
    select:
      - ccpcj28-terrorism-ta: 12-13
  - heading: 萨赫勒
    select:
      - ccpcj28-terrorism-ta: 34, 62
glossary: {annex: found, gloss: off}
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hant")
    glossary = root / "glossary"
    shutil.copytree(ROOT / "glossary", glossary)
    # A test-only explicit form, unlike anything OpenCC would write, to see that it wins.
    assert main(["--glossary", str(glossary), "glossary", "edit", "sahel",
                 "--term", "萨赫勒", "--zh-TW", "薩赫勒（測試形式）"]) == 0  # fmt: skip
    spec = root / "pack.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    out = root / "out"
    for script in ("hant", "hant-tw-phrases"):
        args = ["--glossary", str(glossary), "build", str(spec), "--out", str(out)]
        assert main([*args, "--script", script]) == 0
    return {script: out / f"pack-{script}.pdf" for script in ("hant", "hant-tw-phrases")}


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_no_simplified_only_character_in_the_extracted_text(built: dict[str, Path]) -> None:
    characters = opencc.OpenCC("s2tw")
    corpus_text = "".join(r.text for d in Corpus(ROOT / "corpus").documents() for r in d.records)
    kept = set(characters.convert(corpus_text))
    for path in built.values():
        text = pdf_text(path)
        chinese = {c for c in text if "\u4e00" <= c <= "\u9fff"}
        assert len(chinese) > 200
        assert {c for c in chinese if characters.convert(c) != c and c not in kept} == set()


def test_protected_terms_and_explicit_forms_survive(built: dict[str, Path]) -> None:
    text = "".join(pdf_text(built["hant-tw-phrases"]).split())
    assert "乍得" in text and "毛里塔尼亞" in text
    assert "查德" not in text and "茅利塔尼亞" not in text
    assert "統一並協調" in text  # a correction kept as data: OpenCC writes 統一併協調
    assert "臨時議程項目6(c)" in text and "專案" not in text
    assert "薩赫勒（測試形式）" in text


def test_pdf_says_zh_tw_and_embeds_the_traditional_fonts(built: dict[str, Path]) -> None:
    path = built["hant"]
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Noto-Serif-CJK-TC" in fonts and "Noto-Sans-CJK-TC" in fonts
    assert "CJK-SC" not in fonts
    html = path.with_suffix(".html").read_text(encoding="utf-8")
    assert '<html lang="zh-TW"' in html
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"^Title:\s+反恐技術援助摘錄$", info, re.MULTILINE)
