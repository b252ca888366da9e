"""Paragraph ranges ("15-20, 38") and the records they select, with errors that give the
valid range. Shared by `corpus show` and pack specs."""

from __future__ import annotations

import re

from assembler.corpus.model import Document, Record, version_name
from assembler.errors import AssemblerError

# Nine digits at most: no document has a billion paragraphs, and a longer run of digits would
# reach int()'s 4,300-digit limit with a traceback instead of a message.
_PART = re.compile(r"^\s*(\d{1,9})\s*(?:[-–—~]\s*(\d{1,9}))?\s*$")


def parse_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for part in re.split(r"[,，、;]", text):
        if not part.strip():
            continue
        match = _PART.match(part)
        if match is None:
            shown = part.strip()
            shown = shown if len(shown) <= 40 else shown[:40] + "..."
            raise AssemblerError(
                f"{shown!r} is not a paragraph number or range (at most 9 digits a number)",
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


def _missing(numbers: set[int], ranges: list[tuple[int, int]], limit: int) -> list[int]:
    """Up to `limit` numbers of `ranges` that are not in `numbers`, in order. Bounded by the
    document's size, not the ranges' (1-999999999 is one range, never a billion numbers)."""
    missing: list[int] = []
    for low, high in sorted(ranges):
        number = max(low, missing[-1] + 1 if missing else low)
        while number <= high and len(missing) < limit:
            if number not in numbers:
                missing.append(number)
            number += 1
    return missing


def select_paragraphs(document: Document, ranges: list[tuple[int, int]]) -> list[Record]:
    """The numbered paragraphs in `ranges`, in reading order; an error names any number the
    document does not have, with the range it does have."""
    by_number = {int(r.para): r for r in document.paragraphs if r.para and r.para.isdigit()}
    missing = _missing(set(by_number), ranges, limit=6)
    if missing:
        runs = paragraph_runs(document)
        has = f"paragraphs {runs}" if runs else "no numbered paragraphs"
        shown = ", ".join(str(n) for n in missing[:5]) + (" ..." if len(missing) > 5 else "")
        meta = document.meta
        raise AssemblerError(
            f"{version_name(meta.id, meta.lang)} has no paragraph {shown}",
            hint=f"{version_name(meta.symbol or meta.id, meta.lang)} has {has}",
        )
    return [
        by_number[n] for n in sorted(by_number) if any(low <= n <= high for low, high in ranges)
    ]
