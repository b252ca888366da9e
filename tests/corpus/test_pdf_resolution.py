"""A General Assembly resolution read from its PDF (A/RES/78/225, tests/data/un-pdf): the
preambular paragraphs (unnumbered, each opening with an italic participle) as unnumbered
records in order, then the operative paragraphs with their numbers, then the "nth plenary
meeting" line and its date as one unnumbered closing record; the cover in the metadata."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from assembler.cli import main
from assembler.corpus.readers.pdf import read

DATA = Path(__file__).resolve().parents[1] / "data" / "un-pdf"

FIRST_PREAMBULAR = (
    "Reaffirming its resolution 70/1 of 25 September 2015, entitled “Transforming our world:"
    " the 2030 Agenda for Sustainable Development”,"
)
PARAGRAPH_1 = (
    "Recalls the commitment made by States to contribute to achieving the 2030 Agenda for"
    " Sustainable Development through their efforts in crime prevention and criminal justice,"
    " with the firm recognition that sustainable development and the rule of law are"
    " interlinked and mutually reinforcing, that crime is an impediment to sustainable"
    " development and that achieving sustainable development is an enabling factor for States"
    " to effectively prevent and combat crime;"
)
PREAMBLE_OPENINGS = [
    "Reaffirming",
    "Recalling its resolution 70/299",
    "Recalling also",
    "Recalling further",
    "Bearing in mind",
    "Underscoring",
    "Noting the important role",
    "Noting also",
]


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    root = tmp_path_factory.mktemp("resolution")
    (root / "sources").mkdir()
    shutil.copy(DATA / "A_RES_78_225.pdf", root / "sources")
    assert main(["--corpus", str(root), "corpus", "ingest"]) == 0
    lines = (root / "records" / "A-RES-78-225.en.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in lines.splitlines()]


def test_preamble_then_operative_paragraphs_then_the_plenary_meeting(
    rows: list[dict[str, Any]],
) -> None:
    preamble = rows[: len(PREAMBLE_OPENINGS)]
    assert all(r["para"] is None and r["kind"] == "paragraph" for r in preamble)
    for row, opening in zip(preamble, PREAMBLE_OPENINGS, strict=True):
        assert row["text"].startswith(opening)
        assert row["text"].endswith(",")
    assert preamble[0]["text"] == FIRST_PREAMBULAR
    operative = rows[len(PREAMBLE_OPENINGS) : -1]
    assert [r["para"] for r in operative] == [str(n) for n in range(1, 16)]
    assert operative[0]["text"] == PARAGRAPH_1
    assert all(r["text"].endswith((";", ".")) for r in operative)
    # A hyphen at a line end belongs to the word ("high-" + "level political forum").
    assert "high-level political forum" in rows[1]["text"]
    assert rows[-1]["para"] is None
    assert rows[-1]["text"] == "50th plenary meeting 19 December 2023"


def test_the_cover_goes_to_the_metadata() -> None:
    extraction = read(DATA / "A_RES_78_225.pdf", (DATA / "A_RES_78_225.pdf").read_bytes())
    assert extraction.meta == {
        "symbol": "A/RES/78/225",
        "body": "General Assembly",
        "dates": "22 December 2023",
        "session": "78",
        "agenda_item": "107",
        "agenda_title": "Crime prevention and criminal justice",
        "report_type": "Resolution adopted by the General Assembly on 19 December 2023"
        " [on the report of the Third Committee (A/78/482, para. 29)]",
        "title": "Enhancing the contributions of the Commission on Crime Prevention and Criminal"
        " Justice to the accelerated implementation of the 2030 Agenda for Sustainable"
        " Development",
    }
    assert extraction.text.startswith(FIRST_PREAMBULAR + "\n")
    for furniture in ("Distr.", "23-25985", "*2325985*", "2/3", "United Nations\n"):
        assert furniture not in extraction.text
    assert set(extraction.furniture) == {
        "barcode",
        "cover",
        "job-number",
        "page-number",
        "running-header",
    }


def test_lettered_sub_paragraphs_are_items() -> None:
    """A/RES/78/223, paragraph 12: "... considered in workshops ...:" + (a)-(d)."""
    path = DATA / "A_RES_78_223.pdf"
    text = read(path, path.read_bytes()).text
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("12. Decides that"))
    block = [line for line in lines[start : start + 9] if line]
    assert block[0].endswith("within the framework of the Fifteenth Congress:")
    assert [line[:4] for line in block[1:5]] == ["(a) ", "(b) ", "(c) ", "(d) "]
