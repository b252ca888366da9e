"""`corpus ingest`: read sources, parse, group into documents, reconcile, write records.

A source that cannot be read or parsed fails alone: the documents it belongs to (when its
sidecar says which) are not written, and every other document still is."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from assembler.corpus import store
from assembler.corpus.assemble import Parsed, build_document, group_sources
from assembler.corpus.model import Document
from assembler.corpus.parse import parse_source
from assembler.corpus.sources import load_sidecar, read_source
from assembler.errors import AssemblerError


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[AssemblerError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # documents not written because a source failed


def parse_file(path: Path) -> Parsed:
    source = read_source(path)
    parsed = parse_source(source.name, source.text)
    if not any(b.para is not None or b.kind == "heading" for b in parsed.blocks):
        raise AssemblerError(
            "no recognisable paragraphs or headings (expected lines like '1. ...' or '一. ...')",
            path=path,
            hint="check that this is the text of a UN document, not an index or a table",
        )
    return Parsed(source, parsed)


def ingest(paths: list[Path], records_dir: Path, *, write: bool = True) -> IngestResult:
    result = IngestResult()
    parsed_sources: list[Parsed] = []
    failed_ids: set[str] = set()
    for path in paths:
        try:
            parsed = parse_file(path)
        except AssemblerError as error:
            result.errors.append(error)
            try:
                sidecar_id = load_sidecar(path).id
            except AssemblerError:
                sidecar_id = None
            if sidecar_id:
                failed_ids.add(sidecar_id)
            continue
        parsed_sources.append(parsed)
    for group in group_sources(parsed_sources):
        ids = {p.source.sidecar.id or "" for p in group} & failed_ids
        if ids:
            result.skipped += sorted(ids)
            continue
        try:
            document = build_document(group)
        except AssemblerError as error:
            result.errors.append(error)
            continue
        if write:
            store.write_document(records_dir, document)
        result.documents.append(document)
    result.documents.sort(key=lambda d: d.meta.id)
    return result
