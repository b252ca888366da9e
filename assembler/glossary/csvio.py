"""CSV exchange: one row per term, for spreadsheets and the CSV import of CAT tools.

The file is UTF-8 with a byte-order mark and CRLF line ends (RFC 4180). Excel decodes a CSV
without a BOM in the machine's legacy code page (GBK on Chinese Windows, cp1252 elsewhere),
which garbles every Chinese term; with the BOM it opens the file as UTF-8, and so do
LibreOffice, memoQ, Trados MultiTerm Convert and Phrase, which all skip the BOM. Reading
accepts the file with or without the BOM.

Columns (the first row names them; they may come in any order):

    concept id, subject, definition, concept note, concept sources,
    language, term, status, type, term note, term source, zh-Hant, zh-TW, zh-HK

The concept's own fields are repeated on every row of its terms, so that a sorted or filtered
sheet still shows them; on import they must agree on every row of a concept. Concept sources
are one cell with one source a line (a symbol or URL never holds a line break). `status` and
`type` take the glossary's values (preferred, admitted, deprecated, superseded; full-form,
short-form, acronym, abbreviation; an empty type means full-form). zh-Hant, zh-TW and zh-HK
hold the explicit Traditional forms of a zh-Hans term and are empty on other rows.
Concepts keep the order in which their first rows come; terms keep their row order.

Spreadsheets run a cell that begins with =, +, -, @, a tab or a carriage return as a formula
(`=HYPERLINK(...)` in a term sends the reader's data off; OWASP, "CSV Injection"). Such a cell
is written with an apostrophe in front, which makes it text, and reading takes that apostrophe
off again. So that a value which really begins with an apostrophe (followed by one of those
characters, or by another apostrophe) reads back unchanged, it gets an apostrophe in front too:
reading removes exactly one apostrophe, and only where writing would have put one. Any other
value beginning with an apostrophe ('s-Hertogenbosch) is left alone both ways.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from assembler.errors import AssemblerError
from assembler.glossary.model import (
    TERM_FIELDS,
    Concept,
    Glossary,
    Place,
    Term,
    term_from_values,
)

CONCEPT_COLUMNS = ("concept id", "subject", "definition", "concept note", "concept sources")
COLUMNS: tuple[str, ...] = (*CONCEPT_COLUMNS, "language", *(f.column for f in TERM_FIELDS))
# Columns a file may lack: the context rules came later than the rest, and a CSV exported
# before them has none.
OPTIONAL_COLUMNS: frozenset[str] = frozenset(f.column for f in TERM_FIELDS if f.kind == "context")
BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r?\n")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


# -- formula neutralisation -------------------------------------------------------------------
def _quoted_by_writer(cell: str) -> bool:
    # Slices, not indexes: "" and "'" are cells too; "" is in no tuple.
    return cell[:1] == QUOTE and cell[1:2] in (*FORMULA_STARTS, QUOTE)


def neutralise(value: str) -> str:
    """The cell for `value`: an apostrophe in front of what a spreadsheet would run as a
    formula, and of what restore() would otherwise shorten."""
    if value[:1] in FORMULA_STARTS or _quoted_by_writer(value):
        return QUOTE + value
    return value


def restore(cell: str) -> str:
    """The value of a cell written by neutralise() (or by a person who neutralised it the same
    way): exactly one apostrophe off where neutralise() puts one."""
    return cell[1:] if _quoted_by_writer(cell) else cell


# -- writing --------------------------------------------------------------------------------
def _sources_cell(concept: Concept) -> str:
    for source in concept.sources:
        if not source or "\n" in source or "\r" in source:
            raise AssemblerError(
                f"concept {concept.id!r} has a source {source!r} that one CSV cell of "
                "line-separated sources cannot carry",
                path=concept.place.file if concept.place else None,
                line=concept.place.line if concept.place else None,
                hint="remove the empty source or the line break inside it",
            )
    return "\n".join(concept.sources)


def _row(concept: Concept, sources: str, term: Term) -> list[str]:
    return [
        concept.id,
        concept.subject,
        concept.definition,
        concept.note,
        sources,
        term.lang,
        *(f.value(term) for f in TERM_FIELDS),
    ]


def write_csv(glossary: Glossary) -> bytes:
    """The glossary as CSV bytes (UTF-8 with BOM, CRLF), one row per term."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for concept in glossary.concepts:
        sources = _sources_cell(concept)
        for term in concept.terms:
            writer.writerow([neutralise(cell) for cell in _row(concept, sources, term)])
    return (BOM + out.getvalue()).encode("utf-8")


# -- reading --------------------------------------------------------------------------------
def decode_csv(data: bytes, path: Path) -> str:
    """UTF-8 text (a BOM is dropped), or an error naming the line where it stops being so."""
    try:
        return data.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as exc:
        raise AssemblerError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=data[: exc.start].count(b"\n") + 1,
            hint='save it from Excel as "CSV UTF-8 (Comma delimited)", or convert it, e.g. '
            "iconv -f GB18030 -t UTF-8",
        ) from exc


