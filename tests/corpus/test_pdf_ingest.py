"""The eleven real UN PDFs of tests/data/un-pdf (see SOURCES.md there), copied into a corpus's
sources/ and ingested through the command line as a user would: symbols, paragraph numbers,
footnotes on the right paragraphs, no page furniture in any record, and the words of each
PDF's text layer accounted for."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from assembler.cli import main
from assembler.corpus.readers.pdf_chars import open_document, read_pages
from assembler.corpus.readers.pdf_cover import read_cover
from assembler.corpus.readers.pdf_page import body_size, find_furniture

DATA = Path(__file__).resolve().parents[1] / "data" / "un-pdf"

# file -> (symbol, document id, number of numbered paragraphs: `pdftotext -layout` shows them)
FILES = {
    "A_RES_78_223.pdf": ("A/RES/78/223", "A-RES-78-223", 24),
    "A_RES_78_224.pdf": ("A/RES/78/224", "A-RES-78-224", 12),
    "A_RES_78_225.pdf": ("A/RES/78/225", "A-RES-78-225", 15),
    "A_RES_78_226.pdf": ("A/RES/78/226", "A-RES-78-226", 36),
    "A_RES_78_227.pdf": ("A/RES/78/227", "A-RES-78-227", 17),
    "A_RES_78_229.pdf": ("A/RES/78/229", "A-RES-78-229", 93),
    "A_C.3_80_L.3.pdf": ("A/C.3/80/L.3", "A-C.3-80-L.3", 73),
    "A_C.3_80_L.57.pdf": ("A/C.3/80/L.57", "A-C.3-80-L.57", 2),
    "S_2012_197-EN.pdf": ("S/2012/197", "S-2012-197", 114),
    "S_PV.4507-EN.pdf": ("S/PV.4507", "S-PV.4507", 0),
    "A_45_189-EN.pdf": ("A/45/189", "A-45-189", 0),
}
_WORD = re.compile(r"[A-Za-z]+")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("pdf-corpus")
    (root / "sources").mkdir()
    for name in FILES:
        shutil.copy(DATA / name, root / "sources" / name)
    assert main(["--corpus", str(root), "corpus", "ingest"]) == 0
    return root


def records(root: Path, doc_id: str) -> list[dict[str, Any]]:
    path = root / "records" / f"{doc_id}.en.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def meta(root: Path, doc_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (root / "records" / f"{doc_id}.en.meta.json").read_text(encoding="utf-8")
    )
    return data


@pytest.mark.parametrize("name", FILES)
def test_symbol_and_numbered_paragraphs(corpus: Path, name: str) -> None:
    symbol, doc_id, count = FILES[name]
    assert meta(corpus, doc_id)["symbol"] == symbol
    numbers = [int(r["para"]) for r in records(corpus, doc_id) if r["para"] is not None]
    assert numbers == list(range(1, count + 1))


def test_the_scan_ingests_with_a_warning_about_its_text_layer(corpus: Path) -> None:
    warnings = meta(corpus, "A-45-189")["warnings"]
    assert any("text layer reads poorly" in w for w in warnings)
    assert len(records(corpus, "A-45-189")) > 20
    # Born-digital PDFs read cleanly.
    for name, (_, doc_id, _) in FILES.items():
        if name != "A_45_189-EN.pdf":
            assert not any("text layer" in w for w in meta(corpus, doc_id)["warnings"]), name


def test_footnotes_attach_to_the_paragraph_that_cites_them(corpus: Path) -> None:
    rows = records(corpus, "A-RES-78-225")
    marks = {r["para"] or r["text"][:15]: [n["mark"] for n in r["notes"]] for r in rows}
    assert marks["Bearing in mind"] == ["1"]
    assert marks["1"] == ["2"]
    assert sum(len(m) for m in marks.values()) == 2
    bearing = next(r for r in rows if r["text"].startswith("Bearing in mind"))
    assert bearing["notes"][0]["text"] == "Resolution 76/181, annex."
    assert "Development, the Commission" in bearing["text"]  # the mark left the text
    # Thirteen notes cited by one preambular paragraph running over a page (³ ... ¹⁵: "¹⁵" is
    # note 15, not note 5 again).
    taking = next(
        r for r in records(corpus, "A-RES-78-227") if r["text"].startswith("Taking note of all")
    )
    assert [n["mark"] for n in taking["notes"]] == [str(n) for n in range(3, 16)]
    # A mark glued to a year: "of 18 May 2018" and note 34.
    welcoming = next(
        r for r in records(corpus, "A-RES-78-229") if "resolution 27/5 of 18 May 2018" in r["text"]
    )
    assert [n["mark"] for n in welcoming["notes"]] == ["34", "35"]
    for _, doc_id, _ in FILES.values():
        assert not meta(corpus, doc_id)["warnings"] or doc_id in ("A-45-189", "S-2012-197")
    # S/2012/197's only note is the reissue note on its symbol: the document's.
    assert [n["mark"] for n in meta(corpus, "S-2012-197")["notes"]] == ["***"]


def _furniture(path: Path) -> tuple[list[str], int]:
    """The texts the reader set aside as furniture or cover, and the number of pages."""
    document = open_document(path.read_bytes())
    pages = read_pages(document)
    document.close()
    body = body_size(pages)
    cover = read_cover(pages[0], body)
    furniture = find_furniture(pages, body, cover.segments)
    texts = [
        s.text
        for page in pages
        for s in page.segments
        if id(s) in furniture or id(s) in cover.segments
    ]
    return texts, len(pages)


@pytest.mark.parametrize("name", FILES)
def test_no_page_furniture_in_records(corpus: Path, name: str) -> None:
    _, doc_id, _ = FILES[name]
    rows = records(corpus, doc_id)
    texts = [r["text"] for r in rows] + [i["text"] for r in rows for i in r["items"]]
    texts += [n["text"] for r in rows for n in r["notes"]]
    whole = "\n".join(texts)
    assert not re.search(r"\b\d{2}-\d{5}\b", whole)  # job number
    assert not re.search(r"\*\d{7}\*", whole)  # barcode
    _, pages = _furniture(DATA / name)
    for page in range(2, pages + 1):
        assert not re.search(rf"(?<![\d/]){page}/{pages}(?![\d/])", whole), (page, pages)
    dropped = meta(corpus, doc_id)["dropped"]
    if pages > 1:
        assert dropped["running-header"] > 0 and dropped["page-number"] > 0
    if doc_id != "A-45-189":
        assert dropped["job-number"] > 0 and dropped["barcode"] == 9
    for text in texts:
        # The running header's symbol never stands in a paragraph (these documents do not
        # cite themselves).
        assert FILES[name][0] not in text


@pytest.mark.parametrize("name", FILES)
def test_words_of_the_text_layer_are_accounted_for(corpus: Path, name: str) -> None:
    _, doc_id, _ = FILES[name]
    document = pdfium.PdfDocument(DATA / name)
    layer: Counter[str] = Counter()
    for page in document:
        textpage = page.get_textpage()
        layer.update(w.lower() for w in _WORD.findall(textpage.get_text_range()))
    document.close()
    rows = records(corpus, doc_id)
    data = meta(corpus, doc_id)
    out = [r["text"] for r in rows] + [i["text"] for r in rows for i in r["items"]]
    out += [i["label"] for r in rows for i in r["items"]] + [r["label"] or "" for r in rows]
    out += [n["text"] for r in rows for n in r["notes"]] + [n["text"] for n in data["notes"]]
    out += [str(v) for k, v in data.items() if isinstance(v, str) and k != "lang"]
    out += _furniture(DATA / name)[0]
    found = Counter(w.lower() for text in out for w in _WORD.findall(text))
    accounted = sum(min(count, found[word]) for word, count in layer.items())
    assert accounted / sum(layer.values()) >= 0.99


def test_corpus_show_prints_the_paragraphs_with_their_footnotes(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert (
        main(["--corpus", str(corpus), "corpus", "show", "--lang", "en", "A/RES/78/225", "1"]) == 0
    )
    shown = capsys.readouterr().out
    assert shown.startswith("1. Recalls the commitment made by States")
    assert "Resolution 70/1." in shown


def test_report_headings_and_annex(corpus: Path) -> None:
    rows = records(corpus, "S-2012-197")
    chapters = [r["label"] for r in rows if r["kind"] == "heading" and r["level"] == 1]
    assert chapters == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", None]
    annex = next(r for r in rows if r["kind"] == "heading" and r["label"] is None)
    assert annex["text"] == "Annex"
    after = rows[rows.index(annex) + 1 :]
    assert after[0]["text"] == "United Nations Mission for the Referendum in Western Sahara"
    # The annex's table: a row a record, its cells kept apart.
    assert {"text": "Argentina | 3"}.items() <= next(
        r for r in after if r["text"].startswith("Argentina")
    ).items()
