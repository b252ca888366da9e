"""Glossary tools: scan a corpus document for the glossary's terms (flagging superseded and
deprecated ones in their context), export the glossary (TBX, CSV) and import a file through
exchange.import_file, as `glossary scan`, `export` and `import` do."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from assembler.corpus import service
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary import edit, exchange
from assembler.glossary.scan import Flag, Occurrence, record_segments, scan_document
from assembler.glossary.store import glossary_files
from assembler.web.context import WebContext

EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    # format -> (file suffix, media type)
    "tbx": (".tbx", "application/x-tbx+xml"),
    "tbx2": (".tbx", "application/x-tbx+xml"),
    "csv": (".csv", "text/csv; charset=utf-8"),
}
CONTEXT_CHARS = 40
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class InContext:
    """A flagged occurrence with the text around it."""

    flag: Flag
    before: str
    found: str
    after: str

    @property
    def occurrence(self) -> Occurrence:
        return self.flag.occurrence


def in_context(flags: tuple[Flag, ...], texts: dict[tuple[int, str, str], str]) -> list[InContext]:
    shown = []
    for flag in flags:
        o = flag.occurrence
        text = texts.get((o.seq, o.part, o.label), "")
        start = max(0, o.start - CONTEXT_CHARS)
        before = ("…" if start else "") + text[start : o.start]
        after = text[o.end : o.end + CONTEXT_CHARS] + (
            "…" if o.end + CONTEXT_CHARS < len(text) else ""
        )
        shown.append(InContext(flag, before, text[o.start : o.end], after))
    return shown


def upload_name(filename: str | None) -> str:
    """The uploaded file's own name without any folder and with only safe characters: it names
    the glossary file the import goes into (glossary/<stem>.yaml), as `glossary import` does."""
    base = Path((filename or "").replace("\\", "/")).name
    cleaned = SAFE_NAME.sub("-", base).strip(".-")
    return cleaned or "import.tbx"


def routes(ctx: WebContext) -> list[BaseRoute]:
    def documents() -> list[Any]:
        return service.list_documents(service.open_corpus(ctx.corpus))

    def scan(request: Request) -> Response:
        document = request.query_params.get("document", "")
        paragraphs = request.query_params.get("paragraphs", "").strip()
        values: dict[str, Any] = {
            "documents": documents(),
            "document": document,
            "paragraphs": paragraphs,
            "result": None,
            "flagged": [],
        }
        if document:
            glossary = ctx.load_glossary()
            result = scan_document(glossary, ctx.corpus, document, paragraphs or None)
            records = Corpus(ctx.corpus).resolve(document).records
            texts: dict[tuple[int, str, str], str] = {
                (s.seq, s.part, s.label): s.text for s in record_segments(records)
            }
            values.update(result=result, flagged=in_context(result.flags, texts))
        return ctx.render(request, "glossary_scan.html", **values)

    def exchange_page(request: Request, status: int = 200, **values: Any) -> Response:
        return ctx.render(
            request,
            "glossary_exchange.html",
            status_code=status,
            export_formats=[(key, exchange.FORMATS.get(key, key)) for key in EXPORT_FORMATS],
            import_formats=list(exchange.FORMATS.items()),
            files=[path.name for path in glossary_files(ctx.glossary)],
            max_mb=ctx.max_upload // (1024 * 1024),
            **{"imported": None, "error": "", "dry_run": False, **values},
        )

    def exchange_form(request: Request) -> Response:
        return exchange_page(request)

    def export(request: Request) -> Response:
        fmt = request.query_params.get("format", "tbx")
        if fmt not in EXPORT_FORMATS:
            raise HTTPException(400, f"unknown format {fmt!r}: use {', '.join(EXPORT_FORMATS)}")
        suffix, media = EXPORT_FORMATS[fmt]
        data = exchange.export_bytes(ctx.load_glossary(), fmt)
        return Response(
            data,
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="glossary{suffix}"'},
        )

    async def import_(request: Request) -> Response:
        form = await request.form()
        upload = form.get("file")
        fmt = str(form.get("format") or "auto")
        into_name = str(form.get("into") or "")
        replace = form.get("replace") == "on"
        dry_run = form.get("dry_run") == "on"
        if not isinstance(upload, UploadFile) or not upload.filename:
            return exchange_page(request, 422, error="choose a file to import")
        if fmt not in ("auto", *exchange.FORMATS):
            return exchange_page(request, 422, error=f"unknown format {fmt!r}")
        data = await upload.read()
        if len(data) > ctx.max_upload:
            raise HTTPException(413, "the file is too large")
        name = upload_name(upload.filename)
        with tempfile.TemporaryDirectory(prefix="assembler-import-") as folder:
            source = Path(folder) / name
            source.write_bytes(data)
            try:
                into = edit.file_in(ctx.glossary, into_name) if into_name else None
                imported = await run_in_threadpool(
                    exchange.import_file,
                    ctx.glossary,
                    source,
                    fmt,
                    into=into,
                    replace=replace,
                    dry_run=dry_run,
                )
            except AssemblerError as error:
                # The error names the temporary copy; the user knows the file by its own name.
                return exchange_page(request, 422, error=str(error).replace(str(source), name))
        return exchange_page(request, imported=imported, dry_run=dry_run, file_name=name)

    return [
        Route("/glossary/scan", scan, name="glossary_scan"),
        Route("/glossary/exchange", exchange_form, methods=["GET"], name="glossary_exchange"),
        Route("/glossary/export", export, methods=["GET"], name="glossary_export"),
        Route("/glossary/import", import_, methods=["POST"], name="glossary_import"),
    ]
