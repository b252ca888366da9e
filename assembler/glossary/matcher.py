"""The one term matcher: leftmost-longest, non-overlapping exact matching, built once per
glossary and used by scan, QA and packs.

Chinese has no word boundaries, so a term is found wherever its characters occur; among the
terms that start at the same place the longest wins, and a term inside a longer match is not
reported again: 中非 is not found inside 中非共和国 when the glossary knows that name.
ahocorasick-rs implements exactly this (MatchKind.LeftmostLongest); pyahocorasick's
`iter_long` is not used because it drops matches (its issue #133).

A match must also be allowed where it stands, else it is no hit and a shorter term at the same
place may be one (else the search goes on from the next character):
- Latin-script terms (English, acronyms) stand at word boundaries: "UN" is not a hit inside
  "UNODC";
- a term's context rules (Term.not_before / not_after) exclude the places its concept does not
  stand: 中非 before 稳定团 is part of MINUSCA's name, not Central Africa. A term on several
  concepts is a hit of those whose rules allow it there; where more than one is left the hit
  is ambiguous (Hit.ambiguous) and the scan says so instead of choosing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick_rs

from assembler.glossary.model import Glossary, Term


class Hit(NamedTuple):
    """One occurrence: text[start:end] == term.text. `concepts` lists every concept that has
    this exact term and whose context rules allow it here (more than one: ambiguous). A named
    tuple because the matcher makes one per occurrence (a frozen dataclass costs twice as
    much to make)."""

    start: int
    end: int
    term: Term
    concepts: tuple[str, ...]

    @property
    def concept(self) -> str:
        return self.concepts[0]

    @property
    def ambiguous(self) -> bool:
        return len(self.concepts) > 1


_new = tuple.__new__


def _no_matches(text: str) -> list[tuple[int, int, int]]:
    return []


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def at_word_boundaries(text: str, start: int, end: int) -> bool:
    """A Latin term must not continue a Latin word on either side; CJK neighbours are fine."""
    term = text[start:end]
    if _is_word_char(term[0]) and start > 0 and _is_word_char(text[start - 1]):
        return False
    return not (_is_word_char(term[-1]) and end < len(text) and _is_word_char(text[end]))


class _Pattern:
    """One distinct term text and what a match of it needs checked."""

    __slots__ = ("hit", "latin", "owners", "text")

    def __init__(self, text: str, owners: list[tuple[str, Term]]) -> None:
        self.text = text
        self.owners = tuple(owners)  # (concept id, its term), one per concept
        self.latin = _is_word_char(text[0]) or _is_word_char(text[-1])
        # The hit's term and concepts when nothing needs checking (else None).
        plain = not self.latin and not any(t.has_context_rules for _, t in owners)
        self.hit: tuple[Term, tuple[str, ...]] | None = (
            (owners[0][1], tuple(c for c, _ in owners)) if plain else None
        )

    def at(self, text: str, start: int, end: int) -> Hit | None:
        """The hit text[start:end] makes, or None where nothing allows it."""
        if self.hit is not None:
            return Hit(start, end, *self.hit)
        if self.latin and not at_word_boundaries(text, start, end):
            return None
        allowed = [(c, t) for c, t in self.owners if t.allowed_at(text, start, end)]
        if not allowed:
            return None
        return Hit(start, end, allowed[0][1], tuple(c for c, _ in allowed))


class Matcher:
    """Finds the terms of some languages of a glossary in text."""

    def __init__(
        self, glossary: Glossary, languages: Iterable[str] = ("zh-Hans",), *, window: int = 4096
    ) -> None:
        """`window`: how much text the automaton reads at a time (at least 8 longest terms)."""
        wanted = set(languages)
        owners: dict[str, dict[str, Term]] = {}
        for concept in glossary.concepts:
            for term in concept.terms:
                if term.lang in wanted and term.text:
                    # A concept listing one text twice is validation's to report.
                    owners.setdefault(term.text, {}).setdefault(concept.id, term)
        self._patterns = [_Pattern(text, list(by.items())) for text, by in owners.items()]
        self._index = {p.text: p for p in self._patterns}
        # For find's quick path: each pattern's (term, concepts), None for a pattern whose
        # matches need checking.
        plain = [p.hit for p in self._patterns]
        self._longest = max((len(p.text) for p in self._patterns), default=0)
        self._window = max(window, 8 * self._longest, 1)
        self._automaton = (
            ahocorasick_rs.AhoCorasick(
                [p.text for p in self._patterns],
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            )
            if self._patterns
            else None
        )
        # What find's quick path reads, in one attribute: the matcher runs once per paragraph.
        self._quick = (
            self._automaton.find_matches_as_indexes if self._automaton else _no_matches,
            plain,
            self._window,
        )

    def __len__(self) -> int:
        return len(self._patterns)

    def find(self, text: str) -> list[Hit]:
        """Every hit in `text`, left to right, none overlapping another: at the leftmost place
        where a term is allowed (word boundaries, context rules), the longest such term. When
        the longest term at a place is not allowed there, a shorter one at the same place may
        be ("UN" in "UN Womenfolk"), else the search goes on from the next character.

        The automaton reads the text in windows, so that such a restart re-reads one window,
        not the rest of the text: a match is taken only when it starts far enough from the
        window's end (one longest term) to be whole, and leftmost-longest from a place
        depends only on the text after it."""
        find_matches, plain, window = self._quick
        if len(text) <= window:  # (with no patterns, find_matches finds nothing)
            # One window, and usually every match plain: one comprehension makes the hits
            # (tuple.__new__ directly: half the cost of Hit(...), whose __new__ is Python; and
            # (s, e) + plain[i] costs less than (s, e, *plain[i])). This is most of the time
            # the matcher adds to the automaton's: one object per occurrence. A match that
            # needs checking (plain[i] is None) stops it with a TypeError, which costs less
            # than testing every match for one.
            try:
                return [
                    _new(Hit, (s, e) + plain[i])  # type: ignore[operator]
                    for i, s, e in find_matches(text)
                ]
            except TypeError:
                pass  # the whole text again, in the loop below
        if self._automaton is None:
            return []
        hits: list[Hit] = []
        patterns = self._patterns
        offset, length = 0, len(text)
        while offset < length:
            stop = min(length, offset + self._window)
            safe = length if stop == length else stop - self._longest
            restart = 0  # where to read again after a match not taken as it stands
            part = text if offset == 0 and stop == length else text[offset:stop]
            for index, start, end in self._automaton.find_matches_as_indexes(part):
                ready = patterns[index].hit
                start += offset
                if start >= safe:  # may be cut by the window's end: read again from `safe`
                    break
                end += offset
                if ready is not None:
                    hits.append(Hit(start, end, *ready))
                    continue
                hit = patterns[index].at(text, start, end) or self._shorter_at(text, start, end)
                if hit is None:
                    restart = start + 1
                    break
                hits.append(hit)
                if hit.end != end:  # a shorter term: the automaton's next match may overlap
                    restart = hit.end
                    break
            # Hits of earlier windows end at or before `offset`, so this is the last one's end.
            offset = restart or max(safe, hits[-1].end if hits else 0)
        return hits

    def _shorter_at(self, text: str, start: int, end: int) -> Hit | None:
        """The longest term that starts at `start`, ends before `end` and is allowed there."""
        for stop in range(end - 1, start, -1):
            pattern = self._index.get(text[start:stop])
            if pattern is not None:
                hit = pattern.at(text, start, stop)
                if hit is not None:
                    return hit
        return None
