"""Footnotes on documents nobody tuned the rules for: a footnote's text goes on after a page
break (a URL cut at the page's end, a sentence stopped on a comma) and after a URL line, and
its tail is not read into the next paragraph's body. The join is said, with its line.

Synthetic documents in plain extracted text ("合成" = synthetic), each parse checked by the
lossless accounting.
"""

from __future__ import annotations

import pytest

from assembler.corpus.accounting import account_source
from assembler.corpus.assemble import block_record
from assembler.corpus.model import Note, Record
from assembler.corpus.parse import ParsedSource, parse_source

RULE = "__________________"
URL = "http://www.example.org/documents/synthetic_report-2008.pdf"


def parse(
    text: str, lang: str = "zh", *, warnings: tuple[str, ...] = ()
) -> tuple[ParsedSource, list[Record]]:
    parsed = parse_source("synthetic.txt", text, lang)
    records = [block_record(block, "synthetic.txt", lang) for block in parsed.blocks]
    assert account_source(parsed, records).problems == []
    assert parsed.warnings == list(warnings)
    return parsed, records


def plain(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def para(records: list[Record], number: str) -> Record:
    (record,) = [r for r in records if r.para == number]
    return record


@pytest.mark.parametrize(
    "page_break",
    [
        ["2 / E/CN.15/2099/9"],  # a running header with the page number
        ["V.99-00000 (C)", "*9900000*", "E/CN.15/2099/9"],  # job number, barcode, header
        [RULE],  # the tail printed under the next page's separator rule
    ],
    ids=["running-header", "job-number-and-header", "next-pages-rule"],
)
def test_a_url_cut_at_a_page_break_goes_on_in_its_footnote(page_break: list[str]) -> None:
    _, records = parse(
        plain(
            "一. 合成的导言",
            "1. 合成的第一段，引用一份合成报告。1",
            RULE,
            "1 合成报告见 http://www.example.org/documents/",
            *page_break,
            "synthetic_report-2008.pdf。",
            "2. 合成的第二段。",
        ),
        warnings=(
            f"line {5 + len(page_break)}: footnote 1 stopped mid-URL or mid-sentence at a page"
            " break and is read as going on here; check the join",
        ),
    )
    assert para(records, "1").text == "合成的第一段，引用一份合成报告。"
    assert para(records, "1").notes == (Note("1", f"合成报告见 {URL}。", None, 16),)
    assert para(records, "2").text == "合成的第二段。"


def test_a_footnote_sentence_cut_on_a_comma_at_a_page_break_goes_on() -> None:
    _, records = parse(
        plain(
            "一. 合成的导言",
            "1. 合成的第一段。1",
            RULE,
            "1 合成的脚注在这一页的末尾被分开，",
            "2 / E/CN.15/2099/9",
            "在下一页继续。",
            "2. 合成的第二段。",
        ),
        warnings=(
            "line 6: footnote 1 stopped mid-URL or mid-sentence at a page break and is read as"
            " going on here; check the join",
        ),
    )
    assert para(records, "1").notes[0].text == "合成的脚注在这一页的末尾被分开，在下一页继续。"


def test_a_footnote_that_ended_does_not_take_the_next_pages_text() -> None:
    _, records = parse(
        plain(
            "一. 合成的导言",
            "1. 合成的第一段在这一页的末尾被分开，1",
            RULE,
            "1 合成的脚注。",
            "2 / E/CN.15/2099/9",
            "在下一页继续。",
            "2. 合成的第二段。",
        )
    )
    assert para(records, "1").text == "合成的第一段在这一页的末尾被分开，在下一页继续。"
    assert para(records, "1").notes[0].text == "合成的脚注。"


def test_footnote_text_goes_on_after_a_url_line() -> None:
    _, records = parse(
        plain(
            "一. 合成的导言",
            "1. 合成的第一段，引用一份合成报告。1",
            RULE,
            "1 合成报告见",
            URL,
            "第 3 页。",
            "2. 合成的第二段。",
        )
    )
    assert para(records, "1").text == "合成的第一段，引用一份合成报告。"
    assert para(records, "1").notes[0].text == f"合成报告见{URL}第 3 页。"
    assert para(records, "2").text == "合成的第二段。"


def test_an_english_url_cut_at_a_page_break_goes_on_in_its_footnote() -> None:
    _, records = parse(
        plain(
            "I. Introduction",
            "1. The first synthetic paragraph cites a synthetic report.1",
            RULE,
            "1 See http://www.example.org/documents/",
            "2/18",
            "V.99-00000",
            "synthetic_report-2008.pdf.",
            "2. The second synthetic paragraph.",
        ),
        "en",
        warnings=(
            "line 7: footnote 1 stopped mid-URL or mid-sentence at a page break and is read as"
            " going on here; check the join",
        ),
    )
    assert para(records, "1").notes[0].text == f"See {URL}."
    assert para(records, "2").text == "The second synthetic paragraph."
