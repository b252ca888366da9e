"""The packs pages through the app as a browser uses them: list, create, edit in forms (the YAML
file changes only where edited), problems shown at their field, "add to pack" from the corpus,
the page preview, builds with progress and download, and the JSON endpoints."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
from starlette.testclient import TestClient

from assembler.pack.i18n import read_catalog
from assembler.paths import DEFAULT_TEMPLATES
from assembler.web import packs_view
from assembler.web.context import WebContext

DOC = "ccpcj28-terrorism-ta"
SPEC = "examples/ccpcj28-item6c.yaml"


def poll(client: TestClient, url: str, done: str, seconds: float = 120.0) -> str:
    """The page at `url` once it contains `done` (the htmx polling, done by hand)."""
    deadline = time.monotonic() + seconds
    while True:
        page = client.get(url).text
        if done in page or time.monotonic() > deadline:
            return page
        time.sleep(0.3)


def test_the_list_shows_every_spec_with_its_title(client: TestClient) -> None:
    page = client.get("/packs?lang=en").text
    for name in ("ccpcj28-item6c", "ctta-2006-2018", "ga78-crime-resolutions"):
        assert f"examples/{name}.yaml" in page
    assert "恐怖主义问题相关国际公约和议定书执行过程中的技术援助" in page
    assert "New pack" in page
    assert "新建简报" in client.get("/packs?lang=zh").text


def test_a_path_outside_the_roots_is_refused(client: TestClient) -> None:
    assert client.get("/packs/edit", params={"spec": "../etc/passwd"}).status_code == 403
    assert client.get("/packs/edit", params={"spec": "corpus/records/x.yaml"}).status_code == 403
    assert client.get("/packs/download/..%2Fglossary%2Ffoo.yaml").status_code in (403, 404)
    response = client.post("/packs/add", data={"spec": "/etc/passwd", "document": DOC})
    assert response.status_code == 403


def test_editing_the_cover_changes_only_that_line(client: TestClient, web_root: Path) -> None:
    path = web_root / SPEC
    before = path.read_text(encoding="utf-8")
    page = client.get("/packs/edit", params={"spec": SPEC, "lang": "en"}).text
    assert 'name="meeting.venue"' in page and "Preview" in page
    response = client.post(
        "/packs/edit",
        data={
            "spec": SPEC,
            "action": "cover",
            "subtitle": "新副标题",
            "title": "恐怖主义问题相关国际公约和议定书执行过程中的技术援助",
        },
    )
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "spec-changed"
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "subtitle: 代表团简报材料：议程项目 6(c) 摘录与术语", "subtitle: 新副标题"
    )
    assert 'value="新副标题"' in response.text


def test_an_invalid_value_is_shown_at_its_field(client: TestClient, web_root: Path) -> None:
    path = web_root / SPEC
    before = path.read_text(encoding="utf-8")
    response = client.post(
        "/packs/edit?lang=en",
        data={"spec": SPEC, "action": "cover", "date": "2019-02-30"},
    )
    assert response.status_code == 422
    assert path.read_text(encoding="utf-8") == before
    # The input keeps what the user typed, marked invalid, with the message right after it.
    match = re.search(
        r'<input name="date" id="f-date" value="2019-02-30"[^>]*aria-invalid="true">\s*'
        r'<p class="field-error" role="alert" data-field="date">([^<]*)',
        response.text,
    )
    assert match is not None, response.text
    assert "date" in match[1]
    # A paragraph the document lacks: at the pick form of its section.
    response = client.post(
        "/packs/edit",
        data={"spec": SPEC, "action": "pick_add", "section": "1", "document": DOC,
              "paragraphs": "900"},
    )  # fmt: skip
    assert response.status_code == 422
    assert re.search(r'data-field="sections\.1\.select\.1[^"]*">[^<]*900', response.text)


def test_sections_and_picks(client: TestClient, web_root: Path) -> None:
    path = web_root / SPEC

    def post(**fields: str) -> str:
        response = client.post("/packs/edit", data={"spec": SPEC, **fields})
        assert response.status_code == 200, response.text
        return path.read_text(encoding="utf-8")

    text = post(action="pick_add", section="0", document=DOC, paragraphs="12")
    assert "      - ccpcj28-terrorism-ta: 1-8, 12\n" in text
    text = post(action="section_add", heading="新的一节", document=DOC, paragraphs="20-21")
    assert "  - heading: 新的一节\n    select:\n      - ccpcj28-terrorism-ta: 20-21\n" in text
    text = post(action="note", section="5", note="一段说明\n第二行")
    assert "    note: |\n      一段说明\n      第二行\n" in text
    text = post(action="section_move", section="5", to="0")
    assert text.index("新的一节") < text.index("导言")
    text = post(action="section_rename", section="0", heading="改名的一节")
    assert "  - heading: 改名的一节\n" in text
    text = post(action="pick_remove", section="0", pick="0")
    assert "20-21" not in text
    text = post(action="section_remove", section="0")
    assert "改名的一节" not in text
    # The comments of the file are all still there.
    assert "# the concepts found in the selected paragraphs" in text


def test_add_to_pack_from_the_corpus(client: TestClient, web_root: Path) -> None:
    path = web_root / SPEC
    response = client.post(
        "/packs/add?lang=en",
        data={"spec": SPEC, "document": DOC, "paragraph": "40", "section": "new",
              "new_heading": "补充段落"},
    )  # fmt: skip
    assert response.status_code == 200, response.text
    assert "Added to" in response.text
    assert "  - heading: 补充段落\n    select:\n      - ccpcj28-terrorism-ta: 40\n" in (
        path.read_text(encoding="utf-8")
    )
    # The same new heading again: the paragraph joins the section made a moment ago.
    again = {"spec": SPEC, "document": DOC, "paragraph": "42", "section": "new"}
    assert client.post("/packs/add", data={**again, "new_heading": "补充段落"}).status_code == 200
    assert "      - ccpcj28-terrorism-ta: 40, 42\n" in path.read_text(encoding="utf-8")
    response = client.post(
        "/packs/add", data={"spec": SPEC, "document": DOC, "heading": "二 A 1", "section": "5"}
    )
    assert response.status_code == 200
    assert "      - document: ccpcj28-terrorism-ta\n        heading: 二 A 1\n" in (
        path.read_text(encoding="utf-8")
    )
    response = client.post(
        "/packs/add", data={"spec": SPEC, "document": "no-such-doc", "paragraph": "1",
                            "section": "0"}
    )  # fmt: skip
    assert response.status_code == 422
    assert "no-such-doc" in response.text


def test_create_a_spec_then_preview_and_build(
    client: TestClient, web_root: Path, ctx: WebContext
) -> None:
    response = client.post(
        "/packs/new",
        data={"csrf_token": ctx.csrf_token, "name": "my-pack", "title": "测试简报",
              "heading": "导言", "document": DOC, "paragraphs": "1-2"},
        follow_redirects=False,
    )  # fmt: skip
    assert response.status_code == 303
    assert response.headers["location"] == "/packs/edit?spec=packs/my-pack.yaml"
    path = web_root / "packs" / "my-pack.yaml"
    assert "title: 测试简报\n" in path.read_text(encoding="utf-8")
    # The same name again is refused at the name field.
    again = client.post(
        "/packs/new",
        data={"csrf_token": ctx.csrf_token, "name": "my-pack", "title": "x", "heading": "y",
              "note": "z"},
    )  # fmt: skip
    assert again.status_code == 422 and "my-pack.yaml exists already" in again.text

    preview = poll(client, "/packs/preview?spec=packs/my-pack.yaml", "<img")
    pages = re.findall(r'<img src="(/packs/preview/[0-9a-f]{32}/page-\d{3}\.png)"', preview)
    assert pages, preview
    png = client.get(pages[0])
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    key = pages[0].split("/")[3]
    assert (ctx.out / ".preview" / key / "done").is_file()
    # Unchanged, the preview is served from its cache at once.
    assert "<img" in client.get("/packs/preview?spec=packs/my-pack.yaml").text

    job = client.post(
        "/packs/build",
        data={"spec": "packs/my-pack.yaml", "script": "hant", "formats": ["pdf"]},
    ).text
    job_id = re.search(r'id="job-(b\d+)"', job)
    assert job_id is not None, job
    done = poll(client, f"/packs/jobs/{job_id[1]}", "download")
    link = re.search(r'href="(/packs/download/my-pack-hant\.pdf)"', done)
    assert link is not None, done
    pdf = client.get(link[1])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    document = pdfium.PdfDocument(pdf.content)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "測試簡報" in text  # converted to Traditional characters


def test_the_json_endpoints(client: TestClient, ctx: WebContext) -> None:
    listing = client.get("/api/packs").json()["specs"]
    item6c = next(s for s in listing if s["spec"] == SPEC)
    assert item6c["sections"] == 5 and item6c["language"] == "zh" and item6c["error"] is None
    result = client.post("/api/build", json={"spec": SPEC, "language": "zh", "formats": ["docx"]})
    assert result.status_code == 200, result.text
    body = result.json()
    assert body["state"] == "done"
    (output,) = body["outputs"]
    assert output["format"] == "docx" and Path(output["path"]) == ctx.out / "ccpcj28-item6c.docx"
    assert Path(output["path"]).is_file() and body["seconds"] > 0
    bad = client.post("/api/build", json={"spec": SPEC, "script": "klingon"})
    assert bad.status_code == 400
    assert client.post("/api/build", json={"spec": "../x.yaml"}).status_code == 403


def test_changes_need_the_token(bare: TestClient) -> None:
    assert bare.post("/packs/edit", data={"spec": SPEC, "action": "note"}).status_code == 403
    assert bare.post("/api/build", json={"spec": SPEC}).status_code == 403


def test_every_packs_string_is_in_both_catalogs() -> None:
    used: set[str] = set()
    for template in (DEFAULT_TEMPLATES / "web").glob("packs*.html"):
        used.update(
            re.findall(r"_\([\"'](web\.packs\.[a-z_.]+)[\"']\)", template.read_text("utf-8"))
        )
    used.update(label for _, label, _ in (*packs_view.COVER_FIELDS, *packs_view.MEETING_FIELDS))
    # The names templates build from a value.
    used.update(f"web.packs.language.{code}" for code in packs_view.LANGUAGES)
    used.update(f"web.packs.script.{code}" for code in packs_view.SCRIPTS)
    used.update(
        f"web.packs.kind.{kind}"
        for kind in ("paragraphs", "heading", "search", "concept", "document")
    )
    used.update(f"web.packs.state.{state}" for state in ("queued", "running", "done", "failed"))
    assert len(used) > 50
    for folder in ("en", "zh_Hans"):
        catalog = read_catalog(
            DEFAULT_TEMPLATES / "locale" / folder / "LC_MESSAGES" / "assembler.po"
        )
        assert sorted(used - set(catalog)) == [], folder
