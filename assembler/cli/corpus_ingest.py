"""`assembler corpus ingest`: parse the sources, write the records, print what was made of each
document (and, with --diff, every difference between its copies)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from assembler.corpus import service
from assembler.corpus.model import Difference, Document, version_name
from assembler.corpus.select import paragraph_runs


def register(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="parse sources and write records",
        description="Parse sources/ (or FILES), reconcile copies of one document, write records/.",
    )
    p.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILES",
        help="source files (default: all of sources/)",
    )
    p.add_argument(
        "--diff", action="store_true", help="list every difference between copies of a document"
    )
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a document has warnings (the records are written all the same)",
    )
    p.set_defaults(run=run_ingest)


def run_ingest(args: argparse.Namespace) -> int:
    corpus = service.open_corpus(args.corpus)
    report = service.ingest_sources(corpus, args.files)
    for path in report.removed:
        print(f"assembler: removed {path}, left by an interrupted run", file=sys.stderr)
    for document in report.documents:
        meta = document.meta
        print(ingest_summary(document, corpus.records_path(meta.id, meta.lang)))
        if args.diff:
            print(format_differences(meta.differences))
        print()
    for old, new, files in report.moved:
        gone = ", ".join(str(f) for f in files) or "no files left"
        print(f"moved: {old} is now {new}; removed its records under the old id ({gone})")
    for doc_id in report.skipped:
        print(
            f"assembler: {doc_id}: not written because a source of it failed;"
            " its records on disk, if any, are unchanged",
            file=sys.stderr,
        )
    for error in report.errors:
        print(f"assembler: error: {error}", file=sys.stderr)
    if args.strict and report.warning_count:
        print(
            f"assembler: --strict: {report.warning_count} warning(s); `corpus check` lists them",
            file=sys.stderr,
        )
        return 1
    return 1 if report.errors else 0


def ingest_summary(document: Document, written: Path) -> str:
    """What ingest made of a document version: its sources, records, dropped characters and
    differences, and the records file it wrote (`written`)."""
    meta = document.meta
    counts = meta.counts
    runs = paragraph_runs(document)
    numbers = f" ({runs})" if runs else ""
    sources = ", ".join(f"{s.name} ({s.role}, {s.chars:,} chars)" for s in meta.sources)
    dropped = sum(meta.dropped.values())
    reasons = ", ".join(f"{reason} {n:,}" for reason, n in meta.dropped.items()) or "none"
    what_dropped = "page furniture"
    if "control" in meta.dropped:
        what_dropped += " and control or bidi characters"
    kinds = Counter(d.kind for d in meta.differences)
    diff_line = f"{len(meta.differences)}"
    if kinds:
        diff_line += " (" + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())) + ")"
    lines = [
        f"{version_name(meta.id, meta.lang)}  {meta.symbol or '(no symbol)'}  {meta.title}",
        f"  sources      {sources}",
        f"  records      {counts['records']}: {counts['paragraphs']} paragraphs{numbers}, "
        f"{counts['headings']} headings, {counts['unnumbered']} unnumbered blocks, "
        f"{counts['items']} items, {counts['notes']} footnotes (+{len(meta.notes)} on the cover)",
        f"  dropped      {dropped:,} characters of {what_dropped}: {reasons}",
        f"  differences  {diff_line}" + (" (`corpus diff` lists them)" if meta.differences else ""),
    ]
    lines += [f"  warning      {w}" for w in meta.warnings]
    lines.append(f"  written      {written}")
    return "\n".join(lines)


def format_differences(differences: tuple[Difference, ...] | list[Difference]) -> str:
    """Recorded differences one a line, as `corpus ingest --diff` and `corpus diff` print them."""
    if not differences:
        return "  no differences between sources"
    rows = []
    for d in differences:
        where = d.key if d.field == "text" else f"{d.key} {d.field}"
        rows.append(
            f"  {where:<16} {d.kind:<14} final {d.final or '∅'!s:<12} {d.source}: {d.other or '∅'}"
            f"  [{d.resolution}]"
        )
    return "\n".join(rows)
