"""The PDF writer: the pack's HTML paginated by WeasyPrint.

A footnote belongs on the page of its reference. WeasyPrint 70 sometimes moves footnotes of a
page to the next one to make room for a line that orphans/widows would otherwise push over
(layout/block.py, "first try to report footnotes"), even footnotes of earlier paragraphs. After
layout we therefore look for footnote bodies on a later page than their call and start the
paragraph that caused it on a new page, as a typesetter would, then lay out again.

Resources are read only from the template directory: the URL fetcher refuses every other
file and the network, and a refused URL stops the build with its name, so neither a template
nor a pack can make a build read /etc/passwd or call out.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from dataclasses import dataclass
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
from assembler.render.fonts import check_coverage

__all__ = ["RenderedPdf", "check_coverage", "render_pdf"]


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
Box = Any  # WeasyPrint's layout boxes (untyped)


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


def _footnote_pages(document: Any) -> tuple[dict[Any, int], dict[Any, int]]:
    """Page index of each footnote's call and of its body, keyed by the footnote element."""
    calls: dict[Any, int] = {}
    bodies: dict[Any, int] = {}
    for index, page in enumerate(document.pages):
        root = page._page_box  # no public API exposes the box tree
        for box, _ in _flow(root):
            if getattr(box, "footnote", None) is not None:
                calls.setdefault(box.footnote.element, index)
        for area in root.children:
            if isinstance(area, boxes.FootnoteAreaBox):
                bodies.update((note.element, index) for note in area.children)
    return calls, bodies


def _pushed_block(document: Any, index: int) -> Any:
    """The element holding the last line of page `index`, if it starts on that page: the
    paragraph WeasyPrint made room for."""
    last = None
    for box, block in _flow(document.pages[index]._page_box):
        if isinstance(box, boxes.LineBox) and block is not None:
            last = block.element
    if last is None:
        return None
    for earlier in document.pages[:index]:
        if any(b is not None and b.element is last for _, b in _flow(earlier._page_box)):
            return None
    return last


def _keep_footnotes_with_calls(source: Any, document: Any, options: dict[str, Any]) -> Any:
    for _ in range(MAX_RELAYOUTS):
        calls, bodies = _footnote_pages(document)
        pages = sorted({page for note, page in calls.items() if bodies.get(note, page) != page})
        blocks = [b for b in (_pushed_block(document, i) for i in pages) if b is not None]
        if not blocks:
            return document
        for block in blocks:
            block.set("style", f"{block.get('style') or ''}; break-before: page")
        document = source.render(**options)
    return document


def render_pdf(html: str, templates: Path) -> RenderedPdf:
    """Paginate the pack's HTML (from render_html) into a PDF. Relative URLs in the HTML are
    resolved against the template directory, the only place resources come from."""
    root = templates.resolve()
    document = HTML(
        string=html,
        base_url=root.as_uri() + "/",
        url_fetcher=TemplateFetcher(root),
    )
    options = {"font_config": FontConfiguration()}
    try:
        rendered = _keep_footnotes_with_calls(document, document.render(**options), options)
        data = rendered.write_pdf()
    except RefusedURL as refused:
        raise AssemblerError(
            f"refused to fetch {refused.url}: {refused.reason}",
            path=templates,
            hint="a template may only use files inside its own directory; "
            "remove the reference or copy the file there",
        ) from None
    return RenderedPdf(data=data, pages=len(rendered.pages))
