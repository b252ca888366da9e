"""A `found` annex can leave out whole subjects (paragraph 31 of the report names 28 States,
whose formal names a briefing on technical assistance may not want among its terms), and
concept selections and annexes match each paragraph in its own language."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.build.driver import Overrides, prepare
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.store import load_glossary
from assembler.model.pack import Pack
from assembler.paths import DEFAULT_CORPUS, DEFAULT_GLOSSARY, DEFAULT_TEMPLATES


def pack_of(tmp_path: Path, select: str, glossary: str, language: str = "zh") -> Pack:
    spec = tmp_path / "annex.yaml"
    spec.write_text(
        f"title: 术语\nlanguage: {language}\nsections:\n  - heading: 节\n    select:\n"
        f"      - {select}\nglossary: {glossary}\n",
        encoding="utf-8",
    )
    return prepare(
        spec,
        Corpus(DEFAULT_CORPUS),
        load_glossary(DEFAULT_GLOSSARY),
        DEFAULT_TEMPLATES,
        Overrides(),
    ).pack


def chinese_cells(pack: Pack) -> list[str]:
    assert pack.annex is not None
    return [row[0].split("（")[0] for row in pack.annex.table.rows]


def test_the_states_of_paragraph_31_can_be_left_out_of_the_annex(tmp_path: Path) -> None:
    every = chinese_cells(pack_of(tmp_path, "ccpcj28-terrorism-ta: 31", "{annex: found}"))
    assert "阿富汗伊斯兰共和国" in every and "布基纳法索" in every
    without = chinese_cells(
        pack_of(
            tmp_path,
            "ccpcj28-terrorism-ta: 31",
            "{annex: found, leave_out: [countries and territories]}",
        )
    )
    assert without and "阿富汗伊斯兰共和国" not in without and "布基纳法索" not in without
    assert set(without) < set(every)


def test_an_unknown_subject_is_refused_at_its_place_with_the_near_miss(tmp_path: Path) -> None:
    with pytest.raises(AssemblerError) as refused:
        pack_of(tmp_path, "ccpcj28-terrorism-ta: 31", "{annex: found, leave_out: [countries]}")
    assert "no glossary subject 'countries'" in refused.value.message
    assert refused.value.line == 7
    assert "countries and territories" in str(refused.value)


def test_a_concept_selects_the_english_paragraphs_that_name_it(tmp_path: Path) -> None:
    pack = pack_of(
        tmp_path,
        "{document: A/RES/78/229, concept: untoc}",
        "{annex: off}",
        language="en",
    )
    numbers = [b.number for b in pack.sections[0].blocks if hasattr(b, "number")]
    assert numbers[:3] == ["6", "7", "8"]
