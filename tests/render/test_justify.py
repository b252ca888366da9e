"""Justified Chinese (render/justify.py): the leftover width of a line spread over the gaps
between its characters, measured from the glyph positions of the PDF (pypdfium2)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from weasyprint import HTML  # type: ignore[import-untyped]

from assembler.paths import PROJECT_ROOT
from assembler.render.justify import cjk_count, inter_character_justification
from assembler.render.pdf import render_pdf
from bench.pdflines import continued_body_lines, flush_share, glyphs, lines

# Closing marks no line may start with (kinsoku): Pango's line breaking keeps them off, and
# justification, which only spaces a line out, must not change where lines break.
CLOSING = "、，。；：？！）》〉」』】”’"

PAGE = """<!DOCTYPE html><html lang="zh"><head><style>
@page {{ size: 120mm 80mm; margin: 10mm; }}
body {{ margin: 0; font-family: "Noto Serif CJK SC"; font-size: 10pt; line-height: 1.6; }}
p {{ text-align: justify; margin: 0 0 10pt; }}
</style></head><body>{}</body></html>"""
# Ideographs, punctuation, digits, a Latin gloss with spaces and two spans: the boxes'
# seams must not show (Pango drops half the spacing at each box's ends).
MIXED = (
    "<p>大会在一些决议中均重申了毒品和犯罪问题办公室关于反恐技术援助的任务授权，"
    "<a>第 72/123 号决议</a>；关于在反恐时保护人权和基本自由的第72/180号决议；"
    "2018年，<span>毒品和犯罪问题办公室（United Nations Office on Drugs and Crime）"
    "根据其任务授权</span>，在此领域进一步取得进展。</p>"
)
ENGLISH = (
    '<p lang="en">The General Assembly, in several resolutions, reaffirmed the mandate of the '
    "United Nations Office on Drugs and Crime to provide technical assistance to Member "
    "States, upon request, for ratifying and implementing the international instruments.</p>"
)


def by_line(pdf: bytes) -> list[list[tuple[float, float, str]]]:
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for baseline, left, right, char in glyphs(pdf):
        rows.setdefault(baseline, []).append((left, right, char))
    return [sorted(rows[key]) for key in sorted(rows, reverse=True)]


def test_cjk_count_counts_ideographs_punctuation_and_fullwidth_forms() -> None:
    assert cjk_count("第 72/123 号决议；（UN）") == 7
    assert cjk_count("United Nations 2018") == 0


def test_a_mixed_chinese_paragraph_is_flush_on_both_margins() -> None:
    pdf = render_pdf(PAGE.format(MIXED), PROJECT_ROOT / "templates").data
    rows = by_line(pdf)
    assert len(rows) >= 4
    right_margin = (120 - 10) / 25.4 * 72
    left_margin = 10 / 25.4 * 72
    for row in rows[:-1]:
        assert row[0][0] == pytest.approx(left_margin, abs=0.05)
        # WeasyPrint writes each glyph's adjustment as whole thousandths of an em, truncated
        # (draw/text.py): over a line that adds up to about 0.1 pt.
        assert row[-1][1] == pytest.approx(right_margin, abs=0.25)
    assert rows[-1][-1][1] < right_margin - 10  # the last line keeps start alignment


def test_gaps_between_ideographs_are_even_across_spans() -> None:
    """Within a justified line, every ideograph advances by the same amount, whether its
    neighbour is in the same text box or in the next span."""
    pdf = render_pdf(PAGE.format(MIXED), PROJECT_ROOT / "templates").data
    for row in by_line(pdf)[:-1]:
        steps = [
            round(b[0] - a[0], 2)
            for a, b in itertools.pairwise(row)
            if cjk_count(a[2] + b[2]) == 2 and a[2] not in CLOSING + "（《“" and b[2] not in "（《“"
        ]
        assert steps and max(steps) - min(steps) < 0.05, steps


def test_english_lines_are_justified_as_weasyprint_does() -> None:
    html = HTML(string=PAGE.format(ENGLISH))
    plain = glyphs(html.write_pdf())
    with inter_character_justification():
        extended = glyphs(html.write_pdf())
    assert extended == plain


def test_the_extension_is_removed_after_rendering() -> None:
    from weasyprint.layout import inline  # type: ignore[import-untyped]

    before = inline.justify_line
    with inter_character_justification():
        assert inline.justify_line is not before
    assert inline.justify_line is before


@pytest.mark.parametrize("name", ["ccpcj28-item6c", "ctta-2006-2018"])
def test_example_body_lines_end_on_the_right_margin(
    example_pdfs: dict[str, Path], name: str
) -> None:
    """Start-aligned, 36 of 270 non-final body lines of the two examples reached the margin;
    justified, every one does (the goal: 90%)."""
    flush, total = flush_share(example_pdfs[name])
    assert total > 100
    assert flush / total >= 0.9
    assert flush == total


@pytest.mark.parametrize("name", ["ccpcj28-item6c", "ctta-2006-2018"])
def test_no_line_of_the_examples_starts_with_closing_punctuation(
    example_pdfs: dict[str, Path], name: str
) -> None:
    starts = [line.text[0] for line in lines(example_pdfs[name]) if line.page]
    assert not [char for char in starts if char in CLOSING]
    assert continued_body_lines(list(lines(example_pdfs[name])))
