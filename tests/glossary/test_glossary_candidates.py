"""`assembler glossary candidates`: terms the corpus defines that the glossary lacks
(assembler.glossary.candidates).

Three kinds, strongest evidence first: the UN pattern 全称（简称）, quoted titles 《…》, and
recurring organisation names. The expectations are real paragraphs of the bundled corpus.
Measured on the whole corpus (test_every_definition_in_the_corpus): 26 brackets have the shape
of a short form; 18 are read as definitions, all 18 right (precision 100%); the 4 missed are
aliases that share too few characters with the name (夏洛克数据库, and 达伊沙 three times).
Organisation names: 40 with an empty glossary, 38 right (95%).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assembler.cli import main
from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document
from assembler.glossary.candidates import (
    Candidate,
    CandidateTerm,
    Definition,
    Location,
    find_candidates,
    find_definitions,
    find_organisations,
    find_titles,
    full_form_start,
    is_compound,
)
from assembler.glossary.model import Concept, Glossary, Term
from assembler.glossary.scan import Segment, record_segments
from assembler.glossary.store import dump_concepts, load_glossary, read_concepts

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
GLOSSARY = ROOT / "glossary"
R2019 = "ccpcj28-terrorism-ta"
R2007 = "E-CN.15-2007-9"


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return Corpus(CORPUS).documents()


@pytest.fixture(scope="module")
def segments(documents: list[Document]) -> list[Segment]:
    return list(record_segments(r for d in documents for r in d.records))


def place(segment: Segment) -> str:
    """A short key for a paragraph, item or note: "25", "21(b)", "22 note 1"; the summary,
    which has no number, is "summary"."""
    base = segment.para or ("summary" if segment.seq == 1 else f"record {segment.seq}")
    if segment.part == "item":
        return f"{base}{segment.label}"
    return f"{base} note {segment.label}" if segment.part == "note" else base


@pytest.fixture(scope="module")
def texts(segments: list[Segment]) -> dict[tuple[str, str], str]:
    """Every text of the corpus by (document, place)."""
    return {(s.doc, place(s)): s.text for s in segments}


@pytest.fixture(scope="module")
def with_empty_glossary(documents: list[Document]) -> list[Candidate]:
    return find_candidates(Glossary(()), documents)


def unodc_only() -> Glossary:
    return Glossary(
        (
            Concept(
                "unodc",
                terms=(
                    Term("联合国毒品和犯罪问题办公室", "zh-Hans", "preferred"),
                    Term("毒品和犯罪问题办公室", "zh-Hans", "preferred", "short-form"),
                    Term("联合国毒品和犯罪问题办事处", "zh-Hans", "superseded"),
                    Term("禁毒办", "zh-Hans", "superseded", "short-form"),
                ),
            ),
        )
    )


# -- 全称（简称） --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("doc", "where", "expected"),
    [
        # The full form starts at the name, not at the clause: "在秘书处内部，联合国…".
        (R2019, "1", [Definition("联合国毒品和犯罪问题办公室", ("毒品和犯罪问题办公室",))]),
        # 联合国 is dropped by the short form; 及 ends the name on the left.
        (R2019, "25", [Definition("联合国开发计划署", ("开发署",))]),
        # 和 inside the full form is kept; 对 before it is a function character.
        (R2019, "18", [Definition("伊拉克和黎凡特伊斯兰国", ("伊黎伊斯兰国", "达伊沙"))]),
        # "/" ends the name on the left (毒品和犯罪问题办公室/国际刑事警察组织).
        (R2019, "52", [Definition("国际刑事警察组织", ("国际刑警组织",))]),
        (R2019, "19", [Definition("反恐怖主义委员会执行局", ("反恐执行局",))]),
        # The short form keeps only 基金组织: the name start 国际 two characters before it.
        (R2007, "5", [Definition("国际货币基金组织", ("基金组织",))]),
        # 禁 is not in the full form: the name runs from the name start 联合国.
        (R2007, "summary", [Definition("联合国毒品和犯罪问题办事处", ("禁毒办",))]),
        (R2007, "21(b)", [Definition("东部和南部非洲共同市场", ("东南非共同市场",))]),
        (R2007, "21(g)", [Definition("欧洲安全与合作组织", ("欧安组织",))]),
        (R2007, "35", [Definition("东南亚国家联盟", ("东盟",))]),
        # Brackets that are not short forms: an explanation, an amount, a symbol, a date.
        (R2007, "9", []),
        (R2007, "67", []),
        (R2007, "1", []),
        (R2019, "7", []),
        # An alias sharing one character with the name before it is not taken (达伊沙).
        (R2019, "3", []),
        # A transliteration shares none (夏洛克数据库).
        (R2019, "15", []),
    ],
)
def test_definitions_in_real_paragraphs(
    texts: dict[tuple[str, str], str], doc: str, where: str, expected: list[Definition]
) -> None:
    assert find_definitions(texts[doc, where]) == expected


def test_every_definition_in_the_corpus(segments: list[Segment]) -> None:
    found = [(s.doc, place(s), d.full, d.short) for s in segments for d in find_definitions(s.text)]
    assert found == [
        (R2007, "summary", "联合国毒品和犯罪问题办事处", ("禁毒办",)),
        (R2007, "2", "联合国毒品和犯罪问题办事处", ("禁毒办",)),
        (R2007, "5", "国际货币基金组织", ("基金组织",)),
        (R2007, "21(b)", "东部和南部非洲共同市场", ("东南非共同市场",)),
        (R2007, "21(c)", "美洲国家组织", ("美洲组织",)),
        (R2007, "21(f)", "西非国家经济共同体", ("西非经共体",)),
        (R2007, "21(g)", "欧洲安全与合作组织", ("欧安组织",)),
        (R2007, "21(j)", "南部非洲发展共同体", ("南共体",)),
        (R2007, "35", "东南亚国家联盟", ("东盟",)),
        (R2007, "42", "国际民用航空组织", ("国际民航组织",)),
        (R2007, "43", "国际海事组织", ("海事组织",)),
        (R2007, "47", "国际原子能机构", ("原子能机构",)),
        (R2019, "1", "联合国毒品和犯罪问题办公室", ("毒品和犯罪问题办公室",)),
        (R2019, "18", "伊拉克和黎凡特伊斯兰国", ("伊黎伊斯兰国", "达伊沙")),
        (R2019, "19", "反恐怖主义委员会执行局", ("反恐执行局",)),
        (R2019, "25", "联合国开发计划署", ("开发署",)),
        (R2019, "51", "国际民用航空组织", ("国际民航组织",)),
        (R2019, "52", "国际刑事警察组织", ("国际刑警组织",)),
    ]


@pytest.mark.parametrize(
    ("window", "short", "start"),
    [
        ("在秘书处内部联合国毒品和犯罪问题办公室", "毒品和犯罪问题办公室", 6),
        ("行动计划还进一步鼓励禁毒办会同国际货币基金组织", "基金组织", 15),
        ("讨论会由禁毒办和欧洲安全与合作组织", "欧安组织", 8),
        ("报告审议了联合国毒品和犯罪问题办事处", "禁毒办", 5),
        ("或间接", "通过次区域和区域讲习班", None),
        ("重申对伊黎伊斯兰国", "达伊沙", None),
    ],
)
def test_full_form_start(window: str, short: str, start: int | None) -> None:
    assert full_form_start(window, short) == start


ALPHABET = "联合国际开发计划署毒品和犯罪问题办公室与的对"


@given(st.text(ALPHABET, min_size=2, max_size=30), st.data())
def test_a_short_form_found_in_order_stays_inside_the_full_form(
    window: str, data: st.DataObject
) -> None:
    """Whenever the short form's characters occur in order, the full form holds them all."""
    picks = data.draw(st.lists(st.sampled_from(range(len(window))), min_size=2, unique=True))
    short = "".join(window[i] for i in sorted(picks))
    start = full_form_start(window, short)
    assert start is not None and 0 <= start < len(window)
    remaining = iter(window[start:])
    assert all(char in remaining for char in short)


