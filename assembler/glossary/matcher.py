"""The one term matcher: leftmost-longest, non-overlapping exact matching, built once per
glossary and used by scan, QA and packs.

Chinese has no word boundaries, so a term is found wherever its characters occur; among the
terms that start at the same place the longest wins, and a term inside a longer match is not
reported again. ahocorasick-rs implements exactly this (MatchKind.LeftmostLongest);
pyahocorasick's `iter_long` is not used because it drops matches (its issue #133).
Latin-script terms (English, acronyms) must also stand at word boundaries: "UN" is not a hit
inside "UNODC".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick_rs

from assembler.glossary.model import Concept, Glossary, Term


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence: text[start:end] == term.text. `concepts` lists every concept that has
    this exact term (more than one only where the glossary notes why)."""

    start: int
    end: int
    term: Term
    concepts: tuple[str, ...]

    @property
    def concept(self) -> str:
        return self.concepts[0]


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def at_word_boundaries(text: str, start: int, end: int) -> bool:
    """A Latin term must not continue a Latin word on either side; CJK neighbours are fine."""
    term = text[start:end]
    if _is_word_char(term[0]) and start > 0 and _is_word_char(text[start - 1]):
        return False
    return not (_is_word_char(term[-1]) and end < len(text) and _is_word_char(text[end]))


class Matcher:
    """Finds the terms of some languages of a glossary in text."""

    def __init__(
        self, glossary: Glossary, languages: Iterable[str] = ("zh-Hans",), *, window: int = 4096
    ) -> None:
        """`window`: how much text the automaton reads at a time (at least 8 longest terms)."""
        wanted = set(languages)
        owners: dict[str, list[tuple[Concept, Term]]] = {}
        for concept in glossary.concepts:
            for term in concept.terms:
                if term.lang in wanted and term.text:
                    owners.setdefault(term.text, []).append((concept, term))
        self._patterns = list(owners)
        self._index = {pattern: index for index, pattern in enumerate(self._patterns)}
        # Per pattern, ready-made: its term, its concept ids, and whether it needs the word-
        # boundary check (only patterns that start or end with a Latin letter or digit do).
        self._terms = [owners[p][0][1] for p in self._patterns]
        self._concepts = [tuple(dict.fromkeys(c.id for c, _ in owners[p])) for p in self._patterns]
        self._latin = [_is_word_char(p[0]) or _is_word_char(p[-1]) for p in self._patterns]
        self._longest = max((len(p) for p in self._patterns), default=0)
        self._window = max(window, 8 * self._longest, 1)
        self._automaton = (
            ahocorasick_rs.AhoCorasick(
                self._patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            if self._patterns
            else None
        )

    def __len__(self) -> int:
        return len(self._patterns)

    def find(self, text: str) -> list[Hit]:
        """Every hit in `text`, left to right, none overlapping another: at the leftmost place
        where a term can stand, the longest such term. A Latin term inside a Latin word is no
        hit; then a shorter term at the same place may be one ("UN" in "UN Womenfolk"), else
        the search goes on from the next character.

        The automaton reads the text in windows, so that such a restart re-reads one window,
        not the rest of the text: a match is taken only when it starts far enough from the
        window's end (one longest term) to be whole, and leftmost-longest from a place
        depends only on the text after it."""
        if self._automaton is None:
            return []
        hits: list[Hit] = []
        terms, concepts, latin = self._terms, self._concepts, self._latin
        offset = 0
        while offset < len(text):
            stop = min(len(text), offset + self._window)
            safe = len(text) if stop == len(text) else stop - self._longest
            resume = safe
            for index, start, end in self._automaton.find_matches_as_indexes(text[offset:stop]):
                start, end = start + offset, end + offset
                if start >= safe:  # may be cut by the window's end: read again from `resume`
                    break
                if not latin[index] or at_word_boundaries(text, start, end):
                    hits.append(Hit(start, end, terms[index], concepts[index]))
                    resume = max(safe, end)
                    continue
                shorter = self._shorter_at(text, start, end)
                if shorter is None:
                    resume = start + 1
                else:
                    hits.append(shorter)
                    resume = shorter.end
                break
            offset = resume
        return hits

    def _shorter_at(self, text: str, start: int, end: int) -> Hit | None:
        """The longest term that starts at `start`, ends before `end` and stands at word
        boundaries."""
        for stop in range(end - 1, start, -1):
            index = self._index.get(text[start:stop])
            if index is not None and at_word_boundaries(text, start, stop):
                return Hit(start, stop, self._terms[index], self._concepts[index])
        return None
