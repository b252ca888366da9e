"""Characters that never belong in a UN text: C0/C1 controls (tab and newline aside) and the
bidirectional embeddings, overrides and isolates. Extraction tools leave them behind (ESC, BEL,
form feeds) and a hostile file can hide text with U+202E; they would reach records, terminals and
Word files (python-docx refuses most of them). Carriage returns are line ends, handled where lines
are split, so they are not listed here."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def is_unsafe(char: str) -> bool:
    return _UNSAFE.fullmatch(char) is not None


def unsafe_positions(text: str) -> list[tuple[int, str]]:
    """(offset, character) of every unsafe character in `text`."""
    return [(match.start(), match.group()) for match in _UNSAFE.finditer(text)]


def strip_unsafe(text: str) -> tuple[str, Counter[str]]:
    """`text` without its unsafe characters, and how many of each were dropped, by code point
    (U+001B)."""
    dropped: Counter[str] = Counter(describe(match.group()) for match in _UNSAFE.finditer(text))
    return (_UNSAFE.sub("", text) if dropped else text), dropped


def describe(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE; controls have no Unicode name, only their code point."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")
