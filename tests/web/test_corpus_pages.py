"""Corpus pages: the documents with their metadata, the reader (heading tree, numbered
paragraphs, items, footnotes, differences, warnings, "add to pack" on paragraphs and headings)
and search with highlighted hits, escaped before they are marked."""

from __future__ import annotations

import html
import json
import re

from starlette.testclient import TestClient

from assembler.corpus import service
from assembler.web.context import WebContext
from assembler.web.corpus import MARK_CLOSE, MARK_OPEN, SectionChoice, chosen_section, highlight


def add_buttons(page: str) -> list[dict[str, str]]:
    """The picks the page's "add to pack" buttons send (their hx-vals)."""
    return [json.loads(html.unescape(v)) for v in re.findall(r"hx-vals='([^']*)'", page)]


def test_documents_list_every_document_with_its_metadata(
    ctx: WebContext, client: TestClient
) -> None:
    page = client.get("/corpus").text
    for summary in service.list_documents(service.open_corpus(ctx.corpus)):
        assert f'href="/corpus/doc/{summary.id}"' in page
        assert html.escape(summary.title) in page
    assert "E/CN.15/2007/9" in page and "A/RES/78/229" in page
    assert "80 段，18 个标题，19 个分项，7 个脚注" in page  # E/CN.15/2007/9's figures, in Chinese


def test_reader_shows_headings_paragraphs_items_and_notes(
    ctx: WebContext, client: TestClient
) -> None:
    answer = client.get("/corpus/doc/E-CN.15-2007-9")
    assert answer.status_code == 200
    page = answer.text
    document = service.show_paragraphs(service.open_corpus(ctx.corpus), "E-CN.15-2007-9")
    headings = [r for r in document.records if r.kind == "heading"]
    paragraphs = [r for r in document.records if r.para]
    assert len(headings) == 18 and len(paragraphs) == 80
    # The heading tree links to every heading.
    toc = page[page.index('class="toc"') : page.index("</nav>", page.index('class="toc"'))]
    assert toc.count("<li") == len(headings)
    for record in document.records:
        assert f'id="r{record.seq}"' in page
    for record in paragraphs:
        assert f'<span class="num">{record.para}</span>' in page
    items = [item for r in document.records for item in r.items]
    notes = [note for r in document.records for note in r.notes]
    assert items and notes
    assert all(html.escape(item.text) in page for item in items)
    assert all(html.escape(note.text) in page for note in notes)
    # Every numbered paragraph and every heading has its "add to pack" button.
    picks = add_buttons(page)
    assert [p["paragraph"] for p in picks if "paragraph" in p] == [r.para for r in paragraphs]
    assert {"document": "E-CN.15-2007-9", "heading": "三 A 1"} in picks
    assert sum("heading" in p for p in picks) == len(headings)


def test_reader_shows_differences_and_warnings(ctx: WebContext, client: TestClient) -> None:
    corpus = service.open_corpus(ctx.corpus)
    found = [
        (s.id, v.meta)
        for s in service.list_documents(corpus)
        for v in s.versions
        if v.meta.differences or v.meta.warnings
    ]
    assert found, "the bundled corpus records differences or warnings somewhere"
    for doc_id, meta in found:
        page = client.get(f"/corpus/doc/{doc_id}?doc_lang={meta.lang}").text
        assert f"来源文件之间的差异（{len(meta.differences)}）" in page
        for difference in meta.differences:
            assert html.escape(difference.key) in page
        for warning in meta.warnings:
            assert html.escape(warning) in page
        if meta.warnings:
            assert f"{len(meta.warnings)} 条导入警告" in page


def test_reader_of_an_english_only_document(client: TestClient) -> None:
    page = client.get("/corpus/doc/A/RES/78/229").text  # by symbol, slashes and all
    assert "Strengthening the United Nations crime prevention" in page
    assert '<article class="document" lang="en">' in page


def test_unknown_document_is_404(client: TestClient) -> None:
    answer = client.get("/corpus/doc/E-CN.15-1999-1")
    assert answer.status_code == 404
    assert "E-CN.15-1999-1" in answer.text


