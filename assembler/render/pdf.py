"""The PDF writer: the pack's HTML paginated by WeasyPrint.

Resources are read only from the template directory: the URL fetcher refuses every other
file and the network, and a refused URL stops the build with its name, so neither a template
nor a pack can make a build read /etc/passwd or call out.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import HTML  # type: ignore[import-untyped]
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


def render_pdf(html: str, templates: Path) -> RenderedPdf:
    """Paginate the pack's HTML (from render_html) into a PDF. Relative URLs in the HTML are
    resolved against the template directory, the only place resources come from."""
    root = templates.resolve()
    document = HTML(
        string=html,
        base_url=root.as_uri() + "/",
        url_fetcher=TemplateFetcher(root),
    )
    try:
        rendered = document.render(font_config=FontConfiguration())
        data = rendered.write_pdf()
    except RefusedURL as refused:
        raise AssemblerError(
            f"refused to fetch {refused.url}: {refused.reason}",
            path=templates,
            hint="a template may only use files inside its own directory; "
            "remove the reference or copy the file there",
        ) from None
    return RenderedPdf(data=data, pages=len(rendered.pages))
