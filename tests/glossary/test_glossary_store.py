"""Reading and writing the glossary files (assembler.glossary.store).

Every concept and term knows its file and line; every `*.yaml` of the folder is read in name
order; YAML syntax errors and wrong shapes (unknown keys, numbers where text belongs) fail the
load with the full list of problems, each as file:line. `dump_concepts` writes the README
layout, and loading what it wrote gives the same concepts back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.errors import AssemblerError
from assembler.glossary.model import LANGUAGES, STATUSES, TERM_TYPES, Concept, Place, Term
from assembler.glossary.store import dump_concepts, load_file, load_glossary, read_concepts
from assembler.glossary.validate import GlossaryError

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "glossary" / "README.md"


def readme_example() -> str:
    """The YAML example of glossary/README.md: the format's own specification."""
    text = README.read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert match is not None
    return match[1]


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_readme_example_loads_with_every_place(tmp_path: Path) -> None:
    path = write(tmp_path, "entities.yaml", readme_example())
    glossary = load_glossary(tmp_path)
    (unodc,) = glossary.concepts
    assert unodc.id == "unodc"
    assert unodc.subject == "UN entities"
    assert unodc.sources == ("E-CN.15-2007-9",)
    assert unodc.place == Place(str(path), 3)
    assert [(t.lang, t.text, t.status, t.type) for t in unodc.terms] == [
        ("zh-Hans", "联合国毒品和犯罪问题办公室", "preferred", "full-form"),
        ("zh-Hans", "毒品和犯罪问题办公室", "preferred", "short-form"),
        ("zh-Hans", "联合国毒品和犯罪问题办事处", "superseded", "full-form"),
        ("en", "United Nations Office on Drugs and Crime", "preferred", "full-form"),
        ("en", "UNODC", "preferred", "acronym"),
    ]
    assert [t.place.line for t in unodc.terms if t.place] == [11, 14, 17, 24, 26]
    older = unodc.terms[2]
    assert older.note == "the older Chinese name, as in E/CN.15/2007/9"
    assert older.source == "E/CN.15/2007/9"
    assert older.variants == (("zh-Hant", "聯合國毒品和犯罪問題辦事處"),)
    assert older.variant("zh-HK") == "聯合國毒品和犯罪問題辦事處"
    assert unodc.preferred("en") == unodc.terms[3]
    assert load_file(path) == glossary.concepts


def test_files_load_in_name_order_and_other_files_are_ignored(tmp_path: Path) -> None:
    write(
        tmp_path,
        "b.yaml",
        "concepts:\n  - id: bee\n    terms:\n      en:\n        - term: bee\n          status: preferred\n",
    )
    write(
        tmp_path,
        "a.yaml",
        "concepts:\n  - id: ant\n    terms:\n      en:\n        - term: ant\n          status: preferred\n",
    )
    write(tmp_path, "notes.txt", "not a glossary file: {")
    write(tmp_path, "empty.yaml", "# nothing here yet\n")
    assert [c.id for c in load_glossary(tmp_path).concepts] == ["ant", "bee"]


def test_an_empty_folder_is_an_empty_glossary(tmp_path: Path) -> None:
    assert load_glossary(tmp_path).concepts == ()


def test_a_missing_folder_says_how_to_point_at_one(tmp_path: Path) -> None:
    with pytest.raises(AssemblerError, match="no glossary folder") as caught:
        load_glossary(tmp_path / "missing")
    assert caught.value.hint is not None and "--glossary DIR" in caught.value.hint


def test_a_yaml_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "broken.yaml",
        'concepts:\n  - id: unodc\n    terms:\n      en:\n        - term: "UNODC\n          status: preferred\n',
    )
    with pytest.raises(GlossaryError) as caught:
        load_glossary(tmp_path)
    assert caught.value.path == str(path)
    assert caught.value.line == 7
    assert "invalid YAML" in str(caught.value)
    assert str(caught.value).startswith(f"{path}:7: invalid YAML")


def test_a_duplicate_key_is_a_syntax_error(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dup.yaml",
        "concepts:\n  - id: a\n    id: b\n    terms:\n      en:\n        - term: a\n          status: preferred\n",
    )
    with pytest.raises(GlossaryError, match=re.escape(f"{path}:3: invalid YAML")):
        load_glossary(tmp_path)


def test_every_shape_problem_of_every_file_is_listed(tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "a.yaml",
        "concepts:\n"
        "  - id: cicp\n"
        "    subjct: UN entities\n"  # line 3: misspelt key
        "    terms:\n"
        "      en:\n"
        "        - term: 2030\n"  # line 6: a number, not text
        "          status: preferred\n"
        "  - id: ok\n"
        "    terms:\n"
        "      en:\n"
        "        - term: fine\n"
        "          staus: preferred\n",  # line 12: misspelt key, and no status
    )
    second = write(tmp_path, "b.yaml", "concepts:\n  - just a string\n")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(tmp_path)
    lines = str(caught.value).splitlines()
    assert lines[0] == "5 problems in the glossary:"
    assert lines[1:6] == [
        f"  {first}:3: unknown concept key 'subjct' (did you mean 'subject'?)",
        f"  {first}:6: cicp: en term: 'term' must be text, not a number (put the value in quotes)",
        f"  {first}:11: ok: en term 'fine' has no 'status' (add `status: ...`)",
        f"  {first}:12: unknown term key 'staus' (did you mean 'status'?)",
        f"  {second}:2: a concept must be a mapping with `id:` and `terms:`",
    ]
    assert [(p.place.file, p.place.line) for p in caught.value.problems] == [
        (str(first), 3),
        (str(first), 6),
        (str(first), 11),
        (str(first), 12),
        (str(second), 2),
    ]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- id: a\n", 1, "a glossary file is a mapping with one key, `concepts:`"),
        ("concepts:\n  id: a\n", 2, "`concepts` must be a list of concepts"),
        ("concepts: []\nterms: {}\n", 2, "unknown top-level key 'terms'"),
        ("concepts:\n  - id: a\n    terms: [x]\n", 3, "a: `terms` must map language tags"),
        ("concepts:\n  - id: a\n    terms:\n      en: x\n", 4, "a: en terms must be a list"),
        ("concepts:\n  - id: a\n    sources: {a: 1}\n", 3, "a: `sources` must be a list of texts"),
        ("concepts:\n  - subject: x\n", 2, "concept has no 'id'"),
        ("concepts:\n  - id: a\n    note: [1]\n", 3, "a: 'note' must be text, not a list"),
    ],
)
def test_each_wrong_shape_names_its_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, "g.yaml", text)
    with pytest.raises(GlossaryError) as caught:
        load_glossary(tmp_path)
    assert (caught.value.path, caught.value.line) == (str(path), line)
    assert message in caught.value.message


