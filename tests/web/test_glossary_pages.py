"""Glossary pages: browse by subject, look up in any language, add, edit and remove concepts
and terms through the CLI's services (the YAML changes as `glossary add/edit/remove` would
change it), refusals shown at their field, scan with flagged terms in context, export and
import."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient

from assembler.glossary.store import load_glossary
from assembler.web.context import WebContext
from assembler.web.glossary_tools import upload_name

NEW = {
    "id": "web-example-office",
    "subject": "UN Secretariat",
    "sources": "E-CN.15-2007-9\n",
    "term-0-lang": "zh-Hans",
    "term-0-status": "preferred",
    "term-0-type": "full-form",
    "term-0-term": "网页示例办公室",
    "term-1-lang": "en",
    "term-1-status": "preferred",
    "term-1-type": "full-form",
    "term-1-term": "Web Example Office",
    "term-2-lang": "zh-Hans",
    "term-2-status": "preferred",
    "term-2-type": "full-form",
    "term-2-term": "",
}


def yaml_of(ctx: WebContext, name: str) -> str:
    return (ctx.glossary / name).read_text(encoding="utf-8")


def field_block(page: str, name: str) -> list[str]:
    """The messages shown at field `name` (the <p class="field-error" id="error-NAME">)."""
    return re.findall(rf'<p class="field-error" id="error-{re.escape(name)}">(.*?)</p>', page)


def test_browse_by_subject(ctx: WebContext, client: TestClient) -> None:
    page = client.get("/glossary").text
    assert "UN Secretariat" in page and "countries and territories" in page
    listed = client.get("/glossary", params={"subject": "UN Secretariat"}).text
    glossary = load_glossary(ctx.glossary)
    for concept in glossary.concepts:
        link = f'href="/glossary/concept/{concept.id}"'
        assert (link in listed) == (concept.subject == "UN Secretariat"), concept.id
    assert "联合国毒品和犯罪问题办公室" in listed


def test_lookup_in_chinese_english_and_by_id(client: TestClient) -> None:
    for query in ("禁毒办", "UNODC", "United Nations Office on Drugs", "unodc"):
        page = client.get("/glossary", params={"q": query}).text
        assert 'href="/glossary/concept/unodc"' in page, query
    chinese = client.get("/glossary", params={"q": "禁毒办"}).text
    assert '<tr class="matched">' in chinese and "已被取代" in chinese


def test_lookup_without_match_suggests(client: TestClient) -> None:
    page = client.get("/glossary", params={"q": "zzqqxx"}).text
    assert "没有与“zzqqxx”匹配的术语。" in page


def test_add_a_concept(ctx: WebContext, client: TestClient) -> None:
    before = yaml_of(ctx, "secretariat.yaml")
    answer = client.post("/glossary/new", data=NEW, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/glossary/concept/web-example-office?saved=")
    after = yaml_of(ctx, "secretariat.yaml")
    assert after.startswith(before.rstrip("\n"))  # appended, the rest byte for byte
    assert "  - id: web-example-office\n" in after and "term: 网页示例办公室" in after
    page = client.get(answer.headers["location"]).text
    assert "已保存：added web-example-office" in page
    concept = load_glossary(ctx.glossary).get("web-example-office")
    assert concept is not None and concept.sources == ("E-CN.15-2007-9",)
    assert [t.text for t in concept.terms] == ["网页示例办公室", "Web Example Office"]


def test_add_errors_are_shown_at_their_fields(ctx: WebContext, client: TestClient) -> None:
    before = yaml_of(ctx, "secretariat.yaml")
    bad_id = client.post("/glossary/new", data=NEW | {"id": "Web Example"})
    assert bad_id.status_code == 422
    assert "bad concept id" in " ".join(field_block(bad_id.text, "id"))
    assert 'name="id" value="Web Example" required' in bad_id.text  # what was typed stays
    taken = client.post("/glossary/new", data=NEW | {"id": "unodc"})
    assert "exists already" in " ".join(field_block(taken.text, "id"))
    no_terms = client.post("/glossary/new", data=NEW | {"term-0-term": "", "term-1-term": ""})
    assert field_block(no_terms.text, "terms")
    # A term another concept has: the refusal names the term, shown at its row.
    shared = client.post(
        "/glossary/new", data=NEW | {"term-1-term": "UNODC", "term-1-type": "acronym"}
    )
    assert shared.status_code == 422
    assert field_block(shared.text, "term-1"), shared.text
    assert yaml_of(ctx, "secretariat.yaml") == before


def test_edit_a_term_changes_the_yaml(ctx: WebContext, client: TestClient) -> None:
    form = {
        "original": "禁毒办",
        "original_lang": "zh-Hans",
        "term": "禁毒办",
        "status": "deprecated",
        "type": "abbreviation",
        "note": "an edit made in the browser",
        "source": "E-CN.15-2007-9",
        "zh-Hant": "禁毒辦",
        "zh-TW": "",
        "zh-HK": "",
        "not_before": "",
        "not_after": "",
    }
    answer = client.post("/glossary/concept/unodc/terms/edit", data=form, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    text = yaml_of(ctx, "secretariat.yaml")
    block = text[text.index("- term: 禁毒办") :][:300]
    assert "status: deprecated" in block and "type: abbreviation" in block
    assert "note: an edit made in the browser" in block and "zh-Hant: 禁毒辦" in block
    term = next(t for t in load_glossary(ctx.glossary).get("unodc").terms if t.text == "禁毒办")  # type: ignore[union-attr]
    assert term.status == "deprecated" and term.variants == (("zh-Hant", "禁毒辦"),)


def test_term_errors_are_shown_at_the_term(ctx: WebContext, client: TestClient) -> None:
    before = yaml_of(ctx, "secretariat.yaml")
    base = {
        "original": "禁毒办",
        "original_lang": "zh-Hans",
        "status": "superseded",
        "type": "abbreviation",
    }
    empty = client.post("/glossary/concept/unodc/terms/edit", data=base | {"term": "  "})
    assert empty.status_code == 422
    assert field_block(empty.text, "zh-Hans:禁毒办")
    assert '<details class="term-edit" open>' in empty.text
    # A right-to-left override hidden in the text: the glossary's own rule refuses it.
    hidden = client.post("/glossary/concept/unodc/terms/edit", data=base | {"term": "禁毒\u202e办"})
    assert hidden.status_code == 422, hidden.text
    assert "U+202E" in " ".join(field_block(hidden.text, "zh-Hans:禁毒办")), hidden.text
    assert yaml_of(ctx, "secretariat.yaml") == before


def test_add_and_remove_a_term(ctx: WebContext, client: TestClient) -> None:
    added = client.post(
        "/glossary/concept/unodc/terms/add",
        data={
            "new-lang": "fr",
            "new-status": "preferred",
            "new-type": "full-form",
            "new-term": "Office des Nations Unies contre la drogue et le crime",
        },
        follow_redirects=False,
    )
    assert added.status_code == 303, added.text
    assert "Office des Nations Unies contre la drogue et le crime" in yaml_of(
        ctx, "secretariat.yaml"
    )
    removed = client.post(
        "/glossary/concept/unodc/terms/remove",
        data={
            "original": "Office des Nations Unies contre la drogue et le crime",
            "original_lang": "fr",
        },
        follow_redirects=False,
    )
    assert removed.status_code == 303
    assert "Office des Nations Unies" not in yaml_of(ctx, "secretariat.yaml")
    empty = client.post(
        "/glossary/concept/unodc/terms/add",
        data={"new-lang": "en", "new-status": "preferred", "new-type": "full-form", "new-term": ""},
    )
    assert empty.status_code == 422 and field_block(empty.text, "new-term")


def test_edit_the_concept_fields(ctx: WebContext, client: TestClient) -> None:
    concept = load_glossary(ctx.glossary).get("unodc")
    assert concept is not None
    sources = [*concept.sources[1:], "https://www.unodc.org/"]
    answer = client.post(
        "/glossary/concept/unodc",
        data={
            "subject": concept.subject,
            "definition": "",
            "note": "checked in the browser",
            "sources": "\n".join(sources),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    after = load_glossary(ctx.glossary).get("unodc")
    assert after is not None
    assert after.note == "checked in the browser"
    assert list(after.sources) == sources


def test_remove_a_concept(ctx: WebContext, client: TestClient) -> None:
    client.post("/glossary/new", data=NEW)
    answer = client.post("/glossary/concept/web-example-office/remove", follow_redirects=False)
    assert answer.status_code == 303
    assert "web-example-office" not in yaml_of(ctx, "secretariat.yaml")
    assert client.get("/glossary/concept/web-example-office").status_code == 404


def test_scan_flags_superseded_terms_in_context(client: TestClient) -> None:
    page = client.get("/glossary/scan", params={"document": "E-CN.15-2007-9"}).text
    assert "已被取代或不推荐的术语（116）" in page
    assert page.count('<td class="flag-context">') == 116
    assert "<mark>禁毒办</mark>" in page and "毒品和犯罪问题办公室" in page
    assert "<mark>毛利塔尼亚</mark>" in page
    part = client.get(
        "/glossary/scan", params={"document": "E-CN.15-2007-9", "paragraphs": "15"}
    ).text
    assert "<mark>毛利塔尼亚</mark>" in part and "第 15 段" in part


def test_export_tbx_and_csv(client: TestClient) -> None:
    tbx = client.get("/glossary/export", params={"format": "tbx"})
    assert tbx.status_code == 200 and tbx.content.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml")
    assert 'filename="glossary.tbx"' in tbx.headers["content-disposition"]
    csv = client.get("/glossary/export", params={"format": "csv"})
    assert csv.content.startswith(b"\xef\xbb\xbfconcept id,")
    assert client.get("/glossary/export", params={"format": "docx"}).status_code == 400


def test_import_an_export_changes_nothing(ctx: WebContext, client: TestClient) -> None:
    data = client.get("/glossary/export", params={"format": "csv"}).content
    concepts = len(load_glossary(ctx.glossary).concepts)
    page = client.post(
        "/glossary/import",
        files={"file": ("glossary.csv", data, "text/csv")},
        data={"format": "auto"},
    ).text
    assert f"{concepts} 个概念——新增 0 个，替换 0 个，未变 {concepts} 个" in page
    assert not (ctx.glossary / "glossary.yaml").exists()


def test_import_new_concepts_from_tbx(ctx: WebContext, client: TestClient, tmp_path: Path) -> None:
    client.post("/glossary/new", data=NEW)
    exported = client.get("/glossary/export", params={"format": "tbx"}).content
    client.post("/glossary/concept/web-example-office/remove")
    dry = client.post(
        "/glossary/import",
        files={"file": ("web terms.tbx", exported, "application/xml")},
        data={"dry_run": "on"},
    ).text
    assert "仅检查，未写入" in dry and "将新增 1 个" in dry
    assert not (ctx.glossary / "web-terms.yaml").exists()
    done = client.post(
        "/glossary/import", files={"file": ("web terms.tbx", exported, "application/xml")}
    ).text
    assert "新增 1 个" in done
    assert "id: web-example-office" in (ctx.glossary / "web-terms.yaml").read_text(encoding="utf-8")


def test_import_errors_are_shown(ctx: WebContext, client: TestClient) -> None:
    bad = client.post(
        "/glossary/import", files={"file": ("bad.tbx", b"<tbx><broken", "application/xml")}
    )
    assert bad.status_code == 422
    assert 'class="errors" role="alert" id="import-error">bad.tbx' in bad.text
    assert "assembler-import-" not in bad.text  # the temporary copy is not named
    none = client.post("/glossary/import", data={"format": "auto"})
    assert none.status_code == 422


def test_upload_names_stay_in_the_glossary_folder() -> None:
    assert upload_name("../../etc/passwd.csv") == "passwd.csv"
    assert upload_name("C:\\Users\\me\\terms.tbx") == "terms.tbx"
    assert upload_name("..") == "import.tbx"
    assert upload_name("条约 名单.csv") == "csv" or upload_name("条约 名单.csv").endswith(".csv")


def test_every_problem_of_a_new_concept_shows_at_once(client: TestClient) -> None:
    form = NEW | {"id": "Bad Id", "subject": "", "term-1-term": "Web Example\u202e Office"}
    page = client.post("/glossary/new", data=form).text
    assert "bad concept id" in " ".join(field_block(page, "id"))
    assert "U+202E" in " ".join(field_block(page, "term-1")), page
    fixed = client.post("/glossary/new", data=NEW | {"subject": ""}).text
    assert "请选择术语表文件" in " ".join(field_block(fixed, "file"))
    assert "--file" not in fixed


def test_home_lists_the_terms_to_avoid(ctx: WebContext, client: TestClient) -> None:
    glossary = load_glossary(ctx.glossary)
    avoid = [(c, t) for c in glossary.concepts for t in c.terms if t.discouraged]
    page = client.get("/glossary").text
    assert f"应避免的术语（{len(avoid)}）" in page
    row = page[page.index('<td lang="zh-Hans">禁毒办</td>') :][:400]
    assert "已被取代" in row and "毒品和犯罪问题办公室" in row and "/glossary/concept/unodc" in row


def test_unterm_records_merge_into_the_countries_from_the_import_form(
    ctx: WebContext, client: TestClient
) -> None:
    turtle = (Path(__file__).parents[1] / "data" / "unterm" / "countries-sample.ttl").read_bytes()
    before = (ctx.glossary / "countries.yaml").read_text(encoding="utf-8")
    dry = client.post(
        "/glossary/import",
        files={"file": ("countries-sample.ttl", turtle, "text/turtle")},
        data={"format": "auto", "dry_run": "on"},
    )
    assert dry.status_code == 200, dry.text
    assert "仅检查，未写入" in dry.text
    # The merge plan, as `glossary import --dry-run` prints it: no conflict with our names.
    assert "france：并入 8 个术语" in dry.text and "处冲突" not in dry.text
    assert (ctx.glossary / "countries.yaml").read_text(encoding="utf-8") == before
    done = client.post(
        "/glossary/import",
        files={"file": ("countries-sample.ttl", turtle, "text/turtle")},
        data={"format": "auto"},
    )
    assert done.status_code == 200, done.text
    after = (ctx.glossary / "countries.yaml").read_text(encoding="utf-8")
    # The eight records add their French, Spanish, Russian and Arabic names to our concepts.
    assert "term: la République française" in after and "term: Tchad (le)" in after
    assert after.count("  - id: ") == before.count("  - id: ")
