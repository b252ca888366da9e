"""The PDF's font files subset side by side (render/parallel_subsets.py): each file once, in
worker threads, with the glyphs WeasyPrint would give it, and not a byte of the PDF changed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint.pdf import fonts  # type: ignore[import-untyped]

from assembler.render.fontdata import deferred_font_data
from assembler.render.parallel_subsets import parallel_subsets, subset_jobs
from assembler.render.subset_arrays import open_subset_arrays

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Four font files: Serif CJK regular and bold, Sans CJK and a Latin face.
PAGE = (
    '<html lang="zh"><body style="font-family: Noto Serif CJK SC">'
    "<p>联合国毒品和犯罪问题办公室</p><p><b>恐怖主义</b>预防处</p>"
    '<p style="font-family: Noto Sans CJK SC">技术援助</p>'
    '<p lang="en" style="font-family: DejaVu Sans">Terrorism Prevention Branch</p>'
    "</body></html>"
)


def _pdf(parallel: bool) -> bytes:
    document = HTML(string=PAGE, base_url=str(TEMPLATES)).render()
    with deferred_font_data(), open_subset_arrays():
        if not parallel:
            return bytes(document.write_pdf())
        with parallel_subsets():
            return bytes(document.write_pdf())


def _spy_on_subsets(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Every subset made: (font family, thread name)."""
    made: list[tuple[str, str]] = []
    upstream = fonts.Font.subset

    def subset(font: Any, to_unicode: Any, hinting: Any) -> None:
        if to_unicode:
            made.append((str(font.family), threading.current_thread().name))
        upstream(font, to_unicode, hinting)

    monkeypatch.setattr(fonts.Font, "subset", subset)
    return made


def test_the_pdf_is_the_bytes_of_subsetting_one_font_after_the_other() -> None:
    assert _pdf(parallel=True) == _pdf(parallel=False)


def test_each_font_file_is_subset_once_in_a_worker_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = _spy_on_subsets(monkeypatch)
    _pdf(parallel=False)
    one_after_the_other = sorted(family for family, _ in made)
    made.clear()
    _pdf(parallel=True)
    assert sorted(family for family, _ in made) == one_after_the_other
    assert len(made) == 4
    assert all(thread != threading.main_thread().name for _, thread in made)


def test_the_glyphs_of_fonts_of_one_file_are_merged_as_weasyprint_merges_them() -> None:
    class Font:
        def __init__(self, hash_: str, to_unicode: dict[int, str]) -> None:
            self.hash, self.to_unicode = hash_, to_unicode
            self.bitmap = self.used_in_forms = False

    regular, bold, sans = (
        Font("serif", {1: "联"}),
        Font("serif", {2: "恐"}),
        Font("sans", {1: "技"}),
    )
    jobs = subset_jobs({"r": regular, "b": bold, "s": sans}, subset=True)
    assert [(font, glyphs) for font, glyphs in jobs] == [
        (regular, {1: "联", 2: "恐"}),
        (sans, {1: "技"}),
    ]
    assert subset_jobs({"r": regular}, subset=False) == []


def test_weasyprint_builds_its_fonts_itself_again_after_the_block() -> None:
    from weasyprint import pdf as weasy_pdf  # type: ignore[import-untyped]

    upstream = weasy_pdf.build_fonts_dictionary
    with parallel_subsets():
        assert weasy_pdf.build_fonts_dictionary is not upstream
    assert weasy_pdf.build_fonts_dictionary is upstream
