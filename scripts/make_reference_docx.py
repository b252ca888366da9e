"""Make templates/reference.docx: the styled reference document every DOCX pack is built on.

    .venv/bin/python scripts/make_reference_docx.py [OUT]

Restyle the result in Word (Home > Styles > Modify; keep the style names) and every pack built
afterwards takes the new look: page size and margins, sizes, spacing, colours, borders,
footnote separators, and fonts. Fonts are kept per script in the character styles "Font zh-CN
Body", "Font zh-CN Heading" (Simplified), "Font zh-TW ..." (Traditional), "Font zh-HK ..."
(Hong Kong) and "Font en-US ..." (English): a pack in a script puts that script's fonts on
its styles, so restyle those (Modify > Format > Font: Asian text font, Latin text font). The
defaults are the fonts every office PC has, as UN Chinese documents use them; the PDF keeps
its embedded Noto fonts. The body holds one sample paragraph per style for restyling; packs
replace it.

Styles the writer uses (assembler/render/docx.py): Title, Subtitle, Cover Meeting, Cover
Details, TOC Heading, Heading 1-9, Editorial Note, Excerpt, Excerpt Item, Citation, Parallel
Heading, Parallel Text, Parallel Item, Body Text, Table Heading, Table Text, header, footer,
footnote text; character styles footnote reference, Hyperlink, Gloss, Emphasis, Strong,
Missing Text and the Font styles above; table styles Glossary Table and Parallel Table.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle

from assembler.atomic import write_bytes
from assembler.model.pack import Typeface
from assembler.render.docx_footnotes import declare_separators, footnotes_part, separator_ids
from assembler.render.docx_package import stable_zip, theme_font_lang
from assembler.render.docx_styles import apply_typeface, font_style_name, set_fonts
from assembler.render.docx_xml import STYLE_ORDER, child_in_order

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "templates" / "reference.docx"

LATIN = "Times New Roman"
# Word's language -> (East Asian body font, heading font): what office PCs have and UN
# Chinese documents use (Simplified: SimSun text, SimHei headings; Traditional: PMingLiU
# text, MingLiU headings; Hong Kong: the HKSCS MingLiU, whose characters Hong Kong names
# need). Latin letters and digits in Chinese text: Times New Roman, as in UN documents.
OFFICE_FONTS = {
    "zh-CN": ("SimSun", "SimHei"),
    "zh-TW": ("PMingLiU", "MingLiU"),
    "zh-HK": ("MingLiU_HKSCS", "MingLiU_HKSCS"),
}
OFFICE_TYPEFACES = (
    *(
        Typeface(lang, lang, east_asian=True, body=body, heading=heading, latin=LATIN)
        for lang, (body, heading) in OFFICE_FONTS.items()
    ),
    Typeface("en", "en-US", east_asian=False, body=LATIN, heading=LATIN, latin=LATIN),
)
# The reference's own look (its samples): Simplified Chinese.
DEFAULT_TYPEFACE = OFFICE_TYPEFACES[0]
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
GREY = RGBColor(0x59, 0x59, 0x59)
LIGHT_GREY = RGBColor(0x7F, 0x7F, 0x7F)
LINK = RGBColor(0x05, 0x63, 0xC1)

# CT_PPr child order (ECMA-376), for the borders and shading python-docx cannot set.
PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
)

_KEPT_TABLE_STYLES = {"Normal Table", "Table Grid"}
_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"

_GLOSSARY_TABLE = f"""<w:style {nsdecls("w")} w:type="table" w:customStyle="1"
    w:styleId="GlossaryTable">
  <w:name w:val="Glossary Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:left w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:right w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="DCE6F2"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""

_PARALLEL_TABLE = f"""<w:style {nsdecls("w")} w:type="table" w:customStyle="1"
    w:styleId="ParallelTable">
  <w:name w:val="Parallel Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>
  <w:qFormat/>
  <w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
  <w:tblPr>
    <w:tblBorders>
      <w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>
      <w:insideH w:val="single" w:sz="4" w:space="0" w:color="D9D9D9"/>
    </w:tblBorders>
    <w:tblCellMar>
      <w:top w:w="85" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>
    </w:tblCellMar>
  </w:tblPr>
  <w:tblStylePr w:type="firstRow">
    <w:rPr><w:b/><w:bCs/></w:rPr>
    <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:tcPr>
  </w:tblStylePr>
</w:style>"""


