"""Lines and covers: no paragraph ends on a line of one or two characters (its last three
are glued), and a cover title of several lines has lines of even length (render/balance.py).
"""

from __future__ import annotations

from pathlib import Path

from assembler.model.pack import Span
from assembler.render.balance import title_width
from assembler.render.html import pieces, typeset_paragraph
from assembler.render.typeset import JOINER
from bench.pdflines import lines, short_last_lines

TITLE_SIZE = 22  # pt, pack.css `.cover .title`


def test_the_last_three_chinese_characters_are_glued_across_runs() -> None:
    glued = pieces((Span("见大会"), Span("第 72/196 号决议", "symbol"), Span("。")))
    assert [piece.glued for piece in glued] == [0, 1, 1]  # 决|议 and 议|。 may not break
    assert typeset_paragraph("列出首选名称。") == f"列出首选名{JOINER}称{JOINER}。"


def test_english_and_footnoted_endings_are_left_alone() -> None:
    assert [p.glued for p in pieces((Span("as agreed in 2018."),))] == [0]
    note = Span("", "note")
    assert [p.glued for p in pieces((Span("理解", "symbol"), note))] == [0, 0]
    # A call glued to the last character counts for nothing: the characters before it glue.
    assert [p.glued for p in pieces((Span("并予以理解。"), note))] == [2]


def test_no_paragraph_of_the_examples_ends_on_a_short_line(
    example_pdfs: dict[str, Path],
) -> None:
    """Before: five such lines in ccpcj28-item6c ("题。", "家。", ...), one in ctta."""
    for pdf in example_pdfs.values():
        assert short_last_lines(pdf) == []


def test_a_two_line_cover_title_is_balanced(example_pdfs: dict[str, Path]) -> None:
    title = [
        line.text
        for line in lines(example_pdfs["ccpcj28-item6c"])
        if line.page == 0 and line.size == TITLE_SIZE
    ]
    # Greedy filling gave 21 + 5 characters.
    assert title == ["恐怖主义问题相关国际公约和", "议定书执行过程中的技术援助"]


def test_a_one_line_cover_title_is_left_as_it_is(example_pdfs: dict[str, Path]) -> None:
    title = [
        line.text
        for line in lines(example_pdfs["ctta-2006-2018"])
        if line.page == 0 and line.size == TITLE_SIZE
    ]
    assert title == ["反恐技术援助的演变（2006—2018年）"]


def test_a_page_without_a_cover_title_is_not_probed() -> None:
    assert title_width("<!DOCTYPE html><html><body><p>无封面</p></body></html>", {}) is None
