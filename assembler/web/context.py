"""What every page of the web workspace shares: the project's folders, the templates, the
interface language of a request, the CSRF token and a guard that keeps paths inside the roots.
One frozen object built by `assembler serve` (or a test) and handed to every route module, so
no route reads a global."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from assembler.glossary.model import Glossary
from assembler.glossary.store import glossary_files, load_glossary
from assembler.pack.i18n import read_catalog
from assembler.paths import (
    DEFAULT_CORPUS,
    DEFAULT_GLOSSARY,
    DEFAULT_OUT,
    DEFAULT_TEMPLATES,
    PROJECT_ROOT,
)

# Interface languages: the code a user picks (?lang=, cookie) -> the catalog folder.
LANGUAGES: dict[str, str] = {"zh": "zh_Hans", "en": "en"}
DEFAULT_LANGUAGE = "zh"
LANGUAGE_COOKIE = "lang"

Kind = Literal["root", "corpus", "glossary", "spec", "out"]

# The top navigation: (path prefix, msgid). F2's packs live under /packs.
NAV: tuple[tuple[str, str], ...] = (
    ("/corpus", "web.nav.corpus"),
    ("/packs", "web.nav.packs"),
    ("/glossary", "web.nav.glossary"),
)


def request_language(request: Request) -> str:
    """?lang= first (a link the user clicked), then the cookie it set, then the browser's
    Accept-Language; Chinese when nothing says otherwise (the users are Chinese-language staff)."""
    for candidate in (request.query_params.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        if candidate in LANGUAGES:
            return candidate
    accepted = request.headers.get("accept-language", "")
    for part in accepted.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """`_("web.nav.corpus")` in templates and routes; a msgid missing from the catalog shows
    itself, so a forgotten entry is visible on the page and caught by the catalog test."""

    language: str
    messages: Mapping[str, str]

    def __call__(self, msgid: str, **values: Any) -> str:
        text = self.messages.get(msgid, msgid)
        return text.format(**values) if values else text


def _environment(templates_dir: Path) -> jinja2.Environment:
    # Autoescape everywhere: terms, paragraphs and file names are user data.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _catalogs(locale_dir: Path) -> dict[str, dict[str, str]]:
    return {
        code: read_catalog(locale_dir / folder / "LC_MESSAGES" / "assembler.po")
        for code, folder in LANGUAGES.items()
    }


class GlossaryCache:
    """The glossary as last read, kept while none of its files changed (by name, size and
    modification time): reading 600 concepts takes most of a second, and pages read it on
    every request. Writes never use it: the services read the files under the lock."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[tuple[str, int, int], ...] | None = None
        self._glossary: Glossary | None = None

    @staticmethod
    def _stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
        stamps = []
        for path in glossary_files(folder):
            stat = path.stat()
            stamps.append((path.name, stat.st_size, stat.st_mtime_ns))
        return tuple(stamps)

    def load(self, folder: Path) -> Glossary:
        with self._lock:
            key = self._stamp(folder)
            if self._glossary is None or key != self._key:
                self._glossary = load_glossary(folder)
                self._key = key
            return self._glossary


