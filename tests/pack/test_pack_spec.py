"""The pack spec: what an editor may write, and the errors a wrong spec gets (file, line,
column, what was expected, the near miss)."""

from __future__ import annotations

from pathlib import Path

import pytest

from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.store import load_glossary
from assembler.pack.resolve import resolve
from assembler.pack.spec import load_spec, parse_spec

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Corpus(ROOT / "corpus")
GLOSSARY = load_glossary(ROOT / "glossary")


def spec_error(text: str) -> AssemblerError:
    with pytest.raises(AssemblerError) as caught:
        loaded = parse_spec(text, Path("pack.yaml"))
        resolve(loaded, CORPUS, GLOSSARY)
    return caught.value


BASE = "title: 简报\nsections:\n  - heading: 导言\n    select:\n"


def test_both_examples_are_valid_specs() -> None:
    for name in ("ccpcj28-item6c.yaml", "ctta-2006-2018.yaml"):
        loaded = load_spec(ROOT / "examples" / name)
        assert loaded.spec.sections, name


def test_shorthand_selects_document_and_paragraph_ranges() -> None:
    loaded = parse_spec(BASE + "      - E/CN.15/2007/9: 15-20, 38\n", Path("p.yaml"))
    picks = resolve(loaded, CORPUS, GLOSSARY).sections[0].picks
    assert [p.record.para for p in picks] == ["15", "16", "17", "18", "19", "20", "38"]
    assert {p.document.meta.symbol for p in picks} == {"E/CN.15/2007/9"}


def test_heading_path_selects_the_whole_subsection_with_its_headings() -> None:
    text = BASE + "      - {document: ccpcj28-terrorism-ta, heading: 二 A 2}\n"
    picks = resolve(parse_spec(text, Path("p.yaml")), CORPUS, GLOSSARY).sections[0].picks
    paragraphs = [p.record.para for p in picks if p.record.kind == "paragraph"]
    headings = [p.record.label for p in picks if p.record.kind == "heading"]
    assert paragraphs == [str(n) for n in range(16, 77)]
    assert headings == [f"({c})" for c in "abcdefghijkl"]


def test_a_record_selected_twice_in_a_section_appears_once() -> None:
    text = BASE + "      - ccpcj28-terrorism-ta: 1-3\n      - ccpcj28-terrorism-ta: 2-4\n"
    picks = resolve(parse_spec(text, Path("p.yaml")), CORPUS, GLOSSARY).sections[0].picks
    assert [p.record.para for p in picks] == ["1", "2", "3", "4"]


def test_search_selection_honours_its_limit_and_document() -> None:
    text = (
        BASE + "      - {search: 外国恐怖主义作战人员, document: ccpcj28-terrorism-ta, limit: 3}\n"
    )
    picks = resolve(parse_spec(text, Path("p.yaml")), CORPUS, GLOSSARY).sections[0].picks
    assert len(picks) == 3
    assert all("外国恐怖主义作战人员" in p.record.text for p in picks)


def test_meeting_comes_from_the_document_and_the_spec_wins() -> None:
    text = "title: t\nmeeting:\n  from: ccpcj28-terrorism-ta\n  venue: 纽约\n" + BASE[9:]
    text += "      - ccpcj28-terrorism-ta: 1\n"
    meeting = resolve(parse_spec(text, Path("p.yaml")), CORPUS, GLOSSARY).meeting
    assert (meeting.body, meeting.session, meeting.agenda_item) == (
        "预防犯罪和刑事司法委员会",
        28,
        "6(c)",
    )
    assert [d.isoformat() for d in meeting.dates or ()] == ["2019-05-20", "2019-05-24"]
    assert meeting.venue == "纽约"


def test_unknown_key_names_its_place_and_the_near_miss() -> None:
    error = spec_error("title: t\nsections:\n  - heading: A\n    selekt: []\n")
    assert (error.path, error.line, error.column) == ("pack.yaml", 4, 5)
    assert "unknown key `selekt`" in error.message
    assert error.hint == "did you mean `select`?"


def test_wrong_choice_lists_the_choices_and_suggests_one() -> None:
    error = spec_error(
        "title: t\nlanguage: zh-en\n" + BASE[9:] + "      - ccpcj28-terrorism-ta: 1\n"
    )
    assert (error.line, error.column) == (2, 1)
    assert "'zh', 'en' or 'zh+en'" in error.message
    assert error.hint == "did you mean `zh+en`?"


