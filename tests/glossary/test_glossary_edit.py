"""Editing the glossary files (assembler.glossary.edit and `glossary add/edit/remove`).

An edit re-writes only the lines of the concept it changes: every other byte of the file is
kept (comments, blank lines, quoting, indentation), and inside the concept the comments and
quoting stay too. Every edit is checked against the whole glossary before anything is written;
a refused edit names the reason and leaves the file byte for byte as it was. Writes are atomic.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.errors import AssemblerError
from assembler.glossary import edit
from assembler.glossary.model import Concept, Term
from assembler.glossary.store import load_glossary
from assembler.glossary.validate import GlossaryError
from assembler.locking import LOCK_NAME

ROOT = Path(__file__).resolve().parents[2]
ENTITIES = """\
# UN entities, checked against the corpus.
concepts:
  # --- Offices ---
  - id: unodc                 # the Office
    subject: 'UN entities'
    sources:
      - E-CN.15-2007-9
    terms:
      zh-Hans:
        - term: 联合国毒品和犯罪问题办公室
          status: preferred
        # older names, as in E/CN.15/2007/9
        - term: "联合国毒品和犯罪问题办事处"
          status: superseded
      en:
        - term: United Nations Office on Drugs and Crime
          status: preferred   # official
        - term: UNODC
          status: preferred
          type: acronym

  - id: general-assembly
    subject: UN bodies
    terms:
      zh-Hans:
        - term: 大会
          status: preferred
      en:
        - term: General Assembly
          status: preferred
