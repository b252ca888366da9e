"""The DOCX writer: a pack built from real corpus records by the resolver, rendered on the
committed reference document, read back with python-docx and lxml.

The pack below takes 32 paragraphs of the two bundled reports: the 2019 report's paragraphs
1-3 (resolution citations linked to undocs.org) and subsection 二 A 2 (c) (paragraph 39 with
the Kosovo footnote), E/CN.15/2007/9 paragraphs 21 (lettered items (a)-(j)) and 22 (two
footnotes), and its chapters 四 (subsections A-C, paragraph 62 with footnotes inside item (a))
and 五.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from assembler.build.driver import Overrides, prepare
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.model import Concept, Glossary, Term
from assembler.model.pack import Excerpt, Pack, SourceHeading
from assembler.render.docx import TOC_INSTRUCTION, render_docx

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Corpus(ROOT / "corpus")
TEMPLATES = ROOT / "templates"
REFERENCE = TEMPLATES / "reference.docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

SPEC = """\
name: docx-test
title: 反恐技术援助
subtitle: 秘书长两份报告摘录
prepared_by: 简报编写组
date: 2019-05-13
language: zh
outputs: [docx]
missing: notice
meeting:
  from: ccpcj28-terrorism-ta
cite_as:
  ccpcj28-terrorism-ta: 秘书长的报告
sections:
  - heading: 导言
    note: |
      报告第一章的前三段。**第 2 段**列出大会的相关决议。
    select:
      - ccpcj28-terrorism-ta: 1-3
  - heading: 外国恐怖主义作战人员
    select:
      - document: ccpcj28-terrorism-ta
        heading: 二 A 2 (c)
  - heading: 2006 年的区域讲习班
    select:
      - E/CN.15/2007/9: 21-22
  - heading: 加强技术援助的提供工作
    select:
      - document: E/CN.15/2007/9
        heading: 四
  - heading: 结论和建议
    select:
      - document: E/CN.15/2007/9
        heading: 五
glossary:
  annex: found
  gloss: {gloss}
"""

# A few concepts with their UN names, so that the annex and glossing do not depend on the
# glossary being edited elsewhere.
GLOSSARY = Glossary(
    (
        Concept(
            "foreign-terrorist-fighters",
            terms=(
                Term("外国恐怖主义作战人员", "zh-Hans", "preferred"),
                Term("foreign terrorist fighters", "en", "preferred"),
            ),
        ),
        Concept(
            "counter-terrorism-committee",
            terms=(
                Term("反恐怖主义委员会", "zh-Hans", "preferred"),
                Term("Counter-Terrorism Committee", "en", "preferred"),
            ),
        ),
    )
)


def build_pack(
    directory: Path, gloss: str = "off", script: str | None = None, language: str | None = None
) -> Pack:
    spec = directory / f"docx-test-{gloss}.yaml"
    spec.write_text(SPEC.replace("{gloss}", gloss), encoding="utf-8")
    overrides = Overrides(script=script, language=language)
    return prepare(spec, CORPUS, GLOSSARY, TEMPLATES, overrides).pack


def parts(data: bytes) -> dict[str, etree._Element]:
    """Every XML part of a .docx by its name in the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {
            name: etree.fromstring(package.read(name))
            for name in package.namelist()
            if name.endswith((".xml", ".rels"))
        }


def relationships(rels: etree._Element) -> dict[str, tuple[str, str]]:
    return {r.get("Id", ""): (r.get("Type", ""), r.get("Target", "")) for r in rels}


def attributes(element: etree._Element | None) -> dict[str, str]:
    """An element's attributes by local name ({} when there is no element)."""
    if element is None:
        return {}
    return {etree.QName(k).localname: str(v) for k, v in element.attrib.items()}


def seen(text: str) -> str:
    """Text as a reader sees it: the word joiners and no-break spaces that keep symbols on
    one line (see test_symbols_never_break_in_word) look like nothing and spaces."""
    return text.replace("\u2060", "").replace("\u00a0", " ")