@dataclass
class _Draft:
    """A concept being gathered from its rows."""

    fields: tuple[str, ...]
    line: int
    terms: list[Term] = field(default_factory=list)


def _header(rows: list[tuple[int, list[str]]], path: Path) -> dict[str, int]:
    if not rows:
        raise AssemblerError("the file is empty", path=path, hint="export the glossary again")
    line, names = rows[0]
    index = {name.strip(): i for i, name in enumerate(names)}
    missing = [name for name in COLUMNS if name not in index and name not in OPTIONAL_COLUMNS]
    unknown = [name for name in index if name not in COLUMNS]
    if missing or unknown or len(index) != len(names):
        problems = []
        if missing:
            problems.append(f"missing {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown {', '.join(repr(n) for n in unknown)}")
        if len(index) != len(names):
            problems.append("a column named twice")
        raise AssemblerError(
            f"the header row does not name the glossary's columns ({'; '.join(problems)})",
            path=path,
            line=line,
            hint=f"the first row must name these columns, in any order: {', '.join(COLUMNS)}",
        )
    return index


def _term(cells: dict[str, str], path: Path, line: int) -> Term:
    def fail(message: str, hint: str) -> AssemblerError:
        return AssemblerError(message, path=path, line=line, hint=hint)

    values: dict[str, str] = {}
    for term_field in TERM_FIELDS:
        value = cells.get(term_field.column, "")
        if term_field.kind == "text" and not value.strip():
            raise fail("the row has no term", "fill in the term column or delete the row")
        if term_field.choices:
            value = value or term_field.default
            if value not in term_field.choices:
                raise fail(
                    f"unknown {term_field.key} {value!r}",
                    f"use one of: {', '.join(term_field.choices)}",
                )
        # An empty Traditional form cell means the term has none.
        if value or term_field.kind != "form":
            values[term_field.key] = value
    forms = [f.key for f in TERM_FIELDS if f.kind == "form" and f.key in values]
    if forms and cells["language"] != "zh-Hans":
        raise fail(
            f"a {cells['language']} term with Traditional Chinese forms",
            "zh-Hant, zh-TW and zh-HK belong on zh-Hans rows only",
        )
    return term_from_values(cells["language"], values, Place(str(path), line))


def _numbered_rows(text: str, path: Path) -> list[tuple[int, list[str]]]:
    """Every record with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise AssemblerError(
            f"not valid CSV: {exc}",
            path=path,
            line=reader.line_num,
            hint="check the quotes on that line: a cell with a quote, comma or line break "
            'must be quoted, with its own quotes doubled ("")',
        ) from exc
    return rows


def read_csv(data: bytes, path: Path) -> Glossary:
    """A glossary from CSV bytes, or an AssemblerError naming `path` and the line at fault.

    Glossary rules that span concepts (unique ids, preferred terms, ...) are checked by the
    glossary's validation, not here."""
    rows = _numbered_rows(decode_csv(data, path), path)
    index = _header(rows, path)
    drafts: dict[str, _Draft] = {}
    for line, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue  # spreadsheets leave blank rows at the end
        if len(row) != len(index):
            raise AssemblerError(
                f"the row has {len(row)} cells, the header {len(index)}",
                path=path,
                line=line,
                hint="a cell with a comma or line break must be in double quotes",
            )
        cells = {name: restore(row[i]) for name, i in index.items()}
        concept_id = cells["concept id"]
        if not concept_id.strip():
            raise AssemblerError(
                "the row has no concept id",
                path=path,
                line=line,
                hint="give every row the id of its concept",
            )
        fields = tuple(cells[name] for name in CONCEPT_COLUMNS)
        draft = drafts.setdefault(concept_id, _Draft(fields, line))
        if fields != draft.fields:
            differing = [
                name
                for name, mine, theirs in zip(CONCEPT_COLUMNS, fields, draft.fields, strict=True)
                if mine != theirs
            ]
            raise AssemblerError(
                f"concept {concept_id!r}: {', '.join(differing)} differs from line {draft.line}",
                path=path,
                line=line,
                hint="a concept's columns must be the same on all its rows",
            )
        draft.terms.append(_term(cells, path, line))
    return Glossary(
        tuple(
            Concept(
                id=concept_id,
                subject=draft.fields[1],
                definition=draft.fields[2],
                note=draft.fields[3],
                sources=tuple(s for s in _LINE_BREAK.split(draft.fields[4]) if s),
                terms=tuple(draft.terms),
                place=Place(str(path), draft.line),
            )
            for concept_id, draft in drafts.items()
        )
    )
