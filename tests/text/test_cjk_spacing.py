"""A Chinese record's final spacing: one space where extraction left several, and none beside
fullwidth punctuation, where a space is extraction noise ("第 72/194 号决议 ，" -> "第 72/194
号决议，"). Spaces between Latin words and numbers stay."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from assembler.text.cjk import CJK_PUNCTUATION, tidy_spaces

# The rule as it was first written: a pattern that drops the space before a mark (with one
# after it) or after a mark, applied after spaces are made single.
_RUN = re.compile(r"[ \t\u3000\u00a0]+")
_BY_MARK = re.compile(rf" ([{re.escape(CJK_PUNCTUATION)}]) ?|([{re.escape(CJK_PUNCTUATION)}]) ")


def reference(text: str) -> str:
    text = _RUN.sub(" ", text).strip()
    return _BY_MARK.sub(lambda m: m.group(1) or m.group(2), text)


def test_spaces_of_a_corpus_sentence() -> None:
    assert (
        tidy_spaces("大会 第 72/194 号决议 ， 以及 《 公约 》 。")
        == "大会 第 72/194 号决议，以及《公约》。"
    )
    assert tidy_spaces("\u3000会员国\t\t和  A/RES/78/223\u00a0") == "会员国 和 A/RES/78/223"
    assert tidy_spaces("，，") == "，，"
    assert tidy_spaces("") == ""


@given(st.text(alphabet=st.sampled_from([*"  \t\u3000\u00a0\n号决议aA1/", *CJK_PUNCTUATION])))
def test_the_spacing_is_the_rule_as_first_written(text: str) -> None:
    assert tidy_spaces(text) == reference(text)
