"""Inline content of DOCX paragraphs: runs tagged with their language and fonts, hyperlinks,
fields, bookmarks and footnote references (python-docx has no API for the last four)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree

from assembler.model.pack import Footnote, Pack, Runs, Typeface
from assembler.render.docx_styles import Role, Styles, family
from assembler.render.docx_xml import clean, sub

# Adds a footnote whose text is in the given language; returns the id to reference it by.
NoteSink = Callable[[Footnote, str], int]

_BREAKS = re.compile(r"(\t|\n)")
# Word breaks lines after "/" and at spaces, and has no "nowrap": a symbol span, which the
# model says is never broken, gets a WORD JOINER (U+2060, zero width, no break) after each
# "/" and NO-BREAK SPACEs for its spaces ("A/60/825", "第 61/181 号决议" stay on one line).
_UNBREAKABLE = str.maketrans({"/": "/\u2060", " ": "\u00a0"})


@dataclass(frozen=True)
class Inline:
    """What writing runs needs: the part that owns hyperlink relationships (the document, or
    the footnotes part for runs inside footnotes), the styles, the pack's typefaces and where
    footnotes go (None inside a footnote)."""

    part: Part
    styles: Styles
    pack: Pack
    notes: NoteSink | None


@dataclass(frozen=True)
class Look:
    """A run's character style id, its language (BCP 47; "" for the paragraph's own) and
    whether it sits in body text or a heading (which picks the font family)."""

    style: str = ""
    lang: str = ""
    role: Role = "body"


def run(parent: etree._Element, text: str, ctx: Inline, look: Look = Look()) -> etree._Element:
    r = sub(parent, "w:r")
    _run_props(r, ctx, look)
    for piece in _BREAKS.split(clean(text)):
        if piece == "\t":
            sub(r, "w:tab")
        elif piece == "\n":
            sub(r, "w:br")
        elif piece:
            t = sub(r, "w:t")
            t.text = piece
            if piece != piece.strip():
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return r


def spans(parent: etree._Element, runs: Runs, ctx: Inline, lang: str, role: Role) -> None:
    """The runs of a passage, a footnote or an editorial note, in `lang` unless a span says
    otherwise."""
    for span in runs:
        look = Look(lang=span.lang or lang, role=role)
        if span.kind == "note":
            if span.note is not None and ctx.notes is not None:
                note_reference(parent, ctx.notes(span.note, span.lang or lang), ctx)
        elif span.kind == "symbol":
            text = span.text.translate(_UNBREAKABLE)
            if span.href:
                hyperlink(parent, span.href, text, ctx, look)
            else:
                run(parent, text, ctx, look)
        elif span.kind == "link" and span.href:
            hyperlink(parent, span.href, span.text, ctx, look)
        elif span.kind in _CHARACTER_STYLES:
            run(
                parent,
                span.text,
                ctx,
                replace(look, style=ctx.styles.char(_CHARACTER_STYLES[span.kind])),
            )
        else:
            run(parent, span.text, ctx, look)


_CHARACTER_STYLES = {"gloss": "Gloss", "emphasis": "Emphasis", "strong": "Strong"}


def hyperlink(
    parent: etree._Element, href: str, text: str, ctx: Inline, look: Look = Look()
) -> None:
    rid = ctx.part.relate_to(clean(href), RT.HYPERLINK, is_external=True)
    link = sub(parent, "w:hyperlink", {"r:id": rid, "w:history": "1"})
    run(link, text, ctx, replace(look, style=ctx.styles.char("Hyperlink")))


def note_reference(parent: etree._Element, note_id: int, ctx: Inline) -> None:
    r = sub(parent, "w:r")
    sub(sub(r, "w:rPr"), "w:rStyle", {"w:val": ctx.styles.char("footnote reference")})
    sub(r, "w:footnoteReference", {"w:id": str(note_id)})


def field_start(parent: etree._Element, instruction: str, dirty: bool = False) -> None:
    """The start of a field Word computes (PAGE, TOC ...); what follows until field_end is
    what it shows until it does. A dirty field is recomputed when the file is opened."""
    begin = {"w:fldCharType": "begin"} | ({"w:dirty": "true"} if dirty else {})
    sub(sub(parent, "w:r"), "w:fldChar", begin)
    instr = sub(sub(parent, "w:r"), "w:instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    sub(sub(parent, "w:r"), "w:fldChar", {"w:fldCharType": "separate"})


def field_end(parent: etree._Element) -> None:
    sub(sub(parent, "w:r"), "w:fldChar", {"w:fldCharType": "end"})


def field(
    parent: etree._Element, instruction: str, shown: str, ctx: Inline, dirty: bool = False
) -> None:
    """A field in one paragraph, showing `shown` until Word computes it."""
    field_start(parent, instruction, dirty)
    run(parent, shown, ctx)
    field_end(parent)


def anchor_link(
    parent: etree._Element, anchor: str, text: str, ctx: Inline, look: Look = Look()
) -> None:
    """A link to a bookmark of the document (a section heading)."""
    link = sub(parent, "w:hyperlink", {"w:anchor": clean(anchor), "w:history": "1"})
    run(link, text, ctx, look)


def bookmark(p: etree._Element, ident: int, name: str) -> None:
    """Enclose a paragraph's content in a bookmark (after its w:pPr)."""
    start = etree.Element(qn("w:bookmarkStart"))
    start.set(qn("w:id"), str(ident))
    start.set(qn("w:name"), clean(name))
    p.insert(1 if p.find(qn("w:pPr")) is not None else 0, start)
    sub(p, "w:bookmarkEnd", {"w:id": str(ident)})


def _run_props(r: etree._Element, ctx: Inline, look: Look) -> None:
    rpr = sub(r, "w:rPr")
    if look.style:
        sub(rpr, "w:rStyle", {"w:val": look.style})
    face = ctx.pack.typeface(look.lang)
    # A language the pack has no typeface for stays untagged: tagging it with the main
    # language's Word code would be wrong.
    if look.lang and face.lang == look.lang:
        fonts = _run_fonts(face, ctx.pack.typefaces[0], look.role)
        if fonts:
            sub(rpr, "w:rFonts", fonts)
        sub(rpr, "w:lang", {"w:eastAsia" if face.east_asian else "w:val": face.word_lang})
    if len(rpr) == 0:
        r.remove(rpr)


def _run_fonts(face: Typeface, main: Typeface, role: Role) -> dict[str, str]:
    """Fonts a run needs beyond its style's (which carry the main typeface). East Asian runs
    get the eastAsia hint: Word then sets shared punctuation (“ ” — …) in the East Asian font,
    as Chinese text needs."""
    if face.east_asian:
        fonts = {"w:hint": "eastAsia"}
        if face != main:
            fonts["w:eastAsia"] = family(face, role)
        return fonts
    if face == main:
        return {}
    return {"w:ascii": family(face, role), "w:hAnsi": family(face, role)}
