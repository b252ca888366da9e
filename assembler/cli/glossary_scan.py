"""`assembler glossary scan`: the glossary's concepts in a document of the corpus or in a text."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assembler.errors import AssemblerError
from assembler.glossary.encode import scan_json
from assembler.glossary.model import LANGUAGES, Concept, Term
from assembler.glossary.scan import (
    ConceptCount,
    Flag,
    Occurrence,
    replacement,
    scan_document,
    scan_text,
)
from assembler.glossary.store import load_glossary


def register(sub: Any) -> None:
    p = sub.add_parser(
        "scan",
        help="the glossary's concepts in a document or a text",
        description=(
            "Find the glossary's terms in a document (paragraphs, items and footnotes) or in a "
            "text file: each concept with its count, the forms found, its English term and "
            "every position (paragraph and character offset). Longest term first, no overlaps. "
            "Deprecated and superseded forms are flagged with the preferred form to use."
        ),
        epilog="examples:\n  assembler glossary scan ccpcj28-terrorism-ta 10-12\n"
        "  assembler glossary scan E/CN.15/2007/9 --json\n"
        "  echo 禁毒办的报告 | assembler glossary scan --text -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("doc", nargs="?", metavar="DOC", help="document id or symbol")
    p.add_argument("range", nargs="?", metavar="PARA-RANGE", help="paragraphs, e.g. 15-20,38")
    p.add_argument("--text", metavar="FILE", help="scan a UTF-8 text file instead ('-': stdin)")
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language of the text (default: the document's; zh-Hans for --text)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable, every occurrence")
    p.set_defaults(run=run_scan)


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise AssemblerError("no such file", path=path) from exc
    except UnicodeDecodeError as exc:
        raise AssemblerError("not UTF-8 text", path=path, hint="save it as UTF-8") from exc


def _form_text(term: Term, count: int, concept: Concept) -> str:
    if not term.discouraged:
        return f"{term.text} ×{count}"
    use = replacement(concept, term)
    instead = f", use {use.text}" if use else ""
    return f"{term.text} ×{count} [{term.status}{instead}]"


def positions(occurrences: Sequence[Occurrence]) -> str:
    """Offsets grouped by place, in reading order: "para 5 @170,212; para 7 @59"."""
    grouped: dict[str, list[str]] = {}
    for occurrence in occurrences:
        grouped.setdefault(occurrence.where, []).append(str(occurrence.start))
    return "; ".join(f"{where} @{','.join(starts)}" for where, starts in grouped.items())


def format_scan(summary: Sequence[ConceptCount], all_flags: Sequence[Flag]) -> str:
    lines = []
    for entry in summary:
        english = entry.english.text if entry.english else "(no English term)"
        forms = ", ".join(_form_text(t, n, entry.concept) for t, n in entry.forms)
        shared = (
            "  (term shared with another concept; its context rules chose)" if entry.shared else ""
        )
        lines.append(f"{entry.count:5}  {forms} = {english}   [{entry.concept.id}]{shared}")
        lines.append("       " + positions(entry.occurrences))
    if all_flags:
        grouped: dict[tuple[str, str], list[Flag]] = {}
        for flag in all_flags:
            grouped.setdefault((flag.concept.id, flag.term.text), []).append(flag)
        lines.append("")
        lines.append(f"deprecated or superseded forms: {len(all_flags)} uses of {len(grouped)}")
        for (concept_id, text), group in grouped.items():
            first = group[0]
            use = f"use {first.use.text}" if first.use else "no preferred form in the glossary"
            lines.append(f"  {text} ×{len(group)} ({first.term.status}) -> {use}   [{concept_id}]")
    return "\n".join(lines)


def format_ambiguous(occurrences: Sequence[Occurrence]) -> str:
    """Each ambiguous term with the concepts it could be and where: the scan does not choose."""
    grouped: dict[tuple[str, tuple[str, ...]], list[Occurrence]] = {}
    for occurrence in occurrences:
        grouped.setdefault((occurrence.hit.term.text, occurrence.hit.concepts), []).append(
            occurrence
        )
    lines = [f"ambiguous: {len(occurrences)} hits of terms no context rule tells apart"]
    for (text, concepts), group in grouped.items():
        lines.append(f"  {text} ×{len(group)} could be {' or '.join(concepts)}")
        lines.append("       " + positions(group))
    return "\n".join(lines)


def run_scan(args: argparse.Namespace) -> int:
    if (args.text is None) == (args.doc is None):
        raise AssemblerError(
            "scan a document or a text", hint="give DOC [PARA-RANGE], or --text FILE ('-': stdin)"
        )
    if args.text is not None and args.range:
        raise AssemblerError("PARA-RANGE applies to documents only", hint="drop it with --text")
    glossary = load_glossary(args.glossary)
    if args.text is not None:
        name = "<stdin>" if args.text == "-" else args.text
        result = scan_text(glossary, _read_text(args.text), name, args.lang)
    else:
        result = scan_document(glossary, args.corpus, args.doc, args.range, args.lang)
    if args.json:
        print(json.dumps(scan_json(result), ensure_ascii=False, indent=2))
        return 0
    print(result.source)
    print(
        f"{result.scope}: {len(result.occurrences)} occurrences of {len(result.concepts)} "
        f"concepts, {len(result.flags)} deprecated or superseded"
    )
    if result.concepts:
        print()
        print(format_scan(result.concepts, result.flags))
    if result.ambiguous:
        print()
        print(format_ambiguous(result.ambiguous))
    return 0
