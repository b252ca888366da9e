"""United Nations document symbols in Chinese report text.

The sentences below are copied from the corpus (corpus/sources/*.txt), with PDF line breaks
already joined the way the line joiner does it.
"""

from __future__ import annotations

import dataclasses
import re
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assembler.text.symbols import (
    UN_SERIES_PREFIXES,
    Citation,
    find_symbols,
    is_symbol,
    normalise_symbol,
    symbol_from_url,
    symbol_slug,
)


def symbols(text: str) -> list[str]:
    return [c.symbol for c in find_symbols(text)]


# --- corpus sentences -------------------------------------------------------------------------

# 2019 report (000_04cc4b375e09ec40.txt), paragraph 2: 大会 is written once, four resolutions.
PARA_2_2019 = (
    "2. 大会在一些决议中均重申了毒品和犯罪问题办公室关于反恐技术援助的任务授权，尤其是关于"
    "消除国际恐怖主义的措施的第 72/123 号决议；关于在反恐时保护人权和基本自由的第 72/180 号"
    "决议；关于为执行反恐相关国际公约和议定书提供技术援助的第 72/194 号决议；以及关于加强联合国"
    "预防犯罪和刑事司法方案特别是其技术合作能力的第 72/196 号决议。"
)

# Same report, paragraph 3, as extracted from the PDF: "第 2341 (2017)号决议".
PARA_3_2019 = (
    "3. 在本报告所述期间，毒品和犯罪问题办公室继续主动促进执行相关的安全理事会决议，包括近期"
    "通过的关于针对关键基础设施的恐怖主义威胁的第 2341 (2017)号决议；关于在发生武装冲突时恐怖"
    "主义团体破坏文化遗产和贩运文化财产的第 2347 (2017)号决议；关于反击恐怖主义宣传的第 2354 "
    "(2017)号决议；重申对伊黎伊斯兰国（达伊沙）制裁制度的第 2368 (2017)号决议；关于防止恐怖分"
    "子获取武器的第 2370 (2017)号决议；以及关于返回或转移到原籍国、国籍国或第三国的恐怖主义作战"
    "人员的第 2396 (2017)号决议。"
)

# The same paragraph in the other extraction (002_14443a4334fef884.txt): "(2017) 号决议".
PARA_3_2019_SPACED = PARA_3_2019.replace(")号决议", ") 号决议")

SC_2017 = [
    "S/RES/2341(2017)",
    "S/RES/2347(2017)",
    "S/RES/2354(2017)",
    "S/RES/2368(2017)",
    "S/RES/2370(2017)",
    "S/RES/2396(2017)",
]

# 2007 report (001_81204fd17484f806.txt), paragraph 2.
PARA_2_2007 = (
    "2. 2006 年，大会通过以下决议进一步增强了联合国毒品和犯罪问题办事处（禁毒办）提供反恐技术援助"
    "的任务： 2006 年 9 月 8 日关于《联合国全球反恐战略》的第 60/288 号决议；2006 年 12 月 4 日关于"
    "消除国际恐怖主义措施的第 61/40 号决议；以及 2006 年 12 月 20 日题为“加强联合国预防犯罪和刑事"
    "司法方案，特别是其技术合作能力”的第 61/181 号决议。大会第 61/40 号决议第 18 段要求禁毒办预防"
    "恐怖主义处继续努力贯彻其使命，努力提高联合国预防恐怖主义的能力，并认识到该处在《联合国全球"
    "反恐战略》和 2001 年 9 月 28 日安全理事会第 1373（2001）号决议框架内在以下方面发挥的作用"
)


