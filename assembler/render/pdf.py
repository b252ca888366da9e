"""The PDF writer: the pack's HTML paginated by WeasyPrint.

Chinese lines are justified between their characters (render/justify.py) and the cover
title is balanced (render/balance.py). After layout, two things WeasyPrint 70 gets wrong are
corrected, as a typesetter would, and the document laid out again:
- a footnote belongs on the page of its reference, but WeasyPrint moves footnotes of a page to
  the next one to make room for a line that orphans/widows would otherwise push over
  (layout/block.py, "first try to report footnotes"), even notes of earlier paragraphs: the
  paragraph it made room for starts a new page instead;
- a side-by-side row that avoids breaking but is taller than the room left goes to the next
  page and breaks there anyway, leaving a gap: such a row may break where it starts.

Resources are read only from the template directory: the URL fetcher refuses every other
file and the network, and a refused URL stops the build with its name, so neither a template
nor a pack can make a build read /etc/passwd or call out.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.formatting_structure import boxes  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
from weasyprint.urls import (  # type: ignore[import-untyped]
    FatalURLFetchingError,
    URLFetcher,
    URLFetcherResponse,
)

from assembler.errors import AssemblerError
from assembler.model.pack import Pack
from assembler.render import html as html_writer
from assembler.render.balance import balance_title, title_width
from assembler.render.fontdata import deferred_font_data
from assembler.render.fonts import check_coverage
from assembler.render.justify import inter_character_justification
from assembler.render.registry import RenderContext, Rendered

__all__ = ["Marks", "RenderedPdf", "bookmarks", "check_coverage", "render_pdf"]

# The PDF's outline in reading order: each bookmark's label and its page index (0-based).
Marks = list[tuple[str, int]]


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


class RefusedURL(FatalURLFetchingError):  # type: ignore[misc]
    """A resource outside the template directory. Fatal: WeasyPrint would only log others."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def template_file(root: Path, url: str) -> Path:
    """The file inside `root` that `url` names, or RefusedURL."""
    try:
        parts = urlsplit(url)
    except ValueError as error:
        raise RefusedURL(url, "not a valid URL") from error
    if parts.scheme != "file":
        raise RefusedURL(url, "only files of the template directory are read, not the network")
    if parts.netloc not in ("", "localhost"):
        raise RefusedURL(url, "a file on another host")
    # resolve() follows symlinks and "..", so neither can lead out of the directory.
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(root):
        raise RefusedURL(url, f"outside the template directory {root}")
    if not path.is_file():
        raise RefusedURL(url, "no such file in the template directory")
    return path


class TemplateFetcher(URLFetcher):  # type: ignore[misc]
    def __init__(self, root: Path) -> None:
        super().__init__(fail_on_errors=True)
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            # Inline data reads nothing: let WeasyPrint decode it.
            return super().fetch(url, headers)
        path = template_file(self.root, url)
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})


# Each correction lays the whole document out again; a pack rarely needs more than one or two.
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


def _survey(document: Any) -> _Layout:
    layout = _Layout()
    for index, page in enumerate(document.pages):
        root = page._page_box  # no public API exposes the box tree
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


def _corrected(source: Any, document: Any, options: dict[str, Any]) -> Any:
    for _ in range(MAX_RELAYOUTS):
        layout = _survey(document)
        fixes = [
            (element, rule)
            for element, rule in (*_footnote_fixes(layout), *_tall_row_fixes(layout))
            if rule not in (element.get("style") or "")
        ]
        if not fixes:
            return document
        for element, rule in fixes:
            element.set("style", f"{element.get('style') or ''}{rule};")
        document = source.render(**options)
    return document


def bookmarks(document: Any) -> Marks:
    """The outline WeasyPrint writes into the PDF of a laid-out `document`, flattened in the
    order a reader walks it (a bookmark, then its children)."""
    marks: Marks = []

    def walk(tree: list[Any]) -> None:
        for label, target, children, _state in tree:
            marks.append((label, target[0]))
            walk(children)

    walk(document.make_bookmark_tree())
    return marks


def render_pdf(
    html: str, templates: Path, on_layout: Callable[[Marks], None] | None = None
) -> RenderedPdf:
    """Paginate the pack's HTML (from render_html) into a PDF. Relative URLs in the HTML are
    resolved against the template directory, the only place resources come from.
    `on_layout` gets the outline as soon as the pages are laid out, before they are drawn
    (the DOCX's contents take their page numbers from it)."""
    root = templates.resolve()
    source = {"base_url": root.as_uri() + "/", "url_fetcher": TemplateFetcher(root)}
    document = HTML(string=html, **source)
    options = {"font_config": FontConfiguration()}
    try:
        # Layout justifies the lines, drawing applies the spacing: both under the extension.
        with inter_character_justification():
            width = title_width(html, options, **source)
            if width is not None:
                balance_title(document, width)
            rendered = _corrected(document, document.render(**options), options)
            if on_layout is not None:
                on_layout(bookmarks(rendered))
            with deferred_font_data():
                data = rendered.write_pdf()
    except RefusedURL as refused:
        raise AssemblerError(
            f"refused to fetch {refused.url}: {refused.reason}",
            path=templates,
            hint="a template may only use files inside its own directory; "
            "remove the reference or copy the file there",
        ) from None
    return RenderedPdf(data=data, pages=len(rendered.pages))


def write(pack: Pack, context: RenderContext) -> Rendered:
    """The registry's entry (assembler.render.registry): the HTML writer's page, paginated."""
    html = html_writer.page(pack, context)
    with context.stage("pdf"):
        document = render_pdf(html, context.templates)
    return Rendered(document.data, document.pages)
