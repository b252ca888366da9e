"""PDF sources: the text layer read with its positions and fonts (pdf_chars), the cover into
metadata (pdf_cover), page furniture counted and removed, footnotes and body lines told apart,
two-column pages read column by column (pdf_page), then the body's lines joined into blocks,
one line each, as the parser reads them (`Extraction.lines_are_blocks`):

- a paragraph starts where the layout starts one: a line set further in than the one before
  (a first-line indent), a hanging label with a tab after it ("1.", "(a)", "II."), a change
  between bold and regular or of size (headings), a gap wider than the lines', a line set far
  to the right (a signature, "50th plenary meeting"), a table row (its cells joined by " | "),
  "Annex" on its own, or after a line that stops short of the right margin with a sentence or
  clause ended; a paragraph runs on across page and column breaks;
- wrapped lines join with a space; a hyphen at a line end is kept ("high-" + "level"), as UN
  documents are set without hyphenation, unless the document itself writes the word whole and
  never with the hyphen ("rec-" + "ommendation");
- a footnote follows the paragraph that cites it, under a rule, as "mark  text", and its raised
  mark stays in the paragraph as superscript digits glued to the word before it, where the
  parser looks for it ("2018³⁴" is the year and note 34, which "201834" could not say).

A text layer that reads poorly (an old scan's OCR) is ingested with a warning saying how much
of it does not look like words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]

from assembler.corpus.readers import Extraction
from assembler.corpus.readers.pdf_chars import Page, Segment, read_pages
from assembler.corpus.readers.pdf_cover import read_cover
from assembler.corpus.readers.pdf_page import (
    BodyLine,
    Note,
    Piece,
    body_size,
    columns,
    find_furniture,
    find_notes,
    pieces,
)
from assembler.errors import AssemblerError
from assembler.text.symbols import is_symbol, normalise_symbol

# Labels that hang before a paragraph or item, set off by a tab from its text.
_LABEL = re.compile(r"^(?:\d{1,3}\.|\([a-z]{1,3}\)|\([ivx]+\)|[IVX]{1,6}\.|[A-Z]\.)$")
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_ANNEX = re.compile(r"^(?:Annex|Appendix|Enclosure|Attachment)(?:\s+[IVX\d]+)?$")
_LEADER = re.compile(r"(?:\.\s?){5,}")
_ENDS_BLOCK = tuple('.:;,!?”’")]')
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Poor text layer: the share of tokens that no English word has the shape of (see
# `_odd_token`). Measured on the eleven UN PDFs of tests/data/un-pdf: at most 0.1% for the
# born-digital ones, 1.2% for the OCR of the 1990 scan.
_ODD_TOKEN_LIMIT = 0.005


@dataclass
class Paragraph:
    lines: list[BodyLine] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def read(path: Path, data: bytes) -> Extraction:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise AssemblerError(
                "the PDF is encrypted: it opens only with a password",
                path=path,
                hint="save a copy without the password (e.g. `qpdf --decrypt in.pdf out.pdf`)"
                " and put that in the sources",
            ) from exc
        raise AssemblerError(
            f"not a readable PDF ({str(exc).removeprefix('Failed to load document ')})",
            path=path,
            hint="the file is damaged or not a PDF: download it again, or open it in a viewer",
        ) from exc
    try:
        pages = read_pages(document)
    finally:
        document.close()
    return extract(pages)


def extract(pages: list[Page]) -> Extraction:
    if not pages:
        return Extraction("")
    body = body_size(pages)
    cover = read_cover(pages[0], body)
    furniture = find_furniture(pages, body, cover.segments)
    furniture_chars: Counter[str] = Counter()
    for page in pages:
        for segment in page.segments:
            reason = furniture.get(id(segment))
            if reason is not None:
                furniture_chars[reason] += len(segment.text.replace(" ", ""))
    if cover.rest:
        furniture_chars["cover"] += cover.rest
    if "symbol" not in cover.meta:
        # No symbol legible on the cover (an old scan's): the running headers repeat it.
        headers = Counter(
            s.text.rstrip("*")
            for page in pages
            for s in page.segments
            if furniture.get(id(s)) == "running-header" and is_symbol(s.text.rstrip("*"))
        )
        if headers:
            cover.meta["symbol"] = normalise_symbol(headers.most_common(1)[0][0])
    lines: list[BodyLine] = []
    notes: list[Note] = []
    for page in pages:
        layout = find_notes(page, body, furniture)
        notes += layout.notes
        skip = cover.segments | set(furniture) | layout.note_segments | layout.rules
        kept = [s for s in page.segments if id(s) not in skip]
        lines += _body_lines(kept, page)
    paragraphs = _paragraphs(lines)
    _place_notes(paragraphs, notes)
    words = _document_words(lines)
    out: list[str] = []
    for paragraph in paragraphs:
        out.append(_paragraph_text(paragraph, words))
        if paragraph.notes:
            out.append("__________")
            out += [f"{_superscript(note.mark)}  {note.text}".strip() for note in paragraph.notes]
    text = "\n\n".join(out) + "\n"
    warnings = _quality(text)
    return Extraction(
        text, dict(sorted(furniture_chars.items())), cover.meta, warnings, lines_are_blocks=True
    )


def _body_lines(segments: list[Segment], page: Page) -> list[BodyLine]:
    ordered = columns(segments, page.width)
    if not ordered:
        return []
    half = page.width / 2 - 6
    # Two columns when both halves hold lines of their own.
    two = sum(s.x1 <= half + 12 for s in ordered) >= 5 and sum(s.x0 >= half for s in ordered) >= 5
    # The text column's edges: where most lines of its column start and end (most lines are
    # full).
    edges: dict[bool, tuple[float, float]] = {}
    for side in (False, True):
        same = [s for s in ordered if (s.x0 >= half) == side or not two]
        if same:
            starts = Counter(round(s.x0) for s in same).most_common(1)[0][0]
            ends = Counter(round(s.x1) for s in same).most_common(1)[0][0]
            edges[side] = (float(starts), float(ends))
    found: list[BodyLine] = []
    for row in _rows(ordered):
        first = row[0]
        left, right = edges[first.x0 >= half]
        cells: list[Piece] = []
        for segment in row:
            if cells:
                cells.append(Piece(" | "))  # cells of a table row, as the Word reader sets them
            cells += pieces(segment)
        found.append(BodyLine(first, cells, min(left, first.x0), right, row[-1].x1, len(row)))
    return found


def _rows(ordered: list[Segment]) -> list[list[Segment]]:
    """Consecutive segments on one baseline: a table's row (or a cover's) is one line."""
    rows: list[list[Segment]] = []
    for segment in ordered:
        if rows and abs(rows[-1][0].y - segment.y) < segment.size * 0.3:
            rows[-1].append(segment)
        else:
            rows.append([segment])
    return rows


def _hanging_label(before: BodyLine, line: BodyLine) -> bool:
    """Whether the line opens with a label ("1.", "(a)", "II.") followed by a tab: wider than
    a justified line's spaces, or (a paragraph number of three digits leaves the tab little
    room) after a line that ended a sentence."""
    chars = line.segment.chars
    size = line.segment.size
    word_end = next((i for i, c in enumerate(chars) if c.text == " "), None)
    if word_end is None:
        return False
    label = "".join(c.text for c in chars[:word_end])
    if not _LABEL.match(label):
        return False
    after = next((c for c in chars[word_end:] if c.text.strip()), None)
    if after is None:
        return False
    if after.x0 - chars[word_end - 1].x1 > size:
        return True
    return label[0].isdigit() and before.text.endswith((".", ":"))


def _starts_paragraph(before: BodyLine, line: BodyLine) -> bool:
    a, b = before.segment, line.segment
    size = max(b.size, 1.0)
    a_bold, b_bold = a.share("bold") >= 0.5, b.share("bold") >= 0.5
    if before.cells > 1 or line.cells > 1:
        return True  # a table row is a line of its own
    if a_bold != b_bold or abs(a.size - b.size) > 0.6:
        return True
    if _hanging_label(before, line) or _LEADER.search(before.text) or _LEADER.search(line.text):
        return True  # a label opens a paragraph; a line with dot leaders is a list entry
    if _ANNEX.match(before.text) or _ANNEX.match(line.text):
        return True  # "Annex" stands above its title on a line of its own
    indent_a, indent_b = a.x0 - before.left, b.x0 - line.left
    width = max(line.right - line.left, 1.0)
    far_a, far_b = indent_a > width * 0.3, indent_b > width * 0.3
    if far_a or far_b:
        # Lines set far right ("50th plenary meeting" and its date, a signature) are a block
        # of their own.
        return far_a != far_b
    if indent_b > indent_a + size * 0.8:
        return True
    if a.page == b.page and b.y < a.y and a.y - b.y > a.size * 1.75:
        return True  # a blank line's gap (lines are set about 1.2 sizes apart)
    short = before.right - before.x1 > size * 4
    return short and not a_bold and before.text.endswith(_ENDS_BLOCK)


def _paragraphs(lines: list[BodyLine]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for position, line in enumerate(lines):
        if not paragraphs or _starts_paragraph(lines[position - 1], line):
            paragraphs.append(Paragraph())
        paragraphs[-1].lines.append(line)
    return paragraphs


def _place_notes(paragraphs: list[Paragraph], notes: list[Note]) -> None:
    """Each note after the paragraph whose raised mark cites it: on the note's page or, when
    the mark stands on the last line of a page, on the page before. A note whose mark is not
    found goes after the paragraph its page's text ends in (the parser then reports it)."""
    for note in notes:
        target: dict[int, Paragraph] = {}
        last_on_page = None
        for paragraph in paragraphs:
            for line in paragraph.lines:
                page = line.segment.page
                if page == note.page:
                    last_on_page = paragraph
                if page in (note.page, note.page - 1) and any(
                    p.mark and p.text == note.mark for p in line.pieces
                ):
                    target.setdefault(page, paragraph)
        found = target.get(note.page) or target.get(note.page - 1)
        chosen = found or last_on_page or (paragraphs[-1] if paragraphs else None)
        if chosen is None:
            paragraphs.append(Paragraph(notes=[note]))
        else:
            chosen.notes.append(note)


