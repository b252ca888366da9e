"""Word sources: a .docx built the way Word saves one (python-docx for what it writes, raw XML
for the numbering definitions and footnotes it has no API for), put in a corpus's sources/ and
ingested through the command line as a user would; the records must hold Word's automatic
numbers, headings and their paths, items, the footnote and the table.

The document is a TEST FIXTURE written for these tests, not a United Nations text."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.text.paragraph import Paragraph
from lxml import etree

from assembler.cli import main
from assembler.corpus.readers.docx import read
from assembler.corpus.readers.docx_numbering import Numbering, num_pr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'

# numId 1: the chapters and sections, linked to Heading 1 and 2 (I., A.); numId 2: the
# paragraphs (1., 2. ... through the document); numId 3 and 4: two instances of one lettered
# list, the second restarted (Word's "Restart numbering" makes a w:num with a startOverride).
NUMBERING = f"""<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="10">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/>
      <w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/>
      <w:pStyle w:val="Heading2"/><w:lvlText w:val="%2."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="20">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%1."/><w:suff w:val="tab"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="30">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
      <w:lvlText w:val="(%1)"/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
  <w:num w:numId="3"><w:abstractNumId w:val="30"/></w:num>
  <w:num w:numId="4"><w:abstractNumId w:val="30"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""

FOOTNOTES = f"""<w:footnotes {NS}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p>
    <w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>
    <w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>
    <w:r><w:t xml:space="preserve"> References to Kosovo shall be understood to be in the context
 of Security Council resolution 1244 (1999).</w:t></w:r>
  </w:p></w:footnote>
</w:footnotes>"""

PARA_1 = "UNODC continued to provide technical assistance to Member States in 2018."
PARA_2 = "Events were organized in Albania, Kosovo, Montenegro and North Macedonia."
KOSOVO = (
    "References to Kosovo shall be understood to be in the context of Security Council"
    " resolution 1244 (1999)."
)


