"""English layout rules: the same parser as for Chinese, with English line joining, sentence
ends, heading lengths and footnote marks (assembler.corpus.layout.ENGLISH).

Every document here is synthetic: a few lines of made-up English ("synthetic" marks it) laid
out as pdftotext writes an English UN document: every line ends with a space, so no line says
whether it ends its block; paragraphs are numbered "1." in sequence; chapters "I.", sections
"A.", subsections "1.", lettered headings and items "(a)"; footnote marks glued to the word or
punctuation before them ("States,1"); a footnote block under a separator rule at the foot of
the page; page furniture between pages. Every parse is also checked by the lossless
accounting: each character of the source is in a record, a footnote or the metadata, or dropped
as page furniture with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assembler.corpus.accounting import account_source
from assembler.corpus.assemble import Parsed, block_record, build_document, group_sources
from assembler.corpus.model import Difference, Item, Note, Record
from assembler.corpus.parse import ParsedSource, parse_source
from assembler.corpus.sources import Sidecar, Source
from assembler.text.english import join_lines
from assembler.text.language import detect_language

RULE = "__________________"


def extraction(*lines: str) -> str:
    """The text of a PDF extraction as pdftotext writes it: each line ends with a space."""
    return "".join(f"{line} \n" for line in lines)


@dataclass(frozen=True)
class Parse:
    parsed: ParsedSource
    records: list[Record]

    def outline(self) -> list[tuple[str, int | None, str | None, str | None, str]]:
        """(kind, level, label, paragraph number, text) of each record, in reading order."""
        return [(r.kind, r.level, r.label, r.para, r.text) for r in self.records]

    def para(self, number: int) -> Record:
        (record,) = [r for r in self.records if r.para == str(number)]
        return record


def parse(text: str, *, warnings: tuple[str, ...] = ()) -> Parse:
    """Parse a synthetic English source (its language detected from the text): its accounting
    must be clean and it must warn of nothing (unless told which warnings to expect)."""
    parsed = parse_source("synthetic.txt", text)
    assert parsed.lang == "en"
    records = [block_record(block, "synthetic.txt", "en") for block in parsed.blocks]
    assert account_source(parsed, records).problems == []
    assert parsed.warnings == list(warnings)
    return Parse(parsed, records)


def paragraphs(first: int, last: int) -> list[str]:
    return [f"{n}. Synthetic paragraph {n}." for n in range(first, last + 1)]


# -- joining lines ------------------------------------------------------------------------------
def test_hard_line_breaks_are_joined_with_a_space() -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            "1. The synthetic Office supported the United Nations Global Counter-",
            "Terrorism Strategy and the States’ “synthetic",
            "programme” - as requested - in A/60/820-S/2006/",
            "265 and in 2019.",
        )
    )
    assert doc.para(1).text == (
        "The synthetic Office supported the United Nations Global Counter-Terrorism Strategy"
        " and the States’ “synthetic programme” - as requested - in A/60/820-S/2006/265 and"
        " in 2019."
    )
    assert doc.para(1).refs == ("A/60/820-S/2006/265",)


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("the synthetic", "report", "the synthetic report"),
        ("Counter-", "Terrorism", "Counter-Terrorism"),  # a hyphen at a line end is the word's
        ("E/CN.15/", "2019/1", "E/CN.15/2019/1"),
        ("a dash -", "and more", "a dash - and more"),  # a spaced hyphen is a dash
        ("ends with a comma,", "then", "ends with a comma, then"),
        ("spaces at the join  ", "  here", "spaces at the join here"),
        ("", "alone", "alone"),
    ],
)
def test_english_line_joining(left: str, right: str, joined: str) -> None:
    assert join_lines(left, right) == joined


# -- headings -----------------------------------------------------------------------------------
def test_chapters_sections_subsections_and_lettered_headings() -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            *paragraphs(1, 2),
            "II. Synthetic delivery of assistance",
            "A. Synthetic activities",
            "1. Synthetic ratification assistance",
            *paragraphs(3, 3),
            "2. Synthetic capacity-building",
            "(a) Synthetic investigation and prosecution",
            *paragraphs(4, 4),
            "(b) Synthetic financing of terrorism",
            *paragraphs(5, 5),
            "B. Synthetic partnerships",
            *paragraphs(6, 6),
            "III. Synthetic conclusions",
            *paragraphs(7, 7),
        )
    )
    headings = [(r.level, r.label, r.path, r.text) for r in doc.records if r.kind == "heading"]
    assert headings == [
        (1, "I", (), "Synthetic introduction"),
        (1, "II", (), "Synthetic delivery of assistance"),
        (2, "A", ("II",), "Synthetic activities"),
        (3, "1", ("II", "A"), "Synthetic ratification assistance"),
        (3, "2", ("II", "A"), "Synthetic capacity-building"),
        (4, "(a)", ("II", "A", "2"), "Synthetic investigation and prosecution"),
        (4, "(b)", ("II", "A", "2"), "Synthetic financing of terrorism"),
        (2, "B", ("II",), "Synthetic partnerships"),
        (1, "III", (), "Synthetic conclusions"),
    ]
    assert [r.para for r in doc.records if r.para] == [str(n) for n in range(1, 8)]
    assert doc.para(5).path == ("II", "A", "2", "(b)")
    assert doc.para(7).path == ("III",)


def test_a_lone_i_after_section_h_is_section_i_not_chapter_i() -> None:
    letters = "ABCDEFGH"
    lines = ["I. Synthetic chapter"]
    for number, letter in enumerate(letters, start=1):
        lines += [
            f"{letter}. Synthetic section {letter}",
            f"{number}. Synthetic paragraph {number}.",
        ]
    lines += ["I. Synthetic section I", "9. Synthetic paragraph 9.", "II. Synthetic chapter two"]
    lines += ["10. Synthetic paragraph 10."]
    doc = parse(extraction(*lines))
    assert [(r.level, r.label) for r in doc.records if r.kind == "heading"][-3:] == [
        (2, "H"),
        (2, "I"),
        (1, "II"),
    ]
    assert doc.para(9).path == ("I", "I")
    assert doc.para(10).path == ("II",)


@pytest.mark.parametrize(
    ("first", "second", "level", "label"),
    [
        (
            "II. Synthetic delivery of technical assistance to States in the Middle East and",
            "North Africa",
            1,
            "II",
        ),
        (
            "A. Synthetic activities to strengthen the legal regime against foreign terrorist",
            "fighters",
            2,
            "A",
        ),
        (
            "1. Synthetic capacity-building for the criminal justice officials of States in the",
            "region",
            3,
            "1",
        ),
        (
            "(c) Synthetic threat posed by foreign terrorist fighters, including",
            "returning and relocating fighters",
            4,
            "(c)",
        ),
    ],
    ids=[
        "chapter-ends-on-and",
        "section-continues-in-lower-case",
        "subsection-ends-on-the",
        "lettered-ends-on-including",
    ],
)
def test_a_heading_wrapped_onto_two_lines_is_one_heading(
    first: str, second: str, level: int, label: str
) -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            *paragraphs(1, 2),
            *(["II. Synthetic chapter", "A. Synthetic section"] if level > 2 else []),
            *(["1. Synthetic subsection"] if level > 3 else []),
            first,
            second,
            "3. Synthetic paragraph 3.",
        )
    )
    title = first.split(" ", 1)[1] + " " + second
    heading = next(r for r in doc.records if r.kind == "heading" and r.label == label)
    assert (heading.level, heading.text) == (level, title)
    assert doc.para(3).path[-1] == label
    assert [r.para for r in doc.records if r.para] == ["1", "2", "3"]


def test_an_unnumbered_sub_heading_between_numbered_paragraphs() -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            "1. The first synthetic paragraph ends its sentence at the end of a line.",
            "Synthetic tools for practitioners",
            "2. The second synthetic paragraph.",
        )
    )
    assert doc.outline()[2] == ("heading", 2, None, None, "Synthetic tools for practitioners")
    assert doc.para(2).path == ("I", "Synthetic tools for practitioners")


def test_the_last_short_line_of_a_paragraph_is_not_a_heading() -> None:
    # It ends with a full stop, or a full stop and a footnote mark: a heading never does.
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            "1. The first synthetic paragraph has a full line of text that runs on until the",
            "short end.",
            "2. The second synthetic paragraph has a full line of text that runs on until a",
            "noted end.1",
            RULE,
            "1 A synthetic note.",
            "3. The third synthetic paragraph.",
        )
    )
    assert [r.kind for r in doc.records] == ["heading", "paragraph", "paragraph", "paragraph"]
    assert doc.para(2).text.endswith("until a noted end.")


def test_a_paragraph_number_after_a_sentence_that_stops_on_a_word_continues_it() -> None:
    # "... the Office also supported States in" + "3. ...": the sentence is not finished, so
    # "3." is a number inside it (UN paragraphs end with a full stop).
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            *paragraphs(1, 1),
            "2. The second synthetic paragraph says that the synthetic Office supported States in",
            "3. regions and in many more.",
            "3. The third synthetic paragraph.",
        )
    )
    assert doc.para(2).text == (
        "The second synthetic paragraph says that the synthetic Office supported States in"
        " 3. regions and in many more."
    )
    assert doc.para(3).text == "The third synthetic paragraph."


# -- items and numbers inside a paragraph ------------------------------------------------------
def test_lettered_items_inside_a_paragraph() -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            "1. The synthetic Office worked in three areas:",
            "(a) Synthetic legislative assistance, including the review of laws",
            "and regulations;",
            "(b) Synthetic capacity-building for criminal justice officials; and",
            "(c) Synthetic international cooperation in criminal matters.",
            "2. The second synthetic paragraph.",
        )
    )
    one = doc.para(1)
    assert one.text == "The synthetic Office worked in three areas:"
    assert one.items == (
        Item(
            "(a)", "Synthetic legislative assistance, including the review of laws and regulations;"
        ),
        Item("(b)", "Synthetic capacity-building for criminal justice officials; and"),
        Item("(c)", "Synthetic international cooperation in criminal matters."),
    )
    assert [r.para for r in doc.records if r.para] == ["1", "2"]


def test_a_number_at_a_line_start_inside_a_sentence_is_not_a_paragraph() -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            *paragraphs(1, 8),
            "9. Synthetic assistance was requested by more States in",
            "2019. In all,",
            "10 Member States reported synthetic progress, as set out in paragraphs 8 and",
            "10. The synthetic Office also drew on the lessons set out in paragraph 3",
            "(a) of the synthetic guide and in section",
            "A. of the synthetic annex.",
            "10. The tenth synthetic paragraph.",
        )
    )
    assert [r.para for r in doc.records if r.para] == [str(n) for n in range(1, 11)]
    assert doc.para(9).text == (
        "Synthetic assistance was requested by more States in 2019. In all, 10 Member States"
        " reported synthetic progress, as set out in paragraphs 8 and 10. The synthetic Office"
        " also drew on the lessons set out in paragraph 3 (a) of the synthetic guide and in"
        " section A. of the synthetic annex."
    )
    assert doc.para(9).items == ()
    assert [r.kind for r in doc.records].count("heading") == 1


# Words of the synthetic paragraphs. Some look like labels: "12.", "40.", "A.", "II.", "(a)".
# None is one of the paragraph numbers drawn (1-4): "1. Synthetic" + "1. end." reads, by the UN
# rules, as subsection 1 followed by paragraph 1, and no rule can tell it from a wrapped line.
_WORDS = st.sampled_from(
    [
        "synthetic",
        "States",
        "Office",
        "in",
        "of",
        "2019",
        "10",
        "72/194",
        "(a)",
        "A.",
        "II.",
        "12.",
        "40.",
        "(b)",
        "Member",
        "and",
        "resolution",
        "(2017)",
        "the",
        "States,",
        "I.",
        "Annex",
        "B.",
        "(UNODC)",
        "“Synthetic”",
        "1244",
        "V.",
        "Summary",
    ]
)


@st.composite
def wrapped_paragraphs(draw: st.DrawFn) -> tuple[list[list[str]], list[str]]:
    """Paragraphs of random words, some of which look like paragraph numbers, headings or
    item labels ("12.", "A.", "II.", "(a)"), and their lines. A paragraph wraps at random, but
    only after a word, a number or a comma, where its sentence is not finished; and never
    leaves a number alone on a line (that is a page number)."""
    texts: list[list[str]] = []
    lines: list[str] = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        words = ["Synthetic", *draw(st.lists(_WORDS, min_size=1, max_size=30)), "end."]
        texts.append(words)
        line = f"{number}."
        for index, word in enumerate(words):
            breaks = index > 0 and not words[index - 1].endswith(".") and not line.isdigit()
            if breaks and draw(st.booleans()):
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}"
        lines.append(line)
    return texts, lines


@given(wrapped_paragraphs())
def test_wrapped_paragraphs_keep_their_words_and_numbers(
    sample: tuple[list[list[str]], list[str]],
) -> None:
    texts, lines = sample
    doc = parse(extraction("I. Synthetic introduction", *lines))
    assert [(r.para, r.text) for r in doc.records if r.kind == "paragraph"] == [
        (str(number), " ".join(words)) for number, words in enumerate(texts, start=1)
    ]
    assert all(r.items == () for r in doc.records)


# -- footnotes ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Member States,", " and others"),
        ("in Kosovo", " and Serbia"),
        ("the “Synthetic Principles”", " were"),
        ("(UNODC)", " as"),
        ("in 2018.", " It"),
    ],
    ids=[
        "after-a-comma",
        "after-a-word",
        "after-a-closing-quote",
        "after-a-bracket",
        "after-a-year-and-full-stop",
    ],
)
def test_a_footnote_mark_glued_to_a_word_or_punctuation(before: str, after: str) -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            f"1. The synthetic note is cited by {before}1{after} in this sentence.",
            RULE,
            "1 A synthetic footnote.",
            "2. The second synthetic paragraph.",
        )
    )
    one = doc.para(1)
    prefix = f"The synthetic note is cited by {before}"
    assert one.text == f"{prefix}{after} in this sentence."
    assert one.notes == (Note("1", "A synthetic footnote.", None, len(prefix)),)


def test_footnotes_run_across_lines_and_marks_cite_them_in_order() -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            "1. Synthetic events were held in Albania, Kosovo,1 Montenegro and North",
            "Macedonia, with 1 700 participants in section 3.1 of the plan.2",
            RULE,
            "1 References to Kosovo in this synthetic text are to be understood in the context of",
            "Security Council resolution 1244 (1999).",
            "2 A synthetic second note, see",
            "E/CN.15/2007/9.",
            "2/18",
            "V.07-80567",
            "E/CN.15/2007/9",
            "2. The second synthetic paragraph.",
        )
    )
    one = doc.para(1)
    assert one.text == (
        "Synthetic events were held in Albania, Kosovo, Montenegro and North Macedonia, with"
        " 1 700 participants in section 3.1 of the plan."
    )
    assert one.notes == (
        Note(
            "1",
            "References to Kosovo in this synthetic text are to be understood in the context of"
            " Security Council resolution 1244 (1999).",
            None,
            len("Synthetic events were held in Albania, Kosovo,"),
        ),
        Note("2", "A synthetic second note, see E/CN.15/2007/9.", None, len(one.text)),
    )
    assert one.refs == ("S/RES/1244(1999)", "E/CN.15/2007/9")
    assert doc.para(2).text == "The second synthetic paragraph."
    assert doc.parsed.dropped == {
        "job-number": len("V.07-80567"),
        "page-number": len("2/18"),
        "running-header": len("E/CN.15/2007/9"),
        "separator": len(RULE),
    }


def test_a_footnote_mark_inside_an_item() -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            "1. The synthetic Office:",
            "(a) Trained synthetic officials;1 and",
            "(b) Wrote synthetic guides.",
            RULE,
            "1 A synthetic note on training.",
            "2. The second synthetic paragraph.",
        )
    )
    one = doc.para(1)
    assert one.items == (
        Item("(a)", "Trained synthetic officials; and"),
        Item("(b)", "Wrote synthetic guides."),
    )
    assert one.notes == (
        Note("1", "A synthetic note on training.", "(a)", len("Trained synthetic officials;")),
    )


@given(
    st.text(st.characters(min_codepoint=ord("a"), max_codepoint=ord("z")), min_size=1, max_size=12),
    st.sampled_from(["", ",", ";", ":", ")", "”", "’"]),
    st.integers(1, 9),
)
def test_any_glued_mark_is_found_and_removed(word: str, punctuation: str, mark: int) -> None:
    cited = f"The synthetic {word}{punctuation}"
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            f"1. {cited}{mark} is cited.",
            RULE,
            f"{mark} A synthetic note.",
            "2. The second synthetic paragraph.",
        )
    )
    assert doc.para(1).text == f"{cited} is cited."
    assert doc.para(1).notes == (Note(str(mark), "A synthetic note.", None, len(cited)),)


# -- page furniture -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("furniture", "dropped"),
    [
        (["3/18", "V.07-80567"], {"page-number": 4, "job-number": 10}),
        (["E/CN.15/2007/9", "3/18"], {"running-header": 14, "page-number": 4}),
        (["3/18                                   E/CN.15/2007/9"], {"running-header": 18}),
        (["E/CN.15/2007/9                                   3/18"], {"running-header": 18}),
        (["3/18                                   V.07-80567 (E)"], {"job-number": 17}),
    ],
    ids=[
        "page-beside-job-number",
        "header-then-page",
        "layout-page-and-symbol",
        "layout-symbol-and-page",
        "layout-page-and-job",
    ],
)
def test_page_furniture_between_pages_is_not_text(
    furniture: list[str], dropped: dict[str, int]
) -> None:
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            "1. The first synthetic paragraph runs across a page",
            *furniture,
            "\fbreak and ends on the next page.",
            "2. The second synthetic paragraph.",
        )
    )
    assert doc.para(1).text == (
        "The first synthetic paragraph runs across a page break and ends on the next page."
    )
    assert doc.parsed.dropped == dropped


def test_a_page_of_pages_alone_inside_the_text_is_text() -> None:
    # "72/194" on a line of its own is a resolution number that wrapped, not page 72 of 194.
    doc = parse(
        extraction(
            "I. Synthetic introduction",
            "1. The synthetic Assembly adopted resolution",
            "72/194",
            "on synthetic assistance.",
        )
    )
    assert (
        doc.para(1).text
        == "The synthetic Assembly adopted resolution 72/194 on synthetic assistance."
    )
    assert doc.parsed.dropped == {}


# -- language ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("1. The synthetic Office (UNODC) met in Vienna.", "en"),
        ("1．合成的第一段，引用 A/RES/72/194 和 http://undocs.org/A/RES/72/194。", "zh"),
        (
            "1. The synthetic name 维也纳 is quoted in an otherwise English text of some length.",
            "en",
        ),
    ],
)
def test_the_language_of_a_source_is_detected_from_its_text(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_sources_in_two_languages_with_one_id_are_two_versions_not_one_document() -> None:
    chinese = parse_source("zh.txt", "一．合成的导言\n1．合成的第一段。\n")
    english = parse_source("en.txt", extraction("I. Synthetic introduction", "1. Synthetic."))
    side = Sidecar(id="synthetic-report")
    groups = group_sources(
        [
            Parsed(Source(Path("zh.txt"), "", "", side), chinese),
            Parsed(Source(Path("en.txt"), "", "", side), english),
        ]
    )
    assert [[p.parsed.lang for p in group] for group in groups] == [["zh"], ["en"]]


def test_two_english_extractions_of_one_document_are_reconciled() -> None:
    # The second copy lost a word and wraps differently: the complete reading is kept, with its
    # spaces, and the loss is reported.
    complete = extraction(
        "I. Synthetic introduction",
        "1. The synthetic Office further advanced the synthetic",
        "initiative in 2018.",
    )
    damaged = extraction(
        "I. Synthetic introduction",
        "1. The synthetic Office advanced the synthetic initiative in",
        "2018.",
    )
    side = Sidecar(id="synthetic-report", lang="en")
    document = build_document(
        [
            Parsed(
                Source(Path("a.txt"), complete, "0" * 64, side), parse_source("a.txt", complete)
            ),
            Parsed(Source(Path("b.txt"), damaged, "1" * 64, side), parse_source("b.txt", damaged)),
        ]
    )
    assert (document.meta.id, document.meta.lang) == ("synthetic-report", "en")
    assert document.records[1].text == (
        "The synthetic Office further advanced the synthetic initiative in 2018."
    )
    assert document.records[1].sources == ("a.txt", "b.txt")
    assert document.meta.differences == (
        Difference(
            "para 1",
            "b.txt",
            "omitted",
            len("The synthetic Office "),
            "further",
            "",
            "text",
            "kept a.txt",
        ),
    )