@dataclass(frozen=True)
class WebContext:
    """The project's folders and the shared rendering machinery of one server."""

    root: Path
    corpus: Path
    glossary: Path
    spec_roots: tuple[Path, ...]
    out: Path
    templates_dir: Path
    templates: Jinja2Templates
    catalogs: Mapping[str, Mapping[str, str]]
    # One token per server run: a page of another origin cannot read it (same-origin policy),
    # so a forged request cannot carry it.
    csrf_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    max_upload: int = 5 * 1024 * 1024
    allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]")
    glossary_cache: GlossaryCache = field(default_factory=GlossaryCache, compare=False)

    @classmethod
    def create(
        cls,
        root: Path = PROJECT_ROOT,
        *,
        corpus: Path | None = None,
        glossary: Path | None = None,
        spec_roots: tuple[Path, ...] | None = None,
        out: Path | None = None,
        templates_dir: Path = DEFAULT_TEMPLATES,
        max_upload: int = 5 * 1024 * 1024,
        allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost", "[::1]"),
    ) -> WebContext:
        root = root.resolve()
        default_root = root == PROJECT_ROOT
        corpus = corpus or (DEFAULT_CORPUS if default_root else root / "corpus")
        glossary = glossary or (DEFAULT_GLOSSARY if default_root else root / "glossary")
        out = out or (DEFAULT_OUT if default_root else root / "out")
        specs = spec_roots or (root / "examples", root / "packs")
        env = _environment(templates_dir / "web")
        return cls(
            root=root,
            corpus=corpus.resolve(),
            glossary=glossary.resolve(),
            spec_roots=tuple(path.resolve() for path in specs),
            out=out.resolve(),
            templates_dir=templates_dir,
            templates=Jinja2Templates(env=env),
            catalogs=_catalogs(templates_dir / "locale"),
            max_upload=max_upload,
            allowed_hosts=allowed_hosts,
        )

    def load_glossary(self) -> Glossary:
        """The glossary for reading (pages, lookups, scans), from the cache when unchanged."""
        return self.glossary_cache.load(self.glossary)

    def translator(self, request: Request) -> Translator:
        language = request_language(request)
        return Translator(language, self.catalogs.get(language, {}))

    def render(
        self,
        request: Request,
        name: str,
        *,
        status_code: int = 200,
        **values: Any,
    ) -> HTMLResponse:
        """A page with the translator `_`, the language, the CSRF token and the navigation."""
        translate = self.translator(request)
        context = {
            "_": translate,
            "lang": translate.language,
            "languages": tuple(LANGUAGES),
            # Switching language keeps the page and its query (a search stays a search).
            "language_links": [
                (code, _relative(request.url.include_query_params(lang=code))) for code in LANGUAGES
            ],
            "csrf_token": self.csrf_token,
            "nav": [
                (prefix, translate(msgid), request.url.path.startswith(prefix))
                for prefix, msgid in NAV
            ],
            "path": request.url.path,
            **values,
        }
        response = self.templates.TemplateResponse(request, name, context, status_code=status_code)
        if request.query_params.get("lang") in LANGUAGES:
            # The choice sticks for the next pages (no JavaScript needed).
            response.set_cookie(
                LANGUAGE_COOKIE, translate.language, samesite="strict", httponly=True
            )
        return response

    def roots(self, kind: Kind) -> tuple[Path, ...]:
        single = {"root": self.root, "corpus": self.corpus, "glossary": self.glossary}
        if kind == "spec":
            return self.spec_roots
        if kind == "out":
            return (self.out,)
        return (single[kind],)

    def safe_path(self, kind: Kind, relative: str) -> Path:
        """`relative` resolved inside the roots of `kind`, or HTTP 403. Spec paths are relative
        to the project root (`examples/x.yaml`, `packs/y.yaml`) and must fall in a spec root;
        the others are relative to their own root. Symbolic links are resolved first, so a
        link cannot lead out either."""
        if not relative or "\x00" in relative or Path(relative).is_absolute():
            raise HTTPException(403, "path outside the project")
        base = self.root if kind == "spec" else self.roots(kind)[0]
        candidate = (base / relative).resolve()
        for allowed in self.roots(kind):
            if candidate == allowed or candidate.is_relative_to(allowed):
                return candidate
        raise HTTPException(403, "path outside the project")

    def spec_name(self, path: Path) -> str:
        """A spec's path as the forms send it: relative to the project root, with slashes."""
        return path.resolve().relative_to(self.root).as_posix()

    def specs(self) -> list[str]:
        """Every spec under the spec roots, as spec_name gives them, sorted."""
        found: list[str] = []
        for folder in self.spec_roots:
            if folder.is_dir():
                found.extend(self.spec_name(path) for path in sorted(folder.glob("*.yaml")))
        return found


def _relative(url: Any) -> str:
    """A URL without scheme and host: links must not name the Host a request came with."""
    query = f"?{url.query}" if url.query else ""
    return f"{url.path}{query}"


def not_found(message: str = "not found") -> HTTPException:
    return HTTPException(404, message)