class TestGeneralAssemblyResolutions:
    def test_organ_named_once_applies_to_the_whole_list(self) -> None:
        assert symbols(PARA_2_2019) == [
            "A/RES/72/123",
            "A/RES/72/180",
            "A/RES/72/194",
            "A/RES/72/196",
        ]

    def test_summary_sentence(self) -> None:
        text = (
            "本报告回顾联合国毒品和犯罪问题办公室 2018 年 1 月 1 日至 12 月 31 日期间在支持会员国"
            "根据大会第 72/194 号决议批准和执行恐怖主义相关国际公约和议定书方面以及执行联合国相关"
            "决议方面取得的进展。"
        )
        assert symbols(text) == ["A/RES/72/194"]

    def test_citation_inside_parentheses(self) -> None:
        text = (
            "报告进一步提出了禁毒办面临的挑战，特别是在援助会员国执行《联合国全球反恐战略》"
            "（2006 年 9月 8日大会第 60/288 号决议）方面，并强调在这方面需要加强政府支持。"
        )
        assert symbols(text) == ["A/RES/60/288"]

    def test_organ_carries_across_sentences_until_another_organ(self) -> None:
        assert symbols(PARA_2_2007) == [
            "A/RES/60/288",
            "A/RES/61/40",
            "A/RES/61/181",
            "A/RES/61/40",
            "S/RES/1373(2001)",
        ]

    def test_later_item_of_a_list_may_omit_di(self) -> None:
        assert symbols("大会第 60/288 号和 61/40 号决议") == ["A/RES/60/288", "A/RES/61/40"]

    def test_earlier_item_of_a_list_may_omit_hao(self) -> None:
        assert symbols("大会第 72/123、72/180 和 72/194 号决议") == [
            "A/RES/72/123",
            "A/RES/72/180",
            "A/RES/72/194",
        ]

    def test_list_of_paragraphs_is_not_a_citation(self) -> None:
        assert symbols("大会第 72/123 号决议第 2 和 3 段") == ["A/RES/72/123"]

    def test_bare_number_outside_a_list_is_not_a_citation(self) -> None:
        assert symbols("大会 5 号决议") == []

    def test_without_an_organ_nothing_is_guessed(self) -> None:
        assert symbols("关于消除国际恐怖主义措施的第 61/40 号决议") == []

    def test_other_body_ends_the_reach_of_the_general_assembly(self) -> None:
        text = "大会第 72/194 号决议；麻醉药品委员会第 61/11 号决议；人权理事会第 37/1 号决议"
        assert symbols(text) == ["A/RES/72/194"]

    def test_crime_congress_is_not_the_general_assembly(self) -> None:
        text = "第十四届联合国预防犯罪和刑事司法大会通过的第 1/1 号决议"
        assert symbols(text) == []

    def test_general_assembly_numbers_are_session_and_number(self) -> None:
        assert symbols("大会第 2006/20 号决议") == []

    def test_line_break_whitespace_inside_the_citation(self) -> None:
        assert symbols("2006 年 12 月 4 日关于消除国际恐怖主义措施的大会第 61/40 号\n\n决议；") == [
            "A/RES/61/40"
        ]

    def test_span_covers_the_citation(self) -> None:
        cited = find_symbols(PARA_2_2019)
        assert [PARA_2_2019[c.start : c.end] for c in cited] == [
            "第 72/123 号决议",
            "第 72/180 号决议",
            "第 72/194 号决议",
            "第 72/196 号决议",
        ]
        assert {c.form for c in cited} == {"resolution"}


