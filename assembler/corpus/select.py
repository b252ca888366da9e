"""Paragraph ranges ("15-20, 38") and the records they select, with errors that give the
valid range. Shared by `corpus show` and pack specs."""

from __future__ import annotations

import re

from assembler.corpus.model import Document, Record, version_name
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


def paragraph_runs(document: Document) -> str:
    """The document's paragraph numbers as runs: "1-127", or "1-3, 39" for an excerpt."""
    numbers = sorted(int(r.para) for r in document.paragraphs if r.para and r.para.isdigit())
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(f"{low}-{high}" if high > low else str(low) for low, high in runs)


def select_paragraphs(document: Document, ranges: list[tuple[int, int]]) -> list[Record]:
    """The numbered paragraphs in `ranges`, in reading order; an error names any number the
    document does not have, with the range it does have."""
    by_number = {int(r.para): r for r in document.paragraphs if r.para and r.para.isdigit()}
    wanted = sorted({n for low, high in ranges for n in range(low, high + 1)})
    missing = [n for n in wanted if n not in by_number]
    if missing:
        runs = paragraph_runs(document)
        has = f"paragraphs {runs}" if runs else "no numbered paragraphs"
        shown = ", ".join(str(n) for n in missing[:5]) + (" ..." if len(missing) > 5 else "")
        meta = document.meta
        raise AssemblerError(
            f"{version_name(meta.id, meta.lang)} has no paragraph {shown}",
            hint=f"{version_name(meta.symbol or meta.id, meta.lang)} has {has}",
        )
    return [by_number[n] for n in wanted]
