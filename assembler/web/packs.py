"""Packs pages: list, open and create specs, edit them in forms (the YAML file stays the source
of truth: pack.edit keeps its comments and order), preview the pages, build DOCX/PDF with
progress and download them; `POST /packs/add` for the corpus view's "add to pack"; the JSON
endpoints `GET /api/packs` and `POST /api/build`."""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from assembler.corpus import service
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.model import Glossary
from assembler.glossary.store import load_glossary
from assembler.pack.edit import (
    AddPick,
    AddSection,
    Edit,
    EditRefused,
    create_file,
    edit_file,
    load_document,
)
from assembler.pack.edit_check import Check, FieldError, check_text
from assembler.pack.resolve import resolve
from assembler.pack.spec import LoadedSpec
from assembler.web.context import WebContext, not_found
from assembler.web.packs_build import Workshop, fingerprint
from assembler.web.packs_view import (
    COVER_FIELDS,
    FORMATS,
    LANGUAGES,
    MEETING_FIELDS,
    SCRIPTS,
    field_value,
    form_edits,
    per_language,
    pick_from_form,
    place_errors,
    section_rows,
)

_KEY = re.compile(r"^[0-9a-f]{32}$")
_PAGE = re.compile(r"^page-\d{3}\.png$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
DOWNLOADABLE = {".docx", ".pdf", ".html"}


class Checker:
    """Resolution of an edited spec against the corpus and glossary (an unknown document, a
    paragraph out of range), with the glossary loaded again only when its files change."""

    def __init__(self, corpus: Path, glossary: Path) -> None:
        self.corpus, self.glossary_dir = corpus, glossary
        self._lock = threading.Lock()
        self._glossary: tuple[str, Glossary] | None = None

    def glossary(self) -> Glossary:
        current = fingerprint(self.glossary_dir, "*.yaml")
        with self._lock:
            if self._glossary is None or self._glossary[0] != current:
                self._glossary = (current, load_glossary(self.glossary_dir))
            return self._glossary[1]

    def __call__(self, loaded: LoadedSpec) -> None:
        lang = "en" if loaded.spec.language == "en" else "zh"
        resolve(loaded, Corpus(self.corpus), self.glossary(), lang)


def _form(data: Mapping[str, object]) -> dict[str, str]:
    return {key: value for key, value in data.items() if isinstance(value, str)}


def _spec_title(doc: Mapping[str, object]) -> str:
    title = doc.get("title")
    if isinstance(title, Mapping):
        return " / ".join(str(v) for v in title.values())
    return str(title or "")


def routes(ctx: WebContext) -> list[BaseRoute]:
    workshop = Workshop(ctx.corpus, ctx.glossary, ctx.templates_dir, ctx.out)
    checker: Check = Checker(ctx.corpus, ctx.glossary)
    edits_lock = threading.Lock()  # one read-modify-write of a spec at a time

    def spec_path(name: str) -> Path:
        path = ctx.safe_path("spec", name)
        if path.suffix not in (".yaml", ".yml"):
            raise HTTPException(403, "not a spec file")
        return path

    def documents() -> list[service.DocumentSummary]:
        return service.list_documents(service.open_corpus(ctx.corpus))

    def listing() -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        for name in ctx.specs():
            path = ctx.safe_path("spec", name)
            text = path.read_text(encoding="utf-8")
            errors = check_text(text, path)
            row: dict[str, object] = {"spec": name, "name": path.stem, "title": "", "sections": 0}
            if not errors:
                doc = load_document(text, path)
                row.update(
                    name=str(doc.get("name") or path.stem),
                    title=_spec_title(doc),
                    sections=len(section_rows(doc)),
                    language=str(doc.get("language", "zh")),
                    script=str(doc.get("script", "hans")),
                )
            row["error"] = str(errors[0].message) if errors else None
            rows.append(row)
        return rows

    def editor_values(
        name: str,
        placed: Mapping[str, list[FieldError]] | None = None,
        attempted: Mapping[str, str] | None = None,
        action: str = "",
    ) -> dict[str, Any]:
        path = spec_path(name)
        if not path.is_file():
            raise not_found(f"no spec {name}")
        text = path.read_text(encoding="utf-8")
        doc = load_document(text, path)
        problems = check_text(text, path)
        return {
            "spec": name,
            "doc": doc,
            "yaml_text": text,
            "sections": section_rows(doc),
            "cover_fields": COVER_FIELDS,
            "meeting_fields": MEETING_FIELDS,
            "value": lambda field: field_value(doc, field),
            "per_language": lambda field: per_language(doc, field),
            "errors": dict(placed or {}),
            "meeting_open": any(key.startswith("meeting.") for key in placed or {}),
            "file_errors": problems,
            "attempted": dict(attempted or {}),
            "action": action,
            "languages_list": LANGUAGES,
            "scripts": SCRIPTS,
            "formats": FORMATS,
            # For the document inputs' suggestions: people know a report by its symbol.
            "documents": documents(),
        }

    async def index(request: Request) -> Response:
        rows = await run_in_threadpool(listing)
        return ctx.render(
            request, "packs.html", specs=rows, errors={}, attempted={}, documents=documents()
        )

    async def create(request: Request) -> Response:
        form = _form(await request.form())
        name = form.get("name", "").strip()
        errors: list[FieldError] = []
        if not _NAME.match(name):
            errors.append(FieldError("name", "a spec name is ASCII letters, digits, . - _"))
        first = AddSection(form.get("heading", "").strip(), form.get("note", ""))
        if form.get("document", "").strip():
            try:
                first = AddSection(first.heading, first.note, (pick_from_form(form, None),))
            except AssemblerError as exc:
                errors.append(FieldError("pick", exc.message, exc.hint))
        if not errors:
            target = ctx.spec_roots[-1] / f"{name}.yaml"
            try:
                await run_in_threadpool(create_file, target, form.get("title", ""), first, checker)
            except EditRefused as exc:
                errors.extend(exc.errors)
            else:
                spec = ctx.spec_name(target)
                return RedirectResponse(f"/packs/edit?spec={spec}", status_code=303)
        placed: dict[str, list[FieldError]] = {}
        for error in errors:
            field = error.field
            key = (
                field
                if field in ("name", "title")
                else ("pick" if field.startswith("sections.0.select") or field == "pick" else "new")
            )
            placed.setdefault(key, []).append(error)
        rows = await run_in_threadpool(listing)
        return ctx.render(
            request, "packs.html", status_code=422, specs=rows, errors=placed, attempted=form,
            documents=documents(),
        )  # fmt: skip

    async def editor(request: Request) -> Response:
        name = request.query_params.get("spec", "")
        values = await run_in_threadpool(editor_values, name)
        return ctx.render(request, "packs_edit.html", **values)

    async def edit(request: Request) -> Response:
        form = _form(await request.form())
        name = form.get("spec", "")
        action = form.get("action", "")
        path = spec_path(name)

        def run() -> tuple[list[Edit], EditRefused | None]:
            with edits_lock:
                doc = load_document(path.read_text(encoding="utf-8"), path)
                try:
                    edits = form_edits(doc, action, form)
                    if edits:
                        edit_file(path, edits, checker)
                except EditRefused as exc:
                    return [], exc
                except AssemblerError as exc:
                    return [], EditRefused([FieldError("", exc.message, exc.hint)], path)
                return edits, None

        edits, refused = await run_in_threadpool(run)
        placed: dict[str, list[FieldError]] = {}
        if refused is not None:
            doc = load_document(path.read_text(encoding="utf-8"), path)
            placed = place_errors(doc, refused.errors, action, form)
        values = await run_in_threadpool(
            editor_values, name, placed, form if refused else {}, action
        )
        response = ctx.render(
            request, "packs_editor.html", status_code=200 if refused is None else 422, **values
        )
        if edits and refused is None:
            response.headers["HX-Trigger"] = "spec-changed"
        return response

    async def add(request: Request) -> Response:
        """The corpus view's "add to pack": a paragraph or heading into a section, or into a
        new section at the end."""
        form = _form(await request.form())
        name = form.get("spec", "")
        path = spec_path(name)

        def run() -> str:
            pick = pick_from_form(form)
            section = form.get("section", "new")
            with edits_lock:
                if section == "new":
                    heading = form.get("new_heading", "").strip()
                    if not heading:
                        raise AssemblerError(
                            "give the new section a heading", hint="fill in the heading field"
                        )
                    doc = load_document(path.read_text(encoding="utf-8"), path)
                    # A second "add" with the same new heading joins the section the first made.
                    same = [row.index for row in section_rows(doc) if row.heading == heading]
                    edit: Edit = (
                        AddPick(same[0], pick) if same else AddSection(heading, picks=(pick,))
                    )
                else:
                    if not section.isdigit():
                        raise AssemblerError("choose a section", hint="reload the page")
                    edit = AddPick(int(section), pick)
                edit_file(path, [edit], checker)
            return section

        _ = ctx.translator(request)
        try:
            await run_in_threadpool(run)
        except AssemblerError as exc:
            return ctx.render(
                request, "packs_added.html", status_code=422, ok=False, spec=name,
                message=str(exc.message), hint=exc.hint,
            )  # fmt: skip
        return ctx.render(
            request, "packs_added.html", ok=True, spec=name, message=_("web.packs.added"),
            hint=None,
        )  # fmt: skip

    async def preview(request: Request) -> Response:
        name = request.query_params.get("spec", "")
        script = request.query_params.get("script", "")
        language = request.query_params.get("language", "")
        if script not in ("", *SCRIPTS) or language not in ("", *LANGUAGES):
            raise HTTPException(400, "unknown script or language")
        path = spec_path(name)
        result = await run_in_threadpool(workshop.preview, path, script, language)
        return ctx.render(
            request, "packs_preview.html", spec=name, preview=result, script=script,
            language=language,
        )  # fmt: skip

    async def preview_page(request: Request) -> Response:
        key, page = request.path_params["key"], request.path_params["page"]
        if not _KEY.match(key) or not _PAGE.match(page):
            raise not_found()
        path = workshop.preview_dir / key / page
        if not path.is_file():
            raise not_found()
        return FileResponse(path, media_type="image/png", headers={"Cache-Control": "max-age=3600"})

    def _variant(form: Mapping[str, str]) -> tuple[str | None, str | None]:
        script = form.get("script") or None
        language = form.get("language") or None
        if script not in (None, *SCRIPTS) or language not in (None, *LANGUAGES):
            raise HTTPException(400, "unknown script or language")
        return script, language

    async def start_build(request: Request) -> Response:
        data = await request.form()
        form = _form(data)
        script, language = _variant(form)
        chosen = tuple(f for f in data.getlist("formats") if isinstance(f, str))
        if any(f not in FORMATS for f in chosen):
            raise HTTPException(400, "unknown format")
        name = form.get("spec", "")
        job = workshop.submit(spec_path(name), name, script, language, chosen or None)
        return ctx.render(request, "packs_job.html", job=job)

    async def job_status(request: Request) -> Response:
        job = workshop.job(request.path_params["job"])
        if job is None:
            raise not_found("no such build")
        return ctx.render(request, "packs_job.html", job=job)

    async def download(request: Request) -> Response:
        name = request.path_params["name"]
        path = ctx.safe_path("out", name)
        if path.parent != ctx.out or path.suffix not in DOWNLOADABLE or not path.is_file():
            raise not_found()
        return FileResponse(path, filename=path.name)

    async def api_packs(request: Request) -> Response:
        return JSONResponse({"specs": await run_in_threadpool(listing)})

    async def api_build(request: Request) -> Response:
        try:
            body = await request.json()
        except ValueError as exc:
            raise HTTPException(400, "the body is not JSON") from exc
        if not isinstance(body, dict) or not isinstance(body.get("spec"), str):
            raise HTTPException(400, 'give {"spec": "examples/x.yaml", ...}')
        formats = body.get("formats")
        if isinstance(formats, str):
            formats = [f.strip() for f in formats.split(",") if f.strip()]
        if formats is not None and (
            not isinstance(formats, list) or any(f not in FORMATS for f in formats)
        ):
            raise HTTPException(400, f"formats are any of {', '.join(FORMATS)}")
        values = {k: body.get(k) for k in ("script", "language")}
        script, language = _variant({k: v for k, v in values.items() if isinstance(v, str)})
        job = workshop.submit(
            spec_path(body["spec"]), body["spec"], script, language,
            tuple(formats) if formats else None,
        )  # fmt: skip
        await run_in_threadpool(workshop.wait, job)
        result = job.as_json()
        # As the CLI prints them: the path of each file written, and where to download it.
        result["outputs"] = [
            {
                "path": str(ctx.out / o.name),
                "download": f"/packs/download/{o.name}",
                "format": o.format,
                "size": o.size,
                "pages": o.pages,
            }
            for o in job.outputs
        ]
        return JSONResponse(result, status_code=200 if job.state == "done" else 422)

    return [
        Route("/packs", index, name="packs_index"),
        Route("/packs/new", create, methods=["POST"], name="packs_new"),
        Route("/packs/edit", editor, name="packs_editor"),
        Route("/packs/edit", edit, methods=["POST"], name="packs_edit"),
        Route("/packs/add", add, methods=["POST"], name="packs_add"),
        Route("/packs/preview", preview, name="packs_preview"),
        Route("/packs/preview/{key}/{page}", preview_page, name="packs_preview_page"),
        Route("/packs/build", start_build, methods=["POST"], name="packs_build"),
        Route("/packs/jobs/{job}", job_status, name="packs_job"),
        Route("/packs/download/{name}", download, name="packs_download"),
        Route("/api/packs", api_packs, name="api_packs"),
        Route("/api/build", api_build, methods=["POST"], name="api_build"),
    ]
