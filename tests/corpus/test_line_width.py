"""A line's printed width, which tells a heading line cut at the source's wrap width from one
that ends where its text does: a Chinese character or fullwidth mark takes two columns, as
Unicode's East Asian Width says."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from assembler.corpus.lines import WIDE_BLOCKS, line_width


def columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_every_character_of_the_wide_blocks_is_wide_or_fullwidth() -> None:
    narrow = [
        f"U+{code:04X}"
        for low, high in WIDE_BLOCKS
        for code in range(low, high + 1)
        if unicodedata.east_asian_width(chr(code)) not in "WF"
    ]
    assert narrow == []


def test_widths_of_lines_of_a_report() -> None:
    assert line_width("一、导言") == 8
    assert line_width("第 2341(2017)号决议") == 19
    assert line_width("A/RES/78/223") == 12
    assert line_width("“反恐怖主义”，") == 14  # curly quotes are one column, the comma two
    assert line_width("ｗｉｄｅ ｌｅｔｔｅｒｓ and ´accents´") == 37


@given(
    st.text(
        alphabet=st.one_of(
            st.characters(min_codepoint=0x20, max_codepoint=0x24F),
            st.characters(min_codepoint=0x2000, max_codepoint=0x33FF),
            st.characters(min_codepoint=0x4E00, max_codepoint=0x4E40),
            st.characters(min_codepoint=0xFE30, max_codepoint=0xFFEF),
            st.characters(min_codepoint=0x1F300, max_codepoint=0x1F6FF),
        )
    )
)
def test_the_width_is_the_sum_of_the_characters_columns(text: str) -> None:
    assert line_width(text) == columns(text)