def paragraph_style(document: Document, name: str, base: str = "Normal") -> ParagraphStyle:
    """The named paragraph style, made (quick-style, based on `base`) when missing."""
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.quick_style = True
    assert isinstance(style, ParagraphStyle)
    style.base_style = styles[base]
    return style


def character_style(document: Document, name: str, style_id: str = "") -> CharacterStyle:
    styles = document.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        style.base_style = styles["Default Paragraph Font"]
    assert isinstance(style, CharacterStyle)
    if style_id:
        style.style_id = style_id
    return style


def look(
    style: ParagraphStyle | CharacterStyle,
    *,
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
) -> None:
    font = style.font
    if size is not None:
        font.size = Pt(size)
    font.bold = bold
    font.italic = italic
    font.color.rgb = color


def spacing(
    style: ParagraphStyle,
    before: float = 0,
    after: float = 6,
    *,
    align: WD_ALIGN_PARAGRAPH | None = None,
    keep_next: bool | None = None,
) -> None:
    fmt = style.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.alignment = align
    fmt.keep_with_next = keep_next


def hanging(style: ParagraphStyle, indent_cm: float, hang_cm: float) -> None:
    """Text at `indent_cm`, the first line (number or label, then a tab) `hang_cm` before it;
    the explicit tab stop keeps LibreOffice, which ignores the implicit one, in line."""
    fmt = style.paragraph_format
    fmt.left_indent = Cm(indent_cm)
    fmt.first_line_indent = Cm(-hang_cm)
    fmt.tab_stops.add_tab_stop(Cm(indent_cm), WD_TAB_ALIGNMENT.LEFT)


def paragraph_xml(style: ParagraphStyle, tag: str, xml: str) -> None:
    """A pPr child python-docx has no API for (borders, shading), in schema order."""
    ppr = child_in_order(style.element, "w:pPr", STYLE_ORDER)
    ppr.replace(child_in_order(ppr, tag, PPR_ORDER), parse_xml(xml))


