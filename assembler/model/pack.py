"""The pack model: a briefing pack after selection, glossing, script conversion and
localisation. Writers (assembler/render) only render it: every label here is already in the
reader's language and script, every citation already formatted, every font already chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["text", "symbol", "link", "gloss", "emphasis", "strong", "note"]


@dataclass(frozen=True)
class Footnote:
    """A page footnote. Writers number footnotes in reading order (as Word does); `mark` is
    the mark the source document gave it, kept for reference."""

    mark: str
    runs: tuple[Span, ...]


@dataclass(frozen=True)
class Span:
    """An inline run of text.

    - text: plain text
    - symbol: a UN document symbol; `href` is its http://undocs.org/ link; never broken
    - link: a hyperlink from an editorial note (`href`)
    - gloss: an inserted equivalent, e.g. "（foreign terrorist fighters）"
    - emphasis / strong: light Markdown of editorial notes
    - note: a footnote reference at this point; `text` is empty and `note` holds the footnote
    `lang` is set only where a run's language differs from its passage (an English gloss in
    Chinese text), so that writers can tag it.
    """

    text: str
    kind: SpanKind = "text"
    href: str = ""
    note: Footnote | None = None
    lang: str = ""


Runs = tuple[Span, ...]


@dataclass(frozen=True)
class Item:
    """A lettered or numbered sub-item: "(a)" and its text."""

    label: str
    runs: Runs


@dataclass(frozen=True)
class Passage:
    """One language's text of an excerpt or heading. `missing` holds the localised notice
    ("English text not available") when the corpus has no text in this language; then
    `runs` and `items` are empty."""

    lang: str
    runs: Runs
    items: tuple[Item, ...] = ()
    missing: str = ""


@dataclass(frozen=True)
class Citation:
    """Where an excerpt comes from, formatted for the reader ("E/CN.15/2007/9，第 24 段").
    `href` links the document (undocs.org) when it has a symbol."""

    text: str
    href: str = ""


@dataclass(frozen=True)
class Excerpt:
    """One paragraph taken from a document. `number` is its original paragraph number
    (None for unnumbered paragraphs, e.g. of an annex). One passage per column: one for
    zh or en packs, two (same order as Pack.columns) for side-by-side packs."""

    number: str | None
    citation: Citation
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class SourceHeading:
    """A heading of the source document kept inside a section (e.g. the subsections of a
    chapter selected whole). `level` is relative to the section: 1 is the highest."""

    level: int
    label: str
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class EditorialNote:
    """The editor's own text at the head of a section: paragraphs of runs."""

    paragraphs: tuple[Runs, ...]


@dataclass(frozen=True)
class CrossReference(Excerpt):
    """A paragraph picked again in a later section: printed once, where it was first picked,
    and referred to here. Its passages hold the localised pointer ("第 24 段见上文“导言”一节。"),
    one per column; `anchor` is the section that prints the paragraph. An Excerpt, so that a
    writer that does not know it still prints the pointer as a paragraph."""

    anchor: str = ""


Block = Excerpt | SourceHeading


@dataclass(frozen=True)
class Section:
    anchor: str  # unique, ASCII: used for TOC links and bookmarks
    heading: str
    note: EditorialNote | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Table:
    """The glossary annex: a header row (repeated on every page) and body rows."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    langs: tuple[str, ...]  # the language of each column, for tagging and fonts


@dataclass(frozen=True)
class Annex:
    anchor: str
    heading: str
    intro: str
    table: Table


@dataclass(frozen=True)
class Cover:
    title: str
    subtitle: str
    meeting: tuple[str, ...]  # the meeting block, one line each, already formatted
    prepared_by: str
    date: str


@dataclass(frozen=True)
class Typeface:
    """Fonts and language tags for one language of the pack."""

    lang: str  # BCP 47 for HTML/PDF: zh-Hans, zh-TW, zh-HK, en
    word_lang: str  # Word's w:lang value: zh-CN, zh-TW, zh-HK, en-US
    east_asian: bool  # whether Word should see it as East Asian text (w:eastAsia)
    body: str  # font family of body text
    heading: str  # font family of headings
    latin: str  # font family for Latin runs in Word (w:ascii / w:hAnsi)


@dataclass(frozen=True)
class PageField:
    """Where a writer puts the number of the current page ("page") or of all pages ("pages")."""

    name: Literal["page", "pages"]


@dataclass(frozen=True)
class Labels:
    """Fixed words the writers place themselves, already localised."""

    contents: str  # 目录
    # "第 {page} 页，共 {pages} 页" as text and fields in order: ("第 ", page, " 页，共 ", ...)
    page_of: tuple[str | PageField, ...]
    toc_hint: str  # what Word shows in the TOC field before it is updated
    number: str  # column header for paragraph numbers in side-by-side tables ("段")


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    lang: str  # BCP 47 of the pack's main language
    created: str  # ISO date of the pack (the spec's date, else the build date)


@dataclass(frozen=True)
class Pack:
    name: str  # output file stem
    meta: Metadata
    cover: Cover
    running_header: str
    labels: Labels
    # One per column (the main language first), then those of runs outside the columns
    # (English glosses and annex cells in a Chinese pack).
    typefaces: tuple[Typeface, ...]
    columns: tuple[str, ...]  # languages of the passage columns: ("zh-Hans",) or ("zh-Hans", "en")
    column_headers: tuple[str, ...]  # shown above side-by-side columns ("中文", "English")
    sections: tuple[Section, ...]
    annex: Annex | None
    # The page each section (and the annex) starts on, by anchor, where the build knows it
    # (from the PDF rendered alongside): the DOCX contents show them before Word updates the
    # field. Empty when no paginated output was rendered.
    anchor_pages: tuple[tuple[str, int], ...] = ()

    @property
    def side_by_side(self) -> bool:
        return len(self.columns) > 1

    def typeface(self, lang: str) -> Typeface:
        """The typeface of a column or run language (the main one when unknown)."""
        return next((t for t in self.typefaces if t.lang == lang), self.typefaces[0])

    @property
    def footnotes(self) -> tuple[Footnote, ...]:
        """Every footnote in reading order, as writers number them."""
        found: list[Footnote] = []
        for section in self.sections:
            for block in section.blocks:
                for passage in block.passages:
                    for runs in (passage.runs, *(item.runs for item in passage.items)):
                        found.extend(s.note for s in runs if s.note is not None)
        return tuple(found)
