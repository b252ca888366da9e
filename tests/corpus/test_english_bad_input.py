"""Bad English input fails clearly and alone: a broken English version never stops the Chinese
version of the same document from being written (nor the reverse), keeps its own previous
records, and a sidecar that would confuse the two versions is refused with its file and line.

The English source is the TEST FIXTURE of tests/fixtures/en (not an official UN text).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import reports_only

from assembler.cli import main

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "corpus" / "sources"
COMMITTED = ROOT / "corpus" / "records"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "en"
FIXTURE = "ccpcj28-terrorism-ta.en.test-fixture"
REPORT = "ccpcj28-terrorism-ta"
ENGLISH_FILES = {f"{REPORT}.en.jsonl", f"{REPORT}.en.meta.json"}
CHINESE_FILES = {f"{REPORT}.jsonl", f"{REPORT}.meta.json"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus root with the bundled sources and the English fixture, and no records."""
    (tmp_path / "sources").mkdir()
    for path in [*SOURCES.iterdir(), *FIXTURES.iterdir()]:
        if not reports_only(str(path.parent), [path.name]):
            shutil.copy(path, tmp_path / "sources" / path.name)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--corpus", str(root), "corpus", *args])
    out, err = capsys.readouterr()
    return code, out, err


def records_in(root: Path) -> set[str]:
    return set(os.listdir(root / "records"))


def test_a_broken_english_source_leaves_the_chinese_version_written(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    source = corpus / "sources" / f"{FIXTURE}.txt"
    source.write_bytes(b"I. Introduction\n\x00\x01binary")
    code, _, err = run(capsys, corpus, "ingest")
    assert code == 1
    assert f"{source}:2: binary data (a NUL byte)" in err
    assert records_in(corpus) == {
        *CHINESE_FILES,
        "E-CN.15-2007-9.jsonl",
        "E-CN.15-2007-9.meta.json",
    }
    for name in records_in(corpus):
        assert (corpus / "records" / name).read_bytes() == (COMMITTED / name).read_bytes()


def test_a_failing_english_re_ingest_keeps_the_previous_english_records(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    assert run(capsys, corpus, "ingest")[0] == 0
    before = {n: (corpus / "records" / n).read_bytes() for n in ENGLISH_FILES}
    source = corpus / "sources" / f"{FIXTURE}.txt"
    source.chmod(0o644)
    source.write_bytes("I. Introduction\n1. The café’s text.\n".encode("cp1252"))
    (corpus / "records" / f"{REPORT}.jsonl").unlink()  # the Chinese version is rebuilt alone
    code, _, err = run(capsys, corpus, "ingest")
    assert code == 1
    assert f"{source}:2: not UTF-8" in err
    assert {n: (corpus / "records" / n).read_bytes() for n in ENGLISH_FILES} == before
    assert (corpus / "records" / f"{REPORT}.jsonl").read_bytes() == (
        COMMITTED / f"{REPORT}.jsonl"
    ).read_bytes()
    assert not [n for n in records_in(corpus) if n.endswith(".tmp")]


def test_a_broken_chinese_source_leaves_the_english_version_written(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    # The previous records say 000 is a source of the Chinese version: only that one waits.
    assert run(capsys, corpus, "ingest")[0] == 0
    (corpus / "records" / f"{REPORT}.en.jsonl").unlink()
    base = corpus / "sources" / "000_04cc4b375e09ec40.txt"
    base.chmod(0o644)
    base.write_bytes(b"\x00")
    code, _, err = run(capsys, corpus, "ingest")
    assert code == 1
    assert "assembler: ccpcj28-terrorism-ta: not written because a source of it failed" in err
    assert "ccpcj28-terrorism-ta (en): not written" not in err
    for name in ENGLISH_FILES | CHINESE_FILES:
        assert (corpus / "records" / name).is_file(), name
    assert (corpus / "records" / f"{REPORT}.meta.json").read_bytes() == (
        COMMITTED / f"{REPORT}.meta.json"
    ).read_bytes()


def test_a_broken_source_whose_language_cannot_be_told_holds_back_both_versions(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    # 000's sidecar gives the document's id but no language, its text is unreadable and there
    # are no previous records: it may belong to either version, so the English version is not
    # written from the sources that happen to survive. (Nor is the Chinese version under its
    # id; without previous records nothing ties the witness 002, which has no sidecar, to it.)
    base = corpus / "sources" / "000_04cc4b375e09ec40.txt"
    base.chmod(0o644)
    base.write_bytes(b"\x00")
    code, _, err = run(capsys, corpus, "ingest")
    assert code == 1
    assert "assembler: ccpcj28-terrorism-ta (en): not written because a source" in err
    assert not (CHINESE_FILES | ENGLISH_FILES) & records_in(corpus)


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        (
            "id: ccpcj28-terrorism-ta.en\nlang: en\n",
            ":1:1: id: an id may not end in a language code ('ccpcj28-terrorism-ta.en')",
        ),
        ("id: ccpcj28-terrorism-ta\nlang: fr\n", ":2:1: lang: Input should be 'zh' or 'en'"),
    ],
    ids=["id-with-a-language-suffix", "unknown-language"],
)
def test_a_sidecar_that_would_confuse_language_versions_is_refused(
    capsys: pytest.CaptureFixture[str], corpus: Path, sidecar: str, message: str
) -> None:
    path = corpus / "sources" / f"{FIXTURE}.meta.yaml"
    path.chmod(0o644)
    path.write_text(sidecar, encoding="utf-8")
    code, _, err = run(capsys, corpus, "ingest")
    assert code == 1
    assert f"{path}{message}" in err
    assert not ENGLISH_FILES & records_in(corpus)
    assert records_in(corpus) >= CHINESE_FILES
