"""Resolve a pack spec against the corpus and the glossary: which records each section
takes, which glossary concepts the pack shows, and the meeting's facts. Every error points
at the place in the spec that caused it."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from assembler.corpus import index
from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document, DocumentMeta, Record
from assembler.corpus.select import parse_ranges, select_paragraphs
from assembler.errors import AssemblerError
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Concept, Glossary
from assembler.pack.spec import LoadedSpec, SelectionSpec
from assembler.yamlpos import PathKey


@dataclass(frozen=True)
class Pick:
    """One record a section shows, and the document it comes from."""

    document: Document
    record: Record
    where: PathKey = ()  # the selection of the spec that picked it, for errors
    # The index of the earlier section that prints this paragraph: here it is referred to.
    printed_in: int | None = None


@dataclass(frozen=True)
class ResolvedSection:
    heading: str  # in the pack's main language
    note: str
    picks: tuple[Pick, ...]


@dataclass(frozen=True)
class Repeat:
    """A paragraph picked more than once: printed in section `first` only (indexes of
    Resolution.sections); `again` is the section that picked it again (maybe the same)."""

    pick: Pick
    first: int
    again: int


@dataclass(frozen=True)
class CoverText:
    """The spec's own words for the cover, in the pack's main language."""

    title: str
    subtitle: str
    prepared_by: str


@dataclass(frozen=True)
class Meeting:
    """The meeting's facts; empty where neither the spec nor the document states them."""

    body: str = ""
    session: int | None = None
    dates: tuple[dt.date, dt.date] | None = None
    venue: str = ""
    agenda_item: str = ""
    agenda_title: str = ""
    # Reports are issued under an item of the provisional agenda; resolutions and decisions are
    # adopted under an item of the agenda as adopted.
    provisional_agenda: bool = True


@dataclass(frozen=True)
class Resolution:
    spec: LoadedSpec
    cover: CoverText
    meeting: Meeting
    sections: tuple[ResolvedSection, ...]
    repeats: tuple[Repeat, ...]
    concepts: tuple[Concept, ...]  # of the annex, in order of appearance or as listed
    glossary: Glossary
    glossed: frozenset[str]  # ids of the concepts glossing may gloss (none when it is off)


class _Documents:
    """Documents of the corpus, loaded once each, with errors placed in the spec."""

    def __init__(self, corpus: Corpus, spec: LoadedSpec) -> None:
        self._corpus = corpus
        self._spec = spec
        self._loaded: dict[str, Document] = {}

    def get(self, name: str, where: PathKey) -> Document:
        if name not in self._loaded:
            try:
                document = self._corpus.resolve(name)
            except AssemblerError as exc:
                raise self._spec.error(exc.message, where, exc.hint) from exc
            self._loaded[name] = document
            self._loaded[document.meta.id] = document
        return self._loaded[name]


def heading_key(record: Record) -> tuple[str, ...]:
    """A heading's place as the paths of the records under it name it: its label, or its
    text where it has none (附件)."""
    return (*record.path, record.label or record.text)


def _by_heading(
    document: Document, path: tuple[str, ...], spec: LoadedSpec, where: PathKey
) -> list[Record]:
    """The heading at `path` (its labels, e.g. 二 A 2) and everything under it."""
    headings = {heading_key(r): r for r in document.headings}
    if path not in headings:
        known = [" ".join(p) for p in headings]
        close = difflib.get_close_matches(" ".join(path), known, n=3, cutoff=0.3)
        raise spec.error(
            f"{document.meta.symbol or document.meta.id} has no heading {' '.join(path)}",
            where,
            f"did you mean {' or '.join(close)}?" if close else f"headings: {', '.join(known)}",
        )
    return [r for r in document.records if r.path[: len(path)] == path]


def _concept(glossary: Glossary, concept_id: str, spec: LoadedSpec, where: PathKey) -> Concept:
    concept = glossary.get(concept_id)
    if concept is None:
        close = difflib.get_close_matches(concept_id, [c.id for c in glossary.concepts], n=3)
        raise spec.error(
            f"no glossary concept {concept_id!r}",
            where,
            f"did you mean {', '.join(close)}?"
            if close
            else "see `assembler glossary lookup TERM` for concept ids",
        )
    return concept


def _glossary_language(lang: str) -> str:
    """The glossary's name of a corpus language (the corpus's `zh` is Simplified)."""
    return "zh-Hans" if lang == "zh" else lang


def _mentions(documents: Iterable[Document], concept: Concept) -> list[Pick]:
    """Paragraphs (text, items or notes) where any term of the concept occurs in the
    paragraph's own language."""
    matchers: dict[str, Matcher] = {}
    picks = []
    for document in documents:
        lang = document.meta.lang
        if lang not in matchers:
            matchers[lang] = Matcher(Glossary((concept,)), (_glossary_language(lang),))
        for record in document.paragraphs:
            if matchers[lang].find(index.searchable_text(record)):
                picks.append(Pick(document, record))
    return picks


