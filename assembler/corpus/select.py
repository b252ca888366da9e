"""Paragraph ranges ("15-20, 38") and the records they select, with errors that give the
valid range. Shared by `corpus show` and pack specs."""

from __future__ import annotations

import re

from assembler.corpus.model import Document, Record
from assembler.errors import AssemblerError

_PART = re.compile(r"^\s*(\d+)\s*(?:[-–—~]\s*(\d+))?\s*$")


def parse_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for part in re.split(r"[,，、;]", text):
        if not part.strip():
            continue
        match = _PART.match(part)
        if match is None:
            raise AssemblerError(
                f"{part.strip()!r} is not a paragraph number or range",
                hint="write numbers and ranges like 15-20, 38",
            )
        low = int(match[1])
        high = int(match[2] or low)
        if high < low:
            raise AssemblerError(f"range {low}-{high} runs backwards", hint=f"write {high}-{low}")
        ranges.append((low, high))
    if not ranges:
        raise AssemblerError(
            "no paragraph numbers given", hint="write numbers and ranges like 15-20, 38"
        )
    return ranges


def numbered_span(document: Document) -> tuple[int, int] | None:
    numbers = [int(r.para) for r in document.paragraphs if r.para and r.para.isdigit()]
    return (min(numbers), max(numbers)) if numbers else None


def select_paragraphs(document: Document, ranges: list[tuple[int, int]]) -> list[Record]:
    """The numbered paragraphs in `ranges`, in reading order; an error names any number the
    document does not have, with the range it does have."""
    by_number = {int(r.para): r for r in document.paragraphs if r.para and r.para.isdigit()}
    wanted = sorted({n for low, high in ranges for n in range(low, high + 1)})
    missing = [n for n in wanted if n not in by_number]
    if missing:
        span = numbered_span(document)
        has = f"paragraphs {span[0]}-{span[1]}" if span else "no numbered paragraphs"
        shown = ", ".join(str(n) for n in missing[:5]) + (" ..." if len(missing) > 5 else "")
        raise AssemblerError(
            f"{document.meta.id} has no paragraph {shown}",
            hint=f"{document.meta.symbol or document.meta.id} has {has}",
        )
    return [by_number[n] for n in wanted]