def test_search_highlights_hits_and_filters_by_document(client: TestClient) -> None:
    page = client.get("/corpus/search", params={"q": "资助 恐怖主义"}).text
    hits = re.findall(r'<li class="hit"', page)
    assert hits
    assert "<mark>资助</mark>" in page or "<mark>资助恐怖主义</mark>" in page
    only = client.get("/corpus/search", params={"q": "terrorism", "document": "A-RES-78-226"}).text
    assert "<mark>terrorism</mark>" in only
    documents = set(re.findall(r'href="/corpus/doc/([^"?]+)\?doc_lang', only))
    assert documents == {"A-RES-78-226"}
    assert '<option value="A-RES-78-226" selected>' in only
    # Search hits can go into a pack too.
    assert all(p["document"] == "A-RES-78-226" for p in add_buttons(only))


def test_search_without_hits_says_so(client: TestClient) -> None:
    page = client.get("/corpus/search", params={"q": "不存在的词语组合"}).text
    assert "没有记录包含“不存在的词语组合”。" in page


def test_highlight_escapes_before_marking() -> None:
    snippet = f"a <b>{MARK_OPEN}<script>{MARK_CLOSE}</b> & c"
    assert str(highlight(snippet)) == "a &lt;b&gt;<mark>&lt;script&gt;</mark>&lt;/b&gt; &amp; c"


def test_query_is_escaped(client: TestClient) -> None:
    page = client.get("/corpus/search", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_add_panel_lists_specs_and_sections(client: TestClient) -> None:
    page = client.get("/corpus/doc/ccpcj28-terrorism-ta").text
    assert '<option value="examples/ccpcj28-item6c.yaml" selected>' in page
    assert "1. 导言" in page
    assert 'hx-post="/packs/add"' in page and 'hx-include="#add-to-pack"' in page
    sections = client.get(
        "/corpus/sections", params={"spec": "examples/ga78-crime-resolutions.yaml"}
    )
    assert sections.status_code == 200
    assert sections.text.count("<option") >= 2 and 'value="new"' in sections.text


def test_chosen_section_follows_a_new_section() -> None:
    sections = [SectionChoice("0", "a"), SectionChoice("1", "c")]
    assert sections[1].label == "2. c"
    assert chosen_section(sections, "0", None) == "0"
    assert chosen_section(sections, "new", "c") == "1"  # added: the last section is "c"
    assert chosen_section(sections, "new", "d") == "new"  # refused: still to be made
    assert chosen_section(sections, "7", None) == "0"
    assert chosen_section([], "3", None) == "new"


def test_sections_after_a_new_section_clear_its_heading(client: TestClient) -> None:
    spec = "examples/ccpcj28-item6c.yaml"
    made = client.get(
        "/corpus/sections", params={"spec": spec, "section": "new", "new_heading": "结论与意见"}
    ).text
    assert '<option value="4" selected>5. 结论与意见</option>' in made
    assert 'id="add-new-heading" value=""' in made and 'hx-swap-oob="true"' in made
    refused = client.get(
        "/corpus/sections", params={"spec": spec, "section": "new", "new_heading": "新"}
    ).text
    assert '<option value="new" selected>' in refused and "hx-swap-oob" not in refused


def test_heading_hits_can_go_into_a_pack(client: TestClient) -> None:
    page = client.get("/corpus/search", params={"q": "伙伴关系", "document": "E-CN.15-2007-9"}).text
    assert {"document": "E-CN.15-2007-9", "heading": "三 B"} in add_buttons(page)


def test_the_panel_offers_the_spec_that_cites_the_document(client: TestClient) -> None:
    resolution = client.get("/corpus/doc/A-RES-78-229").text
    assert '<option value="examples/ga78-crime-resolutions.yaml" selected>' in resolution
    assert (
        '<option value="examples/ctta-2006-2018.yaml" selected>'
        in client.get("/corpus/doc/E-CN.15-2007-9").text
    )
    report = client.get("/corpus/doc/ccpcj28-terrorism-ta").text
    assert '<option value="examples/ccpcj28-item6c.yaml" selected>' in report
    asked = client.get("/corpus/doc/A-RES-78-229", params={"spec": "examples/ctta-2006-2018.yaml"})
    assert '<option value="examples/ctta-2006-2018.yaml" selected>' in asked.text
    search = client.get("/corpus/search", params={"q": "justice", "document": "A-RES-78-227"}).text
    assert '<option value="examples/ga78-crime-resolutions.yaml" selected>' in search
