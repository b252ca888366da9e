"""A builder that stays warm between builds: `assembler build --watch`, batch builds and the
web workspace's live preview use it.

API (everything else here is private)::

    builder = WarmBuilder(corpus_root, glossary_dir, templates, out_dir)
    builder.warm(("hant",))                  # optional: imports and loads before the first build
    result = builder.rebuild(spec_path)      # -> BuildResult, never raises for a bad build
    result = builder.rebuild(spec_path, Overrides(script="hant-hk"), write=False)
    result.ok, result.error                  # error: the message a user reads (file:line ...)
    result.written                           # the files written (empty with write=False)
    result.rendered                          # the outputs in memory, by format ("pdf": bytes)
    result.prepared                          # the pack model and the resolved spec
    result.reused                            # which caches served it ("pack", "outputs", ...)
    builder.watched_roots(spec_path)         # the folders whose changes call for a rebuild

A rebuild reads its inputs from disk every time and keys what it keeps by their content (see
cache.py): the glossary as loaded, the pack model (resolved picks, composed, glossed,
converted) by the spec, glossary, records and templates it was made from, the converters by
variant and protected terms with every text they converted, and the rendered outputs by the
pack's key and formats. So a rebuild after a one-word edit of a note composes the pack again
(milliseconds), converts only the changed text and renders once; a save that changes nothing
renders nothing. The imports, the OpenCC dictionaries, the fonts' coverage tables and
WeasyPrint's own caches live as long as the process.

Outputs are written as `build` writes them: only when every format rendered, each atomically,
so a failed rebuild leaves the previous good files in place. One builder serves one thread at a
time; processes forked from it (batch.py) each get a copy of its caches.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assembler import atomic
from assembler.build.cache import (
    GLOSSARY_FILES,
    RECORD_FILES,
    TEMPLATE_FILES,
    Memo,
    TextMemo,
    file_digest,
    tree_digest,
)
from assembler.build.driver import (
    Overrides,
    Prepared,
    Terminology,
    Timings,
    Written,
    load_terminology,
    output_formats,
    prepare,
    render_pack,
)
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.model import Glossary
from assembler.render.registry import FORMATS, Progress, Rendered
from assembler.script.convert import Engines, build_converter
from assembler.script.variants import Variant, get_variant

# The pack model's key: spec path and content, glossary, records, templates, script, language,
# and the day (a pack prints the date it was built).
PackKey = tuple[str, str, str, str, str, str | None, str | None, str]


@dataclass(frozen=True)
class BuildResult:
    """One build: what it wrote, or the error a user reads. Picklable (batch workers send it
    back) once `prepared` and `rendered` are dropped."""

    spec: Path
    overrides: Overrides
    error: str | None = None
    written: tuple[Written, ...] = ()
    rendered: dict[str, Rendered] = field(default_factory=dict)
    prepared: Prepared | None = None
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    reused: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None


def error_message(error: BaseException) -> str:
    """An exception as the command line says it: an AssemblerError names its file and line;
    anything else is a bug, said as one (the build does not stop a watch or a batch)."""
    if isinstance(error, AssemblerError):
        return str(error)
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename is not None else ""
        return f"{where}{error.strerror or error}"
    return (
        f"internal error: {type(error).__name__}: {error}\n"
        "  hint: this is a bug in assembler; run the build alone with ASSEMBLER_DEBUG=1"
    )


class WarmBuilder:
    """Builds packs in this process, keeping what the next build can reuse (see the module
    docstring). `out_dir` may be None for a builder that only renders (write=False)."""

    def __init__(
        self,
        corpus_root: Path,
        glossary_dir: Path,
        templates: Path,
        out_dir: Path | None,
        progress: Progress | None = None,
    ) -> None:
        self.corpus = Corpus(corpus_root)
        self.glossary_dir = glossary_dir
        self.templates = templates
        self.out_dir = out_dir
        self.progress = progress
        self._engines = Engines()  # OpenCC dictionaries, loaded once per configuration
        self._terminology: Memo[str, Terminology] = Memo(size=2)
        self._converters: Memo[tuple[str, str, tuple[str, ...]], TextMemo] = Memo(size=8)
        self._packs: Memo[PackKey, Prepared] = Memo(size=8)
        self._outputs: Memo[tuple[PackKey, tuple[str, ...]], dict[str, Rendered]] = Memo(size=4)

    # -- the API ----------------------------------------------------------------------------
    def warm(self, scripts: Iterable[str] = (), formats: Iterable[str] = FORMATS) -> None:
        """Do now what the first build would: import the writers, load the glossary and the
        OpenCC dictionaries of `scripts`. Before forking workers, so that each inherits them."""
        for name in formats:
            FORMATS[name].writer()
        if "pdf" in formats:
            # WeasyPrint's first document of a process parses its own style sheets, loads
            # fontconfig and parses C declarations, whatever its size: paid here once, not by
            # every worker forked later.
            from assembler.render.pdf import render_pdf
            from assembler.render.pdfworker import WARM_UP_PAGE

            render_pdf(WARM_UP_PAGE, self.templates)
        glossary_key = tree_digest(self.glossary_dir, GLOSSARY_FILES)
        self._terminology.get(glossary_key, lambda: load_terminology(self.glossary_dir))
        for script in scripts:
            variant = get_variant(script)
            if variant.config is not None:
                self._engines.get(variant.config)

    def rebuild(
        self, spec_path: Path, overrides: Overrides | None = None, *, write: bool = True
    ) -> BuildResult:
        """Build `spec_path` (with the command line's `overrides`) and, with `write`, write its
        outputs to `out_dir`. Never raises for a failed build: the result carries the error."""
        overrides = overrides or Overrides()
        start = time.perf_counter()
        timings = Timings()
        reused: list[str] = []
        try:
            prepared, rendered = self._render(spec_path, overrides, timings, reused)
            written = self._write(prepared, rendered, overrides) if write else ()
        except Exception as error:  # the next save gets another try
            return BuildResult(
                spec_path,
                overrides,
                error=error_message(error),
                seconds=time.perf_counter() - start,
                stages=timings.stages,
            )
        return BuildResult(
            spec_path,
            overrides,
            written=written,
            rendered=rendered,
            prepared=prepared,
            seconds=time.perf_counter() - start,
            stages=timings.stages,
            reused=tuple(reused),
        )

    def watched_roots(self, spec_path: Path) -> tuple[Path, ...]:
        """What a build of `spec_path` reads: the spec's folder (editors replace a file by
        renaming, so the folder is watched, not the file), the glossary, the records and the
        templates."""
        roots = (spec_path.parent, self.glossary_dir, self.corpus.records_dir, self.templates)
        return tuple(dict.fromkeys(root.resolve() for root in roots))

    # -- the build, cached ------------------------------------------------------------------
    def _render(
        self, spec_path: Path, overrides: Overrides, timings: Timings, reused: list[str]
    ) -> tuple[Prepared, dict[str, Rendered]]:
        glossary_key = tree_digest(self.glossary_dir, GLOSSARY_FILES)
        if glossary_key in self._terminology:
            reused.append("glossary")
        with timings.stage("glossary", self.progress):
            terms = self._terminology.get(glossary_key, lambda: load_terminology(self.glossary_dir))
        key: PackKey = (
            str(spec_path.resolve()),
            file_digest(spec_path),
            glossary_key,
            tree_digest(self.corpus.records_dir, RECORD_FILES),
            tree_digest(self.templates, TEMPLATE_FILES),
            overrides.script,
            overrides.language,
            dt.date.today().isoformat(),
        )
        if key in self._packs:
            reused.append("pack")

        def make_pack() -> Prepared:
            return prepare(
                spec_path,
                self.corpus,
                terms.glossary,
                self.templates,
                overrides,
                self.progress,
                timings,
                terms.protected,
                converter=lambda variant, glossary, protected: self._converter(
                    variant, glossary, glossary_key, protected
                ),
                sort_keys=terms.sort_keys,
            )

        prepared = self._packs.get(key, make_pack)
        formats = output_formats(prepared.spec, overrides)
        if (key, formats) in self._outputs:
            reused.append("outputs")
        # Rendered here, not in a PDF process forked for each build as a cold build does: this
        # process has WeasyPrint imported and its fonts loaded already, and a child forked from
        # it pays for copying the pages it touches (a warm rebuild of the example: 1.6-1.9 s
        # here against 2.0-2.4 s forked; the DOCX it would overlap takes 0.05 s).
        rendered = self._outputs.get(
            (key, formats),
            lambda: render_pack(
                prepared.pack, formats, self.templates, self.progress, timings, parallel=False
            ),
        )
        return prepared, rendered

    def _converter(
        self, variant: Variant, glossary: Glossary, glossary_key: str, terms: tuple[str, ...]
    ) -> TextMemo:
        def make() -> TextMemo:
            made = build_converter(variant, glossary=glossary, terms=terms, engines=self._engines)
            return TextMemo(made.convert)

        return self._converters.get((variant.name, glossary_key, terms), make)

    def _write(
        self, prepared: Prepared, rendered: dict[str, Rendered], overrides: Overrides
    ) -> tuple[Written, ...]:
        if self.out_dir is None:
            raise AssemblerError("this builder has no output folder", hint="rebuild(write=False)")
        if self.out_dir.exists() and not self.out_dir.is_dir():
            raise AssemblerError(
                "the output folder is a file",
                path=self.out_dir,
                hint="give --out a folder (or a new name)",
            )
        written = []
        for fmt in output_formats(prepared.spec, overrides):
            output = rendered[fmt]
            path = self.out_dir / f"{prepared.pack.name}.{fmt}"
            atomic.write_bytes(path, output.data)
            written.append(Written(path, fmt, len(output.data), output.pages))
        return tuple(written)
