"""The converter (assembler.script.convert) on the bundled corpus: protected UN terms keep
their wording in every variant (explicit glossary forms first, else characters only, never
s2twp's Taiwan vocabulary), corrections apply, Simplified packs stay as they are."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document
from assembler.errors import AssemblerError
from assembler.glossary.model import Concept, Glossary, Term
from assembler.script.convert import Converter, Engines, build_converter, glossary_protection
from assembler.script.protect import Span
from assembler.script.variants import VARIANTS

CORPUS = Corpus(Path(__file__).resolve().parents[2] / "corpus")
REPORT_2019 = "ccpcj28-terrorism-ta"
REPORT_2007 = "E/CN.15/2007/9"
# The words s2twp rewrites into Taiwan vocabulary (field notes, OpenCC section).
TRAPS = ("文件", "声明", "程序", "项目", "支持", "乍得", "毛里塔尼亚")
ENGINES = Engines()


def paragraph(doc: str, para: str) -> str:
    document: Document = CORPUS.resolve(doc)
    return next(r.text for r in document.records if r.para == para and r.kind == "paragraph")


def corpus_text() -> str:
    return "\n".join(
        text
        for document in CORPUS.documents()
        for r in document.records
        for text in (r.text, *(i.text for i in r.items), *(n.text for n in r.notes))
    )


def test_traps_keep_their_un_wording_under_taiwan_phrases() -> None:
    converter = build_converter("hant-tw-phrases", terms=TRAPS, engines=ENGINES)
    assert {t: converter.protected[t] for t in TRAPS} == {
        "文件": "文件",
        "声明": "聲明",
        "程序": "程序",
        "项目": "項目",
        "支持": "支持",
        "乍得": "乍得",
        "毛里塔尼亚": "毛里塔尼亞",
    }
    s2twp = opencc.OpenCC("s2twp").convert
    assert [s2twp(t) for t in TRAPS] == [
        "檔案",
        "宣告",
        "程式",
        "專案",
        "支援",
        "查德",
        "茅利塔尼亞",
    ]


def test_paragraph_13_of_the_2019_report_under_taiwan_phrases() -> None:
    text = paragraph(REPORT_2019, "13")
    protected = build_converter("hant-tw-phrases", terms=TRAPS, engines=ENGINES)
    assert protected.convert(text) == (
        "例如，在乍得和毛里塔尼亞，根據毒品和犯罪問題辦公室的建議，為確保符合國際法律標準而開展的"
        "國家立法修正工作取得了重大進展。此外，毒品和犯罪問題辦公室就馬里當局的反恐法律向其提供了"
        "立法諮詢。毒品和犯罪問題辦公室在馬里與該國打擊恐怖主義的專門司法機構以及負責籌備立法改革的"
        "官員舉行的會議有助於促進就該專門司法機構的需求和該國反恐立法的差距展開討論。"
    )
    # Unprotected, the same paragraph gets Taiwan's names for Chad and Mauritania.
    bare = build_converter("hant-tw-phrases", engines=ENGINES).convert(text)
    assert bare.startswith("例如，在查德和茅利塔尼亞，")


def test_paragraph_1_of_e_cn_15_2007_9_keeps_its_document_and_symbol() -> None:
    text = paragraph(REPORT_2007, "1")
    converted = build_converter("hant-tw-phrases", terms=TRAPS, engines=ENGINES).convert(text)
    assert converted == (
        "本報告應同以下文件一併審閱：提交大會第六十一屆會議審議的題為“在聯合國毒品和犯罪問題辦事處"
        "活動框架內加強國際合作和技術援助以促進各項有關恐怖主義的國際公約和議定書的執行”（A/61/178）"
        "的秘書長報告。"
    )


def test_explicit_glossary_form_wins_over_opencc() -> None:
    # OpenCC keeps 伙 in 合作伙伴 but writes 夥伴 elsewhere; the glossary can fix one form.
    partnership = Concept(
        "partnership",
        terms=(
            Term("伙伴关系", "zh-Hans", "preferred"),
            Term("合作伙伴关系", "zh-Hans", "admitted", variants=(("zh-Hant", "合作夥伴關係"),)),
        ),
    )
    glossary = Glossary((partnership,))
    text = paragraph(REPORT_2007, "34")
    assert opencc.OpenCC("s2tw").convert(text).endswith("業務合作伙伴關係。")
    for variant in ("hant", "hant-hk", "hant-tw-phrases"):
        converted = build_converter(variant, glossary=glossary, engines=ENGINES).convert(text)
        assert (
            converted
            == "為最大限度地擴大技術援助的影響並避免重複工作，禁毒辦繼續加強業務合作夥伴關係。"
        )


def test_each_variant_takes_its_own_explicit_form() -> None:
    term = Term(
        "合作伙伴关系",
        "zh-Hans",
        "preferred",
        variants=(("zh-TW", "合作夥伴關係"), ("zh-HK", "合作伙伴關係")),
    )
    glossary = Glossary((Concept("partnership", terms=(term,)),))
    outputs = {name: glossary_protection(glossary, variant) for name, variant in VARIANTS.items()}
    assert outputs == {
        "hans": (["合作伙伴关系"], {}),
        "hant": (["合作伙伴关系"], {"合作伙伴关系": "合作夥伴關係"}),
        "hant-hk": (["合作伙伴关系"], {"合作伙伴关系": "合作伙伴關係"}),
        "hant-tw-phrases": (["合作伙伴关系"], {"合作伙伴关系": "合作夥伴關係"}),
    }


def test_glossary_terms_are_protected_without_explicit_forms() -> None:
    chad = Concept(
        "chad", terms=(Term("乍得", "zh-Hans", "preferred"), Term("Chad", "en", "preferred"))
    )
    converter = build_converter("hant-tw-phrases", glossary=Glossary((chad,)), engines=ENGINES)
    assert converter.convert(paragraph(REPORT_2019, "27")) == (
        "在西部和中部非洲，毒品和犯罪問題辦公室繼續支援布吉納法索、乍得、馬里和尼日建立並執行專門的"
        "國家反恐機構。例如，在布吉納法索，由於毒品和犯罪問題辦公室的援助，專門的反恐警官成功保存了"
        "一個恐怖主義犯罪現場的證據。"
    )
    assert "Chad" not in converter.protected  # only zh-Hans terms are protected


def test_corrections_apply_inside_protected_terms() -> None:
    converter = build_converter("hant-tw-phrases", terms=["马里", "索马里"], engines=ENGINES)
    assert converter.protected["马里"] == "馬里"
    assert converter.protected["索马里"] == "索馬里"
    assert opencc.OpenCC("s2twp").convert("马里、索马里") == "馬裡、索馬利亞"


def test_longest_protected_span_wins_and_spans_are_reported() -> None:
    converter = build_converter(
        "hant-hk", terms=["恐怖主义", "外国恐怖主义作战人员", "负责人"], engines=ENGINES
    )
    text = "外国恐怖主义作战人员和恐怖主义；小组负责人参加"
    assert converter.spans(text) == [
        Span(0, 10, "外國恐怖主義作戰人員"),
        Span(11, 15, "恐怖主義"),
        Span(18, 21, "負責人"),
    ]
    # 负责人 starts before the HK correction 人参加, so it wins; 参加 alone is 參加 anyway.
    assert converter.convert(text) == "外國恐怖主義作戰人員和恐怖主義；小組負責人參加"


def test_simplified_packs_are_left_exactly_as_they_are() -> None:
    text = corpus_text() + "\x00\uf0b7"
    converter = build_converter("hans", terms=TRAPS, engines=ENGINES)
    assert converter.convert(text) is text
    assert converter.protected == {}


def test_character_variants_keep_every_position_of_the_corpus() -> None:
    """s2tw and s2hk change characters, never lengths: each protected occurrence in the whole
    corpus is found at the same place in the output, in its protected form."""
    text = corpus_text()
    for name in ("hant", "hant-hk"):
        converter = build_converter(name, terms=TRAPS, engines=ENGINES)
        converted = converter.convert(text)
        assert len(converted) == len(text)
        spans = converter.spans(text)
        assert len(spans) > 100
        assert all(converted[s.start : s.end] == s.output for s in spans)


def test_engines_load_each_configuration_once() -> None:
    engines = Engines()
    assert engines.get("s2tw") is engines.get("s2tw")
    hant = build_converter("hant", engines=engines)
    assert hant.convert("后") == "後"


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("", "a protected term is empty"),
        ("  ", "a protected term is empty"),
        ("文\x00件", "holds NUL or a private-use character"),
        ("\uf0b7文件", "holds NUL or a private-use character"),
        ("文件\ud800", "lone surrogate"),
    ],
)
def test_bad_protected_terms_are_refused(term: str, message: str) -> None:
    with pytest.raises(AssemblerError, match=message):
        Converter(VARIANTS["hant"], terms=[term], engines=ENGINES)
