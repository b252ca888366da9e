"""`assembler corpus check [DOC]`: the doubts ingest recorded about each document (numbering gaps
and restarts, lines read as headings or paragraphs against their look, footnotes without text,
joins across page breaks, poor text layers), each with its source file and line."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from assembler.corpus import service
from assembler.corpus.model import version_name


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="list the warnings ingest recorded",
        description="List the warnings ingest recorded for DOC (default: every document).",
    )
    p.add_argument("doc", nargs="?", metavar="DOC", help="document id or symbol (default: all)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    p.set_defaults(run=run_check)


def run_check(args: argparse.Namespace) -> int:
    corpus = service.open_corpus(args.corpus)
    found = service.check_documents(corpus, args.doc)
    if args.json:
        print(json.dumps([asdict(v) for v in found], ensure_ascii=False, indent=2))
    else:
        for version in found:
            name = version_name(version.doc, version.lang)
            count = len(version.warnings)
            print(f"{name}  {count} warning{'' if count == 1 else 's'}")
            for warning in version.warnings:
                print(f"  {warning}")
    total = sum(len(v.warnings) for v in found)
    return 1 if args.strict and total else 0
