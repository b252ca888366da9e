"""Control characters (tab and newline aside) and bidi embeddings, overrides and isolates have no
place in a glossary: `add` and `edit` refuse them, `check` and every load report them as errors
with file:line and the character named, and `import` refuses a file that holds them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assembler.cli import main
from assembler.glossary.model import Concept, Term
from assembler.glossary.store import load_glossary
from assembler.glossary.validate import GlossaryError, text_problems

HINT = (
    "delete the characters named: they are invisible or reorder the text, hiding what the entry"
    " says; in a YAML file look for escapes such as \\u202e or \\x1b"
)
ENTITIES = """\
# UN entities
concepts:
  - id: unodc
    subject: UN entities
    terms:
      zh-Hans:
        - term: 联合国毒品和犯罪问题办公室
          status: preferred
      en:
        - term: United Nations Office on Drugs and Crime
          status: preferred
        - term: UNODC
          status: preferred
          type: acronym
"""
HEADER = (
    "concept id,subject,definition,concept note,concept sources,language,term,status,type,"
    "term note,term source,zh-Hant,zh-TW,zh-HK"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    return folder


def run(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--glossary", str(folder), "glossary", *args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], folder: Path, *args: str) -> str:
    """Run a command that must be refused with the glossary left as it was; its stderr."""
    before = (folder / "entities.yaml").read_bytes()
    code, out, err = run(capsys, folder, *args)
    assert (code, out) == (1, "")
    assert (folder / "entities.yaml").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [".assembler.lock", "entities.yaml"]
    return err


# -- add and edit -------------------------------------------------------------------------------
def test_add_refuses_a_bidi_override_in_a_term(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, folder, "add", "ctitf", "--zh", "反恐", "--en", "CT\u202eITF")
    assert err == (
        "assembler: error: add refused: ctitf: en term 'CT\\u202eITF' holds U+202E RIGHT-TO-LEFT"
        f" OVERRIDE at character 3\n  hint: {HINT}\n"
    )


def test_add_lists_every_unsafe_character_of_every_field(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(
        capsys,
        folder,
        "add",
        "ctitf",
        "--zh",
        "反恐",
        "--note",
        "a\x1bb\u2066c",
        "--source",
        "E/\u202dX",
        "--term",
        "zh-Hans:admitted:反\x7f恐",
    )
    assert err == (
        "assembler: error: add refused: 3 problems:\n"
        "  ctitf: note holds U+001B at character 2, U+2066 LEFT-TO-RIGHT ISOLATE at character 4\n"
        "  ctitf: source 'E/\\u202dX' holds U+202D LEFT-TO-RIGHT OVERRIDE at character 3\n"
        "  ctitf: zh-Hans term '反\\x7f恐' holds U+007F at character 2\n"
        f"  hint: {HINT}\n"
    )


def test_edit_refuses_a_control_character_in_a_term_note_with_the_terms_line(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, folder, "edit", "unodc", "--term", "UNODC", "--note", "bell\a")
    path = folder / "entities.yaml"
    assert err == (
        f"assembler: error: {path}:12: edit refused: unodc: en term 'UNODC': note holds U+0007"
        f" at character 5\n  hint: {HINT}\n"
    )


def test_edit_refuses_a_bidi_isolate_in_a_new_text(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = refused(capsys, folder, "edit", "unodc", "--term", "UNODC", "--text", "UN\u2067ODC")
    assert err == (
        f"assembler: error: {folder / 'entities.yaml'}:12: edit refused: unodc: en term"
        f" 'UN\\u2067ODC' holds U+2067 RIGHT-TO-LEFT ISOLATE at character 3\n  hint: {HINT}\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--definition", "x\x85y"], "unodc: definition holds U+0085 at character 2"),
        (["--subject", "\x9bUN"], "unodc: subject holds U+009B at character 1"),
        (
            ["--note", "\u202aabc\u202c"],
            "unodc: note holds U+202A LEFT-TO-RIGHT EMBEDDING at"
            " character 1, U+202C POP DIRECTIONAL FORMATTING at character 5",
        ),
        (["--add-source", "A/\x0c1"], "unodc: source 'A/\\x0c1' holds U+000C at character 3"),
        (
            ["--add-term", "en:admitted:U\x00N"],
            "unodc: en term 'U\\x00N' holds U+0000 at character 2",
        ),
    ],
)
def test_edit_refuses_unsafe_text_in_any_field_of_the_concept(
    folder: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    err = refused(capsys, folder, "edit", "unodc", *args)
    assert err == (
        f"assembler: error: {folder / 'entities.yaml'}:3: edit refused: {message}\n  hint: {HINT}\n"
    )


def test_edit_refuses_a_zh_hant_form_with_a_pop_directional_isolate(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    term = "联合国毒品和犯罪问题办公室"
    err = refused(capsys, folder, "edit", "unodc", "--term", term, "--zh-Hant", "聯合國\u2069")
    assert err == (
        f"assembler: error: {folder / 'entities.yaml'}:7: edit refused: unodc: zh-Hans term"
        f" '{term}': zh-Hant form '聯合國\\u2069' holds U+2069 POP DIRECTIONAL ISOLATE at"
        f" character 4\n  hint: {HINT}\n"
    )


def test_tab_and_newline_are_text(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, folder, "edit", "unodc", "--definition", "two\nlines\tand a tab")
    assert (code, err) == (0, "")
    assert load_glossary(folder).concepts[0].definition == "two\nlines\tand a tab"


# -- check and load -----------------------------------------------------------------------------
UNSAFE_YAML = """\
concepts:
  - id: unodc
    subject: UN entities
    definition: "bell\\a and NEL\\x85"
    sources:
      - "E/CN.15/2007/9\\u202c"
    terms:
      zh-Hans:
        - term: 联合国毒品和犯罪问题办公室
          status: preferred
          zh-Hant: "聯合國\\u200e毒品和犯罪問題辦公室\\u2069"
      en:
        - term: "UN\\u202eODC"
          status: preferred
          type: acronym
          note: "tab\\tand\\nnewline are fine"
