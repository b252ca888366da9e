"""The pack model built from the example specs: what the writers will render. Excerpts keep
their text, numbers and footnotes; symbols link to undocs.org; glossing, the annex and script
conversion follow the spec."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import opencc
import pytest

from assembler.build.driver import Overrides, Prepared, load_terminology, prepare
from assembler.corpus.catalog import Corpus
from assembler.glossary.store import load_glossary
from assembler.model.pack import Excerpt, Pack, PageField, Span

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Corpus(ROOT / "corpus")
EXAMPLE = ROOT / "examples" / "ccpcj28-item6c.yaml"
MIXED = ROOT / "examples" / "ctta-2006-2018.yaml"


@cache
def built(spec: Path = EXAMPLE, script: str | None = None) -> Prepared:
    terms = load_terminology(ROOT / "glossary")
    return prepare(
        spec,
        CORPUS,
        terms.glossary,
        ROOT / "templates",
        Overrides(script=script),
        protected=terms.protected,
    )


def excerpts(pack: Pack) -> dict[str, Excerpt]:
    return {
        b.number: b
        for s in pack.sections
        for b in s.blocks
        if isinstance(b, Excerpt) and b.number is not None
    }


def plain(runs: tuple[Span, ...], *, glosses: bool = True) -> str:
    return "".join(s.text for s in runs if glosses or s.kind != "gloss")


def test_excerpts_keep_the_records_text_and_numbers() -> None:
    pack = built().pack
    document = CORPUS.resolve("ccpcj28-terrorism-ta")
    records = {r.para: r for r in document.paragraphs}
    shown = excerpts(pack)
    assert list(shown) == [
        *map(str, range(1, 9)), *map(str, range(30, 45)), "115",
        *map(str, range(82, 94)), "125", "126", "127",
    ]  # fmt: skip
    for number, excerpt in shown.items():
        assert plain(excerpt.passages[0].runs, glosses=False) == records[number].text


def test_the_kosovo_footnote_stands_where_its_mark_stood() -> None:
    excerpt = excerpts(built().pack)["39"]
    runs = excerpt.passages[0].runs
    at = next(i for i, s in enumerate(runs) if s.kind == "note")
    note = runs[at].note
    assert note is not None and note.mark == "1"
    assert plain(note.runs) == "提及科索沃之处应结合安全理事会第 1244 (1999)号决议理解。"
    assert plain(runs[:at], glosses=False).endswith("科索沃、")


def test_cited_symbols_link_to_undocs() -> None:
    runs = excerpts(built().pack)["91"].passages[0].runs
    links = [(s.text, s.href) for s in runs if s.kind == "symbol"]
    assert links == [
        ("第 1526 (2004)号", "http://undocs.org/S/RES/1526(2004)"),
        ("第 2253 (2015)号决议", "http://undocs.org/S/RES/2253(2015)"),
    ]


def test_each_concept_is_glossed_once_after_its_first_occurrence() -> None:
    pack = built().pack
    glosses = [
        (plain(b.passages[0].runs[:i]), s.text)
        for sec in pack.sections
        for b in sec.blocks
        if isinstance(b, Excerpt)
        for i, s in enumerate(b.passages[0].runs)
        if s.kind == "gloss"
    ]
    texts = [g for _, g in glosses]
    assert texts.count("（foreign terrorist fighters，FTFs）") == 1
    assert len(texts) == len(set(texts))
    # Only the concepts the spec lists: common words such as 恐怖主义 stay unglossed.
    assert "（terrorism）" not in texts
    # One rule, whichever Chinese form comes first: the full name, then the acronym the
    # text may use after it (a short form is glossed with the full name too).
    assert "（Counter-Terrorism Committee Executive Directorate，CTED）" in texts
    assert "（Counter-Terrorism Committee，CTC）" in texts
    assert "（financing of terrorism）" in texts  # no English acronym: the full name alone
    before = next(b for b, g in glosses if g == "（foreign terrorist fighters，FTFs）")
    assert before.endswith("外国恐怖主义作战人员")
    assert all(s.lang == "en" for sec in pack.sections for b in sec.blocks
               for s in b.passages[0].runs if s.kind == "gloss")  # fmt: skip


def test_cover_and_citations_are_localised_from_the_document() -> None:
    pack = built().pack
    assert pack.cover.meeting == (
        "预防犯罪和刑事司法委员会",
        "第二十八届会议",
        "2019年5月20日至24日，维也纳",
        "临时议程项目 6(c)",
        "统一并协调联合国毒品和犯罪问题办公室及会员国在预防犯罪和刑事司法领域的工作：批准并执行关于预防和打击恐怖主义的国际文书",
    )
    assert pack.cover.date == "2019年5月13日"
    assert excerpts(pack)["31"].citation.text == "秘书长的报告，第 31 段"
    assert pack.labels.page_of == ("第 ", PageField("page"), " 页，共 ", PageField("pages"), " 页")


def test_annex_lists_found_concepts_with_former_names() -> None:
    annex = built(MIXED).pack.annex
    assert annex is not None
    rows = {row[1]: row[0] for row in annex.table.rows}
    assert rows["United Nations Office on Drugs and Crime (UNODC)"] == (
        "联合国毒品和犯罪问题办公室（毒品和犯罪问题办公室）\n旧称：联合国毒品和犯罪问题办事处（禁毒办）"
    )
    assert annex.table.headers == ("中文", "英文")


def test_mixed_pack_cites_symbols_and_the_spec_names() -> None:
    shown = [b for s in built(MIXED).pack.sections for b in s.blocks if isinstance(b, Excerpt)]
    citations = {b.citation.text for b in shown}
    assert "E/CN.15/2007/9，第 37 段" in citations
    assert "秘书长 2019 年报告，第 89 段" in citations
    assert next(b for b in shown if b.number == "37").citation.href == (
        "http://undocs.org/E/CN.15/2007/9"
    )


def chinese_strings(pack: Pack) -> list[str]:
    strings = [pack.meta.title, pack.running_header, *pack.cover.meeting, pack.cover.title]
    for section in pack.sections:
        strings.append(section.heading)
        for block in section.blocks:
            strings += [s.text for s in block.passages[0].runs if s.kind != "gloss"]
            if isinstance(block, Excerpt):
                strings.append(block.citation.text)
    if pack.annex:
        strings += [row[0] for row in pack.annex.table.rows]
    return strings


@pytest.mark.parametrize(
    ("script", "config", "lang"),
    [("hant", "s2tw", "zh-TW"), ("hant-hk", "s2hk", "zh-HK"), ("hant-tw-phrases", "s2tw", "zh-TW")],
)
def test_traditional_packs_leave_no_simplified_character(
    script: str, config: str, lang: str
) -> None:
    pack = built(EXAMPLE, script).pack
    characters = opencc.OpenCC(config)
    # Simplified-only: a character OpenCC converts on its own (干 -> 幹) and never keeps in
    # the converted corpus (干預 keeps 干, 馬里 keeps 里, so those are Traditional too).
    corpus_text = "".join(r.text for d in CORPUS.documents() for r in d.records)
    kept = set(characters.convert(corpus_text))
    shown = {c for text in chinese_strings(pack) for c in text}
    simplified_only = {c for c in shown if characters.convert(c) != c and c not in kept}
    assert simplified_only == set()
    assert pack.meta.lang == lang and pack.typefaces[0].lang == lang
    assert pack.name == f"ccpcj28-item6c-{script}"


def test_taiwan_phrases_keep_un_wording_of_protected_terms() -> None:
    pack = built(EXAMPLE, "hant-tw-phrases").pack
    assert pack.cover.meeting[3] == "臨時議程項目 6(c)"
    text = "".join(chinese_strings(pack))
    assert "專案" not in text and "查德" not in text and "茅利塔尼亞" not in text
    assert "毛里塔尼亞" in text and "乍得" in text
    # UN names of Member States, not Taiwan's (奈及利亞, 沙烏地阿拉伯, 肯亞)
    assert "尼日利亞" in text and "奈及利亞" not in text
    assert "沙特阿拉伯" in text and "沙烏地" not in text
    assert pack.labels.page_of == ("第 ", PageField("page"), " 頁，共 ", PageField("pages"), " 頁")


def test_glosses_never_cut_a_title_or_a_full_form_from_its_short_form() -> None:
    texts = [
        plain(b.passages[0].runs)
        for s in built().pack.sections
        for b in s.blocks
        if isinstance(b, Excerpt)
    ]
    whole = "".join(texts)
    assert "《联合国全球反恐战略》（United Nations Global Counter-Terrorism Strategy）" in whole
    # Inside brackets already there, a gloss joins them with "；" instead of stacking.
    assert (
        "联合国毒品和犯罪问题办公室（毒品和犯罪问题办公室；United Nations Office on Drugs and "
        "Crime，UNODC）的首要责任" in whole
    )
    assert "指导原则（《马德里指导原则》；Madrid Guiding Principles）。" in whole
    assert "伊黎伊斯兰国（达伊沙；Islamic State in Iraq and the Levant，ISIL）制裁制度" in whole
    assert "）（" not in whole and "战略（United" not in whole


def test_annex_of_an_english_pack_keeps_chinese_cells_chinese() -> None:
    annex = prepare(
        EXAMPLE,
        CORPUS,
        load_glossary(ROOT / "glossary"),
        ROOT / "templates",
        Overrides(language="en", script="hant"),
    ).pack.annex
    assert annex is not None
    # English first for the English reader; the Chinese cells stay Chinese (Traditional).
    assert annex.table.langs == ("en", "zh-TW") and annex.table.headers == ("English", "Chinese")
    rows = dict(annex.table.rows)
    assert rows["United Nations Office on Drugs and Crime (UNODC)"] == (
        "聯合國毒品和犯罪問題辦公室（毒品和犯罪問題辦公室）\n舊稱：聯合國毒品和犯罪問題辦事處（禁毒辦）"
    )


def test_editorial_notes_join_chinese_lines_and_read_light_markdown() -> None:
    note = built().pack.sections[1].note
    assert note is not None
    runs = note.paragraphs[0]
    assert [(s.text, s.kind) for s in runs] == [
        ("报告第二章 A 节第 2 小节 (b) 全文。", "text"),
        ("第 31 段", "strong"),
        ("列出 2018 年接受援助的国家。", "text"),
    ]
    intro = plain(built().pack.sections[0].note.paragraphs[0])  # type: ignore[union-attr]
    assert "方面的工作。以下为报告第一章全文" in intro


def test_an_asterisk_after_a_symbol_is_a_footnote_mark_not_emphasis() -> None:
    from assembler.pack.compose import note_runs

    runs = note_runs("见 E/CN.15/2019/1* 和 A/RES/72/194*。")
    assert [(s.text, s.kind) for s in runs] == [
        ("见 ", "text"),
        ("E/CN.15/2019/1", "symbol"),
        ("* 和 ", "text"),
        ("A/RES/72/194", "symbol"),
        ("*。", "text"),
    ]