def _document_words(lines: list[BodyLine]) -> Counter[str]:
    words: Counter[str] = Counter()
    for line in lines:
        words.update(w.lower() for w in _WORD.findall(line.text))
    return words


def _join(left: str, right: str, words: Counter[str]) -> str:
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if left.endswith("-") and not left[:-1].endswith(" "):
        if left[-2:-1].isalpha() and right[0].isalpha():
            head = _WORD.findall(left[:-1])[-1]
            tail = _WORD.findall(right)[0]
            if words[(head + tail).lower()] and not words[f"{head}-{tail}".lower()]:
                return left[:-1] + right  # the layout broke a word the document writes whole
        return left + right
    return f"{left} {right}"


def _paragraph_text(paragraph: Paragraph, words: Counter[str]) -> str:
    text = ""
    for line in paragraph.lines:
        line_text = ""
        for piece in line.pieces:
            line_text += _superscript(piece.text) if piece.mark else piece.text
        if line.pieces and line.pieces[0].mark and text:
            text = text.rstrip() + line_text.lstrip()  # a mark carried to the next line
            continue
        text = _join(text, line_text, words)
    return " ".join(text.split())


def _superscript(mark: str) -> str:
    """A footnote mark as the PDF sets it, raised: superscript digits tell the parser that
    "2018³⁴" is the year 2018 and note 34, which "201834" cannot."""
    return mark.translate(_SUPERSCRIPTS)


