"""The Word reader on what Word files hold besides plain paragraphs: a footnote cited in a table
cell, footnotes numbered from w:numStart, a cited footnote missing from the file, an unclosed
field, the symbol in a cover table, a one-column layout table, a merged cell."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from assembler.corpus.readers import Extraction
from assembler.corpus.readers.docx import read

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def note(note_id: int, text: str) -> str:
    return (
        f'<w:footnote w:id="{note_id}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
    )


def ref(note_id: int) -> str:
    return f'<w:r><w:footnoteReference w:id="{note_id}"/></w:r>'


def p(*runs: str) -> str:
    return (
        "<w:p>"
        + "".join(r if r.startswith("<") else f"<w:r><w:t>{r}</w:t></w:r>" for r in runs)
        + "</w:p>"
    )


def cell(*paragraphs: str, merge: str | None = None) -> str:
    props = "" if merge is None else f"<w:tcPr><w:vMerge {merge}/></w:tcPr>"
    return f"<w:tc>{props}{''.join(paragraphs) or '<w:p/>'}</w:tc>"


def table(*rows: list[str]) -> str:
    return "<w:tbl>" + "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows) + "</w:tbl>"


def extract(
    tmp_path: Path, body: list[str], notes: list[str], start: int | None = None
) -> Extraction:
    document = docx.Document()
    if notes:
        xml = f"<w:footnotes {NS}>{''.join(notes)}</w:footnotes>"
        part = Part(
            PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode(), document.part.package
        )
        document.part.relate_to(part, RT.FOOTNOTES)
    element = document.element.body
    for xml in body:
        element.insert(len(element) - 1, parse_xml(_ns(xml)))
    if start is not None:
        element[-1].append(
            parse_xml(f'<w:footnotePr {NS}><w:numStart w:val="{start}"/></w:footnotePr>')
        )
    path = tmp_path / "file.docx"
    document.save(str(path))
    return read(path, path.read_bytes())


def _ns(xml: str) -> str:
    """`xml` with the namespace declared on its root element."""
    end = xml.index(">")
    if xml[end - 1] == "/":
        end -= 1
    return f"{xml[:end]} {NS}{xml[end:]}"


def test_notes_cited_in_a_table_follow_the_table(tmp_path: Path) -> None:
    body = [
        table(
            [cell(p("Partner", ref(1))), cell(p("Events"))],
            [cell(p("CTED")), cell(p("12", ref(2)))],
        ),
        p("1. After the table."),
    ]
    extraction = extract(tmp_path, body, [note(1, "First note."), note(2, "Second note.")])
    assert extraction.text.splitlines() == [
        "Partner¹ | Events",
        "CTED | 12²",
        "__________________",
        "¹ First note.",
        "² Second note.",
        "1. After the table.",
    ]


def test_footnotes_are_numbered_from_num_start(tmp_path: Path) -> None:
    body = [p("Text", ref(5), "."), p("More", ref(6), ".")]
    notes = [note(5, "Note a."), note(6, "Note b.")]
    extraction = extract(tmp_path, body, notes, start=9)
    assert extraction.text.splitlines() == [
        "Text⁹.",
        "__________________",
        "⁹ Note a.",
        "More¹⁰.",
        "__________________",
        "¹⁰ Note b.",
    ]


def test_a_cited_note_missing_from_the_file_is_a_warning(tmp_path: Path) -> None:
    extraction = extract(tmp_path, [p("Text", ref(7), ".")], [note(1, "Another.")])
    assert extraction.text == "Text.\n"
    assert extraction.warnings == ("footnote 7 is cited but missing from the file",)


def test_an_unclosed_field_is_a_warning(tmp_path: Path) -> None:
    body = [
        p("Before."),
        p(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
            "<w:r><w:instrText>PAGE</w:instrText></w:r>",
        ),
        p("After."),
    ]
    extraction = extract(tmp_path, body, [])
    assert extraction.text == "Before.\n"
    assert extraction.warnings == ("a field is never closed: the text after it may be missing",)


def test_cover_tables_layout_boxes_and_merged_cells(tmp_path: Path) -> None:
    body = [
        table([cell(p("United Nations")), cell(p("E/CN.15/2019/9"))]),
        table([cell(p("Commission on Crime Prevention"), p("Twenty-eighth session"))]),
        table(
            [cell(p("Region"), merge='w:val="restart"'), cell(p("Events"))],
            [cell(merge=""), cell(p("12"))],
        ),
    ]
    extraction = extract(tmp_path, body, [])
    assert extraction.text.splitlines() == [
        "United Nations | E/CN.15/2019/9",
        "Commission on Crime Prevention",
        "Twenty-eighth session",
        "Region | Events",
        "12",
    ]
    assert extraction.meta == {"symbol": "E/CN.15/2019/9"}


def test_the_symbol_beside_the_page_number_in_the_header(tmp_path: Path) -> None:
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.add_run("V.19-01234")
    header.add_run().add_tab()
    header.add_run("E/CN.15/2019/9")
    header.add_run().add_tab()
    header.add_run("2")
    document.add_paragraph("1. Text.")
    path = tmp_path / "file.docx"
    document.save(str(path))
    assert read(path, path.read_bytes()).meta == {"symbol": "E/CN.15/2019/9"}
