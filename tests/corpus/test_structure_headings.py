"""Headings on documents nobody tuned the rules for: unnumbered sub-headings that are siblings
share a level, an unnumbered sub-heading right under a numbered heading of any level is a
heading, and a heading wrapped over two lines is one heading.

Every document here is synthetic ("合成" = synthetic), written as plain extracted text (the
form the PDF and Word readers give: every line may end a block) unless a test says otherwise,
and every parse is checked by the lossless accounting.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import pytest

from assembler.corpus.accounting import account_source
from assembler.corpus.assemble import block_record
from assembler.corpus.model import Record
from assembler.corpus.parse import ParsedSource, parse_source

Outline = list[tuple[str, int | None, str | None, str | None, tuple[str, ...], str]]


@dataclass(frozen=True)
class Parse:
    parsed: ParsedSource
    records: list[Record]

    def outline(self) -> Outline:
        """(kind, level, label, paragraph number, path, text) of each record in reading order."""
        return [(r.kind, r.level, r.label, r.para, r.path, r.text) for r in self.records]


def parse(text: str, lang: str = "zh", *, warnings: tuple[str, ...] = ()) -> Parse:
    parsed = parse_source("synthetic.txt", text, lang)
    records = [block_record(block, "synthetic.txt", lang) for block in parsed.blocks]
    assert account_source(parsed, records).problems == []
    assert parsed.warnings == list(warnings)
    return Parse(parsed, records)


def plain(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def pdf(*lines: str) -> str:
    """A PDF extraction that marks block ends with a trailing space ("¶" here)."""
    return "".join((line[:-1] + " " if line.endswith("¶") else line) + "\n\n" for line in lines)


# -- 1. sibling sub-headings share a level ---------------------------------------------------
def test_sibling_unnumbered_sub_headings_share_a_level_in_chinese() -> None:
    doc = parse(
        plain(
            "一. 合成的导言",
            "A. 合成的节标题",
            "1. 合成的第一段。",
            "合成的第一个小标题",
            "2. 合成的第二段。",
            "合成的第二个小标题",
            "3. 合成的第三段。",
            "B. 合成的第二节",
            "4. 合成的第四段。",
        )
    )
    assert doc.outline() == [
        ("heading", 1, "一", None, (), "合成的导言"),
        ("heading", 2, "A", None, ("一",), "合成的节标题"),
        ("paragraph", None, None, "1", ("一", "A"), "合成的第一段。"),
        ("heading", 3, None, None, ("一", "A"), "合成的第一个小标题"),
        ("paragraph", None, None, "2", ("一", "A", "合成的第一个小标题"), "合成的第二段。"),
        ("heading", 3, None, None, ("一", "A"), "合成的第二个小标题"),
        ("paragraph", None, None, "3", ("一", "A", "合成的第二个小标题"), "合成的第三段。"),
        ("heading", 2, "B", None, ("一",), "合成的第二节"),
        ("paragraph", None, None, "4", ("一", "B"), "合成的第四段。"),
    ]


def test_sibling_unnumbered_sub_headings_share_a_level_in_a_pdf_extraction() -> None:
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．合成的第一段，文字较长，折到",
            "下一行。¶",
            "合成的第一个小标题¶",
            "2．合成的第二段。¶",
            "合成的第二个小标题¶",
            "3．合成的第三段。¶",
        )
    )
    assert [(r.level, r.text) for r in doc.records if r.kind == "heading"] == [
        (1, "合成的导言"),
        (2, "合成的第一个小标题"),
        (2, "合成的第二个小标题"),
    ]
    assert [r.path for r in doc.records if r.para] == [
        ("一",),
        ("一", "合成的第一个小标题"),
        ("一", "合成的第二个小标题"),
    ]


def test_sibling_unnumbered_sub_headings_share_a_level_in_english() -> None:
    doc = parse(
        plain(
            "I. Introduction",
            "1. The first synthetic paragraph.",
            "Synthetic sub-heading",
            "2. The second synthetic paragraph.",
            "Another synthetic sub-heading",
            "3. The third synthetic paragraph.",
        ),
        "en",
    )
    assert doc.outline() == [
        ("heading", 1, "I", None, (), "Introduction"),
        ("paragraph", None, None, "1", ("I",), "The first synthetic paragraph."),
        ("heading", 2, None, None, ("I",), "Synthetic sub-heading"),
        (
            "paragraph",
            None,
            None,
            "2",
            ("I", "Synthetic sub-heading"),
            "The second synthetic paragraph.",
        ),
        ("heading", 2, None, None, ("I",), "Another synthetic sub-heading"),
        (
            "paragraph",
            None,
            None,
            "3",
            ("I", "Another synthetic sub-heading"),
            "The third synthetic paragraph.",
        ),
    ]


# -- 2. an unnumbered sub-heading right under a numbered heading ------------------------------
@pytest.mark.parametrize(
    ("lines", "path", "sub"),
    [
        (["一. 合成的导言"], ("一",), 2),
        (["一. 合成的导言", "A. 合成的节标题"], ("一", "A"), 3),
        # Lettered headings are level 4 (subsections 1., 2. are level 3): one below is 5.
        (["一. 合成的导言", "A. 合成的节标题", "(a) 合成的字母标题"], ("一", "A", "(a)"), 5),
    ],
    ids=["under-a-chapter", "under-a-section", "under-a-lettered-heading"],
)
def test_an_unnumbered_sub_heading_right_under_a_numbered_heading(
    lines: list[str], path: tuple[str, ...], sub: int
) -> None:
    doc = parse(
        plain(
            *lines, "合成的小标题", "1. 合成的第一段。", "合成的另一个小标题", "2. 合成的第二段。"
        )
    )
    assert doc.outline()[len(lines) :] == [
        ("heading", sub, None, None, path, "合成的小标题"),
        ("paragraph", None, None, "1", (*path, "合成的小标题"), "合成的第一段。"),
        ("heading", sub, None, None, path, "合成的另一个小标题"),
        ("paragraph", None, None, "2", (*path, "合成的另一个小标题"), "合成的第二段。"),
    ]


def test_an_unnumbered_sub_heading_right_under_a_chapter_in_english() -> None:
    doc = parse(
        plain(
            "I. Introduction",
            "A. Synthetic section",
            "Synthetic sub-heading",
            "1. The first synthetic paragraph.",
        ),
        "en",
    )
    assert doc.outline()[2:] == [
        ("heading", 3, None, None, ("I", "A"), "Synthetic sub-heading"),
        (
            "paragraph",
            None,
            None,
            "1",
            ("I", "A", "Synthetic sub-heading"),
            "The first synthetic paragraph.",
        ),
    ]


def test_a_sentence_under_a_numbered_heading_stays_a_paragraph() -> None:
    doc = parse(plain("一. 合成的导言", "这是一段没有编号的合成文字。", "1. 合成的第一段。"))
    assert doc.outline()[1] == (
        "paragraph",
        None,
        None,
        None,
        ("一",),
        "这是一段没有编号的合成文字。",
    )


# -- 3. a heading wrapped over two lines -------------------------------------------------------
BODY = "合成的正文文字用于说明版面上的折行宽度每一行都在同样的宽度处折断直到段落结束为止。" * 2


def wrapped(text: str, width: int = 30) -> list[str]:
    """`text` cut into lines of `width` characters, as a hard-wrapping extraction gives it."""
    return [text[i : i + width] for i in range(0, len(text), width)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("二. 一个很长的合成章标题在版面上折成两行而第二行很短合成", "章标题"),  # fills the line
        ("二. 合成章标题折在助词之后的", "合成章标题"),  # stops on a particle
        ("二. 合成章标题折在逗号之后，", "合成章标题"),  # stops on a comma
    ],
    ids=["full-line", "after-a-particle", "after-a-comma"],
)
def test_a_chapter_title_wrapped_onto_a_second_line_is_one_heading(first: str, second: str) -> None:
    doc = parse(
        plain(
            "一. 合成的导言",
            *wrapped("1. " + BODY),
            first,
            second,
            *wrapped("2. " + BODY),
            "三. 合成的短章标题",
            "合成的小标题",
            *wrapped("3. " + BODY),
        )
    )
    title = first.removeprefix("二. ") + second
    assert [
        (r.kind, r.level, r.label, r.path, r.text) for r in doc.records if r.kind == "heading"
    ] == [
        ("heading", 1, "一", (), "合成的导言"),
        ("heading", 1, "二", (), title),
        ("heading", 1, "三", (), "合成的短章标题"),
        # A short title does not wrap: the short line after it is a sub-heading (rule 2).
        ("heading", 2, None, ("三",), "合成的小标题"),
    ]
    assert [r.path for r in doc.records if r.para] == [("一",), ("二",), ("三", "合成的小标题")]
    assert [r.text for r in doc.records if r.para] == [BODY] * 3


def test_an_english_chapter_title_wrapped_onto_a_second_line_is_one_heading() -> None:
    doc = parse(
        plain(
            "I. Introduction",
            "1. The first synthetic paragraph.",
            "II. Technical assistance for synthetic reports on the implementation of the",
            "synthetic conventions",
            "2. The second synthetic paragraph.",
        ),
        "en",
    )
    assert doc.outline()[2:] == [
        (
            "heading",
            1,
            "II",
            None,
            (),
            "Technical assistance for synthetic reports on the implementation of the synthetic"
            " conventions",
        ),
        ("paragraph", None, None, "2", ("II",), "The second synthetic paragraph."),
    ]


def test_an_english_chapter_title_that_fills_its_line_wraps() -> None:
    body = (
        "The synthetic body text shows the width at which the lines of this synthetic report"
        " wrap, each line cut at the same width until the paragraph ends."
    )
    doc = parse(
        plain(
            "I. Introduction",
            *textwrap.wrap("1. " + body, 60),
            *textwrap.wrap("2. " + body, 60),
            # Stops on a word that may end a title: only the full line shows that it wraps.
            "II. Technical assistance activities at the regional and national",
            "Levels of Member States",
            *textwrap.wrap("3. " + body, 60),
            "III. Short chapter",
            "Synthetic sub-heading",
            *textwrap.wrap("4. " + body, 60),
        ),
        "en",
    )
    assert [(r.level, r.label, r.path, r.text) for r in doc.records if r.kind == "heading"] == [
        (1, "I", (), "Introduction"),
        (
            1,
            "II",
            (),
            "Technical assistance activities at the regional and national Levels of Member States",
        ),
        (1, "III", (), "Short chapter"),
        (2, None, ("III",), "Synthetic sub-heading"),
    ]
    assert [r.path for r in doc.records if r.para] == [
        ("I",),
        ("I",),
        ("II",),
        ("III", "Synthetic sub-heading"),
    ]
