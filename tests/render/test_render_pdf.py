"""The PDF writer, checked on real output: packs built from the example spec and a ~35-paragraph
spec over the corpus, rendered by WeasyPrint, read back with poppler (pdftotext, pdffonts,
pdfinfo, pdftohtml). Text, page numbers, footnote placement, bookmarks, metadata and fonts
are what a reader of the printed pack sees."""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
import subprocess
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from lxml import etree
from PIL import Image

from assembler.build.driver import Overrides, prepare
from assembler.corpus.catalog import Corpus
from assembler.errors import AssemblerError
from assembler.glossary.store import load_glossary
from assembler.model.pack import (
    EditorialNote,
    Excerpt,
    Pack,
    PageField,
    Passage,
    Runs,
    Section,
    SourceHeading,
    Span,
    Typeface,
)
from assembler.render.fonts import check_coverage, codepoints, locate, pack_families
from assembler.render.html import render_html
from assembler.render.pdf import RefusedURL, RenderedPdf, render_pdf, template_file

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
EXAMPLE = ROOT / "examples" / "ccpcj28-item6c.yaml"

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)

# 31 paragraphs: chapter 二 B of the 2019 report whole (its four subsections become
# nested bookmarks), paragraph 39 with the Kosovo footnote, and paragraphs of E/CN.15/2007/9
# with lettered items, one of them carrying footnotes inside its items.
MIXED_SPEC = """\
name: render-test
title: 反恐技术援助：伙伴关系与区域讲习班
prepared_by: 简报编写组
date: 2019-05-13
meeting:
  from: ccpcj28-terrorism-ta
cite_as:
  ccpcj28-terrorism-ta: 秘书长的报告
sections:
  - heading: 合作与伙伴关系
    select:
      - document: ccpcj28-terrorism-ta
        heading: 二 B
  - heading: 外国恐怖主义作战人员
    select:
      - ccpcj28-terrorism-ta: 39
  - heading: 2006 年的区域讲习班
    select:
      - E/CN.15/2007/9: 21-22, 38, 62
glossary:
  annex: off
missing: notice
"""


@dataclass(frozen=True)
class Rendered:
    pack: Pack
    html: str
    pdf: RenderedPdf
    path: Path
    pages: tuple[str, ...]  # pdftotext of each page, in reading layout
    raw: tuple[str, ...]  # pdftotext -raw: drawing order, hyphens at line ends kept


