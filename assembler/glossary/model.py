"""The glossary's model: concept-oriented, like UNTERM and TBX.

One `Concept` per idea, with terms per language. Everything downstream (scan, QA, TBX/CSV,
packs) reads these types; the YAML under `glossary/` is their human-edited image.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

Status = Literal["preferred", "admitted", "deprecated", "superseded"]
TermType = Literal["full-form", "short-form", "acronym", "abbreviation"]

STATUSES: tuple[str, ...] = get_args(Status)
TERM_TYPES: tuple[str, ...] = get_args(TermType)
# Statuses a writer must not use: scans flag them with the preferred form.
DISCOURAGED: frozenset[str] = frozenset({"deprecated", "superseded"})
# Explicit Traditional Chinese forms a zh-Hans term may carry; they win over OpenCC.
TRADITIONAL_VARIANTS: tuple[str, ...] = ("zh-Hant", "zh-TW", "zh-HK")
# Languages a concept may hold terms in: the six UN languages (Chinese as zh-Hans).
LANGUAGES: tuple[str, ...] = ("zh-Hans", "en", "fr", "es", "ru", "ar")


@dataclass(frozen=True)
class Place:
    """Where an entry sits in its YAML file, for error messages (1-based)."""

    file: str
    line: int


@dataclass(frozen=True)
class Term:
    text: str
    lang: str
    status: Status
    type: TermType = "full-form"
    note: str = ""
    source: str = ""
    variants: tuple[tuple[str, str], ...] = ()  # (zh-Hant | zh-TW | zh-HK, explicit form)
    place: Place | None = field(default=None, compare=False)

    @property
    def discouraged(self) -> bool:
        return self.status in DISCOURAGED

    def variant(self, tag: str) -> str | None:
        """The explicit form for a script tag; zh-TW and zh-HK fall back to zh-Hant."""
        forms = dict(self.variants)
        if tag in forms:
            return forms[tag]
        return forms.get("zh-Hant") if tag in ("zh-TW", "zh-HK") else None


@dataclass(frozen=True)
class Concept:
    id: str
    subject: str = ""
    definition: str = ""
    note: str = ""
    sources: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    place: Place | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        # Terms are kept grouped by language, languages in order of first appearance, as the
        # YAML, TBX and CSV forms hold them: a concept read back from any of them is equal.
        languages = dict.fromkeys(t.lang for t in self.terms)
        grouped = tuple(t for lang in languages for t in self.terms if t.lang == lang)
        if grouped != self.terms:
            object.__setattr__(self, "terms", grouped)

    def in_language(self, lang: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.lang == lang)

    def preferred(self, lang: str) -> Term | None:
        """The first preferred term in `lang` (full forms are listed first by convention)."""
        return next((t for t in self.in_language(lang) if t.status == "preferred"), None)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.lang for t in self.terms))


@dataclass(frozen=True)
class Glossary:
    concepts: tuple[Concept, ...]

    def by_id(self) -> dict[str, Concept]:
        return {c.id: c for c in self.concepts}

    def get(self, concept_id: str) -> Concept | None:
        return next((c for c in self.concepts if c.id == concept_id), None)
