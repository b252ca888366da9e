"""Two things WeasyPrint 70 gets wrong, corrected after layout as a typesetter would:
- a footnote belongs on the page of its reference, but WeasyPrint moves footnotes of a page to
  the next one to make room for a line that orphans/widows would otherwise push over
  (layout/block.py, "first try to report footnotes"), even notes of earlier paragraphs: the
  paragraph it made room for starts a new page instead. The PDF writer now keeps WeasyPrint
  from doing that during layout (render/footnote_breaks.py), so this finds nothing on the
  packs measured; it stays for a note that still lands on a later page;
- a side-by-side row that avoids breaking but is taller than the room left goes to the next
  page and breaks there anyway, leaving a gap: such a row may break where it starts.

A correction is a CSS declaration on an element, and the document is laid out again from its
HTML. (Laying out the box tree already built again, with the declaration set on the element's
boxes, would save a third of that pass, but WeasyPrint leaves state on the boxes it lays out:
on a side-by-side pack the result differed from a fresh render by antialiasing on two pages,
so it is not done.) Before footnote_breaks.py, a whole-corpus pack needed one such pass: 44%
of its PDF's time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]

# A pack rarely needs more than one or two rounds of corrections.
MAX_RELAYOUTS = 6
Box = Any  # WeasyPrint's layout boxes and elements (untyped)


def _flow(box: Box, block: Box = None) -> Iterator[tuple[Box, Box]]:
    """Every box of the page's main flow (not margin boxes or the footnote area) with the
    block it belongs to: the table row for content of a table, else the nearest block
    with an element."""
    if isinstance(box, boxes.MarginBox | boxes.FootnoteAreaBox):
        return
    if isinstance(box, boxes.TableRowBox):
        block = box
    elif isinstance(box, boxes.BlockBox) and box.element is not None:
        block = block if isinstance(block, boxes.TableRowBox) else box
    yield box, block
    for child in getattr(box, "children", ()):
        yield from _flow(child, block)


@dataclass
class _Layout:
    """Where things landed, by page index."""

    pages: dict[Box, list[int]] = field(default_factory=dict)  # block element -> its pages
    last_block: list[Box] = field(default_factory=list)  # block of each page's last line
    calls: dict[Box, int] = field(default_factory=dict)  # footnote element -> page of call
    bodies: dict[Box, int] = field(default_factory=dict)  # footnote element -> page of body


def survey(pages: list[Box]) -> _Layout:
    """Where the blocks, lines and footnotes of laid-out `pages` (page boxes) landed."""
    layout = _Layout()
    for index, root in enumerate(pages):
        last = None
        for box, block in _flow(root):
            if block is not None and index not in layout.pages.setdefault(block.element, []):
                layout.pages[block.element].append(index)
            if isinstance(box, boxes.LineBox) and block is not None:
                last = block.element
            if getattr(box, "footnote", None) is not None:
                layout.calls.setdefault(box.footnote.element, index)
        layout.last_block.append(last)
        for area in root.children:
            if isinstance(area, boxes.FootnoteAreaBox):
                layout.bodies.update((note.element, index) for note in area.children)
    return layout


Fix = tuple[Box, str]  # an element and the CSS declaration it gets


def _footnote_fixes(layout: _Layout) -> list[Fix]:
    """A page whose footnotes went to a later page: the block holding its last line (the one
    WeasyPrint made room for) starts a new page, if it starts on this one."""
    pages = {page for note, page in layout.calls.items() if layout.bodies.get(note) != page}
    blocks = (layout.last_block[page] for page in sorted(pages))
    return [
        (block, "break-before: page")
        for page, block in zip(sorted(pages), blocks, strict=True)
        if block is not None and layout.pages[block][0] == page
    ]


def _tall_row_fixes(layout: _Layout) -> list[Fix]:
    """Side-by-side rows avoid breaking, so a row taller than the page room left first moves
    to the next page, then breaks anyway: let such rows start where they are."""
    return [
        (element, "break-inside: auto")
        for element, pages in layout.pages.items()
        if element.tag == "tr" and element.get("class") == "pair" and len(pages) > 1
    ]


def fixes(pages: list[Box]) -> list[Fix]:
    """The corrections laid-out `pages` (page boxes) need that their elements lack."""
    layout = survey(pages)
    return [
        (element, rule)
        for element, rule in (*_footnote_fixes(layout), *_tall_row_fixes(layout))
        if rule not in (element.get("style") or "")
    ]


def corrected(source: Any, document: Any, options: dict[str, Any]) -> Any:
    """`document` (laid out from `source`, WeasyPrint's HTML) with the corrections it needs,
    each round laid out again from the HTML."""
    for _ in range(MAX_RELAYOUTS):
        needed = fixes([page._page_box for page in document.pages])  # no public API for boxes
        if not needed:
            return document
        for element, rule in needed:
            element.set("style", f"{element.get('style') or ''}{rule};")
        document = source.render(**options)
    return document
