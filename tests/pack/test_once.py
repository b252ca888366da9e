"""A paragraph picked twice (by number and by a search, in one section or two) is printed
once; a later section points back to it, and the build says so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml.ns import qn

from assembler.build.driver import Overrides, prepare
from assembler.corpus.catalog import Corpus
from assembler.glossary.store import load_glossary
from assembler.model.pack import CrossReference, Excerpt
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES

# The `cli` fixture of tests/conftest.py: (exit code, stdout, stderr) of a command.
Cli = Callable[..., tuple[int, str, str]]

SPEC = """\
title: 反恐技术援助
outputs: [docx]
meeting: {from: ccpcj28-terrorism-ta}
sections:
  - heading: 导言
    select:
      - ccpcj28-terrorism-ta: 23-24
      - {search: 开源情报, document: ccpcj28-terrorism-ta}
  - heading: 特殊调查手段
    select:
      - {search: 开源情报, document: ccpcj28-terrorism-ta}
      - ccpcj28-terrorism-ta: 25
"""


def write_spec(tmp_path: Path, extra: str = "") -> Path:
    spec = tmp_path / "once.yaml"
    spec.write_text(SPEC + extra, encoding="utf-8")
    return spec


def test_a_paragraph_picked_twice_is_printed_once_and_referred_to(tmp_path: Path, cli: Cli) -> None:
    code, out, _ = cli("build", write_spec(tmp_path), "--out", tmp_path)
    assert code == 0
    assert "  导言: 2 paragraphs from ccpcj28-terrorism-ta" in out
    assert "  特殊调查手段: 1 paragraph from ccpcj28-terrorism-ta" in out
    assert "  printed once: paragraph 24 of ccpcj28-terrorism-ta, picked twice in “导言”" in out
    assert (
        "  printed once: paragraph 24 of ccpcj28-terrorism-ta, picked in “导言” and again in "
        "“特殊调查手段”, which refers back to it" in out
    )
    document = docx.Document(str(tmp_path / "once.docx"))
    texts = [p.text for p in document.paragraphs]
    assert sum(t.startswith("24.\t") for t in texts) == 1
    assert "\t第 24 段见上文“导言”一节。" in texts
    pointer = next(p for p in document.paragraphs if p.text.endswith("一节。"))
    link = pointer._p.find(qn("w:hyperlink"))
    assert link is not None and link.get(qn("w:anchor")) == "section-1"


def pointer_texts(spec: Path, script: str, language: str) -> tuple[str, ...]:
    pack = prepare(
        spec,
        Corpus(DEFAULT_CORPUS),
        load_glossary(DEFAULT_GLOSSARY),
        DEFAULT_TEMPLATES,
        Overrides(script=script, language=language),
    ).pack
    (pointer,) = [b for b in pack.sections[1].blocks if isinstance(b, CrossReference)]
    assert pointer.anchor == pack.sections[0].anchor and pointer.number is None
    assert isinstance(pointer, Excerpt)  # a writer that does not know it prints the text
    return tuple(p.runs[0].text for p in pointer.passages)


def test_the_pointer_is_in_every_columns_language_and_script(tmp_path: Path) -> None:
    spec = write_spec(tmp_path, "missing: notice\n")
    assert pointer_texts(spec, "hant", "zh") == ("第 24 段見上文「導言」一節。",)
    assert pointer_texts(spec, "hans", "zh+en") == (
        "第 24 段见上文“导言”一节。",
        "Paragraph 24: see section “导言” above.",
    )
    # The heading quoted in the English column is converted like the one it points to.
    assert pointer_texts(spec, "hant", "zh+en")[1] == "Paragraph 24: see section “導言” above."
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "heading: 导言", "heading: {zh: 导言, en: Introduction}"
        ),
        encoding="utf-8",
    )
    assert pointer_texts(spec, "hans", "zh+en") == (
        "第 24 段见上文“导言”一节。",
        "Paragraph 24: see section “Introduction” above.",
    )
