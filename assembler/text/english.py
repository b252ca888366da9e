"""English text helpers: line joining and spacing for text extracted from UN documents.

English wraps between words, so a hard line break inside a block stands for one space, except
where a line ends inside a word that a hyphen or slash splits ("Counter-" + "Terrorism",
"A/60/820-S/2006/" + "265"): UN documents are set without hyphenation, so a hyphen at a line end
belongs to the word and the two halves join without a space.
"""

from __future__ import annotations

import re

_SPACE_RUN = re.compile(r"[ \t\u3000\u00a0]+")


def join_lines(left: str, right: str) -> str:
    """Join two lines of one English block with one space, or none after a word-inner hyphen
    or slash. A hyphen standing alone (" -") is a dash between words: it keeps the space."""
    left = left.rstrip()
    right = right.lstrip()
    if not left or not right:
        return left + right
    if left[-1] in "/-" and not left[:-1].endswith(" "):
        return left + right
    return f"{left} {right}"


def tidy_spaces(text: str) -> str:
    """One space where extraction left several (tabs, no-break spaces, ideographic spaces).
    Unlike Chinese, no space is removed beside punctuation: 'the “Madrid Guiding
    Principles”' and 'States’ needs' keep their spaces."""
    return _SPACE_RUN.sub(" ", text).strip()
