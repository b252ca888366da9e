"""The front matter of a source: the cover block (body, session, dates and venue, agenda item
and title, report title and type) up to the summary, where the body starts, and the footnotes
cited from the cover, which belong to the document rather than to a record."""

from __future__ import annotations

from assembler.corpus import layout
from assembler.corpus.footnotes import FootnoteLayout, Marker, unmarked
from assembler.corpus.layout import Language, clean
from assembler.corpus.ledger import Span
from assembler.corpus.lines import Line
from assembler.corpus.model import Note


def front_matter(
    lines: list[Line], ledger: list[Span], markers: dict[int, list[Marker]], language: Language
) -> tuple[dict[str, str], list[Line]]:
    """The cover block: body, session, dates and venue, agenda item and title, report title and
    type. Returns the fields and the lines after the summary heading (the summary's text)."""
    meta: dict[str, str] = {}
    summary_at = next(
        (
            i
            for i, line in enumerate(lines)
            if layout.SUMMARY_HEADING.match(unmarked(line, markers))
        ),
        len(lines),
    )
    head, summary = lines[:summary_at], lines[summary_at + 1 :]
    if summary_at < len(lines):
        _to_meta(meta, ledger, "summary_heading", [lines[summary_at]], markers, language)
    rest: list[Line] = []
    for line in head:
        text = unmarked(line, markers)
        if "session" not in meta and layout.SESSION.match(text):
            if rest and "body" not in meta:
                _to_meta(meta, ledger, "body", rest, markers, language)
                rest = []
            _to_meta(meta, ledger, "session", [line], markers, language)
        elif "dates" not in meta and (match := layout.DATES_VENUE.match(text)):
            _to_meta(meta, ledger, "dates", [line], markers, language)
            meta["dates"], meta["venue"] = match["dates"], match["venue"]
        elif "agenda_item" not in meta and (match := layout.AGENDA.match(text)):
            _to_meta(meta, ledger, "agenda_item", [line], markers, language)
            meta["agenda_item"] = layout.normalise_label(match["item"].replace("∗", ""))
        elif "report_type" not in meta and layout.REPORT_TYPE.match(text):
            title_lines, agenda_lines = _split_title(rest)
            if agenda_lines:
                _to_meta(meta, ledger, "agenda_title", agenda_lines, markers, language)
            if title_lines:
                _to_meta(meta, ledger, "title", title_lines, markers, language)
            rest = []
            _to_meta(meta, ledger, "report_type", [line], markers, language)
        else:
            rest.append(line)
    if rest:
        _to_meta(meta, ledger, "front_matter", rest, markers, language)
    return meta, summary


def _split_title(lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """The report's title is the last group of lines before its type ("秘书长的报告"); the
    groups before it are the agenda item's title. Groups are separated by blank gaps; with no
    gaps, the title is the last line."""
    if not lines:
        return [], []
    cut = len(lines) - 1
    for index in range(len(lines) - 1, 0, -1):
        if lines[index].gap_before:
            cut = index
            break
    return lines[cut:], lines[:cut]


def _to_meta(
    meta: dict[str, str],
    ledger: list[Span],
    name: str,
    lines: list[Line],
    markers: dict[int, list[Marker]],
    language: Language,
) -> None:
    text = ""
    for line in lines:
        ledger.append(Span(line.no, line.start, line.end, f"meta:{name}", "text"))
        text = language.join_lines(text, unmarked(line, markers))
    meta[name] = clean(text, language) if name != "front_matter" else meta.get(name, "") + text


def opens_body(text: str, language: Language) -> bool:
    """Whether a line opens the body (a chapter heading, or paragraph 1): the lines before it
    are the front matter."""
    chapter = layout.CHAPTER.match(text)
    if chapter and language.is_heading_like(chapter["title"]):
        return True
    numbered = layout.NUMBERED.match(text)
    return bool(numbered and numbered["label"] == "1")


def cover_notes(footnotes: FootnoteLayout, cover: list[Line], language: Language) -> list[Note]:
    """Notes whose marks stand in the cover block belong to the document, not to a record."""
    cover_numbers = {line.no for line in cover}
    notes: list[Note] = []
    for line_no, found in footnotes.markers.items():
        if line_no not in cover_numbers:
            continue
        for marker in found:
            definition = footnotes.notes[marker.note]
            notes.append(Note(definition.label, clean(definition.text, language)))
    return sorted(notes, key=lambda n: (len(n.mark), n.mark))
