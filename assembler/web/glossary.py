"""Glossary pages: browse by subject, look up in any language, add, edit and remove concepts
and terms. Every change goes through the CLI's services (edit.add_concept, maintain.edit_*,
edit.remove_concept): the same validation, folder lock and atomic writes; this module never
writes YAML itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from assembler.errors import AssemblerError
from assembler.glossary import edit, maintain
from assembler.glossary.lookup import find_terms
from assembler.glossary.model import (
    LANGUAGES,
    STATUSES,
    TERM_TYPES,
    TRADITIONAL_VARIANTS,
    Concept,
    Glossary,
    Term,
)
from assembler.glossary.scan import replacement
from assembler.glossary.store import glossary_files
from assembler.web import glossary_tools
from assembler.web.context import WebContext, not_found
from assembler.web.glossary_forms import (
    EDITABLE_TERM_FIELDS,
    FieldErrors,
    blank_rows,
    concept_edit,
    concept_from_form,
    new_term,
    place_error,
    row_terms,
    term_edit,
    term_rows,
)

NO_SUBJECT = ""


def text_fields(form: FormData) -> dict[str, str]:
    """A form's text fields (an upload is not one of them)."""
    return {key: value for key, value in form.items() if isinstance(value, str)}


def with_form(
    handler: Callable[[Request, dict[str, str]], Response],
) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint that reads the form, then runs `handler` in the thread pool: the services
    wait for the glossary folder's lock, which a command-line edit may hold, and the server
    must go on answering meanwhile."""

    async def endpoint(request: Request) -> Response:
        form = text_fields(await request.form())
        return await run_in_threadpool(handler, request, form)

    return endpoint


def subjects(glossary: Glossary) -> list[tuple[str, int]]:
    counts = Counter(c.subject for c in glossary.concepts)
    return sorted(counts.items(), key=lambda pair: (pair[0] == NO_SUBJECT, pair[0]))


def discouraged(glossary: Glossary) -> list[tuple[Concept, Term, Term | None]]:
    """Every deprecated or superseded term with the term to write instead (scan's rule), by
    language and text: what an editor checks a draft against."""
    found = [
        (concept, term, replacement(concept, term))
        for concept in glossary.concepts
        for term in concept.terms
        if term.discouraged
    ]
    return sorted(found, key=lambda row: (row[1].lang != "zh-Hans", row[1].lang, row[1].text))


def choices() -> dict[str, Any]:
    return {
        "languages_all": LANGUAGES,
        "statuses": STATUSES,
        "term_types": TERM_TYPES,
        "variants": TRADITIONAL_VARIANTS,
        "term_fields": EDITABLE_TERM_FIELDS,
    }


def _concept(glossary: Glossary, concept_id: str) -> Concept:
    concept = glossary.get(concept_id)
    if concept is None:
        raise not_found(f"no concept {concept_id!r} in the glossary")
    return concept


def _saved(url: str, summary: str) -> RedirectResponse:
    # Post/redirect/get: a reload does not send the change again.
    return RedirectResponse(f"{url}?{urlencode({'saved': summary})}", status_code=303)


def routes(ctx: WebContext) -> list[BaseRoute]:
    def page(request: Request, name: str, status: int = 200, **values: Any) -> Response:
        return ctx.render(request, name, status_code=status, **choices(), **values)

    def index(request: Request) -> Response:
        glossary = ctx.load_glossary()
        query = request.query_params.get("q", "").strip()
        subject = request.query_params.get("subject")
        listed: list[Concept] = []
        if subject is not None:
            listed = sorted(
                (c for c in glossary.concepts if c.subject == subject), key=lambda c: c.id
            )
        return page(
            request,
            "glossary.html",
            query=query,
            lookup=find_terms(glossary, query) if query else None,
            subject=subject,
            subjects=subjects(glossary),
            listed=listed,
            total=len(glossary.concepts),
            avoid=[] if query or subject is not None else discouraged(glossary),
        )

    def concept_page(
        request: Request,
        concept: Concept,
        errors: FieldErrors | None = None,
        editing: str = "",
        form: Mapping[str, str] | None = None,
        status: int = 200,
    ) -> Response:
        return page(
            request,
            "glossary_concept.html",
            status=status,
            concept=concept,
            errors=errors or FieldErrors(),
            editing=editing,
            form=form or {},
            saved=request.query_params.get("saved", ""),
        )

    def show(request: Request) -> Response:
        glossary = ctx.load_glossary()
        return concept_page(request, _concept(glossary, request.path_params["id"]))

    def update(request: Request, form: dict[str, str]) -> Response:
        concept_id = request.path_params["id"]
        current = _concept(ctx.load_glossary(), concept_id)
        errors = FieldErrors()
        try:
            change = maintain.edit_concept(ctx.glossary, concept_id, concept_edit(current, form))
        except AssemblerError as error:
            place_error(error, errors)
            return concept_page(request, current, errors, "concept", form, status=422)
        return _saved(f"/glossary/concept/{concept_id}", change.summary)

    def add_term(request: Request, form: dict[str, str]) -> Response:
        concept_id = request.path_params["id"]
        current = _concept(ctx.load_glossary(), concept_id)
        errors = FieldErrors()
        term = new_term(form, errors)
        if term is not None:
            try:
                request_edit = maintain.ConceptEdit(add_terms=(term,))
                change = maintain.edit_concept(ctx.glossary, concept_id, request_edit)
                return _saved(f"/glossary/concept/{concept_id}", change.summary)
            except AssemblerError as error:
                place_error(error, errors, [term], prefix="new")
        return concept_page(request, current, errors, "new-term", form, status=422)

    def update_term(request: Request, form: dict[str, str]) -> Response:
        concept_id = request.path_params["id"]
        current = _concept(ctx.load_glossary(), concept_id)
        errors = FieldErrors()
        key = f"{form.get('original_lang', '')}:{form.get('original', '')}"
        if not form.get("term", "").strip():
            errors.add(key, "a term cannot be empty: remove it instead")
        else:
            try:
                change = maintain.edit_term(ctx.glossary, concept_id, term_edit(form))
                return _saved(f"/glossary/concept/{concept_id}", change.summary)
            except AssemblerError as error:
                for message in _all_messages(error):
                    errors.add(key, message)
        return concept_page(request, current, errors, key, form, status=422)

    def remove_term(request: Request, form: dict[str, str]) -> Response:
        concept_id = request.path_params["id"]
        current = _concept(ctx.load_glossary(), concept_id)
        key = f"{form.get('original_lang', '')}:{form.get('original', '')}"
        try:
            change = maintain.delete_term(
                ctx.glossary,
                concept_id,
                form.get("original", ""),
                form.get("original_lang") or None,
            )
        except AssemblerError as error:
            errors = FieldErrors()
            for message in _all_messages(error):
                errors.add(key, message)
            return concept_page(request, current, errors, key, form, status=422)
        return _saved(f"/glossary/concept/{concept_id}", change.summary)

    def remove(request: Request) -> Response:
        concept_id = request.path_params["id"]
        glossary = ctx.load_glossary()
        current = _concept(glossary, concept_id)
        try:
            change = edit.remove_concept(ctx.glossary, concept_id)
        except AssemblerError as error:
            errors = FieldErrors()
            errors.add("", str(error))
            return concept_page(request, current, errors, status=422)
        query = urlencode({"saved": change.summary, "subject": current.subject})
        return RedirectResponse(f"/glossary?{query}", status_code=303)

    def new_page(
        request: Request,
        form: Mapping[str, str],
        errors: FieldErrors,
        status: int = 200,
    ) -> Response:
        glossary = ctx.load_glossary()
        rows = term_rows(form) or blank_rows()
        return page(
            request,
            "glossary_new.html",
            status=status,
            form=form,
            rows=rows,
            errors=errors,
            files=[path.name for path in glossary_files(ctx.glossary)],
            subjects=subjects(glossary),
        )

    def new(request: Request) -> Response:
        subject = request.query_params.get("subject", "")
        return new_page(request, {"subject": subject}, FieldErrors())

    def create(request: Request, form: dict[str, str]) -> Response:
        errors = FieldErrors()
        concept = concept_from_form(form, errors)
        if concept is not None:
            name = form.get("file", "").strip()
            try:
                file = edit.file_in(ctx.glossary, name) if name else None
                change = edit.add_concept(ctx.glossary, concept, file)
                return _saved(f"/glossary/concept/{concept.id}", change.summary)
            except AssemblerError as error:
                if "which file" in error.message:
                    # The CLI's hint names --file; here it is the file field.
                    errors.add("file", ctx.translator(request)("web.glossary.which_file"))
                else:
                    place_error(error, errors, row_terms(form))
        return new_page(request, form, errors, status=422)

    return [
        Route("/glossary", index, name="glossary_index"),
        Route("/glossary/new", new, methods=["GET"], name="glossary_new"),
        Route("/glossary/new", with_form(create), methods=["POST"]),
        Route("/glossary/concept/{id}", show, methods=["GET"], name="glossary_concept"),
        Route("/glossary/concept/{id}", with_form(update), methods=["POST"]),
        Route("/glossary/concept/{id}/terms/add", with_form(add_term), methods=["POST"]),
        Route("/glossary/concept/{id}/terms/edit", with_form(update_term), methods=["POST"]),
        Route("/glossary/concept/{id}/terms/remove", with_form(remove_term), methods=["POST"]),
        Route("/glossary/concept/{id}/remove", remove, methods=["POST"]),
        *glossary_tools.routes(ctx),
    ]


def _all_messages(error: AssemblerError) -> list[str]:
    errors = FieldErrors()
    place_error(error, errors)
    return [message for messages in errors.fields.values() for message in messages]