def text_of(element: etree._Element) -> str:
    """The text Word shows for an element: w:t, with w:tab as a tab and w:br as a newline."""
    pieces = []
    for node in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        pieces.append({f"{W}tab": "\t", f"{W}br": "\n"}.get(node.tag, node.text or ""))
    return seen("".join(pieces))


def paragraphs_in(document: docx.document.Document, style: str) -> list[str]:
    return [
        seen(p.text) for p in document.paragraphs if p.style is not None and p.style.name == style
    ]


def excerpts(pack: Pack) -> list[Excerpt]:
    return [b for s in pack.sections for b in s.blocks if isinstance(b, Excerpt)]


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Pack:
    return build_pack(tmp_path_factory.mktemp("spec"))


@pytest.fixture(scope="module")
def data(pack: Pack) -> bytes:
    return render_docx(pack, REFERENCE)


@pytest.fixture(scope="module")
def document(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def xml(data: bytes) -> dict[str, etree._Element]:
    return parts(data)


def test_the_pack_is_the_thirty_two_paragraphs_of_the_spec(pack: Pack) -> None:
    numbers = [e.number for e in excerpts(pack)]
    assert numbers[:5] == ["1", "2", "3", "38", "39"]
    assert numbers[10:12] == ["21", "22"]
    assert len(numbers) == 32


def test_excerpts_keep_their_numbers_and_the_records_text_exactly(
    pack: Pack, document: docx.document.Document
) -> None:
    report = {r.para: r for r in CORPUS.resolve("ccpcj28-terrorism-ta").paragraphs}
    older = {r.para: r for r in CORPUS.resolve("E/CN.15/2007/9").paragraphs}
    expected = [
        f"{number}.\t{source[number].text}"
        for source, numbers in ((report, ["1", "2", "3", *map(str, range(38, 45))]),)
        for number in numbers
    ] + [f"{e.number}.\t{older[e.number or ''].text}" for e in excerpts(pack)[10:]]
    assert paragraphs_in(document, "Excerpt") == expected
    assert expected[4].startswith("39.\t毒品和犯罪问题办公室进一步推动执行一项关于加强法律制度")


def test_lettered_items_are_paragraphs_of_their_own_with_their_labels(
    document: docx.document.Document,
) -> None:
    items = paragraphs_in(document, "Excerpt Item")
    record = next(r for r in CORPUS.resolve("E/CN.15/2007/9").paragraphs if r.para == "21")
    assert [i.label for i in record.items] == [f"({c})" for c in "abcdefghij"]
    assert items[:10] == [f"{i.label}\t{i.text}" for i in record.items]
    assert items[0].startswith("(a)\t2006 年 2 月 7 日至 9 日在埃及的沙姆沙伊赫举行了")
    assert len(items) == 10 + 4  # paragraph 21: (a)-(j); paragraph 62: (a)-(d)


def test_each_excerpt_is_followed_by_its_citation(document: docx.document.Document) -> None:
    citations = paragraphs_in(document, "Citation")
    assert citations[:4] == [
        "秘书长的报告，第 1 段",
        "秘书长的报告，第 2 段",
        "秘书长的报告，第 3 段",
        "秘书长的报告，第 38 段",
    ]
    assert citations[10] == "E/CN.15/2007/9，第 21 段"
    assert len(citations) == 32


def test_section_and_source_headings_use_word_heading_styles(
    pack: Pack, document: docx.document.Document
) -> None:
    assert paragraphs_in(document, "Heading 1") == [
        "导言",
        "外国恐怖主义作战人员",
        "2006 年的区域讲习班",
        "加强技术援助的提供工作",
        "结论和建议",
        "术语表",
    ]
    assert paragraphs_in(document, "Heading 2") == [
        "A. 协助会员国将承诺转化为行动",
        "B. 促进反恐怖主义执行工作队的工作",
        "C. 调动更多的政府支持",
    ]
    headings = [b for s in pack.sections for b in s.blocks if isinstance(b, SourceHeading)]
    assert [h.level for h in headings] == [1, 1, 1]
    # Heading styles carry outline levels: the navigation pane and the TOC field use them.
    styles = document.styles
    assert [styles[f"Heading {n}"].element.pPr.outlineLvl.val for n in (1, 2, 3)] == [0, 1, 2]


def test_sections_are_bookmarked_by_their_anchors(
    pack: Pack, xml: dict[str, etree._Element]
) -> None:
    names = [b.get(f"{W}name") for b in xml["word/document.xml"].iter(f"{W}bookmarkStart")]
    assert names == [s.anchor for s in pack.sections] + [pack.annex.anchor if pack.annex else ""]


def test_cover_has_title_subtitle_and_meeting_block(document: docx.document.Document) -> None:
    assert paragraphs_in(document, "Title") == ["反恐技术援助"]
    assert paragraphs_in(document, "Subtitle") == ["秘书长两份报告摘录"]
    assert paragraphs_in(document, "Cover Meeting") == [
        "预防犯罪和刑事司法委员会",
        "第二十八届会议",
        "2019年5月20日至24日，维也纳",
        "临时议程项目 6(c)",
        "统一并协调联合国毒品和犯罪问题办公室及会员国在预防犯罪和刑事司法领域的工作："
        "批准并执行关于预防和打击恐怖主义的国际文书",
    ]
    assert paragraphs_in(document, "Cover Details") == ["编写：简报编写组", "2019年5月13日"]
    assert paragraphs_in(document, "Editorial Note") == [
        "报告第一章的前三段。第 2 段列出大会的相关决议。"
    ]


def test_contents_are_filled_in_for_programs_that_do_not_update_fields(
    pack: Pack, xml: dict[str, etree._Element]
) -> None:
    internal = [a for a in xml["word/document.xml"].iter(f"{W}hyperlink") if a.get(f"{W}anchor")]
    assert [(a.get(f"{W}anchor"), text_of(a)) for a in internal] == [
        *((s.anchor, s.heading) for s in pack.sections),
        *(((pack.annex.anchor, pack.annex.heading),) if pack.annex else ()),
    ]
    bookmarks = {b.get(f"{W}name") for b in xml["word/document.xml"].iter(f"{W}bookmarkStart")}
    assert {a.get(f"{W}anchor") for a in internal} <= bookmarks


def test_styles_carry_east_asian_fonts_and_language(xml: dict[str, etree._Element]) -> None:
    styles = xml["word/styles.xml"]

    def fonts_and_lang(style_id: str) -> tuple[dict[str, str], dict[str, str]]:
        style = styles.find(f"{W}style[@{W}styleId='{style_id}']")
        assert style is not None, style_id
        return (
            attributes(style.find(f"{W}rPr/{W}rFonts")),
            attributes(style.find(f"{W}rPr/{W}lang")),
        )

    # Office fonts from the reference's "Font zh-CN ..." styles, not the PDF's Noto faces.
    normal_fonts, normal_lang = fonts_and_lang("Normal")
    assert normal_fonts["eastAsia"] == "SimSun"
    assert normal_fonts["ascii"] == normal_fonts["hAnsi"] == "Times New Roman"
    assert normal_lang["eastAsia"] == "zh-CN"
    heading_fonts, _ = fonts_and_lang("Heading1")
    assert heading_fonts["eastAsia"] == "SimHei"
    assert heading_fonts["ascii"] == heading_fonts["hAnsi"] == "Times New Roman"
    assert "eastAsiaTheme" not in heading_fonts  # a theme font would override the name
    defaults = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults is not None
    assert defaults.find(f"{W}lang").get(f"{W}eastAsia") == "zh-CN"  # type: ignore[union-attr]
    assert defaults.find(f"{W}rFonts").get(f"{W}eastAsia") == "SimSun"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("script", "word_lang", "body", "heading"),
    [
        ("hant", "zh-TW", "PMingLiU", "MingLiU"),
        ("hant-hk", "zh-HK", "MingLiU_HKSCS", "MingLiU_HKSCS"),
    ],
)
def test_traditional_packs_set_their_word_language_and_fonts(
    tmp_path: Path, script: str, word_lang: str, body: str, heading: str
) -> None:
    pack = build_pack(tmp_path, script=script)
    styles = parts(render_docx(pack, REFERENCE))["word/styles.xml"]
    normal = styles.find(f"{W}style[@{W}styleId='Normal']/{W}rPr")
    heading1 = styles.find(f"{W}style[@{W}styleId='Heading1']/{W}rPr/{W}rFonts")
    assert normal is not None and heading1 is not None
    assert normal.find(f"{W}lang").get(f"{W}eastAsia") == word_lang  # type: ignore[union-attr]
    assert normal.find(f"{W}rFonts").get(f"{W}eastAsia") == body  # type: ignore[union-attr]
    assert heading1.get(f"{W}eastAsia") == heading


