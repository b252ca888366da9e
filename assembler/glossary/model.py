"""The glossary's model: concept-oriented, like UNTERM and TBX.

One `Concept` per idea, with terms per language. Everything downstream (scan, QA, TBX/CSV,
packs) reads these types; the YAML under `glossary/` is their human-edited image.

A term's fields are declared once, in TERM_FIELDS, with the name each form gives them (YAML key,
CSV column, TBX data category): the YAML reader and writer, the edits, CSV, TBX, validation and
the JSON shapes all go through it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

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
    # Context rules: the term is not an occurrence of this concept where the text right after
    # it starts with one of `not_before` (中非 before 稳定团 is MINUSCA's name) or the text
    # right before it ends with one of `not_after`.
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    place: Place | None = field(default=None, compare=False)

    @property
    def discouraged(self) -> bool:
        return self.status in DISCOURAGED

    @property
    def has_context_rules(self) -> bool:
        return bool(self.not_before or self.not_after)

    def allowed_at(self, text: str, start: int, end: int) -> bool:
        """Whether the term's context rules let text[start:end] be this term."""
        return not (
            any(text.startswith(word, end) for word in self.not_before)
            or any(text.endswith(word, 0, start) for word in self.not_after)
        )

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


FieldKind = Literal["text", "choice", "annotation", "context", "form"]
# A context rule's words in one flat value (CSV cell, TBX termNote, edit option): "稳定团|经共体".
CONTEXT_SEPARATOR = "|"


def context_words(value: str) -> tuple[str, ...]:
    """The words of a flat context-rule value, blanks around them dropped."""
    return tuple(w.strip() for w in value.split(CONTEXT_SEPARATOR) if w.strip())


@dataclass(frozen=True)
class TermField:
    """One field of a term and its name in each form the glossary takes. Kinds: "text", the
    term itself; "choice", a value from `choices` that a Traditional form shares with its
    Simplified term; "annotation", free text about the term (its Simplified form only);
    "context", a context rule (a list of words in YAML, one flat CONTEXT_SEPARATOR-joined value
    elsewhere; the Simplified form only); "form", an explicit Traditional form of a zh-Hans
    term (`Term.variants`)."""

    key: str  # YAML key, and the key of edits and JSON; a Traditional form's is its script tag
    attribute: str  # Term attribute
    kind: FieldKind
    column: str  # CSV column
    # TBX element and type (None: Traditional forms are terms there, context rules notes)
    category: tuple[str, str | None] | None
    default: str = ""  # the value of an absent field; a field at its default is not written
    required: bool = False  # written even when empty, and a problem when missing
    choices: tuple[str, ...] = ()

    def value(self, term: Term) -> str:
        if self.kind == "form":
            return dict(term.variants).get(self.key, "")
        if self.kind == "context":
            return CONTEXT_SEPARATOR.join(self.words(term))
        value: str = getattr(term, self.attribute)
        return value

    def words(self, term: Term) -> tuple[str, ...]:
        """A context field's words."""
        words: tuple[str, ...] = getattr(term, self.attribute)
        return words

    def written(self, term: Term) -> bool:
        """Whether a file shows this field of `term`: a Traditional form when the term has
        one, any other field when it is required or not at its default."""
        if self.kind == "form":
            return self.key in dict(term.variants)
        return self.required or self.value(term) != self.default


TERM_FIELDS: tuple[TermField, ...] = (
    TermField("term", "text", "text", "term", ("term", None), required=True),
    TermField(
        "status",
        "status",
        "choice",
        "status",
        ("termNote", "administrativeStatus"),
        required=True,
        choices=STATUSES,
    ),
    TermField(
        "type", "type", "choice", "type", ("termNote", "termType"), "full-form", choices=TERM_TYPES
    ),
    TermField("note", "note", "annotation", "term note", ("note", None)),
    TermField("source", "source", "annotation", "term source", ("admin", "source")),
    *(TermField(tag, "variants", "form", tag, None) for tag in TRADITIONAL_VARIANTS),
    # TBX-Basic has no data category for them: TBX holds each as a term <note> that starts
    # with its key, "not_before: 稳定团|经共体" (tbx_write, tbx_read; glossary/README.md).
    TermField("not_before", "not_before", "context", "not before", None),
    TermField("not_after", "not_after", "context", "not after", None),
)
TERM_KEYS: tuple[str, ...] = tuple(f.key for f in TERM_FIELDS)
# Fields about the Simplified term alone (a Traditional form shares none of them).
TERM_ANNOTATIONS: tuple[TermField, ...] = tuple(
    f for f in TERM_FIELDS if f.kind in ("annotation", "context")
)
TERM_CONTEXT: tuple[TermField, ...] = tuple(f for f in TERM_FIELDS if f.kind == "context")


def context_from_note(note: str) -> tuple[TermField, str] | None:
    """The context rule a TBX term note holds (context_note), if it holds one."""
    for term_field in TERM_CONTEXT:
        prefix = f"{term_field.key}: "
        if note.startswith(prefix):
            return term_field, note.removeprefix(prefix)
    return None


def _attribute_value(term_field: TermField, value: str) -> Any:
    return context_words(value) if term_field.kind == "context" else value


def term_from_values(lang: str, values: Mapping[str, str], place: Place | None = None) -> Term:
    """A term from its fields' values by key: an absent or empty field takes its default; a
    Traditional form is kept when its key is there (an empty one is validation's to report)."""
    fields: dict[str, Any] = {
        f.attribute: _attribute_value(f, values.get(f.key) or f.default)
        for f in TERM_FIELDS
        if f.kind != "form"
    }
    forms = tuple(
        (f.key, values[f.key]) for f in TERM_FIELDS if f.kind == "form" and f.key in values
    )
    return Term(lang=lang, variants=forms, place=place, **fields)


def with_values(term: Term, values: Mapping[str, str]) -> Term:
    """`term` with the fields named in `values` set to them; an empty Traditional form is
    removed. Forms keep the order of TRADITIONAL_VARIANTS."""
    fields: dict[str, Any] = {
        f.attribute: _attribute_value(f, values[f.key])
        for f in TERM_FIELDS
        if f.kind != "form" and f.key in values
    }
    forms = dict(term.variants)
    for tag in TRADITIONAL_VARIANTS:
        if values.get(tag):
            forms[tag] = values[tag]
        elif tag in values:
            forms.pop(tag, None)
    ordered = tuple((tag, forms[tag]) for tag in TRADITIONAL_VARIANTS if tag in forms)
    return dataclasses.replace(term, variants=ordered, **fields)
