"""`assembler build SPEC`: the briefing pack from a YAML spec, as DOCX, PDF and HTML."""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assembler.build.driver import (
    Overrides,
    Prepared,
    Written,
    build,
    load_terminology,
    prepare,
)
from assembler.cli import build_options as options
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.model.pack import CrossReference, Excerpt
from assembler.paths import DEFAULT_OUT, DEFAULT_TEMPLATES
from assembler.render.registry import FORMATS
from assembler.script.variants import valid_names

if TYPE_CHECKING:
    # batch/watch cost 0.4 s of imports: a single build must not wait for them (see run_batch)
    from assembler.build.batch import Job, Outcome
    from assembler.build.warm import BuildResult, WarmBuilder


def register(commands: Any, help_line: str) -> None:
    parser: argparse.ArgumentParser = commands.add_parser(
        "build",
        help=help_line,
        description=(
            "Build the briefing pack a YAML spec describes. Example:\n"
            "  assembler build examples/ccpcj28-item6c.yaml\n"
            "  assembler build examples/ccpcj28-item6c.yaml --script hant --format pdf\n"
            "  assembler build examples/*.yaml --script hans,hant,hant-hk --language zh,zh+en\n"
            "  assembler build --watch examples/ccpcj28-item6c.yaml"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "spec",
        type=Path,
        nargs="+",
        metavar="SPEC",
        help="the pack spec (YAML); several build in one call, on a pool of processes",
    )
    parser.add_argument(
        "--out", type=Path, default=None, metavar="DIR", help="output folder (default: out/)"
    )
    parser.add_argument(
        "--format",
        type=options.formats,
        default=None,
        metavar="LIST",
        help=f"comma-separated outputs: {','.join(FORMATS)} (default: the spec's `outputs`)",
    )
    parser.add_argument(
        "--script",
        type=options.scripts,
        default=(None,),
        metavar="LIST",
        help=f"override the spec; a comma-separated list builds each: {valid_names()}",
    )
    parser.add_argument(
        "--language",
        type=options.languages,
        default=(None,),
        metavar="LIST",
        help="override the spec; a comma-separated list builds each: zh, en, zh+en",
    )
    parser.add_argument(
        "--workers",
        type=options.workers,
        default=None,
        metavar="N",
        help="processes for several builds (default: one per CPU this process may use)",
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="build, then rebuild whenever the spec, glossary, records or templates change",
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
    annex = len(pack.annex.table.rows) if pack.annex else 0
    return [*lines, f"  footnotes: {len(pack.footnotes)}", f"  annex: {annex} concepts"]


def run(args: argparse.Namespace) -> int:
    specs: list[Path] = args.spec
    jobs = len(specs) * len(args.script) * len(args.language)
    if args.watch:
        if jobs > 1:
            raise AssemblerError(
                "--watch builds one spec in one variant",
                hint="give one SPEC and at most one --script and --language",
            )
        return run_watch(args)
    if jobs > 1:
        return run_batch(args)
    return run_one(args, specs[0], args.script[0], args.language[0])


def run_one(args: argparse.Namespace, spec: Path, script: str | None, language: str | None) -> int:
    corpus = Corpus(args.corpus)
    overrides = Overrides(script=script, language=language, formats=args.format)
    templates = DEFAULT_TEMPLATES
    progress = _progress if sys.stderr.isatty() else None
    if args.check:
        terms = load_terminology(args.glossary)
        prepared = prepare(
            spec,
            corpus,
            terms.glossary,
            templates,
            overrides,
            progress,
            protected=terms.protected,
            sort_keys=terms.sort_keys,
        )
        from assembler.render.fonts import check_coverage

        check_coverage(prepared.pack)
        print("\n".join(_summary(prepared)))
        print("spec is valid; nothing rendered (--check)")
        return 0
    out_dir: Path = args.out or DEFAULT_OUT
    prepared, written, timings = build(
        spec, corpus, args.glossary, templates, out_dir, overrides, progress
    )
    print("\n".join(_summary(prepared)))
    for output in written:
        pages = f", {output.pages} pages" if output.pages is not None else ""
        print(f"wrote {output.path} ({output.size / 1024:.0f} KiB{pages})")
    print(f"done in {sum(timings.stages.values()):.1f} s")
    if not written:
        raise AssemblerError("nothing to write", hint="choose outputs with --format docx,pdf")
    return 0


def _builder(args: argparse.Namespace) -> WarmBuilder:
    from assembler.build.warm import WarmBuilder

    out_dir: Path = args.out or DEFAULT_OUT
    return WarmBuilder(args.corpus, args.glossary, DEFAULT_TEMPLATES, out_dir)


def _outcome_lines(outcome: Outcome) -> list[str]:
    if outcome.error is not None:
        return [f"failed: {outcome.job.label}: {outcome.error}"]
    return [
        f"wrote {w.path} ({w.size / 1024:.0f} KiB{_pages(w)}) in {outcome.seconds:.1f} s"
        for w in outcome.written
    ]


def _pages(written: Written) -> str:
    return f", {written.pages} pages" if written.pages is not None else ""


def run_batch(args: argparse.Namespace) -> int:
    """Every variant of every spec, one line per output as it is written."""
    from assembler.build import batch

    jobs = batch.plan(args.spec, args.script, args.language, args.format)
    if args.check:
        failed = [job for job in jobs if run_one(args, job.spec, *_variant(job)) != 0]
        return 1 if failed else 0
    start = time.perf_counter()

    def done(outcome: Outcome) -> None:
        stream = sys.stdout if outcome.ok else sys.stderr
        print("\n".join(_outcome_lines(outcome)), file=stream, flush=True)

    outcomes = batch.run(_builder(args), jobs, args.workers, done)
    failed_jobs = [o for o in outcomes if not o.ok]
    files = sum(len(o.written) for o in outcomes)
    print(
        f"done: {files} files from {len(outcomes) - len(failed_jobs)} of {len(outcomes)}"
        f" builds in {time.perf_counter() - start:.1f} s"
    )
    if failed_jobs:
        print(f"assembler: error: {len(failed_jobs)} builds failed (see above)", file=sys.stderr)
        return 1
    return 0


def _variant(job: Job) -> tuple[str | None, str | None]:
    return job.overrides.script, job.overrides.language


def run_watch(args: argparse.Namespace) -> int:
    """Build, then rebuild on every change until Ctrl-C."""
    spec: Path = args.spec[0]
    overrides = Overrides(script=args.script[0], language=args.language[0], formats=args.format)
    builder = _builder(args)
    builder.warm(args.script[:1] if args.script[0] else ())
    # watchfiles says "KeyboardInterrupt caught" itself on Ctrl-C; we say "stopped watching".
    logging.getLogger("watchfiles").setLevel(logging.ERROR)
    roots = ", ".join(str(root) for root in builder.watched_roots(spec))
    print(f"watching {spec} and {roots}; Ctrl-C stops", flush=True)

    def report(result: BuildResult, changed: tuple[Path, ...]) -> None:
        print(watch_line(result, changed), file=sys.stdout if result.ok else sys.stderr, flush=True)

    # Ctrl-C during a build: its files are written atomically, or not at all.
    with contextlib.suppress(KeyboardInterrupt):
        from assembler.build.watch import watch

        watch(builder, spec, report, overrides)
    print("stopped watching", flush=True)
    return 0


def watch_line(result: BuildResult, changed: tuple[Path, ...]) -> str:
    why = f"{', '.join(p.name for p in changed)} changed: " if changed else ""
    if result.error is not None:
        return f"{why}error: {result.error}\n  (still watching: save a fix to rebuild)"
    outputs = ", ".join(
        f"{w.path} ({w.pages} pages)" if w.pages is not None else str(w.path)
        for w in result.written
    )
    cached = " (unchanged, not rendered again)" if "outputs" in result.reused else ""
    return f"{why}built {outputs} in {result.seconds:.2f} s{cached}"
