"""A Chinese Word file with what Word leaves in a document's XML besides its text: a table of
contents field, tracked changes, hidden text, hyperlinks, a soft line break, a starred footnote
on the cover and a numbered one in the body, chapters numbered 一、二 by a list linked to the
Heading 1 style. Ingested through the command line; the records hold the text as it reads in
Word with its changes accepted.

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

from assembler.cli import main

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

NUMBERING = f"""<w:numbering {NS}>
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>
      <w:pStyle w:val="Heading1"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="1">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
      <w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>"""

FOOTNOTES = f"""<w:footnotes {NS}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:id="1"><w:p><w:r><w:t>*</w:t></w:r><w:r><w:t xml:space="preserve"> E/CN.15/2019/1。</w:t></w:r></w:p></w:footnote>
  <w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 提及科索沃之处应结合安全理事会第 1244 (1999)号决议理解。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""

NUMBERED = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>'

BODY = [
    "<w:p><w:r><w:t>预防犯罪和刑事司法委员会</w:t></w:r></w:p>",
    "<w:p><w:r><w:t>第二十八届会议</w:t></w:r></w:p>",
    "<w:p><w:r><w:t>临时议程</w:t></w:r>"
    '<w:r><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r>'
    "<w:r><w:t>项目 6(c)</w:t></w:r></w:p>",
    "<w:p><w:r><w:t>测试文件：技术援助</w:t></w:r></w:p>",
    '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>目录</w:t></w:r></w:p>',
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>一. 导言</w:t></w:r>'
    "<w:r><w:tab/><w:t>1</w:t></w:r></w:p>",
    "<w:p><w:r><w:t>二. 技术援助</w:t></w:r><w:r><w:tab/><w:t>2</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>导言</w:t></w:r></w:p>',
    f"<w:p>{NUMBERED}<w:r><w:t>本报告回顾</w:t></w:r>"
    '<w:del w:id="1" w:author="A"><w:r><w:delText>以往</w:delText></w:r></w:del>'
    '<w:ins w:id="2" w:author="A"><w:r><w:t>2018 年</w:t></w:r></w:ins>'
    "<w:r><w:t>的工作。</w:t></w:r>"
    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>（隐藏的批注）</w:t></w:r></w:p>",
    f"<w:p>{NUMBERED}<w:r><w:t>活动在阿尔巴尼亚、科索沃、</w:t></w:r>"
    '<w:r><w:footnoteReference w:id="2"/></w:r>'
    '<w:hyperlink w:anchor="x"><w:r><w:t>黑山</w:t></w:r></w:hyperlink>'
    "<w:r><w:t>和北马其顿举办。</w:t></w:r></w:p>",
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>技术援助</w:t></w:r></w:p>',
    f"<w:p>{NUMBERED}<w:r><w:t>办公室继续提供援助，</w:t><w:br/><w:t>包括立法援助。</w:t></w:r>"
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
    '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
]


def build_chinese_word_file(path: Path) -> None:
    document = docx.Document()
    document.part.numbering_part._element = parse_xml(NUMBERING)
    notes = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        FOOTNOTES.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(notes, RT.FOOTNOTES)
    ppr = document.styles["Heading 1"].element.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    body = document.element.body
    for xml in BODY:
        body.insert(len(body) - 1, parse_xml(xml.replace("<w:p>", f"<w:p {NS}>", 1)))
    document.save(str(path))


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    root = tmp_path_factory.mktemp("chinese")
    (root / "sources").mkdir()
    build_chinese_word_file(root / "sources" / "report.docx")
    (root / "sources" / "report.meta.yaml").write_text("id: zh-word-test\n", encoding="utf-8")
    assert main(["--corpus", str(root), "corpus", "ingest"]) == 0
    jsonl = root / "records" / "zh-word-test.jsonl"
    return [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]


def test_records_read_as_in_word_with_changes_accepted(
    records: list[dict[str, object]],
) -> None:
    shown = [(r["kind"], r["label"], r["para"], r["path"], r["text"]) for r in records]
    assert shown == [
        ("heading", "一", None, [], "导言"),
        ("paragraph", None, "1", ["一"], "本报告回顾2018 年的工作。"),
        ("paragraph", None, "2", ["一"], "活动在阿尔巴尼亚、科索沃、黑山和北马其顿举办。"),
        ("heading", "二", None, [], "技术援助"),
        ("paragraph", None, "3", ["二"], "办公室继续提供援助，包括立法援助。"),
    ]


def test_the_numbered_footnote_is_on_its_paragraph(records: list[dict[str, object]]) -> None:
    (second,) = [r for r in records if r["para"] == "2"]
    assert second["notes"] == [
        {
            "mark": "1",
            "text": "提及科索沃之处应结合安全理事会第 1244 (1999)号决议理解。",
            "item": None,
            "offset": len("活动在阿尔巴尼亚、科索沃、"),
        }
    ]


def test_the_cover_s_starred_note_and_agenda_item(tmp_path: Path) -> None:
    build_chinese_word_file(tmp_path / "report.docx")
    root = tmp_path / "corpus"
    (root / "sources").mkdir(parents=True)
    (tmp_path / "report.docx").rename(root / "sources" / "report.docx")
    assert main(["--corpus", str(root), "corpus", "ingest"]) == 0
    (meta_file,) = (root / "records").glob("*.meta.json")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    assert meta["agenda_item"] == "6(c)"
    assert meta["session"] == 28
    assert {"mark": "*", "text": "E/CN.15/2019/1。"} in [
        {"mark": n["mark"], "text": n["text"]} for n in meta["notes"]
    ]
