"""The glossary's rules (glossary/README.md), checked on every load and before every edit is
written. Every problem is reported, each with the file and line to fix, not only the first."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from assembler.errors import AssemblerError
from assembler.glossary.model import (
    LANGUAGES,
    STATUSES,
    TERM_ANNOTATIONS,
    TERM_CONTEXT,
    TERM_FIELDS,
    Concept,
    Glossary,
    Place,
    Term,
)
from assembler.text.hygiene import describe, unsafe_positions

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Variants are Traditional forms of a Chinese term: other languages have none.
VARIANT_LANGUAGE = "zh-Hans"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the glossary, where it is and what to do about it."""

    place: Place
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.place.file}:{self.place.line}: {self.message}"
        return text + (f" ({self.hint})" if self.hint else "")


def _sort_key(problem: Problem) -> tuple[str, int, str]:
    return (problem.place.file, problem.place.line, problem.message)


class GlossaryError(AssemblerError):
    """The glossary (or an edit of it) breaks its rules: every problem, in file order."""

    def __init__(self, problems: Iterable[Problem], *, action: str = "") -> None:
        ordered = tuple(sorted(problems, key=_sort_key))
        self.problems = ordered
        prefix = f"{action}: " if action else ""
        if len(ordered) == 1:
            only = ordered[0]
            super().__init__(
                prefix + only.message,
                path=only.place.file,
                line=only.place.line,
                hint=only.hint or None,
            )
            return
        listing = "\n".join(f"  {p}" for p in ordered)
        super().__init__(
            f"{prefix}{len(ordered)} problems in the glossary:\n{listing}",
            hint="fix them in the files named (each line is file:line: problem)",
        )


def _unknown_place() -> Place:
    return Place("<glossary>", 0)


def _place(entry: Concept | Term) -> Place:
    return entry.place or _unknown_place()


def term_problems(concept: Concept, term: Term) -> list[Problem]:
    """The rules one term must keep on its own."""
    where = _place(term) if term.place else _place(concept)
    label = f"{concept.id}: {term.lang} term {term.text!r}"
    problems = []
    if not term.text.strip():
        problems.append(Problem(where, f"{concept.id}: empty {term.lang} term", "write the term"))
    elif term.text != term.text.strip():
        problems.append(
            Problem(where, f"{label} has spaces at an end", "remove the leading/trailing spaces")
        )
    for field in TERM_FIELDS:
        value = field.value(term)
        if field.choices and value not in field.choices:
            problems.append(
                Problem(
                    where,
                    f"{label}: unknown {field.key} {value!r}",
                    f"use {', '.join(field.choices)}",
                )
            )
    for rule in TERM_CONTEXT:
        bad = [w for w in rule.words(term) if not w.strip() or w != w.strip() or "|" in w]
        if bad:
            problems.append(
                Problem(
                    where,
                    f"{label}: {rule.key} words {bad!r} are empty, have spaces at an end or "
                    "hold '|'",
                    f"write each word of {rule.key} as a plain list item",
                )
            )
    if term.variants and term.lang != VARIANT_LANGUAGE:
        tags = ", ".join(tag for tag, _ in term.variants)
        problems.append(
            Problem(
                where,
                f"{label} has Traditional Chinese forms ({tags})",
                f"only {VARIANT_LANGUAGE} terms take zh-Hant/zh-TW/zh-HK forms",
            )
        )
    problems += [
        Problem(where, f"{label}: empty {tag} form", f"write the form or remove {tag}")
        for tag, form in term.variants
        if not form.strip()
    ]
    return problems


def concept_problems(concept: Concept) -> list[Problem]:
    """The rules one concept must keep on its own (the id pattern, its languages and terms)."""
    where = _place(concept)
    problems = []
    # fullmatch: `$` would let "unodc\n" through.
    if not ID_PATTERN.fullmatch(concept.id):
        problems.append(
            Problem(
                where,
                f"bad concept id {concept.id!r}",
                "use lowercase letters, digits and single '-' between them, e.g. unodc",
            )
        )
    if not concept.terms:
        problems.append(Problem(where, f"{concept.id}: no terms", "add at least one term"))
    for lang in concept.languages:
        if lang not in LANGUAGES:
            first = concept.in_language(lang)[0]
            problems.append(
                Problem(
                    _place(first) if first.place else where,
                    f"{concept.id}: unknown language tag {lang!r}",
                    f"use {', '.join(LANGUAGES)}",
                )
            )
            continue
        statuses = {t.status for t in concept.in_language(lang)}
        # A misspelt status is reported as such: "no preferred term" would only repeat it.
        if "preferred" not in statuses and statuses <= set(STATUSES):
            problems.append(
                Problem(
                    where,
                    f"{concept.id}: no preferred {lang} term",
                    f"mark one {lang} term `status: preferred`",
                )
            )
    for term in concept.terms:
        problems += term_problems(concept, term)
    return problems + text_problems(concept)


