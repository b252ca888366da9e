"""The PDF reader on its own: damaged and encrypted files refused with a message, a file
without a text layer, words the layout hyphenated, and the text-layer check measured on the
real files of tests/data/un-pdf."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.corpus.readers import pdf
from assembler.errors import AssemblerError

DATA = Path(__file__).resolve().parents[1] / "data" / "un-pdf"


def minimal_pdf(*, encrypted: bool = False) -> bytes:
    """One empty page; `encrypted`: with a Standard security handler whose password is not
    the empty one, as a password-protected download is."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    if encrypted:
        owner, user = b"41" * 32, b"42" * 32
        objects.append(b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (owner, user))
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if encrypted:
        trailer += b" /Encrypt 4 0 R /ID [<%s> <%s>]" % (b"00" * 16, b"00" * 16)
    return out + b"trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)


def test_an_encrypted_pdf_is_refused_with_what_to_do() -> None:
    with pytest.raises(AssemblerError) as caught:
        pdf.read(Path("locked.pdf"), minimal_pdf(encrypted=True))
    assert "encrypted" in caught.value.message
    assert caught.value.hint is not None and "qpdf --decrypt" in caught.value.hint


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4\nnothing else", b"<html>not a pdf</html>"])
def test_a_damaged_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(AssemblerError) as caught:
        pdf.read(Path("broken.pdf"), data)
    assert "not a readable PDF" in caught.value.message


def test_bad_pdfs_fail_alone_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "locked.pdf").write_bytes(minimal_pdf(encrypted=True))
    (tmp_path / "sources" / "truncated.pdf").write_bytes(
        (DATA / "A_RES_78_225.pdf").read_bytes()[:5000]
    )
    shutil.copy(DATA / "A_C.3_80_L.57.pdf", tmp_path / "sources")
    assert main(["--corpus", str(tmp_path), "corpus", "ingest"]) == 1
    err = capsys.readouterr().err
    assert "locked.pdf: the PDF is encrypted" in err
    assert "truncated.pdf: not a readable PDF" in err
    assert "Traceback" not in err
    assert (tmp_path / "records" / "A-C.3-80-L.57.en.jsonl").exists()


def test_a_pdf_without_a_text_layer_gives_no_text() -> None:
    extraction = pdf.read(Path("blank.pdf"), minimal_pdf())
    assert extraction.text.strip() == ""
    assert extraction.lines_are_blocks


def test_layout_hyphens_join_real_hyphens_stay() -> None:
    words = pdf._document_words([])
    words.update({"recommendation": 2, "high-level": 1, "high": 1, "level": 1})
    assert pdf._join("the rec-", "ommendation of", words) == "the recommendation of"
    assert pdf._join("the high-", "level forum", words) == "the high-level forum"
    # Unknown to the document: kept as printed, UN documents being set without hyphenation.
    assert pdf._join("counter-", "terrorism", words) == "counter-terrorism"
    assert pdf._join("A/60/820-", "S/2006/265", words) == "A/60/820-S/2006/265"


@pytest.mark.parametrize("path", sorted(DATA.glob("*.pdf")), ids=lambda p: p.name)
def test_the_text_layer_check_tells_the_scan_from_born_digital_files(path: Path) -> None:
    extraction = pdf.read(path, path.read_bytes())
    tokens = [t for t in extraction.text.split() if any(c.isalpha() for c in t)]
    share = sum(map(pdf._odd_token, tokens)) / len(tokens)
    if path.name == "A_45_189-EN.pdf":
        assert share > 2 * pdf._ODD_TOKEN_LIMIT  # 1.2% measured
        (warning,) = extraction.warnings
        assert "text layer reads poorly" in warning and "'ex%utioners'" in warning
    else:
        assert share < pdf._ODD_TOKEN_LIMIT / 2  # at most 0.03% measured
        assert extraction.warnings == ()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "S_2012_197-EN.pdf",
            {
                "symbol": "S/2012/197",  # printed "S/2012/197***": the reissue note's mark
                "body": "Security Council",
                "dates": "5 April 2012",
                "title": "Report of the Secretary-General on the situation concerning"
                " Western Sahara",
            },
        ),
        (
            "A_C.3_80_L.3.pdf",
            {
                "symbol": "A/C.3/80/L.3",
                "body": "General Assembly",
                "dates": "14 October 2025",
                "session": "80",
                "agenda_item": "107",
                "agenda_title": "Crime prevention and criminal justice",
                "report_type": "Italy: draft resolution",
                "title": "Strengthening the United Nations crime prevention and criminal justice"
                " programme, in particular its technical cooperation capacity",
            },
        ),
        # The 1990 scan: its cover's symbol is misread ("A/45/109 -"), so the running headers
        # give it; a letter has no title.
        ("A_45_189-EN.pdf", {"symbol": "A/45/189", "dates": "2 Aprii 1990"}),
    ],
)
def test_cover_metadata(name: str, expected: dict[str, str]) -> None:
    assert pdf.read(DATA / name, (DATA / name).read_bytes()).meta == expected
