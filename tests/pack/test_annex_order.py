"""The glossary annex in an order a reader can search: the pinyin of the Chinese term by
default (UN readings of polyphonic characters), English or appearance on request, and an
intro that says which."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.build.driver import Overrides, prepare
from assembler.corpus.catalog import Corpus
from assembler.glossary.store import load_glossary
from assembler.model.pack import Annex
from assembler.pack.pinyin import sort_key, syllables
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("重大", "zhong4 da4"),
        ("重新", "chong2 xin1"),
        ("改造和重返社会", "gai3 zao4 he2 chong2 fan3 she4 hui4"),
        ("世界银行", "shi4 jie4 yin2 hang2"),
        ("秘书长", "mi4 shu1 zhang3"),
        ("行政首长", "xing2 zheng4 shou3 zhang3"),
        ("会计", "kuai4 ji4"),
        ("大会", "da4 hui4"),
        ("执行局", "zhi2 xing2 ju2"),
        ("民用航空", "min2 yong4 hang2 kong1"),
        # pypinyin alone: 义行 ... wèi, 外行 wàiháng, lēi, sāi.
        ("恐怖主义行为", "kong3 bu4 zhu3 yi4 xing2 wei2"),
        ("欧盟对外行动署", "ou1 meng2 dui4 wai4 xing2 dong4 shu3"),
        ("萨赫勒", "sa4 he4 le4"),
        ("加勒比", "jia1 le4 bi3"),
        ("塞尔维亚", "sai4 er3 wei2 ya4"),
    ],
)
def test_un_readings_of_polyphonic_characters(term: str, expected: str) -> None:
    assert " ".join(syllables(term)) == expected


def test_dictionary_order_letters_then_tones_u_umlaut_after_u() -> None:
    words = ["律师", "绿色", "路线", "大会", "重大", "重新", "银行", "2030 年议程"]
    assert sorted(words, key=sort_key) == [
        "2030 年议程",
        "重新",
        "大会",
        "路线",
        "绿色",
        "律师",
        "银行",
        "重大",
    ]


def annex_of(tmp_path: Path, order: str | None, language: str = "zh") -> Annex:
    spec = tmp_path / "annex.yaml"
    glossary = (
        "glossary: {annex: found}\n"
        if order is None
        else (f"glossary: {{annex: found, order: {order}}}\n")
    )
    spec.write_text(
        "title: 术语\nmissing: notice\nsections:\n  - heading: 导言\n    select:\n"
        "      - ccpcj28-terrorism-ta: 1-8\n" + glossary,
        encoding="utf-8",
    )
    pack = prepare(
        spec,
        Corpus(DEFAULT_CORPUS),
        load_glossary(DEFAULT_GLOSSARY),
        DEFAULT_TEMPLATES,
        Overrides(language=language),
    ).pack
    assert pack.annex is not None
    return pack.annex


def test_the_annex_is_in_pinyin_order_by_default(tmp_path: Path) -> None:
    annex = annex_of(tmp_path, None)
    chinese = [row[0].split("（")[0] for row in annex.table.rows]
    assert chinese == sorted(chinese, key=sort_key) and len(chinese) > 5
    assert annex.intro == (
        "本资料摘录中出现的联合国术语，按中文名称的汉语拼音字母顺序排列，列出其首选中文和英文名称。"
    )


def test_english_and_appearance_orders_on_request(tmp_path: Path) -> None:
    english = annex_of(tmp_path, "english", language="en")
    # An English pack puts the English column first.
    assert english.table.headers == ("English", "Chinese")
    cells = [row[0] for row in english.table.rows]
    assert cells == sorted(cells, key=str.casefold)
    assert english.intro == (
        "United Nations terms found in the excerpts of this pack, in the alphabetical order "
        "of their English forms, with their preferred Chinese and English forms."
    )
    appearance = annex_of(tmp_path, "appearance")
    assert sorted(appearance.table.rows) == sorted(annex_of(tmp_path, "pinyin").table.rows)
    assert appearance.intro.endswith("按首次出现的先后排列，列出其首选中文和英文名称。")
