"""English sources go through the same pipeline as Chinese ones, and their records align with
the Chinese records by (document, paragraph number).

The English source is a TEST FIXTURE written for these tests (tests/fixtures/en/), not an
official UN text: an English rendering of paragraphs 1-3 and 39 of the 2019 report and of the
headings above them, laid out as a PDF extraction gives it (a hard line break at every line end,
page numbers "2/3" beside a job number, a footnote under a separator rule, paragraph 39 running
across a page break). Its sidecar links it to the Chinese document by the document's id and
says `lang: en`. It is ingested into a temporary copy of corpus/, never into corpus/ itself, so
no pack shows it as UN text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from support import reports_only

from assembler.cli import main
from assembler.corpus import store
from assembler.corpus.accounting import account_source
from assembler.corpus.align import (
    HeadingPair,
    ParagraphPair,
    align_headings,
    align_paragraphs,
    heading_place,
)
from assembler.corpus.assemble import source_records
from assembler.corpus.catalog import Corpus
from assembler.corpus.ingest import parse_file
from assembler.corpus.model import Document, Note, Record
from assembler.errors import AssemblerError

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = Corpus(ROOT / "corpus")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "en"
FIXTURE = FIXTURES / "ccpcj28-terrorism-ta.en.test-fixture.txt"
SIDECAR = FIXTURES / "ccpcj28-terrorism-ta.en.test-fixture.meta.yaml"
REPORT = "ccpcj28-terrorism-ta"

PARA_1 = (
    "Within the Secretariat, the United Nations Office on Drugs and Crime (UNODC) has the"
    " primary responsibility for providing States with technical assistance and legislative"
    " expertise on the criminal justice aspects of preventing terrorism. In 2018, UNODC made"
    " further progress in this area in accordance with its mandate, implementing 70 per cent of"
    " the projects under pillar III of the United Nations Global Counter-Terrorism Strategy"
    " (measures to build States’ capacity to prevent and combat terrorism and to strengthen the"
    " role of the United Nations system in that regard). Many of those projects were"
    " implemented in cooperation with other entities of the United Nations Global"
    " Counter-Terrorism Coordination Compact."
)
PARA_2 = (
    "The General Assembly has reaffirmed the mandate of UNODC to provide technical assistance"
    " in countering terrorism in a number of resolutions, in particular resolution 72/123 on"
    " measures to eliminate international terrorism; resolution 72/180 on the protection of"
    " human rights and fundamental freedoms while countering terrorism; resolution 72/194 on"
    " technical assistance for implementing the international conventions and protocols"
    " related to counter-terrorism; and resolution 72/196 on strengthening the United Nations"
    " crime prevention and criminal justice programme, in particular its technical cooperation"
    " capacity."
)
PARA_3 = (
    "During the reporting period, UNODC continued to actively promote the implementation of"
    " relevant Security Council resolutions, including the recently adopted resolution 2341"
    " (2017) on terrorist threats against critical infrastructure; resolution 2347 (2017) on"
    " the destruction of cultural heritage and the trafficking of cultural property by"
    " terrorist groups in the context of armed conflict; resolution 2354 (2017) on countering"
    " terrorist propaganda; resolution 2368 (2017), reaffirming the sanctions regime against"
    " the Islamic State in Iraq and the Levant (ISIL, also known as Da’esh); resolution 2370"
    " (2017) on preventing terrorists from acquiring weapons; and resolution 2396 (2017) on"
    " terrorist fighters returning or relocating to their countries of origin or nationality or"
    " to third countries."
)
PARA_39 = (
    "UNODC further advanced the implementation of a five-year initiative on strengthening legal"
    " regimes against foreign terrorist fighters in the Middle East, North Africa and"
    " South-Eastern Europe. For example, a workshop on normative and administrative challenges"
    " was held for practitioners from Lebanon, and a number of events were organized in"
    " Albania, Kosovo, Montenegro and North Macedonia."
)
KOSOVO_NOTE = (
    "References to Kosovo shall be understood to be in the context of Security Council"
    " resolution 1244 (1999)."
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """A copy of corpus/ (sources and records) with the English fixture added to its sources,
    ingested through the command line."""
    root = tmp_path_factory.mktemp("bilingual")
    shutil.copytree(COMMITTED.sources_dir, root / "sources", ignore=reports_only)
    shutil.copytree(COMMITTED.records_dir, root / "records", ignore=reports_only)
    for path in (FIXTURE, SIDECAR):
        shutil.copy(path, root / "sources" / path.name)
    assert main(["--corpus", str(root), "corpus", "ingest"]) == 0
    return Corpus(root)


@pytest.fixture(scope="module")
def english(corpus: Corpus) -> Document:
    return corpus.resolve(REPORT, "en")


@pytest.fixture(scope="module")
def chinese(corpus: Corpus) -> Document:
    return corpus.resolve(REPORT)


def para(document: Document, number: str) -> Record:
    (record,) = [r for r in document.records if r.para == number]
    return record


# -- the fixture is labelled as what it is -------------------------------------------------------
def test_the_fixture_says_it_is_a_test_fixture_and_is_not_in_the_corpus() -> None:
    sidecar = SIDECAR.read_text(encoding="utf-8")
    assert sidecar.startswith("# TEST FIXTURE, NOT AN OFFICIAL UNITED NATIONS TEXT.")
    assert "note: TEST FIXTURE written for the tests, not an official United Nations text." in (
        sidecar
    )
    assert FIXTURE.read_text(encoding="utf-8").startswith(
        "TEST FIXTURE written for assembler's tests - NOT an official United Nations text."
    )
    assert not (COMMITTED.sources_dir / FIXTURE.name).exists()
    assert COMMITTED.languages(REPORT) == ["zh"]


# -- ingesting it ------------------------------------------------------------------------------
def corpus_files(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if not reports_only(str(folder), [p.name])]


def test_the_chinese_records_stay_byte_identical(corpus: Corpus) -> None:
    committed = sorted(p.name for p in corpus_files(COMMITTED.records_dir))
    for name in committed:
        assert (corpus.records_dir / name).read_bytes() == (
            COMMITTED.records_dir / name
        ).read_bytes(), name
    added = sorted(p.name for p in corpus.records_dir.iterdir() if p.name not in committed)
    assert added == ["ccpcj28-terrorism-ta.en.jsonl", "ccpcj28-terrorism-ta.en.meta.json"]


def test_the_english_version_shares_the_document_id(corpus: Corpus, english: Document) -> None:
    assert corpus.ids() == ["E-CN.15-2007-9", REPORT]
    assert corpus.languages(REPORT) == ["zh", "en"]
    assert corpus.languages("E-CN.15-2007-9") == ["zh"]
    meta = english.meta
    assert (meta.id, meta.lang, meta.symbol, meta.title) == (REPORT, "en", "", "")
    assert [(s.name, s.role) for s in meta.sources] == [(FIXTURE.name, "base")]
    assert meta.counts == {
        "paragraphs": 4,
        "headings": 5,
        "unnumbered": 0,
        "items": 0,
        "notes": 1,
        "records": 9,
    }
    # An excerpt says so: the paragraphs it lacks are reported, not renumbered.
    assert meta.warnings == (
        f"{FIXTURE.name}: line 50: paragraph 39 follows paragraph 3;"
        " paragraphs 4-38 are not in this source",
    )
    # The fixture's label is its cover text: it travels into the metadata.
    assert meta.front_matter == (
        "TEST FIXTURE written for assembler's tests - NOT an official United Nations text."
        " An English rendering of paragraphs 1-3 and 39 of the 2019 report and of the headings"
        " above them, laid out the way a PDF extraction gives it.",
    )


def test_english_records_in_reading_order(english: Document) -> None:
    outline = [(r.seq, r.kind, r.level, r.label, r.para, r.path, r.text) for r in english.records]
    assert outline == [
        (1, "heading", 1, "I", None, (), "Introduction"),
        (2, "paragraph", None, None, "1", ("I",), PARA_1),
        (3, "paragraph", None, None, "2", ("I",), PARA_2),
        (4, "paragraph", None, None, "3", ("I",), PARA_3),
        (5, "heading", 1, "II", None, (), "Delivery of technical assistance"),
        (6, "heading", 2, "A", None, ("II",), "Technical assistance activities"),
        (
            7,
            "heading",
            3,
            "2",
            None,
            ("II", "A"),
            "Building national capacity to implement counter-terrorism legislation",
        ),
        (
            8,
            "heading",
            4,
            "(c)",
            None,
            ("II", "A", "2"),
            # Wrapped onto two lines: the first stops on "including", the second starts in
            # lower case.
            "Addressing the threat posed by foreign terrorist fighters, including returning and"
            " relocating fighters",
        ),
        (9, "paragraph", None, None, "39", ("II", "A", "2", "(c)"), PARA_39),
    ]
    assert all(r.doc == REPORT and r.lang == "en" for r in english.records)


def test_the_heading_path_matches_the_chinese_one_label_for_label(
    english: Document, chinese: Document
) -> None:
    # 二 is II: the outline is the same document's, in the other language's numerals.
    assert para(chinese, "39").path == ("二", "A", "2", "(c)")
    assert para(english, "39").path == ("II", "A", "2", "(c)")


def test_the_kosovo_footnote_is_attached_to_paragraph_39(english: Document) -> None:
    record = para(english, "39")
    offset = len(PARA_39.split("Kosovo,")[0] + "Kosovo,")
    # The mark "1" glued to "Kosovo," is removed from the text and kept, with its place.
    assert record.notes == (Note("1", KOSOVO_NOTE, None, offset),)
    assert record.text[:offset].endswith("Albania, Kosovo,")
    assert [r.para for r in english.records if r.notes] == ["39"]


def test_resolution_citations_give_the_same_refs_as_the_chinese(
    english: Document, chinese: Document
) -> None:
    for number in ("1", "2", "3", "39"):
        assert para(english, number).refs == para(chinese, number).refs, number
    assert para(english, "2").refs == (
        "A/RES/72/123",
        "A/RES/72/180",
        "A/RES/72/194",
        "A/RES/72/196",
    )
    assert para(english, "39").refs == ("S/RES/1244(1999)",)


def test_every_character_of_the_english_source_is_accounted_for() -> None:
    parsed = parse_file(FIXTURE)
    assert parsed.parsed.lang == "en"
    account = account_source(parsed.parsed, source_records(parsed, "en"))
    assert account.problems == []
    non_space = "".join(FIXTURE.read_text(encoding="utf-8").split())
    assert account.characters == len(non_space) == sum(account.by_owner.values())
    assert parsed.parsed.dropped == {
        "job-number": 2 * len("V.19-00000"),
        "page-number": len("2/3") + len("3/3"),
        "separator": len("__________________"),
    }
    assert account.by_owner["note"] == len("1" + "".join(KOSOVO_NOTE.split()))


def test_ingesting_again_gives_the_same_bytes(corpus: Corpus, tmp_path: Path) -> None:
    shutil.copytree(corpus.sources_dir, tmp_path / "sources", ignore=reports_only)
    assert main(["--corpus", str(tmp_path), "corpus", "ingest"]) == 0
    for name in ("ccpcj28-terrorism-ta.en.jsonl", "ccpcj28-terrorism-ta.en.meta.json"):
        assert (tmp_path / "records" / name).read_bytes() == (
            corpus.records_dir / name
        ).read_bytes()


def test_the_language_is_detected_when_the_sidecar_does_not_give_it(tmp_path: Path) -> None:
    source = tmp_path / FIXTURE.name
    shutil.copy(FIXTURE, source)
    (tmp_path / SIDECAR.name).write_text(f"id: {REPORT}\n", encoding="utf-8")
    assert parse_file(source).parsed.lang == "en"


# -- aligning the two versions -----------------------------------------------------------------
def test_paragraphs_align_by_number_with_gaps_on_the_english_side(
    english: Document, chinese: Document
) -> None:
    pairs = align_paragraphs(chinese, english)
    assert [p.para for p in pairs] == [str(n) for n in range(1, 128)]
    assert all(p.left is not None and p.left.para == p.para for p in pairs)
    paired = {p.para: p.right for p in pairs if p.right is not None}
    assert list(paired) == ["1", "2", "3", "39"]
    assert [r.text for r in paired.values()] == [PARA_1, PARA_2, PARA_3, PARA_39]
    assert pairs[38] == ParagraphPair("39", para(chinese, "39"), para(english, "39"))
    assert pairs[3] == ParagraphPair("4", para(chinese, "4"), None)


def test_alignment_of_chosen_paragraphs_keeps_number_order(
    english: Document, chinese: Document
) -> None:
    pairs = align_paragraphs(english, chinese, ["39", "40", "3", "39"])
    assert [(p.para, p.left is not None, p.right is not None) for p in pairs] == [
        ("3", True, True),
        ("39", True, True),
        ("40", False, True),
    ]
    assert pairs[1].left is not None and pairs[1].left.lang == "en"
    assert pairs[1].right is not None and pairs[1].right.lang == "zh"


def test_headings_align_by_their_place_in_the_outline(english: Document, chinese: Document) -> None:
    pairs = align_headings(chinese, english)
    assert len(pairs) == 26  # every numbered heading of the Chinese report
    paired = [(p.place, p.left.text, p.right.text) for p in pairs if p.left and p.right]
    assert paired == [
        (("1",), "导言", "Introduction"),
        (("2",), "提供技术援助", "Delivery of technical assistance"),
        (("2", "A"), "技术援助活动", "Technical assistance activities"),
        (
            ("2", "A", "2"),
            "建设执行反恐立法的国家能力",
            "Building national capacity to implement counter-terrorism legislation",
        ),
        (
            ("2", "A", "2", "(c)"),
            "应对包括返回和转移的作战人员在内的外国恐怖主义作战人员造成的威胁",
            "Addressing the threat posed by foreign terrorist fighters, including returning"
            " and relocating fighters",
        ),
    ]
    (unmatched,) = [p for p in pairs if p.place == ("2", "A", "1")]
    assert unmatched == HeadingPair(("2", "A", "1"), unmatched.left, None)
    assert unmatched.left is not None and unmatched.left.text == "批准和立法援助"


def heading(label: str | None, *path: str) -> Record:
    return Record(REPORT, "en", 1, "heading", len(path) + 1, label, None, path, "Synthetic")


@pytest.mark.parametrize(
    ("record", "place"),
    [
        (heading("IV"), ("4",)),
        (heading("(c)", "XIV", "B", "3"), ("14", "B", "3", "(c)")),
        (heading("A", "十二"), ("12", "A")),
        (heading("IX"), ("9",)),
        # An unlabelled heading has no place; nor has what stands under one: its title stands
        # in their path, and titles differ between languages.
        (heading(None, "II"), None),
        (heading("(a)", "II", "Synthetic tools for practitioners"), None),
    ],
)
def test_the_place_of_a_heading_is_the_same_in_every_language(
    record: Record, place: tuple[str, ...] | None
) -> None:
    assert heading_place(record) == place


def test_only_versions_of_one_document_align(corpus: Corpus, english: Document) -> None:
    with pytest.raises(AssemblerError, match="different documents"):
        align_paragraphs(corpus.resolve("E/CN.15/2007/9"), english)
    with pytest.raises(AssemblerError, match="different documents"):
        align_headings(english, corpus.resolve("E/CN.15/2007/9"))


# -- finding versions in the catalog -----------------------------------------------------------
def test_the_catalog_finds_a_documents_translation(corpus: Corpus, chinese: Document) -> None:
    found = corpus.translation(chinese, "en")
    assert found is not None and (found.meta.id, found.meta.lang) == (REPORT, "en")
    assert corpus.translation(chinese, "zh") is chinese
    assert corpus.translation(corpus.resolve("E-CN.15-2007-9"), "en") is None


def test_without_a_language_the_catalog_reads_chinese(corpus: Corpus) -> None:
    # Callers written for Chinese records (glossary scans, packs) never meet English ones.
    assert [(d.meta.id, d.meta.lang) for d in corpus.documents()] == [
        ("E-CN.15-2007-9", "zh"),
        (REPORT, "zh"),
    ]
    assert [(d.meta.id, d.meta.lang) for d in corpus.documents("en")] == [(REPORT, "en")]
    assert corpus.resolve(REPORT).meta.lang == "zh"
    with pytest.raises(AssemblerError, match=r"E-CN\.15-2007-9 has no version in 'en'") as error:
        corpus.resolve("E/CN.15/2007/9", "en")
    assert error.value.hint is not None and "it has" not in error.value.hint
    assert "ask for zh" in error.value.hint


# -- the command line --------------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], corpus: Corpus, *args: str) -> tuple[int, str, str]:
    code = main(["--corpus", str(corpus.root), "corpus", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_corpus_list_shows_the_languages_of_each_document(
    capsys: pytest.CaptureFixture[str], corpus: Corpus
) -> None:
    code, out, _ = run(capsys, corpus, "list")
    assert code == 0
    report = out[out.index(REPORT) :]
    assert "  language  zh, en    body  预防犯罪和刑事司法委员会\n" in report
    assert (
        "  records   zh: 127 paragraphs (1-127), 26 headings, 0 items, 1 footnotes\n"
        "            en: 4 paragraphs (1-3, 39), 5 headings, 0 items, 1 footnotes\n"
        "  sources   zh: 000_04cc4b375e09ec40.txt, 002_14443a4334fef884.txt\n"
        f"            en: {FIXTURE.name}\n"
    ) in report
    assert "  language  zh    body  预防犯罪和刑事司法委员会\n" in out[: out.index(REPORT)]
    code, out, _ = run(capsys, corpus, "list", "--json")
    assert [(m["id"], m["lang"]) for m in json.loads(out)] == [
        ("E-CN.15-2007-9", "zh"),
        (REPORT, "zh"),
        (REPORT, "en"),
    ]


def test_corpus_show_in_english(capsys: pytest.CaptureFixture[str], corpus: Corpus) -> None:
    code, out, _ = run(capsys, corpus, "show", REPORT, "39", "--lang", "en")
    assert (code, out) == (
        0,
        f"[II > A > 2 > (c)]\n39. {PARA_39}\n    [1] {KOSOVO_NOTE}\n    refs: S/RES/1244(1999)\n",
    )
    code, out, _ = run(capsys, corpus, "show", REPORT, "--lang", "en")
    assert out.startswith("ccpcj28-terrorism-ta (en)  \n\nI Introduction\n1. Within the")
    code, _, err = run(capsys, corpus, "show", REPORT, "4", "--lang", "en")
    assert code == 1
    assert "ccpcj28-terrorism-ta (en) has no paragraph 4" in err
    assert "hint: ccpcj28-terrorism-ta (en) has paragraphs 1-3, 39" in err


def test_corpus_export_and_search_in_english(
    capsys: pytest.CaptureFixture[str], corpus: Corpus
) -> None:
    code, out, _ = run(capsys, corpus, "export", REPORT, "--jsonl", "--lang", "en")
    assert code == 0
    assert out == store.records_path(corpus.records_dir, REPORT, "en").read_text(encoding="utf-8")
    code, out, _ = run(capsys, corpus, "search", "Kosovo", "--lang", "en")
    assert out == (
        "ccpcj28-terrorism-ta (en)  para 39  ×2\n"
        "    …ized in Albania, «Kosovo», Montenegro and …\n"
        "1 records\n"
    )
    # Without --lang the search looks in every language; with --lang zh only in Chinese.
    code, out, _ = run(capsys, corpus, "search", "1244", "--json")
    assert [(h["lang"], h["para"]) for h in json.loads(out)] == [("zh", "39"), ("en", "39")]
    code, out, _ = run(capsys, corpus, "search", "Kosovo", "--lang", "zh")
    assert out == "no records contain 'Kosovo'\n"
