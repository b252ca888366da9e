"""The light Markdown of editorial notes: **strong**, *emphasis* and [label](https://...), read in
linear time. A regular expression with a lazy `.*?` before the closing `**` rereads the rest of the
note from every unclosed opener: quadratic (a 64 KB note with one stray `**` took 9 s). Here the
possible openers and closers are found once, by regular expressions without backtracking, and each
opener finds its closer by bisection or by a forward-only cursor.

The rules are those UN notes need: an asterisk glued to a word or symbol ("E/CN.15/2019/1*") is a
footnote mark, not emphasis; links are http(s) only."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

# Every place where markup may start (zero-width, so that overlapping places are all found).
# Emphasis holds no asterisk, so its whole match is tried here: each try stops at the next
# asterisk, and the stretches between asterisks are disjoint, so all tries together are linear.
_EMPHASIS = r"(?<![A-Za-z0-9/.*])\*(?P<em>[^\s*](?:[^*]*[^\s*])?)\*(?![A-Za-z0-9*])"
_OPENER = re.compile(rf"(?=(?<![A-Za-z0-9/.])\*\*\S|{_EMPHASIS}|\[)")
# A `**` that can close strong text: after a non-space, before no letter or digit.
_STRONG_CLOSER = re.compile(r"(?<=\S)(?=\*\*(?![A-Za-z0-9]))")
_SCHEME = re.compile(r"https?://")


@dataclass(frozen=True)
class Markup:
    kind: Literal["strong", "emphasis", "link"]
    text: str
    start: int  # offsets of the whole markup, asterisks and brackets included
    end: int
    href: str = ""  # links only


class _Next:
    """The next match of a pattern at or after an offset, for offsets that never go back: each
    stretch of text is searched once, whatever the number of queries."""

    def __init__(self, text: str, pattern: str) -> None:
        self.text = text
        self.pattern = re.compile(pattern)
        self.asked = -1
        self.found = -1

    def __call__(self, offset: int) -> int:
        """The offset of the next match, len(text) when there is none."""
        if not self.asked <= offset <= self.found:
            match = self.pattern.search(self.text, offset)
            self.found = match.start() if match else len(self.text)
        self.asked = offset
        return self.found


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.strong_closers = [m.start() for m in _STRONG_CLOSER.finditer(text)]
        self.next_bracket = _Next(text, r"\]")
        self.next_href_end = _Next(text, r"[)\s]")

    def strong(self, i: int) -> Markup | None:
        if not self.text.startswith("**", i):
            return None
        # Two or more characters of content first, the nearest closer winning; one otherwise
        # ("******" is strong "**", as the rule's first regular expression read it).
        found = bisect_left(self.strong_closers, i + 4)
        if found < len(self.strong_closers):
            j = self.strong_closers[found]
        elif self.strong_closers and self.strong_closers[-1] == i + 3:
            j = i + 3
        else:
            return None
        return Markup("strong", self.text[i + 2 : j], i, j + 2)

    def emphasis(self, i: int, opener: re.Match[str]) -> Markup | None:
        found = opener["em"]
        if found is None:
            return None
        return Markup("emphasis", found, i, i + len(found) + 2)

    def link(self, i: int) -> Markup | None:
        text = self.text
        if text[i] != "[":
            return None
        close = self.next_bracket(i + 1)
        if close == i + 1 or not text.startswith("(", close + 1):
            return None
        start = close + 2
        scheme = _SCHEME.match(text, start)
        if scheme is None:
            return None
        end = self.next_href_end(scheme.end())
        if end == scheme.end() or end == len(text) or text[end] != ")":
            return None
        return Markup("link", text[i + 1 : close], i, end + 1, href=text[start:end])


def find_markup(text: str) -> list[Markup]:
    """The markup of `text`, left to right, none overlapping."""
    reader = _Reader(text)
    found: list[Markup] = []
    opener = _OPENER.search(text)
    while opener is not None:
        i = opener.start()
        markup = reader.strong(i) or reader.emphasis(i, opener) or reader.link(i)
        if markup is not None:
            found.append(markup)
        opener = _OPENER.search(text, markup.end if markup else i + 1)
    return found
