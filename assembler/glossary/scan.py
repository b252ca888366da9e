"""Finding the glossary's concepts in documents: every occurrence with its place, and a summary
per concept. Pure functions over corpus records (or plain text) and a Matcher, which packs use
for their terminology annex, and the service behind `glossary scan` (scan_document, scan_text).

A record is scanned part by part: its text, each item, each footnote; offsets count characters
within that part. Leftmost-longest and non-overlapping within a part (matcher.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Record
from assembler.corpus.select import parse_ranges, select_paragraphs
from assembler.glossary.matcher import Hit, Matcher
from assembler.glossary.model import Concept, Glossary, Term

Part = Literal["text", "item", "note", "line"]
# Corpus documents say "zh" for the Chinese they are written in; the glossary says zh-Hans.
CORPUS_LANGUAGE = {"zh": "zh-Hans", "zh-Hans": "zh-Hans", "zh-CN": "zh-Hans"}
# Plain text is taken to be Chinese unless the caller says otherwise.
TEXT_LANGUAGE = "zh-Hans"


def glossary_language(corpus_lang: str) -> str:
    return CORPUS_LANGUAGE.get(corpus_lang, corpus_lang)


@dataclass(frozen=True)
class Segment:
    """One stretch of text to scan: a record's text, one of its items or footnotes, or a line
    of a plain text file."""

    doc: str
    seq: int
    para: str | None
    kind: str  # "paragraph", "heading" or "line"
    part: Part
    label: str  # item label ("(a)"), note mark ("1"), line number; "" for a record's text
    text: str


@dataclass(frozen=True)
class Occurrence:
    """One hit of the glossary in a document: doc, record, part, character offsets."""

    doc: str
    seq: int
    para: str | None
    kind: str
    part: Part
    label: str
    start: int
    end: int
    hit: Hit

    @property
    def where(self) -> str:
        """ "para 12", "para 21 item (c)", "para 39 note 1", "heading 二", "line 3"."""
        if self.part == "line":
            return f"line {self.label}"
        if self.para:
            base = f"para {self.para}"
        elif self.kind == "heading":
            base = f"heading (record {self.seq})"
        else:
            base = f"record {self.seq}"
        if self.part == "item":
            return f"{base} item {self.label}"
        if self.part == "note":
            return f"{base} note {self.label}"
        return base


def record_segments(records: Iterable[Record]) -> Iterator[Segment]:
    for r in records:
        yield Segment(r.doc, r.seq, r.para, r.kind, "text", "", r.text)
        for item in r.items:
            yield Segment(r.doc, r.seq, r.para, r.kind, "item", item.label, item.text)
        for note in r.notes:
            yield Segment(r.doc, r.seq, r.para, r.kind, "note", note.mark, note.text)


def text_segments(text: str, name: str) -> Iterator[Segment]:
    """A plain text, one segment a line (numbered from 1)."""
    for number, line in enumerate(text.splitlines(), start=1):
        yield Segment(name, number, None, "line", "line", str(number), line)


def scan_segments(matcher: Matcher, segments: Iterable[Segment]) -> list[Occurrence]:
    return [
        Occurrence(s.doc, s.seq, s.para, s.kind, s.part, s.label, hit.start, hit.end, hit)
        for s in segments
        for hit in matcher.find(s.text)
    ]


def scan_records(matcher: Matcher, records: Iterable[Record]) -> list[Occurrence]:
    """Every occurrence of a glossary term in the records (texts, items and footnotes), in
    reading order."""
    return scan_segments(matcher, record_segments(records))


def replacement(concept: Concept, term: Term) -> Term | None:
    """What to write instead of a deprecated or superseded term: the preferred term of the
    same language and type if there is one (an old acronym -> the current acronym), else the
    first preferred term of that language."""
    preferred = [t for t in concept.in_language(term.lang) if t.status == "preferred"]
    same_type = [t for t in preferred if t.type == term.type]
    return next(iter(same_type or preferred), None)


@dataclass(frozen=True)
class Flag:
    """A deprecated or superseded form found in the text, and the form to use instead."""

    occurrence: Occurrence
    concept: Concept
    term: Term
    use: Term | None


@dataclass(frozen=True)
class ConceptCount:
    """How often one concept occurs, in which forms, and its English equivalent."""

    concept: Concept
    count: int
    forms: tuple[tuple[Term, int], ...]  # each form found, with its count, most frequent first
    occurrences: tuple[Occurrence, ...]
    flags: tuple[Flag, ...]
    shared: bool  # some hit's term belongs to other concepts too (a context rule chose this one)

    @property
    def english(self) -> Term | None:
        return self.concept.preferred("en")


def own_term(concept: Concept, hit: Hit) -> Term:
    """The concept's own term for a hit (a term on two concepts may differ in status)."""
    return next(
        (t for t in concept.terms if t.text == hit.term.text and t.lang == hit.term.lang),
        hit.term,
    )


