"""A balanced cover title: a two-line title of 21 + 6 characters reads as a mistake; 14 + 13
is what a typesetter sets. WeasyPrint 70 has no `text-wrap: balance`, so the title is
measured before the pack is laid out: a probe document (the pack's styles and the cover
title, nothing else: a few hundredths of a second) sets it once as it comes and once as
narrow as it goes (the widest unbreakable piece), and the real title gets the width that
spreads its text evenly over the same number of lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]

Box = Any  # WeasyPrint's layout boxes (untyped)

# The cover and its title as pack.html.j2 writes them (the title's text is escaped).
_COVER = re.compile(r'<section class="cover">.*?(<h1 class="title">.*?</h1>)', re.DOTALL)
_NARROW = '<h1 class="title" style="position: absolute; width: 0">'
# Lines within this share of each other's width are balanced already.
_BALANCED = 0.8


def _line_widths(box: Box, tag: str) -> Iterator[list[float]]:
    """The widths of the lines of each `tag` block under `box`, in document order."""
    # Duck-typed: the narrow probe is absolutely positioned (so that its tall column of
    # lines does not push the natural title off the page), and WeasyPrint wraps such a box
    # in a placeholder that forwards its attributes.
    if getattr(box, "element_tag", None) == tag and not isinstance(box, boxes.LineBox):
        yield [
            max(child.position_x + child.margin_width() for child in line.children)
            - line.position_x
            for line in box.children
            if isinstance(line, boxes.LineBox) and line.children
        ]
        return
    for child in getattr(box, "children", ()):
        yield from _line_widths(child, tag)


def title_width(html: str, options: dict[str, Any], **source: Any) -> float | None:
    """The width (CSS px) that balances the cover title's lines, or None when it is on one
    line or balanced already. `source` and `options` are those of the pack's document."""
    found = _COVER.search(html)
    head = html.find("<body")
    if found is None or head < 0:
        return None
    narrow = found.group(1).replace('<h1 class="title">', _NARROW, 1)
    probe = f"{html[:head]}<body>{found.group()}{narrow}</section></body></html>"
    page = HTML(string=probe, **source).render(**options).pages[0]._page_box
    natural, narrowest = list(_line_widths(page, "h1"))
    if len(natural) < 2 or min(natural) >= _BALANCED * max(natural):
        return None
    # Greedy filling at this width leaves every line but the last at least its share of
    # the text, so the title keeps its number of lines and the last line its share.
    return sum(natural) / len(natural) + max(narrowest)


def balance_title(document: Any, width: float) -> None:
    """Give the cover title of `document` (WeasyPrint's HTML) a maximum width."""
    for element in document.etree_element.iter("h1"):
        if element.get("class") == "title":
            element.set("style", f"max-width: {width:.2f}px;")
