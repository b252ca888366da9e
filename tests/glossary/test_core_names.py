"""The field's core names (issue 15, item 2): the UN crime, drug, human rights and
counter-terrorism treaties, the standards and norms, the crime and drug bodies, the UN system
entities, organs and missions that a crime prevention or counter-terrorism report names.

Facts a user would check: the official titles and short forms, the adopting resolutions, the
Chinese names of the Commission on Narcotic Drugs and the Board, the fifteen Crime Congresses
under their two names; that every entry says where it was checked; that none of these terms
is shared with another concept; and that scans find them where the corpus names them (the
English General Assembly resolutions) and keep 中非 from being glossed inside 中非稳定团.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.glossary.model import Concept, Glossary
from assembler.glossary.scan import scan_document, scan_text
from assembler.glossary.store import load_file, load_glossary

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossary"
CORE_FILES = (
    "crime-and-drug-treaties.yaml",
    "standards-and-norms.yaml",
    "crime-and-drug-bodies.yaml",
    "un-system-entities.yaml",
    "un-organs-and-commissions.yaml",
    "un-missions.yaml",
)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def core(glossary: Glossary) -> list[Concept]:
    ids = [c.id for name in CORE_FILES for c in load_file(GLOSSARY / name)]
    by_id = glossary.by_id()
    return [by_id[i] for i in ids]


def concept(glossary: Glossary, concept_id: str) -> Concept:
    found = glossary.get(concept_id)
    assert found is not None, concept_id
    return found


def terms(found: Concept, lang: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.status, t.type) for t in found.in_language(lang)]


def test_the_core_files_add_at_least_150_concepts(core: list[Concept]) -> None:
    assert len(core) >= 150
    assert len({c.id for c in core}) == len(core)


def test_untoc_titles_and_short_form(glossary: Glossary) -> None:
    untoc = concept(glossary, "untoc")
    assert terms(untoc, "zh-Hans") == [("联合国打击跨国有组织犯罪公约", "preferred", "full-form")]
    assert terms(untoc, "en") == [
        (
            "United Nations Convention against Transnational Organized Crime",
            "preferred",
            "full-form",
        ),
        ("Organized Crime Convention", "admitted", "short-form"),
        ("UNTOC", "preferred", "acronym"),
    ]
    assert "A/RES/55/25" in untoc.sources


def test_uncac_and_its_chinese_short_form(glossary: Glossary) -> None:
    uncac = concept(glossary, "uncac")
    assert ("联合国反腐败公约", "preferred", "full-form") in terms(uncac, "zh-Hans")
    assert ("反腐败公约", "preferred", "short-form") in terms(uncac, "zh-Hans")
    assert ("UNCAC", "preferred", "acronym") in terms(uncac, "en")
    assert "A/RES/58/4" in uncac.sources


def test_the_three_protocols_supplement_untoc(glossary: Glossary) -> None:
    titles = {
        "trafficking-in-persons-protocol": "联合国打击跨国有组织犯罪公约关于预防、禁止和惩治贩运人口"
        "特别是妇女和儿童行为的补充议定书",
        "smuggling-of-migrants-protocol": "联合国打击跨国有组织犯罪公约关于打击陆、海、空偷运移民的补充议定书",
        "firearms-protocol": "联合国打击跨国有组织犯罪公约关于打击非法制造和贩运枪支及其零部件和弹药的补充议定书",
    }
    for concept_id, title in titles.items():
        found = concept(glossary, concept_id)
        preferred = found.preferred("zh-Hans")
        assert preferred is not None and preferred.text == title
        english = found.preferred("en")
        assert english is not None
        assert english.text.endswith(
            "supplementing the United Nations Convention against Transnational Organized Crime"
        )
    assert "A/RES/55/255" in concept(glossary, "firearms-protocol").sources


def test_nelson_mandela_rules_full_title_and_popular_name(glossary: Glossary) -> None:
    rules = concept(glossary, "nelson-mandela-rules")
    english = rules.preferred("en")
    assert english is not None
    assert english.text == "United Nations Standard Minimum Rules for the Treatment of Prisoners"
    assert ("Nelson Mandela Rules", "preferred", "short-form") in terms(rules, "en")
    assert ("联合国囚犯待遇最低限度标准规则", "preferred", "full-form") in terms(rules, "zh-Hans")
    assert "A/RES/70/175" in rules.sources


@pytest.mark.parametrize(
    ("concept_id", "symbol", "popular"),
    [
        ("bangkok-rules", "A/RES/65/229", "Bangkok Rules"),
        ("tokyo-rules", "A/RES/45/110", "Tokyo Rules"),
        ("beijing-rules", "A/RES/40/33", "Beijing Rules"),
        ("riyadh-guidelines", "A/RES/45/112", "Riyadh Guidelines"),
        ("havana-rules", "A/RES/45/113", "Havana Rules"),
    ],
)
def test_standards_carry_their_adopting_resolution(
    glossary: Glossary, concept_id: str, symbol: str, popular: str
) -> None:
    found = concept(glossary, concept_id)
    assert symbol in found.sources
    assert (popular, "preferred", "short-form") in terms(found, "en")


def test_tokyo_and_beijing_rules_in_chinese(glossary: Glossary) -> None:
    assert terms(concept(glossary, "tokyo-rules"), "zh-Hans") == [
        ("联合国非拘禁措施最低限度标准规则", "preferred", "full-form"),
        ("东京规则", "preferred", "short-form"),
    ]
    assert terms(concept(glossary, "beijing-rules"), "zh-Hans") == [
        ("联合国少年司法最低限度标准规则", "preferred", "full-form"),
        ("北京规则", "preferred", "short-form"),
    ]


def test_human_rights_treaties_with_their_resolutions(glossary: Glossary) -> None:
    crc = concept(glossary, "crc")
    assert crc.preferred("zh-Hans") is not None
    assert terms(crc, "zh-Hans")[0] == ("儿童权利公约", "preferred", "full-form")
    assert "A/RES/44/25" in crc.sources
    cat = concept(glossary, "cat")
    english = cat.preferred("en")
    assert english is not None
    assert english.text == (
        "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or Punishment"
    )
    assert "A/RES/39/46" in cat.sources


def test_commission_on_narcotic_drugs_and_the_board(glossary: Glossary) -> None:
    assert terms(concept(glossary, "cnd"), "zh-Hans") == [
        ("麻醉药品委员会", "preferred", "full-form")
    ]
    assert ("CND", "preferred", "acronym") in terms(concept(glossary, "cnd"), "en")
    assert terms(concept(glossary, "incb"), "zh-Hans") == [
        ("国际麻醉品管制局", "preferred", "full-form"),
        ("麻管局", "preferred", "short-form"),
    ]


def test_fifteen_crime_congresses_under_their_two_names(glossary: Glossary) -> None:
    for number in range(1, 16):
        found = concept(glossary, f"crime-congress-{number}")
        english = found.preferred("en")
        chinese = found.preferred("zh-Hans")
        assert english is not None
        if number <= 10:
            assert english.text.endswith(
                "United Nations Congress on the Prevention of Crime and the Treatment of Offenders"
            )
            assert chinese is None or chinese.text.endswith("联合国预防犯罪和罪犯待遇大会")
        else:
            assert english.text.endswith(
                "United Nations Congress on Crime Prevention and Criminal Justice"
            )
            assert chinese is None or chinese.text.endswith("联合国预防犯罪和刑事司法大会")
    # Chinese titles only where a source was seen; the others are not written on the pattern.
    with_chinese = [
        n
        for n in range(1, 16)
        if concept(glossary, f"crime-congress-{n}").preferred("zh-Hans") is not None
    ]
    assert with_chinese == [1, 5, 6, 11, 14]
    assert concept(glossary, "crime-congress-14").preferred("zh-Hans") is not None
    assert concept(glossary, "crime-congress-14").note.startswith("Kyoto, 7-12 March 2021")
    assert concept(glossary, "crime-congress-8").note.startswith("Havana, 27 August")
    assert concept(glossary, "crime-congress-11").note.startswith("Bangkok, 18-25 April 2005")
    generic = concept(glossary, "crime-congress")
    assert ("联合国预防犯罪和罪犯待遇大会", "superseded", "full-form") in terms(generic, "zh-Hans")


def test_un_system_entities_with_chinese_short_forms(glossary: Glossary) -> None:
    expected = {
        "unicef": ("联合国儿童基金会", "儿童基金会", "UNICEF"),
        "un-habitat": ("联合国人类住区规划署", "人居署", "UN-Habitat"),
        "who": ("世界卫生组织", "世卫组织", "WHO"),
        "ilo": ("国际劳工组织", "劳工组织", "ILO"),
        "unhcr": ("联合国难民事务高级专员办事处", "难民署", "UNHCR"),
    }
    for concept_id, (full, short, acronym) in expected.items():
        found = concept(glossary, concept_id)
        assert terms(found, "zh-Hans") == [
            (full, "preferred", "full-form"),
            (short, "preferred", "short-form"),
        ]
        assert (acronym, "preferred", "acronym") in terms(found, "en")
    assert ("CEB", "preferred", "acronym") in terms(concept(glossary, "ceb"), "en")
    assert ("UNFIP", "preferred", "acronym") in terms(concept(glossary, "unfip"), "en")
    unowa = concept(glossary, "unowa")
    assert unowa.preferred("en") is not None
    assert "UNOWAS" in unowa.note


def test_every_core_concept_says_where_it_was_checked(core: list[Concept]) -> None:
    assert [c.id for c in core if not c.sources] == []
    assert [c.id for c in core if not c.in_language("en")] == []
    # A Chinese term names the page (or the document) where it was seen.
    assert [(c.id, t.text) for c in core for t in c.in_language("zh-Hans") if not t.source] == []
    # Symbols, never hyphenated corpus ids, for the English resolutions.
    assert [(c.id, s) for c in core for s in c.sources if s.startswith("A-RES-")] == []


def test_no_core_term_is_shared_with_another_concept(
    glossary: Glossary, core: list[Concept]
) -> None:
    owners: dict[tuple[str, str], set[str]] = {}
    for found in glossary.concepts:
        for term in found.terms:
            owners.setdefault((term.lang, term.text), set()).add(found.id)
    shared = [(c.id, t.text) for c in core for t in c.terms if len(owners[(t.lang, t.text)]) > 1]
    assert shared == []


def test_scan_of_a_resolution_finds_them_where_it_names_them(glossary: Glossary) -> None:
    result = scan_document(glossary, ROOT / "corpus", "A/RES/78/229")
    paragraphs = {
        count.concept.id: {o.para for o in count.occurrences} for count in result.concepts
    }
    assert {"6", "37"} <= paragraphs["single-convention-on-narcotic-drugs"]
    assert {"6", "37"} <= paragraphs["protocol-1972-single-convention"]
    assert "5" in paragraphs["global-judicial-integrity-network"]
    assert "15" in paragraphs["globe-network"]
    assert "86" in paragraphs["iccs"]
    assert "37" in paragraphs["crime-congress"]
    # "... Convention against Transnational Organized Crime and the Protocols thereto" is the
    # longer name: the Convention alone is not found inside it.
    assert "6" in paragraphs["untoc-and-protocols"]
    assert "6" not in paragraphs.get("untoc", set())


def test_scan_of_a_resolution_preamble_finds_the_popular_names(glossary: Glossary) -> None:
    result = scan_document(glossary, ROOT / "corpus", "A/RES/78/224")
    found = {count.concept.id: count for count in result.concepts}
    for concept_id in ("nelson-mandela-rules", "bangkok-rules", "tokyo-rules", "kyoto-declaration"):
        assert concept_id in found, concept_id
    forms = {t.text for t, _ in found["nelson-mandela-rules"].forms}
    assert "Nelson Mandela Rules" in forms


def test_a_mission_short_form_keeps_the_region_out(glossary: Glossary) -> None:
    result = scan_text(glossary, "中非稳定团在中非共和国保护平民。", "<test>")
    ids = [count.concept.id for count in result.concepts]
    assert ids[0] == "minusca"
    assert "central-africa" not in ids
    congress = scan_text(glossary, "第十四届联合国预防犯罪和刑事司法大会通过了宣言。", "<test>")
    assert [count.concept.id for count in congress.concepts] == ["crime-congress-14"]
