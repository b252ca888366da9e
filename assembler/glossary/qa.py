"""Corpus-aware quality checks of the glossary (`glossary check`), as terminologists run them:
terms the corpus never uses, deprecated or superseded terms the corpus does use (where), and
concepts with no English equivalent, terms shared by concepts that no context rule tells apart.
These are warnings: the rules of validate.py are the
errors. Pure functions over a glossary and corpus documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from assembler.corpus.model import Document
from assembler.glossary.matcher import Matcher, at_word_boundaries
from assembler.glossary.model import Glossary, Place, Term
from assembler.glossary.scan import (
    Occurrence,
    flags,
    glossary_language,
    record_segments,
    scan_records,
)

Kind = Literal["unused-term", "discouraged-use", "no-english", "ambiguous-term"]
KINDS: tuple[Kind, ...] = get_args(Kind)


@dataclass(frozen=True)
class Finding:
    kind: Kind
    concept: str
    message: str
    place: Place | None  # the glossary entry concerned
    lang: str = ""
    term: str = ""
    status: str = ""
    doc: str = ""
    where: str = ""  # "para 21 item (c)" for uses in the corpus
    use: str = ""  # the preferred form to write instead


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    documents: int
    terms_checked: int  # terms in the corpus's languages

    def count(self, kind: Kind) -> int:
        return sum(f.kind == kind for f in self.findings)


def _occurs(term: str, text: str) -> bool:
    """`term` anywhere in `text` (inside a longer term counts), Latin terms at word bounds."""
    start = text.find(term)
    while start >= 0:
        if at_word_boundaries(text, start, start + len(term)):
            return True
        start = text.find(term, start + 1)
    return False


def unused_terms(
    glossary: Glossary, documents: Sequence[Document], occurrences: Sequence[Occurrence]
) -> list[Finding]:
    """Terms in a language of the corpus that no document of that language contains."""
    texts: dict[str, list[str]] = {}
    for document in documents:
        lang = glossary_language(document.meta.lang)
        texts.setdefault(lang, []).extend(s.text for s in record_segments(document.records))
    corpus = {lang: "\n".join(parts) for lang, parts in texts.items()}
    hit = {(o.hit.term.lang, o.hit.term.text) for o in occurrences}
    findings = []
    for concept in glossary.concepts:
        for term in concept.terms:
            if term.lang not in corpus or (term.lang, term.text) in hit:
                continue
            if not _occurs(term.text, corpus[term.lang]):
                findings.append(
                    Finding(
                        "unused-term",
                        concept.id,
                        f"{term.lang} term {term.text!r} ({term.status}) is never found "
                        "in the corpus",
                        term.place or concept.place,
                        lang=term.lang,
                        term=term.text,
                        status=term.status,
                    )
                )
    return findings


def discouraged_uses(glossary: Glossary, occurrences: Sequence[Occurrence]) -> list[Finding]:
    findings = []
    for flag in flags(glossary, occurrences):
        occurrence, term = flag.occurrence, flag.term
        use = flag.use.text if flag.use else ""
        instead = f"; use {use}" if use else "; the glossary has no preferred form to use"
        findings.append(
            Finding(
                "discouraged-use",
                flag.concept.id,
                f"{term.status} {term.lang} term {term.text!r} used in {occurrence.doc} "
                f"{occurrence.where}{instead}",
                term.place or flag.concept.place,
                lang=term.lang,
                term=term.text,
                status=term.status,
                doc=occurrence.doc,
                where=occurrence.where,
                use=use,
            )
        )
    return findings


def missing_english(glossary: Glossary) -> list[Finding]:
    return [
        Finding(
            "no-english",
            concept.id,
            f"{concept.id} has no English term",
            concept.place,
            lang="en",
        )
        for concept in glossary.concepts
        if not concept.in_language("en")
    ]


def _rules(term: Term) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(sorted(term.not_before)), tuple(sorted(term.not_after)))


def ambiguous_terms(glossary: Glossary) -> list[Finding]:
    """Terms on several concepts (validate.py requires a note saying why) with no context rule
    that tells the concepts apart: their owners' rules are all the same (usually none), so
    every occurrence is ambiguous and scans report it instead of choosing a concept. A
    warning, not an error: such terms are real (one acronym for two bodies), the note
    explains them, and nothing picks a concept for them silently."""
    owners: dict[tuple[str, str], list[tuple[str, Term]]] = {}
    for concept in glossary.concepts:
        for term in concept.terms:
            owners.setdefault((term.lang, term.text), []).append((concept.id, term))
    findings = []
    for (lang, text), entries in owners.items():
        ids = list(dict.fromkeys(c for c, _ in entries))
        if len(ids) < 2 or len({_rules(t) for _, t in entries}) > 1:
            continue
        first = entries[0][1]
        findings.append(
            Finding(
                "ambiguous-term",
                ids[0],
                f"{lang} term {text!r} is on {', '.join(ids)} with no context rule telling them "
                "apart (add not_before/not_after to the term on one of them): scans report "
                "each occurrence as ambiguous",
                first.place,
                lang=lang,
                term=text,
                status=first.status,
            )
        )
    return findings


def check(glossary: Glossary, documents: Sequence[Document]) -> Report:
    """Every QA finding of the glossary against the corpus documents."""
    languages = sorted({glossary_language(d.meta.lang) for d in documents})
    # Each document is scanned with the terms of its own language only.
    matchers = {lang: Matcher(glossary, [lang]) for lang in languages}
    occurrences = [
        o
        for d in documents
        for o in scan_records(matchers[glossary_language(d.meta.lang)], d.records)
    ]
    findings = (
        unused_terms(glossary, documents, occurrences)
        + discouraged_uses(glossary, occurrences)
        + missing_english(glossary)
        + ambiguous_terms(glossary)
    )
    checked = sum(t.lang in languages for c in glossary.concepts for t in c.terms)
    return Report(tuple(findings), len(documents), checked)
