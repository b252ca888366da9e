"""Finding the glossary in documents (assembler.glossary.scan and `glossary scan`), on the
bundled corpus and the bundled glossary.

Every occurrence is found: paragraph text, items and footnotes, with the record, the part and
character offsets into that part. Each concept comes with its count, the forms found and its
English term; deprecated and superseded forms are flagged with the preferred form to use.
"""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest
from support import Cli

from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Glossary
from assembler.glossary.scan import (
    Occurrence,
    flags,
    record_segments,
    scan_records,
    scan_segments,
    summarize,
    text_segments,
)
from assembler.glossary.store import load_glossary

ROOT = Path(__file__).resolve().parents[2]
FTF = "外国恐怖主义作战人员"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


@pytest.fixture(scope="module")
def report_2019() -> Document:
    return Corpus(ROOT / "corpus").resolve("ccpcj28-terrorism-ta")


@pytest.fixture(scope="module")
def report_2007() -> Document:
    return Corpus(ROOT / "corpus").resolve("E/CN.15/2007/9")


def segment_text(document: Document, occurrence: Occurrence) -> str:
    (segment,) = [
        s
        for s in record_segments(document.records)
        if (s.seq, s.part, s.label) == (occurrence.seq, occurrence.part, occurrence.label)
    ]
    return segment.text


def test_foreign_terrorist_fighters_at_every_occurrence(
    glossary: Glossary, report_2019: Document
) -> None:
    expected = []  # (record, part, label, offset) of every occurrence, found with str.find
    for segment in record_segments(report_2019.records):
        start = segment.text.find(FTF)
        while start >= 0:
            expected.append((segment.seq, segment.part, segment.label, start))
            start = segment.text.find(FTF, start + 1)
    total = sum(s.text.count(FTF) for s in record_segments(report_2019.records))
    assert len(expected) == total > 10

    occurrences = scan_records(Matcher(glossary), report_2019.records)
    found = [(o.seq, o.part, o.label, o.start) for o in occurrences if o.hit.term.text == FTF]
    assert found == expected
    (entry,) = [
        e
        for e in summarize(glossary, occurrences)
        if e.concept.id == ("foreign-terrorist-fighters")
    ]
    assert entry.english is not None and entry.english.text == "foreign terrorist fighters"
    assert dict((t.text, n) for t, n in entry.forms)[FTF] == total


def test_every_occurrence_points_at_its_text(glossary: Glossary, report_2007: Document) -> None:
    occurrences = scan_records(Matcher(glossary), report_2007.records)
    assert {o.part for o in occurrences} == {"text", "item", "note"}
    for occurrence in occurrences:
        text = segment_text(report_2007, occurrence)
        assert text[occurrence.start : occurrence.end] == occurrence.hit.term.text
    # Within one part, hits run left to right and never overlap.
    by_part: dict[tuple[int, str, str], list[Occurrence]] = {}
    for occurrence in occurrences:
        by_part.setdefault((occurrence.seq, occurrence.part, occurrence.label), []).append(
            occurrence
        )
    for hits in by_part.values():
        assert all(a.end <= b.start for a, b in itertools.pairwise(hits))


def test_the_2007_report_flags_the_superseded_names_of_unodc(
    glossary: Glossary, report_2007: Document
) -> None:
    occurrences = scan_records(Matcher(glossary), report_2007.records)
    segments = list(record_segments(report_2007.records))
    unodc = [f for f in flags(glossary, occurrences) if f.concept.id == "unodc"]
    found = {(f.term.text, f.term.status, f.use.text if f.use else None) for f in unodc}
    assert found == {
        ("联合国毒品和犯罪问题办事处", "superseded", "联合国毒品和犯罪问题办公室"),
        ("禁毒办", "superseded", "毒品和犯罪问题办公室"),
    }
    for term in ("联合国毒品和犯罪问题办事处", "禁毒办"):
        assert sum(f.term.text == term for f in unodc) == sum(s.text.count(term) for s in segments)
    # Footnotes and items are scanned too: note 2 of paragraph 22 names the Office.
    assert any(f.occurrence.where == "para 22 note 2" for f in unodc)
    assert any(f.occurrence.where == "para 21 item (a)" for f in unodc)


def test_summaries_count_each_form_and_flag_the_old_ones(glossary: Glossary) -> None:
    text = "联合国毒品和犯罪问题办事处（禁毒办）和毒品和犯罪问题办公室；禁毒办。"
    occurrences = scan_segments(Matcher(glossary), text_segments(text, "t"))
    (unodc,) = summarize(glossary, occurrences)
    assert unodc.count == 4
    assert [(t.text, n) for t, n in unodc.forms] == [
        ("禁毒办", 2),
        ("联合国毒品和犯罪问题办事处", 1),
        ("毒品和犯罪问题办公室", 1),
    ]
    assert [(f.occurrence.start, f.term.text) for f in unodc.flags] == [
        (0, "联合国毒品和犯罪问题办事处"),
        (14, "禁毒办"),
        (30, "禁毒办"),
    ]


# -- through the command line -------------------------------------------------------------------