def test_not_utf8_is_refused_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes("concepts:\n  - id: a\n    note: 联合国\n".encode("gbk"))
    with pytest.raises(AssemblerError, match="not UTF-8") as caught:
        load_glossary(tmp_path)
    assert caught.value.path == str(path)


def test_dump_writes_the_readme_layout(tmp_path: Path) -> None:
    write(tmp_path, "g.yaml", readme_example())
    text = dump_concepts(load_glossary(tmp_path).concepts)
    assert text == (
        "concepts:\n"
        "  - id: unodc\n"
        "    subject: UN entities\n"
        "    sources:\n"
        "      - E-CN.15-2007-9\n"
        "    terms:\n"
        "      zh-Hans:\n"
        "        - term: 联合国毒品和犯罪问题办公室\n"
        "          status: preferred\n"
        "        - term: 毒品和犯罪问题办公室\n"
        "          status: preferred\n"
        "          type: short-form\n"
        "        - term: 联合国毒品和犯罪问题办事处\n"
        "          status: superseded\n"
        "          note: the older Chinese name, as in E/CN.15/2007/9\n"
        "          source: E/CN.15/2007/9\n"
        "          zh-Hant: 聯合國毒品和犯罪問題辦事處\n"
        "      en:\n"
        "        - term: United Nations Office on Drugs and Crime\n"
        "          status: preferred\n"
        "        - term: UNODC\n"
        "          status: preferred\n"
        "          type: acronym\n"
    )
    assert dump_concepts([]) == "concepts: []\n"


def test_dump_separates_concepts_by_a_blank_line() -> None:
    concepts = [Concept(id=name, terms=(Term(name, "en", "preferred"),)) for name in ("ant", "bee")]
    assert dump_concepts(concepts) == (
        "concepts:\n"
        "  - id: ant\n    terms:\n      en:\n        - term: ant\n          status: preferred\n"
        "\n"
        "  - id: bee\n    terms:\n      en:\n        - term: bee\n          status: preferred\n"
    )


# Text a terminologist may type: YAML-significant characters, numbers, words YAML 1.1 reads as
# booleans, Chinese and fullwidth punctuation, inner and leading spaces, several lines; and any
# other character at all (line and paragraph separators, BOM, control characters, emoji).
TRICKY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("aZ09 :#-'\"[]{}|>&*!%@`,?\n\t联合国《》（）：、")),
        st.characters(exclude_categories=["Cs"]),
    ),
    min_size=1,
    max_size=24,
)
WORDS = st.sampled_from(
    [
        "yes",
        "No",
        "on",
        "null",
        "NULL",
        "~",
        "2030",
        "1e3",
        "0x1F",
        "0o17",
        "1_000",
        ".5",
        "+1",
        ".inf",
        "true",
        "-",
        "- x",
        "? x",
        "a: b",
        "a #b",
        "---",
        "...",
        "2019-05-20",
        "1:20",
        "a:",
        " lead",
        "trail ",
        "two\nlines",
        "\nfirst",
        "last\n",
        "UN\u2028DP",
        "x\x85y",
    ]
)
FIELD = st.one_of(TRICKY, WORDS, st.just(""))


@st.composite
def concepts(draw: st.DrawFn) -> Concept:
    terms = []
    for lang in draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True)):
        for _ in range(draw(st.integers(1, 3))):
            variants: tuple[tuple[str, str], ...] = ()
            if lang == "zh-Hans" and draw(st.booleans()):
                variants = (("zh-Hant", draw(st.one_of(TRICKY, WORDS))),)
            terms.append(
                Term(
                    text=draw(st.one_of(TRICKY, WORDS)),
                    lang=lang,
                    status=draw(st.sampled_from(STATUSES)),
                    type=draw(st.sampled_from(TERM_TYPES)),
                    note=draw(FIELD),
                    source=draw(FIELD),
                    variants=variants,
                )
            )
    return Concept(
        id=draw(st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4})?", fullmatch=True)),
        subject=draw(FIELD),
        definition=draw(FIELD),
        note=draw(FIELD),
        sources=tuple(draw(st.lists(st.one_of(TRICKY, WORDS), max_size=2))),
        terms=tuple(terms),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(concepts(), max_size=3))
def test_loading_what_dump_wrote_gives_the_same_concepts(
    tmp_path_factory: pytest.TempPathFactory, drawn: list[Concept]
) -> None:
    folder = tmp_path_factory.mktemp("dump")
    path = write(folder, "g.yaml", dump_concepts(drawn))

    loaded, problems = read_concepts(path.read_text(encoding="utf-8"), str(path))
    assert problems == []
    assert loaded == drawn
