"""Ingest: read sources, parse, group into documents, reconcile, write records (the service
`service.ingest_sources` runs it under the corpus's lock).

A source that cannot be read or parsed fails alone: the document it belongs to is not written
(its previous records stay as they were), and every other document still is. Which document a
failed source belongs to is found from what can still be read of it (its sidecar's id, the
symbol and cover of its text) and from the previous records, which list their sources: a
document is never rewritten from the sources that happen to survive (a witness alone would
yield a partial document under a made-up id). Each language version of a document is built
from its own sources and fails or succeeds on its own."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assembler.collection import rare_collections
from assembler.corpus import store
from assembler.corpus.assemble import (
    Parsed,
    build_document,
    document_keys,
    group_sources,
    version_ids,
)
from assembler.corpus.model import LANGUAGES, Document, version_name
from assembler.corpus.parse import parse_source
from assembler.corpus.sources import Sidecar, Source, load_sidecar, read_source
from assembler.errors import AssemblerError
from assembler.text.decode import decode
from assembler.text.language import detect_language


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    errors: list[AssemblerError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # documents not written: a source failed
    # Versions whose sources now make a document under another id: (old, new, files removed).
    moved: list[tuple[str, str, list[Path]]] = field(default_factory=list)


def parse_file(path: Path) -> Parsed:
    source = read_source(path)
    parsed = parse_source(
        source.name, source.text, source.sidecar.lang, lines_are_blocks=source.lines_are_blocks
    )
    # A reader that knows the blocks (a PDF's layout) vouches for unnumbered text too: a letter
    # or a verbatim record has no paragraph numbers.
    if not parsed.blocks or not (
        source.lines_are_blocks
        or any(b.para is not None or b.kind == "heading" for b in parsed.blocks)
    ):
        raise AssemblerError(
            "no recognisable paragraphs or headings (expected lines like '1. ...' or '一. ...')",
            path=path,
            hint="check that this is the text of a UN document, not an index or a table",
        )
    return Parsed(source, parsed)


def _previous_documents(records_dir: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """(document id, language) -> the names of its sources, as the records written last time
    list them."""
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for doc_id, lang in store.document_versions(records_dir):
        meta_path = store.meta_path(records_dir, doc_id, lang)
        try:
            data = json.loads(meta_path.read_text(encoding="utf-8"))
            names = tuple(str(s["name"]) for s in data.get("sources", ()))
            found[(doc_id, lang)] = names
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            continue  # unreadable metadata says nothing about sources; `corpus list` reports it
    return found


def failed_source_keys(path: Path, previous: dict[tuple[str, str], tuple[str, ...]]) -> set[str]:
    """The document keys (see `document_keys`) of a source that failed, as far as they can
    still be known: its sidecar's id and symbol if the sidecar loads, the symbol and cover of
    its text if the text decodes, its language ("lang:en") if the sidecar or the text tells,
    and the other sources of the previous document it was in."""
    keys: set[str] = set()
    try:
        sidecar = load_sidecar(path)
    except AssemblerError:
        sidecar = Sidecar()  # the sidecar is what failed: it says nothing
    if sidecar.id:
        keys.add(f"id:{sidecar.id}")
    if sidecar.symbol:
        keys.add(f"symbol:{sidecar.symbol}")
    if sidecar.lang:
        keys.add(f"lang:{sidecar.lang}")
    try:
        text = decode(path, path.read_bytes())
        keys.add(f"lang:{sidecar.lang or detect_language(text)}")
        parsed = parse_source(path.name, text, sidecar.lang)
        keys |= document_keys(Parsed(Source(path, text, "", sidecar), parsed))
    except (AssemblerError, OSError):
        pass
    for (doc_id, lang), names in previous.items():
        if path.name in names:
            keys.add(f"previous:{version_name(doc_id, lang)}")
            keys.add(f"lang:{lang}")
            keys |= {f"file:{name}" for name in names}
    keys.discard(f"file:{path.name}")
    return keys


def _same_document(failed: set[str], group: list[Parsed]) -> bool:
    """Whether a failed source (its keys) belongs to the document version of `group`. A source
    in another language belongs to another version; sidecar ids decide when both sides have
    one, as they do when sources are grouped."""
    failed_langs = {k.removeprefix("lang:") for k in failed if k.startswith("lang:")}
    if failed_langs and group[0].parsed.lang not in failed_langs:
        return False
    keys: set[str] = set().union(*(document_keys(p) for p in group))
    failed_ids = {k for k in failed if k.startswith("id:")}
    group_ids = {k for k in keys if k.startswith("id:")}
    if failed_ids and group_ids:
        return bool(failed_ids & group_ids)
    return bool(failed & keys)


def _document_name(group: list[Parsed], failed: list[set[str]]) -> str:
    """How to name a document version that is not written: its id (and language, if not the
    base), from the sidecars or the previous records, else its sources."""
    lang = group[0].parsed.lang
    ids = sorted({version_name(p.source.sidecar.id, lang) for p in group if p.source.sidecar.id})
    ids += sorted(
        {k[len("previous:") :] for keys in failed for k in keys if k.startswith("previous:")}
    )
    if ids:
        return ", ".join(dict.fromkeys(ids))
    return "the document of " + ", ".join(p.source.name for p in group)


def _same_id_error(name: str, versions: list[tuple[Document, list[Parsed]]]) -> AssemblerError:
    """Groups that were not joined (their sources share no id, symbol or cover) but came out
    with one id, e.g. a sidecar id equal to another document's symbol-made id, or two file names
    that make the same id: writing both would let the last silently replace the first."""
    groups = [" + ".join(str(p.source.path) for p in group) for _, group in versions]
    return AssemblerError(
        f"{' and '.join(groups)} are different documents with the same id, {name}: none of them"
        " is written; the records on disk are unchanged",
        path=versions[-1][1][0].source.path,
        hint="give each document its own `id` in a sidecar; if they are copies of one"
        " document, give them the same `id` and `symbol` in their sidecars",
    )


def ingest(paths: list[Path], records_dir: Path, *, write: bool = True) -> IngestResult:
    with rare_collections():
        return _ingest(paths, records_dir, write=write)


def _ingest(paths: list[Path], records_dir: Path, *, write: bool) -> IngestResult:
    result = IngestResult()
    parsed_sources: list[Parsed] = []
    failed: list[set[str]] = []
    before = _previous_documents(records_dir)
    for path in paths:
        try:
            parsed = parse_file(path)
        except AssemblerError as error:
            result.errors.append(error)
            failed.append(failed_source_keys(path, before))
            continue
        parsed_sources.append(parsed)
    built: dict[tuple[str, str], list[tuple[Document, list[Parsed]]]] = {}
    groups = group_sources(parsed_sources)
    taken_ids = version_ids(groups)
    for position, group in enumerate(groups):
        culprits = [keys for keys in failed if _same_document(keys, group)]
        if culprits:
            result.skipped.append(_document_name(group, culprits))
            continue
        try:
            document = build_document(group, taken_ids.get(position))
        except AssemblerError as error:
            result.errors.append(error)
            continue
        built.setdefault((document.meta.id, document.meta.lang), []).append((document, group))
    for (doc_id, lang), versions in built.items():
        if len(versions) > 1:
            result.errors.append(_same_id_error(version_name(doc_id, lang), versions))
            continue
        document = versions[0][0]
        if write:
            store.write_document(records_dir, document)
        result.documents.append(document)
    result.documents.sort(key=lambda d: (d.meta.id, LANGUAGES.index(d.meta.lang)))
    result.moved = _moved(before, result.documents, records_dir, write=write)
    return result


def _moved(
    before: dict[tuple[str, str], tuple[str, ...]],
    written: list[Document],
    records_dir: Path,
    *,
    write: bool,
) -> list[tuple[str, str, list[Path]]]:
    """Remove the records of document versions whose sources all went into a version written
    now under another id (a sidecar `id` added or changed): left on disk, the document would
    be listed twice, once under each id."""
    now = {(d.meta.id, d.meta.lang) for d in written}
    home = {
        (source.name, d.meta.lang): version_name(d.meta.id, d.meta.lang)
        for d in written
        for source in d.meta.sources
    }
    moved: list[tuple[str, str, list[Path]]] = []
    for (doc_id, lang), names in sorted(before.items()):
        if (doc_id, lang) in now or not names:
            continue
        targets = {home.get((name, lang)) for name in names}
        if None in targets:
            continue  # a source not written this run: nothing says the document moved
        removed = store.remove_document(records_dir, doc_id, lang) if write else []
        new = ", ".join(sorted(t for t in targets if t is not None))
        moved.append((version_name(doc_id, lang), new, removed))
    return moved
