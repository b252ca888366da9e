"""`assembler glossary lookup`, and how the glossary commands print a concept and a change."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from assembler.errors import AssemblerError
from assembler.glossary.edit import Change
from assembler.glossary.encode import lookup_json, shown_path, shown_place
from assembler.glossary.lookup import find_terms
from assembler.glossary.model import TERM_ANNOTATIONS, Concept, Term
from assembler.glossary.store import load_glossary


def register(sub: Any) -> None:
    p = sub.add_parser(
        "lookup",
        help="find a term in any language, with its concept and every equivalent",
        description=(
            "Find TERM in the glossary: exact matches first (terms, Traditional forms, concept "
            "ids; Latin letters in any case), then terms containing TERM and terms contained "
            "in it. Each concept is shown with all its terms and their statuses."
        ),
    )
    p.add_argument("term", metavar="TERM")
    p.add_argument("--json", action="store_true", help="machine-readable concepts")
    p.set_defaults(run=run_lookup)


def format_term(term: Term, mark: bool = False) -> str:
    extras = [f"{tag} {form}" for tag, form in term.variants]
    extras += [f"{f.key}: {f.value(term)}" for f in TERM_ANNOTATIONS if f.written(term)]
    tail = f"   ({'; '.join(extras)})" if extras else ""
    pointer = "»" if mark else " "
    return f"  {pointer} {term.lang:<8} {term.status:<11} {term.type:<13} {term.text}{tail}"


def format_concept(concept: Concept, matched: Sequence[Term] = ()) -> str:
    subject = f"  — {concept.subject}" if concept.subject else ""
    lines = [f"{concept.id}{subject}   [{shown_place(concept.place)}]"]
    lines += [format_term(t, any(t is m for m in matched)) for t in concept.terms]
    for label, value in (("definition", concept.definition), ("note", concept.note)):
        if value:
            lines.append(f"    {label}: {value}")
    if concept.sources:
        lines.append(f"    sources: {', '.join(concept.sources)}")
    return "\n".join(lines)


def print_change(change: Change, dry_run: bool) -> int:
    """Report a change that `glossary add`, `edit` or `remove` made (or, with --dry-run,
    planned)."""
    if dry_run:
        sys.stdout.write(change.diff() or "no change\n")
        print(f"{change.summary}: dry run, nothing written")
        return 0
    if change.after == change.before:
        print(f"{change.summary}: no change, nothing written")
        return 0
    print(f"{change.summary} in {shown_path(str(change.path))}")
    if change.concept is not None:
        print(format_concept(change.concept))
    return 0


def run_lookup(args: argparse.Namespace) -> int:
    result = find_terms(load_glossary(args.glossary), args.term)
    if args.json:
        print(json.dumps(lookup_json(result), ensure_ascii=False, indent=2))
        return 0 if result.matches else 1
    if not result.matches:
        raise AssemblerError(
            f"no glossary term matches {args.term!r}",
            hint=f"did you mean {', '.join(result.suggestions)}?"
            if result.suggestions
            else "try a shorter part of the term, or another language",
        )
    for match in result.matches:
        print(format_concept(match.concept, match.terms))
        print()
    exact = sum(m.exact for m in result.matches)
    noun = "concept" if len(result.matches) == 1 else "concepts"
    print(f"{len(result.matches)} {noun}: {exact} exact, {len(result.matches) - exact} partial")
    return 0
