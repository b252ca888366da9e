"""Document identity across ingests and languages: an English and a Chinese source of one
symbol are language versions of one document, aligned by paragraph number, whether the symbol
is given in both sidecars or found in the text; and when a source's document id changes, the
records it made under the old id are removed, so that no document is listed twice.

Synthetic documents ("合成" = synthetic) in a temporary corpus, through the command line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.corpus.align import align_paragraphs
from assembler.corpus.catalog import Corpus

SYMBOL = "E/CN.15/2099/9"
SLUG = "E-CN.15-2099-9"

CHINESE = [
    "一. 合成的导言",
    "1. 合成的第一段。",
    "2. 合成的第二段。",
    "二. 合成的结论",
    "3. 合成的第三段。",
]
ENGLISH = [
    "I. Synthetic introduction",
    "1. The first synthetic paragraph.",
    "2. The second synthetic paragraph.",
    "II. Synthetic conclusions",
    "3. The third synthetic paragraph.",
]


def write(root: Path, name: str, lines: list[str], sidecar: str = "") -> None:
    sources = root / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    (sources / f"{name}.txt").write_text("".join(f"{line}\n" for line in lines), "utf-8")
    if sidecar:
        (sources / f"{name}.meta.yaml").write_text(sidecar, "utf-8")


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--corpus", str(root), "corpus", *args])
    out, err = capsys.readouterr()
    return code, out, err


def record_files(root: Path) -> list[str]:
    return sorted(path.name for path in (root / "records").iterdir())


def listed(capsys: pytest.CaptureFixture[str], root: Path) -> list[tuple[str, str]]:
    code, out, _ = run(capsys, root, "list", "--json")
    assert code == 0
    return [(meta["id"], meta["lang"]) for meta in json.loads(out)]


def assert_aligned(root: Path, doc_id: str) -> None:
    corpus = Corpus(root)
    chinese, english = corpus.resolve(doc_id, "zh"), corpus.resolve(doc_id, "en")
    pairs = align_paragraphs(chinese, english)
    assert [(p.para, p.left and p.left.text, p.right and p.right.text) for p in pairs] == [
        ("1", "合成的第一段。", "The first synthetic paragraph."),
        ("2", "合成的第二段。", "The second synthetic paragraph."),
        ("3", "合成的第三段。", "The third synthetic paragraph."),
    ]


# -- 9. versions pair up by symbol ------------------------------------------------------------
def test_the_symbol_in_both_sidecars_pairs_the_versions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path, "zh-report", CHINESE, f"symbol: {SYMBOL}\n")
    write(tmp_path, "en-report", ENGLISH, f"symbol: {SYMBOL}\nlang: en\n")
    code, _, err = run(capsys, tmp_path, "ingest")
    assert (code, err) == (0, "")
    assert listed(capsys, tmp_path) == [(SLUG, "zh"), (SLUG, "en")]
    assert_aligned(tmp_path, SLUG)


def test_the_symbol_found_in_both_texts_pairs_the_versions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # The running header "E/CN.15/2099/9" is the only place either text gives its symbol, and
    # no sidecar gives a language: both are found in the text.
    write(tmp_path, "zh-report", [*CHINESE[:3], SYMBOL, *CHINESE[3:]])
    write(tmp_path, "en-report", [*ENGLISH[:3], SYMBOL, *ENGLISH[3:]])
    assert run(capsys, tmp_path, "ingest")[0] == 0
    assert listed(capsys, tmp_path) == [(SLUG, "zh"), (SLUG, "en")]
    assert_aligned(tmp_path, SLUG)


def test_a_version_without_an_id_takes_the_id_its_translation_gives(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path, "zh-report", CHINESE, f"id: synthetic-report\nsymbol: {SYMBOL}\n")
    write(tmp_path, "en-report", [*ENGLISH[:3], SYMBOL, *ENGLISH[3:]])
    assert run(capsys, tmp_path, "ingest")[0] == 0
    assert listed(capsys, tmp_path) == [("synthetic-report", "zh"), ("synthetic-report", "en")]
    assert_aligned(tmp_path, "synthetic-report")


# -- 8. moves are clean -------------------------------------------------------------------------
def test_adding_a_sidecar_id_moves_the_document_and_removes_the_old_records(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path, "zh-report", CHINESE, f"symbol: {SYMBOL}\n")
    write(tmp_path, "en-report", ENGLISH, f"symbol: {SYMBOL}\nlang: en\n")
    assert run(capsys, tmp_path, "ingest")[0] == 0
    assert record_files(tmp_path) == [
        f"{SLUG}.en.jsonl",
        f"{SLUG}.en.meta.json",
        f"{SLUG}.jsonl",
        f"{SLUG}.meta.json",
    ]

    write(tmp_path, "zh-report", CHINESE, f"id: synthetic-report\nsymbol: {SYMBOL}\n")
    code, out, err = run(capsys, tmp_path, "ingest")

    assert (code, err) == (0, "")
    records = tmp_path / "records"
    assert (
        f"moved: {SLUG} is now synthetic-report; removed its records under the old id"
        f" ({records / f'{SLUG}.meta.json'}, {records / f'{SLUG}.jsonl'})"
    ) in out.splitlines()
    assert (
        f"moved: {SLUG} (en) is now synthetic-report (en); removed its records under the old id"
        f" ({records / f'{SLUG}.en.meta.json'}, {records / f'{SLUG}.en.jsonl'})"
    ) in out.splitlines()
    assert record_files(tmp_path) == [
        "synthetic-report.en.jsonl",
        "synthetic-report.en.meta.json",
        "synthetic-report.jsonl",
        "synthetic-report.meta.json",
    ]
    assert listed(capsys, tmp_path) == [("synthetic-report", "zh"), ("synthetic-report", "en")]
    code, out, _ = run(capsys, tmp_path, "search", "合成的第二段")
    assert code == 0
    assert SLUG not in out


def test_a_document_whose_sources_are_not_all_ingested_again_is_not_removed(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    write(tmp_path, "zh-report", CHINESE)
    write(tmp_path, "other", ["一. 合成的另一份报告", "1. 另一份合成报告的第一段。"])
    assert run(capsys, tmp_path, "ingest")[0] == 0
    assert listed(capsys, tmp_path) == [("other", "zh"), ("zh-report", "zh")]

    # Ingesting one file says nothing about the documents of the others.
    code, out, _ = run(capsys, tmp_path, "ingest", str(tmp_path / "sources" / "zh-report.txt"))
    assert code == 0
    assert "moved" not in out
    assert listed(capsys, tmp_path) == [("other", "zh"), ("zh-report", "zh")]
