"""The glossary's rules (glossary/README.md), checked on every load.

Each rule, broken once, gives one problem naming the file and line of the entry to fix. Several
broken rules in several files are all reported together, in file order, and the load fails;
commands that load the glossary fail with the same list.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest

from assembler.cli import main
from assembler.glossary.model import Concept, Term, TermType
from assembler.glossary.store import load_glossary
from assembler.glossary.validate import GlossaryError, validate

GOOD_UNODC = """\
  - id: unodc
    terms:
      zh-Hans:
        - term: 联合国毒品和犯罪问题办公室
          status: preferred
      en:
        - term: UNODC
          status: preferred
          type: acronym
"""


def write(folder: Path, name: str, concepts: str) -> Path:
    path = folder / name
    path.write_text("concepts:\n" + concepts, encoding="utf-8")
    return path


def problems_of(folder: Path) -> list[str]:
    with pytest.raises(GlossaryError) as caught:
        load_glossary(folder)
    return [str(p) for p in caught.value.problems]


def test_a_good_glossary_has_no_problems(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", GOOD_UNODC)
    assert validate(load_glossary(tmp_path)) == []


@pytest.mark.parametrize(
    ("concept", "line", "message"),
    [
        (
            "  - id: UNODC\n    terms:\n      en:\n        - term: UNODC\n"
            "          status: preferred\n",
            2,
            "bad concept id 'UNODC' (use lowercase letters, digits and single '-' between "
            "them, e.g. unodc)",
        ),
        (
            "  - id: a--b\n    terms:\n      en:\n        - term: x\n          status: preferred\n",
            2,
            "bad concept id 'a--b'",
        ),
        (
            "  - id: unodc\n    terms:\n      en:\n        - term: UNODC\n"
            "          status: admitted\n",
            2,
            "unodc: no preferred en term (mark one en term `status: preferred`)",
        ),
        (
            "  - id: unodc\n    terms:\n      en:\n        - term: UNODC\n"
            "          status: prefered\n",
            5,
            "unodc: en term 'UNODC': unknown status 'prefered' "
            "(use preferred, admitted, deprecated, superseded)",
        ),
        (
            "  - id: unodc\n    terms:\n      en:\n        - term: UNODC\n"
            "          status: preferred\n          type: initialism\n",
            5,
            "unodc: en term 'UNODC': unknown type 'initialism' "
            "(use full-form, short-form, acronym, abbreviation)",
        ),
        (
            "  - id: unodc\n    terms:\n      en:\n        - term: ''\n"
            "          status: preferred\n",
            5,
            "unodc: empty en term (write the term)",
        ),
        (
            "  - id: unodc\n    terms:\n      en:\n        - term: ' UNODC'\n"
            "          status: preferred\n",
            5,
            "unodc: en term ' UNODC' has spaces at an end",
        ),
        (
            "  - id: unodc\n    terms:\n      zh:\n        - term: 禁毒办\n"
            "          status: preferred\n",
            5,
            "unodc: unknown language tag 'zh' (use zh-Hans, en, fr, es, ru, ar)",
        ),
        (
            "  - id: unodc\n    terms:\n      en:\n        - term: UNODC\n"
            "          status: preferred\n          zh-Hant: 毒辦\n",
            5,
            "unodc: en term 'UNODC' has Traditional Chinese forms (zh-Hant) "
            "(only zh-Hans terms take zh-Hant/zh-TW/zh-HK forms)",
        ),
        (
            "  - id: unodc\n    terms:\n      zh-Hans:\n        - term: 禁毒办\n"
            "          status: preferred\n          zh-TW: ''\n",
            5,
            "unodc: zh-Hans term '禁毒办': empty zh-TW form",
        ),
        ("  - id: unodc\n    subject: UN entities\n", 2, "unodc: no terms (add at least one term)"),
        (
            "  - id: unodc\n    terms:\n      en:\n        - term: UNODC\n"
            "          status: preferred\n        - term: UNODC\n          status: admitted\n",
            7,
            "unodc: en term 'UNODC' is listed twice (remove one of them)",
        ),
    ],
)
def test_each_rule_names_the_file_and_line(
    tmp_path: Path, concept: str, line: int, message: str
) -> None:
    # The file starts with a good concept so that the line numbers are not all small.
    path = write(
        tmp_path, "g.yaml", GOOD_UNODC.replace("unodc", "good").replace("UNODC", "G") + concept
    )
    shift = GOOD_UNODC.count("\n")
    found = problems_of(tmp_path)
    assert len(found) == 1, found
    assert found[0].startswith(f"{path}:{line + shift}: {message}")


def test_duplicate_ids_across_files_point_at_both(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", GOOD_UNODC)
    second = write(
        tmp_path,
        "b.yaml",
        "  - id: unodc\n    terms:\n      en:\n        - term: Office\n"
        "          status: preferred\n",
    )
    assert problems_of(tmp_path) == [
        f"{second}:2: duplicate concept id 'unodc' (first at {first}:2) "
        "(give each concept its own id)"
    ]


def test_the_same_term_on_two_concepts_needs_a_note(tmp_path: Path) -> None:
    other = (
        "  - id: office\n    terms:\n      en:\n        - term: UNODC\n"
        "          status: preferred\n"
    )
    path = write(tmp_path, "a.yaml", GOOD_UNODC + other)
    assert problems_of(tmp_path) == [
        f"{path}:14: en term 'UNODC' is on unodc too ({path}:8) (add a note to the term on "
        "one of them saying why both concepts have it)"
    ]
    # A note on the concept is about the concept: it does not explain the shared term.
    concept_note = other.replace("    terms:\n", "    note: another office\n    terms:\n")
    write(tmp_path, "a.yaml", GOOD_UNODC + concept_note)
    assert len(problems_of(tmp_path)) == 1
    noted = other.replace("status: preferred\n", "status: preferred\n          note: why\n")
    write(tmp_path, "a.yaml", GOOD_UNODC + noted)
    assert [c.id for c in load_glossary(tmp_path).concepts] == ["unodc", "office"]


def test_the_same_text_in_two_languages_is_no_clash(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.yaml",
        "  - id: interpol\n    terms:\n      zh-Hans:\n        - term: INTERPOL\n"
        "          status: preferred\n      en:\n        - term: INTERPOL\n"
        "          status: preferred\n",
    )
    assert validate(load_glossary(tmp_path)) == []


def test_every_problem_is_reported_in_file_order(tmp_path: Path) -> None:
    a = write(
        tmp_path,
        "a.yaml",
        "  - id: Bad\n    terms:\n      en:\n        - term: x\n          status: old\n"
        "  - id: no-preferred\n    terms:\n      en:\n        - term: y\n"
        "          status: admitted\n",
    )
    b = write(tmp_path, "b.yaml", "  - id: empty\n")
    found = problems_of(tmp_path)
    assert [line.split(" (")[0] for line in found] == [
        f"{a}:2: bad concept id 'Bad'",
        f"{a}:5: Bad: en term 'x': unknown status 'old'",
        f"{a}:7: no-preferred: no preferred en term",
        f"{b}:2: empty: no terms",
    ]


def test_concepts_built_in_code_are_checked_too() -> None:
    initialism = cast(TermType, "initialism")  # what an importer might pass through
    concept = Concept(id="x", terms=(Term("x", "en", "preferred", type=initialism),))
    (problem,) = validate([concept])
    assert problem.message == "x: en term 'x': unknown type 'initialism'"
    assert str(problem.place.file) == "<glossary>"


def test_any_command_fails_on_an_invalid_glossary_with_the_full_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = write(
        tmp_path,
        "a.yaml",
        "  - id: Bad\n    terms:\n      en:\n        - term: x\n          status: old\n",
    )
    code = main(["--glossary", str(tmp_path), "glossary", "lookup", "x"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.splitlines()[:3] == [
        "assembler: error: 2 problems in the glossary:",
        f"  {a}:2: bad concept id 'Bad' (use lowercase letters, digits and single '-' between "
        "them, e.g. unodc)",
        f"  {a}:5: Bad: en term 'x': unknown status 'old' (use preferred, admitted, deprecated, "
        "superseded)",
    ]
