"""The parser follows the layout rules of UN documents, not the quirks of the bundled files.

Every document here is synthetic: a few lines of made-up Chinese ("合成" = synthetic) laid out
the way the field notes (shared/notes/field-notes.md, "The source documents") say other
documents of this family will come: fullwidth full stops in numbers and labels, unnumbered
sub-headings, numbered recommendation lists inside a paragraph, footnote marks fused into the
text and into years, URLs broken inside footnotes, headings wrapped onto two lines, page
furniture between pages (running headers, job numbers), and paragraphs interrupted by a
footnote block and continued on the next page.

Sources are written as a PDF extraction (pdftotext) writes them, like 000 in the corpus: every
line is followed by an empty line; a line that ends a block ends with a space (written "¶"
below), a line that wraps inside a block does not; a page starts with a line indented by one
space. Every parse is also checked by the lossless accounting: each character of the source is
in a record, a footnote or the metadata, or dropped as page furniture with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from assembler.corpus.accounting import account_source
from assembler.corpus.assemble import Parsed, block_record, build_document
from assembler.corpus.model import Item, Note, Record
from assembler.corpus.parse import ParsedSource, parse_source
from assembler.corpus.sources import Sidecar, Source

RULE = "__________________¶"  # the separator rule above the footnotes of a page


def pdf(*lines: str) -> str:
    """The text of a PDF extraction: "¶" at the end of a line stands for the trailing space
    that marks the end of a block; every line is followed by an empty line."""
    return "".join((line[:-1] + " " if line.endswith("¶") else line) + "\n\n" for line in lines)


@dataclass(frozen=True)
class Parse:
    parsed: ParsedSource
    records: list[Record]

    def outline(self) -> list[tuple[str, int | None, str | None, str | None, str]]:
        """(kind, level, label, paragraph number, text) of each record, in reading order."""
        return [(r.kind, r.level, r.label, r.para, r.text) for r in self.records]

    def para(self, number: int) -> Record:
        (record,) = [r for r in self.records if r.para == str(number)]
        return record

    def heading(self, text: str) -> Record:
        (record,) = [r for r in self.records if r.kind == "heading" and r.text == text]
        return record


def parse(text: str, *, warnings: tuple[str, ...] = ()) -> Parse:
    """Parse a synthetic source; its accounting must be clean and it must warn of nothing
    (unless told which warnings to expect)."""
    parsed = parse_source("synthetic.txt", text)
    records = [block_record(block, "synthetic.txt", "zh") for block in parsed.blocks]
    assert account_source(parsed, records).problems == []
    assert parsed.warnings == list(warnings)
    return Parse(parsed, records)


def paragraphs(first: int, last: int) -> list[str]:
    """Short one-line paragraphs first..last, numbered with fullwidth full stops."""
    return [f"{n}．合成的第 {n} 段。¶" for n in range(first, last + 1)]


# -- fullwidth full stops ------------------------------------------------------------------
def test_fullwidth_full_stops_in_paragraph_numbers_and_section_labels() -> None:
    doc = parse(
        pdf(
            "一．合成的导言¶",
            *paragraphs(1, 44),
            "E．合成的节标题¶",
            "45．这是合成的第四十五段，它的编号用全角句点，文字折到",
            "下一行。¶",
            "46．合成的第四十六段。¶",
        )
    )
    assert doc.outline()[0] == ("heading", 1, "一", None, "合成的导言")
    assert doc.heading("合成的节标题").label == "E"
    assert doc.heading("合成的节标题").level == 2
    assert [r.para for r in doc.records if r.para] == [str(n) for n in range(1, 47)]
    assert doc.para(45).text == "这是合成的第四十五段，它的编号用全角句点，文字折到下一行。"
    assert doc.para(45).path == ("一", "E")
    assert doc.para(46).text == "合成的第四十六段。"


def test_a_paragraph_number_with_a_fullwidth_full_stop_may_be_followed_by_a_year() -> None:
    # "46．2008 年": a fullwidth full stop is never a decimal point in UN Chinese text; an
    # ASCII "1.5" at the start of a wrapped line is a number inside the paragraph.
    doc = parse(
        pdf(
            "一．合成的导言¶",
            *paragraphs(1, 45),
            "46．2008 年，合成的数字增加了",
            "1.5 倍。¶",
            "47．合成的第四十七段。¶",
        )
    )
    assert doc.para(46).text == "2008 年，合成的数字增加了1.5 倍。"
    assert doc.para(45).text == "合成的第 45 段。"
    assert doc.para(47).text == "合成的第四十七段。"


# -- unnumbered sub-headings --------------------------------------------------------------
@pytest.mark.parametrize(
    "gap",
    [[], [" "]],
    ids=["adjacent", "set-off-by-whitespace-lines"],
)
def test_an_unnumbered_sub_heading_between_numbered_paragraphs(gap: list[str]) -> None:
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．合成的第一段，文字较长，折到",
            "下一行。¶",
            *gap,
            "合成的无编号小标题¶",
            *gap,
            "2．合成的第二段。¶",
        )
    )
    assert doc.outline() == [
        ("heading", 1, "一", None, "合成的导言"),
        ("paragraph", None, None, "1", "合成的第一段，文字较长，折到下一行。"),
        ("heading", 2, None, None, "合成的无编号小标题"),
        ("paragraph", None, None, "2", "合成的第二段。"),
    ]
    assert doc.para(2).path == ("一", "合成的无编号小标题")


def test_a_short_last_line_of_a_paragraph_is_not_a_sub_heading() -> None:
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．合成的第一段，它的最后一行很短，但以句号结束，",
            "是段落的一部分。¶",
            "2．合成的第二段。¶",
        )
    )
    assert [r.kind for r in doc.records] == ["heading", "paragraph", "paragraph"]


# -- numbered recommendation lists ----------------------------------------------------------
def test_a_numbered_recommendation_list_inside_a_paragraph_is_items_not_paragraphs() -> None:
    recommendations = [f"{n}. 合成的第 {n} 项建议；¶" for n in range(1, 26)]
    doc = parse(
        pdf(
            "四．结论和建议¶",
            *paragraphs(1, 4),
            "5．委员会不妨审议下列合成的建议，其中第一项较长，在版面上",
            "折行：¶",
            "1. 合成的第 1 项建议，它比其他各项长，文字折到",
            "下一行；¶",
            *recommendations[1:],
            "26. 合成的第 26 项建议。¶",
            "6．合成的第六段，在清单之后，编号接着上一段。¶",
            "7．合成的第七段。¶",
        )
    )
    # Items "5." and "6." of the list are not paragraphs 5 and 6: the list runs in sequence
    # from the colon that introduced it to its last item, and the paragraphs go on after it.
    assert [r.para for r in doc.records if r.para] == ["1", "2", "3", "4", "5", "6", "7"]
    five = doc.para(5)
    assert five.text == "委员会不妨审议下列合成的建议，其中第一项较长，在版面上折行："
    assert [item.label for item in five.items] == [f"{n}." for n in range(1, 27)]
    assert five.items[0] == Item("1.", "合成的第 1 项建议，它比其他各项长，文字折到下一行；")
    assert five.items[5] == Item("6.", "合成的第 6 项建议；")
    assert five.items[-1] == Item("26.", "合成的第 26 项建议。")
    assert doc.para(6).text == "合成的第六段，在清单之后，编号接着上一段。"
    assert doc.para(6).items == ()


# -- footnotes ------------------------------------------------------------------------------
def test_a_footnote_mark_glued_to_a_year_and_one_after_a_final_full_stop() -> None:
    # This excerpt starts in the middle of the footnote sequence (its first note is 14), as an
    # extraction that lost its first pages does: a note under a separator rule opens it.
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．这些合成数据由秘书处整理。142008 年的合成数据",
            "见下文。¶",
            RULE,
            " 14 合成的脚注：数据来自一项合成调查。¶",
            " 2．合成的第二段，另见合成的说明。15¶",
            RULE,
            " 15 合成的第二个脚注。¶",
            " 3．合成的第三段。¶",
        )
    )
    one = doc.para(1)
    assert one.text == "这些合成数据由秘书处整理。2008 年的合成数据见下文。"
    assert one.notes == (Note("14", "合成的脚注：数据来自一项合成调查。", None, 13),)
    assert one.text[: one.notes[0].offset].endswith("整理。")
    # A paragraph whose last sentence ends with a mark is a paragraph, not a heading.
    two = doc.para(2)
    assert (two.kind, two.text) == ("paragraph", "合成的第二段，另见合成的说明。")
    assert two.notes == (Note("15", "合成的第二个脚注。", None, 15),)
    assert doc.outline()[-1] == ("paragraph", None, None, "3", "合成的第三段。")
    assert doc.parsed.dropped == {"separator": 36}


URL = "http://www.example.org/documents/synthetic_report-2008.pdf"


@pytest.mark.parametrize(
    "note_lines",
    [
        [" 1 合成报告见 http://www.example.org/documents/", "synthetic_report-2008.pdf。¶"],
        [" 1 合成报告见 http://www.example.org/documents/synthe", "tic_report-2008.pdf。¶"],
        [" 1 合成报告见 http://www.example.org/documents/synthetic_report", "-2008.pdf。¶"],
        [" 1 合成报告见", "http://www.example.org/documents/synthetic", "_report-2008.pdf。¶"],
    ],
    ids=["after-slash", "inside-a-word", "before-hyphen", "on-lines-of-its-own"],
)
def test_a_url_broken_across_lines_inside_a_footnote_is_one_url(note_lines: list[str]) -> None:
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．合成的第一段，引用一份合成报告。1¶",
            RULE,
            *note_lines,
            " 2．合成的第二段。¶",
        )
    )
    (note,) = doc.para(1).notes
    assert URL in note.text
    assert note.text.replace(" ", "") == f"合成报告见{URL}。"
    assert doc.para(1).refs == ()  # an example.org URL cites no UN document
    assert doc.para(2).text == "合成的第二段。"


def test_a_url_at_the_end_of_a_footnote_line_does_not_swallow_the_next_words() -> None:
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．合成的第一段。1¶",
            RULE,
            " 1 See http://www.example.org/synthetic",
            "for the synthetic report.¶",
            " 2．合成的第二段。¶",
        )
    )
    assert doc.para(1).notes[0].text == (
        "See http://www.example.org/synthetic for the synthetic report."
    )


# -- headings that wrap -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("label", "level", "title"),
    [
        ("二．", 1, "一个很长的合成章标题，在版面上折成两行"),
        ("A．", 2, "一个很长的合成节标题，在版面上折成两行"),
        ("1. ", 3, "一个很长的合成分节标题，在版面上折成两行"),
        ("(a) ", 4, "一个很长的合成字母标题，在版面上折成两行"),
        ("", 2, "一个很长的合成无编号小标题，在版面上折成两行"),
    ],
    ids=["chapter", "section", "subsection", "lettered", "unnumbered"],
)
def test_a_heading_that_wraps_onto_two_lines_is_one_heading(
    label: str, level: int, title: str
) -> None:
    first, second = title[:-4], title[-4:]
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．合成的第一段。¶",
            label + first,  # wrapped: no trailing space
            second + "¶",  # the heading ends here
            "2．合成的第二段。¶",
        )
    )
    heading = doc.records[2]
    printed = label.strip().rstrip("．.") or None
    assert (heading.kind, heading.level, heading.label, heading.text) == (
        "heading",
        level,
        printed,
        title,
    )
    assert doc.para(1).text == "合成的第一段。"
    assert doc.para(2).text == "合成的第二段。"
    assert doc.para(2).path[-1] == (printed or title)


# -- page furniture and paragraphs across pages -------------------------------------------------
def test_running_headers_and_job_numbers_between_pages_are_dropped_and_counted() -> None:
    text = pdf(
        "一．合成的导言¶",
        "1．合成的第一段在这一页的末尾被分开，",
        "V.07-80567 (C)¶",
        "*0780567*¶",
        "6 / E/CN.15/2007/9¶",
        " 在下一页接着写完。¶",
        "2．合成的第二段。¶",
        "E/CN.15/2007/9 / 7¶",
        " 3．合成的第三段。¶",
    )
    doc = parse(text)
    assert doc.outline() == [
        ("heading", 1, "一", None, "合成的导言"),
        ("paragraph", None, None, "1", "合成的第一段在这一页的末尾被分开，在下一页接着写完。"),
        ("paragraph", None, None, "2", "合成的第二段。"),
        ("paragraph", None, None, "3", "合成的第三段。"),
    ]
    # Dropped characters are counted without spaces, by reason.
    assert doc.parsed.dropped == {
        "job-number": len("V.07-80567(C)") + len("*0780567*"),
        "running-header": len("6/E/CN.15/2007/9") + len("E/CN.15/2007/9/7"),
    }
    assert dict(doc.parsed.running_symbols) == {"E/CN.15/2007/9": 2}
    # The symbol printed only in the running headers becomes the document's symbol.
    source = Source(Path("synthetic.txt"), text, "0" * 64, Sidecar())
    meta = build_document([Parsed(source, doc.parsed)]).meta
    assert (meta.id, meta.symbol) == ("E-CN.15-2007-9", "E/CN.15/2007/9")
    assert meta.body == "预防犯罪和刑事司法委员会"


@pytest.mark.parametrize(
    "page_foot",
    [
        [RULE, " 1 合成的脚注，在页脚。¶", "V.07-80567 (C)¶", "6 / E/CN.15/2007/9¶"],
        ["                             ", "1  合成的脚注，在页脚。¶"],
    ],
    ids=["under-a-separator-rule", "set-off-by-a-wide-gap"],
)
def test_a_paragraph_interrupted_by_a_footnote_block_continues_on_the_next_page(
    page_foot: list[str],
) -> None:
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．合成的第一段引用了一个脚注，1然后在这一页的",
            "末尾被分开，",
            *page_foot,
            " 在下一页接着写完。¶",
            "2．合成的第二段。¶",
        )
    )
    one = doc.para(1)
    assert one.text == "合成的第一段引用了一个脚注，然后在这一页的末尾被分开，在下一页接着写完。"
    assert one.notes == (
        Note("1", "合成的脚注，在页脚。", None, len("合成的第一段引用了一个脚注，")),
    )
    assert [r.para for r in doc.records if r.kind == "paragraph"] == ["1", "2"]


def test_a_number_opening_a_line_is_not_taken_for_a_footnote_mark() -> None:
    # Note 1 has no mark in the text before it: the "1" of "1．" is a paragraph number. The
    # note is kept with the document's notes and reported, never silently lost.
    doc = parse(
        pdf(
            "一．合成的导言¶",
            "1．合成的第一段，没有脚注标记。¶",
            RULE,
            " 1 一个没有被引用的合成脚注。¶",
            " 2．合成的第二段。¶",
        ),
        warnings=(
            "line 7: footnote 1 is not cited in the text before it; kept with the document's notes",
        ),
    )
    assert doc.para(1).notes == ()
    assert doc.parsed.doc_notes == [Note("1", "一个没有被引用的合成脚注。")]
