"""`assembler glossary export` and `import`: TBX v3, TBX v2 (martif) and CSV for CAT tools."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assembler import atomic
from assembler.glossary import exchange, unterm
from assembler.glossary.store import load_glossary


def register(sub: Any) -> None:
    formats = "; ".join(f"{name}: {exchange.FORMATS[name]}" for name in exchange.EXPORT_FORMATS)
    p = sub.add_parser(
        "export",
        help="write the glossary as TBX or CSV for CAT tools",
        description=f"Write the whole glossary in one exchange format ({formats}).",
    )
    p.add_argument(
        "--format",
        choices=exchange.EXPORT_FORMATS,
        help="default: from the -o suffix (.csv: csv; .tbx, .xml: tbx), else tbx",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write FILE (default: stdout)")
    p.set_defaults(run=run_export)

    p = sub.add_parser(
        "import",
        help="read concepts from a TBX, CSV or UNTERM file into the glossary",
        description=(
            "Read FILE whole and check it, and the glossary it would make, before writing "
            "anything. New concepts are appended to the --into file; a concept the glossary "
            "already has unchanged is skipped; one it has with other content is refused "
            "unless --replace, which rewrites it in place in its own file. UNTERM records "
            "(API JSON, one or a list, or SKOS/Turtle) are merged instead: into the concept "
            "that has one of their terms (the terms it lacks are added, with the record as "
            "source), else as new concepts; conflicts (another status, type or preferred "
            "term) are reported and leave the glossary's entry as it is."
        ),
        epilog="examples:\n  assembler glossary import terms.tbx --dry-run\n"
        "  assembler glossary import countries.ttl --into glossary/countries.yaml --dry-run",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "file", type=Path, metavar="FILE", help="a TBX (v3 or v2), CSV or UNTERM (.json, .ttl) file"
    )
    p.add_argument(
        "--format",
        choices=("auto", *exchange.FORMATS),
        default="auto",
        help="default auto: XML with a <tbx> root is tbx, <martif> is tbx2; JSON or Turtle "
        "(.json, .ttl) is unterm; anything else csv",
    )
    p.add_argument(
        "--into",
        type=Path,
        metavar="YAML",
        help="the glossary file for new concepts (default: GLOSSARY/<FILE's name>.yaml)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace concepts whose id exists with the imported content",
    )
    p.add_argument("--dry-run", action="store_true", help="check and report, but write nothing")
    p.set_defaults(run=run_import)


def _listed(ids: tuple[str, ...], limit: int = 8) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def run_export(args: argparse.Namespace) -> int:
    glossary = load_glossary(args.glossary)
    fmt = exchange.export_format(args.format, args.output)
    data = exchange.export_bytes(glossary, fmt)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    atomic.write_bytes(args.output, data)
    terms = sum(len(c.terms) for c in glossary.concepts)
    print(
        f"wrote {args.output}: {exchange.FORMATS[fmt]}, {_count(len(glossary.concepts), 'concept')}"
        f", {_count(terms, 'term')}, {len(data):,} bytes",
        file=sys.stderr,
    )
    return 0


def run_import(args: argparse.Namespace) -> int:
    imported = exchange.import_file(
        args.glossary,
        args.file,
        args.format,
        into=args.into,
        replace=args.replace,
        dry_run=args.dry_run,
    )
    plan = imported.plan
    verb = "would change" if args.dry_run else "changed"
    if imported.merge is not None:
        print_merge(args, imported.merge)
        merge = imported.merge
        print(
            f"{args.file} (UNTERM): {_count(imported.concepts, 'record')} — "
            f"{len(merge.new)} new concepts, {len(merge.merged)} merged, "
            f"{len(merge.unchanged)} unchanged, {_count(len(merge.conflicts), 'conflict')}"
        )
    else:
        print(
            f"{args.file} ({exchange.FORMATS[imported.format]}): "
            f"{_count(imported.concepts, 'concept')}"
            f" — {plan.added} added, {plan.replaced} replaced, {len(plan.unchanged)} unchanged"
        )
    replaced = "merged" if imported.merge is not None else "replaced"
    for edit in plan.edits:
        parts = []
        if edit.added:
            parts.append(f"added {_listed(edit.added)}")
        if edit.replaced:
            parts.append(f"{replaced} {_listed(edit.replaced)}")
        state = "new file" if edit.created else verb
        print(f"  {edit.path} ({state}): {'; '.join(parts)}")
    if not plan.edits:
        print("  the glossary already holds all of it: nothing to write")
    return 0


def print_merge(args: argparse.Namespace, merge: unterm.Merge) -> None:
    """The merge plan of UNTERM records: new concepts, terms added to existing ones, records
    left as they are, conflicts."""
    would = "would be " if args.dry_run else ""
    print(f"UNTERM merge ({'dry run: nothing written' if args.dry_run else 'written'}):")
    for concept in merge.new:
        names = ", ".join(f"{t.lang} {t.text}" for t in concept.terms[:3])
        print(f"  new concept {concept.id} ({len(concept.terms)} terms: {names}, ...)")
    for concept, terms in merge.merged:
        added = "; ".join(f"{t.lang} {t.text} ({t.status} {t.type})" for t in terms)
        print(f"  {concept.id}: {len(terms)} terms {would}added: {added}")
    if merge.unchanged:
        print(f"  already complete: {_listed(merge.unchanged)}")
    if merge.conflicts:
        print(f"conflicts ({len(merge.conflicts)}; the glossary's entries are kept):")
        for conflict in merge.conflicts:
            print(
                f"  {conflict.concept or '(no concept)'}: {conflict.message}  [{conflict.record}]"
            )
