"""A pick's record in another language: UN documents keep their paragraph numbers in every
language, so the English of a Chinese paragraph is the same paragraph number (or numbered
heading) of the document's English version; None where the corpus lacks it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assembler.corpus.align import align_headings, align_paragraphs, heading_place
from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document, Record
from assembler.pack.resolve import Pick, Resolution


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


_LANGUAGE_NAMES = {"zh": "Chinese", "en": "English"}


def check_languages(
    resolution: Resolution, langs: Sequence[str], translations: Translations
) -> None:
    """A pack that says it is in a language must have that language's text of every pick:
    unless the spec says `missing: notice`, the picks the corpus lacks in one of `langs`
    (corpus languages of the columns) fail the build, all of them listed by document and
    paragraph, the error placed at the first one's selection."""
    spec = resolution.spec
    if spec.spec.missing == "notice":
        return
    for lang in langs:
        lacking = [
            pick
            for section in resolution.sections
            for pick in section.picks
            if pick.printed_in is None and translations.record(pick, lang) is None
        ]
        if not lacking:
            continue
        by_document: dict[str, list[Pick]] = {}
        for pick in lacking:
            by_document.setdefault(pick.document.meta.symbol or pick.document.meta.id, []).append(
                pick
            )
        listed = "; ".join(f"{name} {_places(picks)}" for name, picks in by_document.items())
        mode = "+".join(langs)
        raise spec.error(
            f"the corpus has no {_LANGUAGE_NAMES[lang]} text of {len(lacking)} picked "
            f"paragraph{'' if len(lacking) == 1 else 's'} of this {mode} pack: {listed}",
            lacking[0].where,
            f"pick paragraphs the corpus has in {_LANGUAGE_NAMES[lang]}, or add `missing: notice` "
            "to the spec to print a notice in their place",
        )


def _places(picks: Sequence[Pick]) -> str:
    """ "paragraphs 4-8, 30, 115" (runs of numbers joined), then headings and unnumbered
    paragraphs, so that a long list stays readable."""
    paras = [p.record.para for p in picks if p.record.para is not None]
    numbers = sorted({int(para) for para in paras if para.isdigit()})
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    said = [str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs]
    said += [para for para in paras if not para.isdigit()]
    places = [f"paragraph{'s' if len(numbers) > 1 else ''} {', '.join(said)}"] if said else []
    for pick in picks:
        record = pick.record
        if record.kind == "heading":
            places.append(f"heading {' '.join((*record.path, record.label or record.text))}")
        elif record.para is None:
            places.append(f"an unnumbered paragraph (record {record.seq})")
    return "; ".join(places)