# end
"""
# Lines 1-20 hold the header and unodc, 21 is blank, 22-30 general-assembly, 31 the last comment.
UNODC_LINES = slice(3, 20)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    return tmp_path


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def files_in(folder: Path) -> list[str]:
    """Every file, hidden ones included (a failed atomic write would leave a .tmp file), but
    the lock file every write command takes (assembler.locking), refused or not."""
    return sorted(name for name in os.listdir(folder) if name != LOCK_NAME)


def set_status(text: str, status: str) -> Callable[[Concept], Concept]:
    def change(concept: Concept) -> Concept:
        old = edit.find_term(concept, text)
        return edit.replace_term(concept, old, dataclasses.replace(old, status=status))  # type: ignore[arg-type]

    return change


def test_changing_a_status_rewrites_that_line_only(folder: Path) -> None:
    path = folder / "entities.yaml"
    change = edit.plan_update(folder, "unodc", set_status("UNODC", "admitted"), "status")
    edit.write(change)
    expected = ENTITIES.replace(
        "        - term: UNODC\n          status: preferred\n",
        "        - term: UNODC\n          status: admitted\n",
    )
    assert path.read_text(encoding="utf-8") == expected
    changed = [ln for ln in change.diff().splitlines()[2:] if ln[:1] in "+-"]
    assert changed == ["-          status: preferred", "+          status: admitted"]


def test_adding_a_term_keeps_comments_quotes_and_other_concepts(folder: Path) -> None:
    path = folder / "entities.yaml"
    before = lines(path)
    older = Term("禁毒办", "zh-Hans", "superseded", type="abbreviation", note="E/CN.15/2007/9")
    edit.write(edit.plan_update(folder, "unodc", lambda c: edit.add_term(c, older), "add"))
    after = lines(path)
    inserted = [
        "        - term: 禁毒办\n",
        "          status: superseded\n",
        "          type: abbreviation\n",
        "          note: E/CN.15/2007/9\n",
    ]
    # The new term follows the last Chinese term; every other line is as it was.
    assert after == before[:14] + inserted + before[14:]
    (unodc, _) = load_glossary(folder).concepts
    assert [t.text for t in unodc.in_language("zh-Hans")] == [
        "联合国毒品和犯罪问题办公室",
        "联合国毒品和犯罪问题办事处",
        "禁毒办",
    ]


def test_new_fields_go_where_the_readme_puts_them(folder: Path) -> None:
    path = folder / "entities.yaml"

    def change(concept: Concept) -> Concept:
        return dataclasses.replace(concept, note="Renamed in 2004.", definition="")

    edit.write(edit.plan_update(folder, "general-assembly", change, "note"))
    after = lines(path)
    assert after[21:25] == [
        "  - id: general-assembly\n",
        "    subject: UN bodies\n",
        "    note: Renamed in 2004.\n",
        "    terms:\n",
    ]
    assert after[:21] == lines_of(ENTITIES)[:21]


def lines_of(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def test_emptying_a_field_removes_its_key(folder: Path) -> None:
    path = folder / "entities.yaml"
    edit.write(
        edit.plan_update(
            folder, "unodc", lambda c: dataclasses.replace(c, subject="", sources=()), "clear"
        )
    )
    text = path.read_text(encoding="utf-8")
    assert "subject: 'UN entities'" not in text
    assert "      - E-CN.15-2007-9\n" not in text
    assert text.startswith(
        "# UN entities, checked against the corpus.\nconcepts:\n"
        "  # --- Offices ---\n  - id: unodc                 # the Office\n"
        "    terms:\n"
    )


def test_adding_a_concept_appends_it_after_the_last(folder: Path) -> None:
    path = folder / "entities.yaml"
    ctitf = Concept(
        id="ctitf",
        subject="UN entities",
        sources=("E-CN.15-2007-9",),
        terms=(
            Term("反恐怖主义执行工作队", "zh-Hans", "preferred"),
            Term("Counter-Terrorism Implementation Task Force", "en", "preferred"),
            Term("CTITF", "en", "preferred", type="acronym"),
        ),
    )
    change = edit.plan_add(folder, ctitf)
    assert change.path == path  # the file holding the concepts of its subject
    edit.write(change)
    before = lines_of(ENTITIES)
    added = [
        "\n",
        "  - id: ctitf\n",
        "    subject: UN entities\n",
        "    sources:\n",
        "      - E-CN.15-2007-9\n",
        "    terms:\n",
        "      zh-Hans:\n",
        "        - term: 反恐怖主义执行工作队\n",
        "          status: preferred\n",
        "      en:\n",
        "        - term: Counter-Terrorism Implementation Task Force\n",
        "          status: preferred\n",
        "        - term: CTITF\n",
        "          status: preferred\n",
        "          type: acronym\n",
    ]
    assert lines(path) == [*before[:30], *added, *before[30:]]
    assert [c.id for c in load_glossary(folder).concepts] == [
        "unodc",
        "general-assembly",
        "ctitf",
    ]


def test_removing_a_concept_takes_one_blank_line_with_it(folder: Path) -> None:
    path = folder / "entities.yaml"
    edit.write(edit.plan_remove(folder, "general-assembly"))
    assert path.read_text(encoding="utf-8") == "".join(lines_of(ENTITIES)[:20]) + "# end\n"
    edit.write(edit.plan_remove(folder, "unodc"))
    assert path.read_text(encoding="utf-8") == (
        "# UN entities, checked against the corpus.\nconcepts:\n  # --- Offices ---\n# end\n"
    )
    assert load_glossary(folder).concepts == ()


def test_removing_a_term_keeps_the_rest(folder: Path) -> None:
    path = folder / "entities.yaml"

    def change(concept: Concept) -> Concept:
        return edit.remove_term(concept, edit.find_term(concept, "UNODC"))

    edit.write(edit.plan_update(folder, "unodc", change, "remove"))
    assert path.read_text(encoding="utf-8") == ENTITIES.replace(
        "        - term: UNODC\n          status: preferred\n          type: acronym\n", ""
    )


COMMENTED = """\
concepts:
  - id: unodc
    terms:
      zh-Hans:
        - term: 联合国毒品和犯罪问题办公室
          status: preferred
        # older names
        - term: 联合国毒品和犯罪问题办事处
          status: superseded   # E/CN.15/2007/9
      # English names
      en:
        - term: UNODC
          status: preferred