def test_cli_scan_of_a_paragraph_range(cli: Cli) -> None:
    code, out, _ = cli("glossary", "scan", "ccpcj28-terrorism-ta", "10")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "ccpcj28-terrorism-ta  (no symbol)  恐怖主义问题相关国际公约和议定书执行过程中的技术援助"
    )
    assert lines[1].startswith("paragraphs 10: ")
    at = lines.index(
        "    1  外国恐怖主义作战人员 ×1 = foreign terrorist fighters   [foreign-terrorist-fighters]"
    )
    assert lines[at + 1] == "       para 10 @155"
    paragraph = Corpus(ROOT / "corpus").resolve("ccpcj28-terrorism-ta").paragraphs[9]
    assert paragraph.para == "10" and paragraph.text[155 : 155 + len(FTF)] == FTF


def test_cli_scan_flags_superseded_forms(cli: Cli) -> None:
    code, out, _ = cli("glossary", "scan", "E/CN.15/2007/9")
    assert code == 0
    assert (
        out.splitlines()[0]
        == "E-CN.15-2007-9  E/CN.15/2007/9  协助实施与恐怖主义有关的国际公约和议定书"
    )
    assert "  禁毒办 ×106 (superseded) -> use 毒品和犯罪问题办公室   [unodc]\n" in out
    assert (
        "  联合国毒品和犯罪问题办事处 ×3 (superseded) -> use 联合国毒品和犯罪问题办公室   [unodc]\n"
        in out
    )
    assert (
        "  109  禁毒办 ×106 [superseded, use 毒品和犯罪问题办公室], 联合国毒品和犯罪问题办事处 ×3 "
        "[superseded, use 联合国毒品和犯罪问题办公室] = United Nations Office on Drugs and Crime"
        "   [unodc]\n" in out
    )


def test_cli_scan_json(cli: Cli) -> None:
    code, out, _ = cli("glossary", "scan", "ccpcj28-terrorism-ta", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["lang"] == "zh-Hans" and data["range"] is None
    (ftf,) = [c for c in data["concepts"] if c["id"] == "foreign-terrorist-fighters"]
    assert ftf["english"] == "foreign terrorist fighters"
    assert ftf["preferred"] == FTF
    assert ftf["count"] == len(ftf["occurrences"]) == 14
    assert ftf["occurrences"][0].keys() == {"seq", "para", "part", "label", "start", "end", "term"}
    # A term shared by two concepts counts for both: the places are counted once.
    places = {
        (o["seq"], o["part"], o["label"], o["start"])
        for c in data["concepts"]
        for o in c["occurrences"]
    }
    assert data["occurrences"] == len(places)
    assert data["flags"] == []


def test_cli_scan_text_from_stdin_and_file(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("第一行\n禁毒办与联合国会员国\n"))
    code, out, _ = cli("glossary", "scan", "--text", "-")
    assert code == 0
    assert out.splitlines()[:2] == [
        "<stdin> (text, zh-Hans)",
        "every line: 3 occurrences of 3 concepts, 1 deprecated or superseded",
    ]
    # 联合国|会员国, not 国会 across them.
    assert "    1  联合国 ×1 = United Nations   [united-nations]\n       line 2 @4\n" in out
    assert "    1  会员国 ×1 = Member States   [member-states]\n       line 2 @7\n" in out
    assert "  禁毒办 ×1 (superseded) -> use 毒品和犯罪问题办公室   [unodc]\n" in out

    english = tmp_path / "en.txt"
    english.write_text("UNODC supports the UN Member States.\n", encoding="utf-8")
    code, out, _ = cli("glossary", "scan", "--text", str(english), "--lang", "en", "--json")
    data = json.loads(out)
    ids = [c["id"] for c in data["concepts"]]
    assert ids[0] == "unodc"
    assert data["concepts"][0]["occurrences"][0] == {
        "seq": 1,
        "para": None,
        "part": "line",
        "label": "1",
        "start": 0,
        "end": 5,
        "term": "UNODC",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "scan a document or a text"),
        (["ccpcj28-terrorism-ta", "--text", "-"], "scan a document or a text"),
        (["--text", "x.txt", "--", "3"], "scan a document or a text"),
        (["ccpcj28-terrorism-t"], "no document 'ccpcj28-terrorism-t'"),
        (["ccpcj28-terrorism-ta", "200"], "ccpcj28-terrorism-ta has no paragraph 200"),
        (["ccpcj28-terrorism-ta", "5-x"], "'5-x' is not a paragraph number or range"),
        (["--text", "/nonexistent/file.txt"], "no such file"),
    ],
)
def test_cli_scan_bad_input(cli: Cli, args: list[str], message: str) -> None:
    code, out, err = cli("glossary", "scan", *args)
    assert code == 1
    assert message in err
    assert out == ""


def test_cli_scan_refuses_text_that_is_not_utf8(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("禁毒办".encode("gbk"))
    code, _, err = cli("glossary", "scan", "--text", str(path))
    assert code == 1
    assert err == f"assembler: error: {path}: not UTF-8 text\n  hint: save it as UTF-8\n"