def flags(glossary: Glossary, occurrences: Sequence[Occurrence]) -> list[Flag]:
    """The occurrences of deprecated or superseded forms, in reading order."""
    by_id = glossary.by_id()
    found = []
    for occurrence in occurrences:
        for concept_id in occurrence.hit.concepts:
            concept = by_id[concept_id]
            term = own_term(concept, occurrence.hit)
            if term.discouraged:
                found.append(Flag(occurrence, concept, term, replacement(concept, term)))
    return found


def _shared_texts(glossary: Glossary) -> set[tuple[str, str]]:
    owners: dict[tuple[str, str], set[str]] = {}
    for concept in glossary.concepts:
        for term in concept.terms:
            owners.setdefault((term.lang, term.text), set()).add(concept.id)
    return {key for key, ids in owners.items() if len(ids) > 1}


def summarize(glossary: Glossary, occurrences: Sequence[Occurrence]) -> list[ConceptCount]:
    """One entry per concept found, in order of first occurrence. An ambiguous hit (a term
    of several concepts that no context rule tells apart there) counts for none of them:
    ambiguous() lists it instead of choosing."""
    by_id = glossary.by_id()
    shared_texts = _shared_texts(glossary)
    grouped: dict[str, list[Occurrence]] = {}
    for occurrence in occurrences:
        if not occurrence.hit.ambiguous:
            grouped.setdefault(occurrence.hit.concept, []).append(occurrence)
    all_flags = flags(glossary, occurrences)
    summary = []
    for concept_id, found in grouped.items():
        concept = by_id[concept_id]
        counts: dict[Term, int] = {}
        for occurrence in found:
            term = own_term(concept, occurrence.hit)
            counts[term] = counts.get(term, 0) + 1
        forms = tuple(sorted(counts.items(), key=lambda item: -item[1]))
        summary.append(
            ConceptCount(
                concept=concept,
                count=len(found),
                forms=forms,
                occurrences=tuple(found),
                flags=tuple(f for f in all_flags if f.concept.id == concept_id),
                shared=any((o.hit.term.lang, o.hit.term.text) in shared_texts for o in found),
            )
        )
    return summary


def ambiguous(occurrences: Sequence[Occurrence]) -> list[Occurrence]:
    """The hits that could be any of several concepts, in reading order."""
    return [o for o in occurrences if o.hit.ambiguous]


# -- the service -----------------------------------------------------------------------------
@dataclass(frozen=True)
class ScanResult:
    """What `glossary scan` finds in a document or a text."""

    source: str  # what was scanned: "<id>  <symbol>  <title>", or "<name> (text, <lang>)"
    scope: str  # "paragraphs 15-20", "127 records", "every line"
    lang: str  # the language whose terms were looked for
    range: str | None  # the paragraphs asked for, if any
    occurrences: tuple[Occurrence, ...]
    concepts: tuple[ConceptCount, ...]
    flags: tuple[Flag, ...]
    ambiguous: tuple[Occurrence, ...] = ()  # hits of several concepts, counted for none


def _result(
    glossary: Glossary,
    source: str,
    scope: str,
    lang: str,
    paragraphs: str | None,
    occurrences: list[Occurrence],
) -> ScanResult:
    return ScanResult(
        source,
        scope,
        lang,
        paragraphs,
        tuple(occurrences),
        tuple(summarize(glossary, occurrences)),
        tuple(flags(glossary, occurrences)),
        tuple(ambiguous(occurrences)),
    )


def scan_document(
    glossary: Glossary,
    corpus: Path,
    doc: str,
    paragraphs: str | None = None,
    lang: str | None = None,
) -> ScanResult:
    """The glossary's terms in `lang` (default: the document's language) in document `doc` (id
    or symbol) of the corpus rooted at `corpus`: every record, or the paragraphs given
    ("15-20,38")."""
    document = Corpus(corpus).resolve(doc)
    lang = lang or glossary_language(document.meta.lang)
    records = (
        select_paragraphs(document, parse_ranges(paragraphs))
        if paragraphs
        else list(document.records)
    )
    meta = document.meta
    source = f"{meta.id}  {meta.symbol or '(no symbol)'}  {meta.title}"
    scope = f"paragraphs {paragraphs}" if paragraphs else f"{len(records)} records"
    occurrences = scan_records(Matcher(glossary, [lang]), records)
    return _result(glossary, source, scope, lang, paragraphs, occurrences)


def scan_text(glossary: Glossary, text: str, name: str, lang: str | None = None) -> ScanResult:
    """The glossary's terms in `lang` (default zh-Hans) in a plain text, line by line; `name`
    says where the text came from (a file, "<stdin>")."""
    lang = lang or TEXT_LANGUAGE
    occurrences = scan_segments(Matcher(glossary, [lang]), text_segments(text, name))
    return _result(glossary, f"{name} (text, {lang})", "every line", lang, None, occurrences)
