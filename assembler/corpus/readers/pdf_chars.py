"""The characters of a PDF's text layer with what plain extraction throws away: where each
stands (its baseline and horizontal extent), its font size and whether its font is bold, italic
or a barcode. PDFium (pypdfium2) gives them one call a character; the calls are the reader's
cost (about 50 pages/s).

Characters become `Segment`s: runs on one baseline without a wide horizontal gap. A page's
header ("2/3" at the left, the job number at the right) or a cover row ("General Assembly" ...
"Distr.: General") is several segments of one row; a paragraph line is one."""

from __future__ import annotations

import ctypes
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

# PDFium writes a line-end hyphen as U+0002 (U+FFFE in a page's text read at once) and a soft
# hyphen as U+00AD; all are "-" printed.
_HYPHENS = {0x02: "-", 0xFFFE: "-", 0xAD: "-"}
# A gap wider than this many font sizes splits a row into segments (a tab inside a paragraph
# line, after "1.", is about 2-3 sizes; columns of a cover or a page's footer are far wider).
_SEGMENT_GAP = 4.0


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float
    bold: bool
    italic: bool
    barcode: bool


@dataclass
class Segment:
    """Characters on one baseline, left to right, in one run without a wide gap. Its
    measures are taken once, when it is complete."""

    page: int  # 0-based
    chars: list[Char] = field(default_factory=list)

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @cached_property
    def x1(self) -> float:
        return max(c.x1 for c in self.chars)

    @cached_property
    def y(self) -> float:
        """The baseline of the segment's main text (its raised marks aside)."""
        size = self.size
        return min((c.y for c in self.chars if c.size >= size * 0.9), default=self.chars[0].y)

    @cached_property
    def size(self) -> float:
        """The font size most of the segment's visible characters are set in."""
        sizes = Counter(round(c.size, 1) for c in self.chars if c.text.strip())
        return sizes.most_common(1)[0][0] if sizes else self.chars[0].size

    @cached_property
    def text(self) -> str:
        return "".join(c.text for c in self.chars).strip()

    def share(self, attribute: str) -> float:
        """The share of visible characters that are bold / italic / barcode."""
        return self._shares[attribute]

    @cached_property
    def _shares(self) -> dict[str, float]:
        visible = [c for c in self.chars if c.text.strip()] or self.chars
        return {
            name: sum(1 for c in visible if getattr(c, name)) / len(visible)
            for name in ("bold", "italic", "barcode")
        }


@dataclass
class Page:
    number: int  # 0-based
    width: float
    height: float
    segments: list[Segment]


def _font_flags(name: str) -> tuple[bool, bool, bool]:
    lowered = name.lower()
    bold = "bold" in lowered or "black" in lowered or "heavy" in lowered
    italic = "italic" in lowered or "oblique" in lowered
    return bold, italic, "barcode" in lowered


def page_chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    """The visible characters of a page in the text layer's order, with PDFium's generated
    spaces (word gaps) kept and its generated line breaks dropped (rows come from positions).

    Two calls a character (its text object, its box): the font, its size and its flags are
    looked up once per text object, the text of the page read in one call."""
    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(
        handle, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort))
    )
    codes = memoryview(buffer.raw[: count * 2]).cast("H")
    box = pdfium_c.FS_RECTF()
    objects: dict[int | None, tuple[float, bool, bool, bool]] = {}
    chars: list[Char] = []
    for index in range(count):
        code = codes[index]
        if code in (0x0D, 0x0A) or code == 0:
            continue
        text = _HYPHENS.get(code) or chr(code)
        if text == " " and chars:
            # Generated spaces carry no geometry of their own: they sit after the character
            # before them, in its font.
            before = chars[-1]
            chars.append(
                Char(
                    " ",
                    before.x1,
                    before.x1,
                    before.y,
                    before.size,
                    before.bold,
                    before.italic,
                    before.barcode,
                )
            )
            continue
        obj = ctypes.cast(pdfium_c.FPDFText_GetTextObject(handle, index), ctypes.c_void_p).value
        style = objects.get(obj)
        if style is None:
            style = objects[obj] = _style(handle, index)
        pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
        size, bold, italic, barcode = style
        # The loose box spans the font's ascent and descent: its bottom is one line for all
        # characters of a size on one baseline.
        chars.append(Char(text, box.left, box.right, box.bottom, size, bold, italic, barcode))
    return chars


def _style(handle: pdfium_c.FPDF_TEXTPAGE, index: int) -> tuple[float, bool, bool, bool]:
    """The printed size and the bold / italic / barcode flags of a character's font."""
    matrix = pdfium_c.FS_MATRIX()
    # Older producers set text at size 1 and scale it with the text matrix: the printed size
    # is the font size times the matrix's vertical scale.
    pdfium_c.FPDFText_GetMatrix(handle, index, matrix)
    size = pdfium_c.FPDFText_GetFontSize(handle, index) * math.hypot(matrix.c, matrix.d)
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(handle, index, name, 128, flags)
    return (size, *_font_flags(name.value.decode("latin-1")))


def _same_row(char: Char, row: list[Char]) -> bool:
    """Whether `char` continues `row`: a baseline within a third of a size of the row's (a raised
    footnote mark is within two thirds), and not far to the left of its last character."""
    last = row[-1]
    size = max(last.size, char.size, 1.0)
    if char.x0 < last.x0 - size:
        return False  # the text layer went back to the left margin: a new line
    return abs(char.y - last.y) <= size * 0.7


def segments(chars: list[Char], page: int) -> list[Segment]:
    """Rows of characters split at wide gaps, in reading order: top to bottom, left to right."""
    rows: list[list[Char]] = []
    for char in chars:
        if rows and _same_row(char, rows[-1]):
            rows[-1].append(char)
        else:
            rows.append([char])
    found: list[Segment] = []
    for row in rows:
        current = Segment(page)
        for char in row:
            if current.chars:
                last = next((c for c in reversed(current.chars) if c.text.strip()), None)
                size = max(char.size, 1.0)
                if (
                    last is not None
                    and char.text.strip()
                    and char.x0 - last.x1 > size * _SEGMENT_GAP
                ):
                    found.append(current)
                    current = Segment(page)
            current.chars.append(char)
        found.append(current)
    return _merge_rows([s for s in found if s.text])


def _merge_rows(found: list[Segment]) -> list[Segment]:
    """Segments from the top of the page (PDF y grows upwards), those whose baselines are within
    a third of a size as one row, left to right."""
    rows: list[list[Segment]] = []
    for segment in sorted(found, key=lambda s: -s.y):
        if rows and abs(rows[-1][0].y - segment.y) <= segment.size * 0.3:
            rows[-1].append(segment)
        else:
            rows.append([segment])
    return [s for row in rows for s in sorted(row, key=lambda s: s.x0)]


def open_document(data: bytes) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(data)


def read_pages(document: pdfium.PdfDocument) -> list[Page]:
    pages: list[Page] = []
    for number in range(len(document)):
        page = document[number]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                chars = page_chars(textpage)
            finally:
                textpage.close()
        finally:
            page.close()
        pages.append(Page(number, width, height, segments(chars, number)))
    return pages
