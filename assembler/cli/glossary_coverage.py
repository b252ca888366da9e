"""`assembler glossary coverage`: the names in a document that the glossary does not know."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from assembler.errors import AssemblerError
from assembler.glossary.coverage import Coverage, Unknown, document_coverage
from assembler.glossary.store import load_glossary

DEFAULT_LIMIT = 30


def register(sub: Any) -> None:
    p = sub.add_parser(
        "coverage",
        help="names in a document that the glossary does not know",
        description=(
            "List the names in a Chinese document of the corpus that the glossary does not "
            "know (full forms with their short forms, quoted titles, organisation names, as "
            "`glossary candidates` finds them), ranked by frequency and then by how surely "
            "each is a name (definition, title, organisation), with the paragraphs they occur "
            "in."
        ),
        epilog="examples:\n  assembler glossary coverage E/CN.15/2007/9\n"
        "  assembler glossary coverage ccpcj28-terrorism-ta --json --limit 0",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("doc", metavar="DOC", help="document id or symbol")
    p.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N names (default {DEFAULT_LIMIT}; 0 for all)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable")
    p.set_defaults(run=run_coverage)


def paragraph_ranges(paragraphs: Sequence[str]) -> str:
    """ "1-3, 5, 8" for 1, 2, 3, 5, 8; labels that are not numbers are listed as they are."""
    parts: list[str] = []
    run: list[int] = []

    def close() -> None:
        if run:
            parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]))
            run.clear()

    for label in paragraphs:
        if label.isdigit() and run and int(label) == run[-1] + 1:
            run.append(int(label))
            continue
        close()
        if label.isdigit():
            run.append(int(label))
        else:
            parts.append(label)
    close()
    return ", ".join(parts)


def name_line(unknown: Unknown) -> str:
    shorts = f"（{'、'.join(unknown.short_forms)}）" if unknown.short_forms else ""
    places = []
    if unknown.paragraphs:
        label = "para" if len(unknown.paragraphs) == 1 else "paras"
        places.append(f"{label} {paragraph_ranges(unknown.paragraphs)}")
    places += unknown.other_places
    adds = f"  (add to {unknown.adds_to})" if unknown.adds_to else ""
    return f"{unknown.count:5}  {unknown.name}{shorts}  [{unknown.kind}]{adds}\n       " + (
        "; ".join(places)
    )


def coverage_json(coverage: Coverage, shown: Sequence[Unknown]) -> dict[str, Any]:
    return {
        "doc": coverage.doc,
        "symbol": coverage.symbol,
        "title": coverage.title,
        "known_concepts": coverage.known_concepts,
        "unknown": len(coverage.unknown),
        "names": [dataclasses.asdict(u) for u in shown],
    }


def run_coverage(args: argparse.Namespace) -> int:
    if args.limit < 0:
        raise AssemblerError("--limit must be 0 or more", hint="e.g. --limit 20; 0 for all")
    coverage = document_coverage(load_glossary(args.glossary), args.corpus, args.doc)
    shown = coverage.unknown[: args.limit] if args.limit else coverage.unknown
    if args.json:
        print(json.dumps(coverage_json(coverage, shown), ensure_ascii=False, indent=2))
        return 0
    print(f"{coverage.doc}  {coverage.symbol or '(no symbol)'}  {coverage.title}")
    more = f", the first {len(shown)} shown" if len(shown) < len(coverage.unknown) else ""
    print(
        f"{len(coverage.unknown)} names the glossary does not know{more}; "
        f"{coverage.known_concepts} glossary concepts found"
    )
    if shown:
        print()
        print("\n".join(name_line(u) for u in shown))
    return 0
