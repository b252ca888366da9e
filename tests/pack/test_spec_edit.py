"""Round-trip edits of a pack spec (assembler.pack.edit): an edit changes only the lines it
concerns, comments and layout survive, an edit that would make the spec invalid is refused with
its problems at their fields, and any sequence of edits leaves a spec the loader reads."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.store import load_glossary
from assembler.pack.edit import (
    AddPick,
    AddSection,
    Edit,
    EditRefused,
    MoveSection,
    PickSpec,
    RemovePick,
    RemoveSection,
    RenameSection,
    SetField,
    SetNote,
    apply,
    create_file,
    edit_file,
)
from assembler.pack.edit_check import check_text
from assembler.pack.resolve import resolve
from assembler.pack.spec import LoadedSpec, load_spec, parse_spec

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
ITEM6C = ROOT / "examples" / "ccpcj28-item6c.yaml"
DOC = "ccpcj28-terrorism-ta"


def diff(before: str, after: str) -> list[str]:
    """The changed lines only, as `-old` / `+new`."""
    lines = difflib.unified_diff(before.splitlines(), after.splitlines(), n=0, lineterm="")
    return [line for line in lines if line[:1] in "+-" and line[:3] not in ("---", "+++")]


@pytest.fixture
def spec(tmp_path: Path) -> Path:
    copy = tmp_path / ITEM6C.name
    shutil.copy(ITEM6C, copy)
    return copy


def test_every_example_survives_an_empty_edit_byte_for_byte() -> None:
    for path in EXAMPLES:
        text = path.read_text(encoding="utf-8")
        assert apply(text, [], path) == text, path.name


def test_setting_a_cover_field_changes_that_line_only(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = edit_file(spec, [SetField(("title",), "新标题"), SetField(("date",), "2019-05-14")])
    assert diff(before, after) == [
        "-title: 恐怖主义问题相关国际公约和议定书执行过程中的技术援助",
        "+title: 新标题",
        "-date: 2019-05-13",
        "+date: 2019-05-14",
    ]
    assert spec.read_text(encoding="utf-8") == after
    assert load_spec(spec).spec.title == "新标题"


def test_a_meeting_field_goes_under_meeting_and_keeps_its_comment(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = edit_file(spec, [SetField(("meeting", "venue"), "维也纳")])
    assert diff(before, after) == ["+  venue: 维也纳"]
    assert "  from: ccpcj28-terrorism-ta       # body, session, dates" in after
    after2 = edit_file(spec, [SetField(("meeting", "venue"), "")])
    assert after2 == before


def test_a_per_language_subtitle(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = edit_file(spec, [SetField(("subtitle", "en"), "Briefing")])
    assert diff(before, after) == [
        "-subtitle: 代表团简报材料：议程项目 6(c) 摘录与术语",
        "+subtitle:",
        "+  zh: 代表团简报材料：议程项目 6(c) 摘录与术语",
        "+  en: Briefing",
    ]


def test_adding_a_paragraph_joins_the_documents_pick(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = edit_file(spec, [AddPick(0, PickSpec(DOC, paragraphs="12"))])
    assert diff(before, after) == [
        "-      - ccpcj28-terrorism-ta: 1-8",
        "+      - ccpcj28-terrorism-ta: 1-8, 12",
    ]
    # A paragraph the pick covers already changes nothing.
    assert edit_file(spec, [AddPick(0, PickSpec(DOC, paragraphs="3"))]) == after


def test_a_pick_appended_to_the_last_section_stays_inside_it(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = edit_file(spec, [AddPick(4, PickSpec("E/CN.15/2007/9", paragraphs="3"))])
    assert diff(before, after) == ["+      - E/CN.15/2007/9: 3"]
    # The blank line before `glossary:` stays after the new pick.
    assert "      - E/CN.15/2007/9: 3\n\nglossary:" in after


def test_a_heading_pick_and_a_new_section_keep_the_blank_lines(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    edits: list[Edit] = [AddSection("新节", picks=(PickSpec(DOC, heading="二 A 1"),))]
    after = edit_file(spec, edits)
    assert diff(before, after) == [
        "+  - heading: 新节",
        "+    select:",
        "+      - document: ccpcj28-terrorism-ta",
        "+        heading: 二 A 1",
        "+",
    ]
    assert "125-127\n\n  - heading: 新节" in after
    assert "heading: 二 A 1\n\nglossary:" in after


def test_removing_a_section_and_a_pick(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = apply(before, [RemoveSection(1)], spec)
    assert diff(before, after) == [
        "-",
        "-  - heading: 制止资助恐怖主义行为",
        "-    note: |",
        "-      报告第二章 A 节第 2 小节 (b) 全文。**第 31 段**列出 2018 年接受援助的国家。",
        "-    select:",
        "-      - document: ccpcj28-terrorism-ta",
        "-        heading: 二 A 2 (b)",
    ]
    after = apply(before, [RemovePick(2, 1)], spec)
    assert diff(before, after) == ["-      - ccpcj28-terrorism-ta: 115"]
    assert "heading: 二 A 2 (c)\n\n  - heading: 伙伴关系" in after


def test_moving_a_section_moves_its_lines(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = apply(before, [MoveSection(4, 0)], spec)
    assert diff(before, after) == [
        "+  - heading: 结论与意见",
        "+    select:",
        "+      - ccpcj28-terrorism-ta: 125-127",
        "+",
        "-  - heading: 结论与意见",
        "-    select:",
        "-      - ccpcj28-terrorism-ta: 125-127",
        "-",
    ]
    assert [s.heading for s in parse_spec(after, spec).spec.sections][:2] == ["结论与意见", "导言"]
    assert apply(after, [MoveSection(0, 4)], spec) == before


def test_notes_stay_block_scalars(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = apply(before, [SetNote(0, "第一行\r\n第二行\r\n"), SetNote(4, "新的说明")], spec)
    assert diff(before, after) == [
        "-      秘书长的报告回顾毒品和犯罪问题办公室 2018 年在反恐技术援助方面的工作。",
        "-      以下为报告第一章全文（第 1 至 8 段）。",
        "+      第一行",
        "+      第二行",
        "+    note: |",
        "+      新的说明",
    ]
    assert parse_spec(after, spec).spec.sections[0].note == "第一行\n第二行\n"


def test_rename_keeps_the_rest(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    after = apply(before, [RenameSection(3, "合作伙伴")], spec)
    assert diff(before, after) == ["-  - heading: 伙伴关系", "+  - heading: 合作伙伴"]


def test_an_invalid_value_is_refused_at_its_field(spec: Path) -> None:
    before = spec.read_text(encoding="utf-8")
    with pytest.raises(EditRefused) as caught:
        edit_file(spec, [SetField(("script",), "hantx")])
    (error,) = caught.value.errors
    assert error.field == "script"
    assert error.hint == "did you mean `hant`?"
    assert error.line == 12
    with pytest.raises(EditRefused) as caught:
        edit_file(spec, [SetField(("date",), "2019-13-01")])
    assert [e.field for e in caught.value.errors] == ["date"]
    with pytest.raises(EditRefused) as caught:
        edit_file(spec, [RemovePick(4, 0)])
    assert [e.field for e in caught.value.errors] == ["sections.4"]
    assert "needs a `select` list or a `note`" in caught.value.errors[0].message
    assert spec.read_text(encoding="utf-8") == before


def test_a_resolution_error_lands_at_its_pick(spec: Path) -> None:
    corpus, glossary = Corpus(ROOT / "corpus"), load_glossary(ROOT / "glossary")

    def check(loaded: LoadedSpec) -> None:
        resolve(loaded, corpus, glossary)

    with pytest.raises(EditRefused) as caught:
        edit_file(spec, [AddPick(1, PickSpec(DOC, paragraphs="900"))], check)
    (error,) = caught.value.errors
    assert error.field.startswith("sections.1.select.1")
    assert "900" in error.message


def test_a_removed_last_pick_of_a_noted_section_leaves_no_empty_list(spec: Path) -> None:
    text = apply(spec.read_text(encoding="utf-8"), [SetNote(4, "只有说明")], spec)
    after = apply(text, [RemovePick(4, 0)], spec)
    assert "select: []" not in after
    assert "      只有说明\n\nglossary:" in after
    assert apply(after, [AddPick(4, PickSpec(DOC, paragraphs="125-127"))], spec) == text


def test_a_new_spec(tmp_path: Path) -> None:
    path = tmp_path / "packs" / "new-pack.yaml"
    first = AddSection("导言", picks=(PickSpec(DOC, paragraphs="1-3"),))
    text = create_file(path, "新的简报", first)
    assert text.splitlines()[2:5] == ["name: new-pack", "title: 新的简报", "language: zh"]
    assert load_spec(path).spec.sections[0].heading == "导言"
    with pytest.raises(EditRefused):
        create_file(path, "again", first)
    with pytest.raises(EditRefused) as caught:
        create_file(tmp_path / "bad name.yaml", "x", first)
    assert caught.value.errors[0].field == "name"


def test_check_text_reports_every_problem() -> None:
    text = "title: x\nscript: hanz\nlanguage: fr\nsections:\n  - heading: a\n    note: b\n"
    errors = check_text(text, Path("p.yaml"))
    assert {e.field for e in errors} == {"script", "language"}
    assert check_text("title: [\n", Path("p.yaml"))[0].field == ""


# -- any sequence of edits keeps a spec the loader reads ---------------------------------------
texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=12)
picks = st.builds(
    PickSpec,
    document=st.sampled_from([DOC, "E/CN.15/2007/9"]),
    paragraphs=st.sampled_from(["1", "2-4", "7, 9"]),
)
heading_picks = st.builds(
    PickSpec, document=st.just(DOC), heading=st.sampled_from(["二 A 1", "一"])
)
small = st.integers(min_value=0, max_value=7)
edits = st.one_of(
    st.builds(
        SetField,
        field=st.sampled_from(
            [
                ("title",),
                ("subtitle",),
                ("subtitle", "en"),
                ("date",),
                ("script",),
                ("meeting", "venue"),
                ("meeting", "session"),
                ("meeting", "dates", "start"),
            ]
        ),
        value=st.one_of(texts, st.sampled_from(["2020-01-02", "hant", "12", ""])),
    ),
    st.builds(AddSection, heading=texts, note=texts, picks=st.tuples(picks)),
    st.builds(RenameSection, section=small, heading=texts),
    st.builds(RemoveSection, section=small),
    st.builds(MoveSection, section=small, to=small),
    st.builds(SetNote, section=small, note=texts),
    st.builds(AddPick, section=small, pick=st.one_of(picks, heading_picks)),
    st.builds(RemovePick, section=small, pick=st.integers(min_value=0, max_value=2)),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(example=st.sampled_from(EXAMPLES), sequence=st.lists(edits, max_size=6))
def test_random_edits_keep_the_spec_loadable(example: Path, sequence: list[Edit]) -> None:
    text = example.read_text(encoding="utf-8")
    for edit in sequence:
        try:
            text = apply(text, [edit], example)
        except AssemblerError:
            continue  # refused: the text stays the last valid one
        loaded = parse_spec(text, example)  # raises if the edit broke the file
        assert loaded.spec.sections
    # Comments at the top of the file survive every edit.
    assert text.startswith(example.read_text(encoding="utf-8").split("\n", 1)[0])