"""


def test_comment_lines_stay_before_what_they_introduce(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    short = Term("毒品和犯罪问题办公室", "zh-Hans", "preferred", type="short-form")
    edit.write(edit.plan_update(tmp_path, "unodc", lambda c: edit.add_term(c, short), "add"))
    # The new term comes after the last Chinese one, and "# English names" still heads `en:`.
    assert path.read_text(encoding="utf-8") == COMMENTED.replace(
        "   # E/CN.15/2007/9\n",
        "   # E/CN.15/2007/9\n"
        "        - term: 毒品和犯罪问题办公室\n"
        "          status: preferred\n"
        "          type: short-form\n",
    )

    def drop_first(concept: Concept) -> Concept:
        return edit.remove_term(concept, edit.find_term(concept, "联合国毒品和犯罪问题办公室"))

    edit.write(edit.plan_update(tmp_path, "unodc", drop_first, "remove"))
    # "# older names" stood before the second term: it now heads the list.
    assert path.read_text(encoding="utf-8").startswith(
        "concepts:\n  - id: unodc\n    terms:\n      zh-Hans:\n        # older names\n"
        "        - term: 联合国毒品和犯罪问题办事处\n"
    )

    def drop_old(concept: Concept) -> Concept:
        return edit.remove_term(concept, edit.find_term(concept, "联合国毒品和犯罪问题办事处"))

    edit.write(edit.plan_update(tmp_path, "unodc", drop_old, "remove"))
    # The removed term's end-of-line comment goes with it; the comment lines stay.
    assert path.read_text(encoding="utf-8") == (
        "concepts:\n  - id: unodc\n    terms:\n      zh-Hans:\n        # older names\n"
        "        - term: 毒品和犯罪问题办公室\n          status: preferred\n"
        "          type: short-form\n      # English names\n      en:\n        - term: UNODC\n"
        "          status: preferred\n"
    )


def test_a_file_with_its_own_indentation_keeps_it(tmp_path: Path) -> None:
    text = (
        "concepts:\n"
        "- id: unodc\n"
        "  terms:\n"
        "    en:\n"
        "    - term: UNODC\n"
        "      status: preferred\n"
        "- id: ga\n"
        "  terms:\n"
        "    en:\n"
        "    - term: General Assembly\n"
        "      status: preferred\n"
    )
    path = tmp_path / "flat.yaml"
    path.write_text(text, encoding="utf-8")
    new = Term("United Nations Office on Drugs and Crime", "en", "preferred")
    edit.write(edit.plan_update(tmp_path, "unodc", lambda c: edit.add_term(c, new), "add"))
    assert path.read_text(encoding="utf-8") == text.replace(
        "      status: preferred\n- id: ga",
        "      status: preferred\n"
        "    - term: United Nations Office on Drugs and Crime\n"
        "      status: preferred\n"
        "- id: ga",
    )


def test_windows_line_ends_stay(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(ENTITIES.replace("\n", "\r\n").encode("utf-8"))
    edit.write(edit.plan_update(tmp_path, "unodc", set_status("UNODC", "admitted"), "status"))
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"          status: admitted\r\n          type: acronym\r\n" in data


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (set_status("联合国毒品和犯罪问题办公室", "deprecated"), "no preferred zh-Hans term"),
        (lambda c: dataclasses.replace(c, id="general-assembly"), "duplicate concept id"),
        (
            lambda c: edit.add_term(c, Term("大会", "zh-Hans", "admitted")),
            "zh-Hans term '大会' is on unodc too",
        ),
        (lambda c: dataclasses.replace(c, id="UNODC"), "bad concept id 'UNODC'"),
    ],
)
def test_a_refused_edit_leaves_the_file_byte_identical(
    folder: Path, change: Callable[[Concept], Concept], reason: str
) -> None:
    path = folder / "entities.yaml"
    before = path.read_bytes()
    with pytest.raises(GlossaryError, match="edit refused") as caught:
        edit.plan_update(folder, "unodc", change, "x")
    assert reason in str(caught.value)
    assert caught.value.path == str(path) or str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert files_in(folder) == ["entities.yaml"]


def test_a_file_changed_since_the_plan_is_not_overwritten(folder: Path) -> None:
    path = folder / "entities.yaml"
    change = edit.plan_update(folder, "unodc", set_status("UNODC", "admitted"), "status")
    path.write_text(ENTITIES + "# someone else's edit\n", encoding="utf-8")
    with pytest.raises(AssemblerError, match="changed on disk"):
        edit.write(change)
    assert path.read_text(encoding="utf-8").endswith("# someone else's edit\n")


def test_adding_to_a_new_file_writes_the_canonical_layout(tmp_path: Path) -> None:
    concept = Concept(id="ga", terms=(Term("大会", "zh-Hans", "preferred"),))
    edit.write(edit.plan_add(tmp_path, concept, edit.file_in(tmp_path, "bodies")))
    assert (tmp_path / "bodies.yaml").read_text(encoding="utf-8") == (
        "concepts:\n  - id: ga\n    terms:\n      zh-Hans:\n        - term: 大会\n"
        "          status: preferred\n"
    )


def test_adding_to_an_empty_list_keeps_the_comments(tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    path.write_text("# Treaties\nconcepts: []\n# more to come\n", encoding="utf-8")
    concept = Concept(id="untoc", terms=(Term("UNTOC", "en", "preferred", type="acronym"),))
    edit.write(edit.plan_add(tmp_path, concept))
    assert path.read_text(encoding="utf-8") == (
        "# Treaties\nconcepts:\n  - id: untoc\n    terms:\n      en:\n        - term: UNTOC\n"
        "          status: preferred\n          type: acronym\n# more to come\n"
    )


def test_a_new_concept_needs_a_file_when_its_subject_does_not_pick_one(folder: Path) -> None:
    (folder / "other.yaml").write_text("concepts: []\n", encoding="utf-8")
    concept = Concept(id="x", subject="treaties", terms=(Term("x", "en", "preferred"),))
    with pytest.raises(AssemblerError, match="which file") as caught:
        edit.plan_add(folder, concept)
    assert caught.value.hint == f"add --file NAME (files in {folder}: entities.yaml, other.yaml)"


# -- through the command line -------------------------------------------------------------------
def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--glossary", str(folder), "glossary", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_add_edit_remove_round_trip(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "entities.yaml"
    code, out, _ = run(
        capsys,
        folder,
        "add",
        "ctitf",
        "--subject",
        "UN entities",
        "--zh",
        "反恐怖主义执行工作队",
        "--term",
        "en:preferred:acronym:CTITF",
        "--source",
        "E-CN.15-2007-9",
    )
    assert code == 0
    assert out.startswith(f"added ctitf in {path}\nctitf  — UN entities   [{path}:32]\n")
    assert "    en       preferred   acronym       CTITF\n" in out

    code, out, _ = run(
        capsys, folder, "edit", "ctitf", "--term", "CTITF", "--note", "used from 2005"
    )
    assert code == 0
    assert out.startswith(f"ctitf: term 'CTITF': note 'used from 2005' in {path}\n")
    concept = load_glossary(folder).get("ctitf")
    assert concept is not None and concept.terms[1].note == "used from 2005"

    full = "Counter-Terrorism Implementation Task Force"
    code, out, _ = run(capsys, folder, "edit", "ctitf", "--add-term", f"en:preferred:{full}")
    assert code == 0 and out.startswith(f"ctitf: +en term '{full}' in {path}\n")
    concept = load_glossary(folder).get("ctitf")
    assert concept is not None and [t.text for t in concept.in_language("en")] == ["CTITF", full]
    code, out, _ = run(capsys, folder, "remove", "ctitf", "--term", full)
    assert code == 0 and out.startswith(f"ctitf: removed term '{full}' in ")
    code, out, _ = run(capsys, folder, "remove", "ctitf")
    assert (code, out) == (0, f"removed ctitf in {path}\n")
    assert path.read_text(encoding="utf-8") == ENTITIES


def test_cli_dry_run_shows_the_diff_and_writes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "entities.yaml"
    code, out, _ = run(
        capsys,
        folder,
        "edit",
        "unodc",
        "--term",
        "联合国毒品和犯罪问题办事处",
        "--zh-Hant",
        "聯合國毒品和犯罪問題辦事處",
        "--dry-run",
    )
    assert code == 0
    assert "+          zh-Hant: 聯合國毒品和犯罪問題辦事處\n" in out
    assert out.endswith(
        "unodc: term '联合国毒品和犯罪问题办事处': zh-Hant '聯合國毒品和犯罪問題辦事處': dry run, "
        "nothing written\n"
    )
    assert path.read_text(encoding="utf-8") == ENTITIES


def test_cli_concept_fields_and_sources(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys,
        folder,
        "edit",
        "unodc",
        "--subject",
        "UN Secretariat",
        "--add-source",
        "ccpcj28-terrorism-ta",
        "--remove-source",
        "E-CN.15-2007-9",
    )
    assert code == 0
    text = (folder / "entities.yaml").read_text(encoding="utf-8")
    assert "    subject: 'UN Secretariat'\n    sources:\n      - ccpcj28-terrorism-ta\n" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "x", "--term", "en:UNODC"], "term 'en:UNODC' is not LANG:STATUS[:TYPE]:TEXT"),
        (["add", "x", "--term", "zh:preferred:禁毒办"], "unknown language 'zh'"),
        (["add", "x", "--term", "en:official:UNODC"], "unknown status 'official'"),
        (["add", "x", "--subject", "s"], "x: a concept needs terms"),
        (["add", "unodc", "--en", "Office"], "add refused: concept 'unodc' exists already"),
        (["add", "x", "--en", "y", "--file", "../y.yaml"], "without a folder"),
        (["edit", "unodx", "--note", "n"], "no concept 'unodx' in the glossary"),
        (["edit", "unodc"], "nothing to change"),
        (
            ["edit", "unodc", "--term", "禁毒办", "--status", "preferred"],
            "unodc has no term '禁毒办'",
        ),
        (["edit", "unodc", "--status", "preferred"], "--status change a term"),
        (["edit", "unodc", "--term", "UNODC", "--subject", "s"], "--subject change the concept"),
        (["edit", "unodc", "--remove-source", "A/1"], "unodc has no source 'A/1'"),
        (["edit", "unodc", "--add-term", "en:preferred:UNODC"], "already has the en term 'UNODC'"),
        (["remove", "unodc", "--term", "UN"], "unodc has no term 'UN'"),
    ],
)
def test_cli_bad_input_is_refused_and_changes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = (folder / "entities.yaml").read_bytes()
    code, _, err = run(capsys, folder, *args)
    assert code == 1
    assert message in err
    assert (folder / "entities.yaml").read_bytes() == before
    assert files_in(folder) == ["entities.yaml"]


def test_cli_unknown_id_suggests_the_close_ones(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, err = run(capsys, folder, "remove", "unodcc")
    assert err == (
        "assembler: error: no concept 'unodcc' in the glossary\n  hint: did you mean unodc?\n"
    )


def test_cli_help_shows_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("add", "edit", "remove"):
        with pytest.raises(SystemExit):
            main(["glossary", command, "--help"])
        out = capsys.readouterr().out
        assert f"assembler glossary {command} " in out
    with pytest.raises(SystemExit):
        main(["glossary", "add", "--help"])
    assert "LANG:STATUS[:TYPE]:TEXT" in capsys.readouterr().out


def test_edits_of_the_bundled_files_touch_only_their_concept(tmp_path: Path) -> None:
    """On the real, hand-written files: the first and last concept of each file get a note
    and a term; every line outside the concept stays, and so does every line inside it that
    the edit does not concern."""
    folder = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", folder)
    glossary = load_glossary(folder)
    by_file: dict[str, list[Concept]] = {}
    for concept in glossary.concepts:
        assert concept.place is not None
        by_file.setdefault(concept.place.file, []).append(concept)
    chosen = {c.id for concepts in by_file.values() for c in (concepts[0], concepts[-1])}
    for concept_id in sorted(chosen):

        def change(concept: Concept) -> Concept:
            noted = dataclasses.replace(concept, note=concept.note + " (checked)")
            return edit.add_term(noted, Term("编辑测试", "zh-Hans", "admitted", note="test"))

        planned = edit.plan_update(folder, concept_id, change, "test")
        before = lines_of(planned.before)
        after = lines_of(planned.after)
        removed = [ln for ln in before if ln not in after]
        added = [ln for ln in after if ln not in before]
        assert all("note:" in ln for ln in removed), (concept_id, removed)
        assert sum("note:" in ln for ln in added) == 2, (concept_id, added)
        assert sum("编辑测试" in ln for ln in added) == 1


def test_an_empty_text_is_refused_with_the_remove_command(tmp_path: Path) -> None:
    import shutil

    from assembler.cli import main

    folder = tmp_path / "g"
    shutil.copytree(Path(__file__).resolve().parents[2] / "glossary", folder)
    before = (folder / "secretariat.yaml").read_bytes()
    argv = [
        "--glossary",
        str(folder),
        "glossary",
        "edit",
        "unodc",
        "--term",
        "禁毒办",
        "--text",
        "",
    ]
    assert main(argv) == 1
    assert (folder / "secretariat.yaml").read_bytes() == before
