"""A corpus root on disk (sources/, records/, the search index) and finding documents in it by
id or symbol, with near-miss suggestions when a name is wrong."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from assembler.corpus import store
from assembler.corpus.model import Document
from assembler.errors import AssemblerError
from assembler.text.symbols import is_symbol, normalise_symbol


@dataclass(frozen=True)
class Corpus:
    root: Path

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def records_dir(self) -> Path:
        return self.root / "records"

    @property
    def index_path(self) -> Path:
        return self.root / "index.sqlite"

    def ids(self) -> list[str]:
        return store.document_ids(self.records_dir)

    def documents(self) -> list[Document]:
        return [store.load_document(self.records_dir, doc_id) for doc_id in self.ids()]

    def resolve(self, name: str) -> Document:
        """A document by its id or its symbol ("E/CN.15/2007/9"). Only the metadata of the
        others is read: their records may be large."""
        metas = [store.load_meta(self.records_dir, doc_id) for doc_id in self.ids()]
        wanted = normalise_symbol(name) if is_symbol(name) else name
        for meta in metas:
            if name == meta.id or (meta.symbol and wanted == meta.symbol):
                return Document(meta, store.load_records(self.records_dir, meta.id))
        names = [m.id for m in metas] + [m.symbol for m in metas if m.symbol]
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
        hint = (
            f"did you mean {', '.join(close)}?" if close else f"known documents: {', '.join(names)}"
        )
        if not metas:
            hint = "the corpus has no records yet: run `assembler corpus ingest`"
        raise AssemblerError(f"no document {name!r} in {self.records_dir}", hint=hint)
