#!/usr/bin/env python3
"""Screenshots of every page of the web workspace, for the README: docs/screenshots/*.png.

Starts the app (uvicorn, a free loopback port) over temporary copies of the corpus, glossary
and example specs, so nothing of the project changes, and drives Debian's chromium headless
through Playwright. Run from the project root:

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang zh|en]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assembler.web.app import create_app  # noqa: E402
from assembler.web.context import WebContext  # noqa: E402
from assembler.web.headless import copy_project, launch_chromium  # noqa: E402
from assembler.web.server import serve_in_background  # noqa: E402

DOC = "ccpcj28-terrorism-ta"
SPEC = "examples/ccpcj28-item6c.yaml"


def _pack_editor(page: Page) -> None:
    page.goto(f"/packs/edit?spec={SPEC}")
    expect(page.locator("#preview img").first).to_be_visible(timeout=180_000)


def _pack_sections(page: Page) -> None:
    _pack_editor(page)
    page.locator("#section-1").evaluate("node => node.scrollIntoView({block: 'start'})")
    page.mouse.wheel(0, -60)


def _build(page: Page) -> None:
    _pack_editor(page)
    page.locator("#build-form select[name=script]").select_option("hant")
    page.locator("#build-form button[type=submit]").click()
    expect(page.locator("#build-result .downloads a").first).to_be_visible(timeout=180_000)
    # The preview follows the chosen script: wait for the Traditional pages too.
    expect(page.locator("#preview img").first).to_be_visible(timeout=180_000)


def _reader(page: Page) -> None:
    page.goto(f"/corpus/doc/{DOC}")
    page.locator(".para").nth(12).scroll_into_view_if_needed()


def _search(page: Page) -> None:
    page.goto("/corpus/search?q=外国恐怖主义作战人员")
    expect(page.locator("mark").first).to_be_visible()


def _glossary_edit(page: Page) -> None:
    page.goto("/glossary/concept/foreign-terrorist-fighters")
    page.locator("details.term-edit").first.locator("summary").click()


def _pack_error(page: Page) -> None:
    _pack_editor(page)
    page.locator("#f-date").fill("2019-02-30")
    page.locator("#cover-form button[type=submit]").click()
    expect(page.locator("#f-date")).to_have_attribute("aria-invalid", "true")
    page.locator("#f-date").scroll_into_view_if_needed()


def _goto(url: str) -> Callable[[Page], None]:
    def visit(page: Page) -> None:
        page.goto(url)

    return visit


# (file name, what to do, full page?)
SHOTS: tuple[tuple[str, Callable[[Page], None], bool], ...] = (
    ("corpus-list", _goto("/corpus"), False),
    ("corpus-reader", _reader, False),
    ("corpus-search", _search, False),
    ("packs-list", _goto("/packs"), False),
    ("pack-editor", _pack_editor, False),
    ("pack-sections", _pack_sections, False),
    ("pack-field-error", _pack_error, False),
    ("pack-build", _build, False),
    ("glossary-browse", _goto("/glossary"), False),
    ("glossary-edit", _glossary_edit, False),
    # The 2007 report uses terms the glossary marks superseded: the scan flags them.
    ("glossary-scan", _goto("/glossary/scan?document=E-CN.15-2007-9"), False),
    ("glossary-exchange", _goto("/glossary/exchange"), False),
)


def _save(png: bytes, target: Path) -> None:
    """A 256-colour PNG: a third of the size for pages of text, and as legible."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    parser.add_argument("--only", nargs="*", default=None, help="names of shots to take")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="assembler-shots-") as folder:
        root = Path(folder)
        copy_project(root)
        ctx = WebContext.create(root)
        served = serve_in_background(lambda port: create_app(ctx, port=port))
        url = served.url
        try:
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                context = browser.new_context(
                    base_url=url,
                    viewport={"width": 1360, "height": 860},
                    locale="zh-CN" if args.lang == "zh" else "en-GB",
                    extra_http_headers={"Accept-Language": args.lang},
                )
                context.set_default_timeout(60_000)
                for name, action, full in SHOTS:
                    if args.only and name not in args.only:
                        continue
                    page = context.new_page()
                    action(page)
                    page.wait_for_load_state("networkidle")
                    target = args.out / f"{name}.png"
                    _save(page.screenshot(full_page=full), target)
                    print(f"wrote {target}")
                    page.close()
                browser.close()
        finally:
            served.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
