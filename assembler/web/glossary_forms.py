"""Glossary forms: what a browser sends, turned into the glossary's own requests (a Concept, a
maintain.ConceptEdit or TermEdit), and the services' refusals turned into messages beside the
fields they concern. Validation stays the services'; this only finds the field to show it at."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from assembler.errors import AssemblerError
from assembler.glossary import maintain
from assembler.glossary.model import (
    LANGUAGES,
    STATUSES,
    TERM_FIELDS,
    TERM_TYPES,
    Concept,
    Term,
    term_from_values,
)
from assembler.glossary.validate import GlossaryError, concept_problems

# Blank term rows a new-concept form offers (the first two are Chinese and English).
NEW_TERM_ROWS = 4
TERM_ROW_KEYS: tuple[str, ...] = ("lang", "status", "type", "term")
# Term fields the edit form shows: all of them, in TERM_FIELDS order.
EDITABLE_TERM_FIELDS = TERM_FIELDS


@dataclass
class FieldErrors:
    """Messages by field name ("id", "subject", "terms", "term-2", ...) and for the form as a
    whole ("" key) when no single field is to blame."""

    fields: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.fields.setdefault(name, []).append(message)

    def get(self, name: str) -> list[str]:
        return self.fields.get(name, [])

    def __bool__(self) -> bool:
        return bool(self.fields)

    @property
    def general(self) -> list[str]:
        return self.fields.get("", [])


def lines(value: str) -> tuple[str, ...]:
    """A textarea of one value a line, blanks dropped and order kept (duplicates once)."""
    return tuple(dict.fromkeys(line.strip() for line in value.splitlines() if line.strip()))


def term_rows(form: Mapping[str, str]) -> list[dict[str, str]]:
    """The term rows of a new-concept form (term-0-lang, term-0-status, ...), as sent."""
    rows = []
    index = 0
    while f"term-{index}-term" in form:
        rows.append({key: form.get(f"term-{index}-{key}", "").strip() for key in TERM_ROW_KEYS})
        index += 1
    return rows


def blank_rows(count: int = NEW_TERM_ROWS) -> list[dict[str, str]]:
    langs = ["zh-Hans", "en"] + ["zh-Hans"] * max(0, count - 2)
    return [
        {"lang": lang, "status": "preferred", "type": "full-form", "term": ""} for lang in langs
    ]


def _row_term(row: Mapping[str, str]) -> Term:
    values = {"term": row["term"], "status": row["status"], "type": row["type"] or "full-form"}
    return term_from_values(row["lang"], values)


def concept_from_form(form: Mapping[str, str], errors: FieldErrors) -> Concept | None:
    """The concept a new-concept form describes; rows without text are left out. Choices the
    form offers are checked here (a crafted request can send anything); the glossary's rules
    are the service's to check."""
    concept_id = form.get("id", "").strip()
    if not concept_id:
        errors.add("id", "an id is needed, e.g. unodc")
    terms = []
    for index, row in enumerate(term_rows(form)):
        if not row["term"]:
            continue
        if row["lang"] not in LANGUAGES:
            errors.add(f"term-{index}", f"unknown language {row['lang']!r}")
        elif row["status"] not in STATUSES:
            errors.add(f"term-{index}", f"unknown status {row['status']!r}")
        elif (row["type"] or "full-form") not in TERM_TYPES:
            errors.add(f"term-{index}", f"unknown type {row['type']!r}")
        else:
            terms.append(_row_term(row))
    if not terms and not any(name.startswith("term-") for name in errors.fields):
        errors.add("terms", "a concept needs terms: write at least one")
    if errors:
        return None
    concept = Concept(
        id=concept_id,
        subject=form.get("subject", "").strip(),
        definition=form.get("definition", "").strip(),
        note=form.get("note", "").strip(),
        sources=lines(form.get("sources", "")),
        terms=tuple(terms),
    )
    # The concept's own rules first (validate's, as the service applies them), so that every
    # problem of the entry shows at once, not only the first the service meets.
    problems = concept_problems(concept)
    if problems:
        place_error(GlossaryError(problems), errors, row_terms(form))
        return None
    return concept


def concept_edit(current: Concept, form: Mapping[str, str]) -> maintain.ConceptEdit:
    """The changes a concept form asks for, against the concept as the page showed it: fields
    set as given (an empty one is removed), sources added and removed to match the list."""
    wanted = lines(form.get("sources", ""))
    return maintain.ConceptEdit(
        subject=form.get("subject", "").strip(),
        definition=form.get("definition", "").strip(),
        note=form.get("note", "").strip(),
        add_sources=tuple(s for s in wanted if s not in current.sources),
        remove_sources=tuple(s for s in current.sources if s not in wanted),
    )


def term_edit(form: Mapping[str, str]) -> maintain.TermEdit:
    """The changes of one term: every field the form shows, by its key ("" empties it)."""
    values = tuple(
        (f.key, form.get(f.key, "").strip()) for f in EDITABLE_TERM_FIELDS if f.key in form
    )
    return maintain.TermEdit(form.get("original", ""), values, form.get("original_lang") or None)


def new_term(form: Mapping[str, str], errors: FieldErrors) -> Term | None:
    row = {key: form.get(f"new-{key}", "").strip() for key in TERM_ROW_KEYS}
    if not row["term"]:
        errors.add("new-term", "write the term")
    elif row["lang"] not in LANGUAGES:
        errors.add("new-term", f"unknown language {row['lang']!r}")
    elif row["status"] not in STATUSES:
        errors.add("new-term", f"unknown status {row['status']!r}")
    elif (row["type"] or "full-form") not in TERM_TYPES:
        errors.add("new-term", f"unknown type {row['type']!r}")
    else:
        return _row_term(row)
    return None


def _messages(error: AssemblerError) -> list[tuple[str, str]]:
    """(message, hint) of each problem an error reports."""
    if isinstance(error, GlossaryError):
        return [(p.message, p.hint) for p in error.problems]
    return [(error.message, error.hint or "")]


def row_terms(form: Mapping[str, str]) -> list[Term | None]:
    """The terms of a new-concept form by row (None for a blank or unreadable row), so that a
    refusal naming a term is shown at its row."""
    found: list[Term | None] = []
    for row in term_rows(form):
        ok = row["lang"] in LANGUAGES and row["status"] in STATUSES
        ok = ok and (row["type"] or "full-form") in TERM_TYPES
        found.append(_row_term(row) if row["term"] and ok else None)
    return found


def place_error(
    error: AssemblerError,
    errors: FieldErrors,
    terms: Sequence[Term | None] = (),
    prefix: str = "term",
) -> None:
    """Put each problem of a refused edit at the field it names: the id, a term (by its text),
    the terms as a whole, a source; else at the form's top."""
    for message, hint in _messages(error):
        text = f"{message} ({hint})" if hint else message
        if "concept id" in message or "exists already" in message:
            errors.add("id", text)
            continue
        row = next(
            (i for i, t in enumerate(terms) if t is not None and repr(t.text) in message), None
        )
        if row is not None:
            errors.add(f"{prefix}-{row}", text)
        elif "no preferred" in message or "no terms" in message:
            errors.add("terms", text)
        elif "which file" in message or "glossary folder" in message:
            errors.add("file", text)
        elif "source" in message:
            errors.add("sources", text)
        else:
            errors.add("", text)
