"""`assembler glossary add`: a new concept, from its fields and its terms given as specs."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from assembler.cli.glossary_lookup import print_change
from assembler.errors import AssemblerError
from assembler.glossary import edit
from assembler.glossary.maintain import SPEC, SPEC_HELP, parse_term
from assembler.glossary.model import Concept
from assembler.glossary.store import glossary_files

ADD_EXAMPLE = """example:
  assembler glossary add ctitf --subject "UN Secretariat" --file secretariat \\
      --zh 反恐怖主义执行工作队 --en "Counter-Terrorism Implementation Task Force" \\
      --term en:preferred:acronym:CTITF --source E-CN.15-2007-9
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "add",
        help="add a concept",
        description=(
            "Add a concept to a glossary file. The file keeps its comments and layout; the "
            "glossary is checked with the new concept before anything is written."
        ),
        epilog=ADD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("id", metavar="ID", help="lowercase letters, digits and '-', e.g. unodc")
    p.add_argument("--subject", default="", help="the domain, e.g. 'UN entities'")
    p.add_argument("--definition", default="")
    p.add_argument("--note", default="", help="a usage note for editors")
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="SRC",
        help="where the names were checked: a corpus document id, a symbol, a URL (repeatable)",
    )
    _term_options(p, "--term")
    p.add_argument(
        "--file",
        metavar="NAME",
        help="the glossary file (default: the file holding the concepts of --subject)",
    )
    p.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
    p.set_defaults(run=run_add)


class _AppendTerm(argparse.Action):
    """--term SPEC, --zh TEXT and --en TEXT all add to one list, in command-line order."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        text = str(values)
        spec = f"{self.const}{text}" if self.const else text
        terms = list(getattr(namespace, self.dest) or [])
        terms.append(spec)
        setattr(namespace, self.dest, terms)


def _term_options(parser: argparse.ArgumentParser, flag: str) -> None:
    parser.add_argument(flag, action=_AppendTerm, dest="terms", metavar="SPEC", help=SPEC_HELP)
    parser.add_argument(
        "--zh",
        action=_AppendTerm,
        dest="terms",
        const="zh-Hans:preferred:",
        metavar="TEXT",
        help="shortcut for --term zh-Hans:preferred:TEXT",
    )
    parser.add_argument(
        "--en",
        action=_AppendTerm,
        dest="terms",
        const="en:preferred:",
        metavar="TEXT",
        help="shortcut for --term en:preferred:TEXT",
    )


def run_add(args: argparse.Namespace) -> int:
    terms = tuple(parse_term(spec) for spec in args.terms or ())
    if not terms:
        raise AssemblerError(
            f"{args.id}: a concept needs terms",
            hint="add --zh TEXT, --en TEXT or --term " + SPEC,
        )
    concept = Concept(
        id=args.id,
        subject=args.subject,
        definition=args.definition,
        note=args.note,
        sources=tuple(args.source),
        terms=terms,
    )
    file = edit.file_in(args.glossary, args.file) if args.file else None
    if file is not None and not file.exists() and args.glossary.is_dir():
        known = ", ".join(p.name for p in glossary_files(args.glossary))
        print(f"new file {file.name} (existing: {known or 'none'})", file=sys.stderr)
    change = edit.add_concept(args.glossary, concept, file, dry_run=args.dry_run)
    return print_change(change, args.dry_run)