def _select(
    selection: SelectionSpec,
    where: PathKey,
    documents: _Documents,
    corpus: Corpus,
    glossary: Glossary,
    spec: LoadedSpec,
) -> list[Pick]:
    document = (
        documents.get(selection.document, (*where, "document")) if selection.document else None
    )
    if selection.paragraphs is not None and document is not None:
        try:
            records = select_paragraphs(document, parse_ranges(selection.paragraphs))
        except AssemblerError as exc:
            raise spec.error(exc.message, (*where, "paragraphs"), exc.hint) from exc
        return [Pick(document, r, where) for r in records]
    if selection.heading is not None and document is not None:
        records = _by_heading(document, selection.heading, spec, (*where, "heading"))
        return [Pick(document, r, where) for r in records]
    if selection.search is not None:
        try:
            hits = index.search(
                corpus.records_dir,
                corpus.index_path,
                selection.search,
                doc=document.meta.id if document else None,
                limit=10_000,
            )
        except AssemblerError as exc:
            raise spec.error(exc.message, (*where, "search"), exc.hint) from exc
        picks = []
        for hit in hits:
            if hit.kind != "paragraph":
                continue
            found = documents.get(hit.doc, (*where, "search"))
            record = next(r for r in found.records if r.seq == hit.seq)
            picks.append(Pick(found, record, where))
        if not picks:
            raise spec.error(
                f"no paragraph matches the search {selection.search!r}",
                (*where, "search"),
                "try fewer or shorter words, or check them with `assembler corpus search`",
            )
        return picks[: selection.limit]
    if selection.concept is not None:
        concept = _concept(glossary, selection.concept, spec, (*where, "concept"))
        scope = [document] if document else [documents.get(i, where) for i in corpus.ids()]
        picks = [replace(p, where=where) for p in _mentions(scope, concept)]
        if not picks:
            raise spec.error(
                f"no paragraph mentions concept {concept.id!r}",
                (*where, "concept"),
                "check the concept's Chinese terms with `assembler glossary lookup`",
            )
        return picks[: selection.limit]
    assert document is not None  # the schema allows a bare document only
    return [Pick(document, r, where) for r in document.records]


def _once(
    sections: Sequence[Sequence[Pick]],
) -> tuple[tuple[tuple[Pick, ...], ...], tuple[Repeat, ...]]:
    """Each record printed once, in the section that picked it first. A later section that
    picks a paragraph again refers back to it (once); a heading picked again is dropped, as
    there is nothing to read there. Every paragraph picked again is reported."""
    first: dict[tuple[str, int], int] = {}
    kept_sections = []
    repeats = []
    for number, picks in enumerate(sections):
        kept = []
        referred: set[tuple[str, int]] = set()
        for pick in picks:
            key = (pick.document.meta.id, pick.record.seq)
            if key not in first:
                first[key] = number
                kept.append(pick)
                continue
            if pick.record.kind == "heading":
                continue
            repeats.append(Repeat(pick, first[key], number))
            if first[key] != number and key not in referred:
                referred.add(key)
                kept.append(replace(pick, printed_in=first[key]))
        kept_sections.append(tuple(kept))
    return tuple(kept_sections), tuple(repeats)


def equivalent_name(glossary: Glossary, chinese: str, lang: str) -> str:
    """The glossary's preferred full form in `lang` of a concept one of whose Chinese terms
    is exactly `chinese` (预防犯罪和刑事司法委员会 -> Commission on Crime Prevention and
    Criminal Justice); empty when the glossary has no such concept: never a guess."""
    tag = "zh-Hans" if lang == "zh" else lang
    for concept in glossary.concepts:
        if any(t.text == chinese for t in concept.in_language("zh-Hans")):
            terms = [t for t in concept.in_language(tag) if t.status == "preferred"]
            full = next((t for t in terms if t.type == "full-form"), None)
            if full is not None:
                return full.text
    return ""


