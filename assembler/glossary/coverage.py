"""The terminologist's loop: which names in one document the glossary does not know, ranked,
with the paragraphs they occur in (`glossary coverage DOC`).

The names come from the candidate miner (candidates.py): full forms defined with their short
forms (全称（简称）), quoted titles 《…》 and organisation names; what the glossary covers is
left out there. Ranking: frequency first, then name-likeness (the miner's kinds in order of
their evidence: a definition names a concept for certain, a title is a name as written, an
organisation name is inferred from its ending and its neighbours), then the text, so that the
order is stable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.candidates import KINDS, Candidate, Kind, find_candidates
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import Glossary
from assembler.glossary.scan import glossary_language, scan_records

# The miner reads Chinese; a document in another language has nothing for it.
MINED_LANGUAGE = "zh-Hans"


@dataclass(frozen=True)
class Unknown:
    """A name the glossary does not know, as a document uses it."""

    name: str  # the full form
    short_forms: tuple[str, ...]  # defined in brackets after it, when it is a definition
    kind: Kind
    count: int  # occurrences of the name and its short forms
    paragraphs: tuple[str, ...]  # numbered paragraphs it occurs in, in reading order
    other_places: tuple[str, ...]  # places outside numbered paragraphs ("heading (record 3)")
    adds_to: str  # a concept that already holds one of its terms (add the rest to it)


@dataclass(frozen=True)
class Coverage:
    doc: str
    symbol: str
    title: str
    unknown: tuple[Unknown, ...]  # ranked, all of them
    known_concepts: int  # glossary concepts found in the document


def rank_key(unknown: Unknown) -> tuple[int, int, str]:
    return (-unknown.count, KINDS.index(unknown.kind), unknown.name)


def unknown_name(candidate: Candidate) -> Unknown:
    paragraphs = dict.fromkeys(loc.para for loc in candidate.locations if loc.para)
    others = dict.fromkeys(loc.where for loc in candidate.locations if not loc.para)
    return Unknown(
        candidate.text,
        tuple(t.text for t in candidate.terms[1:]),
        candidate.kind,
        candidate.count,
        tuple(p for p in paragraphs if p),
        tuple(others),
        candidate.adds_to,
    )


def document_coverage(glossary: Glossary, corpus: Path, doc: str) -> Coverage:
    """The service behind `glossary coverage`: every name the miner finds in document `doc`
    (id or symbol) that the glossary lacks, ranked (rank_key)."""
    document = Corpus(corpus).resolve(doc)
    lang = glossary_language(document.meta.lang)
    if lang != MINED_LANGUAGE:
        raise AssemblerError(
            f"{document.meta.id} is in {document.meta.lang}: coverage finds Chinese names only",
            hint="choose a Chinese document (assembler corpus list)",
        )
    # One occurrence is enough here: the question is what this document names.
    candidates = find_candidates(glossary, [document], min_count=1)
    unknown = sorted((unknown_name(c) for c in candidates), key=rank_key)
    found = scan_records(Matcher(glossary, [lang]), document.records)
    known = len({c for o in found for c in o.hit.concepts})
    meta = document.meta
    return Coverage(meta.id, meta.symbol or "", meta.title, tuple(unknown), known)
