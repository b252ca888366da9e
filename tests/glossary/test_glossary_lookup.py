"""`glossary lookup TERM`: a term in any language finds its concept, shown with every term,
status and type. Exact matches (terms, Traditional forms, ids; Latin letters in any case) come
first, then terms containing TERM or contained in it. No match: near-miss suggestions, exit 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import Cli

from assembler.cli import main
from assembler.glossary.lookup import lookup
from assembler.glossary.store import load_glossary

ROOT = Path(__file__).resolve().parents[2]


def test_a_superseded_chinese_name_finds_the_office(cli: Cli) -> None:
    code, out, _ = cli("glossary", "lookup", "禁毒办")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("unodc  — ")
    assert lines[0].endswith("]") and "glossary/" in lines[0]
    assert "  » zh-Hans  superseded  short-form    禁毒办   (note: " in out
    assert "    zh-Hans  preferred   full-form     联合国毒品和犯罪问题办公室\n" in out
    assert (
        "    en       preferred   full-form     United Nations Office on Drugs and Crime\n" in out
    )
    assert "    en       preferred   acronym       UNODC\n" in out
    assert lines[-1] == "1 concept: 1 exact, 0 partial"


def test_english_in_any_case_and_ids_match_exactly() -> None:
    glossary = load_glossary(ROOT / "glossary")
    (match,) = [m for m in lookup(glossary, "unodc") if m.exact]
    assert match.concept.id == "unodc"
    assert [t.text for t in match.terms] == ["UNODC"]
    (match,) = [m for m in lookup(glossary, "foreign-terrorist-fighters") if m.exact]
    assert match.concept.id == "foreign-terrorist-fighters" and match.terms == ()


def test_partial_matches_both_ways(cli: Cli) -> None:
    glossary = load_glossary(ROOT / "glossary")
    # Part of a term: every concept with a term containing it.
    found = lookup(glossary, "恐怖主义作战人员")
    assert not any(m.exact for m in found)
    assert "foreign-terrorist-fighters" in [m.concept.id for m in found]
    query = "恐怖主义作战人员"
    assert all(query in t.text or t.text in query for m in found for t in m.terms)
    assert "terrorism" in [m.concept.id for m in found]  # 恐怖主义 is inside the query
    # A phrase holding terms: the concepts of the terms inside it.
    ids = [m.concept.id for m in lookup(glossary, "联合国毒品和犯罪问题办公室的报告")]
    assert ids[:1] == ["unodc"] and "united-nations" in ids
    code, out, _ = cli("glossary", "lookup", "联合国毒品和犯罪问题办公室的报告")
    assert code == 0 and out.splitlines()[-1] == f"{len(ids)} concepts: 0 exact, {len(ids)} partial"


def test_traditional_forms_are_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "g.yaml").write_text(
        "concepts:\n  - id: unodc\n    terms:\n      zh-Hans:\n        - term: 禁毒办\n"
        "          status: superseded\n          zh-Hant: 禁毒辦\n"
        "        - term: 毒品和犯罪问题办公室\n          status: preferred\n",
        encoding="utf-8",
    )
    code = main(["--glossary", str(tmp_path), "glossary", "lookup", "禁毒辦"])
    out = capsys.readouterr().out
    assert code == 0
    assert "  » zh-Hans  superseded  full-form     禁毒办   (zh-Hant 禁毒辦)\n" in out


def test_json_lists_matches_with_their_concepts(cli: Cli) -> None:
    code, out, _ = cli("glossary", "lookup", "UNODC", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "UNODC" and data["suggestions"] == []
    first = data["matches"][0]
    assert first["exact"] is True and first["matched"] == ["UNODC"]
    concept = first["concept"]
    assert concept["id"] == "unodc"
    assert {"lang": "en", "term": "UNODC", "status": "preferred", "type": "acronym"}.items() <= (
        next(t for t in concept["terms"] if t["term"] == "UNODC").items()
    )
    assert concept["place"].startswith("glossary/") or concept["place"].startswith("/")


def test_no_match_suggests_near_misses(cli: Cli) -> None:
    code, out, err = cli("glossary", "lookup", "禁读办")
    assert (code, out) == (1, "")
    assert (
        err == "assembler: error: no glossary term matches '禁读办'\n  hint: did you mean 禁毒办?\n"
    )
    code, out, _ = cli("glossary", "lookup", "禁读办", "--json")
    assert code == 1
    assert json.loads(out) == {"query": "禁读办", "matches": [], "suggestions": ["禁毒办"]}


def test_nothing_like_it_says_what_to_try(cli: Cli) -> None:
    code, _, err = cli("glossary", "lookup", "xyzzy")
    assert code == 1
    assert err == (
        "assembler: error: no glossary term matches 'xyzzy'\n"
        "  hint: try a shorter part of the term, or another language\n"
    )
