"""Build a briefing pack: spec -> resolver -> pack model -> transforms -> writers -> files.

Every output is rendered in memory first and written atomically only when all of them
succeeded, so a failed build leaves no partial file and keeps the previous good output.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from assembler import atomic
from assembler.errors import AssemblerError
from assembler.model.pack import Pack
from assembler.render.registry import FORMATS, Progress, RenderContext, Rendered, render

# The stages' modules are imported where they are used: `build` starts WeasyPrint's process
# before paying for them (pydantic, ruamel, pypinyin, the corpus and glossary: ~0.4 s), so
# that both imports run side by side (render/pdfworker.py).
if TYPE_CHECKING:
    from assembler.corpus.catalog import Corpus
    from assembler.glossary.model import Glossary
    from assembler.pack.compose import Languages
    from assembler.pack.resolve import Resolution
    from assembler.pack.spec import LoadedSpec
    from assembler.render.pdfworker import PdfWorker
    from assembler.script.variants import Variant


@dataclass(frozen=True)
class Overrides:
    """Command-line values that win over the spec's, so one spec serves every audience."""

    script: str | None = None
    language: str | None = None
    formats: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Written:
    path: Path
    format: str
    size: int
    pages: int | None = None


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str, progress: Progress | None) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.stages[name] = time.perf_counter() - start
        if progress is not None:
            progress(name, self.stages[name])


# (variant, glossary, protected terms) -> the function converting a text to that variant.
ConverterFactory: TypeAlias = "Callable[[Variant, Glossary, tuple[str, ...]], Callable[[str], str]]"


@dataclass(frozen=True)
class Prepared:
    spec: LoadedSpec
    resolution: Resolution
    pack: Pack


def languages(language: str, variant: Variant) -> Languages:
    from assembler.pack.compose import Languages
    from assembler.pack.typefaces import ENGLISH, chinese_typeface

    chinese = chinese_typeface(variant)
    columns = {
        "zh": Languages(("zh",), (chinese,), others=(ENGLISH,)),
        "en": Languages(("en",), (ENGLISH,), others=(chinese,)),
        "zh+en": Languages(("zh", "en"), (chinese, ENGLISH)),
    }
    return columns[language]


@dataclass(frozen=True)
class Terminology:
    """The glossary folder as a build uses it: its concepts, the terms of its protected.txt
    that keep their form through script conversion, and the pinyin sort keys of its
    preferred Chinese terms (kept in the cache, so that a build need not load pypinyin)."""

    glossary: Glossary
    protected: tuple[str, ...]
    sort_keys: Mapping[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)


