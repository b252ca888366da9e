"""Styles of the reference document: finding them by name, reading the fonts it gives each
script, and setting a typeface on the styles a pack uses (East Asian fonts through w:eastAsia,
which python-docx's `font.name` never writes)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from docx.oxml.ns import qn
from lxml import etree

from assembler.errors import AssemblerError
from assembler.model.pack import Typeface
from assembler.render.docx_xml import RPR_ORDER, STYLE_ORDER, child_in_order, sub

StyleType = Literal["paragraph", "character", "table"]
Role = Literal["body", "heading"]

# Styles whose text takes the heading typeface; Word links a character style ("heading 1
# char") to each, which must follow it. Names as stored in styles.xml, lower case.
HEADING_STYLES = frozenset(
    {f"heading {level}" for level in range(1, 10)}
    | {"title", "subtitle", "toc heading", "parallel heading"}
)
_THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme")
_FONT_STYLES = "font "


@dataclass(frozen=True)
class Styles:
    """Style ids of a reference document by (type, name). Names are matched without case, as
    Word does: a Word in another UI language keeps "heading 1" as the name but may change the
    id, so the writer never assumes an id."""

    ids: Mapping[tuple[str, str], str]
    source: Path

    @classmethod
    def read(cls, styles_root: etree._Element, source: Path) -> Styles:
        ids: dict[tuple[str, str], str] = {}
        for style in styles_root.iterfind(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is not None:
                key = (style.get(qn("w:type"), ""), name.get(qn("w:val"), "").lower())
                ids.setdefault(key, style.get(qn("w:styleId"), ""))
        return cls(ids, source)

    def get(self, kind: StyleType, name: str) -> str:
        try:
            return self.ids[(kind, name.lower())]
        except KeyError:
            raise AssemblerError(
                f"the reference document has no {kind} style named {name!r}",
                path=self.source,
                hint="add the style in Word, or make a fresh reference with "
                "`.venv/bin/python scripts/make_reference_docx.py`",
            ) from None

    def para(self, name: str) -> str:
        return self.get("paragraph", name)

    def char(self, name: str) -> str:
        return self.get("character", name)

    def table(self, name: str) -> str:
        return self.get("table", name)


def font_style_name(face: Typeface, role: Role) -> str:
    """The character style of the reference document that holds a script's fonts ("Font
    zh-CN Body"): keyed by Word's language of the typeface, so that a pack in that script
    takes what the user chose there."""
    return f"Font {face.word_lang} {role.title()}"


def _style_fonts(styles_root: etree._Element, styles: Styles, name: str) -> dict[str, str]:
    style_id = styles.char(name)
    style = next(
        s for s in styles_root.iterfind(qn("w:style")) if s.get(qn("w:styleId")) == style_id
    )
    fonts = style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    return {
        tag: "" if fonts is None else fonts.get(qn(tag), "") for tag in ("w:eastAsia", "w:ascii")
    }


def office_typeface(styles_root: etree._Element, styles: Styles, face: Typeface) -> Typeface:
    """`face` with the fonts the reference document's Font styles give its script: a DOCX is
    edited on office PCs, which have their own fonts, where the PDF embeds the pack's."""
    body = _style_fonts(styles_root, styles, font_style_name(face, "body"))
    heading = _style_fonts(styles_root, styles, font_style_name(face, "heading"))
    slot = "w:eastAsia" if face.east_asian else "w:ascii"
    chosen = replace(face, body=body[slot], heading=heading[slot], latin=body["w:ascii"])
    if not (chosen.body and chosen.heading and chosen.latin):
        raise AssemblerError(
            f"the reference document's styles {font_style_name(face, 'body')!r} and "
            f"{font_style_name(face, 'heading')!r} do not name their fonts",
            path=styles.source,
            hint="set their fonts in Word (Modify > Format > Font: Asian and Latin text font)",
        )
    return chosen


def role_of(style_name: str) -> Role:
    return "heading" if style_name.lower().removesuffix(" char") in HEADING_STYLES else "body"


def family(face: Typeface, role: Role) -> str:
    return face.heading if role == "heading" else face.body


def set_fonts(rpr: etree._Element, face: Typeface, role: Role) -> None:
    """Fonts of a style or the document defaults. Theme font attributes go: Word lets them
    override the explicit names."""
    fonts = child_in_order(rpr, "w:rFonts", RPR_ORDER)
    for name in _THEME_FONTS:
        if qn(name) in fonts.attrib:
            del fonts.attrib[qn(name)]
    if face.east_asian:
        fonts.set(qn("w:eastAsia"), family(face, role))
        # A CJK face whose Latin letters come from its body font: headings take theirs from
        # the heading font, so "2006" in a sans heading is not serif.
        latin = family(face, role) if face.latin == face.body else face.latin
    else:
        latin = family(face, role)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def set_lang(rpr: etree._Element, face: Typeface) -> None:
    lang = child_in_order(rpr, "w:lang", RPR_ORDER)
    lang.set(qn("w:eastAsia" if face.east_asian else "w:val"), face.word_lang)


def apply_typeface(styles_root: etree._Element, face: Typeface) -> None:
    """Put a pack's main typeface on the document defaults, Normal, every heading-like style
    and every style that names fonts or a language of its own (the reference's choices are
    defaults for packs, which choose their typefaces)."""
    defaults = styles_root.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = sub(styles_root, "w:docDefaults")
        styles_root.insert(0, defaults)
    rpr = _default_rpr(defaults)
    set_fonts(rpr, face, "body")
    set_lang(rpr, face)
    for style in styles_root.iterfind(qn("w:style")):
        name_el = style.find(qn("w:name"))
        name = "" if name_el is None else name_el.get(qn("w:val"), "")
        if name.lower().startswith(_FONT_STYLES):
            continue  # each script's own fonts, which packs read
        role = role_of(name)
        own = style.find(qn("w:rPr"))
        has_fonts = own is not None and own.find(qn("w:rFonts")) is not None
        has_lang = own is not None and own.find(qn("w:lang")) is not None
        if name.lower() == "normal" or role == "heading" or has_fonts:
            set_fonts(child_in_order(style, "w:rPr", STYLE_ORDER), face, role)
        if name.lower() == "normal" or has_lang:
            set_lang(child_in_order(style, "w:rPr", STYLE_ORDER), face)


def _default_rpr(defaults: etree._Element) -> etree._Element:
    holder = defaults.find(qn("w:rPrDefault"))
    if holder is None:
        holder = sub(defaults, "w:rPrDefault")
        defaults.insert(0, holder)
    rpr = holder.find(qn("w:rPr"))
    return rpr if rpr is not None else sub(holder, "w:rPr")
