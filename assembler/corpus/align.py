"""Two language versions of one document side by side, paragraph by paragraph.

UN documents keep the same paragraph numbers in every language, so paragraph 39 of the Chinese
report is paragraph 39 of the English one: versions align by (document, paragraph number), never
by position or by similarity of text. Where one version lacks a paragraph (an excerpt, a copy
that lost a page), its side is None, so the gap shows instead of shifting every pair after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assembler.corpus.model import Document, Record
from assembler.errors import AssemblerError


@dataclass(frozen=True)
class ParagraphPair:
    """Paragraph `para` of a document in two versions; a side is None where it lacks it."""

    para: str
    left: Record | None
    right: Record | None


def _number(para: str) -> tuple[int, str]:
    return (int(para), "") if para.isdigit() else (0, para)


def align_paragraphs(
    left: Document, right: Document, paras: Iterable[str] | None = None
) -> list[ParagraphPair]:
    """The numbered paragraphs of two versions of one document, paired by number, in number
    order: every paragraph either version has, or only those in `paras` ("1", "39", ...)."""
    if left.meta.id != right.meta.id:
        raise AssemblerError(
            f"{left.meta.id} and {right.meta.id} are different documents: only versions of one"
            " document share paragraph numbers",
            hint="align a document with its translation (Corpus.translation)",
        )
    by_left = {r.para: r for r in left.paragraphs if r.para is not None}
    by_right = {r.para: r for r in right.paragraphs if r.para is not None}
    wanted = list(dict.fromkeys(paras)) if paras is not None else [*by_left, *by_right]
    return [
        ParagraphPair(para, by_left.get(para), by_right.get(para))
        for para in sorted(set(wanted), key=_number)
    ]
