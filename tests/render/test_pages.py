"""Visual regression: every page of the example packs, rendered small (40 dpi, 16 grays),
compared with the reference images in tests/data/pages/, so that a typographic change is
always deliberate. Identical PDFs give identical images; the tolerance only absorbs
rasteriser noise, while a moved line or a changed glyph width shows.

After a deliberate change, look at the pages (pdftoppm -r 60 -png), then rewrite the
references with: ASSEMBLER_UPDATE_PAGES=1 .venv/bin/pytest tests/render/test_pages.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat

from assembler.paths import PROJECT_ROOT

PAGES = PROJECT_ROOT / "tests" / "data" / "pages"
DPI = 40
GRAY_BITS = 4  # 16 grays: small files, and still every glyph's place
# Mean absolute difference per page, in grey levels (0-255). A single line set differently
# gives about 0.3 on its page; the same PDF gives 0.
TOLERANCE = 0.1


def page_images(pdf: Path) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [
            ImageOps.posterize(
                document[index].render(scale=DPI / 72, grayscale=True).to_pil().convert("L"),
                GRAY_BITS,
            )
            for index in range(len(document))
        ]
    finally:
        document.close()


def difference(one: Image.Image, other: Image.Image) -> float:
    if one.size != other.size:
        return 255.0
    return float(ImageStat.Stat(ImageChops.difference(one, other)).mean[0])


@pytest.mark.parametrize("name", ["ccpcj28-item6c", "ctta-2006-2018"])
def test_example_pages_look_as_recorded(example_pdfs: dict[str, Path], name: str) -> None:
    fresh = page_images(example_pdfs[name])
    if os.environ.get("ASSEMBLER_UPDATE_PAGES"):
        PAGES.mkdir(parents=True, exist_ok=True)
        for old in PAGES.glob(f"{name}-*.png"):
            old.unlink()
        for number, image in enumerate(fresh, 1):
            image.save(PAGES / f"{name}-{number:02d}.png", optimize=True)
    recorded = [Image.open(path) for path in sorted(PAGES.glob(f"{name}-*.png"))]
    assert len(fresh) == len(recorded), f"{name}: {len(fresh)} pages, {len(recorded)} recorded"
    changed = {
        number: round(diff, 3)
        for number, (image, reference) in enumerate(zip(fresh, recorded, strict=True), 1)
        if (diff := difference(image, reference)) >= TOLERANCE
    }
    assert not changed, f"{name}: pages that differ from tests/data/pages (page: diff) {changed}"
