"""The DOCX writer: a pack rendered on a styled reference document (the reference-template
mechanism of pandoc's reference.docx: its styles, page set-up, header/footer parts and
footnote separators are kept, its body is replaced). Every word shown comes from the pack.

Structure: cover (Title, Subtitle, meeting block), contents (a TOC field Word fills on open),
sections (Heading 1, editorial note, excerpts with their original paragraph numbers, items as
their own paragraphs, citations), the annex table; side-by-side packs put each run of
excerpts in a table, one row per paragraph, a column per language.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from lxml import etree

from assembler.errors import AssemblerError
from assembler.model.pack import (
    Annex,
    Block,
    Citation,
    Cover,
    CrossReference,
    Excerpt,
    Pack,
    PageField,
    Passage,
    Section,
    SourceHeading,
)
from assembler.render.docx_footnotes import (
    FootnoteWriter,
    declare_separators,
    footnotes_part,
    separator_ids,
)
from assembler.render.docx_inline import (
    Inline,
    Look,
    anchor_link,
    bookmark,
    field,
    field_end,
    field_start,
    hyperlink,
    run,
    spans,
)
from assembler.render.docx_package import (
    set_properties,
    stable_zip,
    theme_font_lang,
    update_fields_on_open,
)
from assembler.render.docx_styles import Role, Styles, apply_typeface, office_typeface
from assembler.render.docx_xml import block, page_break_before, paragraph, sub
from assembler.render.registry import RenderContext, Rendered

TOC_INSTRUCTION = r'TOC \o "1-3" \h \z \u'
_FIELD_NAMES = {"page": "PAGE", "pages": "NUMPAGES"}
_NUMBER_COLUMN_TWIPS = 700  # the paragraph-number column of side-by-side tables, ~1.2 cm
_TWIPS_PER_EMU = 1 / 635


def render_docx(pack: Pack, reference: Path) -> bytes:
    """The pack as a .docx file built on `reference`; the same pack gives the same bytes."""
    document = _open_reference(reference)
    styles_root = document.styles.element
    styles = Styles.read(styles_root, reference)
    # The pack's typefaces name the PDF's embedded fonts: Word takes each script's from the
    # reference document instead, where users restyle them.
    pack = replace(
        pack, typefaces=tuple(office_typeface(styles_root, styles, t) for t in pack.typefaces)
    )
    apply_typeface(styles_root, pack.typefaces[0])
    settings = document.settings.element
    notes_part = footnotes_part(document.part)
    declare_separators(settings, separator_ids(notes_part.element))
    notes = FootnoteWriter.on(notes_part, Inline(notes_part, styles, pack, None))
    ctx = Inline(document.part, styles, pack, notes)

    body = document.element.body
    _clear(body)
    section = document.sections[0]
    width = _text_width(section, reference)
    _cover(body, pack.cover, ctx)
    _contents(body, pack, ctx)
    for index, part in enumerate(pack.sections):
        _section(body, part, index, ctx, width, first=index == 0)
    if pack.annex is not None:
        _annex(body, pack.annex, len(pack.sections), ctx, width)
    _page_furniture(section, pack, ctx)

    set_properties(document.core_properties, pack.meta)
    update_fields_on_open(settings)
    theme_font_lang(settings, pack.typefaces[0])
    out = io.BytesIO()
    document.save(out)
    return stable_zip(out.getvalue())


def _clear(body: etree._Element) -> None:
    """Drop the reference's sample content; its final w:sectPr (page set-up) stays."""
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


def _open_reference(reference: Path) -> Document:
    if not reference.is_file():
        raise AssemblerError(
            "reference document not found",
            path=reference,
            hint="make one with `.venv/bin/python scripts/make_reference_docx.py`",
        )
    try:
        return docx.Document(str(reference))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        raise AssemblerError(
            f"not a Word document (.docx): {error}",
            path=reference,
            hint="save it from Word as .docx, or make a fresh one with "
            "`.venv/bin/python scripts/make_reference_docx.py`",
        ) from None


def _text_width(section: DocxSection, reference: Path) -> int:
    """The width between the margins, in twips (tables need absolute column widths)."""
    page, left, right = section.page_width, section.left_margin, section.right_margin
    if page is None or left is None or right is None:
        raise AssemblerError(
            "the reference document does not set its page size and margins",
            path=reference,
            hint="set them in Word (Layout > Size, Margins) and save",
        )
    return round((page - left - right) * _TWIPS_PER_EMU)


def _text(container: etree._Element, style: str, text: str, ctx: Inline) -> etree._Element:
    """A paragraph of the pack's own words (labels, headings): in the main language, which
    the styles carry, so its run needs no language of its own."""
    p = paragraph(container, style)
    run(p, text, ctx)
    return p


