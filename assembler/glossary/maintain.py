"""Maintaining entries as a service: what `glossary edit` and `remove --term` ask for, as typed
requests (a term spec, changes of a concept, changes of one of its terms), and the functions
that carry them out. Each returns the checked edit.Change (written unless `dry_run`); planning,
checking, locking and writing are edit.py's, so a request is applied to the concept as it is
on disk once the folder's lock is held.

Adding and removing whole concepts needs no request: edit.add_concept and edit.remove_concept
take a Concept and an id.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from assembler.errors import AssemblerError
from assembler.glossary import edit
from assembler.glossary.model import (
    LANGUAGES,
    STATUSES,
    TERM_FIELDS,
    TERM_TYPES,
    Concept,
    Status,
    Term,
    TermType,
    with_values,
)

SPEC = "LANG:STATUS[:TYPE]:TEXT"
SPEC_HELP = (
    f"a term as {SPEC}, e.g. zh-Hans:preferred:acronym:禁毒办 or en:preferred:UNODC "
    f"(LANG: {', '.join(LANGUAGES)}; STATUS: {', '.join(STATUSES)}; "
    f"TYPE: {', '.join(TERM_TYPES)}, default full-form)"
)
# The order in which a term edit's summary has always named the fields it sets.
_SUMMARY_ORDER = ("status", "type", "source", "note", "term")


def parse_term(spec: str) -> Term:
    """LANG:STATUS[:TYPE]:TEXT; the text may itself hold colons."""
    parts = spec.split(":", 3)
    if len(parts) < 3:
        raise AssemblerError(f"term {spec!r} is not {SPEC}", hint=SPEC_HELP)
    lang, status = parts[0], parts[1]
    if len(parts) == 4 and parts[2] in TERM_TYPES:
        kind, text = parts[2], parts[3]
    else:
        kind, text = "full-form", ":".join(parts[2:])
    if lang not in LANGUAGES:
        raise AssemblerError(
            f"term {spec!r}: unknown language {lang!r}", hint=f"use {', '.join(LANGUAGES)}"
        )
    if status not in STATUSES:
        raise AssemblerError(
            f"term {spec!r}: unknown status {status!r}", hint=f"use {', '.join(STATUSES)}"
        )
    if not text.strip():
        raise AssemblerError(f"term {spec!r} has no text", hint=SPEC_HELP)
    return Term(text=text, lang=lang, status=cast(Status, status), type=cast(TermType, kind))


@dataclass(frozen=True)
class ConceptEdit:
    """Changes of a concept: None leaves a field as it is and "" empties it; sources and terms
    are added (after those of their kind) or removed."""

    subject: str | None = None
    definition: str | None = None
    note: str | None = None
    add_sources: tuple[str, ...] = ()
    remove_sources: tuple[str, ...] = ()
    add_terms: tuple[Term, ...] = ()

    def fields(self) -> dict[str, Any]:
        """The concept's fields this edit sets, by name."""
        given = {"subject": self.subject, "definition": self.definition, "note": self.note}
        return {key: value for key, value in given.items() if value is not None}

    def apply(self, concept: Concept) -> Concept:
        missing = [s for s in self.remove_sources if s not in concept.sources]
        if missing:
            raise AssemblerError(
                f"{concept.id} has no source {missing[0]!r}",
                hint=f"its sources: {', '.join(concept.sources) or 'none'}",
            )
        kept = [s for s in concept.sources if s not in self.remove_sources]
        sources = tuple(dict.fromkeys([*kept, *self.add_sources]))
        result = dataclasses.replace(concept, sources=sources, **self.fields())
        for term in self.add_terms:
            result = edit.add_term(result, term)
        return result

    def summary(self, concept_id: str) -> str:
        parts = [f"{key} {value!r}" for key, value in self.fields().items()]
        parts += [f"+source {s}" for s in self.add_sources]
        parts += [f"-source {s}" for s in self.remove_sources]
        parts += [f"+{t.lang} term {t.text!r}" for t in self.add_terms]
        return f"{concept_id}: {', '.join(parts)}"


@dataclass(frozen=True)
class TermEdit:
    """Changes of the term of a concept with the text `term` (in `lang`, where the text is in
    several): new values by TERM_FIELDS key ("term" corrects its text), "" empties an optional
    field or removes a Traditional form."""

    term: str
    values: tuple[tuple[str, str], ...]
    lang: str | None = None

    def apply(self, concept: Concept) -> Concept:
        old = edit.find_term(concept, self.term, self.lang)
        return edit.replace_term(concept, old, with_values(old, dict(self.values)))

    def summary(self, concept_id: str) -> str:
        values = dict(self.values)
        names = {f.key: f.attribute if f.kind != "form" else f.key for f in TERM_FIELDS}
        order = [*_SUMMARY_ORDER, *(f.key for f in TERM_FIELDS if f.kind in ("form", "context"))]
        changed = ", ".join(f"{names[key]} {values[key]!r}" for key in order if key in values)
        return f"{concept_id}: term {self.term!r}: {changed}"


def edit_concept(
    folder: Path, concept_id: str, request: ConceptEdit, *, dry_run: bool = False
) -> edit.Change:
    summary = request.summary(concept_id)
    return edit.update_concept(folder, concept_id, request.apply, summary, dry_run=dry_run)


def edit_term(
    folder: Path, concept_id: str, request: TermEdit, *, dry_run: bool = False
) -> edit.Change:
    summary = request.summary(concept_id)
    return edit.update_concept(folder, concept_id, request.apply, summary, dry_run=dry_run)


def delete_term(
    folder: Path, concept_id: str, term: str, lang: str | None = None, *, dry_run: bool = False
) -> edit.Change:
    """Remove the term with the text `term` (in `lang`, where the text is in several)."""

    def change(concept: Concept) -> Concept:
        return edit.remove_term(concept, edit.find_term(concept, term, lang))

    summary = f"{concept_id}: removed term {term!r}"
    return edit.update_concept(folder, concept_id, change, summary, dry_run=dry_run)
