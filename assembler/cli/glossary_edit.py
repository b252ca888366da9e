"""`assembler glossary edit` and `remove`: change a concept or one of its terms, or remove
either. Options become a maintain.ConceptEdit or TermEdit; the service checks and writes."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from assembler.cli.glossary_lookup import print_change
from assembler.errors import AssemblerError
from assembler.glossary import edit, maintain
from assembler.glossary.model import (
    CONTEXT_SEPARATOR,
    LANGUAGES,
    STATUSES,
    TERM_CONTEXT,
    TERM_FIELDS,
    TERM_TYPES,
    TRADITIONAL_VARIANTS,
    TermField,
)

EDIT_EXAMPLE = """examples:
  assembler glossary edit unodc --add-term zh-Hans:superseded:abbreviation:禁毒办
  assembler glossary edit unodc --term 禁毒办 --status superseded --note "older name"
  assembler glossary edit unodc --term 禁毒办 --zh-Hant 禁毒辦
  assembler glossary edit unodc --subject "UN entities" --add-source E-CN.15-2007-9
  assembler glossary edit unodc --term 禁毒办 --note ""      (an empty value removes a field)
  assembler glossary edit central-africa --term 中非 --not-before "稳定团|经共体"
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "edit",
        help="change a concept or one of its terms",
        description=(
            "Change a concept's fields, add terms to it, or (with --term TEXT) change one "
            "term. An empty value removes an optional field. Comments and layout are kept; "
            "an edit that would break a glossary rule is refused and nothing is written."
        ),
        epilog=EDIT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--term", metavar="TEXT", help="the term to change (its exact text)")
    p.add_argument("--lang", choices=LANGUAGES, help="the term's language, if TEXT is ambiguous")
    concept = p.add_argument_group("the concept (without --term)")
    concept_only = [
        concept.add_argument("--subject"),
        concept.add_argument("--definition"),
        concept.add_argument("--add-source", action="append", default=[], metavar="SRC"),
        concept.add_argument("--remove-source", action="append", default=[], metavar="SRC"),
        concept.add_argument(
            "--add-term", action="append", default=[], metavar="SPEC", help=maintain.SPEC_HELP
        ),
    ]
    term = p.add_argument_group("the term chosen with --term")
    term_only = [
        term.add_argument("--status", choices=STATUSES),
        term.add_argument("--type", choices=TERM_TYPES),
        term.add_argument("--source", metavar="SRC", help="where this term was checked"),
        term.add_argument("--text", metavar="NEW", help="correct the term's text"),
        *(
            term.add_argument(f"--{tag}", dest=tag, metavar="FORM", help=f"explicit {tag} form")
            for tag in TRADITIONAL_VARIANTS
        ),
        *(
            term.add_argument(
                _option(f.key),
                dest=f.key,
                metavar="WORDS",
                help=f"context rule: the term is not this concept {f.key.replace('_', ' ')} "
                f"these words ('{CONTEXT_SEPARATOR}' between them; \"\" removes the rule)",
            )
            for f in TERM_CONTEXT
        ),
    ]
    p.add_argument("--note", help="the concept's note, or the term's with --term")
    p.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
    # Each group's options, for refusing those of the other one.
    p.set_defaults(
        run=run_edit,
        concept_only=tuple(a.dest for a in concept_only),
        term_only=tuple(a.dest for a in term_only),
    )

    p = sub.add_parser(
        "remove",
        help="remove a concept, or one of its terms",
        description="Remove concept ID, or with --term TEXT only that term of it.",
        epilog="examples:\n  assembler glossary remove ctitf\n"
        "  assembler glossary remove unodc --term 禁毒办",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--term", metavar="TEXT", help="remove only this term")
    p.add_argument("--lang", choices=LANGUAGES, help="the term's language, if TEXT is ambiguous")
    p.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
    p.set_defaults(run=run_remove)


def _given(args: argparse.Namespace, names: Sequence[str]) -> list[str]:
    return [n for n in names if getattr(args, n) not in (None, [])]


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _dest(field: TermField) -> str:
    """The option that sets a term field: --text for the term itself (--term chooses the
    term), the field's key for the others (--status, --note, --zh-Hant)."""
    return "text" if field.kind == "text" else field.key


def _term_edit(args: argparse.Namespace) -> maintain.TermEdit:
    wrong = _given(args, args.concept_only)
    if wrong:
        raise AssemblerError(
            f"{', '.join(map(_option, wrong))} change the concept, not the term chosen by --term",
            hint="run them without --term",
        )
    if args.text is not None and not args.text.strip():
        raise AssemblerError(
            "--text cannot make a term empty",
            hint=f"to remove the term: assembler glossary remove {args.id} --term {args.term}",
        )
    values = tuple(
        (f.key, getattr(args, _dest(f))) for f in TERM_FIELDS if getattr(args, _dest(f)) is not None
    )
    if not values:
        raise AssemblerError(
            "nothing to change", hint="add --status, --type, --note, --source, --text or --zh-Hant"
        )
    return maintain.TermEdit(args.term, values, args.lang)


def _concept_edit(args: argparse.Namespace) -> maintain.ConceptEdit:
    wrong = _given(args, args.term_only)
    if wrong:
        raise AssemblerError(
            f"{', '.join(map(_option, wrong))} change a term: choose it with --term TEXT",
            hint="e.g. --term 禁毒办 --status superseded",
        )
    request = maintain.ConceptEdit(
        subject=args.subject,
        definition=args.definition,
        note=args.note,
        add_sources=tuple(args.add_source),
        remove_sources=tuple(args.remove_source),
        add_terms=tuple(maintain.parse_term(spec) for spec in args.add_term),
    )
    if not (request.fields() or request.add_terms or args.add_source or args.remove_source):
        raise AssemblerError(
            "nothing to change",
            hint="add --subject, --definition, --note, --add-source, --remove-source, "
            "--add-term, or choose a term with --term",
        )
    return request


def run_edit(args: argparse.Namespace) -> int:
    if args.term is not None:
        change = maintain.edit_term(args.glossary, args.id, _term_edit(args), dry_run=args.dry_run)
    else:
        request = _concept_edit(args)
        change = maintain.edit_concept(args.glossary, args.id, request, dry_run=args.dry_run)
    return print_change(change, args.dry_run)


def run_remove(args: argparse.Namespace) -> int:
    if args.term is None:
        change = edit.remove_concept(args.glossary, args.id, dry_run=args.dry_run)
    else:
        change = maintain.delete_term(
            args.glossary, args.id, args.term, args.lang, dry_run=args.dry_run
        )
    return print_change(change, args.dry_run)
