"""Placeholder protection (assembler.script.protect): protected spans and characters the
engine cannot carry are swapped for private-use placeholders around the converter.

What the design rests on is checked here against OpenCC 1.4.2 itself: every private-use code
point passes through every configuration unchanged, a placeholder cuts a phrase in two, and
OpenCC loses NUL and sometimes the text after it (so NUL is escaped like a private-use
character).
"""

from __future__ import annotations

import itertools

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assembler.errors import AssemblerError
from assembler.script.protect import (
    PLACEHOLDER_COUNT,
    Span,
    convert_protected,
    mask,
    placeholder,
    unmask,
)

CONFIGS = ("s2tw", "s2hk", "s2twp")
ENGINES = {config: opencc.OpenCC(config).convert for config in CONFIGS}
PRIVATE_USE = [
    *range(0xE000, 0xF900),
    *range(0xF0000, 0xFFFFE),
    *range(0x100000, 0x10FFFE),
]
ALL_PLACEHOLDERS = "".join(placeholder(i) for i in range(PLACEHOLDER_COUNT))


def test_placeholders_are_exactly_the_private_use_code_points() -> None:
    assert PLACEHOLDER_COUNT == 6_400 + 65_534 + 65_534
    assert [ord(c) for c in ALL_PLACEHOLDERS] == PRIVATE_USE
    with pytest.raises(IndexError):
        placeholder(PLACEHOLDER_COUNT)


@pytest.mark.parametrize("config", CONFIGS)
def test_every_placeholder_passes_opencc_unchanged(config: str) -> None:
    convert = ENGINES[config]
    assert convert(ALL_PLACEHOLDERS) == ALL_PLACEHOLDERS
    # ... and beside Chinese text that is converted: 后 -> 後 on either side of each one.
    between = "后".join(ALL_PLACEHOLDERS[::7])
    assert convert(between) == between.replace("后", "後")


@pytest.mark.parametrize(
    ("config", "word", "converted"),
    [("s2twp", "文件", "檔案"), ("s2twp", "项目", "專案"), ("s2tw", "了解", "瞭解")],
)
def test_a_placeholder_cuts_a_phrase(config: str, word: str, converted: str) -> None:
    convert = ENGINES[config]
    assert convert(word) == converted
    halves = convert(word[0]), convert(word[1])
    assert "".join(halves) != converted  # the phrase is not its characters
    assert convert(word[0] + placeholder(0) + word[1]) == halves[0] + placeholder(0) + halves[1]


def test_opencc_loses_nul_and_what_follows_it_and_protection_keeps_them() -> None:
    convert = ENGINES["s2tw"]
    # OpenCC 1.4.2 drops NUL, and sometimes all the text after it.
    assert convert("秘书处\x00后续报告") == "秘書處後續報告"
    assert convert("ab\x00cd") == "ab"
    assert convert_protected("秘书处\x00后续报告", [], convert) == "秘書處\x00後續報告"
    assert convert_protected("ab\x00cd", [], convert) == "ab\x00cd"


def test_private_use_characters_in_the_input_survive() -> None:
    # PDF extractions keep Symbol-font bullets such as U+F0B7; one of them is also the first
    # placeholder a protected span would get.
    text = "\uf0b7 支持会员国\ue000项目"
    spans = [Span(2, 4, "支持")]
    assert convert_protected(text, spans, ENGINES["s2twp"]) == "\uf0b7 支持會員國\ue000專案"


def test_one_placeholder_per_distinct_output() -> None:
    text = "文件和文件以及项目"
    masked = mask(text, [Span(0, 2, "文件"), Span(3, 5, "文件"), Span(7, 9, "項目")])
    assert masked.text == "\ue000和\ue000以及\ue001"
    assert masked.outputs == {"\ue000": "文件", "\ue001": "項目"}
    assert unmask(masked.text, masked) == "文件和文件以及項目"


def test_no_spans_and_nothing_to_escape_leaves_the_text_alone() -> None:
    masked = mask("秘书长的报告", [])
    assert masked.text == "秘书长的报告"
    assert masked.outputs == {}


def test_more_distinct_spans_than_placeholders_is_refused() -> None:
    text = ALL_PLACEHOLDERS + "文件"
    with pytest.raises(AssemblerError, match="more than 137,468 distinct protected spans"):
        mask(text, [Span(len(text) - 2, len(text), "文件")])


def test_a_lone_surrogate_is_refused_with_its_offset() -> None:
    with pytest.raises(AssemblerError, match=r"lone surrogate U\+D800 at offset 2"):
        mask("文件\ud800", [])


# Text made of characters OpenCC changes alone or in phrases, ASCII, and characters to escape.
_PRIVATE = [chr(c) for c in (0xE000, 0xE001, 0xF0B7, 0xF8FF, 0xF0000, 0x10FFFD)]
_ESCAPE = {"\x00", *_PRIVATE}
_CHARS = st.sampled_from([*"文件项目支持发明被了如何里后台干系制造参与人 aA1/、，。", "\x00"])
_TEXT = st.lists(st.one_of(_CHARS, _CHARS, _CHARS, st.sampled_from(_PRIVATE)), max_size=40)


@st.composite
def _text_and_spans(draw: st.DrawFn) -> tuple[str, list[Span]]:
    """A text and protected spans over it: left to right, not overlapping, never holding a
    character that is escaped (a protected term cannot contain one)."""
    text = "".join(draw(_TEXT))
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = []
    for start, end in itertools.pairwise(cuts):
        if draw(st.booleans()) and not _ESCAPE & set(text[start:end]):
            spans.append(Span(start, end, draw(st.sampled_from(["甲", "乙乙", "", "丙"]))))
    return text, spans


def _pieces(text: str, spans: list[Span]) -> list[tuple[str, bool]]:
    """The text cut at spans and escaped characters: (piece, converted?)."""
    cuts = [(s.start, s.end, s.output) for s in spans]
    cuts += [(i, i + 1, c) for i, c in enumerate(text) if c in _ESCAPE]
    pieces, last = [], 0
    for start, end, output in sorted(cuts):
        pieces += [(text[last:start], True), (output, False)]
        last = end
    return [*pieces, (text[last:], True)]


@settings(max_examples=300, deadline=None)
@given(_text_and_spans(), st.sampled_from(CONFIGS))
def test_protected_conversion_is_the_conversion_of_the_pieces_between_spans(
    case: tuple[str, list[Span]], config: str
) -> None:
    """Spans come out as their outputs, escaped characters as themselves, and everything in
    between exactly as the engine converts that piece on its own."""
    text, spans = case
    convert = ENGINES[config]
    expected = "".join(convert(p) if converted else p for p, converted in _pieces(text, spans))
    assert convert_protected(text, spans, convert) == expected


@settings(max_examples=200, deadline=None)
@given(_text_and_spans())
def test_masking_with_an_identity_engine_only_splices_the_outputs(
    case: tuple[str, list[Span]],
) -> None:
    text, spans = case
    assert convert_protected(text, spans, lambda s: s) == "".join(
        p for p, _ in _pieces(text, spans)
    )
