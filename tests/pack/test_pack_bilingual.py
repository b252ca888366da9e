"""Bilingual packs: English records of a document sit beside the Chinese ones, paired by
paragraph number; a missing side says so. Uses the English test fixture (not a UN text)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assembler.build.driver import Overrides, Prepared, prepare
from assembler.corpus.catalog import Corpus
from assembler.corpus.ingest import ingest
from assembler.glossary.store import load_glossary
from assembler.model.pack import Excerpt, PageField

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "en"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "corpus" / "sources", root / "sources")
    for path in FIXTURE.iterdir():
        shutil.copy(path, root / "sources" / path.name)
    corpus = Corpus(root)
    ingest(sorted(corpus.sources_dir.glob("*.txt")), corpus.records_dir)
    return corpus


def build(corpus: Corpus, language: str) -> Prepared:
    return prepare(
        ROOT / "examples" / "ccpcj28-item6c.yaml",
        corpus,
        load_glossary(ROOT / "glossary"),
        ROOT / "templates",
        Overrides(language=language),
    )


def shown(prepared: Prepared) -> dict[str, Excerpt]:
    return {
        b.number: b
        for s in prepared.pack.sections
        for b in s.blocks
        if isinstance(b, Excerpt) and b.number
    }


def text(excerpt: Excerpt, column: int) -> str:
    return "".join(s.text for s in excerpt.passages[column].runs if s.kind != "gloss")


def test_side_by_side_pairs_paragraphs_by_number(corpus: Corpus) -> None:
    prepared = build(corpus, "zh+en")
    pack = prepared.pack
    assert pack.columns == ("zh-Hans", "en") and pack.side_by_side
    assert pack.column_headers == ("中文", "英文")
    english = {r.para: r for r in corpus.resolve("ccpcj28-terrorism-ta", "en").paragraphs}
    chinese = {r.para: r for r in corpus.resolve("ccpcj28-terrorism-ta").paragraphs}
    excerpts = shown(prepared)
    for number in ("1", "2", "3", "39"):
        assert text(excerpts[number], 0) == chinese[number].text
        assert text(excerpts[number], 1) == english[number].text
        assert excerpts[number].passages[1].lang == "en"
    assert text(excerpts["2"], 1).startswith("The General Assembly has reaffirmed")
    # The English column says it already: no glosses in the Chinese one.
    assert not [s for e in excerpts.values() for s in e.passages[0].runs if s.kind == "gloss"]
    assert pack.name == "ccpcj28-item6c-zh-en"


def test_a_missing_english_paragraph_says_so(corpus: Corpus) -> None:
    excerpt = shown(build(corpus, "zh+en"))["4"]
    english = excerpt.passages[1]
    assert english.runs == () and english.missing == "语料库中没有本段的英文文本。"


def test_english_footnote_travels_with_its_paragraph(corpus: Corpus) -> None:
    english = shown(build(corpus, "zh+en"))["39"].passages[1]
    notes = [s.note for s in english.runs if s.note is not None]
    assert [n.mark for n in notes] == ["1"]
    assert "Kosovo" in "".join(s.text for s in notes[0].runs)


def test_english_pack_uses_english_labels_fonts_and_no_chinese_meeting(corpus: Corpus) -> None:
    prepared = build(corpus, "en")
    pack = prepared.pack
    assert pack.labels.page_of == ("Page ", PageField("page"), " of ", PageField("pages"))
    assert pack.labels.contents == "Contents"
    # The fixture's English version states no meeting: numbers and dates come from the
    # Chinese version, the body from the glossary's English name; no Chinese words (venue,
    # agenda title) reach the cover.
    assert pack.cover.meeting == (
        "Commission on Crime Prevention and Criminal Justice",  # the glossary's equivalent
        "Twenty-eighth session",
        "20–24 May 2019",
        "Item 6(c) of the provisional agenda",
    )
    assert pack.typefaces[0].body == "Liberation Serif" and pack.typefaces[0].word_lang == "en-US"
    assert shown(prepared)["4"].passages[0].missing == (
        "The corpus has no English text of this paragraph."
    )


def test_english_cover_formats_the_specs_meeting_in_english(corpus: Corpus, tmp_path: Path) -> None:
    spec = tmp_path / "en.yaml"
    spec.write_text(
        "title: Technical assistance against terrorism\nlanguage: en\n"
        "meeting:\n  body: Commission on Crime Prevention and Criminal Justice\n  session: 28\n"
        "  dates: {start: 2019-05-20, end: 2019-05-24}\n  venue: Vienna\n  agenda_item: 6(c)\n"
        "sections:\n  - heading: Introduction\n    select:\n      - ccpcj28-terrorism-ta: 1-3\n",
        encoding="utf-8",
    )
    pack = prepare(spec, corpus, load_glossary(ROOT / "glossary"), ROOT / "templates").pack
    assert pack.cover.meeting == (
        "Commission on Crime Prevention and Criminal Justice",
        "Twenty-eighth session",
        "Vienna, 20–24 May 2019",
        "Item 6(c) of the provisional agenda",
    )
