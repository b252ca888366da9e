"""Build a briefing pack: spec -> resolver -> pack model -> transforms -> writers -> files.

Every output is rendered in memory first and written atomically only when all of them
succeeded, so a failed build leaves no partial file and keeps the previous good output.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from assembler import atomic
from assembler.corpus.align import align_headings, align_paragraphs, heading_place
from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document, Record
from assembler.errors import AssemblerError
from assembler.glossary.model import Glossary
from assembler.glossary.store import load_glossary
from assembler.model.pack import Pack, Typeface
from assembler.pack.compose import Languages, compose
from assembler.pack.gloss import gloss_first
from assembler.pack.i18n import localiser
from assembler.pack.resolve import Pick, Resolution, resolve
from assembler.pack.script import convert_pack
from assembler.pack.spec import LoadedSpec, Output, load_spec
from assembler.script.convert import build_converter
from assembler.script.protect_list import bundled_protected
from assembler.script.variants import Variant, get_variant

Progress = Callable[[str, float], None]

ENGLISH = Typeface(
    lang="en",
    word_lang="en-US",
    east_asian=False,
    body="Liberation Serif",
    heading="Liberation Sans",
    latin="Liberation Serif",
)


@dataclass(frozen=True)
class Overrides:
    """Command-line values that win over the spec's, so one spec serves every audience."""

    script: str | None = None
    language: str | None = None
    formats: tuple[Output, ...] | None = None


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


@dataclass(frozen=True)
class Prepared:
    spec: LoadedSpec
    resolution: Resolution
    pack: Pack


def chinese_typeface(variant: Variant) -> Typeface:
    return Typeface(
        lang=variant.html_lang,
        word_lang=variant.docx_lang,
        east_asian=True,
        body=variant.serif_font,
        heading=variant.sans_font,
        latin=variant.serif_font,
    )


def languages(language: str, variant: Variant) -> Languages:
    chinese = chinese_typeface(variant)
    columns = {
        "zh": Languages(("zh",), (chinese,), others=(ENGLISH,)),
        "en": Languages(("en",), (ENGLISH,), others=(chinese,)),
        "zh+en": Languages(("zh", "en"), (chinese, ENGLISH)),
    }
    return columns[language]


@dataclass(frozen=True)
class _Aligned:
    """A document paired with one of its versions, once: paragraph number or heading place
    -> the version's record (None where the version lacks it)."""

    paragraphs: dict[str, Record | None]
    headings: dict[tuple[str, ...], Record | None]


class Translations:
    """A pick's record in another language: the same paragraph number (or numbered heading)
    of the document's version in that language, None where the corpus lacks it."""

    def __init__(self, corpus: Corpus) -> None:
        self._corpus = corpus
        self._aligned: dict[tuple[str, str], _Aligned | None] = {}

    def _alignment(self, document: Document, lang: str) -> _Aligned | None:
        key = (document.meta.id, lang)
        if key not in self._aligned:
            version = self._corpus.translation(document, lang)
            self._aligned[key] = (
                None
                if version is None
                else _Aligned(
                    {p.para: p.right for p in align_paragraphs(document, version)},
                    {h.place: h.right for h in align_headings(document, version)},
                )
            )
        return self._aligned[key]

    def record(self, pick: Pick, lang: str) -> Record | None:
        if pick.record.lang == lang:
            return pick.record
        aligned = self._alignment(pick.document, lang)
        if aligned is None:
            return None
        if pick.record.para is not None:
            return aligned.paragraphs.get(pick.record.para)
        place = heading_place(pick.record)
        return aligned.headings.get(place) if place is not None else None


@dataclass(frozen=True)
class Terminology:
    """The glossary folder as a build uses it: its concepts, and the terms of its
    protected.txt that keep their form through script conversion."""

    glossary: Glossary
    protected: tuple[str, ...]


def load_terminology(glossary_dir: Path) -> Terminology:
    return Terminology(load_glossary(glossary_dir), tuple(bundled_protected(glossary_dir)))