class TestSecurityCouncilResolutions:
    @pytest.mark.parametrize("text", [PARA_3_2019, PARA_3_2019_SPACED])
    def test_paragraph_3(self, text: str) -> None:
        assert symbols(text) == SC_2017

    def test_abbreviated_organ(self) -> None:
        text = (
            "51. 同样在 2018 年，毒品和犯罪问题办公室、反恐办公室、反恐执行局、国际民用航空组织"
            "（国际民航组织）和信息通信技术厅制定了一项旗舰倡议，根据安理会第 2396 (2017) 号决议"
            "利用旅客信息预报和旅客姓名记录"
        )
        assert symbols(text) == ["S/RES/2396(2017)"]

    def test_fullwidth_parentheses_and_space_before_hao(self) -> None:
        text = (
            "39.  禁毒办同以下机构的合作得到加强：根据 1999 年 10 月 15 日安全理事会关于基地组织"
            "和塔利班及有关个人和实体的第 1267（1999） 号决议所设委员会（制裁基地组织/塔利班委员会）；"
            "以及根据2004年 1月30日安全理事会第 1526（2004）号决议所设分析支助和制裁监测组。"
        )
        assert symbols(text) == ["S/RES/1267(1999)", "S/RES/1526(2004)"]

    def test_list_sharing_one_hao(self) -> None:
        assert symbols("安全理事会第 1267 (1999)、1333 (2000) 和 1390 (2002) 号决议") == [
            "S/RES/1267(1999)",
            "S/RES/1333(2000)",
            "S/RES/1390(2002)",
        ]

    def test_list_sharing_one_jueyi(self) -> None:
        text = (
            "91. 毒品和犯罪问题办公室与安全理事会关于伊黎伊斯兰国（达伊沙）、基地组织和塔利班及关联"
            "个人和实体的第 1526 (2004)号和第 2253 (2015)号决议所设分析支助和制裁监测组保持密切关系。"
        )
        cited = find_symbols(text)
        assert [c.symbol for c in cited] == ["S/RES/1526(2004)", "S/RES/2253(2015)"]
        assert [text[c.start : c.end] for c in cited] == [
            "第 1526 (2004)号",
            "第 2253 (2015)号决议",
        ]

    def test_year_in_parentheses_wins_over_the_organ_word(self) -> None:
        text = "大会在其第 72/123 号决议中提及的第 1373（2001）号决议"
        assert symbols(text) == ["A/RES/72/123", "S/RES/1373(2001)"]

    def test_year_form_needs_no_organ(self) -> None:
        text = "依照关于不扩散大规模毁灭性武器的第 1540 (2004)号决议设立的安全理事会委员会专家组"
        assert symbols(text) == ["S/RES/1540(2004)"]

    def test_number_without_year_is_not_completed(self) -> None:
        assert symbols("安全理事会第 1373 号决议") == []


class TestEconomicAndSocialCouncilResolutions:
    def test_year_and_number(self) -> None:
        assert symbols("经济及社会理事会第 2006/20 号决议") == ["E/RES/2006/20"]

    def test_abbreviated_organ(self) -> None:
        assert symbols("经社理事会第 2004/19 号决议") == ["E/RES/2004/19"]

    def test_organ_switches_within_a_sentence(self) -> None:
        text = "大会第 60/288 号决议和经济及社会理事会第 2006/20 号决议"
        assert symbols(text) == ["A/RES/60/288", "E/RES/2006/20"]

    def test_session_form_is_not_ecosoc(self) -> None:
        assert symbols("经济及社会理事会第 60/1 号决议") == []


class TestNotResolutions:
    def test_decision(self) -> None:
        assert symbols("经济及社会理事会第 2006/240 号决定") == []

    def test_decision_after_general_assembly(self) -> None:
        assert symbols("大会第 72/543 号决定") == []

    def test_draft_resolution(self) -> None:
        assert symbols("大会第 72/1 号决议草案") == []

    def test_paragraph_number(self) -> None:
        assert symbols("大会第六十一届会议第 18 段") == []

    def test_long_list_without_jueyi_is_scanned_in_linear_time(self) -> None:
        # A backtracking regex took exponential (then quadratic) time on this.
        assert symbols("大会" + "第 1 号和" * 20000) == []


