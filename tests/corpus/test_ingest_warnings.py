"""Doubts are said: ingest prints each warning with its file and line and keeps it in the
document's .meta.json; `corpus check [DOC]` lists them (`--json`); `--strict` makes ingest and
check exit 1 when there are any.

Synthetic documents ("合成" = synthetic) in a temporary corpus, through the command line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.corpus.assemble import Parsed, build_document
from assembler.corpus.parse import parse_source
from assembler.corpus.sources import Sidecar, Source

RULE = "__________________"

DOUBTFUL = [
    "一. 合成的导言",  # 1
    "1. 合成的第一段。1",  # 2
    RULE,  # 3
    "1 合成报告见 http://www.example.org/documents/",  # 4
    "2 / E/CN.15/2099/9",  # 5
    "synthetic_report.pdf。",  # 6
    "3. 合成的第三段。",  # 7: paragraph 2 is missing
    "合成的像标题的一行",  # 8: heading-like, but no numbered paragraph follows
    "二. 合成的结论",  # 9
    "4. 合成的第四段。",  # 10
    "附件",  # 11
    "1. 合成附件的第一段。2",  # 12: the numbering restarts
    RULE,  # 13
    "2",  # 14: a footnote mark with no text
]
NAME = "doubtful.txt"
WARNINGS = [
    f"{NAME}: line 6: footnote 1 stopped mid-URL or mid-sentence at a page break and is read"
    " as going on here; check the join",
    f"{NAME}: line 14: footnote 2 has no text",
    f"{NAME}: line 7: paragraph 3 follows paragraph 1; paragraphs 2-2 are not in this source",
    f"{NAME}: line 8: '合成的像标题的一行' looks like a heading but is read as part of paragraph 3:"
    " no numbered paragraph follows it",
    f"{NAME}: line 12: the numbering restarts at 1 in the annex after paragraph 4; these"
    " paragraphs keep their numbers as labels",
]
DOC = "E-CN.15-2099-9"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / NAME).write_text("".join(f"{line}\n" for line in DOUBTFUL), "utf-8")
    (sources / "clean.txt").write_text("一. 合成的导言\n1. 合成的第一段。\n", "utf-8")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--corpus", str(root), "corpus", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_prints_the_warnings_and_keeps_them_in_the_metadata(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    code, out, err = run(capsys, corpus, "ingest")

    assert (code, err) == (0, "")
    for warning in WARNINGS:
        assert f"  warning      {warning}" in out.splitlines()
    meta = json.loads((corpus / "records" / f"{DOC}.meta.json").read_text("utf-8"))
    assert meta["warnings"] == WARNINGS
    assert json.loads((corpus / "records" / "clean.meta.json").read_text("utf-8"))["warnings"] == []


def test_ingest_strict_exits_1_when_there_are_warnings(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    code, _, err = run(capsys, corpus, "ingest", "--strict")
    assert code == 1
    assert err == "assembler: --strict: 5 warning(s); `corpus check` lists them\n"
    # The records are written all the same.
    assert (corpus / "records" / f"{DOC}.jsonl").exists()

    clean = corpus / "sources" / "clean.txt"
    assert run(capsys, corpus, "ingest", "--strict", str(clean))[0] == 0


def test_corpus_check_lists_the_warnings_of_every_document(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    run(capsys, corpus, "ingest")

    code, out, err = run(capsys, corpus, "check")

    assert (code, err) == (0, "")
    assert out == "\n".join(
        [f"{DOC}  5 warnings", *(f"  {w}" for w in WARNINGS), "clean  0 warnings", ""]
    )
    assert run(capsys, corpus, "check", "--strict")[0] == 1
    assert run(capsys, corpus, "check", "--strict", "clean")[0] == 0


def test_corpus_check_of_one_document_by_symbol_in_json(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    run(capsys, corpus, "ingest")

    code, out, _ = run(capsys, corpus, "check", "E/CN.15/2099/9", "--json")

    assert code == 0
    assert json.loads(out) == [
        {"doc": DOC, "lang": "zh", "sources": [NAME], "warnings": WARNINGS},
    ]


def test_corpus_check_of_an_unknown_document_is_an_error(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    run(capsys, corpus, "ingest")
    code, _, err = run(capsys, corpus, "check", "no-such-document")
    assert code == 1
    assert "no-such-document" in err


def test_a_readers_doubt_about_the_text_layer_is_a_warning_of_the_document() -> None:
    text = "一. 合成的导言\n1. 合成的第一段。\n"
    source = Source(
        Path("scan.pdf"),
        text,
        "0" * 64,
        Sidecar(),
        warnings=("page 3: poor text layer (a scan with OCR); check the text",),
    )
    meta = build_document([Parsed(source, parse_source("scan.pdf", text))]).meta
    assert meta.warnings == ("scan.pdf: page 3: poor text layer (a scan with OCR); check the text",)


def test_a_numbered_line_read_as_a_subsection_heading_is_said() -> None:
    # "1. 合成的分节标题" could be paragraph 1; it is short and paragraph 1 follows it, so it
    # is subsection 1, and the doubt is said.
    parsed = parse_source(
        "synthetic.txt", "一. 合成的导言\n1. 合成的分节标题\n1. 合成的第一段。\n2. 合成的第二段。\n"
    )
    assert [(b.kind, b.level, b.label, b.para) for b in parsed.blocks] == [
        ("heading", 1, "一", None),
        ("heading", 3, "1", None),
        ("paragraph", None, None, "1"),
        ("paragraph", None, None, "2"),
    ]
    assert parsed.warnings == [
        "line 2: 1. is read as subsection heading 1, not as paragraph 1: it is short and a"
        " paragraph 1 follows it"
    ]


def test_text_joined_to_a_finished_paragraph_across_a_page_break_is_said() -> None:
    parsed = parse_source(
        "synthetic.txt",
        "一. 合成的导言\n1. 合成的第一段。\n2 / E/CN.15/2099/9\n合成的续文，可能是另一段。\n"
        "2. 合成的第二段。\n",
    )
    assert [b.text for b in parsed.blocks if b.para] == [
        "合成的第一段。合成的续文，可能是另一段。",
        "合成的第二段。",
    ]
    assert parsed.warnings == [
        "line 4: paragraph 1 ended its sentence before a page break, and the unnumbered text"
        " after the break is joined to it; check the join"
    ]


def test_a_paragraph_going_on_mid_sentence_across_a_page_break_is_no_doubt() -> None:
    parsed = parse_source(
        "synthetic.txt",
        "一. 合成的导言\n1. 合成的第一段在这一页\n2 / E/CN.15/2099/9\n的末尾被分开。\n"
        "2. 合成的第二段。\n",
    )
    assert [b.text for b in parsed.blocks if b.para] == [
        "合成的第一段在这一页的末尾被分开。",
        "合成的第二段。",
    ]
    assert parsed.warnings == []
