"""The glossary's services (lookup, check, scan, edits, import, candidates), called as a web
workspace will call them: typed arguments in, dataclasses out, nothing printed; the JSON shapes
of encode.py; the term fields declared once (model.TERM_FIELDS) and every form derived from
them; the one YAML reader (assembler.yamlpos) in its two views."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml

from assembler import yamlpos
from assembler.errors import AssemblerError
from assembler.glossary import csvio, encode, maintain
from assembler.glossary.candidates import collect_candidates
from assembler.glossary.check import check_glossary
from assembler.glossary.csvio import read_csv, write_csv
from assembler.glossary.exchange import export_bytes, import_file
from assembler.glossary.lookup import find_terms
from assembler.glossary.model import TERM_FIELDS, Concept, Glossary, Term, term_from_values
from assembler.glossary.scan import scan_document, scan_text
from assembler.glossary.store import dump_concepts, load_glossary, read_concepts
from assembler.glossary.tbx import V2
from assembler.glossary.tbx_read import read_tbx
from assembler.glossary.tbx_write import write_tbx
from assembler.paths import DEFAULT_CORPUS

GLOSSARY = """\
concepts:
  - id: unodc   # the Office
    subject: UN entities
    terms:
      zh-Hans:
        - term: 联合国毒品和犯罪问题办公室
          status: preferred
        - term: 禁毒办
          status: superseded
          type: abbreviation
      en:
        - term: United Nations Office on Drugs and Crime
          status: preferred
        - term: UNODC
          status: preferred
          type: acronym
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "entities.yaml").write_text(GLOSSARY, encoding="utf-8")
    return glossary


@pytest.fixture(autouse=True)
def prints_nothing(capsys: pytest.CaptureFixture[str]) -> object:
    yield
    assert capsys.readouterr() == ("", "")


# -- services ---------------------------------------------------------------------------------
def test_find_terms_gives_matches_or_suggestions(folder: Path) -> None:
    glossary = load_glossary(folder)
    found = find_terms(glossary, "禁毒办")
    assert [(m.concept.id, m.exact) for m in found.matches] == [("unodc", True)]
    assert found.suggestions == ()
    missed = find_terms(glossary, "UNODD")
    assert missed.matches == () and missed.suggestions == ("UNODC",)
    assert encode.lookup_json(missed)["suggestions"] == ["UNODC"]


def test_check_glossary_reports_errors_or_warnings(folder: Path, tmp_path: Path) -> None:
    result = check_glossary(folder, tmp_path / "no-corpus")
    assert result.errors == () and result.report is not None
    assert (len(result.glossary.concepts), result.terms, result.report.documents) == (1, 4, 0)
    (folder / "broken.yaml").write_text("concepts:\n  - id: Bad\n", encoding="utf-8")
    broken = check_glossary(folder, tmp_path / "no-corpus")
    assert broken.report is None and len(broken.files) == 2
    assert [p.message for p in broken.errors] == ["Bad: no terms", "bad concept id 'Bad'"]
    assert encode.check_json(broken)["counts"] == {"errors": 2, "warnings": 0}


def test_scan_text_and_document(folder: Path) -> None:
    glossary = load_glossary(folder)
    text = scan_text(glossary, "禁毒办的报告\nUNODC\n", "notes.txt")
    assert (text.source, text.scope, text.lang, text.range) == (
        "notes.txt (text, zh-Hans)",
        "every line",
        "zh-Hans",
        None,
    )
    assert [(c.concept.id, c.count) for c in text.concepts] == [("unodc", 1)]
    assert [f.use.text for f in text.flags if f.use] == ["联合国毒品和犯罪问题办公室"]
    document = scan_document(glossary, DEFAULT_CORPUS, "E/CN.15/2007/9", "21-22")
    assert document.scope == "paragraphs 21-22" and document.source.startswith("E-CN.15-2007-9")
    assert encode.scan_json(document)["occurrences"] == len(document.occurrences) > 0


def test_edits_return_the_change_and_write_unless_dry_run(folder: Path) -> None:
    path = folder / "entities.yaml"
    request = maintain.TermEdit("禁毒办", (("note", "older name"), ("zh-Hant", "禁毒辦")))
    planned = maintain.edit_term(folder, "unodc", request, dry_run=True)
    assert planned.summary == "unodc: term '禁毒办': note 'older name', zh-Hant '禁毒辦'"
    assert path.read_text(encoding="utf-8") == GLOSSARY
    made = maintain.edit_term(folder, "unodc", request)
    assert made.after == path.read_text(encoding="utf-8") == planned.after
    assert "  - id: unodc   # the Office\n" in made.after
    assert made.concept is not None and made.concept.terms[1].variants == (("zh-Hant", "禁毒辦"),)

    concept = maintain.ConceptEdit(
        note="",
        add_sources=("E-CN.15-2007-9",),
        add_terms=(maintain.parse_term("fr:preferred:ONUDC"),),
    )
    changed = maintain.edit_concept(folder, "unodc", concept)
    assert changed.summary == "unodc: note '', +source E-CN.15-2007-9, +fr term 'ONUDC'"
    removed = maintain.delete_term(folder, "unodc", "ONUDC")
    assert removed.concept is not None and "fr" not in removed.concept.languages


