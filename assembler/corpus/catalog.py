"""A corpus root on disk (sources/, records/, the search index) and finding documents in it by
id or symbol, in a given language, with near-miss suggestions when a name is wrong.

A document may exist in several languages (see `model.LANGUAGES`): its versions share its id
and symbol. Without a language, a document is read in the corpus's base language (Chinese), so
that callers written for Chinese records never meet English ones by surprise."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from assembler.corpus import store
from assembler.corpus.model import BASE_LANGUAGE, Document, DocumentMeta
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

    def records_path(self, doc_id: str, lang: str = BASE_LANGUAGE) -> Path:
        """The records file of a document's version in `lang`."""
        return store.records_path(self.records_dir, doc_id, lang)

    def ids(self) -> list[str]:
        """Every document's id, once, whatever languages it has."""
        return store.document_ids(self.records_dir)

    def languages(self, doc_id: str) -> list[str]:
        """The languages `doc_id` has records in, the base language first."""
        return [lang for i, lang in store.document_versions(self.records_dir) if i == doc_id]

    def documents(self, lang: str = BASE_LANGUAGE) -> list[Document]:
        """Every document that has a version in `lang`, in that language."""
        return [
            store.load_document(self.records_dir, doc_id, lang)
            for doc_id, version in store.document_versions(self.records_dir)
            if version == lang
        ]

    def resolve(self, name: str, lang: str | None = None) -> Document:
        """A document by its id or its symbol ("E/CN.15/2007/9"), in `lang`; without one, in
        the base language if the corpus has it, else in the language it has (a resolution
        downloaded in English only). Only the metadata of the others is read: their records
        may be large."""
        metas = self._metas()
        doc_id = self._find(name, metas)
        if lang is None:
            versions = [m.lang for m in metas if m.id == doc_id]
            lang = BASE_LANGUAGE if BASE_LANGUAGE in versions else versions[0]
        return self._version(doc_id, lang, metas)

    def doc_id(self, name: str) -> str:
        """The id of the document named by its id or symbol, whatever its languages."""
        return self._find(name, self._metas())

    def _metas(self) -> list[DocumentMeta]:
        return [
            store.load_meta(self.records_dir, doc_id, version)
            for doc_id, version in store.document_versions(self.records_dir)
        ]

    def _find(self, name: str, metas: list[DocumentMeta]) -> str:
        wanted = normalise_symbol(name) if is_symbol(name) else name
        for meta in metas:
            if name == meta.id or (meta.symbol and wanted == meta.symbol):
                return meta.id
        ids = list(dict.fromkeys(m.id for m in metas))
        names = ids + list(dict.fromkeys(m.symbol for m in metas if m.symbol))
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.4)
        hint = (
            f"did you mean {', '.join(close)}?" if close else f"known documents: {', '.join(ids)}"
        )
        if not metas:
            hint = "the corpus has no records yet: run `assembler corpus ingest`"
        raise AssemblerError(f"no document {name!r} in {self.records_dir}", hint=hint)

    def _version(self, doc_id: str, lang: str, metas: list[DocumentMeta]) -> Document:
        for meta in metas:
            if meta.id == doc_id and meta.lang == lang:
                return Document(meta, store.load_records(self.records_dir, doc_id, lang))
        has = ", ".join(m.lang for m in metas if m.id == doc_id)
        raise AssemblerError(
            f"{doc_id} has no version in {lang!r} in {self.records_dir} (it has: {has})",
            hint=f"ask for {has}, or ingest a source in {lang!r} whose sidecar says"
            f" `id: {doc_id}` and `lang: {lang}`",
        )

    def translation(self, document: Document, lang: str) -> Document | None:
        """The same document in `lang` (e.g. the English version of a Chinese document), or
        None when the corpus does not have it."""
        if document.meta.lang == lang:
            return document
        if lang not in self.languages(document.meta.id):
            return None
        return store.load_document(self.records_dir, document.meta.id, lang)
