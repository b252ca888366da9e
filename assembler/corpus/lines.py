"""A source file as lines, with the layout cues extraction leaves: indentation, blank gaps, and
whether a line ends with whitespace (in PDF extractions, a wrapped line does not)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from assembler.corpus import layout
from assembler.corpus.layout import Language


@dataclass(frozen=True, init=False)
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

    def __init__(
        self, no: int, raw: str, start: int, end: int, hard: bool, gap_before: bool
    ) -> None:
        # Filled in the instance's dict: a frozen dataclass's own __init__ sets each field
        # through object.__setattr__, 2.3 us a line against 1 (a long report has 10,000s).
        fields = self.__dict__
        fields["no"] = no
        fields["raw"] = raw
        fields["start"] = start
        fields["end"] = end
        fields["hard"] = hard
        fields["gap_before"] = gap_before
        fields["text"] = raw[start:end]


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


# Blocks whose every character is wide or fullwidth (tests/corpus/test_line_width.py checks
# them against unicodedata): CJK punctuation, kana, ideographs, fullwidth forms. Counted by
# deleting them in one pass, they leave a Chinese line's digits and Latin letters to look up.
WIDE_BLOCKS = (
    (0x3000, 0x303E),
    (0x3041, 0x3096),
    (0x30A0, 0x30FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xFF01, 0xFF60),
    (0xFFE0, 0xFFE6),
)
_WIDE_RUN = re.compile("[" + "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in WIDE_BLOCKS) + "]+")


def line_width(text: str) -> int:
    """The printed width of a line: a Chinese character or fullwidth mark takes two columns."""
    if text.isascii():
        return len(text)
    rest = _WIDE_RUN.sub("", text)
    if rest.isascii():
        return 2 * (len(text) - len(rest)) + len(rest)
    return 2 * (len(text) - len(rest)) + sum(map(_columns, rest))


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
