"""Word files (.docx): what Word knows of the document, as the clean text the corpus parser reads.

- One line a paragraph, in reading order; a soft line break or tab inside a paragraph is a
  space. Deleted revisions, hidden text, field codes and text boxes are not the paragraph's
  text; a table of contents (a TOC field or a contents control) repeats the headings, so it is
  left out, with its heading (the "TOC Heading" style).
- Automatic numbering: Word prints a numbered paragraph's label ("12.", "(a)", "II.", "一、")
  from numbering.xml, not from the text, so the label is computed (docx_numbering) and put
  before the text, where the parser looks for UN numbering. Typed numbers are already text.
- Footnotes: each note's mark at its place, and the notes a paragraph cites in a block under a
  separator rule right after it, as the parser reads footnotes at the foot of their page
  (docx_notes).
- Tables: a row of several cells is one line, its cells separated by " | " (a terminology or
  data table stays readable row by row); a table of one column is a layout box, its paragraphs
  lines of their own (as the cover tables of UN documents come out of a PDF).
- `meta`: the title from the core properties, and the document symbol when a line of the
  page headers or of the first lines of the text is a UN symbol (UN Word files carry it in
  the header).

The cover stays in the text, where the parser's front-matter rules read the session, dates,
agenda item and report type; so the Extraction does not say `lines_are_blocks` (which means the
reader kept the cover out of the text), and the parser still reads an unnumbered line after a
finished paragraph as its continuation unless a numbered block follows.

A file that is not a Word document (not a ZIP package, a damaged one, an encrypted file or a
Word 97-2003 .doc renamed) is refused with an AssemblerError saying what to do."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.opc.part import Part
from lxml import etree

from assembler.corpus.readers import Extraction
from assembler.corpus.readers.docx_notes import Footnotes, Note, block, note_texts, number_start
from assembler.corpus.readers.docx_numbering import Numbering, num_pr, w, wval
from assembler.errors import AssemblerError
from assembler.text.symbols import is_symbol, normalise_symbol

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# How many of the first lines may hold the document's symbol: the cover block.
SYMBOL_LINES = 12

# Children of a paragraph whose text is not the paragraph's: revisions deleted or moved away,
# properties, and the older rendering Markup Compatibility keeps beside the current one. (In a
# run, only the kinds `_Walker._run` names are text.)
_NOT_TEXT = frozenset({w("del"), w("moveFrom"), w("pPr"), f"{{{MC}}}Fallback"})
_SPACES = {w("tab"), w("br"), w("cr")}


def read(path: Path, data: bytes) -> Extraction:
    document = _open(path, data)
    part = document.part
    styles = _Styles(document.styles.element)
    numbering = Numbering(_related_root(part, RT.NUMBERING))
    settings = _related_root(part, RT.SETTINGS)
    body_pr = part.element.body.find(w("sectPr"))
    start = number_start(
        None if body_pr is None else body_pr.find(w("footnotePr")),
        None if settings is None else settings.find(w("footnotePr")),
    )
    texts = note_texts(_related_root(part, RT.FOOTNOTES), _Walker(styles, None).text)
    walker = _Walker(styles, Footnotes(texts, start))
    lines = list(walker.blocks(part.element.body, numbering))
    warnings = [f"footnote {ref} is cited but missing from the file" for ref in walker.lost]
    if walker.fields:
        # Word closes every field it opens; a file that does not lost the text after it.
        warnings.append("a field is never closed: the text after it may be missing")
    meta = _meta(document, styles, lines)
    # A word joiner (U+2060) only keeps a symbol on one line in Word (this project's packs put
    # one after each "/" of "A/RES/72/194"): layout, not text.
    text = "\n".join(lines).replace("\u2060", "") + "\n"
    return Extraction(text, meta=meta, warnings=tuple(warnings))


def _meta(document: DocxDocument, styles: _Styles, lines: list[str]) -> dict[str, str]:
    """The title from the core properties; the symbol from the page headers or the first lines
    of the text (each cell of a table row on its own), the first that is a UN symbol."""
    meta: dict[str, str] = {}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    headers = [
        _Walker(styles, None).text(p)
        for section in document.sections
        for header in (section.header, section.first_page_header)
        if not header.is_linked_to_previous
        for p in header._element.iter(w("p"))
    ]
    # A header sets the symbol beside the page number or the date, apart by tabs (spaces
    # here): each of its words is a candidate too.
    candidates = [
        *(word for line in headers for word in (line, *line.split())),
        *(cell.strip() for line in lines[:SYMBOL_LINES] for cell in line.split("|")),
    ]
    symbol = next((c for c in candidates if is_symbol(c)), None)
    if symbol is not None:
        meta["symbol"] = normalise_symbol(symbol)
    return meta


def _open(path: Path, data: bytes) -> DocxDocument:
    if data.startswith(OLE_MAGIC):
        # Both a Word 97-2003 file and an encrypted .docx are OLE compound files; only the
        # encrypted one holds an EncryptionInfo stream.
        if "EncryptionInfo".encode("utf-16-le") in data:
            raise AssemblerError(
                "the Word file is encrypted (password-protected)",
                path=path,
                hint="open it in Word, remove the password (File > Info > Protect Document)"
                " and save it again",
            )
        raise AssemblerError(
            "this is a Word 97-2003 document (.doc), not a .docx",
            path=path,
            hint="save it as .docx in Word or LibreOffice"
            " (libreoffice --headless --convert-to docx FILE)",
        )
    if not data.startswith(b"PK"):
        raise AssemblerError(
            "not a Word file: a .docx is a ZIP package and this file is not one",
            path=path,
            hint="save the document as .docx (or its text as .txt) and put that in sources/",
        )
    try:
        return docx.Document(io.BytesIO(data))
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        PackageNotFoundError,
        etree.XMLSyntaxError,
    ) as exc:
        raise AssemblerError(
            f"the Word file is damaged ({type(exc).__name__}: {exc})",
            path=path,
            hint="open it in Word, which can repair it, and save it again as .docx",
        ) from exc
    except ValueError as exc:
        # python-docx's word for a package of another kind (a .xlsx, a macro-enabled .docm).
        raise AssemblerError(
            f"not a Word document: {exc}",
            path=path,
            hint="save the document as .docx (Word Document) and put that in sources/",
        ) from exc


def _related_root(part: Part, reltype: str) -> etree._Element | None:
    """The XML of the part `part` relates to by `reltype`, or None when there is none."""
    try:
        related = part.part_related_by(reltype)
    except KeyError:
        return None
    root: etree._Element = etree.fromstring(related.blob)
    return root


class _Styles:
    """Paragraph styles by id: the w:pPr chain (the style's, then the styles it is based on),
    for numbering a style gives, and the styles that mark a table of contents."""

    def __init__(self, root: etree._Element) -> None:
        self._by_id: dict[str, etree._Element] = {}
        self.default: str | None = None
        for style in root.iterfind(w("style")):
            if style.get(w("type")) != "paragraph":
                continue
            key = style.get(w("styleId"), "")
            self._by_id[key] = style
            if style.get(w("default")) in ("1", "true", "on"):
                self.default = key

    def chain(self, style_id: str | None) -> Iterator[etree._Element | None]:
        seen: set[str] = set()
        key = style_id or self.default
        while key is not None and key in self._by_id and key not in seen:
            seen.add(key)
            style = self._by_id[key]
            yield style.find(w("pPr"))
            key = wval(style, "basedOn")

    def name(self, style_id: str | None) -> str:
        style = self._by_id.get(style_id or self.default or "")
        return (wval(style, "name") or "").lower() if style is not None else ""


def _is_contents(instruction: str) -> bool:
    return instruction.lstrip().upper().startswith("TOC")


def _style_id(p: etree._Element) -> str | None:
    return wval(p.find(w("pPr")), "pStyle")


class _Walker:
    """Reads body elements in order. Keeps what runs across paragraphs: an open field (a table
    of contents spans many), the footnotes' numbering, the notes cited since the last block."""

    def __init__(self, styles: _Styles, footnotes: Footnotes | None) -> None:
        self.styles = styles
        self.footnotes = footnotes
        self.fields: list[list[str]] = []  # open complex fields: [instruction, "code"|"result"]
        self.pending: list[Note] = []
        self.lost: list[str] = []

    def blocks(
        self, container: etree._Element, numbering: Numbering, in_cell: bool = False
    ) -> Iterator[str]:
        """The lines of `container`'s paragraphs and tables, each followed by the block of the
        notes it cites; in a table cell the notes wait for the end of the table, so that they
        do not land inside its row."""
        for child in container:
            if child.tag == w("p"):
                line = self.paragraph(child, numbering)
                if line:
                    yield line
            elif child.tag == w("tbl"):
                yield from self.table(child, numbering)
            elif child.tag == w("sdt"):
                gallery = child.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
                content = child.find(w("sdtContent"))
                contents = gallery is not None and gallery.get(w("val")) == "Table of Contents"
                if content is not None and not contents:
                    yield from self.blocks(content, numbering, in_cell)
            elif child.tag in (w("customXml"), w("ins"), w("moveTo")):
                yield from self.blocks(child, numbering, in_cell)
            if not in_cell and self.pending:
                yield from block(self.pending)
                self.pending = []

    def paragraph(self, p: etree._Element, numbering: Numbering) -> str:
        # The text is read even where it is left out: a table of contents is a field that
        # opens in one paragraph and closes in another.
        text = self.text(p)
        style = _style_id(p)
        name = self.styles.name(style)
        if name == "toc heading" or name.startswith("toc "):
            return ""
        found = num_pr([p.find(w("pPr")), *self.styles.chain(style)])
        label = None if found is None else numbering.label(*found, style or self.styles.default)
        if not text:
            return ""  # numbered all the same: Word counts an empty numbered paragraph
        return f"{label} {text}" if label else text

    def table(self, tbl: etree._Element, numbering: Numbering) -> Iterator[str]:
        grid = tbl.findall(f"{w('tblGrid')}/{w('gridCol')}")
        columns = len(grid) or max(
            (len(tr.findall(w("tc"))) for tr in tbl.iter(w("tr"))), default=0
        )
        for tr in tbl.iterfind(w("tr")):
            cells = []
            for tc in tr.iterfind(w("tc")):
                merge = tc.find(f"{w('tcPr')}/{w('vMerge')}")
                if merge is not None and merge.get(w("val")) != "restart":
                    continue  # the continuation of a cell merged down: empty
                cells.append(list(self.blocks(tc, numbering, in_cell=True)))
            if columns == 1:
                yield from (line for cell in cells for line in cell)
            elif any(cells):
                yield " | ".join(" ".join(cell) for cell in cells if cell)

    def text(self, p: etree._Element) -> str:
        out: list[str] = []
        self._collect(p, out)
        return " ".join("".join(out).split()) if out else ""

    def _collect(self, element: etree._Element, out: list[str]) -> None:
        for child in element:
            if child.tag == w("r"):
                self._run(child, out)
            elif child.tag == w("fldSimple") and _is_contents(child.get(w("instr")) or ""):
                continue
            elif child.tag not in _NOT_TEXT:
                # Hyperlinks, inserted revisions, simple fields, inline controls, smart tags.
                self._collect(child, out)

    def _run(self, run: etree._Element, out: list[str]) -> None:
        hidden = self._hidden(run)
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(["", "code"])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = "result"
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag == w("instrText"):
                if self.fields and self.fields[-1][1] == "code":
                    self.fields[-1][0] += child.text or ""
            elif hidden or self._suppressed():
                continue
            elif tag == w("t"):
                out.append(child.text or "")
            elif tag in _SPACES:
                if child.get(w("type")) not in ("page", "column"):
                    out.append(" ")
            elif tag == w("noBreakHyphen"):
                out.append("-")
            elif tag == w("footnoteReference"):
                out.append(self._reference(child))
            # Anything else in a run is not text: drawings and their text boxes, symbols
            # from symbol fonts (private-use code points), properties.

    def _suppressed(self) -> bool:
        """Inside a field's code, or inside a table of contents' result."""
        return any(kind == "code" or _is_contents(code) for code, kind in self.fields)

    @staticmethod
    def _hidden(run: etree._Element) -> bool:
        vanish = run.find(f"{w('rPr')}/{w('vanish')}")
        return vanish is not None and vanish.get(w("val"), "1") not in ("0", "false", "off")

    def _reference(self, ref: etree._Element) -> str:
        if self.footnotes is None:
            return ""
        run = ref.getparent()
        after = []
        if run is not None:
            later = False
            for sibling in run:
                if sibling is ref:
                    later = True
                elif later and sibling.tag == w("t"):
                    after.append(sibling.text or "")
        note = self.footnotes.reference(ref, "".join(after))
        if note is None:
            self.lost.append(ref.get(w("id"), "?"))
            return ""
        self.pending.append(note)
        # A custom mark is the run's own text, collected with it.
        return "" if ref.get(w("customMarkFollows")) in ("1", "true", "on") else note.mark
