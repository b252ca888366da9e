"""Chinese text helpers shared by every stage: character classes, line joining, spacing."""

from __future__ import annotations

import re
from itertools import pairwise

# Fullwidth and CJK punctuation: spaces next to these are extraction noise, never content.
CJK_PUNCTUATION = "，。、；：？！（）《》〈〉「」『』“”‘’【】—…·－"

_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")
# "纳迪亚•穆拉德" : PDF extraction puts the bullet where Chinese uses the middle dot.
_BULLET_IN_NAME = re.compile(r"(?<=[\u3400-\u9fff])[•∙](?=[\u3400-\u9fff])")


def is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0x20000 <= code <= 0x2FFFF


def is_cjk_or_punct(char: str) -> bool:
    return is_cjk(char) or char in CJK_PUNCTUATION


def _latin_like(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".,;:)%]")


def join_lines(left: str, right: str) -> str:
    """Join two lines of one block. Chinese text wraps anywhere and takes no space at the join;
    Latin words and numbers keep one ("第 2341" + "(2017)号"), except inside a symbol split
    after "/" or "-" ("A/60/820-S/2006/" + "265")."""
    left = left.rstrip()
    right = right.lstrip()
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a in "/-":
        return left + right
    if (_latin_like(a) or a == ")") and (b.isascii() and (b.isalnum() or b == "(")):
        return f"{left} {right}"
    return left + right


def tidy_spaces(text: str) -> str:
    """One space where extraction left several; none beside fullwidth punctuation."""
    if "  " in text or "\t" in text or "\u3000" in text or "\u00a0" in text:
        text = _SPACE_RUN.sub(" ", text)  # else every run is one space already
    text = text.strip()
    if " " not in text:
        return text
    # The spaces are single now and none at the ends, so each stands between two non-empty
    # pieces; one beside a mark goes. (A pattern finding " mark" or "mark " tried both at
    # every character: 400 instructions a character of a Chinese record.)
    pieces = text.split(" ")
    joined = [pieces[0]]
    for before, after in pairwise(pieces):
        beside_mark = before[-1] in CJK_PUNCTUATION or after[0] in CJK_PUNCTUATION
        joined.append(after if beside_mark else f" {after}")
    return "".join(joined)


def normalise_chars(text: str) -> str:
    """Character repairs that change no content: the bullet standing for the name dot."""
    if "•" not in text and "∙" not in text:
        return text  # as almost always: no need to try the lookbehind at every character
    return _BULLET_IN_NAME.sub("·", text)


def non_space(text: str) -> str:
    """The text without any whitespace: what lossless accounting and comparisons count."""
    return "".join(text.split())
