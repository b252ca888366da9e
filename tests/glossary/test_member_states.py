"""The country names in glossary/countries.yaml: every UN Member State and the two non-member
observer States, named as UNTERM names them.

The facts checked are the ones a user would check: 193 + 2 concepts, each citing its UNTERM
record (http://metadata.un.org/unterm/<id>) and holding a preferred Chinese and English name;
the names of eight records compared with the UNTERM records themselves
(tests/data/unterm/countries-sample.ttl, an excerpt of the UNTERM "Country names" export,
dag-hammarskjold-library/unterm-proxy countries.ttl): the short name (skos:prefLabel) is the
short form, the formal name (skos:altLabel) the full form, English formal names without
UNTERM's leading "the" and English short names without its trailing "(the)"; and the matcher
telling apart names that hold one another (几内亚 in 几内亚比绍, 尼日尔 and 尼日利亚, ...).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SKOS

from assembler.corpus.catalog import Corpus
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Concept, Glossary
from assembler.glossary.scan import record_segments
from assembler.glossary.store import load_file, load_glossary

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossary"
SAMPLE = ROOT / "tests" / "data" / "unterm" / "countries-sample.ttl"
UNTERM = "http://metadata.un.org/unterm/"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SUBJECT = "countries and territories"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def states(glossary: Glossary) -> dict[str, Concept]:
    """The concepts citing a UNTERM record, by record URI."""
    by_uri: dict[str, Concept] = {}
    for concept in glossary.concepts:
        for source in concept.sources:
            if source.startswith(UNTERM):
                assert source not in by_uri, (source, concept.id, by_uri.get(source))
                by_uri[source] = concept
    return by_uri


def names(concept: Concept, lang: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.status, t.type) for t in concept.in_language(lang)]


def test_193_member_states_and_2_observer_states_each_cite_one_unterm_record(
    glossary: Glossary, states: dict[str, Concept]
) -> None:
    assert len(states) == 195
    assert len({c.id for c in states.values()}) == 195
    for uri, concept in states.items():
        assert UUID.fullmatch(uri.removeprefix(UNTERM)), uri
        assert concept.subject == SUBJECT, concept.id
        assert [s for s in concept.sources if s.startswith(UNTERM)] == [uri], concept.id
    observers = sorted(c.id for c in states.values() if "observer State" in c.note)
    assert observers == ["holy-see", "state-of-palestine"]
    # the file's other country concept has no UNTERM record (not a UN Member State)
    in_file = {c.id for c in load_file(GLOSSARY / "countries.yaml")}
    assert in_file - {c.id for c in states.values()} == {"kosovo"}


def test_each_state_has_a_preferred_chinese_and_english_name(
    states: dict[str, Concept],
) -> None:
    for concept in states.values():
        for lang in ("zh-Hans", "en"):
            preferred = [t for t in concept.in_language(lang) if t.status == "preferred"]
            assert preferred, (concept.id, lang)
            assert preferred[0].type == "full-form", (concept.id, lang, preferred[0].text)
            assert all(t.type in ("full-form", "short-form") for t in preferred), concept.id
        current = [t for t in concept.terms if t.status in ("preferred", "admitted")]
        assert not any(t.text.startswith("the ") for t in current), concept.id
        assert not any(t.text.endswith(("(the)", "(The)")) for t in current), concept.id


# The eight records of the sample, by UNTERM id.
SAMPLE_IDS = {
    "7cc6e8c6-538b-4e08-85b8-f77bdc964de7": "chad",
    "f9584092-3401-4a9a-a43f-6697c61fcf33": "china",
    "473610d6-eb4c-4ea2-a0ea-7c45e6d50a3a": "cote-divoire",
    "956a3881-b5fe-406b-8177-9fe7d9b835af": "france",
    "08d7e28b-b0f5-4136-aadb-e597a4a71840": "mauritania",
    "1c98d616-3b6a-4d15-a7cb-f88c7f988b83": "north-macedonia",
    "29c86c3e-de43-4b0f-af04-184045da457d": "syrian-arab-republic",
    "356ac538-feb4-4d8a-a4e9-a9eb5dd40fc5": "turkey",
}


@pytest.fixture(scope="module")
def records() -> dict[str, dict[str, dict[str, str]]]:
    """The sample's records: record URI -> language (zh, en) -> short / formal name."""
    graph = Graph()
    graph.parse(SAMPLE, format="turtle")
    found: dict[str, dict[str, dict[str, str]]] = {}
    for subject in set(graph.subjects(SKOS.prefLabel, None)):
        labels: dict[str, dict[str, str]] = {}
        for kind, predicate in (("short", SKOS.prefLabel), ("formal", SKOS.altLabel)):
            for label in graph.objects(subject, predicate):
                assert isinstance(label, Literal)
                if label.language in ("zh", "en"):
                    labels.setdefault(label.language, {})[kind] = str(label)
        assert isinstance(subject, URIRef)
        found[str(subject)] = labels
    return found


