"""The guard in front of a local server that writes files. A page on another site can make the
browser send requests to 127.0.0.1 (cross-site request forgery) or, through a DNS name it
controls, read its answers (DNS rebinding). So every request must name an allowed Host; every
state change must come from our own origin and carry the server's CSRF token; bodies have a size
limit; and every answer forbids framing, sniffing and scripts from anywhere but /static."""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers
from starlette.requests import Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"

# No inline script or style anywhere: htmx and the stylesheet come from /static.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def split_host(host: str) -> tuple[str, int | None]:
    """'127.0.0.1:8765' -> ('127.0.0.1', 8765); '[::1]:80' -> ('[::1]', 80); bad -> ('', None)."""
    try:
        parts = urlsplit(f"//{host}")
        port = parts.port
    except ValueError:
        return "", None
    name = parts.hostname or ""
    if ":" in name:
        name = f"[{name}]"
    return name.lower(), port


@dataclass(frozen=True)
class Policy:
    allowed_hosts: tuple[str, ...]
    port: int | None  # None: any port (a test client); the server passes its own
    csrf_token: str
    max_body: int

    def check_host(self, host: str | None) -> str:
        """The Host header if allowed (DNS rebinding sends the attacker's name here)."""
        if not host:
            raise Refused(400, "missing Host header")
        name, port = split_host(host)
        if name not in self.allowed_hosts:
            raise Refused(400, f"host {name or host!r} is not served here")
        if self.port is not None and port is not None and port != self.port:
            raise Refused(400, f"port {port} is not this server's")
        return host

    def check_origin(self, origin: str | None, scheme: str, host: str) -> None:
        if not origin:
            raise Refused(403, "a change needs an Origin header (sent by every browser)")
        if origin.rstrip("/").lower() != f"{scheme}://{host}".lower():
            raise Refused(403, f"origin {origin!r} may not change anything here")

    def check_token(self, token: str | None) -> None:
        if not token or not hmac.compare_digest(token.encode(), self.csrf_token.encode()):
            raise Refused(403, "missing or wrong CSRF token: reload the page and try again")


class SecurityMiddleware:
    """Pure ASGI, so it can count the body before anything parses it."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        headers = Headers(scope=scope)
        try:
            host = self.policy.check_host(headers.get("host"))
            if scope["method"] in UNSAFE_METHODS:
                self.policy.check_origin(headers.get("origin"), scope["scheme"], host)
                body = await _read_body(receive, headers, self.policy.max_body)
                token = headers.get(CSRF_HEADER) or await _form_token(scope, body)
                self.policy.check_token(token)
                receive = _replay(body)
        except Refused as refusal:
            await _refuse(scope, send, refusal)
            return
        await self.app(scope, receive, send)


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {name.lower() for name, _ in message.get("headers", [])}
            extra = [pair for pair in SECURITY_HEADERS if pair[0] not in present]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return wrapped


def too_large(limit: int) -> str:
    size = f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
    return f"the request is larger than {size}: send a smaller file"


async def _read_body(receive: Receive, headers: Headers, limit: int) -> bytes:
    declared = headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Refused(413, too_large(limit))
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise Refused(413, too_large(limit))
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


async def _form_token(scope: Scope, body: bytes) -> str | None:
    content_type = Headers(scope=scope).get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        return None
    request = Request(scope, _replay(body))
    try:
        form = await request.form()
    except Exception:  # a malformed body is refused like a missing token
        return None
    value = form.get(CSRF_FIELD)
    await form.close()  # the route parses the body again; this copy's upload files go now
    return value if isinstance(value, str) else None


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _refuse(scope: Scope, send: Send, refusal: Refused) -> None:
    if str(scope.get("path", "")).startswith("/api/"):
        body = json.dumps({"error": refusal.message}, ensure_ascii=False).encode()
        media = b"application/json"
    else:
        body = f"{refusal.status} {refusal.message}\n".encode()
        media = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": refusal.status,
            "headers": [(b"content-type", media), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
