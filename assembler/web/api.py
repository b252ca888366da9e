"""The JSON API: the shapes `--json` prints (corpus list/search, glossary lookup) and the
glossary writes of `glossary add`, `edit` and `remove`, through the same services. Every
change needs the Origin and X-CSRF-Token headers (security.py); GET /api/token gives the
token to a script running on this machine (a page of another site cannot read it)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from assembler.corpus import service
from assembler.corpus.encode import to_data
from assembler.corpus.model import LANGUAGES as CORPUS_LANGUAGES
from assembler.glossary import edit, maintain
from assembler.glossary.encode import change_json, lookup_json
from assembler.glossary.lookup import find_terms
from assembler.glossary.model import TERM_FIELDS, Concept, Term, term_from_values
from assembler.web.context import WebContext

SEARCH_LIMIT = 50  # as `corpus search`
MAX_LIMIT = 1000
CONCEPT_FIELDS = ("id", "subject", "definition", "note", "sources", "terms", "file", "dry_run")
CONCEPT_EDIT_FIELDS = (
    "subject",
    "definition",
    "note",
    "add_sources",
    "remove_sources",
    "add_terms",
    "dry_run",
)
# A term edit: the term chosen by `term` (and `lang`), new values by key; `text` corrects its
# text, as `glossary edit --text` does.
TERM_EDIT_KEYS = tuple(f.key for f in TERM_FIELDS if f.key != "term")


def bad_request(message: str) -> HTTPException:
    return HTTPException(400, message)


async def json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"null")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise bad_request(f"the body is not JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise bad_request("send a JSON object")
    return body


def with_body(
    handler: Callable[[Request, dict[str, Any]], Response],
) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint that reads the JSON body, then runs `handler` in the thread pool (the
    services may wait for the glossary folder's lock)."""

    async def endpoint(request: Request) -> Response:
        body = await json_body(request)
        return await run_in_threadpool(handler, request, body)

    return endpoint