def test_passage_runs_are_tagged_with_their_word_language(xml: dict[str, etree._Element]) -> None:
    """Every run of passage text says it is Chinese (zh-CN) and asks for the East Asian font
    for shared punctuation; the paragraph number before the tab carries no language."""
    paragraphs = [
        p
        for p in xml["word/document.xml"].iter(f"{W}p")
        if attributes(p.find(f"{W}pPr/{W}pStyle")).get("val") == "Excerpt"
    ]
    assert len(paragraphs) == 32
    for p in paragraphs:
        number, *text = [r for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None]
        assert attributes(number.find(f"{W}rPr/{W}lang")) == {}
        assert text
        for r in text:
            assert attributes(r.find(f"{W}rPr/{W}lang")) == {"eastAsia": "zh-CN"}
            assert attributes(r.find(f"{W}rPr/{W}rFonts")) == {"hint": "eastAsia"}


def test_footnotes_are_real_word_footnotes(pack: Pack, xml: dict[str, etree._Element]) -> None:
    notes = [
        n
        for n in xml["word/footnotes.xml"].iter(f"{W}footnote")
        if n.get(f"{W}type") not in ("separator", "continuationSeparator")
    ]
    references = list(xml["word/document.xml"].iter(f"{W}footnoteReference"))
    assert len(notes) == len(pack.footnotes) == 6
    assert [r.get(f"{W}id") for r in references] == [n.get(f"{W}id") for n in notes]
    assert [text_of(n).lstrip() for n in notes] == [
        "".join(s.text for s in note.runs) for note in pack.footnotes
    ]
    assert text_of(notes[0]) == " 提及科索沃之处应结合安全理事会第 1244 (1999)号决议理解。"
    # The reference stands where the source's mark stood ("科索沃、1黑山") in paragraph 39.
    run = references[0].getparent()
    assert run is not None
    before = run.getprevious()
    assert before is not None and text_of(before).endswith("还在阿尔巴尼亚、科索沃、")
    after = run.getnext()
    assert after is not None and text_of(after).startswith("黑山和北马其顿")