def test_the_sample_holds_eight_unterm_records(
    records: dict[str, dict[str, dict[str, str]]],
) -> None:
    assert sorted(records) == sorted(UNTERM + i for i in SAMPLE_IDS)
    english = sorted(r["en"]["short"] for r in records.values())
    assert english == [
        "Chad",
        "China",
        "Côte d'Ivoire",
        "France",
        "Mauritania",
        "North Macedonia",
        "Syrian Arab Republic (the)",
        "Türkiye",
    ]


@pytest.mark.parametrize("record_id", sorted(SAMPLE_IDS), ids=SAMPLE_IDS.get)
def test_names_are_those_of_the_unterm_record(
    record_id: str,
    records: dict[str, dict[str, dict[str, str]]],
    states: dict[str, Concept],
) -> None:
    uri = UNTERM + record_id
    record = records[uri]
    concept = states[uri]
    assert concept.id == SAMPLE_IDS[record_id]
    zh_short, zh_formal = record["zh"]["short"], record["zh"]["formal"]
    en_short = re.sub(r" \((the|The)\)$", "", record["en"]["short"])
    en_formal = record["en"]["formal"].removeprefix("the ")
    for lang, short, formal in (("zh-Hans", zh_short, zh_formal), ("en", en_short, en_formal)):
        terms = {t.text: t for t in concept.in_language(lang)}
        assert terms[formal].status == "preferred", (concept.id, formal)
        assert terms[formal].type == "full-form", (concept.id, formal)
        assert terms[short].status == "preferred", (concept.id, short)
        expected = "full-form" if short == formal else "short-form"
        assert terms[short].type == expected, (concept.id, short)
        assert concept.preferred(lang) == terms[formal], concept.id


def test_chad_mauritania_and_turkiye(glossary: Glossary) -> None:
    chad = glossary.get("chad")
    assert chad is not None
    assert names(chad, "zh-Hans") == [
        ("乍得共和国", "preferred", "full-form"),
        ("乍得", "preferred", "short-form"),
    ]
    assert names(chad, "en") == [
        ("Republic of Chad", "preferred", "full-form"),
        ("Chad", "preferred", "short-form"),
    ]
    mauritania = glossary.get("mauritania")
    assert mauritania is not None
    assert ("毛里塔尼亚伊斯兰共和国", "preferred", "full-form") in names(mauritania, "zh-Hans")
    assert ("毛利塔尼亚", "deprecated", "short-form") in names(mauritania, "zh-Hans")
    assert ("Islamic Republic of Mauritania", "preferred", "full-form") in names(mauritania, "en")
    turkiye = glossary.get("turkey")
    assert turkiye is not None
    assert names(turkiye, "zh-Hans") == [
        ("土耳其共和国", "preferred", "full-form"),
        ("土耳其", "preferred", "short-form"),
    ]
    assert names(turkiye, "en") == [
        ("Republic of Türkiye", "preferred", "full-form"),
        ("Türkiye", "preferred", "short-form"),
        ("Turkey", "superseded", "short-form"),
    ]