def _unknown(body: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    extra = sorted(set(body) - set(allowed))
    if extra:
        raise bad_request(f"unknown fields {', '.join(extra)}: use {', '.join(allowed)}")


def _text(body: Mapping[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise bad_request(f"`{key}` must be a string")
    return value


def _texts(body: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = body.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise bad_request(f"`{key}` must be a list of strings")
    return tuple(value)


def _term(value: Any) -> Term:
    """A term as `glossary add --term` takes it (LANG:STATUS[:TYPE]:TEXT), or as the lookup
    JSON shows one ({"lang", "term", "status", ...})."""
    if isinstance(value, str):
        return maintain.parse_term(value)
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        lang = value.get("lang", "")
        known = {f.key for f in TERM_FIELDS} | {"lang"}
        extra = sorted(set(value) - known)
        if extra:
            raise bad_request(f"unknown term fields {', '.join(extra)}")
        return term_from_values(lang, {k: v for k, v in value.items() if k != "lang"})
    raise bad_request("a term is a string LANG:STATUS[:TYPE]:TEXT or an object with lang, term")


def _dry_run(body: Mapping[str, Any]) -> bool:
    value = body.get("dry_run", False)
    if not isinstance(value, bool):
        raise bad_request("`dry_run` must be true or false")
    return value


def _change(change: edit.Change, dry_run: bool, status: int = 200) -> JSONResponse:
    data = change_json(change)
    if dry_run:
        data["dry_run"] = True
        data["diff"] = change.diff()
    return JSONResponse(data, status_code=status)


def routes(ctx: WebContext) -> list[BaseRoute]:
    def token(request: Request) -> Response:
        return JSONResponse({"csrf_token": ctx.csrf_token})

    def documents(request: Request) -> Response:
        return JSONResponse(to_data(service.list_documents(service.open_corpus(ctx.corpus))))

    def search(request: Request) -> Response:
        params = request.query_params
        query = params.get("q", "").strip()
        if not query:
            raise bad_request("give the query as ?q=")
        lang = params.get("lang") or None
        if lang is not None and lang not in CORPUS_LANGUAGES:
            raise bad_request(f"unknown lang {lang!r}: use {', '.join(CORPUS_LANGUAGES)}")
        limit_text = params.get("limit", str(SEARCH_LIMIT))
        if not limit_text.isdigit() or not 0 < int(limit_text) <= MAX_LIMIT:
            raise bad_request(f"limit is a number from 1 to {MAX_LIMIT}")
        hits = service.search_records(
            service.open_corpus(ctx.corpus),
            query,
            doc=params.get("document") or None,
            lang=lang,
            limit=int(limit_text),
        )
        return JSONResponse(to_data(hits))

    def lookup(request: Request) -> Response:
        query = request.query_params.get("q", "").strip()
        if not query:
            raise bad_request("give the term as ?q=")
        return JSONResponse(lookup_json(find_terms(ctx.load_glossary(), query)))

    def add(request: Request, body: dict[str, Any]) -> Response:
        _unknown(body, CONCEPT_FIELDS)
        concept_id = _text(body, "id")
        if not concept_id:
            raise bad_request("`id` is required")
        terms = body.get("terms", [])
        if not isinstance(terms, list) or not terms:
            raise bad_request("`terms` is required: a list of terms")
        concept = Concept(
            id=concept_id,
            subject=_text(body, "subject") or "",
            definition=_text(body, "definition") or "",
            note=_text(body, "note") or "",
            sources=_texts(body, "sources"),
            terms=tuple(_term(t) for t in terms),
        )
        name = _text(body, "file")
        file = edit.file_in(ctx.glossary, name) if name else None
        dry_run = _dry_run(body)
        change = edit.add_concept(ctx.glossary, concept, file, dry_run=dry_run)
        return _change(change, dry_run, status=200 if dry_run else 201)

    def update(request: Request, body: dict[str, Any]) -> Response:
        concept_id = request.path_params["id"]
        dry_run = _dry_run(body)
        if "term" in body:
            _unknown(body, ("term", "lang", "text", *TERM_EDIT_KEYS, "dry_run"))
            term = _text(body, "term") or ""
            values = tuple(
                ("term" if key == "text" else key, str(_text(body, key)))
                for key in ("text", *TERM_EDIT_KEYS)
                if body.get(key) is not None
            )
            if not values:
                raise bad_request(f"nothing to change: give {', '.join(TERM_EDIT_KEYS)} or text")
            if dict(values).get("term", "x").strip() == "":
                raise bad_request("`text` cannot make a term empty: DELETE it instead")
            term_request = maintain.TermEdit(term, values, _text(body, "lang"))
            change = maintain.edit_term(ctx.glossary, concept_id, term_request, dry_run=dry_run)
            return _change(change, dry_run)
        _unknown(body, CONCEPT_EDIT_FIELDS)
        concept_request = maintain.ConceptEdit(
            subject=_text(body, "subject"),
            definition=_text(body, "definition"),
            note=_text(body, "note"),
            add_sources=_texts(body, "add_sources"),
            remove_sources=_texts(body, "remove_sources"),
            add_terms=tuple(_term(t) for t in body.get("add_terms", [])),
        )
        if not (
            concept_request.fields()
            or concept_request.add_terms
            or concept_request.add_sources
            or concept_request.remove_sources
        ):
            raise bad_request("nothing to change")
        change = maintain.edit_concept(ctx.glossary, concept_id, concept_request, dry_run=dry_run)
        return _change(change, dry_run)

    def remove(request: Request) -> Response:
        concept_id = request.path_params["id"]
        params = request.query_params
        dry_run = params.get("dry_run", "") in ("1", "true")
        term = params.get("term")
        if term:
            change = maintain.delete_term(
                ctx.glossary, concept_id, term, params.get("lang") or None, dry_run=dry_run
            )
        else:
            change = edit.remove_concept(ctx.glossary, concept_id, dry_run=dry_run)
        return _change(change, dry_run)

    return [
        Route("/api/token", token, methods=["GET"]),
        Route("/api/documents", documents, methods=["GET"]),
        Route("/api/search", search, methods=["GET"]),
        Route("/api/glossary/lookup", lookup, methods=["GET"]),
        Route("/api/glossary/concepts", with_body(add), methods=["POST"]),
        Route("/api/glossary/concepts/{id}", with_body(update), methods=["PATCH"]),
        Route("/api/glossary/concepts/{id}", remove, methods=["DELETE"]),
    ]
