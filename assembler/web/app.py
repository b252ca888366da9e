"""The web workspace as one Starlette application: the route modules of each part, the static
files, the error pages, and the security middleware in front of everything."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from assembler.errors import AssemblerError
from assembler.web import api, corpus, glossary, packs
from assembler.web.context import WebContext
from assembler.web.security import Policy, SecurityMiddleware

STATIC = Path(__file__).resolve().parent / "static"


def create_app(ctx: WebContext, *, port: int | None = None) -> Starlette:
    """`port` is the one the server listens on (checked in the Host header); None in tests."""

    async def home(request: Request) -> Response:
        return RedirectResponse(request.url_for("corpus_index"), status_code=303)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
        return ctx.render(
            request,
            "error.html",
            status_code=exc.status_code,
            status=exc.status_code,
            message=exc.detail,
        )

    async def assembler_error(request: Request, exc: Exception) -> Response:
        # A bad file or input the services reported: the user's to fix, shown as the CLI does.
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=422)
        return ctx.render(request, "error.html", status_code=422, status=422, message=str(exc))

    routes: list[BaseRoute] = [
        Route("/", home, name="home"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
        *corpus.routes(ctx),
        *glossary.routes(ctx),
        *api.routes(ctx),
        *packs.routes(ctx),
    ]
    policy = Policy(
        allowed_hosts=ctx.allowed_hosts,
        port=port,
        csrf_token=ctx.csrf_token,
        max_body=ctx.max_upload,
    )
    return Starlette(
        routes=routes,
        middleware=[Middleware(SecurityMiddleware, policy=policy)],
        exception_handlers={HTTPException: http_error, AssemblerError: assembler_error},
    )