def poppler(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def render(
    spec: Path,
    out: Path,
    language: str | None = None,
    change: Callable[[Pack], Pack] | None = None,
) -> Rendered:
    corpus = Corpus(ROOT / "corpus")
    glossary = load_glossary(ROOT / "glossary")
    pack = prepare(spec, corpus, glossary, TEMPLATES, Overrides(language=language)).pack
    pack = change(pack) if change else pack
    check_coverage(pack)
    page = render_html(pack, TEMPLATES)
    pdf = render_pdf(page, TEMPLATES)
    path = out / f"{pack.name}.pdf"
    path.write_bytes(pdf.data)
    pages, raw = (
        tuple(poppler("pdftotext", *mode, "-enc", "UTF-8", str(path), "-").split("\f")[: pdf.pages])
        for mode in ((), ("-raw",))
    )
    return Rendered(pack, page, pdf, path, pages, raw)


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(EXAMPLE, tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("mixed")
    spec = folder / "render-test.yaml"
    spec.write_text(MIXED_SPEC, encoding="utf-8")
    return render(spec, folder)


# The side-by-side pack is the mixed one in zh+en, where paragraph 83's Chinese side holds the
# text of paragraphs 82-93 (84-93 are left out): taller than a page.
TALL = "83"


def with_tall_pair(pack: Pack) -> Pack:
    partners = pack.sections[0]
    numbers = [str(n) for n in range(82, 94)]
    chosen = {
        b.number: b for b in partners.blocks if isinstance(b, Excerpt) and b.number in numbers
    }
    assert list(chosen) == numbers
    chinese = [chosen[n].passages[0] for n in numbers]
    tall_runs = tuple(span for passage in chinese for span in passage.runs)
    tall = dataclasses.replace(
        chosen[TALL], passages=(Passage(chinese[0].lang, tall_runs), chosen[TALL].passages[1])
    )
    blocks = tuple(
        tall if b is chosen[TALL] else b
        for b in partners.blocks
        if not (isinstance(b, Excerpt) and b.number in numbers[2:])
    )
    partners = dataclasses.replace(partners, blocks=blocks)
    return dataclasses.replace(pack, sections=(partners, *pack.sections[1:]))


@pytest.fixture(scope="module")
def parallel(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("parallel")
    spec = folder / "render-test.yaml"
    spec.write_text(MIXED_SPEC, encoding="utf-8")
    return render(spec, folder, language="zh+en", change=with_tall_pair)


def squash(text: str) -> str:
    """Text without any whitespace: PDF line breaks fall anywhere in Chinese text."""
    return re.sub(r"\s+", "", text)


def plain(runs: Runs) -> str:
    return "".join(span.text for span in runs)


def excerpts(pack: Pack) -> Iterator[Excerpt]:
    for section in pack.sections:
        yield from (b for b in section.blocks if isinstance(b, Excerpt))


def printed(passage: Passage, calls: Iterator[int]) -> str:
    """A passage as printed: footnote references become their numbers, in reading order."""

    def text(runs: Runs) -> str:
        return "".join(str(next(calls)) if s.kind == "note" else s.text for s in runs)

    items = "".join(item.label + text(item.runs) for item in passage.items)
    return text(passage.runs) + items


def page_footer(rendered: Rendered, number: int) -> str:
    counts = {"page": number, "pages": rendered.pdf.pages}
    return "".join(
        str(counts[piece.name]) if isinstance(piece, PageField) else piece
        for piece in rendered.pack.labels.page_of
    )


def body_text(rendered: Rendered) -> str:
    """The reading text of all pages, without page footnotes, running header and footer
    (drawn in that order after the body), so that a paragraph broken across pages reads as
    one. From `pdftotext -raw`: the default mode drops the hyphen of "counter-" at a line end.
    """
    header = squash(rendered.pack.running_header)
    notes = [
        squash(f"{number}{plain(note.runs)}")
        for number, note in enumerate(rendered.pack.footnotes, 1)
    ]
    bodies = []
    for number, page in enumerate(rendered.raw, 1):
        footer = squash(page_footer(rendered, number))
        text = squash(page).removesuffix(footer).removesuffix(header)
        while stripped := next((n for n in notes if text.endswith(n)), None):
            text = text.removesuffix(stripped)
        bodies.append(text)
    return "".join(bodies)


def test_every_excerpt_is_printed_exactly_with_number_items_and_citation(
    example: Rendered, mixed: Rendered
) -> None:
    for rendered in (example, mixed):
        body = body_text(rendered)
        calls = iter(range(1, len(rendered.pack.footnotes) + 1))
        count = 0
        for excerpt in excerpts(rendered.pack):
            (passage,) = excerpt.passages
            number = f"{excerpt.number}." if excerpt.number else ""
            expected = squash(number + printed(passage, calls) + excerpt.citation.text)
            assert expected in body, excerpt.citation.text
            count += 1
        assert count == {"ccpcj28-item6c": 39, "render-test": 31}[rendered.pack.name]


def test_paragraph_39_and_its_kosovo_footnote_on_the_same_page(mixed: Rendered) -> None:
    (index,) = [i for i, p in enumerate(mixed.raw) if "阿尔巴尼亚、科索沃、" in p]
    page = squash(mixed.raw[index])
    number = 1 + next(
        i for i, n in enumerate(mixed.pack.footnotes) if n.runs[0].text.startswith("提及科索沃")
    )
    assert f"阿尔巴尼亚、科索沃、{number}黑山和北马其顿举办了多场活动。" in page
    note = squash(f"{number}提及科索沃之处应结合安全理事会第 1244 (1999)号决议理解。")
    footer = squash(mixed.pack.running_header + page_footer(mixed, index + 1))
    assert page.endswith(note + footer)


def test_every_footnote_is_on_the_page_of_its_reference(mixed: Rendered) -> None:
    body_pages = [squash(p) for p in mixed.raw]
    calls = 0
    for excerpt in excerpts(mixed.pack):
        passage = excerpt.passages[0]
        for runs in (passage.runs, *(item.runs for item in passage.items)):
            for before, span in itertools.pairwise(runs):
                if span.note is None:
                    continue
                calls += 1
                reference = squash(before.text[-6:] + str(calls))
                note = squash(f"{calls}{plain(span.note.runs)}")
                (page,) = [p for p in body_pages if reference in p]
                assert note in page, (calls, span.note.mark)
    assert calls == len(mixed.pack.footnotes) == 6


def test_table_of_contents_gives_the_real_pages_of_the_headings(example: Rendered) -> None:
    toc_page = next(
        i
        for i, p in enumerate(example.pages)
        if p.startswith(example.pack.running_header) and "目录" in p
    )
    entries = dict(
        (m[1], int(m[2]))
        for m in re.finditer(r"^(.+?) ?\.{3,} ?(\d+)$", example.pages[toc_page], re.MULTILINE)
    )
    headings = [s.heading for s in example.pack.sections] + ["术语表"]
    assert list(entries) == headings
    for heading, page in entries.items():
        lines = example.pages[page - 1].splitlines()
        assert heading in lines, heading
        earlier = example.pages[toc_page + 1 : page - 1]
        assert not any(heading in p.splitlines() for p in earlier), heading


def test_footer_says_page_x_of_y_on_every_page_but_the_cover(example: Rendered) -> None:
    total = example.pdf.pages
    assert total == int(poppler("pdfinfo", str(example.path)).split("Pages:")[1].split()[0])
    assert "页，共" not in example.pages[0]
    for number, page in enumerate(example.pages[1:], 2):
        assert page.strip().splitlines()[-1] == f"第 {number} 页，共 {total} 页"
        assert page.splitlines()[0] == example.pack.running_header


def test_annex_header_row_repeats_on_every_annex_page(example: Rendered) -> None:
    annex = example.pack.annex
    assert annex is not None
    header = squash(example.pack.running_header)
    first = next(i for i, p in enumerate(example.pages) if squash(annex.intro) in squash(p))
    pages = [
        squash(p).removeprefix(header).removesuffix(squash(page_footer(example, number)))
        for number, p in enumerate(example.pages[first:], first + 1)
    ]
    assert len(pages) >= 2
    pages[0] = pages[0].removeprefix(squash(annex.heading + annex.intro))
    columns = squash("".join(annex.table.headers))
    assert all(page.startswith(columns) for page in pages)
    rows = "".join(page.removeprefix(columns) for page in pages)
    assert rows == squash("".join("".join(row) for row in annex.table.rows))


def outline(path: Path) -> list[tuple[int, str, int]]:
    """(level, title, page) of every PDF bookmark, in order."""
    xml = poppler("pdftohtml", "-xml", "-stdout", "-i", "-q", str(path))
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True))

    def walk(node: etree._Element, level: int) -> Iterator[tuple[int, str, int]]:
        for child in node:
            if child.tag == "item":
                yield level, "".join(child.itertext()).strip(), int(child.get("page", "0"))
            elif child.tag == "outline":
                yield from walk(child, level + 1)

    (top,) = root.findall("outline")
    return list(walk(top, 1))


def test_bookmarks_follow_sections_and_nest_source_headings(
    mixed: Rendered, parallel: Rendered
) -> None:
    for rendered in (mixed, parallel):
        marks = outline(rendered.path)
        pack = rendered.pack
        headings = [b for b in pack.sections[0].blocks if isinstance(b, SourceHeading)]
        assert [b.label for b in headings] == ["1.", "2.", "3.", "4."]
        expected = [(1, "目录")]
        expected += [(1, pack.sections[0].heading)]
        expected += [(2, f"{b.label} {plain(b.passages[0].runs)}") for b in headings]
        expected += [(1, s.heading) for s in pack.sections[1:]]
        assert [(level, title) for level, title, _ in marks] == expected
        for level, title, page in marks:
            if level == 2:
                assert squash(title.split(" ", 1)[1]) in squash(rendered.pages[page - 1]), title


def raw_objects(data: bytes) -> bytes:
    """The PDF with its compressed streams inflated (the catalog sits in an object stream)."""
    parts = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream[1]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_metadata_title_author_subject_creator_and_language(example: Rendered) -> None:
    info = dict(line.split(":", 1) for line in poppler("pdfinfo", str(example.path)).splitlines())
    meta = example.pack.meta
    assert (
        info["Title"].strip()
        == meta.title
        == "恐怖主义问题相关国际公约和议定书执行过程中的技术援助"
    )
    assert info["Author"].strip() == "简报编写组"
    assert info["Subject"].strip() == meta.subject
    assert info["Creator"].strip() == "assembler"
    assert info["Page size"].strip().endswith("(A4)")
    assert b"/Lang (zh-Hans)" in raw_objects(example.pdf.data)


def test_chinese_fonts_are_embedded(example: Rendered) -> None:
    fonts = poppler("pdffonts", str(example.path)).splitlines()[2:]
    embedded = {re.sub(r"^[A-Z]{6}\+", "", f.split()[0]) for f in fonts if " yes yes " in f}
    assert "Noto-Serif-CJK-SC" in embedded
    assert "Noto-Sans-CJK-SC-Bold" in embedded
    assert all(" yes " in f for f in fonts), fonts


def test_side_by_side_rows_keep_pairs_on_one_page_under_repeated_headers(
    parallel: Rendered,
) -> None:
    pack = parallel.pack
    assert pack.columns == ("zh-Hans", "en")
    pages = [squash(p) for p in parallel.raw]  # drawing order: header row first
    first = next(i for i, p in enumerate(pages) if p.startswith(squash(pack.sections[0].heading)))
    assert pack.annex is None
    annex = len(pages)
    header = squash(pack.labels.number + "".join(pack.column_headers))
    section_starts = tuple(squash(s.heading) for s in pack.sections)
    for page in pages[first:annex]:
        assert page.startswith(section_starts) or page.startswith(header), page[:30]
    calls = iter(range(1, 1 + len(pack.footnotes)))
    broken = []
    for excerpt in excerpts(pack):
        chinese, english = excerpt.passages
        text = squash(printed(chinese, calls))
        printed(english, calls)
        holding = [i for i, p in enumerate(pages) if text in p]
        if holding:  # the whole pair on one page
            assert squash(english.missing) in pages[holding[0]]
        else:  # taller than a page: from where it starts to the next pages
            start = next(i for i, p in enumerate(pages) if text[:30] in p)
            assert any(text[-30:] in p for p in pages[start + 1 :])
            broken.append(excerpt.number)
    assert broken == [TALL, "21"]  # 21: ten lettered items in a half-width column


def test_a_pair_taller_than_the_room_left_starts_at_once_and_breaks(parallel: Rendered) -> None:
    pack = parallel.pack
    raw = [squash(p) for p in parallel.raw]
    texts = {e.number: squash(plain(e.passages[0].runs)) for e in excerpts(pack)}
    (before,) = [i for i, p in enumerate(raw) if texts["82"] in p]
    tall = texts[TALL]
    assert tall[:40] in raw[before]  # no gap after paragraph 82
    (end,) = [i for i, p in enumerate(raw) if tall[-40:] in p]
    assert end > before
    for page in parallel.pages[before + 1 : end + 1]:  # the column headers on every page
        assert (
            squash(page)
            .removeprefix(squash(pack.running_header))
            .startswith(squash(pack.labels.number + "".join(pack.column_headers)))
        )


def tiny(pack: Pack, note: str) -> Pack:
    """The pack reduced to one section with an editorial note: a quick render."""
    section = Section("only", "安全", EditorialNote(((Span(note),),)), ())
    return dataclasses.replace(pack, sections=(section,), annex=None)


def test_cover_shows_meeting_title_and_imprint_with_or_without_meeting(example: Rendered) -> None:
    cover = example.pack.cover
    lines = [*cover.meeting, cover.title, cover.subtitle, cover.prepared_by, cover.date]
    assert cover.meeting[:2] == ("预防犯罪和刑事司法委员会", "第二十八届会议")
    assert squash(example.raw[0]) == squash("".join(lines))
    bare = dataclasses.replace(
        tiny(example.pack, "说明"), cover=dataclasses.replace(cover, meeting=())
    )
    first = extract(render_pdf(render_html(bare, TEMPLATES), TEMPLATES).data).split("\f")[0]
    assert squash(first) == squash("".join(lines[len(cover.meeting) :]))


def test_text_that_looks_like_markup_is_printed_not_fetched(example: Rendered) -> None:
    pack = tiny(example.pack, '<img src="file:///etc/passwd"><link href="http://example.com/">')
    pdf = render_pdf(render_html(pack, TEMPLATES), TEMPLATES)
    assert b"/Subtype /Image" not in raw_objects(pdf.data)
    text = squash(extract(pdf.data))
    assert squash('<img src="file:///etc/passwd"><link href="http://example.com/">') in text


def extract(data: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        ("file:///etc/passwd", "outside the template directory"),
        ("http://example.com/logo.png", "not the network"),
        ("https://example.com/logo.png", "not the network"),
        ("../pyproject.toml", "outside the template directory"),
        ("//example.com/logo.png", "a file on another host"),
    ],
)
def test_url_fetcher_refuses_anything_outside_the_templates(
    example: Rendered, tmp_path: Path, reference: str, reason: str
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    template = templates / "pack.html.j2"
    source = template.read_text(encoding="utf-8")
    template.write_text(source.replace("<body>", f'<body>\n<img src="{reference}">'), "utf-8")
    page = render_html(tiny(example.pack, "说明"), templates)
    with pytest.raises(AssemblerError, match="refused to fetch") as refused:
        render_pdf(page, templates)
    assert reason in str(refused.value)


def test_url_fetcher_reads_files_inside_the_templates(example: Rendered, tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    image = Image.new("RGB", (8, 8), "navy")
    image.save(templates / "mark.png")
    (tmp_path / "elsewhere.png").write_bytes((templates / "mark.png").read_bytes())
    (templates / "outside.png").symlink_to(tmp_path / "elsewhere.png")
    root = templates.resolve()
    assert template_file(root, (root / "mark.png").as_uri()) == root / "mark.png"
    with pytest.raises(RefusedURL, match="outside the template directory"):
        template_file(root, (root / "outside.png").as_uri())
    page = render_html(tiny(example.pack, "说明"), templates)
    page = page.replace("<p>说明</p>", '<p>说明<img src="mark.png" alt=""></p>')
    assert b"/Subtype /Image" in raw_objects(render_pdf(page, templates).data)


def test_a_character_no_font_has_fails_before_rendering_with_its_place(
    example: Rendered,
) -> None:
    ancient = "\U00020000"  # CJK Unified Ideographs Extension B, first character
    for family in ("Noto Serif CJK SC", "Noto Sans CJK SC"):
        font = locate(family)
        with TTFont(font.path, fontNumber=font.index, lazy=True) as face:
            assert ord(ancient) not in face.getBestCmap(), family
    pack = example.pack
    section = pack.sections[0]
    two = section.blocks[1]
    assert isinstance(two, Excerpt) and two.number == "2"
    passage = dataclasses.replace(
        two.passages[0], runs=(Span(ancient + "大会"), *two.passages[0].runs)
    )
    blocks = (section.blocks[0], dataclasses.replace(two, passages=(passage,)), *section.blocks[2:])
    bad = dataclasses.replace(pack, sections=(dataclasses.replace(section, blocks=blocks),))
    with pytest.raises(AssemblerError) as missing:
        check_coverage(bad)
    message = str(missing.value)
    assert "1 character(s) of pack 'ccpcj28-item6c' have no glyph in its fonts" in message
    assert (
        "U+20000 \U00020000 (CJK UNIFIED IDEOGRAPH-20000): section 1 “导言”, paragraph 2 (zh-Hans)"
        in message
    )
    assert "Noto Serif CJK SC (NotoSerifCJK-Regular.ttc), Noto Sans CJK SC" in message


def test_fast_cmap_reading_equals_fonttools(example: Rendered) -> None:
    for family in pack_families(example.pack):
        font = locate(family)
        with TTFont(font.path, fontNumber=font.index, lazy=True) as face:
            assert codepoints(font) == frozenset(face.getBestCmap()), family


def test_a_font_that_is_not_installed_is_named(example: Rendered) -> None:
    face = Typeface("zh-Hans", "zh-CN", True, "Nonexistent Serif CJK", "Noto Sans CJK SC", "")
    with pytest.raises(
        AssemblerError, match="font 'Nonexistent Serif CJK' named by the pack is not installed"
    ):
        check_coverage(dataclasses.replace(example.pack, typefaces=(face,)))
