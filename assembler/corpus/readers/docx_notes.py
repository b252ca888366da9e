"""Word's footnotes (footnotes.xml) as the parser reads footnotes: the mark at its place in the
text and the note's text in a block under a separator rule.

Word numbers its footnotes itself (the reference holds only the note's id), in one sequence
through the document from w:numStart. The mark is written in superscript digits ("Kosovo,¹"):
the parser then matches it to its note exactly, where a plain digit fused into the text could be
taken for part of a number ("2018"), and a superscript is how Word shows it. A note with a
custom mark (w:customMarkFollows: "*", "**", as UN covers mark the agenda) takes no number; its
mark is the text that follows the reference. Numbering restarted per section or page, and marks
in other formats (roman, symbols), come out as the document-wide sequence in digits, since the
parser's notes are numbered or starred."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from assembler.corpus.readers.docx_numbering import w, wval

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
SEPARATOR = "__________________"


@dataclass(frozen=True)
class Note:
    mark: str  # as it stands in the text
    text: str


def note_texts(
    root: etree._Element | None, paragraph_text: Callable[[etree._Element], str]
) -> dict[str, str]:
    """Footnote id -> the note's text (its paragraphs joined by a space), without Word's
    separator notes and without the note's own mark (w:footnoteRef)."""
    if root is None:
        return {}
    texts: dict[str, str] = {}
    for note in root.iterfind(w("footnote")):
        if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        parts = [paragraph_text(p) for p in note.iter(w("p"))]
        texts[note.get(w("id"), "")] = " ".join(part for part in parts if part)
    return texts


class Footnotes:
    """The notes of one document, numbered in the order their references are read."""

    def __init__(self, texts: dict[str, str], start: int) -> None:
        self._texts = texts
        self._next = start

    def reference(self, ref: etree._Element, custom: str) -> Note | None:
        """The note a w:footnoteReference cites; `custom` is the text after the reference in
        its run, the mark itself when the reference says w:customMarkFollows."""
        text = self._texts.get(ref.get(w("id"), ""))
        if text is None:
            return None
        if ref.get(w("customMarkFollows")) in ("1", "true", "on"):
            mark = custom.strip()
            # The note repeats its custom mark as plain text before its own text.
            return Note(mark, text.removeprefix(mark).strip())
        mark = str(self._next).translate(SUPERSCRIPT)
        self._next += 1
        return Note(mark, text)


def number_start(*footnote_prs: etree._Element | None) -> int:
    """w:numStart of the first footnote properties that say it (the body's w:sectPr, then
    settings.xml), else 1."""
    for pr in footnote_prs:
        if (value := wval(pr, "numStart")) is not None and value.isdigit():
            return int(value)
    return 1


def block(notes: list[Note]) -> list[str]:
    """The lines of a footnote block: a separator rule, then one line a note."""
    return [SEPARATOR, *(f"{note.mark} {note.text}" for note in notes)]
