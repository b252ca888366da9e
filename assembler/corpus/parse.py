"""One source file -> blocks (headings, paragraphs with items and notes) + front matter + a
ledger that says where every character of the file went.

Reading order: page furniture is set aside first (separators, URL dumps, running headers, page
numbers), then footnote blocks and the marks citing them, then the front matter (the cover
block up to the summary), then the body, line by line, with the UN's numbering deciding what
starts a new block: a paragraph number in sequence, a chapter/section/subsection/lettered
heading, or a lettered/numbered item inside the paragraph that introduced it with a colon.
The rules are the same for every language; a `layout.Language` says how its lines join and how
its sentences and headings end. This module runs the steps in that order; `ledger`,
`front_matter` and `body` hold them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from assembler.corpus import layout
from assembler.corpus.body import Block, BodyBuilder
from assembler.corpus.footnotes import FootnoteDef, find_blocks, find_markers
from assembler.corpus.front_matter import cover_notes, front_matter, opens_body
from assembler.corpus.layout import clean
from assembler.corpus.ledger import Span, set_aside
from assembler.corpus.lines import Line, split_lines, wrap_width
from assembler.corpus.model import Note
from assembler.text.language import detect_language
from assembler.text.symbols import symbol_from_url


@dataclass
class ParsedSource:
    """What one source holds: its blocks, its front matter and notes, and the ledger."""

    name: str
    lang: str  # "zh" or "en": given by the sidecar, else detected from the text
    lines: list[Line]
    blocks: list[Block]
    meta: dict[str, str]
    doc_notes: list[Note]
    note_defs: list[FootnoteDef]
    running_symbols: Counter[str]
    url_targets: list[tuple[int, str]]  # (line, symbol) of hyperlink targets dumped as text
    ledger: list[Span]
    warnings: list[str]

    @property
    def dropped(self) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for span in self.ledger:
            if span.owner.startswith("drop:"):
                raw = self.line_text(span.line)[span.start : span.end]
                counts[span.owner[5:]] += len("".join(raw.split()))
        return dict(sorted(counts.items()))

    def line_text(self, number: int) -> str:
        return self._by_no[number].raw

    def __post_init__(self) -> None:
        self._by_no = {line.no: line for line in self.lines}


def _artefacts(lines: list[Line]) -> tuple[dict[int, str], Counter[str]]:
    reasons: dict[int, str] = {}
    symbols: Counter[str] = Counter()
    for line in lines:
        found = layout.classify_artefact(line.text)
        if found is not None:
            reasons[line.no] = found.reason
            if found.symbol:
                symbols[found.symbol] += 1
    for position, line in enumerate(lines):
        if not line.text[:1].isdigit():
            continue  # neither a page number nor "2/18"
        number = layout.PAGE_NUMBER.match(line.text) is not None
        if not number and not layout.is_page_of_pages(line.text):
            continue  # most lines: no need to look at the neighbours
        neighbours = {reasons.get(n.no) for n in lines[max(position - 1, 0) : position + 2]}
        if number and "running-header" in neighbours:
            reasons[line.no] = "page-number"
        elif layout.is_page_of_pages(line.text) and neighbours & {"running-header", "job-number"}:
            # "2/18" is a page number beside the page's header or footer; alone it may be a
            # wrapped "72/194".
            reasons[line.no] = "page-number"
    return reasons, symbols


def _page_starts(lines: list[Line], body_numbers: set[int]) -> set[int]:
    """The body lines that come right after page furniture or a footnote block: where a block
    that goes on across a page break is joined."""
    starts: set[int] = set()
    set_aside = False
    for line in lines:
        if line.no not in body_numbers:
            set_aside = True
        elif set_aside:
            starts.add(line.no)
            set_aside = False
    return starts


def parse_source(
    name: str, text: str, lang: str | None = None, *, lines_are_blocks: bool = False
) -> ParsedSource:
    """Parse one source in `lang` ("zh" or "en"); without it, the language is detected.
    `lines_are_blocks`: a reader gave one line per block and kept the cover out of the text
    (see readers.Extraction)."""
    language = layout.LANGUAGES[lang or detect_language(text)]
    lines = split_lines(text)
    artefacts, running_symbols = _artefacts(lines)
    note_defs, note_lines = find_blocks(lines, artefacts, language)
    for line in lines:
        if (
            line.text[:1].isdigit()  # (most lines: no need to try the pattern)
            and line.no not in artefacts
            and line.no not in note_lines
            and layout.PAGE_NUMBER.match(line.text)
        ):
            artefacts[line.no] = "page-number"
    body_numbers = {
        line.no for line in lines if line.no not in artefacts and line.no not in note_lines
    }
    footnotes = find_markers(lines, note_defs, body_numbers, language)

    ledger = set_aside(lines, artefacts, note_defs)
    warnings: list[str] = []
    for definition in note_defs:
        if not definition.text.strip():
            warnings.append(
                f"line {definition.lines[0].no}: footnote {definition.label} has no text"
            )
        for line_no in definition.carried:
            warnings.append(
                f"line {line_no}: footnote {definition.label} stopped mid-URL or mid-sentence"
                " at a page break and is read as going on here; check the join"
            )
    url_targets: list[tuple[int, str]] = []
    for line in lines:
        if artefacts.get(line.no) == "url" and (symbol := symbol_from_url(line.text)):
            url_targets.append((line.no, symbol))

    body_lines = [line for line in lines if line.no in body_numbers]
    start = next(
        (i for i, line in enumerate(body_lines) if opens_body(line.text, language)),
        len(body_lines),
    )
    if lines_are_blocks:
        start = 0  # the reader kept the cover out of the text
    meta, summary_lines = front_matter(body_lines[:start], ledger, footnotes.markers, language)

    builder = BodyBuilder(footnotes, ledger, warnings, language, wrap_width(body_lines, language))
    builder.lines_are_blocks = lines_are_blocks
    builder.page_starts = _page_starts(lines, body_numbers)
    if summary_lines:
        builder.stack = [(1, meta.get("summary_heading", ""))]
        for position in range(len(summary_lines)):
            builder.feed(summary_lines, position)
        builder.stack = []
    body = body_lines[start:]
    for position in range(len(body)):
        builder.feed(body, position)

    cover = body_lines[: start - len(summary_lines)] if summary_lines else body_lines[:start]
    doc_notes = cover_notes(footnotes, cover, language)
    # A mark found where no block takes text (inside a label) cites nothing: like a note whose
    # mark was not found, its note is kept with the document, never silently lost.
    cover_numbers = {line.no for line in cover}
    unplaced = {
        marker.note
        for line_no, found in footnotes.markers.items()
        if line_no not in cover_numbers
        for marker in found
        if marker.note not in builder.attached
    }
    for index in sorted({*footnotes.unmatched, *unplaced}):
        note = footnotes.notes[index]
        text = clean(note.text, language)
        if not any(n.mark == note.label and n.text == text for n in doc_notes):
            warnings.append(
                f"line {note.lines[0].no}: footnote {note.label} is not cited in the text before"
                " it; kept with the document's notes"
            )
            doc_notes.append(Note(note.label, text))
    return ParsedSource(
        name=name,
        lang=language.code,
        lines=lines,
        blocks=builder.blocks,
        meta=meta,
        doc_notes=doc_notes,
        note_defs=note_defs,
        running_symbols=running_symbols,
        url_targets=url_targets,
        ledger=ledger,
        warnings=warnings,
    )