def prepare(
    spec_path: Path,
    corpus: Corpus,
    glossary: Glossary,
    templates: Path,
    overrides: Overrides = Overrides(),
    progress: Progress | None = None,
    timings: Timings | None = None,
    protected: tuple[str, ...] = (),
) -> Prepared:
    """The pack model of a spec. `protected` lists terms, besides the glossary's and the
    spec's, that keep their form through script conversion."""
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
    with timings.stage("compose", progress):
        say = localiser(columns.typefaces[0].lang, templates / "locale")
        chinese = localiser(chinese_typeface(variant).lang, templates / "locale")
        english = localiser("en", templates / "locale")
        today = dt.date.today().isoformat()
        counterpart = Translations(corpus).record
        pack = compose(resolution, columns, counterpart, say, chinese, english, today)
        # Side by side, the English stands in its own column: glosses would repeat it.
        if resolution.glossed and "en" not in columns.corpus:
            pack = gloss_first(pack, glossary, resolution.glossed, say)
        pack = replace(pack, name=output_name(loaded.name, variant.name, language))
    if variant.converts:
        with timings.stage("opencc", progress):  # loads OpenCC's dictionaries: once a process
            converter = build_converter(
                variant, glossary=glossary, terms=(*protected, *loaded.spec.protect)
            )
        with timings.stage("script", progress):
            pack = convert_pack(pack, converter.convert)
    return Prepared(loaded, resolution, pack)


def output_name(name: str, script: str, language: str) -> str:
    """The spec's name, marked with the script and language when they are not the default
    ones, so that the variants of one spec sit side by side in out/."""
    suffixes = [s for s in (script, language.replace("+", "-")) if s not in ("hans", "zh")]
    return "-".join((name, *suffixes))


def output_formats(spec: LoadedSpec, overrides: Overrides) -> tuple[Output, ...]:
    return overrides.formats or spec.spec.outputs


def render(
    pack: Pack,
    formats: tuple[Output, ...],
    templates: Path,
    progress: Progress | None,
    timings: Timings,
) -> dict[str, tuple[bytes, int | None]]:
    """Every requested format rendered in memory: format -> (bytes, pages)."""
    from assembler.render import docx, html, pdf  # WeasyPrint's import is slow: only here

    rendered: dict[str, tuple[bytes, int | None]] = {}
    if "pdf" in formats or "html" in formats:
        with timings.stage("fonts", progress):
            pdf.check_coverage(pack)
        with timings.stage("html", progress):
            page = html.render_html(pack, templates)
        if "html" in formats:
            rendered["html"] = (page.encode("utf-8"), None)
        if "pdf" in formats:
            with timings.stage("pdf", progress):
                document = pdf.render_pdf(page, templates)
            rendered["pdf"] = (document.data, document.pages)
    if "docx" in formats:
        with timings.stage("docx", progress):
            rendered["docx"] = (docx.render_docx(pack, templates / "reference.docx"), None)
    return rendered


def build(
    spec_path: Path,
    corpus: Corpus,
    glossary_dir: Path,
    templates: Path,
    out_dir: Path,
    overrides: Overrides = Overrides(),
    progress: Progress | None = None,
) -> tuple[Prepared, tuple[Written, ...], Timings]:
    if out_dir.exists() and not out_dir.is_dir():
        # Said before any work, not after a render that has nowhere to go.
        raise AssemblerError(
            "the output folder is a file", path=out_dir, hint="give --out a folder (or a new name)"
        )
    timings = Timings()
    with timings.stage("glossary", progress):
        terms = load_terminology(glossary_dir)
    prepared = prepare(
        spec_path, corpus, terms.glossary, templates, overrides, progress, timings, terms.protected
    )
    formats = output_formats(prepared.spec, overrides)
    rendered = render(prepared.pack, formats, templates, progress, timings)
    written = []
    for fmt in formats:
        data, pages = rendered[fmt]
        path = out_dir / f"{prepared.pack.name}.{fmt}"
        atomic.write_bytes(path, data)
        written.append(Written(path, fmt, len(data), pages))
    return prepared, tuple(written), timings
