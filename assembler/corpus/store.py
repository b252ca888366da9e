"""The committed record files: `records/<id>.jsonl` (one record a line, in reading order) and
`records/<id>.meta.json`. Same input, byte-identical output; written atomically."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from assembler import atomic
from assembler.corpus.model import (
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
    return json.dumps(asdict(record), ensure_ascii=False)


def records_jsonl(records: tuple[Record, ...] | list[Record]) -> str:
    return "".join(record_json(r) + "\n" for r in records)


def meta_json(meta: DocumentMeta) -> str:
    return json.dumps(asdict(meta), ensure_ascii=False, indent=2) + "\n"


def write_document(directory: Path, document: Document) -> None:
    """Records first, then metadata: a reader that finds the metadata finds its records."""
    atomic.write_text(
        directory / f"{document.meta.id}{RECORDS_SUFFIX}", records_jsonl(document.records)
    )
    atomic.write_text(directory / f"{document.meta.id}{META_SUFFIX}", meta_json(document.meta))


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


def load_meta(directory: Path, doc_id: str) -> DocumentMeta:
    meta_path = directory / f"{doc_id}{META_SUFFIX}"
    try:
        return meta_from_json(json.loads(meta_path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise AssemblerError(
            "missing record file", path=exc.filename, hint="run `assembler corpus ingest`"
        ) from exc
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise AssemblerError(f"unreadable metadata: {exc}", path=meta_path) from exc


def load_records(directory: Path, doc_id: str) -> tuple[Record, ...]:
    records_path = directory / f"{doc_id}{RECORDS_SUFFIX}"
    records = []
    try:
        with records_path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                try:
                    records.append(record_from_json(json.loads(line)))
                except (json.JSONDecodeError, KeyError, TypeError) as exc:
                    raise AssemblerError(
                        f"not a record: {exc}",
                        path=records_path,
                        line=number,
                        hint="run `assembler corpus ingest` to rebuild the records",
                    ) from exc
    except FileNotFoundError as exc:
        raise AssemblerError(
            "missing record file", path=exc.filename, hint="run `assembler corpus ingest`"
        ) from exc
    return tuple(records)


def load_document(directory: Path, doc_id: str) -> Document:
    return Document(load_meta(directory, doc_id), load_records(directory, doc_id))


def document_ids(directory: Path) -> list[str]:
    if not directory.is_dir():
        return []
    return sorted(p.name[: -len(META_SUFFIX)] for p in directory.glob(f"*{META_SUFFIX}"))