class TestLiteralSymbols:
    def test_footnote_symbol_without_trailing_full_stop(self) -> None:
        text = "* E/CN.15/2019/1。"
        cited = find_symbols(text)
        assert cited == [Citation("E/CN.15/2019/1", 2, 16, "literal")]

    def test_in_fullwidth_parentheses(self) -> None:
        text = (
            "1. 本报告应同以下文件一并审阅：提交大会第六十一届会议审议的题为“在联合国毒品和犯罪问题"
            "办事处活动框架内加强国际合作和技术援助以促进各项有关恐怖主义的国际公约和议定书的执行”"
            "（A/61/178）的秘书长报告。"
        )
        assert symbols(text) == ["A/61/178"]

    def test_joint_symbol_joined_across_line_break(self) -> None:
        text = (
            "此次部长级会议的高潮是通过了《关于国际合作打击恐怖主义和跨国有组织犯罪的巴拿马宣言》"
            "（A/60/820-S/2006/" + "265，附件）；"
        )
        cited = find_symbols(text)
        assert [c.symbol for c in cited] == ["A/60/820-S/2006/265"]
        assert text[cited[0].start : cited[0].end] == "A/60/820-S/2006/265"

    def test_joint_symbol(self) -> None:
        text = (
            "圆桌会议通过了《关于加强中西部非洲反恐法律制度的马德里宣言和行动计划》"
            "（A/61/368-S/2006/756，附件），详细说明了要采取的具体措施和步骤；"
        )
        assert symbols(text) == ["A/61/368-S/2006/756"]

    def test_trailing_fullwidth_comma(self) -> None:
        text = (
            "与会者通过了《关于反恐怖主义、反腐败和打击跨国有组织犯罪国际合作的布加勒斯特宣言》"
            "（A/61/601，附件），呼吁与会的区域及国际组织和机构"
        )
        assert symbols(text) == ["A/61/601"]

    def test_running_header(self) -> None:
        assert symbols("E/CN.15/2007/9") == ["E/CN.15/2007/9"]

    def test_trailing_english_full_stop(self) -> None:
        assert symbols("See the report of the Secretary-General A/73/10/Add.1.") == [
            "A/73/10/Add.1"
        ]

    def test_joint_commission_symbols(self) -> None:
        assert symbols("（E/CN.7/2009/10-E/CN.15/2009/10）") == ["E/CN.7/2009/10-E/CN.15/2009/10"]

    def test_literal_security_council_resolution_with_space(self) -> None:
        assert symbols("见 S/RES/2341 (2017)。") == ["S/RES/2341(2017)"]

    def test_year_after_other_symbols_is_not_part_of_them(self) -> None:
        assert symbols("A/61/178 (2006)") == ["A/61/178"]

    def test_literal_and_resolution_citations_in_order(self) -> None:
        text = "（A/60/825）。根据大会第 60/1 号决议和（A/60/820-S/2006/265，附件），以及第 1373（2001）号决议"
        cited = find_symbols(text)
        assert [(c.symbol, c.form) for c in cited] == [
            ("A/60/825", "literal"),
            ("A/RES/60/1", "resolution"),
            ("A/60/820-S/2006/265", "literal"),
            ("S/RES/1373(2001)", "resolution"),
        ]

    def test_duplicates_are_kept(self) -> None:
        assert symbols("A/61/601；A/61/601") == ["A/61/601", "A/61/601"]

    @pytest.mark.parametrize(
        "text",
        [
            "这种合作是互利的，加强了机构间合作，并通过国际刑警组织的 I-24/7 全球警用通信系统改善了"
            "会员国之间的信息共享。",
            "2006 年，全球反洗钱方案为全球大部分地区提供反洗钱/反对资助恐怖主义的技术援助。",
            "这是一个由密码控制的法律数据库，提供大约 163 个司法管辖区的反洗钱/禁止资助恐怖主义法律。",
            "1  联合国出版物，出售品编号：E.04.V.7。",
            "5  2005 年 10 月 14 日，由修订制止非法行为条约的外交会议通过（LEG/CONF.15/21）。",
            "制裁基地组织/塔利班委员会",
            "http://undocs.org/S/RES/2341(2017)",
            "http://www.unodc.org/unodc/terrorism_tools.html。",
            "S/he said and/or",
        ],
    )
    def test_not_symbols(self, text: str) -> None:
        assert find_symbols(text) == []


