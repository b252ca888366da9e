"""A pick's record in another language: UN documents keep their paragraph numbers in every
language, so the English of a Chinese paragraph is the same paragraph number (or numbered
heading) of the document's English version; None where the corpus lacks it."""

from __future__ import annotations

from dataclasses import dataclass

from assembler.corpus.align import align_headings, align_paragraphs, heading_place
from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document, Record
from assembler.pack.resolve import Pick


@dataclass(frozen=True)
class _Aligned:
    """A document paired with one of its versions, once: paragraph number or heading place
    -> the version's record (None where the version lacks it)."""

    paragraphs: dict[str, Record | None]
    headings: dict[tuple[str, ...], Record | None]


class Translations:
    """Each document is aligned with a version once, however many of its paragraphs a pack
    picks."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._aligned: dict[tuple[str, str], _Aligned | None] = {}

    def _alignment(self, document: Document, lang: str) -> _Aligned | None:
        key = (document.meta.id, lang)
        if key not in self._aligned:
            version = self._corpus.translation(document, lang)
            self._aligned[key] = (
                None
                if version is None
                else _Aligned(
                    {p.para: p.right for p in align_paragraphs(document, version)},
                    {h.place: h.right for h in align_headings(document, version)},
                )
            )
        return self._aligned[key]

    def record(self, pick: Pick, lang: str) -> Record | None:
        if pick.record.lang == lang:
            return pick.record
        aligned = self._alignment(pick.document, lang)
        if aligned is None:
            return None
        if pick.record.para is not None:
            return aligned.paragraphs.get(pick.record.para)
        place = heading_place(pick.record)
        return aligned.headings.get(place) if place is not None else None
