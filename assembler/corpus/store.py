"""The committed record files: `records/<id>.jsonl` (one record a line, in reading order) and
`records/<id>.meta.json`. Same input, byte-identical output; written atomically.

A document's Chinese version (the corpus's base language) has the plain names; another language
version sits beside it with the language before the suffix: `records/<id>.en.jsonl` and
`records/<id>.en.meta.json`."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assembler import atomic
from assembler.corpus.ids import id_problem
from assembler.corpus.model import (
    BASE_LANGUAGE,
    LANGUAGES,
    DateRange,
    Difference,
    Document,
    DocumentMeta,
    Item,
    Note,
    Record,
    SourceInfo,
)
from assembler.errors import AssemblerError

RECORDS_SUFFIX = ".jsonl"
META_SUFFIX = ".meta.json"


def record_json(record: Record) -> str:
    data = asdict(record)
    for item in data["items"]:
        if not item["group"]:
            # Items outside a grouped list have no group: records written before groups
            # existed stay byte-identical.
            del item["group"]
    return json.dumps(data, ensure_ascii=False)


def records_jsonl(records: tuple[Record, ...] | list[Record]) -> str:
    return "".join(record_json(r) + "\n" for r in records)


def meta_json(meta: DocumentMeta) -> str:
    return json.dumps(asdict(meta), ensure_ascii=False, indent=2) + "\n"


def version_stem(doc_id: str, lang: str = BASE_LANGUAGE) -> str:
    """The file name, without suffix, of a document's version in `lang`."""
    return doc_id if lang == BASE_LANGUAGE else f"{doc_id}.{lang}"


def split_stem(stem: str) -> tuple[str, str]:
    """(document id, language) of a record file's stem; the inverse of `version_stem`. Ids
    never end in a language code (the sidecar refuses them), and symbol components never are
    one ("E-CN.15-2007-9" is the Chinese version of E/CN.15/2007/9)."""
    head, dot, tail = stem.rpartition(".")
    if dot and head and tail in LANGUAGES and tail != BASE_LANGUAGE:
        return head, tail
    return stem, BASE_LANGUAGE


def records_path(directory: Path, doc_id: str, lang: str = BASE_LANGUAGE) -> Path:
    return directory / f"{version_stem(doc_id, lang)}{RECORDS_SUFFIX}"


def meta_path(directory: Path, doc_id: str, lang: str = BASE_LANGUAGE) -> Path:
    return directory / f"{version_stem(doc_id, lang)}{META_SUFFIX}"


def write_document(directory: Path, document: Document) -> None:
    """Records first, then metadata: a reader that finds the metadata finds its records."""
    meta = document.meta
    problem = id_problem(meta.id)
    if problem is not None:
        # Ingest checks ids where they are made; this guards every other writer of records.
        raise AssemblerError(f"cannot write records: {problem}", path=directory)
    atomic.write_text(records_path(directory, meta.id, meta.lang), records_jsonl(document.records))
    atomic.write_text(meta_path(directory, meta.id, meta.lang), meta_json(meta))


def remove_document(directory: Path, doc_id: str, lang: str = BASE_LANGUAGE) -> list[Path]:
    """Delete a document version's files (metadata first: a reader that finds the metadata
    finds its records); the paths that were there."""
    removed = []
    for path in (meta_path(directory, doc_id, lang), records_path(directory, doc_id, lang)):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def record_from_json(data: dict[str, Any]) -> Record:
    return Record(
        doc=data["doc"],
        lang=data["lang"],
        seq=data["seq"],
        kind=data["kind"],
        level=data["level"],
        label=data["label"],
        para=data["para"],
        path=tuple(data["path"]),
        text=data["text"],
        items=tuple(Item(**i) for i in data["items"]),
        notes=tuple(Note(**n) for n in data["notes"]),
        refs=tuple(data["refs"]),
        source=data["source"],
        sources=tuple(data["sources"]),
    )


def meta_from_json(data: dict[str, Any]) -> DocumentMeta:
    fields = dict(data)
    fields["dates"] = DateRange(**data["dates"]) if data.get("dates") else None
    fields["front_matter"] = tuple(data.get("front_matter", ()))
    fields["notes"] = tuple(Note(**n) for n in data.get("notes", ()))
    fields["refs"] = tuple(data.get("refs", ()))
    fields["sources"] = tuple(SourceInfo(**s) for s in data.get("sources", ()))
    fields["differences"] = tuple(Difference(**d) for d in data.get("differences", ()))
    fields["warnings"] = tuple(data.get("warnings", ()))
    return DocumentMeta(**fields)


def load_meta(directory: Path, doc_id: str, lang: str = BASE_LANGUAGE) -> DocumentMeta:
    path = meta_path(directory, doc_id, lang)
    try:
        return meta_from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise AssemblerError(
            "missing record file", path=exc.filename, hint="run `assembler corpus ingest`"
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise AssemblerError(f"unreadable metadata: {exc}", path=path) from exc


def load_records(directory: Path, doc_id: str, lang: str = BASE_LANGUAGE) -> tuple[Record, ...]:
    path = records_path(directory, doc_id, lang)
    records = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    records.append(record_from_json(json.loads(line)))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise AssemblerError(
                        f"not a record: {exc}",
                        path=path,
                        line=number,
                        hint="run `assembler corpus ingest` to rebuild the records",
                    ) from exc
    except FileNotFoundError as exc:
        raise AssemblerError(
            "missing record file", path=exc.filename, hint="run `assembler corpus ingest`"
        ) from exc
    return tuple(records)


def load_document(directory: Path, doc_id: str, lang: str = BASE_LANGUAGE) -> Document:
    return Document(load_meta(directory, doc_id, lang), load_records(directory, doc_id, lang))


def document_versions(directory: Path) -> list[tuple[str, str]]:
    """(id, language) of every document version in `directory`: by id, the base language
    first."""
    if not directory.is_dir():
        return []
    found = [split_stem(p.name[: -len(META_SUFFIX)]) for p in directory.glob(f"*{META_SUFFIX}")]
    return sorted(found, key=lambda v: (v[0], v[1] != BASE_LANGUAGE, v[1]))


def document_ids(directory: Path) -> list[str]:
    """The ids of the documents in `directory`, each once, whatever its languages."""
    return list(dict.fromkeys(doc_id for doc_id, _ in document_versions(directory)))
