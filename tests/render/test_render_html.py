"""The HTML writer: the pack model rendered as one self-contained HTML document for WeasyPrint.
It shows only the model's words, tags every language, names the pack's fonts in every
font-family, and no text of a pack can add markup, styles, links to other schemes or
resource references."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from assembler.build.driver import Overrides, prepare
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.store import load_glossary
from assembler.model.pack import EditorialNote, Excerpt, Pack, Span
from assembler.pack.compose import page_label
from assembler.render.fonts import pack_families
from assembler.render.html import css_string, page_counters, pieces, render_html
from assembler.render.typeset import GAP, JOINER
from assembler.text.spacing import han_latin_gaps

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
EXAMPLE = ROOT / "examples" / "ccpcj28-item6c.yaml"


def example_pack(language: str | None = None) -> Pack:
    glossary = load_glossary(ROOT / "glossary")
    corpus = Corpus(ROOT / "corpus")
    return prepare(EXAMPLE, corpus, glossary, TEMPLATES, Overrides(language=language)).pack


@pytest.fixture(scope="module")
def pack() -> Pack:
    return example_pack()


@pytest.fixture(scope="module")
def parallel_pack() -> Pack:
    return example_pack("zh+en")


def excerpt(pack: Pack, number: str) -> Excerpt:
    return next(
        b for s in pack.sections for b in s.blocks if isinstance(b, Excerpt) and b.number == number
    )


def plain(runs: tuple[Span, ...]) -> str:
    return "".join(span.text for span in runs)


def text_of(element: lxml_html.HtmlElement) -> str:
    """The text a reader sees: word joiners (which only forbid line breaks) left out."""
    return str(element.text_content()).replace(JOINER, "")


def shown(text: str) -> str:
    """The model's text as the writer sets it: a four-per-em space at each Han/Latin boundary
    in place of the source spaces (render/typeset.py); no other character changes."""
    for start, end in reversed(han_latin_gaps(text)):
        text = text[:start] + "\u2005" + text[end:]
    return text


def test_paragraph_keeps_its_number_text_and_citation(pack: Pack) -> None:
    page = lxml_html.fromstring(render_html(pack, TEMPLATES))
    paragraph = page.xpath('//p[@class="para"][span[@class="number"]="8."]')[0]
    record = excerpt(pack, "8")
    assert text_of(paragraph) == "8." + shown("".join(s.text for s in record.passages[0].runs))
    citation = paragraph.getparent().getnext()
    assert citation.get("class") == "citation"
    assert text_of(citation) == shown("秘书长的报告，第 8 段") == "秘书长的报告，第\u20058\u2005段"


def test_cited_symbols_are_undocs_links_whose_latin_part_never_breaks(pack: Pack) -> None:
    page = lxml_html.fromstring(render_html(pack, TEMPLATES))
    links = page.xpath('//a[@class="symbol"]')
    assert [(text_of(a), a.get("href")) for a in links[:4]] == [
        (shown("第 72/123 号决议"), "http://undocs.org/A/RES/72/123"),
        (shown("第 72/180 号决议"), "http://undocs.org/A/RES/72/180"),
        (shown("第 72/194 号决议"), "http://undocs.org/A/RES/72/194"),
        (shown("第 72/196 号决议"), "http://undocs.org/A/RES/72/196"),
    ]
    # "72/123" stays whole; the Chinese around it may break, so lines stay full.
    assert [s.text for s in links[0].xpath('span[@class="nobreak"]')] == [f"{GAP}72/123"]
    assert re.search(r"\.nobreak, span\.symbol \{ white-space: nowrap; \}", page_css(page))


def test_footnote_is_inline_at_its_mark_and_glued_to_the_character_before(pack: Pack) -> None:
    page = lxml_html.fromstring(render_html(pack, TEMPLATES))
    (note,) = page.xpath('//span[@class="footnote"]')
    assert text_of(note) == shown("提及科索沃之处应结合安全理事会第 1244 (1999)号决议理解。")
    runs = excerpt(pack, "39").passages[0].runs
    at = next(i for i, span in enumerate(runs) if span.kind == "note")
    before, after = plain(runs[:at]), plain(runs[at + 1 :])
    assert "阿尔巴尼亚、科索沃" in before and after.startswith("黑山")
    keep = note.getparent()
    assert keep.get("class") == "keep" and keep.text == before[-1] == "、"
    paragraph = keep.getparent()
    assert text_of(paragraph) == "39." + shown(before) + text_of(note) + shown(after)


def test_pieces_glue_a_note_only_to_plain_text_before_it() -> None:
    note = Span("", "note")
    runs = (Span("甲乙"), note, Span("A/1", "symbol"), note, Span("丙"))
    glued = pieces(runs)
    assert [(p.span.text, p.call is note) for p in glued] == [
        ("甲乙", True),
        ("A/1", False),
        ("", False),
        ("丙", False),
    ]


def test_every_language_is_tagged_and_gets_its_typeface(parallel_pack: Pack) -> None:
    page = lxml_html.fromstring(render_html(parallel_pack, TEMPLATES))
    assert page.get("lang") == "zh-Hans"
    row = page.xpath('//tr[@class="pair"]')[0]
    assert [td.get("lang") for td in row.xpath("td")] == [None, "zh-Hans", "en"]
    css = page_css(page)
    serif, sans, en_serif, en_sans = (
        '"Noto Serif CJK SC"',
        '"Noto Sans CJK SC"',
        '"Liberation Serif"',
        '"Liberation Sans"',
    )
    assert f'[lang="en"] {{ font-family: {en_serif}, {serif}, {sans}, {en_sans}; }}' in css
    assert f"html {{ font-family: {serif}, {en_serif}, {sans}, {en_sans}; }}" in css
    assert f"th, .heading {{ font-family: {sans}, {en_sans}, {serif}, {en_serif}; }}" in css


def test_missing_side_is_said_in_its_cell(parallel_pack: Pack) -> None:
    page = lxml_html.fromstring(render_html(parallel_pack, TEMPLATES))
    one = excerpt(parallel_pack, "1")
    english = one.passages[1]
    assert english.missing  # the corpus has no English record of paragraph 1
    cell = page.xpath('//tr[@class="pair"][td[1]="1"]/td[@lang="en"]')[0]
    assert text_of(cell) == english.missing
    assert page.xpath('//table[@class="parallel"]/thead//th/text()')[:3] == [
        parallel_pack.labels.number,
        *parallel_pack.column_headers,
    ]


def page_css(page: lxml_html.HtmlElement) -> str:
    return "\n".join(str(style.text) for style in page.xpath("//style"))


def test_every_font_family_names_the_packs_fonts_and_only_chinese_is_justified(
    pack: Pack,
) -> None:
    css = page_css(lxml_html.fromstring(render_html(pack, TEMPLATES)))
    families = re.findall(r"font-family:\s*([^;]+);", css)
    named = [f'"{name}"' for name in pack_families(pack)]
    assert named[:2] == ['"Noto Serif CJK SC"', '"Noto Sans CJK SC"']
    assert len(families) >= 5
    for value in families:  # the pack's fonts, and only they, in every stack
        assert sorted(name.strip() for name in value.split(",")) == sorted(named), value
    margin_boxes = re.findall(r"@(?:top|bottom)-center \{([^}]*)\}", css)
    assert sum('font-family: "Noto Serif CJK SC"' in box for box in margin_boxes) == 2
    # Justified Chinese needs the PDF writer's inter-character justification (render/
    # justify.py); English keeps start alignment.
    justified = re.findall(r"([^{}]*)\{\s*text-align: justify;\s*\}", css)
    assert len(justified) == 1 and css.count("justify") == 2  # the rule and the comment
    selectors = [selector.strip() for selector in justified[0].split(",")]
    assert len(selectors) == 5 and all(s.endswith(":lang(zh)") for s in selectors)


def test_footer_label_becomes_page_counters() -> None:
    assert page_counters(page_label("第 {page} 页，共 {pages} 页")) == (
        '"第 " counter(page) " 页，共 " counter(pages) " 页"'
    )
    assert page_counters(page_label("Page {page} of {pages}")) == (
        '"Page " counter(page) " of " counter(pages)'
    )


def test_css_strings_cannot_break_out() -> None:
    assert (
        css_string('Noto"}</style><script>') == '"Noto\\22 \\7d \\3c /style\\3e \\3c script\\3e "'
    )
    assert css_string("Noto Serif CJK SC") == '"Noto Serif CJK SC"'


def test_model_text_is_escaped_and_unsafe_links_dropped(pack: Pack) -> None:
    hostile = EditorialNote(
        (
            (
                Span('<img src="file:///etc/passwd">'),
                Span("点击", "link", href="javascript:alert(1)"),
                Span("联合国", "link", href="https://www.un.org/zh/"),
            ),
        )
    )
    section = dataclasses.replace(pack.sections[0], note=hostile)
    bad = dataclasses.replace(pack, sections=(section, *pack.sections[1:]))
    page = lxml_html.fromstring(render_html(bad, TEMPLATES))
    note = page.xpath('//div[@class="editorial-note"]/p')[0]
    assert text_of(note) == '<img src="file:///etc/passwd">点击联合国'
    assert page.xpath("//img") == []
    assert [a.get("href") for a in note.xpath(".//a")] == ["https://www.un.org/zh/"]


def test_heading_anchors_make_the_table_of_contents(pack: Pack) -> None:
    page = lxml_html.fromstring(render_html(pack, TEMPLATES))
    toc = [(a.get("href"), a.text) for a in page.xpath('//nav[@class="toc"]//a')]
    assert pack.annex is not None
    assert toc == [(f"#{s.anchor}", s.heading) for s in pack.sections] + [("#annex", "术语表")]
    for section in pack.sections:
        (target,) = page.xpath(f'//section[@id="{section.anchor}"]/h2')
        assert target.text == section.heading


def test_metadata_comes_from_the_pack(pack: Pack) -> None:
    page = lxml_html.fromstring(render_html(pack, TEMPLATES))
    meta = {m.get("name"): m.get("content") for m in page.xpath("//meta[@name]")}
    assert page.xpath("//title/text()") == [pack.meta.title]
    assert meta["author"] == "简报编写组"
    assert meta["generator"] == "assembler"
    assert meta["dcterms.created"] == "2019-05-13"


def test_a_template_directory_without_the_template_is_an_error(pack: Pack, tmp_path: Path) -> None:
    with pytest.raises(AssemblerError, match=r"no template 'pack\.html\.j2'"):
        render_html(pack, tmp_path)


def test_a_broken_template_names_its_file_and_line(pack: Pack, tmp_path: Path) -> None:
    shutil.copytree(TEMPLATES, tmp_path, dirs_exist_ok=True)
    template = tmp_path / "pack.html.j2"
    lines = template.read_text(encoding="utf-8").splitlines()
    at = lines.index("<body>")
    lines[at] = "<body>{% if pack.cover %}"
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AssemblerError) as broken:
        render_html(pack, tmp_path)
    assert broken.value.path == str(template)
    assert broken.value.line is not None and broken.value.line > at
    assert "template error: Unexpected end of template" in broken.value.message


def test_a_template_asking_for_what_the_model_lacks_is_an_error(pack: Pack, tmp_path: Path) -> None:
    shutil.copytree(TEMPLATES, tmp_path, dirs_exist_ok=True)
    template = tmp_path / "pack.html.j2"
    source = template.read_text(encoding="utf-8")
    template.write_text(
        source.replace("{{ pack.running_header|typeset }}", "{{ pack.logo }}"), "utf-8"
    )
    with pytest.raises(AssemblerError, match=r"template error: .*has no attribute 'logo'"):
        render_html(pack, tmp_path)


def test_an_english_pack_without_english_text_keeps_numbers_and_says_so() -> None:
    english = example_pack("en")
    # No English version in the corpus: the glossary's English body, numbers and dates only.
    assert english.cover.meeting == (
        "Commission on Crime Prevention and Criminal Justice",  # the glossary's equivalent
        "Twenty-eighth session",
        "20–24 May 2019",
        "Item 6(c) of the provisional agenda",
    )
    page = lxml_html.fromstring(render_html(english, TEMPLATES))
    assert page.get("lang") == "en"
    assert len(page.xpath('//div[@class="meeting"]')) == 1
    paragraphs = page.xpath('//p[@class="para"]')
    assert len(paragraphs) == sum(1 for s in english.sections for b in s.blocks)
    for paragraph, number in zip(paragraphs, ("1", "2", "3"), strict=False):
        notice = excerpt(english, number).passages[0].missing
        assert notice == "The corpus has no English text of this paragraph."
        assert text_of(paragraph) == f"{number}.{notice}"
