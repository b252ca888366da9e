"""`assembler build SPEC`: the briefing pack from a YAML spec, as DOCX, PDF and HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assembler.build.driver import Overrides, Prepared, build, load_terminology, prepare
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.model.pack import CrossReference, Excerpt
from assembler.paths import DEFAULT_OUT, DEFAULT_TEMPLATES
from assembler.render.registry import FORMATS
from assembler.script.variants import valid_names


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(f.strip() for f in text.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(unknown) or text!r}: use any of {', '.join(FORMATS)}"
        )
    return chosen


def register(commands: Any) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "build",
        help="build a briefing pack (DOCX, PDF, HTML) from a YAML spec",
        description=(
            "Build the briefing pack a YAML spec describes. Example:\n"
            "  assembler build examples/ccpcj28-item6c.yaml\n"
            "  assembler build examples/ccpcj28-item6c.yaml --script hant --format pdf"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("spec", type=Path, metavar="SPEC", help="the pack spec (YAML)")
    parser.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="output folder (default: out/)"
    )
    parser.add_argument(
        "--format",
        type=_formats,
        default=None,
        metavar="LIST",
        help=f"comma-separated outputs: {','.join(FORMATS)} (default: the spec's `outputs`)",
    )
    parser.add_argument(
        "--script", default=None, metavar="VARIANT", help=f"override the spec: {valid_names()}"
    )
    parser.add_argument(
        "--language", default=None, choices=("zh", "en", "zh+en"), help="override the spec"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="validate the spec and resolve its selections without rendering anything",
    )
    parser.set_defaults(run=run)


def _progress(stage: str, seconds: float) -> None:
    print(f"  {stage:<9} {seconds:6.2f} s", file=sys.stderr, flush=True)


def _summary(prepared: Prepared) -> list[str]:
    pack = prepared.pack
    lines = [f"{prepared.spec.path}: {pack.meta.title} ({pack.name})"]
    for section, resolved in zip(pack.sections, prepared.resolution.sections, strict=True):
        excerpts = sum(
            isinstance(b, Excerpt) and not isinstance(b, CrossReference) for b in section.blocks
        )
        documents = sorted({p.document.meta.symbol or p.document.meta.id for p in resolved.picks})
        lines.append(
            f"  {section.heading}: {excerpts} paragraph{'' if excerpts == 1 else 's'}"
            + (f" from {', '.join(documents)}" if documents else "")
        )
    for repeat in prepared.resolution.repeats:
        record = repeat.pick.record
        meta = repeat.pick.document.meta
        what = f"paragraph {record.para}" if record.para is not None else "an unnumbered paragraph"
        first, again = pack.sections[repeat.first].heading, pack.sections[repeat.again].heading
        where = (
            f"twice in “{first}”"
            if repeat.first == repeat.again
            else f"in “{first}” and again in “{again}”, which refers back to it"
        )
        lines.append(f"  printed once: {what} of {meta.symbol or meta.id}, picked {where}")
    lines.append(f"  footnotes: {len(pack.footnotes)}")
    lines.append(f"  annex: {len(pack.annex.table.rows) if pack.annex else 0} concepts")
    return lines


def run(args: argparse.Namespace) -> int:
    corpus = Corpus(args.corpus)
    overrides = Overrides(script=args.script, language=args.language, formats=args.format)
    templates = DEFAULT_TEMPLATES
    progress = _progress if sys.stderr.isatty() else None
    if args.check:
        terms = load_terminology(args.glossary)
        prepared = prepare(
            args.spec,
            corpus,
            terms.glossary,
            templates,
            overrides,
            progress,
            protected=terms.protected,
        )
        from assembler.render.fonts import check_coverage

        check_coverage(prepared.pack)
        print("\n".join(_summary(prepared)))
        print("spec is valid; nothing rendered (--check)")
        return 0
    out_dir: Path = args.out or DEFAULT_OUT
    prepared, written, timings = build(
        args.spec, corpus, args.glossary, templates, out_dir, overrides, progress
    )
    print("\n".join(_summary(prepared)))
    for output in written:
        pages = f", {output.pages} pages" if output.pages is not None else ""
        print(f"wrote {output.path} ({output.size / 1024:.0f} KiB{pages})")
    print(f"done in {sum(timings.stages.values()):.1f} s")
    if not written:
        raise AssemblerError("nothing to write", hint="choose outputs with --format docx,pdf")
    return 0
