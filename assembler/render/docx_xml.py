"""WordprocessingML element helpers: creating children in the order the schema demands (Word
reports a file as corrupt when, say, w:lang comes before w:rFonts) and text Word accepts."""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml import etree

# Characters XML 1.0 forbids (lxml raises on them) and C1-like controls no reader wants; tab and
# newline stay: runs turn them into w:tab and w:br.
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

# Child order of w:rPr (CT_RPr), w:style (CT_Style) and the tail of w:settings (CT_Settings)
# from ECMA-376 part 1; only the elements this package inserts need their successors here.
RPR_ORDER = (
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
STYLE_ORDER = (
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
)
SETTINGS_TAIL_ORDER = (
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)


def clean(text: str) -> str:
    """Text without the control characters python-docx and lxml refuse."""
    return _UNWANTED.sub("", text)


def sub(parent: etree._Element, tag: str, attrs: dict[str, str] | None = None) -> etree._Element:
    """A new last child `tag` ("w:p") with attributes given by prefixed names ("r:id").
    Made through the parent so that it reuses the document's namespace prefixes."""
    child = etree.SubElement(parent, qn(tag))
    for name, value in (attrs or {}).items():
        child.set(qn(name), value)
    return child


def block(container: etree._Element, tag: str) -> etree._Element:
    """A new block (w:p, w:tbl) at the end of a body, cell, header or footnote; in a body it
    goes before the final w:sectPr, which must stay last."""
    child = sub(container, tag)
    if len(container) > 1 and container[-2].tag == qn("w:sectPr"):
        container[-2].addprevious(child)
    return child


def child_in_order(parent: etree._Element, tag: str, order: tuple[str, ...]) -> etree._Element:
    """The existing child `tag` of parent, else a new one placed before its first successor
    in `order` (the schema's sequence)."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    successors = {qn(name) for name in order[order.index(tag) + 1 :]}
    following = next((c for c in parent if c.tag in successors), None)
    child = sub(parent, tag)
    if following is not None:
        following.addprevious(child)
    return child


def paragraph(container: etree._Element, style_id: str) -> etree._Element:
    """A new paragraph of `style_id` at the end of a container."""
    p = block(container, "w:p")
    sub(sub(p, "w:pPr"), "w:pStyle", {"w:val": style_id})
    return p


def page_break_before(p: etree._Element) -> None:
    """Start a paragraph made by paragraph() on a new page: w:pageBreakBefore follows w:pStyle
    (keepNext and keepLines, which sit between them, come from styles here)."""
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    assert style is not None, "paragraph() always sets a style"
    style.addnext(etree.Element(qn("w:pageBreakBefore")))
