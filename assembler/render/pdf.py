"""The PDF writer: the pack's HTML paginated by WeasyPrint.

Chinese lines are justified between their characters (render/justify.py) and the cover
title is balanced (render/balance.py). Footnotes stay on the page of their call
(render/footnote_breaks.py). After layout, two things WeasyPrint 70 gets wrong (a footnote
that still went to a later page, a tall side-by-side row leaving a gap) are corrected and the
pages laid out again (render/corrections.py). The other extensions only make WeasyPrint faster
or lighter and change no byte of the PDF: its HTML parser's cache (render/html_parsing.py),
computed styles' short way to unset properties (render/computed_styles.py), Pango contexts
and font descriptions shared between layouts (render/pango_setup.py), the collector's
thresholds (assembler/collection.py), font files read and subset only as needed and side by side
(render/fontdata.py, subset_arrays.py, parallel_subsets.py).

Resources are read only from the template directory: the URL fetcher refuses every other
file and the network, and a refused URL stops the build with its name, so neither a template
nor a pack can make a build read /etc/passwd or call out.
"""

from __future__ import annotations

import mimetypes
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.text.fonts import FontConfiguration  # type: ignore[import-untyped]
from weasyprint.urls import (  # type: ignore[import-untyped]
    FatalURLFetchingError,
    URLFetcher,
    URLFetcherResponse,
)

from assembler.collection import rare_collections
from assembler.errors import AssemblerError
from assembler.render.balance import balance_title, title_width
from assembler.render.computed_styles import plain_values_first
from assembler.render.corrections import corrected
from assembler.render.fontdata import deferred_font_data
from assembler.render.footnote_breaks import notes_on_the_page_of_their_call
from assembler.render.html_parsing import cached_character_runs
from assembler.render.justify import inter_character_justification
from assembler.render.pango_setup import shared_pango_setup
from assembler.render.parallel_subsets import parallel_subsets
from assembler.render.registry import RenderContext, Rendered
from assembler.render.subset_arrays import open_subset_arrays

if TYPE_CHECKING:
    from assembler.model.pack import Pack

__all__ = ["Marks", "RenderedPdf", "bookmarks", "render_pdf"]

# The PDF's outline in reading order: each bookmark's label and its page index (0-based).
Marks = list[tuple[str, int]]

_ONE_RENDER_AT_A_TIME = threading.Lock()

# The writer's extensions of WeasyPrint, entered in this order around parsing and layout, and
# then around drawing. One list, so that bench/features.py measures what a build runs (it turns
# some off by name) and an extension added here is measured there too.
LAYOUT_EXTENSIONS: tuple[Callable[[], AbstractContextManager[None]], ...] = (
    cached_character_runs,
    plain_values_first,
    shared_pango_setup,
    inter_character_justification,
    notes_on_the_page_of_their_call,
    rare_collections,
)
DRAWING_EXTENSIONS: tuple[Callable[[], AbstractContextManager[None]], ...] = (
    deferred_font_data,
    open_subset_arrays,
    parallel_subsets,
)


def extensions(
    factories: tuple[Callable[[], AbstractContextManager[None]], ...],
) -> ExitStack:
    """The extensions `factories` make, entered in order (and left in reverse)."""
    stack = ExitStack()
    with stack:
        for factory in factories:
            stack.enter_context(factory())
        return stack.pop_all()


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
    options = {"font_config": FontConfiguration()}
    try:
        # Layout justifies the lines, drawing applies the spacing: both under the extension.
        # The extensions and the collector's thresholds are the process's, so two threads
        # rendering at once take turns.
        with _ONE_RENDER_AT_A_TIME, extensions(LAYOUT_EXTENSIONS):
            document = HTML(string=html, **source)
            width = title_width(html, options, **source)
            if width is not None:
                balance_title(document, width)
            rendered = corrected(document, document.render(**options), options)
            if on_layout is not None:
                on_layout(bookmarks(rendered))
            with extensions(DRAWING_EXTENSIONS):
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
    """The registry's entry (assembler.render.registry): the HTML writer's page, paginated.
    The HTML writer (jinja2, the pack model) is imported here: a build's PDF process only
    paginates the page it is sent, and waits for none of that."""
    from assembler.render import html as html_writer

    html = html_writer.page(pack, context)
    with context.stage("pdf"):
        document = render_pdf(html, context.templates)
    return Rendered(document.data, document.pages)
