"""WeasyPrint in a process of its own, so that a build uses both cores of a small machine.

Importing WeasyPrint takes ~0.5 s and laying a pack out most of the rest of a PDF build,
while everything else (our imports, the pack model, the HTML, the DOCX) runs in the main
process. A `PdfWorker` is started first thing in a build: the child imports WeasyPrint while
the parent makes the HTML, then paginates it, reports the outline as soon as the pages are
laid out (the DOCX's contents need the page numbers: the parent writes the DOCX while the
child draws the PDF) and sends the PDF's bytes back. Nothing is written to disk by the
child: the build writes every output atomically when all have succeeded.

A child is forked where the platform can (it inherits what the parent imported), spawned
elsewhere. A process that may not have children (a daemonic pool worker) renders in-process
instead (`InProcessJob`); the PDF is the same either way.
"""

from __future__ import annotations

import multiprocessing
import threading
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from assembler.errors import AssemblerError
from assembler.render.weasyprint_import import import_weasyprint

Marks = list[tuple[str, int]]


@dataclass(frozen=True)
class PdfResult:
    data: bytes
    pages: int


class PdfJob(Protocol):
    def marks(self) -> Marks: ...
    def result(self) -> PdfResult: ...


def _error_fields(error: AssemblerError) -> tuple[Any, ...]:
    return (error.message, error.path, error.line, error.column, error.hint)


def _serve(connection: Connection) -> None:
    """The child: import WeasyPrint, then render the one page it is sent."""
    try:
        import_weasyprint()
        from assembler.render.pdf import render_pdf

        if not connection.poll():
            _warm_up()
        request = connection.recv()
        if request is None:
            return
        html, templates = request
        rendered = render_pdf(
            html, Path(templates), lambda marks: connection.send(("marks", marks))
        )
        connection.send(("pdf", rendered.data, rendered.pages))
    except AssemblerError as error:
        connection.send(("error", *_error_fields(error)))
    except Exception:  # sent to the parent, which raises it as a build error
        connection.send(("crash", traceback.format_exc()))
    finally:
        connection.close()


# A page that takes the paths a pack's first page would: a CJK font, a break between inline
# boxes (Pango's log attributes), justification, a footnote, font subsetting.
WARM_UP_PAGE = (
    '<p lang="zh" style="text-align:justify">字 a<span>字</span>'
    '<span style="float:footnote">注</span></p>'
)


def _warm_up() -> None:
    """While the parent is still making the page: WeasyPrint's first document pays for parsing
    its user-agent style sheets, loading fontconfig and parsing the C declarations it allocates
    with (~0.3 s) whatever its size. The warm-up page goes through the PDF writer itself, so
    that the same extensions are warmed as a pack will use."""
    from assembler.paths import DEFAULT_TEMPLATES
    from assembler.render.pdf import render_pdf

    try:
        render_pdf(WARM_UP_PAGE, DEFAULT_TEMPLATES)
    except Exception:  # only a head start: the pack's own render reports any error
        return


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def can_start() -> bool:
    """Whether this process may start a child: a daemonic process may not, and forking a
    process with other threads (a web server's) could copy a lock another thread holds."""
    return not multiprocessing.current_process().daemon and threading.active_count() == 1


class PdfWorker:
    """A child process that renders one PDF. Use as a context manager: leaving the block
    stops a child that was given nothing to do, or whose result is no longer wanted."""

    def __init__(self) -> None:
        context = _context()
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()
        child.close()
        self._marks: Marks | None = None
        self._result: PdfResult | None = None
        self._sent = False

    def __enter__(self) -> PdfWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def submit(self, html: str, templates: Path) -> PdfJob:
        if self._sent:
            raise RuntimeError("a PdfWorker renders one document")
        self._sent = True
        self._connection.send((html, str(templates)))
        return self

    def _receive(self) -> tuple[Any, ...]:
        try:
            message: tuple[Any, ...] = self._connection.recv()
        except (EOFError, OSError):
            self._process.join(timeout=5)
            raise AssemblerError(
                f"the PDF process ended without a result (exit code {self._process.exitcode})",
                hint="run the build again; if it fails again, build the PDF alone "
                "(--format pdf) to see the error",
            ) from None
        kind = message[0]
        if kind == "error":
            message_text, path, line, column, hint = message[1:]
            raise AssemblerError(message_text, path=path, line=line, column=column, hint=hint)
        if kind == "crash":
            raise RuntimeError(f"the PDF process failed:\n{message[1]}")
        return message

    def marks(self) -> Marks:
        if self._marks is None:
            kind, marks = self._receive()
            assert kind == "marks", kind
            self._marks = marks
        return self._marks

    def result(self) -> PdfResult:
        if self._result is None:
            self.marks()
            kind, data, pages = self._receive()
            assert kind == "pdf", kind
            self._result = PdfResult(data, pages)
        return self._result

    def close(self) -> None:
        if self._result is None:
            # Never used (the spec wants no PDF) or no longer wanted (the build failed): the
            # child has nothing to finish, so it is not waited for.
            self._process.terminate()
        self._connection.close()
        self._process.join()


class InProcessJob:
    """The same job done here and now."""

    def __init__(self, html: str, templates: Path) -> None:
        import_weasyprint()
        from assembler.render.pdf import render_pdf

        found: Marks = []
        rendered = render_pdf(html, templates, found.extend)
        self._marks = found
        self._result = PdfResult(rendered.data, rendered.pages)

    def marks(self) -> Marks:
        return self._marks

    def result(self) -> PdfResult:
        return self._result