# -- 《…》 ------------------------------------------------------------------------------------
def test_titles_with_titles_inside(texts: dict[tuple[str, str], str]) -> None:
    assert find_titles(texts[R2019, "116"]) == [
        "制止与国际民用航空有关的非法行为的公约",
        "关于〈制止非法劫持航空器的公约〉的补充议定书",
        "关于修订〈关于在航空器内的犯罪和犯有某些其他行为的公约〉的议定书",
        "制止非法劫持航空器的公约",
        "关于在航空器内的犯罪和犯有某些其他行为的公约",
    ]


def test_back_references_to_a_title_are_not_titles(texts: dict[tuple[str, str], str]) -> None:
    # Para 3 also writes 《战略》 for the Strategy named before it.
    assert "《战略》" in texts[R2007, "3"]
    assert find_titles(texts[R2007, "3"]) == [
        "联合国全球反恐战略",
        "2005 年世界首脑会议成果文件",
    ]


# -- organisation names -----------------------------------------------------------------------
def test_organisation_names_start_where_their_left_neighbours_vary(
    segments: list[Segment],
) -> None:
    names = find_organisations(s.text for s in segments)
    assert "毒品和犯罪问题办公室" in names
    # Always preceded by 和: part of the longer name, not a name.
    assert "犯罪问题办公室" not in names
    # Always followed by 法 (刑事司法): not a name ending in 司.
    assert not any(n.endswith("刑事司") for n in names)
    # Starts with a leading verb (根据安全理事会...).
    assert "根据安全理事会" not in names
    # Generic words only.
    assert "区域组织" not in names
    assert "国际组织" not in names


