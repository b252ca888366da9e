"""Lists on documents nobody tuned the rules for: a numbered list inside a paragraph, grouped
under unnumbered group headings, becomes items that carry their group; numbering that restarts
at 1 (a new list, an annex's own paragraphs) is read as a restart, and said.

Synthetic documents in plain extracted text ("合成" = synthetic), each parse checked by the
lossless accounting.
"""

from __future__ import annotations

import json

from assembler.cli.corpus_browse import format_record
from assembler.corpus import store
from assembler.corpus.accounting import account_source
from assembler.corpus.assemble import block_record
from assembler.corpus.model import Item, Record
from assembler.corpus.parse import parse_source


def parse(text: str, lang: str = "zh", *, warnings: tuple[str, ...] = ()) -> list[Record]:
    parsed = parse_source("synthetic.txt", text, lang)
    records = [block_record(block, "synthetic.txt", lang) for block in parsed.blocks]
    assert account_source(parsed, records).problems == []
    assert parsed.warnings == list(warnings)
    return records


def plain(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def para(records: list[Record], number: str) -> Record:
    (record,) = [r for r in records if r.para == number]
    return record


# -- 4. a grouped list inside a paragraph -------------------------------------------------------
GROUPS = {
    "合成的预防措施": range(1, 10),
    "合成的刑事司法措施": range(10, 20),
    "合成的国际合作": range(20, 27),
}


def grouped_list() -> list[str]:
    lines: list[str] = []
    for group, numbers in GROUPS.items():
        lines.append(group)
        lines += [f"{n}. 合成的第 {n} 项建议{'。' if n == 26 else '；'}" for n in numbers]
    return lines


def test_a_grouped_recommendation_list_is_items_that_carry_their_group() -> None:
    records = parse(
        plain(
            "四. 结论和建议",
            *[f"{n}. 合成的第 {n} 段。" for n in range(1, 5)],
            "5. 建议大会考虑以下措施：",
            *grouped_list(),
            "6. 合成的第六段，在清单之后。",
        )
    )
    five = para(records, "5")
    assert five.text == "建议大会考虑以下措施："
    assert five.items == tuple(
        Item(f"{n}.", f"合成的第 {n} 项建议{'。' if n == 26 else '；'}", group)
        for group, numbers in GROUPS.items()
        for n in numbers
    )
    # Items 6. and 10. are not paragraphs 6 and 10, and no group heading is a sub-heading.
    assert [r.para for r in records if r.para] == ["1", "2", "3", "4", "5", "6"]
    assert [r.text for r in records if r.kind == "heading"] == ["结论和建议"]
    assert para(records, "6").path == ("四",)
    assert para(records, "6").items == ()


def test_a_grouped_lettered_list_in_english() -> None:
    records = parse(
        plain(
            "I. Conclusions",
            "1. The Assembly may wish to consider the following measures:",
            "Synthetic prevention",
            "(a) A first synthetic measure;",
            "(b) A second synthetic measure;",
            "Synthetic cooperation",
            "(c) A third synthetic measure.",
            "2. The second synthetic paragraph.",
        ),
        "en",
    )
    assert para(records, "1").items == (
        Item("(a)", "A first synthetic measure;", "Synthetic prevention"),
        Item("(b)", "A second synthetic measure;", "Synthetic prevention"),
        Item("(c)", "A third synthetic measure.", "Synthetic cooperation"),
    )
    assert para(records, "2").text == "The second synthetic paragraph."


def test_a_short_line_after_an_item_that_does_not_end_its_clause_is_item_text() -> None:
    records = parse(
        plain(
            "一. 合成的导言",
            "1. 建议大会：",
            "1. 合成的第一项建议，它在下一行",
            "继续",
            "2. 合成的第二项建议。",
        )
    )
    assert para(records, "1").items == (
        Item("1.", "合成的第一项建议，它在下一行继续"),
        Item("2.", "合成的第二项建议。"),
    )


def test_an_item_group_is_in_the_record_only_when_there_is_one() -> None:
    record = Record(
        doc="d",
        lang="zh",
        seq=1,
        kind="paragraph",
        level=None,
        label=None,
        para="1",
        path=(),
        text="合成：",
        items=(Item("1.", "甲；", "合成组"), Item("2.", "乙。")),
    )
    data = json.loads(store.record_json(record))
    # Records without groups stay byte-identical to those written before groups existed.
    assert data["items"] == [
        {"label": "1.", "text": "甲；", "group": "合成组"},
        {"label": "2.", "text": "乙。"},
    ]
    assert store.record_from_json(data) == record


# -- 6. numbering that restarts ----------------------------------------------------------------
def test_an_item_list_restarts_at_1_in_the_next_paragraph() -> None:
    records = parse(
        plain(
            "一. 合成的导言",
            "1. 合成的第一段列出：",
            "1. 合成的甲项；",
            "2. 合成的乙项。",
            "2. 合成的第二段另外列出：",
            "1. 合成的丙项；",
            "2. 合成的丁项。",
            "3. 合成的第三段。",
        )
    )
    assert [(r.para, [i.label for i in r.items]) for r in records if r.para] == [
        ("1", ["1.", "2."]),
        ("2", ["1.", "2."]),
        ("3", []),
    ]


def test_an_annex_that_numbers_its_paragraphs_from_1_is_a_restart_and_says_so() -> None:
    records = parse(
        plain(
            "一. 合成的导言",
            "1. 合成的第一段。",
            "2. 合成的第二段。",
            "附件",
            "1. 合成附件的第一段。",
            "2. 合成附件的第二段。",
        ),
        warnings=(
            "line 5: the numbering restarts at 1 in the annex after paragraph 2; these"
            " paragraphs keep their numbers as labels",
        ),
    )
    # The body's paragraph numbers stay unique: the annex's are labels.
    assert [(r.kind, r.label, r.para, r.path, r.text) for r in records[3:]] == [
        ("heading", None, None, (), "附件"),
        ("paragraph", "1", None, ("附件",), "合成附件的第一段。"),
        ("paragraph", "2", None, ("附件",), "合成附件的第二段。"),
    ]


def test_an_english_annex_restart() -> None:
    records = parse(
        plain(
            "I. Introduction",
            "1. The first synthetic paragraph.",
            "Annex",
            "1. The first synthetic annex paragraph.",
        ),
        "en",
        warnings=(
            "line 4: the numbering restarts at 1 in the annex after paragraph 1; these"
            " paragraphs keep their numbers as labels",
        ),
    )
    assert (records[-1].label, records[-1].para, records[-1].path) == ("1", None, ("Annex",))


def test_corpus_show_prints_group_headings_and_restarted_numbers() -> None:
    records = parse(
        plain(
            "一. 合成的导言",
            "1. 建议大会：",
            "合成的甲组",
            "1. 合成的甲项；",
            "合成的乙组",
            "2. 合成的乙项。",
            "附件",
            "1. 合成附件的第一段。",
        ),
        warnings=(
            "line 8: the numbering restarts at 1 in the annex after paragraph 1; these"
            " paragraphs keep their numbers as labels",
        ),
    )
    assert format_record(records[1]) == "\n".join(
        [
            "1. 建议大会：",
            "  合成的甲组",
            "    1. 合成的甲项；",
            "  合成的乙组",
            "    2. 合成的乙项。",
        ]
    )
    assert format_record(records[-1]) == "1. 合成附件的第一段。"