UNSAFE_HINT = (
    "delete the characters named: they are invisible or reorder the text, hiding what the entry"
    " says; in a YAML file look for escapes such as \\u202e or \\x1b"
)


def _unsafe(where: Place, label: str, text: str) -> list[Problem]:
    found = unsafe_positions(text)
    if not found:
        return []
    # Named by code point and position, never printed raw: a terminal would obey them.
    chars = ", ".join(f"{describe(char)} at character {at + 1}" for at, char in found)
    return [Problem(where, f"{label} holds {chars}", UNSAFE_HINT)]


def text_problems(concept: Concept) -> list[Problem]:
    """Control characters (tab and newline aside) and bidi embeddings, overrides and isolates
    in any text of the concept (assembler.text.hygiene): they hide or reorder what the text
    shows, in a terminal, a pack or a CAT tool."""
    where = _place(concept)
    # The id itself is held to ID_PATTERN; quoted when it breaks it, so as not to print it raw.
    name = concept.id if ID_PATTERN.fullmatch(concept.id) else repr(concept.id)
    problems = []
    for key in ("subject", "definition", "note"):
        problems += _unsafe(where, f"{name}: {key}", getattr(concept, key))
    for source in concept.sources:
        problems += _unsafe(where, f"{name}: source {source!r}", source)
    for term in concept.terms:
        at = _place(term) if term.place else where
        label = f"{name}: {term.lang} term {term.text!r}"
        problems += _unsafe(at, label, term.text)
        for annotation in TERM_ANNOTATIONS:
            problems += _unsafe(at, f"{label}: {annotation.key}", annotation.value(term))
        for tag, form in term.variants:
            problems += _unsafe(at, f"{label}: {tag} form {form!r}", form)
    return problems


def duplicate_id_problems(concepts: Sequence[Concept]) -> list[Problem]:
    first: dict[str, Concept] = {}
    problems = []
    for concept in concepts:
        earlier = first.setdefault(concept.id, concept)
        if earlier is not concept:
            where = _place(earlier)
            problems.append(
                Problem(
                    _place(concept),
                    f"duplicate concept id {concept.id!r} (first at {where.file}:{where.line})",
                    "give each concept its own id",
                )
            )
    return problems


def shared_term_problems(concepts: Sequence[Concept]) -> list[Problem]:
    """The same term (same language, same text) on two concepts is ambiguous for every reader
    of a pack, so it is allowed only where a note on one of them says why."""
    owners: dict[tuple[str, str], list[tuple[Concept, Term]]] = {}
    for concept in concepts:
        for term in concept.terms:
            owners.setdefault((term.lang, term.text), []).append((concept, term))
    problems = []
    for (lang, text), entries in owners.items():
        ids = [c.id for c, _ in entries]
        for index, (concept, term) in enumerate(entries):
            if concept.id in ids[:index]:
                problems.append(
                    Problem(
                        _place(term) if term.place else _place(concept),
                        f"{concept.id}: {lang} term {text!r} is listed twice",
                        "remove one of them",
                    )
                )
        # The note must sit on one of the shared terms: a concept's note is about the concept,
        # and would let any concept with a note take any other concept's term.
        if len(set(ids)) < 2 or any(t.note for _, t in entries):
            continue
        first_concept, first_term = entries[0]
        reported = {first_concept.id}
        for concept, term in entries[1:]:
            if concept.id in reported:
                continue
            reported.add(concept.id)
            where = _place(first_term) if first_term.place else _place(first_concept)
            problems.append(
                Problem(
                    _place(term) if term.place else _place(concept),
                    f"{lang} term {text!r} is on {first_concept.id} too "
                    f"({where.file}:{where.line})",
                    "add a note to the term on one of them saying why both concepts have it",
                )
            )
    return problems


def validate(glossary: Glossary | Sequence[Concept]) -> list[Problem]:
    """Every rule broken by the glossary, in file order."""
    concepts = glossary.concepts if isinstance(glossary, Glossary) else tuple(glossary)
    problems = duplicate_id_problems(concepts) + shared_term_problems(concepts)
    for concept in concepts:
        problems += concept_problems(concept)
    return sorted(problems, key=_sort_key)


def ensure_valid(glossary: Glossary | Sequence[Concept], *, action: str = "") -> None:
    problems = validate(glossary)
    if problems:
        raise GlossaryError(problems, action=action)