def test_compounds_of_names_are_not_names() -> None:
    names = {"毒品和犯罪问题办公室", "反恐办公室", "美洲组织", "美洲反恐怖主义委员会", "禁毒办"}
    assert is_compound("毒品和犯罪问题办公室和反恐办公室", names)
    assert is_compound("美洲组织美洲反恐怖主义委员会", names)
    assert is_compound("禁毒办同欧洲联盟", names)
    assert not is_compound("毒品和犯罪问题办公室", names)


# -- ranking, counts, places, the glossary -----------------------------------------------------
def test_organisation_candidates_of_the_corpus(with_empty_glossary: list[Candidate]) -> None:
    """The organisation names found with an empty glossary, most frequent first. Two of the 40
    are not terms of their own: 国际公约和议定书 (part of 恐怖主义相关国际公约和议定书) and
    经常方案 (part of 技术合作经常方案)."""
    found = [c.text for c in with_empty_glossary if c.kind == "organisation"]
    assert found == [
        "预防恐怖主义处",
        "安全理事会",
        "反恐办公室",
        "欧洲联盟",
        "反恐怖主义委员会",
        "非洲联盟",
        "国际公约和议定书",
        "反恐怖主义执行工作队",
        "英联邦秘书处",
        "全球反洗钱方案",
        "反洗钱股",
        "伊斯兰会议组织",
        "刑警组织",
        "反恐怖主义办公室",
        "欧洲委员会",
        "各国议会联盟",
        "基地组织",
        "机场截获行动联合工作队",
        "美洲反恐怖主义委员会",
        "联合国人权事务高级专员办事处",
        "反洗钱金融行动工作组",
        "国际反恐公约",
        "国际检察官协会",
        "太平洋岛屿论坛秘书处",
        "经常方案",
        "非洲恐怖主义问题研究中心",
        "世界海关组织",
        "中部非洲经济和货币共同体",
        "中非国家经济共同体",
        "全球合作安全中心",
        "制裁基地组织/塔利班委员会",
        "区域间咨询机构",
        "国际移民组织",
        "培训员培训方案",
        "太平洋岛屿论坛",
        "安全理事会附属机构",
        "条约和法律事务处",
        "欧洲司法协调机构",
        "金融情报中心埃格蒙特集团",
        "金融行动特别工作组",
    ]


def test_ranked_by_kind_then_frequency(with_empty_glossary: list[Candidate]) -> None:
    found = with_empty_glossary
    kinds = [c.kind for c in found]
    assert kinds == sorted(kinds, key=["definition", "title", "organisation"].index)
    assert (kinds.count("definition"), kinds.count("title"), kinds.count("organisation")) == (
        16,
        29,
        40,
    )
    for kind in ("definition", "title", "organisation"):
        counts = [c.count for c in found if c.kind == kind]
        assert counts == sorted(counts, reverse=True)
    first = found[0]
    assert first.terms == (
        CandidateTerm("联合国毒品和犯罪问题办公室", "full-form", 3),
        CandidateTerm("毒品和犯罪问题办公室", "short-form", 179),
    )
    assert first.count == 182


def test_counts_and_places_come_from_the_matcher(with_empty_glossary: list[Candidate]) -> None:
    (undp,) = [c for c in with_empty_glossary if c.text == "联合国开发计划署"]
    assert undp == Candidate(
        "definition",
        (
            CandidateTerm("联合国开发计划署", "full-form", 1),
            CandidateTerm("开发署", "short-form", 5),
        ),
        6,
        tuple(Location(R2019, f"para {n}") for n in (25, 67, 68, 86, 94)),
    )
    assert undp.documents == (R2019,)


def test_what_the_glossary_has_is_left_out(documents: list[Document]) -> None:
    found = find_candidates(unodc_only(), documents)
    texts = {t.text for c in found for t in c.terms}
    assert not texts & {t.text for t in unodc_only().concepts[0].terms}
    assert found[0].text == "反恐怖主义委员会执行局"


def test_a_missing_short_form_is_offered_for_the_concept_that_has_the_full_form(
    documents: list[Document],
) -> None:
    undp = Concept("undp", terms=(Term("联合国开发计划署", "zh-Hans", "preferred"),))
    (short,) = [c for c in find_candidates(Glossary((undp,)), documents) if c.adds_to]
    assert short.terms == (CandidateTerm("开发署", "short-form", 5),)
    assert short.adds_to == "undp"