class TestNormaliseSymbol:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("E/CN.15/2019/1", "E/CN.15/2019/1"),
            ("A/C.3/73/L.5", "A/C.3/73/L.5"),
            ("A/73/10/Add.1", "A/73/10/Add.1"),
            ("S/2006/756", "S/2006/756"),
            ("A/RES/72/194", "A/RES/72/194"),
            ("E/CN.15/2007/9", "E/CN.15/2007/9"),
            ("S/RES/2341 (2017)", "S/RES/2341(2017)"),
            ("S/RES/2341（2017）", "S/RES/2341(2017)"),
            ("  A／RES／72／194 ", "A/RES/72/194"),
            ("A/60/820- S/2006/ 265", "A/60/820-S/2006/265"),
            ("E/CN.7/2009/10-E/CN.15/2009/10", "E/CN.7/2009/10-E/CN.15/2009/10"),
            ("A/HRC/RES/37/1", "A/HRC/RES/37/1"),
            ("ST/SGB/2003/13", "ST/SGB/2003/13"),
            ("CCPR/C/GC/36", "CCPR/C/GC/36"),
            ("CRC/C/GC/24", "CRC/C/GC/24"),
            ("CEDAW/C/CHN/CO/9", "CEDAW/C/CHN/CO/9"),
            ("CAT/C/CHN/CO/5", "CAT/C/CHN/CO/5"),
            ("UNEP/EA.4/L.1", "UNEP/EA.4/L.1"),
            ("TD/B/65/2", "TD/B/65/2"),
            ("DP/FPA/2019/1", "DP/FPA/2019/1"),
            ("A/ES-10/273", "A/ES-10/273"),
        ],
    )
    def test_canonical_spelling(self, raw: str, expected: str) -> None:
        assert normalise_symbol(raw) == expected
        assert is_symbol(raw)

    @pytest.mark.parametrize(
        "raw",
        [
            "",
            "I-24/7",
            "反洗钱/禁止",
            "E.04.V.7",
            "LEG/CONF.15/21",
            "E/CN.15/2019/1。",
            "A/61/601，",
            "A/73/10.",
            "A/",
            "A//1",
            "a/res/72/194",
            "S/he",
            "A/RES/72/194(2017)",
            "72/194",
            "http://undocs.org/A/RES/72/194",
        ],
    )
    def test_not_a_symbol(self, raw: str) -> None:
        assert not is_symbol(raw)
        with pytest.raises(ValueError):
            normalise_symbol(raw)

    def test_prefix_tuple_covers_the_main_series(self) -> None:
        required = {"A", "S", "E", "ST", "CCPR", "CAT", "CEDAW", "CERD", "CRC", "CMW", "CRPD"}
        assert required | {"UNEP", "TD", "DP", "ICEF", "UNW"} <= set(UN_SERIES_PREFIXES)
        assert "LEG" not in UN_SERIES_PREFIXES


class TestSymbolFromUrl:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("http://undocs.org/S/RES/2341(2017)", "S/RES/2341(2017)"),
            ("http://undocs.org/A/RES/72/194", "A/RES/72/194"),
            ("https://undocs.org/en/A/RES/72/194", "A/RES/72/194"),
            ("https://undocs.org/zh/E/CN.15/2019/1", "E/CN.15/2019/1"),
            ("https://www.undocs.org/S/RES/2341%20(2017)", "S/RES/2341(2017)"),
            ("https://undocs.org/Home/Mobile?FinalSymbol=A%2F61%2F178", "A/61/178"),
            ("https://documents.un.org/doc/?symbol=E/CN.15/2007/9", "E/CN.15/2007/9"),
            ("https://documents.un.org/symbol-explorer?s=S/2006/756&i=S/2006/756", "S/2006/756"),
        ],
    )
    def test_document_links(self, url: str, expected: str) -> None:
        assert symbol_from_url(url) == expected

    @pytest.mark.parametrize(
        "url",
        [
            "http://www.unodc.org/tldb",
            "http://www.unodc.org/unodc/terrorism_tools.html",
            "ftp://undocs.org/A/RES/72/194",
            "https://undocs.org/",
            "https://undocs.org/LEG/CONF.15/21",
            "https://example.org/A/RES/72/194",
            "not a url",
        ],
    )
    def test_other_links(self, url: str) -> None:
        assert symbol_from_url(url) is None


