"""`assembler corpus list | show | export | search | diff`: read the corpus, print what the
services return (as text, or JSON with --json)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from typing import Any

from assembler.cli.corpus_ingest import format_differences
from assembler.corpus import service
from assembler.corpus.encode import to_json
from assembler.corpus.index import Hit
from assembler.corpus.model import BASE_LANGUAGE, LANGUAGES, Record, version_name
from assembler.corpus.service import DocumentSummary, VersionSummary


def _lang_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=BASE_LANGUAGE,
        help=f"{what} in this language version (default: {BASE_LANGUAGE})",
    )


def register(sub: Any) -> None:
    p = sub.add_parser(
        "list", help="the documents in the corpus", description="List the documents in the corpus."
    )
    p.add_argument("--json", action="store_true", help="machine-readable, with full metadata")
    p.set_defaults(run=run_list)

    p = sub.add_parser(
        "show",
        help="read a document's records",
        description="Show a document (by id or symbol), or the paragraphs in PARA-RANGE.",
    )
    p.add_argument("doc", metavar="DOC", help="document id or symbol, e.g. E/CN.15/2007/9")
    p.add_argument("range", nargs="?", metavar="PARA-RANGE", help="paragraphs, e.g. 15-20,38")
    _lang_option(p, "the document")
    p.set_defaults(run=run_show)

    p = sub.add_parser(
        "export",
        help="a document's records as JSON Lines",
        description="Write a document's records to stdout, one JSON object a line.",
    )
    p.add_argument("doc", metavar="DOC")
    p.add_argument(
        "--jsonl", action="store_true", required=True, help="JSON Lines (the only format)"
    )
    _lang_option(p, "the records")
    p.set_defaults(run=run_export)

    p = sub.add_parser(
        "search",
        help="full-text search (Chinese or English)",
        description="Search all records; several words must all occur.",
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--doc", metavar="DOC", help="only this document (id or symbol)")
    p.add_argument("--limit", type=int, default=50, help="at most this many hits (default 50)")
    p.add_argument("--json", action="store_true", help="machine-readable hits")
    p.add_argument("--lang", choices=LANGUAGES, help="only records in this language (default: all)")
    p.set_defaults(run=run_search)

    p = sub.add_parser(
        "diff",
        help="differences between the copies of a document, as recorded",
        description="List the recorded differences between a document's sources.",
    )
    p.add_argument("doc", metavar="DOC")
    _lang_option(p, "the differences")
    p.set_defaults(run=run_diff)


def run_list(args: argparse.Namespace) -> int:
    summaries = service.list_documents(service.open_corpus(args.corpus))
    if args.json:
        print(to_json(summaries))
        return 0
    if not summaries:
        print("no documents: run `assembler corpus ingest`")
        return 0
    for summary in summaries:
        for line in document_lines(summary):
            print(line)
    return 0


def run_show(args: argparse.Namespace) -> int:
    passage = service.show_paragraphs(
        service.open_corpus(args.corpus), args.doc, args.range or None, lang=args.lang
    )
    meta = passage.meta
    if not passage.selected:
        print(f"{version_name(meta.symbol or meta.id, meta.lang)}  {meta.title}")
        if meta.report_type:
            print(meta.report_type)
        for note in meta.notes:
            print(f"    [{note.mark}] {note.text}")
    for record in passage.records:
        if passage.selected and record.path:
            print(f"[{' > '.join(record.path)}]")
        print(format_record(record))
    return 0


def run_export(args: argparse.Namespace) -> int:
    sys.stdout.write(
        service.export_jsonl(service.open_corpus(args.corpus), args.doc, lang=args.lang)
    )
    return 0


def run_search(args: argparse.Namespace) -> int:
    corpus = service.open_corpus(args.corpus)
    bold = sys.stdout.isatty()
    mark = ("\033[1;33m", "\033[0m") if bold and not args.json else ("«", "»")
    hits = service.search_records(
        corpus, args.query, doc=args.doc, lang=args.lang, limit=args.limit, mark=mark
    )
    if args.json:
        print(to_json(hits))
        return 0
    if not hits:
        print(f"no records contain {args.query!r}")
        return 0
    for hit in hits:
        print(format_hit(hit))
    print(f"{len(hits)} records")
    return 0


def run_diff(args: argparse.Namespace) -> int:
    found = service.source_differences(service.open_corpus(args.corpus), args.doc, lang=args.lang)
    print(f"{version_name(found.doc, found.lang)}: {len(found.differences)} differences")
    print(format_differences(found.differences))
    return 0


def document_lines(summary: DocumentSummary) -> Iterator[str]:
    """A document as `corpus list` shows it: every version gets its own records and sources
    lines, tagged with its language when there are several."""
    yield f"{summary.id}"
    yield f"  symbol    {summary.symbol or '(not in the source)'}"
    yield f"  title     {summary.title}"
    yield f"  language  {', '.join(summary.languages)}    body  {summary.body or '-'}"
    yield f"  agenda    item {summary.agenda_item or '-'}"
    versions = summary.versions
    tags = [f"{v.lang}: " if len(versions) > 1 else "" for v in versions]
    for title, rows in (
        ("records", [_counts_line(v) for v in versions]),
        ("sources", [", ".join(v.sources) for v in versions]),
    ):
        for index, (tag, row) in enumerate(zip(tags, rows, strict=True)):
            yield f"  {title if index == 0 else '':<8}  {tag}{row}"


def _counts_line(version: VersionSummary) -> str:
    numbers = f" ({version.paragraph_runs})" if version.paragraph_runs else ""
    return (
        f"{version.paragraphs} paragraphs{numbers}, {version.headings} headings,"
        f" {version.items} items, {version.notes} footnotes"
    )


def format_record(record: Record) -> str:
    if record.kind == "heading":
        indent = "  " * ((record.level or 1) - 1)
        label = f"{record.label} " if record.label else ""
        return f"\n{indent}{label}{record.text}"
    # A paragraph of a restarted sequence (an annex's own) shows its printed number, its label.
    printed = record.para or record.label
    number = f"{printed}. " if printed else ""
    lines = [f"{number}{record.text}"]
    group = ""
    for item in record.items:
        if item.group and item.group != group:
            lines.append(f"  {item.group}")  # the group heading, once before its items
        group = item.group
        lines.append(f"    {item.label} {item.text}")
    for note in record.notes:
        where = f" (in item {note.item})" if note.item else ""
        lines.append(f"    [{note.mark}]{where} {note.text}")
    if record.refs:
        lines.append(f"    refs: {', '.join(record.refs)}")
    return "\n".join(lines)


def format_hit(hit: Hit) -> str:
    where = f"para {hit.para}" if hit.para else f"{hit.kind} ({' > '.join(hit.path)})"
    name = version_name(hit.symbol or hit.doc, hit.lang)
    return f"{name}  {where}  ×{hit.matches}\n    {hit.snippet}"
