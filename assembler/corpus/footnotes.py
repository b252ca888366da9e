"""Footnotes: find the footnote blocks in a source and the marks in the text that cite them,
and read a line without those marks.

A footnote block sits at the foot of the page whose text cites it, usually under a separator
rule. Its mark is either a star (*, **), a superscript, or a number from one running sequence
(1, 2, 3 ... through the document); in PDF extractions the number is fused into the text
("科索沃、1黑山", "整理。142008 年", "Kosovo,1 Montenegro"). Marks are therefore looked for only
on the page before their footnote, only where a footnote of that number exists, and in sequence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache

from assembler.corpus import layout
from assembler.corpus.layout import Language
from assembler.corpus.lines import Line


@dataclass
class FootnoteDef:
    mark: str  # as printed
    zone: int  # footnote blocks of one page share a zone number
    lines: list[Line] = field(default_factory=list)
    text_start: int = 0  # column in the first line where the note's text starts
    text: str = ""
    carried: list[int] = field(default_factory=list)  # lines it goes on at after a page break

    @property
    def label(self) -> str:
        return layout.label_of_mark(self.mark)

    @property
    def is_digit(self) -> bool:
        return self.label.isdigit() and not any(c in layout.SUPERSCRIPT_DIGITS for c in self.mark)

    def ended(self, language: Language) -> bool:
        """Whether the note's text is complete. An English note runs on until a sentence ends
        ("... in the context of Security Council" + "resolution 1244 (1999)."), whatever the
        line breaks say; a Chinese note also ends where the source marks a block end."""
        if not self.text:
            return False
        if language.spaced:
            return language.ends_sentence(self.text)
        return self.lines[-1].hard or language.ends_sentence(self.text)

    def cut(self, language: Language) -> bool:
        """Whether the note stops where it cannot end: inside a URL, or after a comma or an
        opening bracket. Its text then goes on after the page's end, before or under the next
        page's separator rule."""
        text = self.text.rstrip()
        if not text or language.ends_sentence(text):
            return False
        return layout.url_at_end(text) or text[-1] in "，、,(（-–"


@dataclass(frozen=True)
class Marker:
    line: int
    start: int
    end: int
    note: int  # index into the footnote list


@dataclass
class FootnoteLayout:
    notes: list[FootnoteDef]
    note_lines: set[int]  # line numbers that belong to footnote blocks
    markers: dict[int, list[Marker]]  # line number -> markers in that line, left to right
    unmatched: list[int]  # indices of notes whose mark was not found in the text


def unmarked(line: Line, markers: dict[int, list[Marker]], start: int | None = None) -> str:
    """The line's text from column `start` on, without the footnote marks fused into it: a
    mark after a sentence's final "。" must not make the sentence look like a heading, nor a
    mark in "秘书长的报告**" hide the report type."""
    found = markers.get(line.no)
    if found is None and start is None:
        return line.text  # most lines: no mark, and the text is stripped already
    start = line.start if start is None else start
    text = line.raw[start : line.end]
    for marker in reversed(found or []):
        if marker.start >= start:
            text = text[: marker.start - start] + text[marker.end - start :]
    return text.strip()


def _definition(line: Line, in_zone: bool, expected_digit: int | None) -> tuple[str, int] | None:
    """(mark, column where the note's text starts) if `line` opens a footnote. `expected_digit`
    is the next number of the running sequence, None before the source's first numbered note."""
    first = line.text[:1]
    if not first.isdigit() and first not in layout.STAR_MARKS:
        return None  # a mark is a star, a digit or a superscript digit (isdigit too)
    match = layout.FOOTNOTE_DEF.match(line.text)
    if match is None:
        return None
    mark, space, text = match["mark"], match["space"], match["text"]
    if not space and text:
        return None  # "1." or "2018年": a number glued to what follows is not a footnote mark
    if mark[0] in layout.STAR_MARKS or mark[0] in layout.SUPERSCRIPT_DIGITS:
        return mark, line.start + match.start("text")
    if expected_digit is None:
        # The first numbered note of a source is 1, unless the source starts in the middle of
        # the sequence (an excerpt, or an extraction that lost pages): then only a note that
        # stands under a separator rule, with its text after a space, may open the sequence.
        if int(mark) != 1 and not (in_zone and text):
            return None
    elif int(mark) != expected_digit:
        return None
    # Outside a block under a rule, a numbered note is set off by a wide gap or stands alone;
    # a wrapped line of text that happens to begin with a number has one space.
    if in_zone or len(space) >= 2 or not text:
        return mark, line.start + match.start("text")
    return None