def _quality(text: str) -> tuple[str, ...]:
    tokens = [t for t in text.split() if any(c.isalpha() for c in t)]
    if not tokens:
        return ()
    odd = [t for t in tokens if _odd_token(t)]
    share = len(odd) / len(tokens)
    if share <= _ODD_TOKEN_LIMIT:
        return ()
    examples = ", ".join(repr(t) for t in odd[:3])
    return (
        f"the PDF's text layer reads poorly (OCR of a scan?): {share:.1%} of its words are"
        f" garbled (e.g. {examples}); check the records against the PDF",
    )


_MARK_AFTER = re.compile(r"(?<=[,;:)”’.])\d{1,3}$|(?<=[a-z])\d{1,3}$")
_EDGE_PUNCTUATION = ".,;:!?()[]\"'“”‘’*"


def _odd_token(token: str) -> bool:
    """A token no English text has: a symbol inside a word ("ex%utioners", "kno;un"), a
    doubled hyphen, a full stop splitting a word ("i.ts"), letters and digits run together
    ("1921a") or lower case followed by capitals ("NabPus")."""
    core = token.rstrip("⁰¹²³⁴⁵⁶⁷⁸⁹").strip(_EDGE_PUNCTUATION)
    core = _MARK_AFTER.sub("", core).strip(_EDGE_PUNCTUATION)
    if not core:
        return False
    return bool(
        re.search(r"[^\w'’\-–/.]", core)
        or "--" in core
        or re.search(r"[a-z][A-Z]", core)
        or re.search(r"[a-z]\.[a-z]{2,}", core)
        or (
            re.search(r"[A-Za-z]\d|\d[A-Za-z]", core)
            and not re.fullmatch(r"\d+(?:st|nd|rd|th|s)", core)
        )
    )