def numbered(paragraph: Paragraph, num_id: int, ilvl: int = 0) -> Paragraph:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(
        parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def link_style(document: docx.document.Document, style: str, ilvl: int) -> None:
    """Heading styles numbered by the chapter list, as Word's multilevel lists link them."""
    ppr = document.styles[style].element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr>'))


def footnote_reference(paragraph: Paragraph, note_id: int) -> None:
    paragraph._p.append(
        parse_xml(
            f'<w:r {NS}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'
        )
    )


def build_word_file(path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Technical assistance (test fixture)"
    document.sections[0].header.paragraphs[0].text = "E/CN.15/2019/99"
    numbering = document.part.numbering_part
    numbering._element = parse_xml(NUMBERING)
    notes = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        FOOTNOTES.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(notes, RT.FOOTNOTES)
    link_style(document, "Heading 1", 0)
    link_style(document, "Heading 2", 1)

    document.add_paragraph("TEST FIXTURE written for assembler's tests, not a United Nations text")
    document.add_paragraph("Introduction", style="Heading 1")
    numbered(document.add_paragraph(PARA_1), 2)
    para_2 = numbered(document.add_paragraph("Events were organized in Albania, Kosovo,"), 2)
    footnote_reference(para_2, 1)
    para_2.add_run(" Montenegro and North Macedonia.")
    document.add_paragraph("Delivery of technical assistance", style="Heading 1")
    document.add_paragraph("Technical assistance activities", style="Heading 2")
    numbered(document.add_paragraph("UNODC organized the following:"), 2)
    numbered(document.add_paragraph("Workshops for practitioners from Lebanon;"), 3)
    numbered(document.add_paragraph("Events in Albania and Montenegro."), 3)
    numbered(document.add_paragraph("In addition, UNODC provided:"), 2)
    numbered(document.add_paragraph("Legislative advice;"), 4)
    numbered(document.add_paragraph("Training for prison staff."), 4)
    document.add_paragraph("Partnerships", style="Heading 2")
    numbered(document.add_paragraph("UNODC worked with the partners in the table below."), 2)
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("Partner", "Events"), ("CTED", "12")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(str(path))


@pytest.fixture(scope="module")
def word_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("word") / "corpus"
    (root / "sources").mkdir(parents=True)
    path = root / "sources" / "technical-assistance.docx"
    build_word_file(path)
    return path


@pytest.fixture(scope="module")
def records(word_file: Path) -> list[dict[str, object]]:
    root = word_file.parent.parent
    assert main(["--corpus", str(root), "corpus", "ingest"]) == 0
    (jsonl,) = (root / "records").glob("*.jsonl")
    return [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]


def test_the_reader_gives_word_s_numbers_notes_and_table_rows(word_file: Path) -> None:
    extraction = read(word_file, word_file.read_bytes())
    assert extraction.text.splitlines() == [
        "TEST FIXTURE written for assembler's tests, not a United Nations text",
        "I. Introduction",
        f"1. {PARA_1}",
        "2. Events were organized in Albania, Kosovo,¹ Montenegro and North Macedonia.",
        "__________________",
        f"¹ {KOSOVO}",
        "II. Delivery of technical assistance",
        "A. Technical assistance activities",
        "3. UNODC organized the following:",
        "(a) Workshops for practitioners from Lebanon;",
        "(b) Events in Albania and Montenegro.",
        "4. In addition, UNODC provided:",
        "(a) Legislative advice;",
        "(b) Training for prison staff.",
        "B. Partnerships",
        "5. UNODC worked with the partners in the table below.",
        "Partner | Events",
        "CTED | 12",
    ]
    assert extraction.meta == {
        "title": "Technical assistance (test fixture)",
        "symbol": "E/CN.15/2019/99",
    }
    assert extraction.warnings == ()


def test_paragraphs_keep_word_s_automatic_numbers(records: list[dict[str, object]]) -> None:
    paragraphs = [r for r in records if r["kind"] == "paragraph"]
    assert [r["para"] for r in paragraphs] == ["1", "2", "3", "4", "5"]
    assert paragraphs[0]["text"] == PARA_1
    assert paragraphs[0]["path"] == ["I"]


def test_headings_and_their_paths(records: list[dict[str, object]]) -> None:
    headings = [(r["label"], r["text"], r["path"]) for r in records if r["kind"] == "heading"]
    assert headings == [
        ("I", "Introduction", []),
        ("II", "Delivery of technical assistance", []),
        ("A", "Technical assistance activities", ["II"]),
        ("B", "Partnerships", ["II"]),
    ]
    by_para = {r["para"]: r for r in records if r["kind"] == "paragraph"}
    assert by_para["3"]["path"] == ["II", "A"]
    assert by_para["5"]["path"] == ["II", "B"]


def test_lettered_items_and_a_restarted_list(records: list[dict[str, object]]) -> None:
    by_para = {r["para"]: r for r in records if r["kind"] == "paragraph"}
    assert by_para["3"]["text"] == "UNODC organized the following:"
    assert by_para["3"]["items"] == [
        {"label": "(a)", "text": "Workshops for practitioners from Lebanon;"},
        {"label": "(b)", "text": "Events in Albania and Montenegro."},
    ]
    assert by_para["4"]["items"] == [
        {"label": "(a)", "text": "Legislative advice;"},
        {"label": "(b)", "text": "Training for prison staff."},
    ]


def test_the_footnote_is_attached_to_its_paragraph(records: list[dict[str, object]]) -> None:
    by_para = {r["para"]: r for r in records if r["kind"] == "paragraph"}
    assert by_para["2"]["text"] == PARA_2
    assert by_para["2"]["notes"] == [
        {"mark": "1", "text": KOSOVO, "item": None, "offset": PARA_2.index(" Montenegro")}
    ]
    assert by_para["2"]["refs"] == ["S/RES/1244(1999)"]


def test_the_table_rows_follow_the_paragraph_before_it(records: list[dict[str, object]]) -> None:
    """A row is a line of its own, but the parser reads an unnumbered line after a paragraph as
    that paragraph's continuation (no numbered paragraph follows it here), as it does in any
    source: the rows come out in the text of paragraph 5."""
    by_para = {r["para"]: r for r in records if r["kind"] == "paragraph"}
    assert by_para["5"]["text"] == (
        "UNODC worked with the partners in the table below. Partner | Events CTED | 12"
    )


def _numbering(xml: str) -> Numbering:
    return Numbering(etree.fromstring(xml.encode("utf-8")))


def test_numbering_formats_levels_and_restarts() -> None:
    numbering = _numbering(
        f"""<w:numbering {NS}>
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
          <w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
          <w:lvlText w:val="%1.%2"/><w:isLgl/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>
          <w:lvlText w:val="(%3)"/><w:lvlRestart w:val="0"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="9"/><w:numFmt w:val="decimal"/>
          <w:lvlText w:val="%1."/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2">
        <w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/>
        <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>"""
    )
    labels = [
        numbering.label("1", 0),
        numbering.label("1", 1),
        numbering.label("1", 2),
        numbering.label("1", 2),
        numbering.label("1", 0),
        numbering.label("1", 1),
        numbering.label("1", 2),  # lvlRestart 0: goes on from (ii)
        numbering.label("2", 0),
        numbering.label("2", 0),
        numbering.label("3", 0),  # restarted
        numbering.label("2", 0),  # instances of one list share its counter
        numbering.label("4", 0),  # a bullet shows no number
        numbering.label("9", 0),  # no such list
    ]
    assert labels == [
        "一.",
        "1.1",
        "(i)",
        "(ii)",
        "二.",
        "2.1",
        "(iii)",
        "9.",
        "10.",
        "1.",
        "2.",
        None,
        None,
    ]


def test_letters_beyond_z_and_chinese_tens() -> None:
    numbering = _numbering(
        f"""<w:numbering {NS}>
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="26"/><w:numFmt w:val="lowerLetter"/>
          <w:lvlText w:val="(%1)"/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="10"/><w:numFmt w:val="chineseCounting"/>
          <w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    </w:numbering>"""
    )
    assert [numbering.label("1", 0) for _ in range(3)] == ["(z)", "(aa)", "(bb)"]
    assert [numbering.label("2", 0) for _ in range(3)] == ["十、", "十一、", "十二、"]


def test_the_level_a_style_is_linked_to_and_paragraphs_taken_out_of_a_list() -> None:
    numbering = _numbering(NUMBERING)
    heading_2 = etree.fromstring(f'<w:pPr {NS}><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>')
    removed = etree.fromstring(f'<w:pPr {NS}><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>')
    own_level = etree.fromstring(f'<w:pPr {NS}><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr>')
    assert num_pr([heading_2]) == ("1", None)
    assert num_pr([removed, heading_2]) is None
    assert num_pr([own_level, heading_2]) == ("1", 1)
    assert numbering.label("1", None, "Heading1") == "I."
    assert numbering.label("1", None, "Heading2") == "A."
    assert numbering.label("1", None, "Heading2") == "B."
    assert numbering.label("1", None, "Heading1") == "II."
    assert numbering.label("1", 1) == "A."
