"""Lines of glyphs read back from a PDF (pypdfium2), and how many non-final body lines of a
pack end flush with the right margin: the figure justified Chinese is measured by (the tests
of tests/render and `python -m bench.typography`).

A body line is a line of 10.5 pt text; it is non-final when the next line on the page is body
text at the paragraph's line pitch (a new paragraph, item or citation comes after a larger
gap), so a paragraph's last line and a page's last line are never counted.
"""

from __future__ import annotations

import ctypes
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

BODY_SIZE = 10.5  # pt, pack.css `html { font-size }`
LINE_PITCH = BODY_SIZE * 1.65  # pack.css `html { line-height }`
PX = 0.75  # pt: WeasyPrint sets font sizes in CSS px under a pt page transform
LEFT_MARGIN = 22 / 25.4 * 72  # pt: pack.css's 22 mm page margins
RIGHT_MARGIN = 595.28 - LEFT_MARGIN  # A4 width in pt, less the margin
# pt: pack.css `.editorial-note` border and padding: where a note's lines start and end.
NOTE_LEFT, NOTE_RIGHT = 2 + 9, 9
FLUSH = 0.15  # em: a line ending closer than this to the margin (or a note's edge) is flush
_SAME = 0.5  # pt: tolerance for "same baseline", "same pitch"


@dataclass(frozen=True)
class Line:
    """One line of glyphs: its page, baseline, font size, extent and text."""

    page: int
    baseline: float
    size: float
    left: float
    right: float
    text: str

    def shortfall(self) -> float:
        """How far short of the right margin (an editorial note's right edge for a line of a
        note) the line ends, in em."""
        in_note = abs(self.left - LEFT_MARGIN - NOTE_LEFT) < _SAME
        return (RIGHT_MARGIN - NOTE_RIGHT * in_note - self.right) / self.size


@dataclass(frozen=True)
class Glyph:
    """A visible character: its baseline (PDF y, upwards), the extent of its advance (the
    loose box, so that "，" at the margin counts as reaching it) and its font size in pt."""

    baseline: float
    left: float
    right: float
    char: str
    size: float


def page_glyphs(page: pdfium.PdfPage) -> list[Glyph]:
    text = page.get_textpage()
    out = []
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if char.strip():
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharOrigin(text.raw, index, x, y)
            left, _, right, _ = text.get_charbox(index, loose=True)
            size = round(pdfium_c.FPDFText_GetFontSize(text.raw, index) * PX, 2)
            out.append(Glyph(y.value, left, right, char, size))
    return out


def _page_lines(number: int, page: pdfium.PdfPage) -> list[Line]:
    rows: dict[float, list[Glyph]] = {}
    for glyph in page_glyphs(page):
        key = next((k for k in rows if abs(k - glyph.baseline) < _SAME), glyph.baseline)
        rows.setdefault(key, []).append(glyph)
    made = []
    for origin, row in rows.items():
        sizes = [glyph.size for glyph in row]
        size = max(set(sizes), key=sizes.count)  # a gloss or a footnote call is not the line's
        row.sort(key=lambda glyph: glyph.left)
        text = "".join(glyph.char for glyph in row)
        made.append(Line(number, -origin, size, row[0].left, max(g.right for g in row), text))
    return sorted(made, key=lambda line: line.baseline)


def lines(pdf: Path) -> Iterator[Line]:
    document = pdfium.PdfDocument(pdf)
    try:
        for number in range(len(document)):
            yield from _page_lines(number, document[number])
    finally:
        document.close()


def continued_body_lines(all_lines: Sequence[Line]) -> list[Line]:
    """The body lines followed, on the same page, by another body line at the line pitch
    (the cover, page 1, has none)."""
    body = [line for line in all_lines if abs(line.size - BODY_SIZE) < 0.05 and line.page]
    return [
        line
        for line, following in itertools.pairwise(body)
        if line.page == following.page
        and abs(following.baseline - line.baseline - LINE_PITCH) < _SAME
    ]


def flush_share(pdf: Path) -> tuple[int, int]:
    """(flush lines, non-final body lines) of a PDF."""
    candidates = continued_body_lines(list(lines(pdf)))
    return sum(line.shortfall() < FLUSH for line in candidates), len(candidates)


def short_last_lines(pdf: Path, most: int = 2) -> list[str]:
    """The last lines of multi-line body paragraphs holding at most `most` characters."""
    body = [line for line in lines(pdf) if abs(line.size - BODY_SIZE) < 0.05 and line.page]
    return [
        following.text
        for line, following in itertools.pairwise(body)
        if line.page == following.page
        and abs(following.baseline - line.baseline - LINE_PITCH) < _SAME
        and len(following.text) <= most
    ]


def glyphs(pdf: bytes) -> list[tuple[float, float, float, str]]:
    """(baseline, left, right, character) of every visible glyph of the first page."""
    document = pdfium.PdfDocument(pdf)
    try:
        found = page_glyphs(document[0])
    finally:
        document.close()
    return [(round(g.baseline, 1), g.left, g.right, g.char) for g in found]
