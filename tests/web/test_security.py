"""Every refusal of the local server: a foreign Host (DNS rebinding), a change without our
Origin or CSRF token, a path outside the roots, an oversized body; and the headers every
answer carries. Each test shows the refusal changed nothing where a change was asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.exceptions import HTTPException
from starlette.testclient import TestClient

from assembler.web.context import WebContext
from assembler.web.security import CSP, split_host

BASE = "http://127.0.0.1:8765"


def glossary_text(ctx: WebContext) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(ctx.glossary.glob("*.yaml")))


NEW_CONCEPT = {
    "id": "web-test-concept",
    "terms": ["zh-Hans:preferred:测试用语", "en:preferred:Test term"],
}


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8765",
        "127.0.0.1.evil.example:8765",
        "192.168.1.5:8765",
        "0.0.0.0:8765",
    ],
)
def test_foreign_host_is_refused(bare: TestClient, host: str) -> None:
    answer = bare.get("/corpus", headers={"Host": host})
    assert answer.status_code == 400
    assert "not served here" in answer.text


def test_wrong_port_is_refused(bare: TestClient) -> None:
    assert bare.get("/corpus", headers={"Host": "127.0.0.1:9999"}).status_code == 400


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "LOCALHOST:8765"]
)
def test_loopback_hosts_are_served(bare: TestClient, host: str) -> None:
    assert bare.get("/corpus", headers={"Host": host}).status_code == 200


def test_split_host() -> None:
    assert split_host("127.0.0.1:8765") == ("127.0.0.1", 8765)
    assert split_host("[::1]:80") == ("[::1]", 80)
    assert split_host("localhost") == ("localhost", None)
    assert split_host("a:b:c") == ("", None)


def test_change_without_origin_is_refused(ctx: WebContext, bare: TestClient) -> None:
    before = glossary_text(ctx)
    answer = bare.post(
        "/api/glossary/concepts", json=NEW_CONCEPT, headers={"X-CSRF-Token": ctx.csrf_token}
    )
    assert answer.status_code == 403
    assert "Origin" in answer.json()["error"]
    assert glossary_text(ctx) == before


def test_change_from_another_origin_is_refused(ctx: WebContext, bare: TestClient) -> None:
    before = glossary_text(ctx)
    headers = {"Origin": "http://evil.example", "X-CSRF-Token": ctx.csrf_token}
    answer = bare.post("/api/glossary/concepts", json=NEW_CONCEPT, headers=headers)
    assert answer.status_code == 403
    # Another port of this machine is another origin too.
    headers["Origin"] = "http://127.0.0.1:9000"
    assert bare.post("/api/glossary/concepts", json=NEW_CONCEPT, headers=headers).status_code == 403
    assert glossary_text(ctx) == before


@pytest.mark.parametrize("token", [None, "", "wrong-token"])
def test_change_without_the_token_is_refused(
    ctx: WebContext, bare: TestClient, token: str | None
) -> None:
    before = glossary_text(ctx)
    headers = {"Origin": BASE} | ({"X-CSRF-Token": token} if token is not None else {})
    for method, url in (
        ("POST", "/api/glossary/concepts"),
        ("PATCH", "/api/glossary/concepts/unodc"),
        ("DELETE", "/api/glossary/concepts/unodc"),
    ):
        answer = bare.request(method, url, json=NEW_CONCEPT, headers=headers)
        assert answer.status_code == 403, (method, url)
    assert glossary_text(ctx) == before


def test_form_post_needs_the_token_field(ctx: WebContext, bare: TestClient) -> None:
    before = glossary_text(ctx)
    form = {
        "id": "web-form",
        "file": "un-system.yaml",
        "term-0-lang": "en",
        "term-0-status": "preferred",
        "term-0-type": "full-form",
        "term-0-term": "Web form",
    }
    refused = bare.post("/glossary/new", data=form, headers={"Origin": BASE})
    assert refused.status_code == 403
    assert glossary_text(ctx) == before
    accepted = bare.post(
        "/glossary/new",
        data=form | {"csrf_token": ctx.csrf_token},
        headers={"Origin": BASE},
        follow_redirects=False,
    )
    assert accepted.status_code == 303
    assert "id: web-form" in glossary_text(ctx)


def test_multipart_post_needs_the_token_field(ctx: WebContext, bare: TestClient) -> None:
    files = {"file": ("terms.csv", b"id,lang,term,status\n", "text/csv")}
    refused = bare.post(
        "/glossary/import", files=files, data={"csrf_token": "nope"}, headers={"Origin": BASE}
    )
    assert refused.status_code == 403


def test_oversized_body_is_refused(ctx: WebContext, client: TestClient) -> None:
    before = glossary_text(ctx)
    big = b"x" * (ctx.max_upload + 1)
    answer = client.post(
        "/glossary/import",
        files={"file": ("big.csv", big, "text/csv")},
        data={"csrf_token": ctx.csrf_token},
    )
    assert answer.status_code == 413
    assert glossary_text(ctx) == before
    assert not (ctx.glossary / "big.yaml").exists()


def test_oversized_body_without_length_is_refused(ctx: WebContext, client: TestClient) -> None:
    def chunks():  # streamed: no Content-Length to refuse on
        for _ in range(ctx.max_upload // 65536 + 2):
            yield b"y" * 65536

    answer = client.post(
        "/api/glossary/concepts", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 413


def test_safe_path_refuses_the_way_out(ctx: WebContext, tmp_path: Path) -> None:
    assert (
        ctx.safe_path("spec", "examples/ccpcj28-item6c.yaml")
        == ctx.root / "examples" / "ccpcj28-item6c.yaml"
    )
    assert ctx.safe_path("spec", "packs/new.yaml") == ctx.root / "packs" / "new.yaml"
    outside = tmp_path.parent / "secret.yaml"
    (ctx.root / "examples" / "link.yaml").symlink_to(outside)
    for bad in (
        "../secret.yaml",
        "examples/../../secret.yaml",
        "/etc/passwd",
        "corpus/records/x.yaml",  # inside the project, but not a spec root
        "examples/link.yaml",  # a link that leads out
        "examples/\x00.yaml",
        "",
    ):
        with pytest.raises(HTTPException) as refused:
            ctx.safe_path("spec", bad)
        assert refused.value.status_code == 403, bad
    with pytest.raises(HTTPException):
        ctx.safe_path("glossary", "../corpus/records/E-CN.15-2007-9.jsonl")


def test_traversal_in_urls_is_refused(client: TestClient) -> None:
    for url in (
        "/static/../context.py",
        "/static/%2e%2e/context.py",
        "/static/..%2fcontext.py",
        "/static/..%2f..%2fglossary/un-system.yaml",
        "/corpus/doc/..%2f..%2fetc%2fpasswd",
        "/glossary/concept/..%2f..%2fetc%2fpasswd",
    ):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert "def " not in answer.text and "root:x" not in answer.text, url
    for spec in ("../../etc/passwd", "/etc/passwd", "corpus/records/E-CN.15-2007-9.jsonl"):
        assert client.get("/corpus/sections", params={"spec": spec}).status_code == 403, spec


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for url in ("/corpus", "/static/web.css", "/api/documents", "/no-such-page"):
        headers = client.get(url).headers
        assert headers["content-security-policy"] == CSP
        assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP
        assert "unsafe-inline" not in CSP
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-frame-options"] == "DENY"


def test_pages_carry_the_token_for_htmx(ctx: WebContext, client: TestClient) -> None:
    page = client.get("/corpus").text
    assert f'hx-headers=\'{{"X-CSRF-Token": "{ctx.csrf_token}"}}\'' in page
    assert "<script>" not in page  # no inline script: the CSP would block it


def test_each_server_has_its_own_token(web_root: Path) -> None:
    assert WebContext.create(web_root).csrf_token != WebContext.create(web_root).csrf_token


def test_script_in_a_term_is_escaped(ctx: WebContext, client: TestClient) -> None:
    evil = "<script>alert(1)</script>"
    added = client.post(
        "/api/glossary/concepts",
        json={
            "id": "xss-probe",
            "file": "un-system.yaml",
            "subject": f"{evil} subject",
            "terms": [f"en:preferred:{evil}"],
        },
    )
    assert added.status_code == 201, added.text
    for url in (
        "/glossary/concept/xss-probe",
        "/glossary?q=alert",
        "/glossary?subject=%3Cscript%3Ealert(1)%3C/script%3E%20subject",
    ):
        page = client.get(url).text
        assert evil not in page, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
