"""A whole synthetic Secretary-General report that no rule was written for, laid out as a
hard-wrapping extraction gives it (every line may end a block, lines wrap at one width, page
furniture between pages): every paragraph sits under the right headings, the recommendation
list is grouped items, the footnote cut at a page break is whole, and the doubts are said.
"合成" = synthetic: none of this is UN text.
"""

from __future__ import annotations

from pathlib import Path

from assembler.corpus.accounting import account_source
from assembler.corpus.assemble import Parsed, block_record, build_document
from assembler.corpus.model import Item, Note
from assembler.corpus.parse import parse_source
from assembler.corpus.sources import Sidecar, Source

WIDTH = 30
BODY = "合成的正文用于说明版面上的折行宽度每一行都在同样的宽度处折断直到这一段结束为止。"


def wrapped(text: str) -> list[str]:
    return [text[i : i + WIDTH] for i in range(0, len(text), WIDTH)]


def paragraph(number: int, extra: str = "") -> list[str]:
    return wrapped(f"{number}. {BODY}{extra}")


def report() -> str:
    lines = [
        "一. 导言",
        *paragraph(1),
        *paragraph(2),
        # A chapter title that fills its line and wraps onto a second one.
        "二. 合成的技术援助活动在各区域和各国家层面的执行情况以及",
        "相关的合成评估",
        "A. 合成的区域活动",
        "合成的非洲区域",  # right under a section: a sub-heading
        *paragraph(3),
        *paragraph(4),
        "合成的亚洲区域",  # its sibling
        *paragraph(5, "1"),
        "__________________",
        "1 合成报告见 http://www.example.org/documents/",
        "2 / E/CN.15/2099/9",
        "synthetic_report.pdf。",
        *paragraph(6),
        "合成的欧洲区域",
        *paragraph(7),
        "B. 合成的国家活动",
        *paragraph(8),
        "三. 结论和建议",
        *paragraph(9),
        "10. 建议大会考虑以下措施：",
        "合成的预防措施",
        "1. 合成的第一项建议；",
        "2. 合成的第二项建议；",
        "合成的司法措施",
        "3. 合成的第三项建议；",
        "4. 合成的第四项建议。",
        *paragraph(11),
        "附件",
        "1. 合成附件的第一段。",
        "2. 合成附件的第二段。",
    ]
    return "".join(f"{line}\n" for line in lines)


def test_every_paragraph_of_an_untuned_report_sits_under_the_right_headings() -> None:
    text = report()
    parsed = parse_source("report.txt", text)
    records = [block_record(block, "report.txt", "zh") for block in parsed.blocks]
    assert account_source(parsed, records).problems == []

    chapter_two = "合成的技术援助活动在各区域和各国家层面的执行情况以及相关的合成评估"
    assert [(r.kind, r.level, r.label, r.text) for r in records if r.kind == "heading"] == [
        ("heading", 1, "一", "导言"),
        ("heading", 1, "二", chapter_two),
        ("heading", 2, "A", "合成的区域活动"),
        ("heading", 3, None, "合成的非洲区域"),
        ("heading", 3, None, "合成的亚洲区域"),
        ("heading", 3, None, "合成的欧洲区域"),
        ("heading", 2, "B", "合成的国家活动"),
        ("heading", 1, "三", "结论和建议"),
        ("heading", 1, None, "附件"),
    ]
    paths = {r.para or f"annex {r.label}": r.path for r in records if r.kind == "paragraph"}
    assert paths == {
        "1": ("一",),
        "2": ("一",),
        "3": ("二", "A", "合成的非洲区域"),
        "4": ("二", "A", "合成的非洲区域"),
        "5": ("二", "A", "合成的亚洲区域"),
        "6": ("二", "A", "合成的亚洲区域"),
        "7": ("二", "A", "合成的欧洲区域"),
        "8": ("二", "B"),
        "9": ("三",),
        "10": ("三",),
        "11": ("三",),
        "annex 1": ("附件",),
        "annex 2": ("附件",),
    }
    by_para = {r.para: r for r in records if r.para}
    assert all(by_para[str(n)].text == BODY for n in (1, 2, 3, 4, 6, 7, 8, 9, 11))
    assert by_para["5"].notes == (
        Note("1", "合成报告见 http://www.example.org/documents/synthetic_report.pdf。", None, 40),
    )
    assert by_para["10"].text == "建议大会考虑以下措施："
    assert by_para["10"].items == (
        Item("1.", "合成的第一项建议；", "合成的预防措施"),
        Item("2.", "合成的第二项建议；", "合成的预防措施"),
        Item("3.", "合成的第三项建议；", "合成的司法措施"),
        Item("4.", "合成的第四项建议。", "合成的司法措施"),
    )

    source = Source(Path("report.txt"), text, "0" * 64, Sidecar())
    meta = build_document([Parsed(source, parsed)]).meta
    assert (meta.id, meta.symbol) == ("E-CN.15-2099-9", "E/CN.15/2099/9")
    assert meta.warnings == (
        "report.txt: line 20: footnote 1 stopped mid-URL or mid-sentence at a page break and is"
        " read as going on here; check the join",
        "report.txt: line 42: the numbering restarts at 1 in the annex after paragraph 11;"
        " these paragraphs keep their numbers as labels",
    )