"""


def test_check_reports_each_unsafe_field_with_its_line_and_character(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "entities.yaml"
    path.write_text(UNSAFE_YAML, encoding="utf-8")
    code, out, err = run(capsys, folder, "check")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        f"{path}:2: unodc: definition holds U+0007 at character 5, U+0085 at character 14 ({HINT})",
        f"{path}:2: unodc: source 'E/CN.15/2007/9\\u202c' holds U+202C POP DIRECTIONAL"
        f" FORMATTING at character 15 ({HINT})",
        # U+200E (a mark, not an embedding) is not refused; U+2069 is.
        f"{path}:9: unodc: zh-Hans term '联合国毒品和犯罪问题办公室': zh-Hant form"
        f" '聯合國\\u200e毒品和犯罪問題辦公室\\u2069' holds U+2069 POP DIRECTIONAL ISOLATE at"
        f" character 15 ({HINT})",
        f"{path}:13: unodc: en term 'UN\\u202eODC' holds U+202E RIGHT-TO-LEFT OVERRIDE at"
        f" character 3 ({HINT})",
        "4 errors in 1 file; corpus checks skipped",
    ]
    code, out, _ = run(capsys, folder, "check", "--json")
    assert code == 1
    errors = json.loads(out)["errors"]
    assert [(e["place"], e["hint"]) for e in errors] == [
        (f"{path}:2", HINT),
        (f"{path}:2", HINT),
        (f"{path}:9", HINT),
        (f"{path}:13", HINT),
    ]
    with pytest.raises(GlossaryError) as raised:
        load_glossary(folder)  # no command uses such a glossary
    assert len(raised.value.problems) == 4


def test_an_id_with_a_line_break_at_its_end_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "entities.yaml"
    path.write_text(ENTITIES.replace("id: unodc", 'id: "unodc\\n"'), encoding="utf-8")
    code, out, _ = run(capsys, folder, "check")
    assert code == 1
    assert out.splitlines()[0] == (
        f"{path}:3: bad concept id 'unodc\\n' (use lowercase letters, digits and single '-'"
        " between them, e.g. unodc)"
    )


def test_text_problems_falls_back_to_the_concepts_place_for_a_new_term() -> None:
    concept = Concept("c", terms=(Term("\u202e", "en", "preferred"),))
    (problem,) = text_problems(concept)
    assert str(problem) == (
        f"<glossary>:0: c: en term '\\u202e' holds U+202E RIGHT-TO-LEFT OVERRIDE at character 1"
        f" ({HINT})"
    )


# -- import -------------------------------------------------------------------------------------
def test_import_refuses_a_csv_with_a_bidi_override_naming_its_line(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bidi.csv"
    rows = [
        HEADER,
        "ctitf,,,,,zh-Hans,反恐,preferred,,,,,,",
        "ctitf,,,,,en,CT\u202eITF,preferred,,,,,,",
    ]
    source.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    err = refused(capsys, folder, "import", str(source), "--into", str(folder / "new.yaml"))
    assert err == (
        f"assembler: error: {source}:3: nothing imported: ctitf: en term 'CT\\u202eITF' holds"
        f" U+202E RIGHT-TO-LEFT OVERRIDE at character 3\n  hint: {HINT}\n"
    )


def test_import_refuses_a_tbx_with_an_escaped_control_character(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exported = tmp_path / "unodc.tbx"
    assert run(capsys, folder, "export", "-o", str(exported))[0] == 0
    lines = exported.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("            <term>UNODC</term>\n")
    lines[at] = lines[at].replace("UNODC", "UN&#x202E;ODC")
    source = tmp_path / "bidi.tbx"
    source.write_text("".join(lines), encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    code, out, err = run(capsys, other, "import", str(source))
    assert (code, out) == (1, "")
    # The place is the term's <termSec>, the line above its <term>.
    assert err == (
        f"assembler: error: {source}:{at}: nothing imported: unodc: en term 'UN\\u202eODC' holds"
        f" U+202E RIGHT-TO-LEFT OVERRIDE at character 3\n  hint: {HINT}\n"
    )
    assert not list(other.glob("*.yaml"))


def test_the_bundled_glossary_holds_no_unsafe_text() -> None:
    glossary = load_glossary(Path(__file__).resolve().parents[2] / "glossary")
    assert [p for c in glossary.concepts for p in text_problems(c)] == []
