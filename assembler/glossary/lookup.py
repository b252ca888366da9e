"""Finding terms (`glossary lookup`): the concepts with a term, a Traditional form or an id equal
to the query, then those with a term containing it or contained in it; Latin letters in any
case. When nothing matches, the near misses to suggest."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from assembler.glossary.model import Concept, Glossary, Term


@dataclass(frozen=True)
class Match:
    concept: Concept
    terms: tuple[Term, ...]  # the terms that matched (none when the id matched)
    exact: bool


@dataclass(frozen=True)
class Lookup:
    query: str
    matches: tuple[Match, ...]  # exact matches first, then partial ones
    suggestions: tuple[str, ...]  # terms and ids close to the query, when nothing matched


def _forms(term: Term) -> list[str]:
    return [term.text, *(form for _, form in term.variants)]


def lookup(glossary: Glossary, query: str) -> list[Match]:
    """Concepts with a term (or Traditional form) equal to the query, then those with a term
    containing it or contained in it (two characters or more); Latin letters in any case."""
    wanted = query.strip().casefold()
    if not wanted:
        return []
    exact: list[Match] = []
    partial: list[Match] = []
    for concept in glossary.concepts:
        same = tuple(t for t in concept.terms if wanted in (f.casefold() for f in _forms(t)))
        if same or concept.id == wanted:
            exact.append(Match(concept, same, True))
            continue
        near = tuple(
            t
            for t in concept.terms
            if any(
                wanted in f.casefold() or (len(f) >= 2 and f.casefold() in wanted)
                for f in _forms(t)
            )
        )
        if near:
            partial.append(Match(concept, near, False))
    # Closest in length first: the term a user most likely meant.
    partial.sort(key=lambda m: min(abs(len(t.text) - len(wanted)) for t in m.terms))
    return exact + partial


def suggestions(glossary: Glossary, query: str) -> list[str]:
    names = [t.text for c in glossary.concepts for t in c.terms] + [c.id for c in glossary.concepts]
    return difflib.get_close_matches(query, list(dict.fromkeys(names)), n=5, cutoff=0.5)


def find_terms(glossary: Glossary, query: str) -> Lookup:
    """The service behind `glossary lookup`: the matches, or the suggestions when none."""
    matches = lookup(glossary, query)
    close = () if matches else tuple(suggestions(glossary, query))
    return Lookup(query, tuple(matches), close)