def test_footnotes_part_is_declared_as_word_expects(xml: dict[str, etree._Element]) -> None:
    types = xml["[Content_Types].xml"]
    overrides = {o.get("PartName"): o.get("ContentType") for o in types}
    assert overrides["/word/footnotes.xml"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    )
    rels = relationships(xml["word/_rels/document.xml.rels"]).values()
    assert (
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
        "footnotes.xml",
    ) in rels
    separators = [
        (n.get(f"{W}type"), n.get(f"{W}id")) for n in xml["word/footnotes.xml"].iter(f"{W}footnote")
    ][:2]
    assert separators == [("separator", "-1"), ("continuationSeparator", "0")]
    declared = xml["word/settings.xml"].findall(f"{W}footnotePr/{W}footnote")
    assert [d.get(f"{W}id") for d in declared] == ["-1", "0"]


def test_footnote_links_have_relationships_on_the_footnotes_part(
    xml: dict[str, etree._Element],
) -> None:
    rels = relationships(xml["word/_rels/footnotes.xml.rels"])
    links = list(xml["word/footnotes.xml"].iter(f"{W}hyperlink"))
    assert [rels[link.get(R_ID, "")][1] for link in links] == ["http://undocs.org/S/RES/1244(1999)"]
    assert [text_of(link) for link in links] == ["第 1244 (1999)号决议"]


