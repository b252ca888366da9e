"""The PDF's font files subset side by side (render/parallel_subsets.py): each file once, in
worker threads, with the glyphs WeasyPrint would give it, and not a byte of the PDF changed."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]
from weasyprint import pdf as weasy_pdf
from weasyprint.pdf import fonts  # type: ignore[import-untyped]

from assembler.render.fontdata import deferred_font_data
from assembler.render.parallel_subsets import parallel_subsets, subset_jobs
from assembler.render.subset_arrays import open_subset_arrays

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# Four font files: Serif CJK regular and bold, Sans CJK and a Latin face; and a slanted Serif
# (no italic file: WeasyPrint keys it apart but subsets the regular face's HarfBuzz object).
PAGE = (
    '<html lang="zh"><body style="font-family: Noto Serif CJK SC">'
    "<p>联合国毒品和犯罪问题办公室</p><p><b>恐怖主义</b>预防处<i>专题</i></p>"
    '<p style="font-family: Noto Sans CJK SC">技术援助</p>'
    '<p lang="en" style="font-family: Liberation Sans">Terrorism Prevention Branch</p>'
    "</body></html>"
)


def _document() -> Any:
    return HTML(string=PAGE, base_url=str(TEMPLATES)).render()


def _pdf(parallel: bool) -> bytes:
    document = _document()
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


def test_each_font_is_subset_once_in_a_worker_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    made = _spy_on_subsets(monkeypatch)
    _pdf(parallel=False)
    one_after_the_other = sorted(family for family, _ in made)
    made.clear()
    _pdf(parallel=True)
    assert sorted(family for family, _ in made) == one_after_the_other
    assert len(made) == 5
    assert all(thread != threading.main_thread().name for _, thread in made)


class _Font:
    def __init__(self, hash_: str, to_unicode: dict[int, str], **flags: bool) -> None:
        self.hash, self.to_unicode = hash_, to_unicode
        self.bitmap = flags.get("bitmap", False)
        self.used_in_forms = flags.get("used_in_forms", False)


def test_the_glyphs_of_fonts_of_one_file_are_merged_as_weasyprint_merges_them() -> None:
    regular, bold = _Font("serif", {1: "联"}), _Font("serif", {2: "恐"})
    sans = _Font("sans", {1: "技"})
    jobs = subset_jobs({"r": regular, "b": bold, "s": sans}, subset=True)
    assert jobs == [(regular, {1: "联", 2: "恐"}), (sans, {1: "技"})]
    assert subset_jobs({"r": regular}, subset=False) == []


def test_bitmap_fonts_and_fonts_in_forms_are_left_as_weasyprint_leaves_them() -> None:
    # WeasyPrint embeds a bitmap font whole and a font used in forms unsubset.
    embedded = {
        "bitmap": _Font("emoji", {1: "😀"}, bitmap=True),
        "form": _Font("sans", {1: "技"}, used_in_forms=True),
        "text": _Font("serif", {1: "联"}),
    }
    assert [font for font, _ in subset_jobs(embedded, subset=True)] == [embedded["text"]]


def test_a_subset_failing_in_a_thread_fails_the_pdf_and_leaves_no_font_patched(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def failing(font: Any, to_unicode: Any, hinting: Any) -> None:
        raise RuntimeError(f"cannot subset {font.family}")

    monkeypatch.setattr(fonts.Font, "subset", failing)
    document = _document()
    with (
        deferred_font_data(),
        open_subset_arrays(),
        parallel_subsets(),
        pytest.raises(RuntimeError, match="cannot subset"),
    ):
        document.write_pdf()
    assert document.fonts and all("subset" not in vars(f) for f in document.fonts.values())


def test_weasyprint_builds_its_fonts_itself_again_after_the_block() -> None:
    upstream = weasy_pdf.build_fonts_dictionary
    with parallel_subsets():
        assert weasy_pdf.build_fonts_dictionary is not upstream
        with parallel_subsets():
            pass
        assert weasy_pdf.build_fonts_dictionary is not upstream  # the inner block put it back
    assert weasy_pdf.build_fonts_dictionary is upstream
