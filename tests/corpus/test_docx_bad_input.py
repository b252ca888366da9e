"""A .docx that is not a Word document is refused with an error that names the file and says
what to do, never a traceback; the other sources of the corpus are ingested as usual."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from assembler.cli import main

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def word_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("1. A good paragraph.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def replaced(part: str, data: bytes) -> bytes:
    """A Word file with one part's bytes replaced."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(word_file())) as source,
        zipfile.ZipFile(out, "w") as target,
    ):
        for info in source.infolist():
            target.writestr(info, data if info.filename == part else source.read(info))
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("notes.txt", "not a Word file")
    return out.getvalue()


BAD_FILES = [
    pytest.param(
        b"Plain text saved with a .docx name\n",
        ["not a Word file: a .docx is a ZIP package", "hint: save the document as .docx"],
        id="text",
    ),
    pytest.param(
        word_file()[:2000],
        ["the Word file is damaged", "hint: open it in Word, which can repair it"],
        id="truncated",
    ),
    pytest.param(
        replaced("word/document.xml", b"<w:document><w:body>"),
        ["the Word file is damaged (XMLSyntaxError", "hint: open it in Word"],
        id="broken-xml",
    ),
    pytest.param(
        plain_zip(),
        ["the Word file is damaged", "hint: open it in Word"],
        id="another-zip",
    ),
    pytest.param(
        OLE + "WordDocument".encode("utf-16-le"),
        ["a Word 97-2003 document (.doc), not a .docx", "--convert-to docx"],
        id="doc-renamed",
    ),
    pytest.param(
        OLE + "EncryptionInfo".encode("utf-16-le"),
        ["the Word file is encrypted (password-protected)", "remove the password"],
        id="encrypted",
    ),
]


@pytest.mark.parametrize(("data", "expected"), BAD_FILES)
def test_a_file_that_is_not_a_word_document_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: bytes, expected: list[str]
) -> None:
    (tmp_path / "sources").mkdir()
    bad = tmp_path / "sources" / "report.docx"
    bad.write_bytes(data)
    (tmp_path / "sources" / "good.docx").write_bytes(word_file())

    code = main(["--corpus", str(tmp_path), "corpus", "ingest"])
    _, err = capsys.readouterr()

    assert code == 1
    assert f"error: {bad}" in err
    for fragment in expected:
        assert fragment in err
    assert "Traceback" not in err
    assert [p.name for p in (tmp_path / "records").glob("*.jsonl")] == ["good.en.jsonl"]