def _meeting(
    spec: LoadedSpec, documents: _Documents, corpus: Corpus, glossary: Glossary, lang: str
) -> Meeting:
    """The spec's meeting fields over those of its `from` document, read from the document's
    version in the pack's main language: an English cover takes no Chinese text. Where that
    version does not name the body, the glossary's equivalent of the Chinese name does."""
    given = spec.spec.meeting
    base = Meeting()
    if given.from_document is not None:
        document = documents.get(given.from_document, ("meeting", "from"))
        version = corpus.translation(document, lang)
        meta = version.meta if version is not None else DocumentMeta(id=document.meta.id, lang=lang)
        # Numbers, dates and the agenda item read the same in every language: take them from
        # any version; words (body, venue, agenda title) only from the pack's language.
        facts = meta if meta.session or meta.dates else document.meta
        body = meta.body or equivalent_name(glossary, document.meta.body, lang)
        base = Meeting(
            body=body,
            session=facts.session,
            dates=(
                (dt.date.fromisoformat(facts.dates.start), dt.date.fromisoformat(facts.dates.end))
                if facts.dates
                else None
            ),
            venue=meta.venue,
            agenda_item=meta.agenda_item or document.meta.agenda_item,
            agenda_title=meta.agenda_title,
            provisional_agenda=not re.search(r"/(?:RES|DEC)/", document.meta.symbol),
        )
    return Meeting(
        body=given.body if given.body is not None else base.body,
        session=given.session if given.session is not None else base.session,
        dates=(given.dates.start, given.dates.end) if given.dates else base.dates,
        venue=given.venue if given.venue is not None else base.venue,
        agenda_item=given.agenda_item if given.agenda_item is not None else base.agenda_item,
        agenda_title=given.agenda_title if given.agenda_title is not None else base.agenda_title,
        provisional_agenda=base.provisional_agenda,
    )


def _annex_concepts(
    spec: LoadedSpec, glossary: Glossary, sections: tuple[ResolvedSection, ...]
) -> tuple[Concept, ...]:
    annex = spec.spec.glossary.annex
    if annex == "off":
        return ()
    if annex != "found":
        return tuple(
            _concept(glossary, concept_id, spec, ("glossary", "annex", i))
            for i, concept_id in enumerate(annex)
        )
    subjects = sorted({c.subject for c in glossary.concepts if c.subject})
    for i, subject in enumerate(spec.spec.glossary.leave_out):
        if subject not in subjects:
            # A first word ("countries") is a near miss too, which difflib does not see.
            close = [s for s in subjects if s.startswith(subject)][:3] or (
                difflib.get_close_matches(subject, subjects, n=3)
            )
            raise spec.error(
                f"no glossary subject {subject!r}",
                ("glossary", "leave_out", i),
                f"did you mean {', '.join(close)}?"
                if close
                else f"subjects: {', '.join(subjects)}",
            )
    left_out = set(spec.spec.glossary.leave_out)
    # Each record is matched in its own language: an English pack's resolutions find their
    # English titles.
    matchers: dict[str, Matcher] = {}
    by_id = glossary.by_id()
    found: dict[str, Concept] = {}
    for section in sections:
        for pick in section.picks:
            lang = pick.document.meta.lang
            if lang not in matchers:
                matchers[lang] = Matcher(glossary, (_glossary_language(lang),))
            for hit in matchers[lang].find(index.searchable_text(pick.record)):
                for concept_id in hit.concepts:
                    if by_id[concept_id].subject not in left_out:
                        found.setdefault(concept_id, by_id[concept_id])
    return tuple(found.values())


def resolve(spec: LoadedSpec, corpus: Corpus, glossary: Glossary, lang: str = "zh") -> Resolution:
    """The spec's records and concepts; `lang` is the corpus language of the pack's main
    column, whose document metadata fills the meeting."""
    documents = _Documents(corpus, spec)
    selected: list[list[Pick]] = []
    for s, section in enumerate(spec.spec.sections):
        picks: list[Pick] = []
        for i, selection in enumerate(section.select):
            where: PathKey = ("sections", s, "select", i)
            picks.extend(_select(selection, where, documents, corpus, glossary, spec))
        selected.append(picks)
    once, repeats = _once(selected)
    resolved = tuple(
        ResolvedSection(
            spec.text(section.heading, lang, ("sections", s, "heading")),
            spec.text(section.note, lang, ("sections", s, "note")),
            picks,
        )
        for s, (section, picks) in enumerate(zip(spec.spec.sections, once, strict=True))
    )
    for name in spec.spec.cite_as:
        documents.get(name, ("cite_as", name))
    given = spec.spec
    return Resolution(
        spec=spec,
        cover=CoverText(
            spec.text(given.title, lang, ("title",)),
            spec.text(given.subtitle, lang, ("subtitle",)),
            spec.text(given.prepared_by, lang, ("prepared_by",)),
        ),
        meeting=_meeting(spec, documents, corpus, glossary, lang),
        sections=resolved,
        repeats=repeats,
        concepts=_annex_concepts(spec, glossary, resolved),
        glossary=glossary,
        glossed=_glossed(spec, glossary),
    )


def _glossed(spec: LoadedSpec, glossary: Glossary) -> frozenset[str]:
    gloss = spec.spec.glossary.gloss
    if gloss == "off":
        return frozenset()
    if gloss == "first":
        return frozenset(c.id for c in glossary.concepts)
    return frozenset(
        _concept(glossary, concept_id, spec, ("glossary", "gloss", i)).id
        for i, concept_id in enumerate(gloss)
    )