def find_blocks(
    lines: list[Line], artefacts: dict[int, str], language: Language
) -> tuple[list[FootnoteDef], set[int]]:
    """The footnotes of a source in order, and the lines they occupy. URL lines inside an
    unfinished footnote are its text; `artefacts` loses them."""
    notes: list[FootnoteDef] = []
    note_lines: set[int] = set()
    in_zone = False
    zone = 0
    open_note: FootnoteDef | None = None
    carried: FootnoteDef | None = None  # a note cut at a page's end, waiting for its tail
    expected_digit: int | None = None
    for line in lines:
        reason = artefacts.get(line.no)
        if reason == "url" and open_note is not None and _url_goes_on(open_note, language):
            del artefacts[line.no]
            _extend(open_note, line, note_lines, language)
            continue
        if reason is not None:
            if open_note is not None and open_note.cut(language):
                carried = open_note
            if reason == "separator":
                in_zone, zone = True, zone + 1
            else:
                in_zone = False
            open_note = None
            continue
        opened = _definition(line, in_zone, expected_digit)
        if carried is not None and opened is None and not layout.starts_block(line.text):
            # The tail of a note cut at the end of the previous page: a URL's last part, the
            # end of a sentence. Left alone it would be read into the next paragraph's text.
            carried.carried.append(line.no)
            _extend(carried, line, note_lines, language)
            open_note, carried, in_zone = carried, None, True
            continue
        carried = None
        if opened is not None:
            if not in_zone:
                in_zone, zone = True, zone + 1
            mark, text_start = opened
            open_note = FootnoteDef(mark, zone, [line], text_start, line.raw[text_start : line.end])
            notes.append(open_note)
            note_lines.add(line.no)
            if open_note.is_digit:
                expected_digit = int(mark) + 1
        elif open_note is not None and (
            not open_note.ended(language)
            or (open_note.cut(language) and not layout.starts_block(line.text))
        ):
            _extend(open_note, line, note_lines, language)
        else:
            in_zone, open_note = False, None
    return notes, note_lines


def _extend(note: FootnoteDef, line: Line, note_lines: set[int], language: Language) -> None:
    note.lines.append(line)
    note.text = language.join_wrapped(note.text, line.text)
    note_lines.add(line.no)


def _url_goes_on(note: FootnoteDef, language: Language) -> bool:
    """Whether a URL line after `note` is part of it: the note has not ended, or (in a source
    that does not mark its wraps, where every line may end a block) its sentence has not."""
    return not note.ended(language) or not language.ends_sentence(note.text)


_DIGITS = re.compile(r"\d+")
_YEAR_AFTER_MARK = re.compile(r"(?:19|20)\d\d")


def _digit_runs(line: Line, previous: str, language: Language) -> list[tuple[int, int, str]]:
    """The runs of digits in `line` that may hold a fused numeric footnote mark: right after
    what the language lets a mark follow (a Chinese character or punctuation; an English word
    or closing punctuation), not inside a word, not a label opening the line. `previous` is
    the text the line continues (empty where a line break is a space, as in English). The
    same for every note looked for in the line, so found once per line (see find_markers)."""
    found: list[tuple[int, int, str]] = []
    raw = line.raw
    for match in _DIGITS.finditer(raw, line.start, line.end):
        start, end = match.span()
        before = raw[line.start : start] if start > line.start else previous
        if not language.mark_may_follow(before):
            continue
        if language.spaced and re.match(r"[A-Za-z0-9]", raw[end : end + 1]):
            continue  # "G20s", "COVID19b": part of a word, not a mark before a space or stop
        if start == line.start and layout.NUMBERED.match(line.text):
            continue  # the number of a paragraph or item opening the line ("1．..."): a label
        found.append((start, end, match.group()))
    return found