def base_styles(document: Document) -> None:
    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    look(normal, size=11)
    # Body text justified: Word spreads Chinese lines over every character, not only spaces.
    spacing(normal, 0, 6, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True

    for level, size, before, after in ((1, 16, 18, 9), (2, 14, 14, 6), (3, 12, 12, 6)):
        heading = paragraph_style(document, f"Heading {level}")
        look(heading, size=size, bold=True, color=ACCENT)
        spacing(heading, before, after, align=WD_ALIGN_PARAGRAPH.LEFT, keep_next=True)
    for level in range(4, 10):
        heading = paragraph_style(document, f"Heading {level}")
        look(heading, size=11, bold=True, color=GREY)
        spacing(heading, 9, 3, align=WD_ALIGN_PARAGRAPH.LEFT, keep_next=True)

    title = paragraph_style(document, "Title")
    look(title, size=24, bold=True, color=ACCENT)
    spacing(title, 48, 18, align=WD_ALIGN_PARAGRAPH.LEFT)
    subtitle = paragraph_style(document, "Subtitle")
    look(subtitle, size=15, color=GREY)
    spacing(subtitle, 0, 24, align=WD_ALIGN_PARAGRAPH.LEFT)
    numbering = subtitle.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if numbering is not None:  # python-docx's template numbers the subtitle: no
        subtitle.element.pPr.remove(numbering)
    meeting = paragraph_style(document, "Cover Meeting")
    look(meeting, size=11, color=GREY)
    spacing(meeting, 0, 2, align=WD_ALIGN_PARAGRAPH.LEFT)
    details = paragraph_style(document, "Cover Details")
    look(details, size=11)
    spacing(details, 12, 0, align=WD_ALIGN_PARAGRAPH.LEFT)

    toc_heading = paragraph_style(document, "TOC Heading", "Heading 1")
    toc_heading.hidden = False
    toc_heading.unhide_when_used = False
    for level in (1, 2, 3):
        toc = paragraph_style(document, f"toc {level}")
        toc.paragraph_format.left_indent = Cm(0.75 * (level - 1))
        spacing(toc, 3 if level == 1 else 0, 3, align=WD_ALIGN_PARAGRAPH.LEFT)
        # Page numbers at the right margin after a dotted leader, as Word's own TOC styles.
        toc.paragraph_format.tab_stops.add_tab_stop(
            TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )


def pack_styles(document: Document) -> None:
    note = paragraph_style(document, "Editorial Note")
    look(note, size=10.5)
    spacing(note, 3, 12, keep_next=True)  # never alone at a page's foot
    note.paragraph_format.left_indent = Cm(0.3)
    note.paragraph_format.right_indent = Cm(0.3)
    paragraph_xml(
        note,
        "w:pBdr",
        f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="18" w:space="8" '
        'w:color="1F4E79"/></w:pBdr>',
    )
    paragraph_xml(
        note, "w:shd", f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="F2F2F2"/>'
    )

    excerpt = paragraph_style(document, "Excerpt")
    # Justified as Normal. Kept with the next paragraph: its items and its citation never
    # start the next page.
    spacing(excerpt, 0, 3, keep_next=True)
    hanging(excerpt, 1.0, 1.0)
    item = paragraph_style(document, "Excerpt Item", "Excerpt")
    hanging(item, 2.0, 1.0)
    citation = paragraph_style(document, "Citation")
    look(citation, size=9, color=GREY)
    spacing(citation, 0, 9, align=WD_ALIGN_PARAGRAPH.RIGHT)

    parallel_heading = paragraph_style(document, "Parallel Heading")
    look(parallel_heading, size=11, bold=True, color=GREY)
    spacing(parallel_heading, 0, 6, keep_next=True)
    parallel = paragraph_style(document, "Parallel Text")
    look(parallel, size=10.5)
    spacing(parallel, 0, 3)
    parallel_item = paragraph_style(document, "Parallel Item", "Parallel Text")
    hanging(parallel_item, 0.8, 0.8)

    table_heading = paragraph_style(document, "Table Heading")
    look(table_heading, size=10, bold=True)
    spacing(table_heading, 0, 0, align=WD_ALIGN_PARAGRAPH.LEFT, keep_next=True)
    table_text = paragraph_style(document, "Table Text")
    look(table_text, size=10)
    # Start alignment: a term in a narrow cell would spread its few words apart.
    spacing(table_text, 0, 0, align=WD_ALIGN_PARAGRAPH.LEFT)

    for name, align in (
        ("Header", WD_ALIGN_PARAGRAPH.RIGHT),
        ("Footer", WD_ALIGN_PARAGRAPH.CENTER),
    ):
        furniture = paragraph_style(document, name)
        look(furniture, size=9, color=GREY)
        spacing(furniture, 0, 0, align=align)

    footnote_text = paragraph_style(document, "footnote text")
    footnote_text.style_id = "FootnoteText"
    look(footnote_text, size=9)
    spacing(footnote_text, 0, 2)
    reference = character_style(document, "footnote reference", "FootnoteReference")
    reference.font.superscript = True
    link = character_style(document, "Hyperlink", "Hyperlink")
    look(link, color=LINK)
    link.font.underline = True
    look(character_style(document, "Gloss"), color=GREY)
    look(character_style(document, "Missing Text"), italic=True, color=LIGHT_GREY)

    styles_root = document.styles.element
    for xml in (_GLOSSARY_TABLE, _PARALLEL_TABLE):
        styles_root.append(parse_xml(xml))


def font_styles(document: Document) -> None:
    """The fonts of each script, as character styles a user restyles in Word."""
    for face in OFFICE_TYPEFACES:
        for role in ("body", "heading"):
            style = character_style(document, font_style_name(face, role))
            style.hidden = False
            style.priority = 99
            rpr = child_in_order(style.element, "w:rPr", STYLE_ORDER)
            set_fonts(rpr, face, role)


def tidy_package(document: Document) -> None:
    """Drop what python-docx's own template carries and a reference does not need: a
    thumbnail of an empty page, Word 2010's copy of the styles, 150 table styles."""
    package_rels = document.part.package.rels
    for rel in [r for r in package_rels.values() if r.reltype == RT.THUMBNAIL]:
        del package_rels[rel.rId]
    for rel in [r for r in document.part.rels.values() if r.reltype == _STYLES_WITH_EFFECTS]:
        del document.part.rels[rel.rId]
    styles_root = document.styles.element
    for style in styles_root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        label = "" if name is None else name.get(qn("w:val"), "")
        if style.get(qn("w:type")) == "table" and label not in _KEPT_TABLE_STYLES:
            styles_root.remove(style)


PAGE_WIDTH, MARGIN = Cm(21.0), Cm(2.3)
TEXT_WIDTH = Cm(21.0 - 2 * 2.3)


def page_setup(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_WIDTH, Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = MARGIN
    section.header_distance = section.footer_distance = Cm(1.2)


def settings(document: Document) -> None:
    root = document.settings.element
    spacing_control = root.find(qn("w:characterSpacingControl"))
    if spacing_control is not None:  # Chinese punctuation set half-width where it meets more
        spacing_control.set(qn("w:val"), "compressPunctuation")
    tab = root.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), "420")
    theme_font_lang(root, DEFAULT_TYPEFACE)
    part = footnotes_part(document.part)
    declare_separators(root, separator_ids(part.element))


