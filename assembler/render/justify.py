"""Inter-character justification of Chinese lines, an extension of WeasyPrint 70's own.

WeasyPrint justifies a line by widening its spaces only (layout/inline.py: `justify_line`),
so a line of Chinese, which has none, is never stretched, and a line mixing Chinese and digits
gets all its slack at the one space beside the digits. Chinese is justified the other way:
the leftover width is spread over the gaps between characters (CSS Text 3,
`text-justify: inter-character`). This module replaces `justify_line` so that every CJK
character of the line is an expansion opportunity like a space: each gets letter spacing
(Pango's attribute, half before and half after the character), spaces keep their word
spacing, and all opportunities get the same share. A line without CJK characters is
justified exactly as before, so English text keeps WeasyPrint's own behaviour.

Pango lays out each text box on its own and drops the outer half of the letter spacing at
the box's ends; at the ends of the line that is right (the text stays on the margins), inside
the line the box is moved by that half instead, so the gaps stay even across spans.

The two functions replaced are patched in only while a document is laid out and drawn
(`inter_character_justification`); written so that they could be offered upstream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]
from weasyprint.layout import inline  # type: ignore[import-untyped]
from weasyprint.text import line_break  # type: ignore[import-untyped]
from weasyprint.text.ffi import TO_UNITS, ffi, pango  # type: ignore[import-untyped]

from assembler.render.patching import patched

Box = Any  # WeasyPrint's layout boxes (untyped)

# Characters set solid on the em square: CJK punctuation, kana and ideographs, compatibility
# and full-width forms, the supplementary ideographic planes.
CJK = re.compile(
    "[\u2e80-\u303f\u3040-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]"
)

CJK_RUN = re.compile(f"{CJK.pattern}+")


# WeasyPrint's own functions, taken before any patching.
_upstream: dict[str, Any] = {
    "justify_line": inline.justify_line,
    "set_text": line_break.Layout.set_text,
}


def cjk_count(text: str) -> int:
    return len(CJK.findall(text))


def _text_boxes(box: Box) -> Iterator[Box]:
    """The line's text boxes in visual order (as `add_word_spacing` walks them)."""
    if isinstance(box, boxes.TextBox):
        if box.text:
            yield box
    elif isinstance(box, boxes.LineBox | boxes.InlineBox):
        children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
        for child in children:
            if child.is_in_normal_flow():
                yield from _text_boxes(child)


@dataclass
class _Line:
    """One line being justified: the spacing each opportunity gets and its end boxes."""

    spacing: float
    first: Box
    last: Box


def _edge_halves(text: str) -> tuple[bool, bool]:
    """Whether Pango drops half the spacing at the start and at the end of `text`."""
    return bool(CJK.match(text[0])), bool(CJK.match(text[-1]))


def opportunities(line: Box) -> float:
    """What the line can stretch by, in units of the spacing: each space and each CJK
    character counts one, less the outer halves at the line's two ends."""
    texts = list(_text_boxes(line))
    if not texts:
        return 0
    count = int(inline.count_expandable_spaces(line)) + sum(cjk_count(b.text) for b in texts)
    return count - 0.5 * _edge_halves(texts[0].text)[0] - 0.5 * _edge_halves(texts[-1].text)[1]


def justify_line(context: Any, line: Box, extra_width: float) -> None:
    """Spread `extra_width` evenly over the line's spaces and CJK characters."""
    if not any(cjk_count(box.text) for box in _text_boxes(line)):
        _upstream["justify_line"](context, line, extra_width)
        return
    count = opportunities(line)
    if count <= 0:
        return
    texts = list(_text_boxes(line))
    _spread(context, line, _Line(extra_width / count, texts[0], texts[-1]), 0)


def _spread(context: Any, box: Box, line: _Line, x_advance: float) -> float:
    """`add_word_spacing` with CJK letter spacing: moves and widens the boxes, returns the
    advance of what follows."""
    if isinstance(box, boxes.TextBox):
        if not box.text:
            box.position_x += x_advance
            return x_advance
        starts, ends = _edge_halves(box.text)
        half = line.spacing / 2
        if starts and box is not line.first:
            x_advance += half
        box.position_x += x_advance
        box.justification_spacing = line.spacing
        layout = line_break.create_layout(
            box.text, box.style, context, max_width=None, justification_spacing=line.spacing
        )
        layout.cjk_spacing = line.spacing
        layout.deactivate()
        box.pango_layout = layout
        spaces = inline.count_expandable_spaces(box)
        added = line.spacing * (spaces + cjk_count(box.text)) - half * (starts + ends)
        box.width += added
        x_advance += added
        if ends and box is not line.last:
            x_advance += half
        return x_advance
    if isinstance(box, boxes.LineBox | boxes.InlineBox):
        box.position_x += x_advance
        before = x_advance
        children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
        for child in children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, line, x_advance)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline: moved, not stretched
    return x_advance


def set_text(self: Any, text: str, justify: bool = False) -> None:
    """`Layout.set_text`, plus the line's letter spacing on each CJK character when the
    text is drawn justified."""
    _upstream["set_text"](self, text, justify)
    spacing = getattr(self, "cjk_spacing", 0)
    if not (justify and spacing):
        return
    attrs = pango.pango_layout_get_attributes(self.layout)
    if attrs == ffi.NULL:
        attrs = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    units = int(spacing * TO_UNITS)
    offset, done = 0, 0  # Pango indexes UTF-8 bytes
    # One attribute per run of CJK characters: Pango spaces every character of a range, and
    # pango_attr_list_change merges equal neighbours anyway, so the text is drawn the same
    # as with one attribute a character, for a fraction of the calls.
    for match in CJK_RUN.finditer(self.text):
        offset += len(self.text[done : match.start()].encode())
        done = match.start()
        attr = pango.pango_attr_letter_spacing_new(units)
        attr.start_index, attr.end_index = offset, offset + len(match.group().encode())
        pango.pango_attr_list_change(attrs, attr)
    pango.pango_layout_set_attributes(self.layout, attrs)


@contextmanager
def inter_character_justification() -> Iterator[None]:
    """WeasyPrint with CJK inter-character justification, for the duration of the block."""
    with (
        patched(inline, "justify_line", justify_line),
        patched(line_break.Layout, "set_text", set_text),
    ):
        yield
