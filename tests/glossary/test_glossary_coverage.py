"""`glossary coverage DOC`: the names in a document the glossary does not know, from the
candidate miner, ranked by frequency and then name-likeness (definition, title, organisation),
each with the paragraphs it occurs in. On the bundled corpus, with a two-concept glossary so
that the expected entries do not move when the bundled glossary grows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support import Cli

from assembler.cli.glossary_coverage import paragraph_ranges
from assembler.errors import AssemblerError
from assembler.glossary.coverage import Unknown, document_coverage
from assembler.glossary.model import Concept, Glossary, Term
from assembler.glossary.store import dump_concepts
from assembler.paths import DEFAULT_CORPUS

SMALL = Glossary(
    (
        Concept("unodc", terms=(Term("毒品和犯罪问题办公室", "zh-Hans", "preferred"),)),
        Concept("united-nations", terms=(Term("联合国", "zh-Hans", "preferred"),)),
    )
)


def test_the_2007_report_names_its_unknowns_ranked_with_their_paragraphs() -> None:
    coverage = document_coverage(SMALL, DEFAULT_CORPUS, "E/CN.15/2007/9")
    assert (coverage.doc, coverage.known_concepts, len(coverage.unknown)) == (
        "E-CN.15-2007-9",
        1,
        56,
    )
    first, second, third, fourth = coverage.unknown[:4]
    assert first == Unknown(
        "联合国毒品和犯罪问题办事处",
        ("禁毒办",),
        "definition",
        109,
        first.paragraphs,
        ("record 1",),
        "",
    )
    assert first.paragraphs[:8] == ("1", "2", "4", "5", "6", "7", "8", "10")
    assert len(first.paragraphs) == 52
    assert (second.name, second.kind, second.count) == ("预防恐怖主义处", "organisation", 62)
    assert (third.name, third.kind, third.count) == ("联合国全球反恐战略", "title", 14)
    assert third.paragraphs == ("2", "3", "5", "6", "7", "40", "61", "62", "64", "66", "72", "78")
    assert fourth == Unknown(
        "欧洲安全与合作组织",
        ("欧安组织",),
        "definition",
        12,
        ("21", "35", "36", "50", "51"),
        ("record 127",),
        "",
    )
    # Frequency first; at equal counts a definition before an organisation name.
    ranked = [
        (-u.count, ["definition", "title", "organisation"].index(u.kind), u.name)
        for u in coverage.unknown
    ]
    assert ranked == sorted(ranked)
    counts = {u.name: u.count for u in coverage.unknown}
    assert counts["西非国家经济共同体"] == counts["英联邦秘书处"] == 7
    names = [u.name for u in coverage.unknown]
    assert names.index("西非国家经济共同体") < names.index("英联邦秘书处")


def test_what_the_glossary_knows_is_not_listed() -> None:
    known = Glossary(
        (
            *SMALL.concepts,
            Concept("cttf", terms=(Term("反恐怖主义执行工作队", "zh-Hans", "preferred"),)),
        )
    )
    names = {u.name for u in document_coverage(known, DEFAULT_CORPUS, "E/CN.15/2007/9").unknown}
    assert "反恐怖主义执行工作队" not in names and "预防恐怖主义处" in names


def test_paragraph_ranges() -> None:
    assert paragraph_ranges(["1", "2", "3", "5", "8", "9"]) == "1-3, 5, 8-9"
    assert paragraph_ranges(["4", "4bis", "5"]) == "4, 4bis, 5"
    assert paragraph_ranges([]) == ""


def test_an_english_document_is_refused() -> None:
    with pytest.raises(AssemblerError, match="coverage finds Chinese names only"):
        document_coverage(SMALL, DEFAULT_CORPUS, "A/RES/78/223")


def test_cli_text_and_json(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "small.yaml").write_text(dump_concepts(SMALL.concepts), encoding="utf-8")
    code, out, _ = cli(
        "--glossary", folder, "glossary", "coverage", "E/CN.15/2007/9", "--limit", "2"
    )
    assert code == 0
    assert out.splitlines()[1:] == [
        "56 names the glossary does not know, the first 2 shown; 1 glossary concepts found",
        "",
        "  109  联合国毒品和犯罪问题办事处（禁毒办）  [definition]",
        "       paras 1-2, 4-8, 10, 12-13, 18, 21-22, 25, 29-30, 33-34, 37-45, 48, 50-58, "
        "61-66, 71-75, 77-80; record 1",
        "   62  预防恐怖主义处  [organisation]",
        "       paras 2, 5, 8-10, 13, 15-19, 21-23, 25, 29-30, 33, 35, 38-40, 42, 44, 46, 48-49, "
        "51-52, 54-55, 57-60, 67, 69, 71; record 1; record 100",
    ]
    code, out, _ = cli(
        "--glossary", folder, "glossary", "coverage", "E/CN.15/2007/9", "--json", "--limit", "0"
    )
    data = json.loads(out)
    assert (data["doc"], data["symbol"], data["unknown"]) == (
        "E-CN.15-2007-9",
        "E/CN.15/2007/9",
        56,
    )
    assert len(data["names"]) == 56
    assert data["names"][3] == {
        "name": "欧洲安全与合作组织",
        "short_forms": ["欧安组织"],
        "kind": "definition",
        "count": 12,
        "paragraphs": ["21", "35", "36", "50", "51"],
        "other_places": ["record 127"],
        "adds_to": "",
    }
