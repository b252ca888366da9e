"""The output formats: one table from a format's name to the module of its writer. Spec
validation, the command line's choices, output file names and the benchmark read it, so a new
format is one new module (with a `write(pack, context) -> Rendered` function) and one line here.

Writers are imported only when a format is rendered: WeasyPrint's import alone takes half a
second, which `build --check` and a DOCX-only build should not pay."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assembler.model.pack import Pack

Progress = Callable[[str, float], None]


@dataclass(frozen=True)
class Rendered:
    """One output, in memory until every requested format has rendered."""

    data: bytes
    pages: int | None = None  # known for paginated formats (PDF)


@dataclass
class RenderContext:
    """What writers of one build share: the templates folder, the timing of named stages, and
    intermediate results (the PDF writer paginates the HTML writer's page: made once)."""

    templates: Path
    progress: Progress | None = None
    stages: dict[str, float] = field(default_factory=dict)
    shared: dict[str, object] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stages[name] = time.perf_counter() - start
        if self.progress is not None:
            self.progress(name, self.stages[name])


class Writer(Protocol):
    def __call__(self, pack: Pack, context: RenderContext) -> Rendered: ...


@dataclass(frozen=True)
class Format:
    name: str  # also the output file's extension
    module: str  # the writer's module, which defines `write`
    summary: str

    def writer(self) -> Writer:
        write: Writer = importlib.import_module(self.module).write
        return write


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("docx", "assembler.render.docx", "editable Word, on templates/reference.docx"),
        Format("pdf", "assembler.render.pdf", "print-ready PDF, the HTML paginated by WeasyPrint"),
        Format("html", "assembler.render.html", "the HTML page the PDF is made from"),
    )
}


def render(pack: Pack, formats: tuple[str, ...], context: RenderContext) -> dict[str, Rendered]:
    """Every requested format rendered in memory, in the table's order."""
    return {name: FORMATS[name].writer()(pack, context) for name in FORMATS if name in formats}
