"""`assembler corpus ...`: ingest, list, show, export, search, diff."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assembler.atomic import remove_stale_temporaries
from assembler.corpus import store
from assembler.corpus.catalog import Corpus
from assembler.corpus.ingest import ingest
from assembler.corpus.model import (
    BASE_LANGUAGE,
    LANGUAGES,
    Difference,
    Document,
    Record,
    version_name,
)
from assembler.corpus.select import paragraph_runs, parse_ranges, select_paragraphs
from assembler.corpus.sources import list_sources
from assembler.errors import AssemblerError
from assembler.locking import folder_lock


def _lang_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=BASE_LANGUAGE,
        help=f"{what} in this language version (default: {BASE_LANGUAGE})",
    )


def register(commands: Any) -> None:
    corpus = commands.add_parser(
        "corpus",
        help="ingest UN documents into paragraph records and explore them",
        description="Ingest UN documents into paragraph records and explore them.",
    )
    sub = corpus.add_subparsers(dest="corpus_command", metavar="SUBCOMMAND", required=True)

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
    p.set_defaults(run=run_ingest)

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


def _corpus(args: argparse.Namespace) -> Corpus:
    root: Path = args.corpus
    if not root.is_dir():
        raise AssemblerError(
            f"no corpus directory {root}",
            hint="pass --corpus DIR with sources/ and records/ inside",
        )
    return Corpus(root)


# -- ingest -----------------------------------------------------------------------------------
def run_ingest(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    paths = [Path(p) for p in args.files] or list_sources(corpus.sources_dir)
    if not paths:
        raise AssemblerError(
            f"no sources in {corpus.sources_dir}", hint="copy extracted .txt files there"
        )
    from assembler.corpus.index import remove_stale_builds

    # The whole run under the corpus's lock: two ingests at once would each write half of the
    # documents, and only with the lock held is a temporary file sure to be a killed run's.
    with folder_lock(corpus.root):
        stale = remove_stale_temporaries(corpus.records_dir)
        stale += remove_stale_builds(corpus.index_path)
        result = ingest(paths, corpus.records_dir)
    for path in stale:
        print(f"assembler: removed {path}, left by an interrupted run", file=sys.stderr)
    for document in result.documents:
        print(summary(document, corpus.records_dir))
        if args.diff:
            print(format_differences(document.meta.differences))
        print()
    for doc_id in result.skipped:
        print(
            f"assembler: {doc_id}: not written because a source of it failed;"
            " its records on disk, if any, are unchanged",
            file=sys.stderr,
        )
    for error in result.errors:
        print(f"assembler: error: {error}", file=sys.stderr)
    return 1 if result.errors else 0


def summary(document: Document, records_dir: Path) -> str:
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
    lines.append(f"  written      {store.records_path(records_dir, meta.id, meta.lang)}")
    return "\n".join(lines)


def format_differences(differences: tuple[Difference, ...] | list[Difference]) -> str:
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


def run_diff(args: argparse.Namespace) -> int:
    document = _corpus(args).resolve(args.doc, args.lang)
    name = version_name(document.meta.id, document.meta.lang)
    print(f"{name}: {len(document.meta.differences)} differences")
    print(format_differences(document.meta.differences))
    return 0


# -- list / show / export -----------------------------------------------------------------------
def run_list(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    versions = [
        [corpus.resolve(doc_id, lang) for lang in corpus.languages(doc_id)]
        for doc_id in corpus.ids()
    ]
    if args.json:
        metas = [asdict(d.meta) for found in versions for d in found]
        print(json.dumps(metas, ensure_ascii=False, indent=2))
        return 0
    if not versions:
        print("no documents: run `assembler corpus ingest`")
        return 0
    for found in versions:
        # The document is described by its first version (the base language when it has one);
        # every version gets its own records and sources lines.
        meta = found[0].meta
        symbol = next((d.meta.symbol for d in found if d.meta.symbol), "")
        print(f"{meta.id}")
        print(f"  symbol    {symbol or '(not in the source)'}")
        print(f"  title     {meta.title}")
        print(f"  language  {', '.join(d.meta.lang for d in found)}    body  {meta.body or '-'}")
        print(f"  agenda    item {meta.agenda_item or '-'}")
        tags = [f"{d.meta.lang}: " if len(found) > 1 else "" for d in found]
        for title, lines in (
            ("records", [_counts_line(d) for d in found]),
            ("sources", [", ".join(s.name for s in d.meta.sources) for d in found]),
        ):
            for index, (tag, line) in enumerate(zip(tags, lines, strict=True)):
                print(f"  {title if index == 0 else '':<8}  {tag}{line}")
    return 0


def _counts_line(document: Document) -> str:
    counts = document.meta.counts
    runs = paragraph_runs(document)
    numbers = f" ({runs})" if runs else ""
    return (
        f"{counts['paragraphs']} paragraphs{numbers}, {counts['headings']} headings,"
        f" {counts['items']} items, {counts['notes']} footnotes"
    )


def format_record(record: Record) -> str:
    if record.kind == "heading":
        indent = "  " * ((record.level or 1) - 1)
        label = f"{record.label} " if record.label else ""
        return f"\n{indent}{label}{record.text}"
    number = f"{record.para}. " if record.para else ""
    lines = [f"{number}{record.text}"]
    lines += [f"    {item.label} {item.text}" for item in record.items]
    for note in record.notes:
        where = f" (in item {note.item})" if note.item else ""
        lines.append(f"    [{note.mark}]{where} {note.text}")
    if record.refs:
        lines.append(f"    refs: {', '.join(record.refs)}")
    return "\n".join(lines)


def run_show(args: argparse.Namespace) -> int:
    document = _corpus(args).resolve(args.doc, args.lang)
    meta = document.meta
    if args.range:
        records = select_paragraphs(document, parse_ranges(args.range))
    else:
        records = list(document.records)
        print(f"{version_name(meta.symbol or meta.id, meta.lang)}  {meta.title}")
        if meta.report_type:
            print(meta.report_type)
        for note in meta.notes:
            print(f"    [{note.mark}] {note.text}")
    for record in records:
        if args.range and record.path:
            print(f"[{' > '.join(record.path)}]")
        print(format_record(record))
    return 0


def run_export(args: argparse.Namespace) -> int:
    document = _corpus(args).resolve(args.doc, args.lang)
    sys.stdout.write(store.records_jsonl(document.records))
    return 0


# -- search -------------------------------------------------------------------------------------
def run_search(args: argparse.Namespace) -> int:
    from assembler.corpus.index import search

    corpus = _corpus(args)
    doc_id = corpus.doc_id(args.doc) if args.doc else None
    bold = sys.stdout.isatty()
    mark = ("\033[1;33m", "\033[0m") if bold and not args.json else ("«", "»")
    hits = search(
        corpus.records_dir,
        corpus.index_path,
        args.query,
        doc=doc_id,
        limit=args.limit,
        mark=mark,
        lang=args.lang,
    )
    if args.json:
        print(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"no records contain {args.query!r}")
        return 0
    for hit in hits:
        where = f"para {hit.para}" if hit.para else f"{hit.kind} ({' > '.join(hit.path)})"
        name = version_name(hit.symbol or hit.doc, hit.lang)
        print(f"{name}  {where}  ×{hit.matches}\n    {hit.snippet}")
    print(f"{len(hits)} records")
    return 0
