"""What the segments of a UN document's pages are: page furniture (running headers, page
numbers, job numbers, barcodes), footnotes, and body lines in reading order, with the
footnote marks the body sets as raised small figures.

Furniture is found by position and repetition, not by one document's strings: walking in from
the top and the bottom edge of each page, a row is furniture while it has the form of a page
number, a job number or a barcode, or names a document symbol, or (at the top) repeats, digits
aside, at its place on other pages or is set smaller than the body, as running headers are.
The first row that is none of these ends the walk. Footnotes are the lines
below a short rule, set smaller than the body; each starts with its mark."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from assembler.corpus.readers.pdf_chars import Char, Page, Segment
from assembler.text.symbols import is_symbol

EDGE = 0.12  # the share of the page height at the top and the bottom where furniture stands
_PAGE_NUMBER = re.compile(r"^(?:Page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?$", re.IGNORECASE)
# "23-25985 (E) 100124", "V.19-01234 (C)", "12-27711*** (E) 170412": the job number, its
# language letter and the date it was processed.
_JOB_NUMBER = re.compile(r"^(?:[A-Z]{1,2}\.)?\d{2}-\d{5}\b")
_BARCODE = re.compile(r"^\*\d{5,}\*$")
_RULE = re.compile(r"^_{5,}$")
_MARK = re.compile(r"^(?:\d{1,3}|\*{1,3}|[a-z])$")


def digitless(text: str) -> str:
    """The text with its numbers as "#": a running header is the same on every page but for
    its page number."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


@dataclass
class Piece:
    """Text of a body line, or a footnote mark set raised and small."""

    text: str
    mark: bool = False


@dataclass
class BodyLine:
    segment: Segment  # the first of the row's segments
    pieces: list[Piece]
    left: float  # the text column's left edge on this page
    right: float
    x1: float  # where the row ends
    cells: int = 1  # segments of the row: more than one in a table row

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces).strip()


@dataclass
class Note:
    page: int
    mark: str
    text: str


@dataclass
class PageNotes:
    notes: list[Note] = field(default_factory=list)
    note_segments: set[int] = field(default_factory=set)
    rules: set[int] = field(default_factory=set)