def _cover(body: etree._Element, cover: Cover, ctx: Inline) -> None:
    for line in cover.meeting:
        _text(body, ctx.styles.para("Cover Meeting"), line, ctx)
    _text(body, ctx.styles.para("Title"), cover.title, ctx)
    if cover.subtitle:
        _text(body, ctx.styles.para("Subtitle"), cover.subtitle, ctx)
    for line in (cover.prepared_by, cover.date):
        if line:
            _text(body, ctx.styles.para("Cover Details"), line, ctx)


def _contents(body: etree._Element, pack: Pack, ctx: Inline) -> None:
    heading = _text(body, ctx.styles.para("TOC Heading"), pack.labels.contents, ctx)
    page_break_before(heading)
    # The field's result is filled in already: the headings, linked to their bookmarks, so
    # that readers whose program does not update fields (LibreOffice) still get contents;
    # Word replaces them when it updates the field on opening. Page numbers are those of the
    # PDF rendered alongside, when there is one (Word's pages may differ by one here and
    # there: its fonts and line breaks are its own); else Word's update brings them.
    last = paragraph(body, ctx.styles.para("Normal"))
    field_start(last, TOC_INSTRUCTION, dirty=True)
    run(last, pack.labels.toc_hint, ctx)
    entries = [(s.heading, s.anchor) for s in pack.sections]
    if pack.annex is not None:
        entries.append((pack.annex.heading, pack.annex.anchor))
    pages = dict(pack.anchor_pages)
    for text, anchor in entries:
        if anchor in pages:
            last = paragraph(body, ctx.styles.para("toc 1"))
            anchor_link(last, anchor, f"{text}\t{pages[anchor]}", ctx)
        else:
            last = paragraph(body, ctx.styles.para("Normal"))
            anchor_link(last, anchor, text, ctx)
    field_end(last)


def _section(
    body: etree._Element, section: Section, index: int, ctx: Inline, width: int, first: bool
) -> None:
    heading = _text(body, ctx.styles.para("Heading 1"), section.heading, ctx)
    bookmark(heading, index, section.anchor)
    if first:
        page_break_before(heading)
    if section.note is not None:
        for runs in section.note.paragraphs:
            spans(paragraph(body, ctx.styles.para("Editorial Note")), runs, ctx, "", "body")
    if ctx.pack.side_by_side:
        _parallel_blocks(body, section.blocks, ctx, width)
    else:
        for item in section.blocks:
            if isinstance(item, SourceHeading):
                _source_heading(body, item, ctx)
            else:
                _excerpt(body, item, ctx)


def _number(number: str | None) -> str:
    return f"{number}." if number else ""


def _passage(
    p: etree._Element,
    passage: Passage,
    ctx: Inline,
    role: Role = "body",
    pointer: CrossReference | None = None,
) -> None:
    """A passage's text, or its localised notice when this language has no text; the
    pointer of a cross-reference links the section it points to."""
    if pointer is not None:
        text = "".join(span.text for span in passage.runs)
        anchor_link(p, pointer.anchor, text, ctx, Look(lang=passage.lang))
    elif passage.missing:
        run(p, passage.missing, ctx, Look(style=ctx.styles.char("Missing Text")))
    else:
        spans(p, passage.runs, ctx, passage.lang, role)


def _items(container: etree._Element, passage: Passage, style: str, ctx: Inline) -> None:
    for item in passage.items:
        p = paragraph(container, style)
        run(p, f"{item.label}\t", ctx, Look(lang=passage.lang))
        spans(p, item.runs, ctx, passage.lang, "body")


def _citation(container: etree._Element, citation: Citation, ctx: Inline) -> None:
    p = paragraph(container, ctx.styles.para("Citation"))
    if citation.href:
        hyperlink(p, citation.href, citation.text, ctx)
    else:
        run(p, citation.text, ctx)


def _excerpt(body: etree._Element, excerpt: Excerpt, ctx: Inline) -> None:
    """Number, tab, text: the Excerpt style's hanging indent keeps the number in the margin
    and the text aligned."""
    passage = excerpt.passages[0]
    p = paragraph(body, ctx.styles.para("Excerpt"))
    run(p, f"{_number(excerpt.number)}\t", ctx)
    _passage(p, passage, ctx, pointer=_pointer(excerpt))
    _items(body, passage, ctx.styles.para("Excerpt Item"), ctx)
    _citation(body, excerpt.citation, ctx)


def _pointer(excerpt: Excerpt) -> CrossReference | None:
    return excerpt if isinstance(excerpt, CrossReference) else None


def _heading_style(level: int, ctx: Inline) -> str:
    """Source headings sit below the section's Heading 1."""
    return ctx.styles.para(f"Heading {min(level + 1, 9)}")


def _source_heading(body: etree._Element, heading: SourceHeading, ctx: Inline) -> None:
    p = paragraph(body, _heading_style(heading.level, ctx))
    if heading.label:
        run(p, f"{heading.label} ", ctx)
    _passage(p, heading.passages[0], ctx)
    for other in heading.passages[1:]:
        _passage(paragraph(body, ctx.styles.para("Parallel Heading")), other, ctx)