def test_bare_off_in_yaml_means_off() -> None:
    text = BASE + "      - ccpcj28-terrorism-ta: 1\nglossary:\n  annex: off\n  gloss: off\n"
    loaded = parse_spec(text, Path("p.yaml"))
    assert (loaded.spec.glossary.annex, loaded.spec.glossary.gloss) == ("off", "off")


def test_paragraph_out_of_range_gives_the_valid_range() -> None:
    error = spec_error(BASE + "      - ccpcj28-terrorism-ta: 125-130\n")
    assert (error.path, error.line) == ("pack.yaml", 5)
    assert "no paragraph 128, 129, 130" in error.message
    assert error.hint == "ccpcj28-terrorism-ta has paragraphs 1-127"


def test_unknown_document_suggests_the_closest_ids() -> None:
    error = spec_error(BASE + "      - E/CN.15/2007/8: 1-3\n")
    assert (error.line, error.column) == (5, 9)
    assert "no document 'E/CN.15/2007/8'" in error.message
    assert error.hint is not None and "E/CN.15/2007/9" in error.hint


def test_unknown_heading_suggests_the_closest_paths() -> None:
    error = spec_error(BASE + "      - {document: ccpcj28-terrorism-ta, heading: 二 A 5}\n")
    assert error.line == 5
    assert "has no heading 二 A 5" in error.message
    assert error.hint is not None and "二 A 2" in error.hint


def test_selection_with_two_ways_is_refused() -> None:
    error = spec_error(
        BASE + "      - {document: ccpcj28-terrorism-ta, paragraphs: 1, search: 反恐}\n"
    )
    assert (error.line, error.column) == (5, 9)
    assert "give one of paragraphs, heading, search, concept" in error.message


def test_meeting_that_ends_before_it_starts_is_refused() -> None:
    text = "title: t\nmeeting:\n  dates: {start: 2019-05-24, end: 2019-05-20}\n" + BASE[9:]
    error = spec_error(text + "      - ccpcj28-terrorism-ta: 1\n")
    assert error.line == 3
    assert "ends (2019-05-20) before it starts (2019-05-24)" in error.message


def test_yaml_syntax_error_names_line_and_column() -> None:
    error = spec_error("title: [t\nsections: x\n")
    assert error.path == "pack.yaml" and error.line is not None


def test_spec_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes("title: 简报\n".encode("gb18030"))
    with pytest.raises(AssemblerError) as caught:
        load_spec(path)
    assert "not UTF-8" in caught.value.message and caught.value.line == 1


def test_impossible_date_names_its_place() -> None:
    error = spec_error(
        "title: t\ndate: 2019-13-01\n" + BASE[9:] + "      - ccpcj28-terrorism-ta: 1\n"
    )
    assert (error.line, error.column) == (2, 7)
    assert "invalid date: month must be in 1..12" in error.message


def test_search_without_hits_is_an_error_not_an_empty_section() -> None:
    error = spec_error(BASE + "      - {search: 这个词语料库里没有}\n")
    assert error.line == 5 and "no paragraph matches the search" in error.message


def test_unknown_cite_as_document_suggests_the_id() -> None:
    text = "title: t\ncite_as:\n  ccpcj28-terrorism: 报告\n" + BASE[9:]
    error = spec_error(text + "      - ccpcj28-terrorism-ta: 1\n")
    assert error.line == 3 and "no document 'ccpcj28-terrorism'" in error.message
    assert error.hint is not None and "ccpcj28-terrorism-ta" in error.hint


def test_lists_of_numbers_and_labels_are_accepted() -> None:
    text = BASE + "      - {document: ccpcj28-terrorism-ta, paragraphs: [1, 3]}\n"
    text += "      - {document: ccpcj28-terrorism-ta, heading: [二, A, 1]}\n"
    picks = resolve(parse_spec(text, Path("p.yaml")), CORPUS, GLOSSARY).sections[0].picks
    assert [p.record.para for p in picks] == ["1", "3", "11", "12", "13", "14", "15"]


def test_an_unnumbered_heading_selects_by_its_text() -> None:
    text = BASE + "      - {document: E/CN.15/2007/9, heading: 附件}\n"
    picks = resolve(parse_spec(text, Path("p.yaml")), CORPUS, GLOSSARY).sections[0].picks
    assert len(picks) == 29 and picks[-1].record.text.startswith("总计 15 434 904")


def test_gloss_list_of_unknown_concept_suggests_the_id() -> None:
    text = BASE + "      - ccpcj28-terrorism-ta: 1\nglossary:\n  gloss: [unodd]\n"
    error = spec_error(text)
    assert (error.line, error.column) == (7, 11)
    assert "no glossary concept 'unodd'" in error.message
    assert error.hint is not None and "unodc" in error.hint
