"""Real Word footnotes: the footnotes part (with the separator notes Word expects), its
relationship from the document, the settings entry naming the separators, and footnotes
written in reading order. python-docx 1.2 has no footnote API."""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from assembler.model.pack import Footnote
from assembler.render.docx_inline import Inline, run, spans
from assembler.render.docx_xml import SETTINGS_TAIL_ORDER, child_in_order, paragraph, sub

_SEPARATORS = ("separator", "continuationSeparator")

# What Word itself writes: a rule above the notes, and a full-width one when notes continue
# from the previous page; no spacing, so the rule sits close to the notes.
_DEFAULT_SEPARATORS = f"""<w:footnotes {nsdecls("w", "r")}>
  <w:footnote w:type="separator" w:id="-1"><w:p><w:pPr>
    <w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:r><w:separator/></w:r></w:p></w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr>
    <w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
    <w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
</w:footnotes>"""


def footnotes_part(document_part: Part) -> XmlPart:
    """A fresh footnotes part for the document, holding only separator notes: the reference's
    own separators when it has a footnotes part (Word always writes one), else Word's
    defaults. The reference's other notes (samples a user typed) are dropped."""
    root = parse_xml(_DEFAULT_SEPARATORS)
    old = next((r for r in document_part.rels.values() if r.reltype == RT.FOOTNOTES), None)
    if old is not None:
        theirs = parse_xml(old.target_part.blob)
        kept = [n for n in theirs.iterfind(qn("w:footnote")) if n.get(qn("w:type")) in _SEPARATORS]
        if kept:
            for note in list(root):
                root.remove(note)
            root.extend(kept)
        document_part.drop_rel(old.rId)
    part = XmlPart(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, root, document_part.package)
    document_part.relate_to(part, RT.FOOTNOTES)
    return part


def separator_ids(footnotes_root: etree._Element) -> list[int]:
    return [
        int(n.get(qn("w:id"), "0"))
        for n in footnotes_root.iterfind(qn("w:footnote"))
        if n.get(qn("w:type")) in _SEPARATORS
    ]


def declare_separators(settings_root: etree._Element, ids: list[int]) -> None:
    """settings.xml's w:footnotePr names the separator notes, as Word writes it."""
    properties = child_in_order(settings_root, "w:footnotePr", SETTINGS_TAIL_ORDER)
    for old in properties.findall(qn("w:footnote")):
        properties.remove(old)
    for ident in ids:
        sub(properties, "w:footnote", {"w:id": str(ident)})


@dataclass
class FootnoteWriter:
    """Adds footnotes to the footnotes part in the order they are referenced; Word numbers
    them by the position of their references, so that order is the reading order."""

    root: etree._Element
    ctx: Inline  # for the footnotes' own runs: relationships on the footnotes part
    next_id: int = field(default=1)

    @classmethod
    def on(cls, part: XmlPart, ctx: Inline) -> FootnoteWriter:
        ids = separator_ids(part.element)
        return cls(part.element, ctx, max([0, *ids]) + 1)

    def __call__(self, note: Footnote, lang: str) -> int:
        ident = self.next_id
        self.next_id += 1
        holder = sub(self.root, "w:footnote", {"w:id": str(ident)})
        p = paragraph(holder, self.ctx.styles.para("footnote text"))
        mark = sub(p, "w:r")
        sub(sub(mark, "w:rPr"), "w:rStyle", {"w:val": self.ctx.styles.char("footnote reference")})
        sub(mark, "w:footnoteRef")
        run(p, " ", self.ctx)
        spans(p, note.runs, self.ctx, lang, "body")
        return ident
