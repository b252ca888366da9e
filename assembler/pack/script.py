"""Script conversion, a transform on the pack model: every Chinese string a reader sees
(record text, footnotes, items, headings, editorial notes, citations, cover, annex, document
metadata) goes through one converter, which protects UN terms. English passages and glosses
are left alone; symbols pass through unchanged because the engine leaves Latin text as it is.
Labels (and the annex's heading, intro and column headers) are not converted: they come from
the catalog of the pack's locale already."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assembler.model.pack import (
    Annex,
    Block,
    CrossReference,
    EditorialNote,
    Excerpt,
    Footnote,
    Item,
    Pack,
    Passage,
    Runs,
    Section,
    Span,
    Table,
)

Convert = Callable[[str], str]


def _span(span: Span, convert: Convert) -> Span:
    if span.lang and not span.lang.startswith("zh"):
        return span  # an English gloss inside Chinese text
    note = span.note
    if note is not None:
        note = Footnote(note.mark, _runs(note.runs, convert))
    return replace(span, text=convert(span.text), note=note)


def _runs(runs: Runs, convert: Convert) -> Runs:
    return tuple(_span(span, convert) for span in runs)


def _passage(passage: Passage, convert: Convert, chinese: set[str]) -> Passage:
    if passage.lang not in chinese:
        return passage
    return replace(
        passage,
        runs=_runs(passage.runs, convert),
        items=tuple(Item(item.label, _runs(item.runs, convert)) for item in passage.items),
    )


def _block(block: Block, convert: Convert, chinese: set[str]) -> Block:
    # A pointer back quotes a section heading, converted wherever it is shown: in every column.
    langs = {p.lang for p in block.passages} if isinstance(block, CrossReference) else chinese
    passages = tuple(_passage(p, convert, langs) for p in block.passages)
    if isinstance(block, Excerpt):
        citation = replace(block.citation, text=convert(block.citation.text))
        return replace(block, citation=citation, passages=passages)
    return replace(block, passages=passages)


def _section(section: Section, convert: Convert, chinese: set[str]) -> Section:
    note = section.note
    if note is not None:
        note = EditorialNote(tuple(_runs(p, convert) for p in note.paragraphs))
    return replace(
        section,
        heading=convert(section.heading),
        note=note,
        blocks=tuple(_block(b, convert, chinese) for b in section.blocks),
    )


def _annex(annex: Annex, convert: Convert, chinese: set[str]) -> Annex:
    table = annex.table
    columns = [lang in chinese for lang in table.langs]
    rows = tuple(
        tuple(
            convert(cell) if is_chinese else cell
            for cell, is_chinese in zip(row, columns, strict=True)
        )
        for row in table.rows
    )
    return replace(annex, table=Table(table.headers, rows, table.langs))


def convert_pack(pack: Pack, convert: Convert) -> Pack:
    chinese = {t.lang for t in pack.typefaces if t.east_asian}
    if not chinese:
        return pack
    cover = pack.cover
    meta = pack.meta
    return replace(
        pack,
        meta=replace(
            meta,
            title=convert(meta.title),
            author=convert(meta.author),
            subject=convert(meta.subject),
        ),
        cover=replace(
            cover,
            title=convert(cover.title),
            subtitle=convert(cover.subtitle),
            meeting=tuple(convert(line) for line in cover.meeting),
            prepared_by=convert(cover.prepared_by),
        ),
        running_header=convert(pack.running_header),
        sections=tuple(_section(s, convert, chinese) for s in pack.sections),
        annex=_annex(pack.annex, convert, chinese) if pack.annex else None,
    )