def test_symbols_never_break_in_word(xml: dict[str, etree._Element]) -> None:
    """Word has no "nowrap": a word joiner after each "/" and no-break spaces keep a symbol
    and a resolution citation on one line."""
    links = [text for a in xml["word/document.xml"].iter(f"{W}hyperlink")
             if (text := "".join(t.text or "" for t in a.iter(f"{W}t")))]  # fmt: skip
    assert "第\u00a072/\u2060123\u00a0号决议" in links
    body = "".join(t.text or "" for t in xml["word/document.xml"].iter(f"{W}t"))
    assert "A/\u206060/\u2060845" in body and "A/60/845" not in body
    notes = "".join(t.text or "" for t in xml["word/footnotes.xml"].iter(f"{W}t"))
    assert "第\u00a01244\u00a0(1999)号决议" in notes


def test_body_text_is_justified_and_headings_start_aligned(
    xml: dict[str, etree._Element],
) -> None:
    styles = xml["word/styles.xml"]

    def jc(style_id: str) -> str | None:
        found = styles.find(f"{W}style[@{W}styleId='{style_id}']/{W}pPr/{W}jc")
        return None if found is None else found.get(f"{W}val")

    # Word justifies Chinese over every character; Excerpt and notes inherit Normal's.
    assert {"Normal", "Excerpt", "EditorialNote"} <= {
        s.get(f"{W}styleId") for s in styles.iter(f"{W}style")
    }
    assert jc("Normal") == "both"
    assert jc("Excerpt") is None and jc("EditorialNote") is None
    assert jc("Heading1") == jc("Title") == jc("TableText") == "left"
    assert jc("Citation") == "right"


def test_toc_field_is_updated_by_word_on_open(
    pack: Pack, xml: dict[str, etree._Element], document: docx.document.Document
) -> None:
    body = xml["word/document.xml"]
    instructions = [i.text for i in body.iter(f"{W}instrText")]
    assert instructions == [f" {TOC_INSTRUCTION} "] == [' TOC \\o "1-3" \\h \\z \\u ']
    toc = next(p for p in body.iter(f"{W}p") if p.find(f".//{W}instrText") is not None)
    assert text_of(toc) == pack.labels.toc_hint == "请更新此域（F9）以显示目录。"
    assert paragraphs_in(document, "TOC Heading") == ["目录"]
    update = xml["word/settings.xml"].find(f"{W}updateFields")
    assert update is not None and update.get(f"{W}val") == "true"


