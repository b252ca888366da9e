"""`assembler build` from the command line: what it writes and prints, `--check`, overrides,
and that a failed build leaves no partial file and keeps the previous good output."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from assembler.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ccpcj28-item6c.yaml"


def test_build_writes_the_requested_formats_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path), "--format", "docx,html"]) == 0
    out = capsys.readouterr().out
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "ccpcj28-item6c.docx",
        "ccpcj28-item6c.html",
    ]
    assert f"wrote {tmp_path / 'ccpcj28-item6c.docx'}" in out
    assert "  外国恐怖主义作战人员: 8 paragraphs from ccpcj28-terrorism-ta" in out
    assert "footnotes: 1" in out
    headings = [p.text for p in Document(str(tmp_path / "ccpcj28-item6c.docx")).paragraphs
                if p.style is not None and p.style.name == "Heading 1"]  # fmt: skip
    assert headings[:5] == [
        "导言",
        "制止资助恐怖主义行为",
        "外国恐怖主义作战人员",
        "伙伴关系",
        "结论与意见",
    ]


def test_pdf_build_reports_its_page_count(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "small.yaml"
    spec.write_text(
        "title: 小型简报\nmeeting: {from: ccpcj28-terrorism-ta}\noutputs: [pdf]\n"
        "sections:\n  - heading: 导言\n    select:\n      - ccpcj28-terrorism-ta: 1-2\n",
        encoding="utf-8",
    )
    assert main(["build", str(spec), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    pdf = tmp_path / "small.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert f"wrote {pdf} (" in out and " pages)" in out


def test_script_and_language_overrides_name_the_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", str(EXAMPLE), "--out", str(tmp_path), "--format", "docx"]
    assert main([*args, "--script", "hant-hk"]) == 0
    assert (tmp_path / "ccpcj28-item6c-hant-hk.docx").exists()
    assert main([*args, "--script", "s2t"]) == 1
    err = capsys.readouterr().err
    assert "script 's2t' is not a variant" in err and "--script hant" in err


def test_check_validates_without_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--check", str(EXAMPLE), "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "spec is valid; nothing rendered (--check)" in out
    assert "annex:" in out and list(tmp_path.iterdir()) == []


def test_bad_spec_fails_with_its_place_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "title: 简报\nsections:\n  - heading: 导言\n    select:\n      - ccpcj28-terrorism-ta: 120-130\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["build", str(spec), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{spec}:5:" in err and "no paragraph 128, 129, 130" in err
    assert "ccpcj28-terrorism-ta has paragraphs 1-127" in err
    assert not out.exists()


def test_failed_build_keeps_the_previous_good_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "pack.yaml"
    good = (
        "title: 简报\nsections:\n  - heading: 导言\n    select:\n      - ccpcj28-terrorism-ta: 1\n"
    )
    spec.write_text(good, encoding="utf-8")
    args = ["build", str(spec), "--out", str(tmp_path), "--format", "docx,pdf"]
    assert main([*args[:-1], "docx"]) == 0
    before = (tmp_path / "pack.docx").read_bytes()
    # A character no font of the pack has: the coverage check stops the build before any write.
    spec.write_text(good.replace("简报", "简报\U00020000"), encoding="utf-8")
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "U+20000" in err and "have no glyph" in err
    assert (tmp_path / "pack.docx").read_bytes() == before
    assert not (tmp_path / "pack.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_docx_contents_show_the_pdfs_page_numbers_when_both_are_built(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    assert main(["build", str(EXAMPLE), "--out", str(tmp_path), "--format", "docx,pdf"]) == 0
    capsys.readouterr()
    pdf = pdfium.PdfDocument(str(tmp_path / "ccpcj28-item6c.pdf"))
    # Titles as text: the PDF's typesetting may add word joiners and other spaces.
    bookmarks = {
        " ".join(m.get_title().replace("\u2060", "").split()): m.get_dest().get_index() + 1
        for m in pdf.get_toc()
    }
    pdf.close()
    document = Document(str(tmp_path / "ccpcj28-item6c.docx"))
    entries = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "toc 1"
    ]
    headings = [
        "导言",
        "制止资助恐怖主义行为",
        "外国恐怖主义作战人员",
        "伙伴关系",
        "结论与意见",
        "术语表",
    ]
    assert entries == [f"{h}\t{bookmarks[h]}" for h in headings]
    assert entries[0] == "导言\t3"  # cover, contents, then the first section
    # Headings with digits, which the PDF may typeset with other spaces, are found too.
    mixed = ROOT / "examples" / "ctta-2006-2018.yaml"
    assert main(["build", str(mixed), "--out", str(tmp_path), "--format", "docx,pdf"]) == 0
    capsys.readouterr()
    document = Document(str(tmp_path / "ctta-2006-2018.docx"))
    entries = [
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "toc 1"
    ]
    assert entries[0].startswith("《联合国全球反恐战略》与 2006 年的技术援助\t")
    assert len(entries) == 5 + 1 and all(e.split("\t")[1].isdigit() for e in entries)


def test_a_docx_alone_keeps_contents_without_page_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", str(EXAMPLE), "--out", str(tmp_path), "--format", "docx"]) == 0
    capsys.readouterr()
    document = Document(str(tmp_path / "ccpcj28-item6c.docx"))
    assert not [p for p in document.paragraphs if p.style is not None and p.style.name == "toc 1"]
    toc = [p.text for p in document.paragraphs if p.style is not None and p.style.name == "Normal"]
    assert toc[:3] == ["请更新此域（F9）以显示目录。", "导言", "制止资助恐怖主义行为"]
