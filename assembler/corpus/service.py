"""The corpus operations that the command line and the web workspace share: open a corpus,
ingest its sources, list its documents, show paragraphs, export records, search, and read the
recorded differences between a document's sources.

Each takes plain arguments (a `Corpus`, document names, ranges as a user writes them), returns
data (the dataclasses here, records, search hits) and raises `AssemblerError`; none prints.
`encode` gives the JSON forms of the results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assembler.atomic import remove_stale_temporaries
from assembler.corpus import index, store
from assembler.corpus.catalog import Corpus
from assembler.corpus.index import Hit
from assembler.corpus.ingest import ingest
from assembler.corpus.model import BASE_LANGUAGE, Difference, Document, DocumentMeta, Record
from assembler.corpus.select import paragraph_runs, parse_ranges, select_paragraphs
from assembler.corpus.sources import list_sources
from assembler.errors import AssemblerError
from assembler.locking import folder_lock


def open_corpus(root: Path) -> Corpus:
    """The corpus whose root folder is `root`; an error if there is no such folder."""
    if not root.is_dir():
        raise AssemblerError(
            f"no corpus directory {root}",
            hint="pass --corpus DIR with sources/ and records/ inside",
        )
    return Corpus(root)


# -- ingest -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class IngestReport:
    """What an ingest did. A source that failed leaves its document unwritten (`skipped`, by
    name) and its error in `errors`; every other document is written."""

    documents: tuple[Document, ...]  # written, by id, the base language first
    skipped: tuple[str, ...]
    errors: tuple[AssemblerError, ...]
    removed: tuple[Path, ...]  # temporary files of killed runs, deleted before ingesting
    # Versions whose sources moved to another id: (old name, new name, record files removed).
    moved: tuple[tuple[str, str, tuple[Path, ...]], ...] = ()

    @property
    def warning_count(self) -> int:
        """How many warnings the written documents carry (what `--strict` fails on)."""
        return sum(len(d.meta.warnings) for d in self.documents)


def ingest_sources(corpus: Corpus, files: Sequence[Path] = ()) -> IngestReport:
    """Parse `files` (by default every source in sources/), reconcile the copies of each
    document and write its records."""
    paths = list(files) or list_sources(corpus.sources_dir)
    if not paths:
        raise AssemblerError(
            f"no sources in {corpus.sources_dir}", hint="copy extracted .txt files there"
        )
    # The whole run under the corpus's lock: two ingests at once would each write half of the
    # documents, and only with the lock held is a temporary file sure to be a killed run's.
    with folder_lock(corpus.root):
        removed = remove_stale_temporaries(corpus.records_dir)
        removed += index.remove_stale_builds(corpus.index_path)
        result = ingest(paths, corpus.records_dir)
    return IngestReport(
        documents=tuple(result.documents),
        skipped=tuple(result.skipped),
        errors=tuple(result.errors),
        removed=tuple(removed),
        moved=tuple((old, new, tuple(files)) for old, new, files in result.moved),
    )


# -- check ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VersionWarnings:
    """The doubts ingest recorded about one document version, each naming its source file and
    line ("000.txt: line 12: ...")."""

    doc: str
    lang: str
    sources: tuple[str, ...]
    warnings: tuple[str, ...]


def check_documents(corpus: Corpus, name: str | None = None) -> list[VersionWarnings]:
    """The warnings of every language version of document `name` (id or symbol), or of every
    document, as the last ingest recorded them in the metadata."""
    ids = [corpus.doc_id(name)] if name else corpus.ids()
    found = []
    for doc_id in ids:
        for lang in corpus.languages(doc_id):
            meta = store.load_meta(corpus.records_dir, doc_id, lang)
            found.append(
                VersionWarnings(
                    meta.id, meta.lang, tuple(s.name for s in meta.sources), meta.warnings
                )
            )
    return found


# -- list -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VersionSummary:
    """One language version of a document: its metadata and the figures `corpus list` gives."""

    meta: DocumentMeta
    paragraph_runs: str  # "1-127", or "1-3, 39" for an excerpt; "" without numbered paragraphs

    @property
    def lang(self) -> str:
        return self.meta.lang

    @property
    def paragraphs(self) -> int:
        return self.meta.counts["paragraphs"]

    @property
    def headings(self) -> int:
        return self.meta.counts["headings"]

    @property
    def items(self) -> int:
        return self.meta.counts["items"]

    @property
    def notes(self) -> int:
        return self.meta.counts["notes"]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(source.name for source in self.meta.sources)


@dataclass(frozen=True)
class DocumentSummary:
    """A document and its language versions, the base language first. The document is
    described by its first version (the base language when it has one), its symbol by the
    first version that has one."""

    id: str
    symbol: str
    title: str
    body: str
    agenda_item: str
    versions: tuple[VersionSummary, ...]

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(version.lang for version in self.versions)


def list_documents(corpus: Corpus) -> list[DocumentSummary]:
    """Every document in the corpus, by id."""
    found = [
        [corpus.resolve(doc_id, lang) for lang in corpus.languages(doc_id)]
        for doc_id in corpus.ids()
    ]
    summaries = []
    for documents in found:
        first = documents[0].meta
        summaries.append(
            DocumentSummary(
                id=first.id,
                symbol=next((d.meta.symbol for d in documents if d.meta.symbol), ""),
                title=first.title,
                body=first.body,
                agenda_item=first.agenda_item,
                versions=tuple(VersionSummary(d.meta, paragraph_runs(d)) for d in documents),
            )
        )
    return summaries


# -- show / export ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Passage:
    """Records of one document version: all of them, or the numbered paragraphs of a range
    (`selected`)."""

    meta: DocumentMeta
    records: tuple[Record, ...]
    selected: bool


def show_paragraphs(
    corpus: Corpus, name: str, paragraphs: str | None = None, *, lang: str = BASE_LANGUAGE
) -> Passage:
    """Document `name` (its id or symbol) in `lang`: the numbered paragraphs in `paragraphs`
    ("15-20, 38", as a user writes them), or the whole document when None. A range the
    document does not have is an error that gives the range it has."""
    document = corpus.resolve(name, lang)
    if paragraphs is None:
        return Passage(document.meta, document.records, selected=False)
    records = select_paragraphs(document, parse_ranges(paragraphs))
    return Passage(document.meta, tuple(records), selected=True)


def export_jsonl(corpus: Corpus, name: str, *, lang: str = BASE_LANGUAGE) -> str:
    """Document `name`'s records in `lang` as JSON Lines, one record a line, as records/ holds
    them."""
    return store.records_jsonl(corpus.resolve(name, lang).records)


# -- search -----------------------------------------------------------------------------------
def search_records(
    corpus: Corpus,
    query: str,
    *,
    doc: str | None = None,
    lang: str | None = None,
    limit: int = 50,
    mark: tuple[str, str] = ("«", "»"),
) -> list[Hit]:
    """Records containing every space-separated term of `query`, in reading order: in document
    `doc` (id or symbol) or all, in `lang` or every language; `mark` brackets each match in the
    hits' snippets. The search index is rebuilt first if the records changed."""
    doc_id = corpus.doc_id(doc) if doc else None
    return index.search(
        corpus.records_dir,
        corpus.index_path,
        query,
        doc=doc_id,
        limit=limit,
        mark=mark,
        lang=lang,
    )


# -- diff -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SourceDifferences:
    """Where the sources of one document version differ from its records, as ingest recorded
    it."""

    doc: str
    lang: str
    differences: tuple[Difference, ...]


def source_differences(
    corpus: Corpus, name: str, *, lang: str = BASE_LANGUAGE
) -> SourceDifferences:
    """The recorded differences between the sources of document `name` in `lang`."""
    meta = corpus.resolve(name, lang).meta
    return SourceDifferences(meta.id, meta.lang, meta.differences)
