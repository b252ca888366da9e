"""The workspace in a real browser: Debian's chromium, headless, driven by Playwright over a
uvicorn server on a free port and temporary copies of the corpus, glossary and specs. What a
user does: search the corpus and see the hits marked; build a pack from the corpus view (a
paragraph added to a new spec shows in the YAML file and in the page preview, and the
downloaded PDF has its text); edit a glossary term and find it in the glossary's YAML; see an
invalid value refused at its field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest

from assembler.web.app import create_app
from assembler.web.context import WebContext
from assembler.web.headless import CHROMIUM, copy_project, launch_chromium
from assembler.web.server import serve_in_background

DOC = "ccpcj28-terrorism-ta"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/install.sh)"
)
sync_api = pytest.importorskip("playwright.sync_api")


@dataclass(frozen=True)
class Served:
    url: str
    root: Path
    ctx: WebContext


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    root = copy_project(tmp_path_factory.mktemp("workspace"))
    ctx = WebContext.create(root)
    background = serve_in_background(lambda port: create_app(ctx, port=port))
    yield Served(background.url, root, ctx)
    background.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, served: Served) -> Iterator[object]:
    context = browser.new_context(  # type: ignore[attr-defined]
        base_url=served.url, accept_downloads=True, locale="zh-CN"
    )
    context.set_default_timeout(60_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, errors  # no script error (e.g. a CSP refusal of an inline script)


def paragraph_text(root: Path, para: str) -> str:
    for line in (root / "corpus" / "records" / f"{DOC}.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        if record.get("para") == para and record["lang"] == "zh":
            return str(record["text"])
    raise AssertionError(f"no paragraph {para}")


def test_search_shows_highlighted_hits(page: object, served: Served) -> None:
    tab: sync_api.Page = page  # type: ignore[assignment]
    tab.goto("/corpus/search?lang=en")
    tab.get_by_role("searchbox").first.fill("外国恐怖主义作战人员")
    tab.get_by_role("searchbox").first.press("Enter")
    marks = tab.locator("mark")
    sync_api.expect(marks.first).to_have_text("外国恐怖主义作战人员")
    assert marks.count() >= 3


def test_build_a_pack_from_the_corpus_view(page: object, served: Served) -> None:
    tab: sync_api.Page = page  # type: ignore[assignment]
    # A new spec, from the packs page.
    tab.goto("/packs?lang=en")
    form = tab.locator("#new-spec")
    form.locator("[name=name]").fill("browser-pack")
    form.locator("[name=title]").fill("浏览器测试简报")
    form.locator("[name=heading]").fill("导言")
    form.locator("[name=note]").fill("由浏览器测试编写。")
    form.get_by_role("button", name="Create").click()
    tab.wait_for_url("**/packs/edit?spec=packs/browser-pack.yaml")
    spec = served.root / "packs" / "browser-pack.yaml"
    assert "title: 浏览器测试简报" in spec.read_text("utf-8")

    # Paragraph 40 of the report, added from the reader into a new section of that spec.
    tab.goto(f"/corpus/doc/{DOC}?lang=en")
    panel = tab.locator("#add-to-pack")
    panel.locator("select[name=spec]").select_option("packs/browser-pack.yaml")
    # The chosen spec's sections arrive by htmx: its one section and "new section".
    sync_api.expect(panel.locator("select[name=section] option")).to_have_count(2)
    panel.locator("select[name=section]").select_option("new")
    panel.locator("[name=new_heading]").fill("返回的外国恐怖主义作战人员")
    paragraph = tab.locator(".para").filter(has=tab.locator(".num", has_text="40")).first
    paragraph.get_by_role("button").click()
    sync_api.expect(panel.locator("#add-result")).to_contain_text("Added to")
    text = spec.read_text("utf-8")
    assert (
        "  - heading: 返回的外国恐怖主义作战人员\n    select:\n      - ccpcj28-terrorism-ta: 40\n"
        in (text)
    )

    # The editor shows it, the preview renders the pages, the build gives a PDF with it.
    tab.goto("/packs/edit?spec=packs/browser-pack.yaml&lang=en")
    sync_api.expect(tab.locator("#pick-1-0")).to_contain_text("40")
    sync_api.expect(tab.locator("#preview img").first).to_be_visible(timeout=120_000)
    assert tab.locator("#preview img").count() >= 2
    build = tab.locator("#build-form")
    build.locator("input[value=docx]").uncheck()
    build.get_by_role("button").click()
    link = tab.locator("#build-result a", has_text="browser-pack.pdf")
    sync_api.expect(link).to_be_visible(timeout=120_000)
    with tab.expect_download() as caught:
        link.click()
    pdf = Path(caught.value.path()).read_bytes()
    document = pdfium.PdfDocument(pdf)
    words = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    compact = "".join(words.split())
    wanted = "".join(paragraph_text(served.root, "40").split())
    assert wanted[:30] in compact, "paragraph 40 is not in the PDF"


def test_an_invalid_value_is_shown_at_its_field(page: object, served: Served) -> None:
    tab: sync_api.Page = page  # type: ignore[assignment]
    spec = served.root / "examples" / "ccpcj28-item6c.yaml"
    before = spec.read_text("utf-8")
    tab.goto("/packs/edit?spec=examples/ccpcj28-item6c.yaml&lang=en")
    first_page = tab.locator("#preview img").first
    sync_api.expect(first_page).to_be_visible(timeout=120_000)
    shown = first_page.get_attribute("src")
    date = tab.locator("#f-date")
    date.fill("2019-02-30")
    tab.locator("#cover-form").get_by_role("button", name="Save").click()
    sync_api.expect(tab.locator("#f-date")).to_have_attribute("aria-invalid", "true")
    error = tab.locator("#f-date + .field-error")
    sync_api.expect(error).to_contain_text("date")
    assert spec.read_text("utf-8") == before
    # A valid value then saves and clears the error.
    tab.locator("#f-date").fill("2019-05-14")
    tab.locator("#cover-form").get_by_role("button", name="Save").click()
    sync_api.expect(tab.locator("#f-date")).not_to_have_attribute("aria-invalid", "true")
    assert "date: 2019-05-14\n" in spec.read_text("utf-8")
    # The preview follows the change: pages of the new text (another cache key).
    sync_api.expect(first_page).not_to_have_attribute("src", shown or "", timeout=120_000)
    sync_api.expect(tab.locator("#preview img").first).to_be_visible(timeout=120_000)


def test_edit_a_glossary_term_and_see_it_in_the_yaml(page: object, served: Served) -> None:
    tab: sync_api.Page = page  # type: ignore[assignment]
    tab.goto("/glossary/concept/unodc?lang=en")
    term = tab.locator("details.term-edit").first
    term.locator("summary").click()
    note = "浏览器测试添加的说明"
    term.locator("input[name=note]").fill(note)
    term.get_by_role("button", name="Save").click()
    tab.wait_for_load_state()
    files = sorted((served.root / "glossary").glob("*.yaml"))
    assert any(note in path.read_text("utf-8") for path in files)
    sync_api.expect(tab.locator("body")).to_contain_text(note)
