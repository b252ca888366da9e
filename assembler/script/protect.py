"""Placeholder protection: engine-independent, works with any converter.

Each protected span of the input is replaced by one private-use character, the text goes
through the converter, and each placeholder is swapped for the span's fixed output. OpenCC
1.4.2 passes every private-use code point through unchanged and never joins one into a phrase
(tests/script/test_script_protect.py checks both), so a placeholder also cuts the phrase it
stands in.

Input text may itself hold private-use characters (PDF extractions keep Symbol-font bullets
such as U+F0B7) and NUL, which OpenCC silently drops, sometimes with all the text after it.
Both are escaped the same way: as spans whose output is the character itself.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from assembler.errors import AssemblerError

# The private-use areas in order: the BMP's, then planes 15 and 16 (noncharacters excluded).
_AREAS = ((0xE000, 0xF8FF), (0xF0000, 0xFFFFD), (0x100000, 0x10FFFD))
PLACEHOLDER_COUNT = sum(last - first + 1 for first, last in _AREAS)
# Characters that cannot reach the converter as themselves.
_ESCAPED = re.compile("[\x00" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _AREAS) + "]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class Span(NamedTuple):
    """text[start:end] leaves the conversion as `output`."""

    start: int
    end: int
    output: str


@dataclass(frozen=True)
class Masked:
    text: str  # the input, each protected span replaced by its placeholder
    outputs: dict[str, str]  # placeholder -> output


def placeholder(index: int) -> str:
    """The index-th private-use character."""
    for first, last in _AREAS:
        if index <= last - first:
            return chr(first + index)
        index -= last - first + 1
    raise IndexError(index)


def has_escaped(text: str) -> bool:
    """True when `text` holds a character that must be escaped (NUL or private use)."""
    return _ESCAPED.search(text) is not None


def check_encodable(text: str) -> None:
    """A lone surrogate cannot be encoded for any converter: say where it is."""
    found = _SURROGATE.search(text)
    if found is not None:
        raise AssemblerError(
            f"the text holds a lone surrogate U+{ord(found.group()):04X} at offset "
            f"{found.start()}: it is not valid Unicode text",
            hint="decode the source strictly as UTF-8 before converting it",
        )


def escapes(text: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in _ESCAPED.finditer(text)]


def mask(text: str, spans: Sequence[Span]) -> Masked:
    """`text` with `spans` (left to right, not overlapping, none holding an escaped character)
    and every escaped character replaced by placeholders; one placeholder per distinct output."""
    check_encodable(text)
    pieces: list[str] = []
    chosen: dict[str, str] = {}
    last = 0
    for start, end, output in heapq.merge(spans, escapes(text)):
        mark = chosen.get(output)
        if mark is None:
            if len(chosen) == PLACEHOLDER_COUNT:
                raise AssemblerError(
                    f"more than {PLACEHOLDER_COUNT:,} distinct protected spans in one text",
                    hint="convert the text in smaller parts",
                )
            mark = chosen[output] = placeholder(len(chosen))
        pieces.append(text[last:start])
        pieces.append(mark)
        last = end
    pieces.append(text[last:])
    return Masked("".join(pieces), {mark: output for output, mark in chosen.items()})


def unmask(converted: str, masked: Masked) -> str:
    """`converted` with each placeholder swapped back (re.sub: 2.4 times as fast as
    str.translate on the corpus, which looks up every character)."""
    if not masked.outputs:
        return converted
    return _ESCAPED.sub(lambda found: masked.outputs[found.group()], converted)


def convert_protected(text: str, spans: Sequence[Span], engine: Callable[[str], str]) -> str:
    """`engine` applied to `text` except on `spans` and escaped characters."""
    masked = mask(text, spans)
    return unmask(engine(masked.text), masked)