class TestSymbolSlug:
    @pytest.mark.parametrize(
        ("symbol", "slug"),
        [
            ("E/CN.15/2007/9", "E-CN.15-2007-9"),
            ("S/RES/2341(2017)", "S-RES-2341(2017)"),
            ("S/RES/2341 (2017)", "S-RES-2341(2017)"),
            ("A/60/820-S/2006/265", "A-60-820_S-2006-265"),
            ("A/ES-10/273", "A-ES--10-273"),
        ],
    )
    def test_examples(self, symbol: str, slug: str) -> None:
        assert symbol_slug(symbol) == slug

    def test_rejects_non_symbols(self) -> None:
        with pytest.raises(ValueError):
            symbol_slug("LEG/CONF.15/21")


class TestCitation:
    def test_is_frozen(self) -> None:
        citation = Citation("A/61/178", 0, 8, "literal")
        with pytest.raises(dataclasses.FrozenInstanceError):
            citation.start = 1  # type: ignore[misc]


# --- properties -------------------------------------------------------------------------------

_ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_word = st.text(_ALNUM, min_size=1, max_size=5)
_number = st.integers(min_value=0, max_value=99999).map(str)
_middle_component = st.one_of(
    _word,
    st.builds(lambda a, b: f"{a}.{b}", _word, _word),  # "CN.15", "C.3"
    st.builds(lambda a, n: f"{a}-{n}", st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1), _number),
)
_last_component = st.one_of(
    _number,
    st.builds(lambda n: f"Add.{n}", _number),
    st.builds(lambda n: f"L.{n}", _number),
    st.builds(lambda n: f"Rev.{n}", _number),
)


@st.composite
def _plain_symbol(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(UN_SERIES_PREFIXES))
    middle = draw(st.lists(_middle_component, max_size=3))
    return "/".join([prefix, *middle, draw(_last_component)])


_sc_resolution = st.builds(
    lambda n, y: f"S/RES/{n}({y})",
    st.integers(min_value=1, max_value=9999),
    st.integers(min_value=1946, max_value=2099),
)
_part = st.one_of(_plain_symbol(), _sc_resolution)
valid_symbols = st.one_of(_part, st.builds(lambda a, b: f"{a}-{b}", _part, _part))

# Chinese characters and punctuation that may surround a symbol; no ASCII letters or digits,
# which would make the symbol part of a longer token.
_surrounding = st.text("文件报告见附件的和在其中，。；：、（）“”《》 ", max_size=8)


@given(valid_symbols)
def test_normalise_is_idempotent_and_keeps_canonical_symbols(symbol: str) -> None:
    once = normalise_symbol(symbol)
    assert once == symbol
    assert normalise_symbol(once) == once


@given(valid_symbols)
def test_normalise_undoes_fullwidth_and_spacing(symbol: str) -> None:
    fullwidth = symbol.replace("/", "／").replace("(", " （").replace(")", "）")
    assert normalise_symbol(f" {fullwidth} ") == symbol


@given(_surrounding, valid_symbols, _surrounding)
def test_symbol_between_chinese_text_is_found_exactly(left: str, symbol: str, right: str) -> None:
    text = left + symbol + right
    assert find_symbols(text) == [Citation(symbol, len(left), len(left) + len(symbol), "literal")]