def test_term_edit_summary_keeps_its_order() -> None:
    request = maintain.TermEdit(
        "x", (("term", "y"), ("note", "n"), ("zh-HK", "z"), ("source", "s"), ("status", "admitted"))
    )
    assert request.summary("c") == "c: term 'x': status 'admitted', source 's', note 'n', " + (
        "text 'y', zh-HK 'z'"
    )


def test_parse_term_refuses_what_it_cannot_read() -> None:
    assert maintain.parse_term("en:preferred:acronym:a:b") == Term(
        "a:b", "en", "preferred", "acronym"
    )
    assert maintain.parse_term("en:preferred:a:b") == Term("a:b", "en", "preferred")
    with pytest.raises(AssemblerError, match="unknown status 'best'"):
        maintain.parse_term("en:best:UNODC")


def test_import_file_reads_and_plans(folder: Path, tmp_path: Path) -> None:
    exported = tmp_path / "all.csv"
    exported.write_bytes(export_bytes(load_glossary(folder), "csv"))
    imported = import_file(folder, exported, dry_run=True)
    assert (imported.format, imported.concepts) == ("csv", 1)
    assert imported.plan.edits == () and imported.plan.unchanged == ("unodc",)


def test_collect_candidates_names_a_missing_corpus(folder: Path, tmp_path: Path) -> None:
    with pytest.raises(AssemblerError, match="no records in"):
        collect_candidates(load_glossary(folder), tmp_path / "empty")
    found = collect_candidates(load_glossary(folder), DEFAULT_CORPUS, "E/CN.15/2007/9")
    assert found and all(c.count for c in found)


# -- term fields, declared once ---------------------------------------------------------------
FULL = Term(
    "禁毒办",
    "zh-Hans",
    "superseded",
    "abbreviation",
    note="older",
    source="E/CN.15/2007/9",
    variants=(("zh-Hant", "禁毒辦"), ("zh-HK", "禁毒辦")),
)


def test_every_form_carries_every_term_field(tmp_path: Path) -> None:
    values = {f.key: f.value(FULL) for f in TERM_FIELDS if f.written(FULL)}
    assert term_from_values("zh-Hans", values) == FULL
    concept = Concept(id="unodc", terms=(FULL, Term("UNODC", "en", "preferred", "acronym")))
    glossary = Glossary((concept,))
    assert read_concepts(dump_concepts([concept]), "entities.yaml") == ([concept], [])
    path = tmp_path / "exchange"
    assert read_csv(write_csv(glossary), path) == glossary
    assert read_tbx(write_tbx(glossary, V2), path, V2) == glossary
    assert csvio.COLUMNS[-len(TERM_FIELDS) :] == tuple(f.column for f in TERM_FIELDS)
    fields = [f.key for f in TERM_FIELDS if f.kind != "form"]
    assert list(encode.term_json(FULL)) == ["lang", *fields, "variants", "place"]


# -- one YAML reader, two views -----------------------------------------------------------------
SPEC = """\
title: t
date: 2019-05-20
<<: {subtitle: s}
count: 3
flag: yes
sections:
  - heading: h
"""


def test_load_has_safe_load_semantics_with_positions() -> None:
    loaded = yamlpos.load(SPEC, "spec.yaml")
    assert loaded.data == yaml.safe_load(SPEC)
    assert loaded.data["date"] == datetime.date(2019, 5, 20) and loaded.data["flag"] is True
    assert loaded.positions[("sections", 0, "heading")] == (7, 5)
    assert loaded.where(("sections", 0, "select")) == (7, 5)
    # PyYAML's reading, not libyaml's: a tab after a colon is refused, as it always was.
    with pytest.raises(AssemblerError, match="found character '\\\\t' that cannot start"):
        yamlpos.load("title:\tt\n", "spec.yaml")


def test_load_tree_is_the_glossarys_stricter_view() -> None:
    tree = yamlpos.load_tree(
        'a: 2019-05-20\nb: "2019"\nc: 2019\nd: [x]\n', "g.yaml", holder="a glossary file"
    )
    assert isinstance(tree, yamlpos.Map) and tree.value_lines["d"] == 3
    assert isinstance(tree["a"], yamlpos.Timestamp) and tree["b"] == "2019" and tree["c"] == 2019
    with pytest.raises(AssemblerError, match="a glossary file holds one YAML document"):
        yamlpos.load_tree("a: 1\n---\nb: 2\n", "g.yaml", holder="a glossary file")