def body_size(pages: list[Page]) -> float:
    """The size most characters of the document are set in."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for segment in page.segments:
            sizes[segment.size] += len(segment.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _furniture_reason(segment: Segment, text: str) -> str | None:
    if segment.share("barcode") > 0.5 or _BARCODE.match(text):
        return "barcode"
    if _JOB_NUMBER.match(text):
        return "job-number"
    if _PAGE_NUMBER.match(text):
        return "page-number"
    if is_symbol(text.rstrip("*")):
        return "running-header"
    return None


def find_furniture(pages: list[Page], body: float, claimed: set[int]) -> dict[int, str]:
    """id(segment) -> reason for the page furniture of every page (segments in `claimed`,
    the cover's, excepted). At the foot of a page only what has the form of furniture (a page
    number, a job number, a barcode, a symbol) is: footnotes stack up from the foot, so the
    last lines of notes on different pages stand at one place and may read alike."""
    seen: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for page in pages:
        for segment in page.segments:
            if segment.y > page.height * (1 - EDGE):
                seen[digitless(segment.text)].append((page.number, segment.y))
    found: dict[int, str] = {}
    for page in pages:
        top_walk = [s for s in page.segments if s.y > page.height * (1 - EDGE)]
        bottom_walk = [s for s in reversed(page.segments) if s.y < page.height * EDGE]
        for walk, at_top in ((top_walk, True), (bottom_walk, False)):
            for row in _rows(walk):
                reasons: dict[int, str] = {}
                for segment in row:
                    if id(segment) in claimed:
                        continue
                    reason = _furniture_reason(segment, segment.text)
                    if reason is None and _opens_note(segment):
                        reasons.clear()  # a footnote at the foot of the page: its text
                        break
                    if (
                        reason is None
                        and at_top
                        and (
                            _repeated(segment, page.number, seen)
                            or (page.number > 0 and segment.size < body - 0.4)
                        )
                    ):
                        reason = "running-header"
                    if reason is not None:
                        reasons[id(segment)] = reason
                if not reasons:
                    break  # the text of the page starts here
                # A stray mark beside the furniture of its row stays text.
                found.update(reasons)
    return found


def _repeated(segment: Segment, page: int, seen: defaultdict[str, list[tuple[int, float]]]) -> bool:
    """Whether the segment's text (page numbers aside) stands at about its place at the top of
    another page, as running headers do (a scan's pages drift a little)."""
    return any(
        other != page and abs(y - segment.y) <= segment.size * 2
        for other, y in seen[digitless(segment.text)]
    )


def _opens_note(segment: Segment) -> bool:
    """A line opening with a raised mark, or a footnote rule: never furniture."""
    found = pieces(segment)
    return bool(_RULE.match(segment.text) or (found and found[0].mark))


def _rows(segments: list[Segment]) -> list[list[Segment]]:
    """Segments in the order given, grouped by baseline."""
    rows: list[list[Segment]] = []
    for segment in segments:
        if rows and abs(rows[-1][0].y - segment.y) < segment.size * 0.5:
            rows[-1].append(segment)
        else:
            rows.append([segment])
    return rows


def _raised(char: Char, size: float, baseline: float) -> bool:
    """A footnote mark: smaller than the line's text and above its baseline."""
    return char.size < size * 0.85 and char.y > baseline + size * 0.15


def pieces(segment: Segment) -> list[Piece]:
    """The segment's text, its raised small figures or stars (footnote marks) as mark pieces
    glued to the word before them."""
    size, baseline = segment.size, segment.y
    found: list[Piece] = []
    for char in segment.chars:
        mark = _raised(char, size, baseline) and (char.text.isalnum() or char.text == "*")
        text = char.text
        if mark:
            text = text.lstrip()
            if found and not found[-1].mark:
                found[-1].text = found[-1].text.rstrip()
        if found and found[-1].mark == mark:
            found[-1].text += text
        elif mark or text.strip() or found:
            if found and found[-1].mark and text[:1].isalnum():
                text = " " + text  # "1the": the word after a mark stands apart from it
            found.append(Piece(text, mark))
    return found


def find_notes(page: Page, body: float, furniture: dict[int, str]) -> PageNotes:
    """The footnotes of a page: the lines under a short rule, smaller than the body text."""
    layout = PageNotes()
    segments = [s for s in page.segments if id(s) not in furniture]
    rule_at = next(
        (i for i, s in enumerate(segments) if _RULE.match(s.text) and s.x1 - s.x0 < page.width / 2),
        None,
    )
    if rule_at is None:
        return layout
    layout.rules.add(id(segments[rule_at]))
    current: Note | None = None
    zone = [s for s in segments[rule_at + 1 :] if s.size < body - 0.2]
    # Marks stand at the zone's left edge; a note's wrapped lines start further right.
    zone_left = min((s.x0 for s in zone), default=0.0)
    for segment in segments[rule_at + 1 :]:
        if segment.size >= body - 0.2:
            break
        layout.note_segments.add(id(segment))
        found = pieces(segment)
        text = "".join(p.text for p in found).strip()
        lead = found[0] if found else Piece("")
        if lead.mark and _MARK.match(lead.text.strip()):
            current = Note(page.number, lead.text.strip(), "".join(p.text for p in found[1:]))
            layout.notes.append(current)
        elif re.match(r"^(\d{1,3}|\*{1,3})(\s|$)", text) and segment.x0 <= zone_left + 1:
            mark, _, rest = text.partition(" ")
            current = Note(page.number, mark, rest)
            layout.notes.append(current)
        elif current is not None:
            current.text = _join(current.text, text)
        else:
            current = Note(page.number, "", text)
            layout.notes.append(current)
        current.text = current.text.strip()
    return layout


def _join(left: str, right: str) -> str:
    """Two lines of a note: a hyphen at the end of the first belongs to the word (a URL, a
    symbol, "Counter-" + "Terrorism")."""
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    if left.endswith("-") and not left[:-1].endswith(" "):
        return left + right
    return f"{left} {right}"


def columns(segments: list[Segment], width: float) -> list[Segment]:
    """Body segments in reading order. Where a page is set in two columns, the segments that
    span its middle (a heading, a table across the page) cut it into bands, and each band is
    read left column first."""
    middle = width / 2
    spanning = {id(s) for s in segments if s.x0 < middle - 6 and s.x1 > middle + 6}
    if len(spanning) > len(segments) * 0.5:
        return segments  # one column
    ordered: list[Segment] = []
    band: list[Segment] = []
    for segment in segments:
        if id(segment) in spanning:
            ordered += _band(band, middle)
            ordered.append(segment)
            band = []
        else:
            band.append(segment)
    return ordered + _band(band, middle)


def _band(band: list[Segment], middle: float) -> list[Segment]:
    left = [s for s in band if s.x1 <= middle + 6]
    right = [s for s in band if s.x1 > middle + 6]
    if len(left) < 3 or len(right) < 3:
        return band
    return left + right