def test_names_unterm_gives_once_are_one_term(glossary: Glossary) -> None:
    """Where UNTERM's short and formal names are the same, the concept has that one term."""
    for concept_id, zh, en in (
        ("holy-see", "罗马教廷", "Holy See"),
        ("state-of-palestine", "巴勒斯坦国", "State of Palestine"),
        ("bolivia", "多民族玻利维亚国", "Plurinational State of Bolivia"),
        ("georgia", "格鲁吉亚", "Georgia"),
        ("solomon-islands", "所罗门群岛", "Solomon Islands"),
    ):
        concept = glossary.get(concept_id)
        assert concept is not None, concept_id
        assert names(concept, "zh-Hans") == [(zh, "preferred", "full-form")]
        assert (en, "preferred", "full-form") == names(concept, "en")[0]
    bolivia = glossary.get("bolivia")
    assert bolivia is not None
    assert names(bolivia, "en")[1] == (
        "Bolivia (Plurinational State of)",
        "preferred",
        "short-form",
    )


def hits(matcher: Matcher, text: str) -> list[tuple[str, str]]:
    return [(h.term.text, h.concept) for h in matcher.find(text)]


def test_the_longest_name_wins(glossary: Glossary) -> None:
    matcher = Matcher(glossary)
    text = (
        "几内亚、几内亚比绍、赤道几内亚、巴布亚新几内亚、刚果、刚果民主共和国、苏丹、南苏丹、"
        "尼日尔、尼日利亚、多米尼克、多米尼加共和国、中非、中非共和国、印度、印度尼西亚、马里、索马里"
    )
    assert hits(matcher, text) == [
        ("几内亚", "guinea"),
        ("几内亚比绍", "guinea-bissau"),
        ("赤道几内亚", "equatorial-guinea"),
        ("巴布亚新几内亚", "papua-new-guinea"),
        ("刚果", "congo"),
        ("刚果民主共和国", "democratic-republic-of-the-congo"),
        ("苏丹", "sudan"),
        ("南苏丹", "south-sudan"),
        ("尼日尔", "niger"),
        ("尼日利亚", "nigeria"),
        ("多米尼克", "dominica"),
        ("多米尼加共和国", "dominican-republic"),
        ("中非", "central-africa"),
        ("中非共和国", "central-african-republic"),
        ("印度", "india"),
        ("印度尼西亚", "indonesia"),
        ("马里", "mali"),
        ("索马里", "somalia"),
    ]
    english = (
        "Guinea, Guinea-Bissau, Equatorial Guinea, Niger, Nigeria, Dominica, Dominican Republic"
    )
    assert hits(Matcher(glossary, ("en",)), english) == [
        ("Guinea", "guinea"),
        ("Guinea-Bissau", "guinea-bissau"),
        ("Equatorial Guinea", "equatorial-guinea"),
        ("Niger", "niger"),
        ("Nigeria", "nigeria"),
        ("Dominica", "dominica"),
        ("Dominican Republic", "dominican-republic"),
    ]


def test_the_countries_of_paragraph_31_of_the_2019_report(glossary: Glossary) -> None:
    """ccpcj28-terrorism-ta para 31 lists the States a programme served, by short name."""
    documents = Corpus(ROOT / "corpus").documents()
    records = [r for d in documents if d.meta.id == "ccpcj28-terrorism-ta" for r in d.records]
    texts = [s.text for s in record_segments(r for r in records if r.para == "31")]
    matcher = Matcher(glossary)
    found = [h.concept for text in texts for h in matcher.find(text)]
    countries = {c.id for c in glossary.concepts if c.subject == SUBJECT}
    assert [c for c in found if c in countries] == [
        "afghanistan", "albania", "algeria", "bahrain", "burkina-faso", "egypt", "iraq",
        "jordan", "kazakhstan", "kuwait", "kyrgyzstan", "libya", "mali", "mauritania",
        "morocco", "niger", "oman", "qatar", "saudi-arabia", "senegal", "somalia",
        "state-of-palestine", "sudan", "syrian-arab-republic", "tajikistan", "tunisia",
        "united-arab-emirates", "yemen",
    ]  # fmt: skip