def test_header_and_footer_with_page_fields(pack: Pack, data: bytes) -> None:
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert section.different_first_page_header_footer  # no header on the cover
    assert [p.text for p in section.header.paragraphs] == [pack.running_header] == ["反恐技术援助"]
    footer = section.footer.part.element
    instructions = [i.text.strip() for i in footer.iter(f"{W}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert text_of(footer) == "第 1 页，共 1 页"  # the fields' values until Word computes them


def test_symbols_link_to_undocs_through_relationships(
    pack: Pack, xml: dict[str, etree._Element]
) -> None:
    rels = relationships(xml["word/_rels/document.xml.rels"])
    # External links (the TOC's links to headings are internal: w:anchor, no relationship).
    links = [a for a in xml["word/document.xml"].iter(f"{W}hyperlink") if a.get(R_ID)]
    targets = [rels[link.get(R_ID, "")] for link in links]
    assert all(kind.endswith("/hyperlink") for kind, _ in targets)
    first = [(text_of(link), target) for link, (_, target) in zip(links, targets, strict=True)][:2]
    assert first == [
        ("第 72/123 号决议", "http://undocs.org/A/RES/72/123"),
        ("第 72/180 号决议", "http://undocs.org/A/RES/72/180"),
    ]
    expected = {
        s.href
        for e in excerpts(pack)
        for p in e.passages
        for runs in (p.runs, *(i.runs for i in p.items))
        for s in runs
        if s.href
    } | {e.citation.href for e in excerpts(pack) if e.citation.href}
    assert {target for _, target in targets} == expected
    assert "http://undocs.org/E/CN.15/2007/9" in expected  # the 2007 report's citations
    styles = {link.find(f"{W}r/{W}rPr/{W}rStyle").get(f"{W}val") for link in links}  # type: ignore[union-attr]
    assert styles == {"Hyperlink"}


def test_annex_is_a_table_with_a_repeating_header_row(
    pack: Pack, document: docx.document.Document
) -> None:
    assert pack.annex is not None
    table = document.tables[-1]
    header, *rows = table.rows
    assert [c.text for c in header.cells] == ["中文", "英文"]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:tblHeader")) is None for r in rows)
    assert [tuple(c.text for c in r.cells) for r in rows] == list(pack.annex.table.rows)
    assert ("外国恐怖主义作战人员", "foreign terrorist fighters") in pack.annex.table.rows
    assert table.style is not None and table.style.name == "Glossary Table"


def test_glosses_are_runs_of_their_own_style(tmp_path: Path) -> None:
    pack = build_pack(tmp_path, gloss="first")
    body = parts(render_docx(pack, REFERENCE))["word/document.xml"]
    glosses = [
        text_of(r)
        for r in body.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}rStyle[@{W}val='Gloss']") is not None
    ]
    assert glosses == ["（foreign terrorist fighters）", "（Counter-Terrorism Committee）"]


def test_core_properties(document: docx.document.Document, pack: Pack) -> None:
    props = document.core_properties
    assert props.title == "反恐技术援助"
    assert props.author == "简报编写组"
    assert props.language == "zh-Hans"
    assert props.subject == pack.meta.subject
    assert props.subject.startswith("预防犯罪和刑事司法委员会 第二十八届会议")
    assert props.created == dt.datetime(2019, 5, 13, tzinfo=dt.UTC)
    assert props.keywords == "; ".join(pack.meta.keywords)
    # Nothing the reference template says of itself (its description) reaches the pack.
    assert (props.comments, props.category, props.version) == ("", "", "")


def test_side_by_side_packs_put_each_excerpt_in_a_row(tmp_path: Path) -> None:
    pack = build_pack(tmp_path, language="zh+en")
    document = docx.Document(io.BytesIO(render_docx(pack, REFERENCE)))
    tables = [
        t for t in document.tables if t.style is not None and t.style.name == "Parallel Table"
    ]
    # One table per run of excerpts: source headings stand between tables (chapter 四 has
    # one paragraph of its own, then subsections A, B and C).
    assert len(tables) == 1 + 1 + 1 + 4 + 1
    first = tables[0]
    header, *rows = first.rows
    assert [c.text for c in header.cells] == ["段", "中文", "英文"]
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for r in first.rows)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    report = {r.para: r.text for r in CORPUS.resolve("ccpcj28-terrorism-ta").paragraphs}
    number, chinese, english = rows[0].cells
    assert number.text == "1."
    assert [p.text for p in chinese.paragraphs] == [report["1"], "秘书长的报告，第 1 段"]
    missing = english.paragraphs[0].runs
    assert [r.text for r in missing] == ["语料库中没有本段的英文文本。"]
    assert missing[0].style is not None and missing[0].style.name == "Missing Text"
    assert missing[0].style.font.italic is True


def test_same_pack_gives_the_same_bytes(pack: Pack, data: bytes) -> None:
    assert render_docx(pack, REFERENCE) == data


def test_control_characters_are_removed_from_text(pack: Pack) -> None:
    section = replace(pack.sections[0], heading="导\x0b言\x01")
    document = docx.Document(
        io.BytesIO(render_docx(replace(pack, sections=(section, *pack.sections[1:])), REFERENCE))
    )
    assert paragraphs_in(document, "Heading 1")[0] == "导言"


def test_a_restyled_reference_keeps_its_separators_and_drops_its_notes(
    tmp_path: Path, pack: Pack, data: bytes
) -> None:
    """A user who saves a built pack as the reference (it has six footnotes): the new pack
    still has exactly its own footnotes, numbered from 1."""
    reference = tmp_path / "restyled.docx"
    reference.write_bytes(data)
    again = parts(render_docx(pack, reference))
    ids = [n.get(f"{W}id") for n in again["word/footnotes.xml"].iter(f"{W}footnote")]
    assert ids == ["-1", "0", "1", "2", "3", "4", "5", "6"]
    assert len(again["word/settings.xml"].findall(f"{W}footnotePr/{W}footnote")) == 2
    assert len(again["word/document.xml"].findall(f".//{W}tbl")) == 1  # the old body is gone


