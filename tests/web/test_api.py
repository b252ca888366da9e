"""The JSON API gives the shapes `--json` prints (corpus list and search, glossary lookup) and
makes the glossary changes of `glossary add`, `edit` and `remove` through the same services."""

from __future__ import annotations

import json

from starlette.testclient import TestClient
from support import Cli

from assembler.glossary.store import load_glossary
from assembler.web.context import WebContext


def cli_json(cli: Cli, ctx: WebContext, *argv: str) -> object:
    code, out, err = cli("--corpus", ctx.corpus, "--glossary", ctx.glossary, *argv)
    assert code in (0, 1), err
    return json.loads(out)


def test_documents_as_corpus_list_json(cli: Cli, ctx: WebContext, client: TestClient) -> None:
    assert client.get("/api/documents").json() == cli_json(cli, ctx, "corpus", "list", "--json")


def test_search_as_corpus_search_json(cli: Cli, ctx: WebContext, client: TestClient) -> None:
    answer = client.get("/api/search", params={"q": "资助 恐怖主义"})
    assert answer.status_code == 200
    hits = answer.json()
    assert hits == cli_json(cli, ctx, "corpus", "search", "资助 恐怖主义", "--json")
    assert hits and "«" in hits[0]["snippet"]
    only = client.get(
        "/api/search", params={"q": "justice", "document": "A/RES/78/227", "limit": "3"}
    )
    expected = cli_json(
        cli, ctx, "corpus", "search", "justice", "--doc", "A/RES/78/227", "--limit", "3", "--json"
    )
    assert only.json() == expected and len(expected) == 3  # type: ignore[arg-type]


def test_search_needs_a_query_and_sane_limits(client: TestClient) -> None:
    assert client.get("/api/search").status_code == 400
    assert client.get("/api/search", params={"q": "x", "limit": "0"}).status_code == 400
    assert client.get("/api/search", params={"q": "x", "lang": "fr"}).status_code == 400
    unknown = client.get("/api/search", params={"q": "x", "document": "E-CN.15-1999-1"})
    assert unknown.status_code == 422 and "E-CN.15-1999-1" in unknown.json()["error"]


def test_lookup_as_glossary_lookup_json(cli: Cli, ctx: WebContext, client: TestClient) -> None:
    for query in ("禁毒办", "UNODC", "no such term at all"):
        answer = client.get("/api/glossary/lookup", params={"q": query})
        assert answer.json() == cli_json(cli, ctx, "glossary", "lookup", query, "--json"), query
    assert client.get("/api/glossary/lookup").status_code == 400


def test_add_edit_remove_a_concept(cli: Cli, ctx: WebContext, client: TestClient) -> None:
    body = {
        "id": "api-example",
        "subject": "UN Secretariat",
        "note": "made through the API",
        "sources": ["E-CN.15-2007-9"],
        "terms": [
            "zh-Hans:preferred:接口示例办公室",
            {"lang": "en", "term": "API Example Office", "status": "preferred"},
            "en:preferred:acronym:APIEO",
        ],
    }
    dry = client.post("/api/glossary/concepts", json=body | {"dry_run": True})
    assert dry.status_code == 200 and dry.json()["dry_run"] is True
    assert "+  - id: api-example" in dry.json()["diff"]
    assert load_glossary(ctx.glossary).get("api-example") is None
    added = client.post("/api/glossary/concepts", json=body)
    assert added.status_code == 201, added.text
    data = added.json()
    assert data["summary"] == "added api-example" and data["changed"] is True
    assert data["file"].endswith("secretariat.yaml")
    lookup = cli_json(cli, ctx, "glossary", "lookup", "api-example", "--json")
    assert data["concept"]["terms"] == lookup["matches"][0]["concept"]["terms"]  # type: ignore[index]

    # A term: --term TEXT with --status, --zh-Hant ... as fields.
    term = client.patch(
        "/api/glossary/concepts/api-example",
        json={"term": "接口示例办公室", "zh-Hant": "接口示例辦公室", "note": "checked"},
    )
    assert term.status_code == 200, term.text
    zh = term.json()["concept"]["terms"][0]
    assert zh["variants"] == {"zh-Hant": "接口示例辦公室"} and zh["note"] == "checked"
    # The concept: fields, sources and terms added or removed.
    concept = client.patch(
        "/api/glossary/concepts/api-example",
        json={
            "definition": "An example.",
            "add_sources": ["https://example.org/"],
            "remove_sources": ["E-CN.15-2007-9"],
            "add_terms": ["fr:preferred:Bureau exemple"],
        },
    )
    assert concept.status_code == 200, concept.text
    after = concept.json()["concept"]
    assert after["definition"] == "An example." and after["sources"] == ["https://example.org/"]
    assert after["terms"][-1]["term"] == "Bureau exemple"

    gone_term = client.delete("/api/glossary/concepts/api-example", params={"term": "APIEO"})
    assert gone_term.status_code == 200
    assert all(t["term"] != "APIEO" for t in gone_term.json()["concept"]["terms"])
    gone = client.delete("/api/glossary/concepts/api-example")
    assert gone.status_code == 200 and gone.json()["concept"] is None
    assert load_glossary(ctx.glossary).get("api-example") is None


def test_refusals_are_errors_with_the_service_message(ctx: WebContext, client: TestClient) -> None:
    before = (ctx.glossary / "secretariat.yaml").read_text(encoding="utf-8")
    taken = client.post("/api/glossary/concepts", json={"id": "unodc", "terms": ["en:preferred:X"]})
    assert taken.status_code == 422 and "exists already" in taken.json()["error"]
    for body, message in (
        ({"terms": ["en:preferred:X"]}, "`id` is required"),
        ({"id": "x-y"}, "`terms` is required"),
        ({"id": "x-y", "terms": ["en:favourite:X"]}, "unknown status"),
        (
            {"id": "x-y", "terms": [{"lang": "en", "term": "X", "colour": "red"}]},
            "unknown term fields",
        ),
        ({"id": "x-y", "terms": ["en:preferred:X"], "extra": 1}, "unknown fields extra"),
        ({"id": "x-y", "terms": ["en:preferred:X"], "file": "../elsewhere"}, "without a folder"),
    ):
        answer = client.post("/api/glossary/concepts", json=body)
        assert answer.status_code in (400, 422), body
        assert message in answer.json()["error"], (body, answer.json())
    assert client.post("/api/glossary/concepts", content=b"{not json").status_code == 400
    assert client.patch("/api/glossary/concepts/unodc", json={}).status_code == 400
    assert (
        client.patch(
            "/api/glossary/concepts/unodc", json={"term": "禁毒办", "text": ""}
        ).status_code
        == 400
    )
    missing = client.patch("/api/glossary/concepts/no-such-concept", json={"note": "x"})
    assert missing.status_code == 422 and "no concept" in missing.json()["error"]
    assert client.delete("/api/glossary/concepts/no-such-concept").status_code == 422
    assert (ctx.glossary / "secretariat.yaml").read_text(encoding="utf-8") == before


def test_token_for_local_scripts(ctx: WebContext, client: TestClient) -> None:
    assert client.get("/api/token").json() == {"csrf_token": ctx.csrf_token}
