"""Bad input fails clearly and alone, through the real command line (`assembler.cli.main`).

For every kind of bad source or sidecar: the exit code is 1; stderr names the file (and the
line, where a line makes sense) and the problem; no record file of the failing document is
written or left half-written (no temporary files in records/); and the other documents of the
same run are still ingested, byte for byte as committed in corpus/records. A failing re-ingest
keeps the previous records of its document. `corpus show` of a document or paragraph that does
not exist fails with a hint.
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

REPORT_2019 = "000_04cc4b375e09ec40"  # its sidecar gives the id ccpcj28-terrorism-ta
WITNESS_2019 = "002_14443a4334fef884"  # a second extraction of the same document, no sidecar
REPORT_2007 = "001_81204fd17484f806"  # E/CN.15/2007/9, from its running headers
ID_2019 = "ccpcj28-terrorism-ta"
ID_2007 = "E-CN.15-2007-9"


def record_files(doc_id: str) -> set[str]:
    return {f"{doc_id}.jsonl", f"{doc_id}.meta.json"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus root with copies of the bundled sources (and 000's sidecar) and no records."""
    (tmp_path / "sources").mkdir()
    for path in SOURCES.iterdir():
        if not reports_only(str(SOURCES), [path.name]):
            shutil.copy(path, tmp_path / "sources" / path.name)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--corpus", str(root), "corpus", *args])
    out, err = capsys.readouterr()
    return code, out, err


def records_in(root: Path) -> set[str]:
    """Every file in records/, hidden ones included (atomic writes use hidden *.tmp files)."""
    return set(os.listdir(root / "records"))


def assert_as_committed(root: Path, doc_id: str) -> None:
    for name in record_files(doc_id):
        assert (root / "records" / name).read_bytes() == (COMMITTED / name).read_bytes(), name


# -- bad source files -----------------------------------------------------------------------
GB18030_TEXT = "E/CN.15/2099/1\n一．导言\n1．这是一段用 GB18030 保存的合成文字。\n".encode(
    "gb18030"
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("gb18030.txt", GB18030_TEXT, ["gb18030.txt:2: not UTF-8 (byte 0x", "iconv -f GB18030"]),
        ("empty.txt", b"", ["empty.txt: the file is empty"]),
        ("blank.txt", b"  \n\n \r\n", ["blank.txt: the file is empty"]),
        (
            "binary.txt",
            b"%PDF-1.7\n\x00\x01\x02\xff\xfe",
            ["binary.txt:2: binary data (a NUL byte)", "pdftotext"],
        ),
        (
            "prose.txt",
            "这是一份合成的文本。\n它没有段落编号，也没有标题。\n".encode(),
            ["prose.txt: no recognisable paragraphs or headings", "hint:"],
        ),
    ],
    ids=["not-utf8", "empty", "whitespace-only", "binary", "no-paragraphs"],
)
def test_a_bad_source_fails_alone(
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    name: str,
    data: bytes,
    expected: list[str],
) -> None:
    (corpus / "sources" / name).write_bytes(data)

    code, out, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert f"error: {corpus / 'sources' / name}" in err
    for fragment in expected:
        assert fragment in err
    assert "Traceback" not in err
    stem = name.removesuffix(".txt")
    assert stem not in out
    # Only the two good documents were written; nothing of the bad file, no temporary files.
    assert records_in(corpus) == record_files(ID_2019) | record_files(ID_2007)
    assert_as_committed(corpus, ID_2019)
    assert_as_committed(corpus, ID_2007)


# -- bad sidecars -----------------------------------------------------------------------------
BAD_SIDECARS = [
    pytest.param(
        "id: ccpcj28-terrorism-ta\nsymbol: [E/CN.15/2019/1\n",
        [":3:1: invalid YAML", "hint: fix the syntax"],
        id="yaml-syntax-error",
    ),
    pytest.param(
        "id: ccpcj28-terrorism-ta\nauthor: 秘书处\n",
        [":2:1: unknown field 'author'", "hint: known fields: id, symbol, lang"],
        id="unknown-key",
    ),
    pytest.param(
        "id: ccpcj28-terrorism-ta\nsymbol: CN15-2019\n",
        [":2:1: symbol: 'CN15-2019' is not a UN document symbol"],
        id="bad-symbol",
    ),
    pytest.param(
        "- id: ccpcj28-terrorism-ta\n",
        [":1: a sidecar is a mapping of fields, not a list", "hint:"],
        id="a-list",
    ),
    pytest.param(
        "ccpcj28-terrorism-ta\n",
        [":1: a sidecar is a mapping of fields, not a str", "hint:"],
        id="a-scalar",
    ),
]