def _parallel_blocks(
    body: etree._Element, blocks: Sequence[Block], ctx: Inline, width: int
) -> None:
    """Runs of excerpts become tables; source headings stand between them, full width."""
    pending: list[Excerpt] = []
    for item in [*blocks, None]:
        if isinstance(item, Excerpt):
            pending.append(item)
            continue
        if pending:
            _parallel_table(body, pending, ctx, width)
            pending = []
        if item is not None:
            _source_heading(body, item, ctx)


def _parallel_table(
    body: etree._Element, excerpts: Sequence[Excerpt], ctx: Inline, width: int
) -> None:
    pack = ctx.pack
    columns = len(pack.columns)
    each = (width - _NUMBER_COLUMN_TWIPS) // columns
    widths = [_NUMBER_COLUMN_TWIPS, *([each] * columns)]
    table = _table(body, ctx.styles.table("Parallel Table"), widths)
    header = _row(table, widths, repeat=True)
    for cell, text in zip(header, (pack.labels.number, *pack.column_headers), strict=True):
        _text(cell, ctx.styles.para("Table Heading"), text, ctx)
    text_style = ctx.styles.para("Parallel Text")
    item_style = ctx.styles.para("Parallel Item")
    for excerpt in excerpts:
        number, *cells = _row(table, widths, repeat=False)
        _text(number, text_style, _number(excerpt.number), ctx)
        for cell, passage in zip(cells, excerpt.passages, strict=True):
            _passage(paragraph(cell, text_style), passage, ctx, pointer=_pointer(excerpt))
            _items(cell, passage, item_style, ctx)
        _citation(cells[0], excerpt.citation, ctx)


def _annex(body: etree._Element, annex: Annex, index: int, ctx: Inline, width: int) -> None:
    heading = _text(body, ctx.styles.para("Heading 1"), annex.heading, ctx)
    page_break_before(heading)
    bookmark(heading, index, annex.anchor)
    if annex.intro:
        _text(body, ctx.styles.para("Body Text"), annex.intro, ctx)
    table = annex.table
    count = len(table.headers)
    widths = [width // count] * count
    grid = _table(body, ctx.styles.table("Glossary Table"), widths)
    heading_style = ctx.styles.para("Table Heading")
    for cell, text in zip(_row(grid, widths, repeat=True), table.headers, strict=True):
        _text(cell, heading_style, text, ctx)
    text_style = ctx.styles.para("Table Text")
    for values in table.rows:
        for cell, text, lang in zip(
            _row(grid, widths, repeat=False), values, table.langs, strict=True
        ):
            run(paragraph(cell, text_style), text, ctx, Look(lang=lang))


def _table(body: etree._Element, style: str, widths: Sequence[int]) -> etree._Element:
    """A full-width table with fixed column widths (tblPr children in schema order)."""
    table = block(body, "w:tbl")
    properties = sub(table, "w:tblPr")
    sub(properties, "w:tblStyle", {"w:val": style})
    sub(properties, "w:tblW", {"w:w": str(sum(widths)), "w:type": "dxa"})
    sub(properties, "w:tblLayout", {"w:type": "fixed"})
    sub(
        properties,
        "w:tblLook",
        {
            "w:val": "0620",
            "w:firstRow": "1",
            "w:lastRow": "0",
            "w:firstColumn": "0",
            "w:lastColumn": "0",
            "w:noHBand": "1",
            "w:noVBand": "1",
        },
    )
    grid = sub(table, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", {"w:w": str(width)})
    return table


def _row(table: etree._Element, widths: Sequence[int], repeat: bool) -> list[etree._Element]:
    """A row that does not break across pages; `repeat` makes it a header row, repeated at
    the top of every page the table runs onto."""
    row = sub(table, "w:tr")
    properties = sub(row, "w:trPr")
    sub(properties, "w:cantSplit")
    if repeat:
        sub(properties, "w:tblHeader")
    cells = []
    for width in widths:
        cell = sub(row, "w:tc")
        sub(sub(cell, "w:tcPr"), "w:tcW", {"w:w": str(width), "w:type": "dxa"})
        cells.append(cell)
    return cells


def _page_furniture(section: DocxSection, pack: Pack, ctx: Inline) -> None:
    """Running header and "page X of Y" footer on every page but the cover."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    header = section.header.part.element
    footer = section.footer.part.element
    for root in (header, footer):
        for child in list(root):
            root.remove(child)
    _text(header, ctx.styles.para("Header"), pack.running_header, ctx)
    p = paragraph(footer, ctx.styles.para("Footer"))
    for piece in pack.labels.page_of:
        if isinstance(piece, PageField):
            field(p, _FIELD_NAMES[piece.name], "1", ctx)
        else:
            run(p, piece, ctx)


def write(pack: Pack, context: RenderContext) -> Rendered:
    """The registry's entry (assembler.render.registry): the DOCX on templates/reference.docx."""
    with context.stage("docx"):
        return Rendered(render_docx(pack, context.templates / "reference.docx"))