def test_a_reference_without_the_pack_styles_is_refused(tmp_path: Path, pack: Pack) -> None:
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    with pytest.raises(AssemblerError) as caught:
        render_docx(pack, plain)
    assert caught.value.path == str(plain)
    assert (
        caught.value.message
        == "the reference document has no character style named 'Font zh-CN Body'"
    )
    assert "make_reference_docx.py" in (caught.value.hint or "")


def test_a_missing_reference_is_refused(tmp_path: Path, pack: Pack) -> None:
    with pytest.raises(AssemblerError) as caught:
        render_docx(pack, tmp_path / "none.docx")
    assert caught.value.message == "reference document not found"


def test_the_committed_reference_is_what_the_script_makes() -> None:
    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", ROOT / "scripts" / "make_reference_docx.py"
    )
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.build() == REFERENCE.read_bytes(), "run scripts/make_reference_docx.py"


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice is not installed (apt-get install libreoffice-writer): "
    "the DOCX is not opened by a real word processor here",
)
def test_libreoffice_opens_and_converts_the_docx(tmp_path: Path, data: bytes) -> None:
    source = tmp_path / "pack.docx"
    source.write_bytes(data)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "pack.pdf"
    assert pdf.stat().st_size > 10_000
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "提及科索沃之处应结合安全理事会第 1244 (1999)号决议理解。" in text
        assert "第 3 页，共" in text


def test_a_file_that_is_not_a_docx_is_refused(tmp_path: Path, pack: Pack) -> None:
    text = tmp_path / "reference.docx"
    text.write_text("not a zip", encoding="utf-8")
    with pytest.raises(AssemblerError) as caught:
        render_docx(pack, text)
    assert caught.value.message.startswith("not a Word document (.docx)")
    assert caught.value.path == str(text)


def test_long_properties_are_cut_to_words_limit_of_255_characters(pack: Pack) -> None:
    """The example pack's annex gives ~100 English keywords; Word (and python-docx) take 255
    characters per property: whole keywords are kept in order, a long title is shortened."""
    names = tuple(f"United Nations term number {n}" for n in range(40))
    meta = replace(pack.meta, keywords=names, title="联合国" * 100)
    props = docx.Document(
        io.BytesIO(render_docx(replace(pack, meta=meta), REFERENCE))
    ).core_properties
    kept = props.keywords.split("; ")
    assert kept == list(names[: len(kept)])
    assert len(props.keywords) <= 255 < len("; ".join(names[: len(kept) + 1]))
    assert props.title == "联合国" * 84 + "联合…"
    assert len(props.title) == 255


def test_fonts_come_from_the_references_font_styles_a_user_restyles(
    tmp_path: Path, pack: Pack
) -> None:
    """Each script's fonts live in character styles of the reference ("Font zh-CN Body"...):
    restyled there (in Word), they are what the pack's styles and runs name."""
    restyled = tmp_path / "restyled.docx"
    document = docx.Document(str(REFERENCE))
    body = document.styles["Font zh-CN Body"].element.find(f"{W}rPr/{W}rFonts")
    assert body is not None
    body.set(f"{W}eastAsia", "FangSong")
    body.set(f"{W}ascii", "Georgia")
    english = document.styles["Font en-US Body"].element.find(f"{W}rPr/{W}rFonts")
    assert english is not None and english.get(f"{W}ascii") == "Times New Roman"
    document.save(str(restyled))
    styles = parts(render_docx(pack, restyled))["word/styles.xml"]
    normal = styles.find(f"{W}style[@{W}styleId='Normal']/{W}rPr/{W}rFonts")
    assert normal is not None
    assert (normal.get(f"{W}eastAsia"), normal.get(f"{W}ascii")) == ("FangSong", "Georgia")
    heading = styles.find(f"{W}style[@{W}styleId='Heading1']/{W}rPr/{W}rFonts")
    assert heading is not None and heading.get(f"{W}eastAsia") == "SimHei"
    # The pack model keeps the PDF's embedded faces.
    assert pack.typefaces[0].body == "Noto Serif CJK SC"
