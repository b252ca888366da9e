"""WeasyPrint in its own process (render/pdfworker.py) while this one writes the DOCX: the
same bytes as rendering everything here, one after the other; a PDF process that fails or
dies gives a clear error and the build writes nothing. And the deferred font data
(render/fontdata.py) changes no byte of a PDF."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.pdf import fonts  # type: ignore[import-untyped]

from assembler.build.driver import (
    Overrides,
    Timings,
    anchor_pages,
    anchors_from_marks,
    build,
    load_terminology,
    prepare,
    render_pack,
)
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.model.pack import Pack
from assembler.render import pdf as pdf_module
from assembler.render.fontdata import deferred_font_data
from assembler.render.html import render_html
from assembler.render.pdfworker import InProcessJob, PdfWorker

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
EXAMPLE = ROOT / "examples" / "ccpcj28-item6c.yaml"


@pytest.fixture(scope="module")
def pack() -> Pack:
    terms = load_terminology(ROOT / "glossary")
    corpus = Corpus(ROOT / "corpus")
    return prepare(EXAMPLE, corpus, terms.glossary, TEMPLATES, protected=terms.protected).pack


def test_docx_and_pdf_side_by_side_are_the_bytes_of_one_after_the_other(pack: Pack) -> None:
    formats = ("docx", "pdf", "html")
    alone = render_pack(pack, formats, TEMPLATES, None, Timings(), parallel=False)
    beside = render_pack(pack, formats, TEMPLATES, None, Timings())
    assert alone.keys() == beside.keys() == set(formats)
    for name in formats:
        assert alone[name].data == beside[name].data, name
    assert alone["pdf"].pages == beside["pdf"].pages


def test_the_layouts_outline_gives_the_page_numbers_the_written_pdf_gives(pack: Pack) -> None:
    job = InProcessJob(render_html(pack, TEMPLATES), TEMPLATES)
    from_layout = anchors_from_marks(job.marks(), pack)
    assert from_layout == anchor_pages(job.result().data, pack)
    assert [anchor for anchor, _ in from_layout] == [
        *(s.anchor for s in pack.sections),
        *((pack.annex.anchor,) if pack.annex else ()),
    ]


def test_a_worker_renders_the_same_pdf_as_this_process(pack: Pack) -> None:
    page = render_html(pack, TEMPLATES)
    with PdfWorker() as worker:
        job = worker.submit(page, TEMPLATES)
        marks = job.marks()
        data = job.result().data
    here = InProcessJob(page, TEMPLATES)
    assert marks == here.marks()
    assert data == here.result().data


def test_an_error_in_the_pdf_process_reaches_the_build_and_nothing_is_written(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise AssemblerError("refused to fetch file:///etc/passwd", hint="remove it")

    # Forked, the PDF process runs this module's patched function.
    monkeypatch.setattr(pdf_module, "render_pdf", refuse)
    out = tmp_path / "out"
    glossary = ROOT / "glossary"
    with pytest.raises(AssemblerError, match="refused to fetch file:///etc/passwd") as error:
        build(EXAMPLE, Corpus(ROOT / "corpus"), glossary, TEMPLATES, out, Overrides())
    assert error.value.hint == "remove it"
    assert not out.exists() or list(out.iterdir()) == []


def test_a_crash_in_the_pdf_process_is_reported_with_its_traceback(
    monkeypatch: pytest.MonkeyPatch, pack: Pack
) -> None:
    def crash(*args: object, **kwargs: object) -> object:
        raise ZeroDivisionError("layout bug")

    monkeypatch.setattr(pdf_module, "render_pdf", crash)
    with pytest.raises(RuntimeError, match=r"(?s)the PDF process failed.*ZeroDivisionError"):
        render_pack(pack, ("docx", "pdf"), TEMPLATES, None, Timings())


def test_a_pdf_process_that_dies_gives_a_clear_error(pack: Pack) -> None:
    with PdfWorker() as worker:
        job = worker.submit(render_html(pack, TEMPLATES), TEMPLATES)
        os.kill(worker._process.pid, signal.SIGKILL)
        with pytest.raises(AssemblerError, match="the PDF process ended without a result"):
            job.result()


def test_an_unused_worker_ends_when_its_block_ends() -> None:
    start = time.perf_counter()
    with PdfWorker() as worker:
        process = worker._process
    assert not process.is_alive()
    assert time.perf_counter() - start < 1  # not waited for: it had nothing to finish


def test_deferred_font_data_changes_no_byte_and_is_removed_after() -> None:
    page = '<p style="font-family: Noto Serif CJK SC">联合国大会<b>第 51 条</b> Charter</p>'
    document = HTML(string=page).render()
    plain = document.write_pdf()
    with deferred_font_data():
        deferred = document.write_pdf()
    assert deferred == plain
    assert "file_content" not in vars(fonts.Font)


def _empty_face() -> Any:
    """HarfBuzz's empty face (hb_face_get_empty, which WeasyPrint does not declare)."""
    import cffi

    own = cffi.FFI()
    own.cdef("void *hb_face_get_empty (void);")
    empty = own.dlopen("libharfbuzz.so.0").hb_face_get_empty()
    return fonts.ffi.cast("hb_face_t *", int(own.cast("uintptr_t", empty)))


def test_a_face_with_no_data_gets_weasyprints_own_empty_answer() -> None:
    # WeasyPrint keeps the whole font (with a warning) when a subset comes out empty, by testing
    # the data it got: an empty face must not be deferred into something that tests true.
    from assembler.render.fontdata import _face_data

    document = HTML(string='<p style="font-family: Noto Serif CJK SC">联合国</p>').render()
    document.write_pdf()  # (the fonts are met while drawing)
    face = next(iter(document.fonts.values())).hb_face
    empty = _empty_face()
    assert fonts.get_hb_object_data(empty) is None
    with deferred_font_data():
        assert _face_data(empty) is None
        assert _face_data(face)
