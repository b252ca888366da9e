"""A source file as lines, with the layout cues extraction leaves: indentation, blank gaps, and
whether a line ends with whitespace (in PDF extractions, a wrapped line does not)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from assembler.corpus import layout
from assembler.corpus.layout import Language


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the source file
    raw: str
    start: int  # column of the first non-space character
    end: int  # column after the last non-space character
    hard: bool  # the line ends a block (when the source marks that) or may end one
    gap_before: bool  # a whitespace-only line stands between this line and the previous text
    # raw[start:end], made once: the parser's rules read a line's text tens of times (a
    # property slicing each time, or functools.cached_property with its lock, cost more).
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.raw[self.start : self.end])


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of `text`. A source whose lines mostly end without trailing
    whitespace, except block ends, marks soft wraps; elsewhere every line may end a block."""
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Each line stripped once: (number, raw, end of its text) of the non-blank ones.
    found: list[tuple[int, str, int]] = []
    gaps: set[int] = set()  # the numbers of lines after a whitespace-only line
    gap = False
    for number, raw in enumerate(raw_lines, start=1):
        end = len(raw.rstrip())
        if not end:
            gap = gap or bool(raw)
            continue
        found.append((number, raw, end))
        if gap:
            gaps.add(number)
        gap = False
    trailing = sum(1 for _, raw, end in found if end != len(raw))
    marks_wraps = bool(found) and 0.05 < trailing / len(found) < 0.95
    return [
        Line(
            number,
            raw,
            len(raw) - len(raw.lstrip()),
            end,
            end != len(raw) if marks_wraps else True,
            number in gaps,
        )
        for number, raw, end in found
    ]


def line_width(text: str) -> int:
    """The printed width of a line: a Chinese character or fullwidth mark takes two columns."""
    if text.isascii():
        return len(text)
    return sum(map(_columns, text))


@cache
def _columns(char: str) -> int:
    # Cached per character (a source uses a few thousand): the lookup is a C call, where
    # asking unicodedata for every character of every line took a tenth of ingest's time.
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def wrap_width(lines: Sequence[Line], language: Language) -> int | None:
    """The width at which a source wraps its lines, if it shows one: the median width of the
    lines that are carried on by the next (they neither end a clause nor precede a line that
    opens a block). A source with one line a paragraph shows none."""
    widths = sorted(
        line_width(line.text)
        for line, following in pairwise(lines)
        if not language.ends_clause(line.text) and not layout.starts_block(following.text)
    )
    if len(widths) < 5:
        return None
    median = widths[len(widths) // 2]
    # Lines of one paragraph a line are not wrapped: they run far beyond a printed line.
    return median if median <= 200 else None
