"""The PDF's fonts subset side by side, one thread per font file, an extension of WeasyPrint 70.

WeasyPrint subsets the font files a PDF embeds one after the other as it writes the PDF
(pdf/fonts.py, `build_fonts_dictionary`: `font.clean` then `font.subset`). A Chinese pack
embeds three or four faces of Noto CJK, and HarfBuzz-Subset takes ~30 ms for each of them,
most of a PDF's writing time besides drawing. HarfBuzz is called through cffi, which lets go
of Python's lock during the call, so the faces can be subset at once on the cores there are.

Here each font file is subset first, in threads, with exactly the glyphs WeasyPrint would
give it (the same merge of the same fonts' glyphs), and WeasyPrint's own subsetting of those
fonts is then skipped; everything else in building the fonts' dictionary is WeasyPrint's. The
PDF is byte-for-byte the same. Patched in only while a document is written (`parallel_subsets`).
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

from weasyprint import pdf as weasy_pdf  # type: ignore[import-untyped]

from assembler.cpus import usable_cpus
from assembler.render.patching import patched

_upstream = weasy_pdf.build_fonts_dictionary


def subset_jobs(fonts: dict[Any, Any], subset: bool) -> list[tuple[Any, dict[int, str]]]:
    """The fonts `build_fonts_dictionary` subsets and the glyphs it gives each: one font per
    file (the first), with the glyphs of every font of that file merged in order."""
    if not subset:
        return []
    by_file: dict[Any, list[Any]] = {}
    for font in fonts.values():
        by_file.setdefault(font.hash, []).append(font)
    jobs = []
    for file_fonts in by_file.values():
        font = file_fonts[0]
        if font.bitmap or font.used_in_forms:
            continue
        to_unicode: dict[int, str] = {}
        for file_font in file_fonts:
            to_unicode = {**to_unicode, **file_font.to_unicode}
        jobs.append((font, to_unicode))
    return jobs


def _skip(to_unicode: Any, hinting: Any) -> None:
    """Stands in for `Font.subset` once the font is subset."""


def _build_fonts_dictionary(
    pdf: Any, fonts: dict[Any, Any], compress: bool, subset: bool, options: dict[str, Any]
) -> Any:
    jobs = subset_jobs(fonts, subset)
    if len(jobs) > 1:
        hinting = options["hinting"]
        with ThreadPoolExecutor(max_workers=min(len(jobs), usable_cpus())) as pool:
            list(pool.map(lambda job: job[0].subset(job[1], hinting), jobs))
    else:
        jobs = []  # one font: nothing to gain, WeasyPrint subsets it as usual
    try:
        for font, _ in jobs:
            font.subset = _skip  # an instance attribute, hiding the method for this font
        return _upstream(pdf, fonts, compress, subset, options)
    finally:
        for font, _ in jobs:
            del font.subset


@contextmanager
def parallel_subsets() -> Iterator[None]:
    """WeasyPrint subsetting a PDF's font files side by side, for the duration of the block."""
    with patched(weasy_pdf, "build_fonts_dictionary", _build_fonts_dictionary):
        yield
