"""The bundled terminology base, glossary/*.yaml: what it must hold to be trusted.

It loads under every rule of glossary/README.md; it has at least 150 concepts, each with a
subject and a source; its Chinese terms are the UN's own forms, found in the corpus (or, for
the few that are not, with a source saying where they come from); the corpus documents listed
as a concept's sources are exactly those where its Chinese terms occur; the older Chinese
names of UNODC in E/CN.15/2007/9 are superseded, so a scan of that report flags them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Glossary
from assembler.glossary.scan import record_segments
from assembler.glossary.store import glossary_files, load_file, load_glossary

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "glossary"
R2019 = "ccpcj28-terrorism-ta"
R2007 = "E-CN.15-2007-9"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    return Corpus(ROOT / "corpus").documents()


@pytest.fixture(scope="module")
def texts_by_doc(documents: list[Document]) -> dict[str, list[str]]:
    """Each document's text, items and notes."""
    texts: dict[str, list[str]] = {}
    for segment in record_segments(r for d in documents for r in d.records):
        texts.setdefault(segment.doc, []).append(segment.text)
    return texts


def docs_with(term: str, texts_by_doc: dict[str, list[str]]) -> set[str]:
    return {doc for doc, texts in texts_by_doc.items() if any(term in t for t in texts)}


def test_it_loads_with_at_least_150_concepts(glossary: Glossary) -> None:
    assert len(glossary.concepts) >= 150


def test_every_concept_has_a_subject_and_a_source(glossary: Glossary) -> None:
    assert [c.id for c in glossary.concepts if not c.subject.strip()] == []
    assert [c.id for c in glossary.concepts if not c.sources] == []


def test_every_chinese_term_is_in_the_corpus_or_says_where_it_comes_from(
    glossary: Glossary, documents: list[Document], texts_by_doc: dict[str, list[str]]
) -> None:
    corpus_names = {d.meta.id for d in documents} | {d.meta.symbol for d in documents}
    unfounded = [
        (concept.id, term.text)
        for concept in glossary.concepts
        for term in concept.in_language("zh-Hans")
        if not docs_with(term.text, texts_by_doc)
        and not (term.source and term.source not in corpus_names)
    ]
    assert unfounded == []


def test_the_corpus_sources_are_where_the_chinese_terms_occur(
    glossary: Glossary, texts_by_doc: dict[str, list[str]]
) -> None:
    wrong = []
    for concept in glossary.concepts:
        listed = {s for s in concept.sources if s in texts_by_doc}
        found = set().union(
            *(docs_with(t.text, texts_by_doc) for t in concept.in_language("zh-Hans"))
        )
        if listed != found:
            wrong.append((concept.id, sorted(listed), sorted(found)))
    assert wrong == []


def test_unodc_has_its_current_and_superseded_chinese_names(glossary: Glossary) -> None:
    unodc = glossary.get("unodc")
    assert unodc is not None
    assert [(t.lang, t.text, t.status, t.type) for t in unodc.terms] == [
        ("zh-Hans", "联合国毒品和犯罪问题办公室", "preferred", "full-form"),
        ("zh-Hans", "毒品和犯罪问题办公室", "preferred", "short-form"),
        ("zh-Hans", "联合国毒品和犯罪问题办事处", "superseded", "full-form"),
        ("zh-Hans", "禁毒办", "superseded", "short-form"),
        ("en", "United Nations Office on Drugs and Crime", "preferred", "full-form"),
        ("en", "UNODC", "preferred", "acronym"),
    ]
    assert unodc.sources[:2] == (R2019, R2007)


def test_the_2007_report_uses_names_the_un_no_longer_uses(
    glossary: Glossary, texts_by_doc: dict[str, list[str]]
) -> None:
    matcher = Matcher(glossary)
    flagged: dict[tuple[str, str, str], int] = {}
    for doc, texts in texts_by_doc.items():
        for text in texts:
            for hit in matcher.find(text):
                if hit.term.discouraged:
                    key = (doc, hit.term.text, hit.concept)
                    flagged[key] = flagged.get(key, 0) + 1
    assert flagged == {
        (R2007, "禁毒办", "unodc"): 106,
        (R2007, "联合国毒品和犯罪问题办事处", "unodc"): 3,
        (R2007, "伊斯兰会议组织", "organisation-of-islamic-cooperation"): 5,
        (R2007, "前南斯拉夫的马其顿共和国", "north-macedonia"): 1,
        (R2007, "毛利塔尼亚", "mauritania"): 1,
    }


def test_foreign_terrorist_fighters_is_found_at_every_occurrence(
    glossary: Glossary, texts_by_doc: dict[str, list[str]]
) -> None:
    """No longer term may swallow it: the matcher is leftmost-longest."""
    term = "外国恐怖主义作战人员"
    matcher = Matcher(glossary)
    texts = texts_by_doc[R2019]
    hits = [h for text in texts for h in matcher.find(text) if h.term.text == term]
    assert len(hits) == sum(text.count(term) for text in texts) == 14
    concept = glossary.get(hits[0].concept)
    assert concept is not None
    english = concept.preferred("en")
    assert english is not None and english.text == "foreign terrorist fighters"


def test_concepts_without_english_say_so(glossary: Glossary) -> None:
    """Facts only: an English name not confirmed is left out, and the note says why."""
    missing = [c for c in glossary.concepts if not c.in_language("en")]
    assert [c.id for c in missing if "not confirmed" not in c.note] == []


def test_each_file_holds_one_subject_under_a_comment_header() -> None:
    for path in glossary_files(GLOSSARY):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# "), path.name
        subjects = {c.subject for c in load_file(path)}
        assert len(subjects) == 1, (path.name, subjects)
