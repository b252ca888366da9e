"""The bundled corpus as a user checks it: documents, exact paragraph text, headings, items,
footnotes, references, and that ingesting again gives the committed files byte for byte."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from support import reports_only

from assembler.corpus import store
from assembler.corpus.catalog import Corpus
from assembler.corpus.ingest import ingest
from assembler.corpus.model import Document, Record
from assembler.corpus.sources import list_sources

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Corpus(ROOT / "corpus")
REPORT_2019 = "ccpcj28-terrorism-ta"
REPORT_2007 = "E-CN.15-2007-9"


@pytest.fixture(scope="module")
def report() -> Document:
    return CORPUS.resolve(REPORT_2019)


@pytest.fixture(scope="module")
def report_2007() -> Document:
    return CORPUS.resolve("E/CN.15/2007/9")


def para(document: Document, number: int) -> Record:
    return next(r for r in document.records if r.para == str(number))


def test_the_corpus_holds_two_reports_and_six_resolutions() -> None:
    resolutions = [f"A-RES-78-{n}" for n in (223, 224, 225, 226, 227, 229)]
    assert CORPUS.ids() == [*resolutions, REPORT_2007, REPORT_2019]
    assert [CORPUS.languages(doc) for doc in resolutions] == [["en"]] * 6


def test_2019_report_is_two_sources_reconciled(report: Document) -> None:
    meta = report.meta
    assert [(s.name, s.role) for s in meta.sources] == [
        ("000_04cc4b375e09ec40.txt", "base"),
        ("002_14443a4334fef884.txt", "witness"),
    ]
    assert [r.para for r in report.paragraphs] == [str(n) for n in range(1, 128)]
    assert meta.counts["headings"] == 26
    # Its own symbol is not in the text ("E/CN.15/2019/1" is the provisional agenda): none is made up.
    assert meta.symbol == ""
    assert meta.title == "恐怖主义问题相关国际公约和议定书执行过程中的技术援助"
    assert meta.body == "预防犯罪和刑事司法委员会"
    assert (meta.session, meta.venue, meta.agenda_item) == (28, "维也纳", "6(c)")
    assert meta.dates is not None and (meta.dates.start, meta.dates.end) == (
        "2019-05-20",
        "2019-05-24",
    )
    assert meta.report_type == "秘书长的报告"
    assert meta.agenda_title == (
        "统一并协调联合国毒品和犯罪问题办公室及会员国在预防犯罪和刑事司法领域的工作："
        "批准并执行关于预防和打击恐怖主义的国际文书"
    )


def test_2007_report_takes_its_symbol_from_the_running_header(report_2007: Document) -> None:
    meta = report_2007.meta
    assert meta.symbol == "E/CN.15/2007/9"
    assert [r.para for r in report_2007.paragraphs] == [str(n) for n in range(1, 81)]
    assert meta.agenda_item == "4(c)"
    assert meta.body == "预防犯罪和刑事司法委员会"  # what the E/CN.15 series is, not a guess
    assert meta.dates is None and meta.session is None  # the cover page is lost: left empty
    assert meta.dropped == {"page-number": 1, "running-header": 14, "separator": 8}
    assert not any("E/CN.15/2007/9" in r.text for r in report_2007.records)


def test_paragraph_24_keeps_the_characters_002_lost_at_a_page_break(report: Document) -> None:
    assert para(report, 24).text == (
        "例如，在利比亚，毒品和犯罪问题办公室加强了从业人员收集和保护恐怖主义相关证据的必要技能。"
        "在黎巴嫩，办公室培训从业人员使用开源情报来源等特殊调查手段。"
    )


def test_paragraph_39_moves_the_fused_footnote_mark_into_notes(report: Document) -> None:
    record = para(report, 39)
    assert record.text.endswith("还在阿尔巴尼亚、科索沃、黑山和北马其顿举办了多场活动。")
    assert "、1黑山" not in record.text
    [note] = record.notes
    assert note.mark == "1"
    assert note.text == "提及科索沃之处应结合安全理事会第 1244 (1999)号决议理解。"
    assert record.text[: note.offset].endswith("科索沃、")
    assert "S/RES/1244(1999)" in record.refs


def test_paragraph_115_is_complete_although_002_truncates_it(report: Document) -> None:
    text = para(report, 115).text
    assert text.startswith("毒品和犯罪问题办公室将重点关注返回和转移的外国恐怖主义作战人员")
    assert text.endswith("并加强对恐怖主义行为受害者和证人的保护和支持。")


def test_paragraphs_crossing_page_breaks_are_one_record(report: Document) -> None:
    assert para(report, 15).text.endswith(
        "这些数据库可通过毒品和犯罪问题办公室知识管理门户即打击犯罪信息与法律网络共享平台（夏洛克数据库）获取。"
    )
    assert "司法机关、执法机关和学术界宝贵的" in para(report, 15).text
    assert "管理恐怖主义犯罪现场" in para(report, 115).text


def test_the_bullet_extraction_put_in_names_is_the_chinese_middle_dot(report: Document) -> None:
    assert "纳迪亚·穆拉德·巴塞·塔哈" in para(report, 55).text
    assert not any("•" in r.text for r in report.records)


def test_2019_headings_have_their_levels_labels_and_paths(report: Document) -> None:
    headings = report.headings
    assert Counter(h.level for h in headings) == {1: 4, 2: 3, 3: 7, 4: 12}
    chapters = [(h.label, h.text) for h in headings if h.level == 1]
    assert chapters == [
        ("一", "导言"),
        ("二", "提供技术援助"),
        ("三", "联合国毒品和犯罪问题办公室在预防和打击恐怖主义方面的优先事项"),
        ("四", "结论与意见"),
    ]
    lettered = next(h for h in headings if h.label == "(c)")
    assert lettered.text == "应对包括返回和转移的作战人员在内的外国恐怖主义作战人员造成的威胁"
    assert lettered.path == ("二", "A", "2")
    assert para(report, 38).path == ("二", "A", "2", "(c)")
    assert para(report, 82).path == ("二", "B", "1")


def test_the_summary_is_an_unnumbered_paragraph_under_its_heading(report: Document) -> None:
    first = report.records[0]
    assert (first.kind, first.para, first.path) == ("paragraph", None, ("摘要",))
    assert first.text.startswith(
        "本报告回顾联合国毒品和犯罪问题办公室 2018 年 1 月 1 日至 12 月 31 日期间"
    )
    assert first.refs == ("A/RES/72/194",)


def test_cover_footnotes_belong_to_the_document(report: Document) -> None:
    assert [(n.mark, n.text) for n in report.meta.notes] == [
        ("*", "E/CN.15/2019/1。"),
        ("**", "本报告在截止日期之后提交，是为了纳入最新信息。"),
    ]


def test_items_of_paragraph_21_of_the_2007_report(report_2007: Document) -> None:
    record = para(report_2007, 21)
    assert record.text.endswith("2006 年举办了以下 10 次次区域及区域讲习班，参与国超过了 82 个：")
    assert [i.label for i in record.items] == [f"({c})" for c in "abcdefghij"]
    first, third, last = record.items[0], record.items[2], record.items[-1]
    assert first.text.startswith("2006 年 2 月 7 日至 9 日在埃及的沙姆沙伊赫举行了关于执行国际反恐")
    assert first.text.endswith("届时将审查《沙姆沙伊赫宣言》的执行情况；")
    # A symbol split across lines ("A/60/820-S/2006/" + "265") is joined without a space.
    assert "（A/60/820-S/2006/265，附件）" in third.text
    assert last.text.endswith("并呼吁禁毒办及其相关合作伙伴继续为南共体成员国提供技术援助。")
    assert record.refs == ("A/60/845", "A/60/820-S/2006/265", "A/61/368-S/2006/756", "A/61/601")


def test_items_of_paragraphs_38_and_62_of_the_2007_report(report_2007: Document) -> None:
    assert [i.label for i in para(report_2007, 38).items] == ["(a)", "(b)", "(c)", "(d)", "(e)"]
    assert [i.label for i in para(report_2007, 62).items] == ["(a)", "(b)", "(c)", "(d)"]


def test_2007_footnotes_are_attached_where_their_marks_stood(report_2007: Document) -> None:
    notes_22 = para(report_2007, 22).notes
    assert [(n.mark, n.text) for n in notes_22] == [
        ("1", "联合国出版物，出售品编号：E.04.V.7。"),
        (
            "2",
            "在禁毒办网站上可获取全部四项文件：http://www.unodc.org/unodc/terrorism_tools.html。",
        ),
    ]
    text_22 = para(report_2007, 22).text
    assert text_22[: notes_22[0].offset].endswith("《国际反恐公约和议定书立法指南》、")
    assert text_22[: notes_22[1].offset].endswith("以及一部反恐示范法。")
    [note_3] = para(report_2007, 25).notes
    assert note_3.mark == "3" and para(report_2007, 25).text[: note_3.offset].endswith(
        "电子法律资源，"
    )
    marks_62 = [(n.mark, n.item) for n in para(report_2007, 62).notes]
    assert marks_62 == [("4", "(a)"), ("5", "(a)"), ("6", "(a)")]
    # Paragraph 23 is interrupted by footnotes 1-2 at a page foot and continues: one record.
    assert para(report_2007, 23).text.endswith(
        "预防恐怖主义处计划在其他次区域和区域准备着手开展国家立法和实践研究。"
    )
    assert "越南等国当前执行情况的差距" in para(report_2007, 23).text


def test_the_2007_annex_is_kept_under_its_heading(report_2007: Document) -> None:
    annex = [r for r in report_2007.records if r.path[:1] == ("附件",)]
    assert annex[0].text.startswith(
        "2002 年前至 2006 年 12 月 31 日提供给联合国预防犯罪和刑事司法基金"
    )
    assert [(n.mark, n.text) for n in annex[0].notes] == [("*", "包括未收认捐款 878 141 美元。")]
    assert any(r.text.startswith("总计 15 434 904") for r in annex)


def test_references_of_paragraph_3_are_normalised_security_council_symbols(
    report: Document,
) -> None:
    assert para(report, 3).refs == tuple(
        f"S/RES/{n}(2017)" for n in (2341, 2347, 2354, 2368, 2370, 2396)
    )
    assert para(report, 2).refs == ("A/RES/72/123", "A/RES/72/180", "A/RES/72/194", "A/RES/72/196")


def test_ingest_is_deterministic_and_matches_the_committed_records(tmp_path: Path) -> None:
    records_dir = tmp_path / "records"
    result = ingest(list_sources(CORPUS.sources_dir), records_dir)
    assert result.errors == []
    for name in sorted(p.name for p in CORPUS.records_dir.iterdir()):
        assert (records_dir / name).read_bytes() == (CORPUS.records_dir / name).read_bytes(), name


def test_records_round_trip_through_their_json(report: Document) -> None:
    for record in report.records:
        assert store.record_from_json(__import__("json").loads(store.record_json(record))) == record


def test_corpus_option_reads_another_corpus_root(tmp_path: Path) -> None:
    shutil.copytree(CORPUS.records_dir, tmp_path / "records", ignore=reports_only)
    assert Corpus(tmp_path).ids() == [REPORT_2007, REPORT_2019]