def test_candidates_of_one_document(documents: list[Document]) -> None:
    (report_2007,) = [d for d in documents if d.meta.id == R2007]
    found = find_candidates(Glossary(()), [report_2007])
    assert {loc.doc for c in found for loc in c.locations} == {R2007}
    assert [c.text for c in found[:3]] == [
        "联合国毒品和犯罪问题办事处",
        "欧洲安全与合作组织",
        "国际货币基金组织",
    ]


def test_nothing_the_bundled_glossary_has_is_a_candidate(documents: list[Document]) -> None:
    glossary = load_glossary(GLOSSARY)
    known = {t.text for c in glossary.concepts for t in c.terms}
    found = find_candidates(glossary, documents)
    assert found, "the corpus still has terms to add"
    assert not {t.text for c in found for t in c.terms} & known


# -- the command line -------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], glossary: Path, *args: str) -> tuple[int, str, str]:
    code = main(
        ["--corpus", str(CORPUS), "--glossary", str(glossary), "glossary", "candidates", *args]
    )
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small_glossary(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "unodc.yaml").write_text(dump_concepts(unodc_only().concepts), encoding="utf-8")
    return folder


def test_cli_listing(capsys: pytest.CaptureFixture[str], small_glossary: Path) -> None:
    code, out, _ = run(capsys, small_glossary, "--limit", "2")
    assert code == 0
    assert out.splitlines() == [
        "definition     13  反恐怖主义委员会执行局 · 反恐执行局 (short-form)",
        f"                  {R2007} para 37, 39; {R2019} para 19, 25, 42, 45, 51, 84 (+2)",
        "definition     13  欧洲安全与合作组织 · 欧安组织 (short-form)",
        f"                  {R2007} para 21 item (g), 35, 36, 50, 51, record 127; {R2019} para 94",
        "83 candidates not in the glossary (1 concept) (first 2; --limit 0 for all)",
    ]


def test_cli_json(capsys: pytest.CaptureFixture[str], small_glossary: Path) -> None:
    code, out, _ = run(capsys, small_glossary, "--doc", "E/CN.15/2007/9", "--limit", "1", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "kind": "definition",
            "text": "欧洲安全与合作组织",
            "count": 12,
            "terms": [
                {"text": "欧洲安全与合作组织", "type": "full-form", "count": 2},
                {"text": "欧安组织", "type": "short-form", "count": 10},
            ],
            "adds_to": None,
            "documents": [R2007],
            "locations": [
                {"doc": R2007, "where": w}
                for w in (
                    "para 21 item (g)",
                    "para 35",
                    "para 36",
                    "para 50",
                    "para 51",
                    "record 127",
                )
            ],
        }
    ]


def test_cli_yaml_pastes_into_the_glossary(
    capsys: pytest.CaptureFixture[str], small_glossary: Path
) -> None:
    code, out, _ = run(capsys, small_glossary, "--limit", "5", "--yaml")
    assert code == 0
    assert out.startswith(
        "concepts:\n  # definition, 13x: rename the id, add subject and English\n"
    )
    pasted, problems = read_concepts(out, "pasted.yaml")
    assert problems == []
    assert [[(t.text, t.type, t.status) for t in c.terms] for c in pasted[:2]] == [
        [
            ("反恐怖主义委员会执行局", "full-form", "preferred"),
            ("反恐执行局", "short-form", "preferred"),
        ],
        [("欧洲安全与合作组织", "full-form", "preferred"), ("欧安组织", "short-form", "preferred")],
    ]
    assert all(not c.in_language("en") for c in pasted)
    assert pasted[0].sources == (R2007, R2019)
    # Pasted as a file of the glossary, it loads, and those candidates are gone.
    (small_glossary / "new.yaml").write_text(out, encoding="utf-8")
    assert len(load_glossary(small_glossary).concepts) == 6
    _, after, _ = run(capsys, small_glossary, "--limit", "1")
    assert (
        after.splitlines()[-1]
        == "78 candidates not in the glossary (6 concepts) (first 1; --limit 0 for all)"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--limit", "-1"), "--limit must be 0 or more and --min-count 1 or more"),
        (("--min-count", "0"), "--limit must be 0 or more and --min-count 1 or more"),
        (("--doc", "E/CN.15/2099/1"), "no document 'E/CN.15/2099/1'"),
    ],
)
def test_cli_bad_input(
    capsys: pytest.CaptureFixture[str], small_glossary: Path, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, small_glossary, *args)
    assert (code, out) == (1, "")
    assert message in err


def test_cli_empty_corpus(
    capsys: pytest.CaptureFixture[str], small_glossary: Path, tmp_path: Path
) -> None:
    code = main(
        [
            "--corpus",
            str(tmp_path / "none"),
            "--glossary",
            str(small_glossary),
            "glossary",
            "candidates",
        ]
    )
    _, err = capsys.readouterr()
    assert code == 1
    assert "no records in" in err and "assembler corpus ingest" in err