SAMPLES = (
    ("Cover Meeting", "Cover Meeting：会议信息 Meeting block"),
    ("Title", "Title：简报标题 Pack title"),
    ("Subtitle", "Subtitle：副标题 Subtitle"),
    ("Cover Details", "Cover Details：编写单位和日期 Prepared by, date"),
    ("TOC Heading", "TOC Heading：目录 Contents"),
    ("Heading 1", "Heading 1：章节标题 Section heading"),
    ("Editorial Note", "Editorial Note：编者按语。Editorial note."),
    ("Heading 2", "Heading 2：原文标题 Source heading"),
    ("Heading 3", "Heading 3：原文标题 Source heading"),
    ("Heading 4", "Heading 4：原文标题 Source heading"),
    (
        "Excerpt",
        "1.\tExcerpt：摘录段落样式的示例文字，段落编号悬挂在左侧，正文对齐；生成简报时，本文件的"
        "正文会被替换，只保留样式。Sample text of the Excerpt style.",
    ),
    ("Excerpt Item", "(a)\tExcerpt Item：分项样式的示例文字。Sample text of a lettered item."),
    ("Citation", "Citation：出处 Source"),
    ("Parallel Heading", "Parallel Heading：并列标题 Parallel heading"),
    ("Parallel Text", "Parallel Text：并列段落 Parallel text"),
    ("Parallel Item", "(a)\tParallel Item：并列分项 Parallel item"),
    ("Body Text", "Body Text：附件说明 Annex introduction"),
    ("Table Heading", "Table Heading：表头 Table heading"),
    ("Table Text", "Table Text：表格文字 Table text"),
)


def samples(document: Document) -> None:
    for style, text in SAMPLES:
        paragraph = document.add_paragraph(style=style)
        for number, piece in enumerate(text.split("\t")):
            if number:
                paragraph.add_run().add_tab()
            paragraph.add_run(piece)
    for table_style, cells in (
        ("Glossary Table", (("中文", "English"), ("术语", "term"))),
        ("Parallel Table", (("段", "中文", "English"), ("1.", "并列段落", "Parallel text"))),
    ):
        table = document.add_table(rows=len(cells), cols=len(cells[0]), style=table_style)
        for row, values in zip(table.rows, cells, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.paragraphs[0].style = document.styles["Table Text"]
                cell.paragraphs[0].add_run(value)
        document.add_paragraph(f"{table_style}", style="Body Text")
    paragraph = document.add_paragraph(style="Normal")
    for style, text in (
        ("Hyperlink", "Hyperlink"),
        ("Gloss", "（Gloss）"),
        ("Missing Text", "Missing Text"),
        ("Emphasis", "Emphasis"),
        ("Strong", "Strong"),
    ):
        paragraph.add_run(text, style=style)
        paragraph.add_run(" ")


def build() -> bytes:
    document = docx.Document()
    tidy_package(document)
    page_setup(document)
    base_styles(document)
    pack_styles(document)
    font_styles(document)
    apply_typeface(document.styles.element, DEFAULT_TYPEFACE)
    settings(document)
    samples(document)
    props = document.core_properties
    props.title = "assembler reference document"
    props.author = "assembler"
    props.last_modified_by = "assembler"
    props.comments = "Styles for assembler DOCX packs: restyle them in Word, keep their names."
    out = io.BytesIO()
    document.save(out)
    return stable_zip(out.getvalue())


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else DEFAULT_OUT
    write_bytes(out, build())
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
