"""Two language versions of one document side by side, paragraph by paragraph.

UN documents keep the same paragraph numbers in every language, so paragraph 39 of the Chinese
report is paragraph 39 of the English one: versions align by (document, paragraph number), never
by position or by similarity of text. Where one version lacks a paragraph (an excerpt, a copy
that lost a page), its side is None, so the gap shows instead of shifting every pair after it.
Headings align the same way, by their numbered place in the outline: chapter 二 is chapter II.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assembler.corpus.assemble import chinese_number
from assembler.corpus.layout import CJK_NUMERALS, ROMAN
from assembler.corpus.model import Document, Record
from assembler.errors import AssemblerError

_ROMAN = re.compile(ROMAN)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
# What a heading label looks like once normalised (see layout.normalise_label); an unlabelled
# heading stands in a path by its title, which looks like none of these.
_LABEL = re.compile(rf"[{CJK_NUMERALS}]{{1,3}}|{ROMAN}|[A-Z]|\d{{1,3}}|\([a-z]{{1,2}}\)")


@dataclass(frozen=True)
class ParagraphPair:
    """Paragraph `para` of a document in two versions; a side is None where it lacks it."""

    para: str
    left: Record | None
    right: Record | None


@dataclass(frozen=True)
class HeadingPair:
    """A numbered heading in two versions (`place`: its labels from the chapter down, numerals
    as digits: ("2", "A", "2", "(c)")); a side is None where it lacks it."""

    place: tuple[str, ...]
    left: Record | None
    right: Record | None


def _number(para: str) -> tuple[int, str]:
    return (int(para), "") if para.isdigit() else (0, para)


def _same_document(left: Document, right: Document) -> None:
    if left.meta.id != right.meta.id:
        raise AssemblerError(
            f"{left.meta.id} and {right.meta.id} are different documents: only versions of one"
            " document share paragraph numbers",
            hint="align a document with its translation (Corpus.translation)",
        )


def align_paragraphs(
    left: Document, right: Document, paras: Iterable[str] | None = None
) -> list[ParagraphPair]:
    """The numbered paragraphs of two versions of one document, paired by number, in number
    order: every paragraph either version has, or only those in `paras` ("1", "39", ...)."""
    _same_document(left, right)
    by_left = {r.para: r for r in left.paragraphs if r.para is not None}
    by_right = {r.para: r for r in right.paragraphs if r.para is not None}
    wanted = list(dict.fromkeys(paras)) if paras is not None else [*by_left, *by_right]
    return [
        ParagraphPair(para, by_left.get(para), by_right.get(para))
        for para in sorted(set(wanted), key=_number)
    ]


def _label_value(label: str) -> str:
    """A heading label in a form every language shares: numerals as digits ("二", "II" -> "2"),
    letters as printed ("A", "(c)")."""
    if (number := chinese_number(label)) is not None:
        return str(number)
    if label and _ROMAN.fullmatch(label):
        values = [_ROMAN_VALUES[c] for c in label]
        total = sum(-v if v < values[i + 1] else v for i, v in enumerate(values[:-1]))
        return str(total + values[-1])
    return label


def heading_place(record: Record) -> tuple[str, ...] | None:
    """Where a numbered heading stands in its document's outline, the same in every language;
    None for a heading without a label, or under one (its place is known only by its title)."""
    if record.kind != "heading" or record.label is None:
        return None
    labels = (*record.path, record.label)
    if not all(_LABEL.fullmatch(label) for label in labels):
        return None
    return tuple(_label_value(label) for label in labels)


def align_headings(left: Document, right: Document) -> list[HeadingPair]:
    """The numbered headings of two versions of one document, paired by their place in the
    outline, in the left version's reading order (headings only the right has come last)."""
    _same_document(left, right)
    by_left = {p: r for r in left.headings if (p := heading_place(r)) is not None}
    by_right = {p: r for r in right.headings if (p := heading_place(r)) is not None}
    places = list(dict.fromkeys([*by_left, *by_right]))
    return [HeadingPair(p, by_left.get(p), by_right.get(p)) for p in places]