def _digit_candidates(
    line: Line, runs: list[tuple[int, int, str]], mark: str
) -> list[tuple[int, int]]:
    """Spans in `line` where numeric footnote `mark` may stand fused into the text, among the
    line's `runs` (see _digit_runs), and not the start of a number such as "1 700"."""
    found: list[tuple[int, int]] = []
    raw = line.raw
    for start, end, run in runs:
        after = raw[end : end + 4]
        if run == mark:
            if re.match(r" \d{3}", after):
                continue  # a thousands group: "，1 700 人"
            found.append((start, end))
        elif (
            run.startswith(mark)
            and _YEAR_AFTER_MARK.fullmatch(run[len(mark) :])
            and re.match(r"\s*年", raw[end : end + 3])
        ):
            found.append((start, start + len(mark)))  # "整理。142008 年": note 14, then 2008
    return found


@cache
def _mark_pattern(mark: str) -> re.Pattern[str]:
    # A mark is the whole run of its kind: "⁵" is not the end of "¹⁵", nor "*" part of "**".
    kind = layout.SUPERSCRIPT_DIGITS if mark[0] in layout.SUPERSCRIPT_DIGITS else mark[0]
    return re.compile(rf"(?<![{re.escape(kind)}]){re.escape(mark)}(?![{re.escape(kind)}])")


def _exact_candidates(line: Line, mark: str) -> list[tuple[int, int]]:
    if mark not in line.raw:
        return []  # as on most lines: the pattern needs the mark itself
    return [m.span() for m in _mark_pattern(mark).finditer(line.raw, line.start, line.end)]


def _star_variants(mark: str) -> list[str]:
    if mark[0] not in layout.STAR_MARKS:
        return [mark]
    return [star * len(mark) for star in layout.STAR_MARKS]


def find_markers(
    lines: list[Line], notes: list[FootnoteDef], body: set[int], language: Language
) -> FootnoteLayout:
    """Match each footnote to the mark that cites it in the body lines of its page."""
    markers: dict[int, list[Marker]] = {}
    unmatched: list[int] = []
    zone_first_line: dict[int, int] = {}
    for note in notes:
        zone_first_line.setdefault(note.zone, note.lines[0].no)
    body_lines = [line for line in lines if line.no in body]
    body_numbers = [line.no for line in body_lines]
    taken: set[tuple[int, int]] = set()
    runs: dict[tuple[int, str], list[tuple[int, int, str]]] = {}  # see _digit_runs
    floor = 0  # no mark may stand before an earlier mark's position in the same page
    previous_zone_end = 0
    for index, note in enumerate(notes):
        first = zone_first_line[note.zone]
        if index and notes[index - 1].zone != note.zone:
            previous_zone_end = notes[index - 1].lines[-1].no
            floor = 0
        # The body lines between the previous page's footnotes and this note's (body_lines are
        # in line order): found by bisection, as a scan for every note grew with the square.
        window = body_lines[
            bisect_right(body_numbers, previous_zone_end) : bisect_left(body_numbers, first)
        ]
        best: tuple[int, int, int] | None = None
        # Properties of the note, read once rather than for every line of its page.
        digit, label, variants = note.is_digit, note.label, _star_variants(note.mark)
        for position, line in enumerate(window):
            previous = ""
            if position and not language.spaced:
                previous = window[position - 1].raw[window[position - 1].end - 1]
            if digit:
                key = (line.no, previous)
                if key not in runs:
                    runs[key] = _digit_runs(line, previous, language)
                spans = _digit_candidates(line, runs[key], label)
            else:
                spans = [s for m in variants for s in _exact_candidates(line, m)]
            for start, end in spans:
                if (line.no, start) in taken or (line.no * 10_000 + start) < floor:
                    continue
                best = (line.no, start, end)  # the last candidate: nearest to its footnote
        if best is None:
            unmatched.append(index)
            continue
        line_no, start, end = best
        taken.add((line_no, start))
        floor = line_no * 10_000 + end
        markers.setdefault(line_no, []).append(Marker(line_no, start, end, index))
    for found in markers.values():
        found.sort(key=lambda m: m.start)
    note_lines = {line.no for note in notes for line in note.lines}
    return FootnoteLayout(notes, note_lines, markers, unmatched)
