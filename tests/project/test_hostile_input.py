"""Hostile input at the command line: every case of the reliability campaign that concerns specs,
YAML, ranges, notes and the file system ends in a message naming the file (and line) with exit 1,
quickly, without a traceback and without touching existing outputs. The glossary's cases (lost
edits, CSV formulas, control characters in terms) are in test_glossary_concurrency.py,
test_glossary_csv_injection.py and test_glossary_hygiene.py; the corpus's (ids, one document per
id, control characters, UTF-16, stale files, the index) in test_corpus_reliability.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assembler.cli import main
from assembler.corpus.sources import load_sidecar
from assembler.errors import AssemblerError
from assembler.pack.spec import parse_spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "ccpcj28-item6c.yaml"

# 500 bytes that expand to 10^9 list items in anything that walks the tree.
ALIAS_BOMB = "\n".join(
    ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def spec_with(tmp_path: Path, replace: str, by: str) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert replace in text
    path = tmp_path / "spec.yaml"
    path.write_text(text.replace(replace, by, 1), encoding="utf-8")
    return path


def test_an_alias_bomb_in_a_spec_is_refused_at_its_first_anchor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert len(ALIAS_BOMB) < 600
    code, err = run(["build", "--check", str(path)], capsys)
    assert code == 1
    assert err.startswith(
        f"assembler: error: {path}:1:5: YAML anchors and aliases (&name, *name) are not accepted"
    )
    assert "hint: write the value out in full where it is needed" in err


def test_a_self_referencing_alias_is_a_message_not_a_recursion_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "cycle.yaml"
    path.write_text("title: x\nsections: &a [*a]\n", encoding="utf-8")
    code, err = run(["build", "--check", str(path)], capsys)
    assert code == 1
    assert f"{path}:2:11: YAML anchors and aliases" in err


def test_deep_nesting_is_refused_before_the_recursive_composer_sees_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("title: " + "[" * 60 + "]" * 60 + "\n", encoding="utf-8")
    code, err = run(["build", "--check", str(path)], capsys)
    assert code == 1
    assert f"{path}:1:57: the YAML nests deeper than 50 levels" in err
    # Deeper than libyaml's own limit, its scanner speaks first; still a message.
    path.write_text("title: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    code, err = run(["build", "--check", str(path)], capsys)
    assert code == 1
    assert f"{path}:1:1007: invalid YAML: exceeded maximum nesting depth" in err


def test_an_alias_bomb_in_a_sidecar_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "report.txt"
    source.write_text("一、导言\n1. 正文。\n", encoding="utf-8")
    (tmp_path / "report.meta.yaml").write_text(ALIAS_BOMB, encoding="utf-8")
    with pytest.raises(AssemblerError) as caught:
        load_sidecar(source)
    assert str(caught.value).startswith(f"{tmp_path / 'report.meta.yaml'}:1:5: YAML anchors")


def test_an_alias_in_a_glossary_file_is_refused_by_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", folder)
    bad = folder / "zz-bomb.yaml"
    bad.write_text("concepts:\n" + "".join(f"  - {line}\n" for line in ALIAS_BOMB.split("\n")))
    assert main(["--glossary", str(folder), "glossary", "check"]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:2: YAML anchors and aliases (&name, *name) are not accepted here" in out


def test_a_huge_range_at_the_command_line_is_checked_not_expanded(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, err = run(["corpus", "show", "E/CN.15/2007/9", "1-999999999"], capsys)
    assert code == 1
    assert err == (
        "assembler: error: E-CN.15-2007-9 has no paragraph 81, 82, 83, 84, 85 ...\n"
        "  hint: E/CN.15/2007/9 has paragraphs 1-80\n"
    )


def test_a_huge_range_in_a_spec_is_checked_not_expanded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = spec_with(
        tmp_path, "ccpcj28-terrorism-ta: 125-127", "ccpcj28-terrorism-ta: 125-999999999"
    )
    code, err = run(["build", "--check", str(path)], capsys)
    assert code == 1
    assert "ccpcj28-terrorism-ta has no paragraph 128, 129, 130, 131, 132 ..." in err
    assert f"{path}:" in err


def test_a_number_longer_than_int_parses_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(["corpus", "show", "E/CN.15/2007/9", "9" * 5000], capsys)
    assert code == 1
    assert "is not a paragraph number or range (at most 9 digits a number)" in err
    assert len(err) < 300


def test_a_megabyte_note_with_an_unclosed_marker_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = "见 **第 31 段 " * 80_000  # 1 MB of UTF-8; no ** can close (a space before each)
    whole_note = "      报告第二章 A 节第 2 小节 (b) 全文。**第 31 段**列出 2018 年接受援助的国家。"
    path = spec_with(tmp_path, whole_note, "      " + note)
    out = tmp_path / "out"
    code, err = run(["build", str(path), "--out", str(out), "--format", "html"], capsys)
    assert code == 0, err
    html = (out / "ccpcj28-item6c.html").read_text(encoding="utf-8")
    # The writer's quarter-em gap between Han and digits (text.spacing) replaces the spaces.
    gap = "\u2060\u2005\u2060"
    assert html.count(f"见 **第{gap}31{gap}段") == 80_000


def test_out_naming_a_file_is_refused_before_rendering(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "out"
    blocker.write_bytes(b"not a folder")
    code, err = run(["build", str(EXAMPLE), "--out", str(blocker), "--format", "docx"], capsys)
    assert code == 1
    assert err == (
        f"assembler: error: {blocker}: the output folder is a file\n"
        "  hint: give --out a folder (or a new name)\n"
    )
    assert blocker.read_bytes() == b"not a folder"


def test_a_spec_that_is_a_folder_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run(["build", "--check", str(tmp_path)], capsys)
    assert code == 1
    assert str(tmp_path) in err and "hint:" in err


def test_os_errors_become_messages_with_the_path_and_a_hint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A glossary folder that is a file: whatever reads it first, the user sees path and hint.
    blocker = tmp_path / "glossary"
    blocker.write_text("x", encoding="utf-8")
    code, err = run(["--glossary", str(blocker), "glossary", "check"], capsys)
    assert code == 1
    assert str(blocker) in err and "hint:" in err


# -- random YAML never ends in a traceback -------------------------------------------------------
SPEC_KEYS = st.sampled_from(
    ["name", "title", "subtitle", "date", "language", "script", "outputs", "meeting", "from",
     "sections", "heading", "note", "select", "document", "search", "limit", "glossary",
     "annex", "gloss", "cite_as", "protect", "prepared_by", "dates", "start", "end", "x"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    st.dates(),
    st.text(max_size=20),
    st.sampled_from(["zh", "en", "zh+en", "hant", "docx", "1-5", "ccpcj28-terrorism-ta"]),
)
TREES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(SPEC_KEYS, children, max_size=5)
    ),
    max_leaves=25,
)


def _mutated(text: str, cuts: list[int], inserts: list[str]) -> str:
    for cut, insert in zip(cuts, inserts, strict=False):
        at = cut % (len(text) + 1)
        text = text[:at] + insert + text[at:]
    return text


YAML_NOISE = st.lists(
    st.sampled_from([":", "- ", "&a ", "*a", "[", "{", "'", '"', "\n  ", "!!", "%", "\t", "? "]),
    max_size=4,
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TREES, st.lists(st.integers(min_value=0), max_size=4), YAML_NOISE)
def test_random_specs_give_messages_never_tracebacks(
    tree: object, cuts: list[int], noise: list[str]
) -> None:
    text = _mutated(yaml.safe_dump(tree, allow_unicode=True), cuts, noise)
    try:
        parse_spec(text, Path("random.yaml"))
    except AssemblerError as error:
        assert str(error).startswith("random.yaml")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(TREES, st.lists(st.integers(min_value=0), max_size=4), YAML_NOISE)
def test_random_sidecars_give_messages_never_tracebacks(
    tmp_path: Path, tree: object, cuts: list[int], noise: list[str]
) -> None:
    source = tmp_path / "report.txt"
    side = tmp_path / "report.meta.yaml"
    side.write_text(_mutated(yaml.safe_dump(tree, allow_unicode=True), cuts, noise), "utf-8")
    try:
        load_sidecar(source)
    except AssemblerError as error:
        assert str(error).startswith(str(side))


def test_a_term_written_as_yaml_infinity_is_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", folder)
    first = sorted(folder.glob("*.yaml"))[0]
    text = first.read_text("utf-8")
    first.write_text(text.replace("term: ", "term: .inf  # ", 1), "utf-8")
    assert main(["--glossary", str(folder), "glossary", "check"]) == 1
    out = capsys.readouterr().out
    assert "must be text, not a number" in out
