"""This project's own briefing pack, read back: the DOCX that `assembler build` writes for
examples/ccpcj28-item6c.yaml, ingested as a Word source, gives back the report's paragraphs
with their numbers, their texts and the footnote.

The reader reads Word files, not packs, so it keeps what the pack adds to the report: the
English glosses after the first occurrence of a term ("（United Nations Office on Drugs and
Crime）") are runs of the paragraph's text like any other, and the citation under each excerpt,
the pack's section headings and editorial notes are paragraphs like any other. Texts are
therefore compared without the glosses (fullwidth brackets around English words, removed on
both sides), and a paragraph that ends a pack section carries the pack's lines that follow it,
since the parser reads unnumbered lines after a paragraph as its continuation unless a
numbered paragraph follows them. Paragraph numbers that go down (the pack shows 115 before
82-93) are read as text of the paragraph before, as in any source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document, Record

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "examples" / "ccpcj28-item6c.yaml"
REPORT = "ccpcj28-terrorism-ta"
# The spec's selection: 1-8, heading 二 A 2 (b) = 30-37, 二 A 2 (c) = 38-44 and 115,
# 二 B 1 and 二 B 2 = 82-93, 125-127.
# A gloss: "（English）", or "；English" closing an existing bracket ("（禁毒办；UNODC）").
GLOSS = re.compile(r"（[A-Za-z][A-Za-z0-9 ,，.'’\-]*）|；[A-Za-z][A-Za-z0-9 ,，.'’\-]*(?=）)")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Document:
    out = tmp_path_factory.mktemp("pack")
    assert main(["build", str(SPEC), "--out", str(out), "--format", "docx"]) == 0
    root = tmp_path_factory.mktemp("packcorpus")
    (root / "sources").mkdir()
    (out / "ccpcj28-item6c.docx").rename(root / "sources" / "ccpcj28-item6c.docx")
    assert main(["--corpus", str(root), "corpus", "ingest"]) == 0
    return Corpus(root).resolve("ccpcj28-item6c")


@pytest.fixture(scope="module")
def report() -> dict[str, Record]:
    document = Corpus(ROOT / "corpus").resolve(REPORT)
    return {r.para: r for r in document.records if r.para is not None}


def paragraphs(document: Document) -> dict[str, Record]:
    return {r.para: r for r in document.records if r.kind == "paragraph" and r.para}


def test_the_pack_s_paragraph_numbers_come_back_while_they_go_up(pack: Document) -> None:
    """The pack shows paragraph 115 before 82-93 (its sections follow the reader's interest,
    not the report's order). The parser reads paragraph numbers as one rising sequence, as
    in every UN document, so 82-93 after 115 are read as part of 115, with a warning each."""
    numbers = [int(p) for p in paragraphs(pack)]
    assert numbers == [*range(1, 9), *range(30, 45), 115, *range(125, 128)]
    folded = [w for w in pack.meta.warnings if "read as part of paragraph 115" in w]
    assert len(folded) == 13  # the citations of 115 and of 82-93


def test_the_pack_s_texts_are_the_report_s_texts(pack: Document, report: dict[str, Record]) -> None:
    ends_of_sections = set()
    for number, record in paragraphs(pack).items():
        text, original = GLOSS.sub("", record.text), GLOSS.sub("", report[number].text)
        if text != original:
            assert text.startswith(original), number
            ends_of_sections.add(number)
    # The last paragraph of a pack section, followed by its citation and the next section's
    # heading and note (unnumbered lines), and 115 with 82-93 after it: the only ones with
    # more text.
    assert ends_of_sections == {"8", "37", "115", "127"}


def test_glosses_are_kept_in_the_text(pack: Document) -> None:
    first = paragraphs(pack)["1"].text
    assert first.startswith(
        "在秘书处内部，联合国毒品和犯罪问题办公室"
        "（毒品和犯罪问题办公室；United Nations Office on Drugs and Crime，UNODC）的首要责任"
    )


def test_the_footnote_comes_back_on_its_paragraph(
    pack: Document, report: dict[str, Record]
) -> None:
    assert paragraphs(pack)["39"].notes == report["39"].notes
    assert [n.mark for n in report["39"].notes] == ["1"]
    assert sum(len(r.notes) for r in pack.records) == 1


def test_the_pack_s_citations_are_read_as_what_they_look_like(pack: Document) -> None:
    """Each citation stands between two numbered paragraphs, where the parser takes a short
    unnumbered line for an unnumbered heading."""
    headings = [r.text for r in pack.records if r.kind == "heading"]
    assert "秘书长的报告，第 1 段" in headings
    assert all(h.startswith("秘书长的报告，第 ") for h in headings)