def load_terminology(glossary_dir: Path) -> Terminology:
    """The glossary folder read, through a cache file: reading 600 concepts with their
    positions and checking them takes ~1 s, unpickling the result ~20 ms. The cache is keyed
    by the sha256 of the folder's files and of the code that reads them, so an edit of either
    (even within one second, or undone) is read afresh; a cache that cannot be read or
    written only costs the time of reading the folder."""
    cache = _terminology_cache(glossary_dir)
    with suppress(OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        found = pickle.loads(cache.read_bytes())
        if isinstance(found, Terminology):
            return found
    from assembler.glossary.store import load_glossary
    from assembler.pack.pinyin import sort_keys
    from assembler.script.protect_list import bundled_protected

    glossary = load_glossary(glossary_dir)
    chinese = {t.text for c in glossary.concepts for t in c.in_language("zh-Hans")}
    terms = Terminology(glossary, tuple(bundled_protected(glossary_dir)), sort_keys(chinese))
    with suppress(OSError):
        atomic.write_bytes(cache, pickle.dumps(terms, protocol=pickle.HIGHEST_PROTOCOL))
    return terms


def _terminology_cache(glossary_dir: Path) -> Path:
    from assembler.build.cache import GLOSSARY_FILES, file_digest, tree_digest
    from assembler.paths import PROJECT_ROOT
    from assembler.render.cmap import cache_folder

    readers = PROJECT_ROOT / "assembler"
    key = hashlib.sha256()
    for part in (
        tree_digest(glossary_dir, GLOSSARY_FILES),
        tree_digest(
            readers,
            ("glossary/*.py", "script/protect_list.py", "yamlpos.py", "pack/pinyin.py"),
        ),
        # The cached object's own shape.
        file_digest(Path(__file__)),
        str(glossary_dir.resolve()),
    ):
        key.update(part.encode() + b"\0")
    return cache_folder() / "glossary" / f"{key.hexdigest()[:32]}.pickle"


def prepare(
    spec_path: Path,
    corpus: Corpus,
    glossary: Glossary,
    templates: Path,
    overrides: Overrides = Overrides(),
    progress: Progress | None = None,
    timings: Timings | None = None,
    protected: tuple[str, ...] = (),
    converter: ConverterFactory | None = None,
    sort_keys: Mapping[str, tuple[tuple[str, int], ...]] | None = None,
) -> Prepared:
    """The pack model of a spec. `protected` lists terms, besides the glossary's and the
    spec's, that keep their form through script conversion. `converter` makes the conversion
    function of a variant (glossary and protected terms given); a warm builder passes one that
    reuses converters and converted text (assembler/build/warm.py)."""
    from assembler.pack.compose import compose
    from assembler.pack.gloss import gloss_first
    from assembler.pack.i18n import localiser
    from assembler.pack.resolve import resolve
    from assembler.pack.script import convert_pack
    from assembler.pack.spec import load_spec
    from assembler.pack.typefaces import chinese_typeface
    from assembler.pack.versions import Translations, check_languages
    from assembler.script.convert import build_converter
    from assembler.script.variants import get_variant

    timings = timings or Timings()
    with timings.stage("spec", progress):
        loaded = load_spec(spec_path)
        variant = get_variant(overrides.script or loaded.spec.script)
        language = overrides.language or loaded.spec.language
        if language not in ("zh", "en", "zh+en"):
            raise AssemblerError(f"unknown language mode {language!r}", hint="use zh, en or zh+en")
    columns = languages(language, variant)
    with timings.stage("resolve", progress):
        resolution = resolve(loaded, corpus, glossary, columns.corpus[0])
        translations = Translations(corpus)
        check_languages(resolution, columns.corpus, translations)
    with timings.stage("compose", progress):
        say = localiser(columns.typefaces[0].lang, templates / "locale")
        chinese = localiser(chinese_typeface(variant).lang, templates / "locale")
        english = localiser("en", templates / "locale")
        today = dt.date.today().isoformat()
        counterpart = translations.record
        pack = compose(
            resolution, columns, counterpart, say, chinese, english, today, sort_keys or {}
        )
        # Side by side, the English stands in its own column: glosses would repeat it.
        if resolution.glossed and "en" not in columns.corpus:
            pack = gloss_first(pack, glossary, resolution.glossed, say)
        own = (loaded.spec.script, loaded.spec.language)
        pack = replace(pack, name=output_name(loaded.name, (variant.name, language), own))
    if variant.converts:
        with timings.stage("opencc", progress):  # loads OpenCC's dictionaries: once a process
            terms = (*protected, *loaded.spec.protect)
            convert: Callable[[str], str]
            if converter is None:
                convert = build_converter(variant, glossary=glossary, terms=terms).convert
            else:
                convert = converter(variant, glossary, terms)
        with timings.stage("script", progress):
            pack = convert_pack(pack, convert)
    return Prepared(loaded, resolution, pack)


def output_name(name: str, variant: tuple[str, str], own: tuple[str, str]) -> str:
    """The spec's name, marked with the script and language of a variant the command line asked
    for (`variant` differs from the spec's `own` script and language), so that the variants of
    one spec sit side by side in out/."""
    suffixes = [v.replace("+", "-") for v, o in zip(variant, own, strict=True) if v != o]
    return "-".join((name, *suffixes))


def output_formats(spec: LoadedSpec, overrides: Overrides) -> tuple[str, ...]:
    return overrides.formats or spec.spec.outputs


def render_pack(
    pack: Pack,
    formats: tuple[str, ...],
    templates: Path,
    progress: Progress | None,
    timings: Timings,
    worker: PdfWorker | None = None,
    parallel: bool = True,
) -> dict[str, Rendered]:
    """Every requested format rendered in memory; the writers' stages join the build's. With
    a PDF beside it, the DOCX's contents show the PDF's page numbers: WeasyPrint paginates in
    `worker` (or a process started here; in this process where none can be) while this one
    writes the DOCX, as soon as the PDF's pages are laid out. The "pdf" stage is then the
    time this process waited for the PDF, so that the stages add up to the build's time.
    Without `parallel` (and no `worker`), everything is rendered here, one after the other."""
    context = RenderContext(templates, progress, timings.stages)
    if "pdf" not in formats:
        return render(pack, formats, context)
    from assembler.render.html import page
    from assembler.render.pdfworker import InProcessJob, PdfJob, PdfWorker, can_start

    with ExitStack() as stack:
        if worker is None and parallel and "docx" in formats and can_start():
            worker = stack.enter_context(PdfWorker())
        html = page(pack, context)
        job: PdfJob | None = worker.submit(html, templates) if worker is not None else None
        rendered = render(pack, tuple(f for f in formats if f not in ("pdf", "docx")), context)
        waited = 0.0
        if job is None:
            start = time.perf_counter()
            job = InProcessJob(html, templates)
            waited += time.perf_counter() - start
        if "docx" in formats:
            writer = FORMATS["docx"].writer()  # imported while WeasyPrint lays out
            start = time.perf_counter()
            marks = job.marks()
            waited += time.perf_counter() - start
            paged = replace(pack, anchor_pages=anchors_from_marks(marks, pack))
            rendered["docx"] = writer(paged, context)
        start = time.perf_counter()
        pdf = job.result()
        waited += time.perf_counter() - start
    timings.stages["pdf"] = waited
    if progress is not None:
        progress("pdf", waited)
    rendered["pdf"] = Rendered(pdf.data, pdf.pages)
    return rendered


def _plain(title: str) -> str:
    """A heading as text to compare: the PDF's typesetting may join characters (U+2060) and
    set a narrower space between Chinese and digits than the pack's."""
    return " ".join(title.replace("\u2060", "").split())


def anchors_from_marks(marks: Sequence[tuple[str, int]], pack: Pack) -> tuple[tuple[str, int], ...]:
    """The page (1-based) each section and the annex starts on, from the PDF's outline in
    reading order (label, page index): WeasyPrint makes one bookmark per heading, with the
    heading's text. Word paginates the DOCX a little differently (its own fonts and line
    breaking), so these are close, not exact, until Word updates the contents field."""
    plain = [(_plain(label), page) for label, page in marks]
    found: list[tuple[str, int]] = []
    entries = [(s.heading, s.anchor) for s in pack.sections]
    if pack.annex is not None:
        entries.append((pack.annex.heading, pack.annex.anchor))
    position = 0
    for heading, anchor in entries:
        wanted = _plain(heading)
        at = next((i for i in range(position, len(plain)) if plain[i][0] == wanted), None)
        if at is None:
            continue
        found.append((anchor, plain[at][1] + 1))
        position = at + 1
    return tuple(found)


def anchor_pages(pdf: bytes, pack: Pack) -> tuple[tuple[str, int], ...]:
    """`anchors_from_marks` of a written PDF, its outline read back with pypdfium2."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]  # only here: ~40 ms to import

    document = pdfium.PdfDocument(pdf)
    try:
        marks = [
            (m.get_title(), m.get_dest().get_index())
            for m in document.get_toc()
            if m.get_dest() is not None
        ]
    finally:
        document.close()
    return anchors_from_marks(marks, pack)


def build(
    spec_path: Path,
    corpus: Corpus,
    glossary_dir: Path,
    templates: Path,
    out_dir: Path,
    overrides: Overrides = Overrides(),
    progress: Progress | None = None,
    parallel: bool = True,
) -> tuple[Prepared, tuple[Written, ...], Timings]:
    """Build a spec's outputs into `out_dir`. With `parallel` (and a PDF possibly wanted), a
    process importing WeasyPrint is started first, so that its half-second import overlaps
    ours and the making of the pack (render/pdfworker.py)."""
    if out_dir.exists() and not out_dir.is_dir():
        # Said before any work, not after a render that has nowhere to go.
        raise AssemblerError(
            "the output folder is a file", path=out_dir, hint="give --out a folder (or a new name)"
        )
    from assembler.render.pdfworker import PdfWorker, can_start

    with ExitStack() as stack:
        worker = None
        if parallel and "pdf" in (overrides.formats or ("pdf",)) and can_start():
            worker = stack.enter_context(PdfWorker())
        timings = Timings()
        with timings.stage("glossary", progress):
            terms = load_terminology(glossary_dir)
        prepared = prepare(
            spec_path,
            corpus,
            terms.glossary,
            templates,
            overrides,
            progress,
            timings,
            terms.protected,
            sort_keys=terms.sort_keys,
        )
        formats = output_formats(prepared.spec, overrides)
        rendered = render_pack(prepared.pack, formats, templates, progress, timings, worker)
    written = []
    for fmt in formats:
        output = rendered[fmt]
        path = out_dir / f"{prepared.pack.name}.{fmt}"
        atomic.write_bytes(path, output.data)
        written.append(Written(path, fmt, len(output.data), output.pages))
    return prepared, tuple(written), timings