@pytest.mark.parametrize(("sidecar", "expected"), BAD_SIDECARS)
def test_a_bad_sidecar_fails_its_document_alone(
    capsys: pytest.CaptureFixture[str], corpus: Path, sidecar: str, expected: list[str]
) -> None:
    sidecar_path = corpus / "sources" / f"{REPORT_2019}.meta.yaml"
    sidecar_path.write_text(sidecar, encoding="utf-8")

    code, out, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert f"error: {sidecar_path}" in err
    for fragment in expected:
        assert fragment in err
    # The document of 000 is not written, not even from its witness 002 alone (that would be
    # a partial document under a made-up id); the report of 2007 is.
    assert f"the document of {WITNESS_2019}.txt: not written" in err
    assert records_in(corpus) == record_files(ID_2007)
    assert_as_committed(corpus, ID_2007)
    assert f"{ID_2007}  E/CN.15/2007/9" in out


def test_a_sidecar_that_is_not_utf8_names_its_line(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    sidecar_path = corpus / "sources" / f"{REPORT_2019}.meta.yaml"
    sidecar_path.write_bytes("# 侧车文件\nid: ccpcj28-terrorism-ta\n".encode("gb18030"))

    code, _, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert f"error: {sidecar_path}:1: the sidecar is not UTF-8" in err
    assert records_in(corpus) == record_files(ID_2007)


# -- failing re-ingest ------------------------------------------------------------------------
def test_a_failing_re_ingest_keeps_the_previous_records_of_its_document(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    assert run(capsys, corpus, "ingest")[0] == 0
    before = {name: (corpus / "records" / name).read_bytes() for name in record_files(ID_2019)}
    (corpus / "sources" / f"{REPORT_2019}.meta.yaml").write_text(
        "id: ccpcj28-terrorism-ta\nauthor: 秘书处\n", encoding="utf-8"
    )

    code, out, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert "unknown field 'author'" in err
    assert f"{ID_2019}: not written because a source of it failed; its records on disk" in err
    for name, data in before.items():
        assert (corpus / "records" / name).read_bytes() == data
    assert records_in(corpus) == record_files(ID_2019) | record_files(ID_2007)
    assert f"written      {corpus / 'records' / ID_2007}.jsonl" in out
    assert_as_committed(corpus, ID_2007)


def test_a_witness_that_breaks_does_not_rewrite_its_document_from_the_other_source(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    assert run(capsys, corpus, "ingest")[0] == 0
    witness = corpus / "sources" / f"{WITNESS_2019}.txt"
    witness.write_bytes(witness.read_text(encoding="utf-8").encode("gb18030"))

    code, _, err = run(capsys, corpus, "ingest")

    assert code == 1
    assert f"{witness}:" in err and "not UTF-8" in err
    assert f"{ID_2019}: not written" in err
    assert_as_committed(corpus, ID_2019)  # still the reading reconciled from 000 and 002
    assert_as_committed(corpus, ID_2007)
    assert records_in(corpus) == record_files(ID_2019) | record_files(ID_2007)


# -- corpus show --------------------------------------------------------------------------------
@pytest.fixture
def ingested(tmp_path: Path) -> Path:
    """A corpus root holding the committed records."""
    shutil.copytree(COMMITTED, tmp_path / "records", ignore=reports_only)
    return tmp_path


def test_show_of_an_unknown_document_fails_with_a_hint(
    capsys: pytest.CaptureFixture[str], ingested: Path
) -> None:
    code, out, err = run(capsys, ingested, "show", "E/CN.15/2007/8")

    assert code == 1
    assert out == ""
    assert "no document 'E/CN.15/2007/8'" in err
    assert "hint: did you mean E/CN.15/2007/9" in err


def test_show_of_a_paragraph_out_of_range_gives_the_range_there_is(
    capsys: pytest.CaptureFixture[str], ingested: Path
) -> None:
    code, out, err = run(capsys, ingested, "show", ID_2019, "130")

    assert code == 1
    assert out == ""
    assert f"{ID_2019} has no paragraph 130" in err
    assert f"hint: {ID_2019} has paragraphs 1-127" in err