@given(valid_symbols, st.sampled_from(["。", ".", "，", "；", "）", " "]))
def test_trailing_punctuation_is_not_part_of_the_symbol(symbol: str, punct: str) -> None:
    assert symbols(f"见{symbol}{punct}") == [symbol]


@given(
    st.integers(min_value=1, max_value=99),
    st.integers(min_value=1, max_value=999),
    st.sampled_from(["", " ", "  "]),
)
def test_general_assembly_citation_forms(session: int, number: int, space: str) -> None:
    text = f"大会关于某事的第{space}{session}/{number}{space}号决议"
    assert symbols(text) == [f"A/RES/{session}/{number}"]


@given(
    st.integers(min_value=1, max_value=9999),
    st.integers(min_value=1946, max_value=2099),
    st.sampled_from(["()", "（）", "(）"]),
    st.sampled_from(["", " "]),
    st.sampled_from(["", "安全理事会", "大会", "经济及社会理事会"]),
)
def test_security_council_citation_forms(
    number: int, year: int, parens: str, space: str, organ: str
) -> None:
    text = f"{organ}第{space}{number}{space}{parens[0]}{year}{parens[1]}{space}号决议"
    assert symbols(text) == [f"S/RES/{number}({year})"]


_SAFE_SLUG = re.compile(r"[A-Za-z0-9.()_\-]+")


@given(valid_symbols)
def test_slug_is_filesystem_safe(symbol: str) -> None:
    slug = symbol_slug(symbol)
    assert _SAFE_SLUG.fullmatch(slug)
    assert "/" not in slug
    assert not slug.startswith(".")


@given(valid_symbols, valid_symbols)
def test_slug_is_injective(a: str, b: str) -> None:
    if a != b:
        assert symbol_slug(a) != symbol_slug(b)


@given(valid_symbols)
def test_slug_reads_back(symbol: str) -> None:
    parts = symbol_slug(symbol).split("_")
    restored = "-".join(
        "-".join(piece.replace("-", "/") for piece in part.split("--")) for part in parts
    )
    assert restored == symbol


@given(st.text(max_size=60))
def test_found_symbols_are_valid_and_in_order(text: str) -> None:
    cited = find_symbols(text)
    assert [c.start for c in cited] == sorted(c.start for c in cited)
    for c in cited:
        assert 0 <= c.start < c.end <= len(text)
        assert is_symbol(c.symbol)
        if c.form == "literal":
            assert normalise_symbol(text[c.start : c.end]) == c.symbol


# Pieces of citations, ASCII and fullwidth, and Chinese text around them.
CITATION_PIECES = st.lists(
    st.sampled_from(
        [
            *"第号决议大会安理会年（）()/／ 0123456789ＡＳＲＥＳａｅｉｌｎｏｒｓｔｕ",
            *("A/RES/", "S/RES/", "决议", "resolution", "ｒｅｓｏｌｕｔｉｏｎ", "resolutｉon"),
            *("第 72/194 号", "(2017)", "General Assembly ", "Security Council ", "大会"),
            *("Ａ／ＲＥＳ／７２／１９４", "ｒｅｓｏｌｕｔｉｏｎ 2341 (2017)"),
        ]
    ),
    max_size=12,
).map("".join)


@given(CITATION_PIECES)
def test_a_text_passed_over_unconverted_cites_nothing(text: str) -> None:
    # find_symbols skips a text that has no slash, 决议 or "resolution" in either width
    # without converting it to ASCII: the scans it skips find nothing there.
    with mock.patch("assembler.text.symbols._may_cite", return_value=True):
        unskipped = find_symbols(text)
    assert find_symbols(text) == unskipped


def test_fullwidth_citations_without_an_ascii_slash_or_word_are_found() -> None:
    assert symbols("见Ａ／ＲＥＳ／７２／１９４。") == ["A/RES/72/194"]
    assert symbols("the Security Council ｒｅｓｏｌｕｔｉｏｎ 2341 (2017)") == ["S/RES/2341(2017)"]
