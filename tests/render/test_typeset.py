"""Chinese typesetting of the model's text (render/typeset.py, text/spacing.py): adjacent
full-width marks compressed with the font's `halt` feature, one quarter-em gap between Han
and Latin text whatever spaces the source typed. Widths are measured in a rendered PDF."""

from __future__ import annotations

import itertools

from markupsafe import Markup

from assembler.paths import PROJECT_ROOT
from assembler.render.pdf import render_pdf
from assembler.render.typeset import GAP, typeset, typeset_head, typeset_last, typeset_symbol
from assembler.text.spacing import han_latin_gaps
from bench.pdflines import glyphs

SIZE = 20  # px: 15 pt
EM = SIZE * 0.75


def test_gaps_fall_between_han_and_latin_and_replace_the_typed_spaces() -> None:
    assert han_latin_gaps("2018 年") == [(4, 5)]
    assert han_latin_gaps("2018年") == [(4, 4)]
    assert han_latin_gaps("在 2018  年") == [(1, 2), (6, 8)]
    assert han_latin_gaps("第 2341 (2017)号决议") == [(1, 2), (13, 13)]
    assert han_latin_gaps("70%的项目") == [(3, 3)]
    # Not a boundary: between Latin words, in numbers, beside full-width punctuation.
    assert han_latin_gaps("United Nations 1 550") == []
    assert han_latin_gaps("（UNODC）、2018，") == []


def test_the_writer_sets_every_boundary_alike() -> None:
    assert typeset("2018 年") == typeset("2018年") == f"2018{GAP}年"
    assert typeset("第 2341 (2017) 号") == f"第{GAP}2341 (2017){GAP}号"
    assert typeset("1 550 万") == f"1 550{GAP}万"


def test_a_mark_before_another_is_set_half_width() -> None:
    halt = '<span class="halt">{}</span>'.format
    assert typeset("甲）（乙") == f"甲{halt('）')}（乙"
    assert typeset("甲））。") == f"甲{halt('）')}{halt('）')}。"
    assert typeset("甲。”") == f"甲{halt('。')}”"
    assert typeset("甲）A（乙") == "甲）A（乙"  # not adjacent
    # The next run's first character counts: "》" before a gloss's "（".
    assert typeset("《战略》", following="（") == f"《战略{halt('》')}"


def test_text_is_escaped_and_the_last_character_can_be_set_apart() -> None:
    assert typeset("<b>2018年") == Markup(f"&lt;b&gt;2018{GAP}年")
    assert typeset_head("在2018年）。") + typeset_last("在2018年）。") == typeset("在2018年）。")
    assert typeset_last("") == ""


def test_the_latin_part_of_a_symbol_never_breaks() -> None:
    assert typeset_symbol("第 72/123 号决议") == (
        f'第<span class="nobreak">{GAP}72/123</span>{GAP}号决议'
    )


def render(body: str) -> list[tuple[float, float, float, str]]:
    """Glyphs of `body` (markup) set in pack.css, one paragraph a line, start-aligned."""
    css = (PROJECT_ROOT / "templates" / "pack.css").read_text(encoding="utf-8")
    html = (
        f'<!DOCTYPE html><html lang="zh"><head><style>{css}</style><style>'
        f'html {{ font-family: "Noto Serif CJK SC"; font-size: {SIZE}px; }}'
        f"</style></head><body>{body}</body></html>"
    )
    return glyphs(render_pdf(html, PROJECT_ROOT / "templates").data)


def advances(text: str) -> list[float]:
    """How far each character of the typeset `text` moves the next one, in em."""
    row = render(f"<p>{typeset(text)}</p>")
    return [round((b[1] - a[1]) / EM, 3) for a, b in itertools.pairwise(row)]


def test_two_marks_take_one_and_a_half_em_three_two() -> None:
    assert advances("中）（中") == [1.0, 0.5, 1.0]  # 1.5 em for two marks: 0.75 each
    assert advances("中））。中") == [1.0, 0.5, 0.5, 1.0]  # 2 em for three
    assert advances("中。”中") == [1.0, 0.5, 1.0]
    assert advances("中）中") == [1.0, 1.0]  # a single mark keeps its full em


def test_the_gap_is_a_quarter_em_with_or_without_a_typed_space() -> None:
    for text in ("在2018年", "在 2018 年"):
        row = render(f"<p>{typeset(text)}</p>")
        chars = "".join(glyph[3] for glyph in row)
        assert chars == "在2018年"
        han, first, last, year = row[0], row[1], row[4], row[5]
        assert round((first[1] - han[2]) / EM, 3) == 0.25
        assert round((year[1] - last[2]) / EM, 3) == 0.25
