"""The cover of a UN document, from the top of its first page: the masthead (United Nations,
the organ, the symbol at the top right, the distribution and the date), the session and agenda
item at the left, the document's type ("Resolution adopted by the General Assembly ...",
"Italy: draft resolution") and its title, set bold above the body. The cover ends where the
body starts: the first line in the body's size and weight in the text column that is no cover
field, or the first heading with a chapter or paragraph label."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assembler.corpus.readers.pdf_chars import Page, Segment
from assembler.text.symbols import is_symbol, normalise_symbol

_DISTRIBUTION = re.compile(r"^(?:Distr\.?:?|Original:|Provisional$|Limited$|General$)")
_DATE = re.compile(r"^(?:[A-Z][a-z]+day,\s+)?(?P<date>\d{1,2}\s+[A-Z][a-z]+\s+\d{4})(?:,\s+\S.*)?$")
_SESSION = re.compile(r"^(?P<ordinal>[A-Z][a-z]+(?:-[a-z]+)?)\s+(?:session|year)$")
_AGENDA = re.compile(r"^(?:Provisional\s+)?(?:Agenda\s+items?|Items?)\s+(?P<item>\S.*)$")
_MEETING = re.compile(r"^\d+(?:st|nd|rd|th)\s+meeting$")
_MASTHEAD = re.compile(r"^United\s+Nations$")
# A heading or paragraph label opening the body: "I. Introduction", "A. ...", "1. ...".
_BODY_LABEL = re.compile(r"^(?:[IVX]+|[A-Z]|\d{1,3})\.\s")
_RESOLUTION_NUMBER = re.compile(r"^\d{1,3}/\d{1,4}\s*\.\s*")

_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip


def ordinal(words: str) -> int | None:
    """ "Seventy-eighth" -> 78, "Eightieth" -> 80, "Fifth" -> 5; None for anything else."""
    words = words.lower()
    if words in _UNITS:
        return _UNITS[words]
    tens = {f"{name[:-1]}ieth": value for name, value in _TENS.items()}
    if words in tens:
        return tens[words]
    head, _, tail = words.partition("-")
    if head in _TENS and tail in _UNITS and _UNITS[tail] < 10:
        return _TENS[head] + _UNITS[tail]
    return None


@dataclass
class Cover:
    segments: set[int] = field(default_factory=set)  # id() of the cover's segments
    meta: dict[str, str] = field(default_factory=dict)
    rest: int = 0  # characters of cover lines that are no field (masthead, distribution)


def _is_field(text: str) -> bool:
    return bool(
        _DISTRIBUTION.match(text)
        or _DATE.match(text)
        or _SESSION.match(text)
        or _AGENDA.match(text)
        or _MEETING.match(text)
        or _MASTHEAD.match(text)
        or is_symbol(text.rstrip("*"))
        or (text.startswith("[") and text.endswith("]"))
    )


def _opens_body(segment: Segment, page: Page, body: float) -> bool:
    text = segment.text
    if _BODY_LABEL.match(text):
        return True
    return (
        segment.share("bold") < 0.5
        and abs(segment.size - body) <= max(0.6, body * 0.1)
        and segment.x0 < page.width * 0.45
        and not _is_field(text)
    )


def read_cover(page: Page, body: float) -> Cover:
    cover = Cover()
    segments = page.segments
    end = next((i for i, s in enumerate(segments) if _opens_body(s, page, body)), len(segments))
    head = segments[:end]
    if not head or end == len(segments):
        return cover  # no cover: the page is all text (an excerpt, a continuation)
    cover.segments = {id(s) for s in head}
    meta = cover.meta
    # The title: the last run of bold lines (body size or a little larger) after the cover's
    # fields and before the body; the bold lines before it, below the agenda item, say what
    # kind of document this is. (A letter's cover ends with its agenda items: no title.)
    last_field = max((i for i, s in enumerate(head) if _is_field(s.text)), default=-1)
    bold_lines = [
        i
        for i, s in enumerate(head)
        if i > last_field and s.share("bold") >= 0.5 and body - 0.6 <= s.size <= body * 1.6
    ]
    title: list[Segment] = []
    if bold_lines:
        last = bold_lines[-1]
        run = [last]
        while run[0] - 1 in bold_lines and head[run[0] - 1].size == head[last].size:
            run.insert(0, run[0] - 1)
        title = [head[i] for i in run]
    taken: set[int] = {id(s) for s in title}
    if title:
        meta["title"] = _RESOLUTION_NUMBER.sub("", " ".join(s.text for s in title))
    organ = max(
        (s for s in head if s.share("bold") >= 0.5 and s.size > body * 1.6),
        key=lambda s: s.size,
        default=None,
    )
    if organ is not None:
        meta["body"] = organ.text
        taken.add(id(organ))
    kind: list[str] = []
    after_agenda = 0  # 1: the agenda item's title comes next; 2: what the document is
    for segment in head:
        text = segment.text
        bold = segment.share("bold") >= 0.5
        if id(segment) in taken:
            continue
        if "symbol" not in meta and is_symbol(text.rstrip("*")):
            meta["symbol"] = normalise_symbol(text.rstrip("*"))
        elif "dates" not in meta and (match := _DATE.match(text)):
            meta["dates"] = match["date"]
        elif "session" not in meta and (match := _SESSION.match(text)):
            number = ordinal(match["ordinal"])
            if number is not None and text.endswith("session"):
                meta["session"] = str(number)
            else:
                cover.rest += len(text.replace(" ", ""))  # "Fifty-seventh year": no session
        elif "agenda_item" not in meta and (match := _AGENDA.match(text)):
            meta["agenda_item"] = match["item"].rstrip("*")
            after_agenda = 1
        elif after_agenda == 1 and bold:
            meta["agenda_title"] = text
            after_agenda = 2
        elif after_agenda and (bold or (text.startswith("[") and kind)):
            kind.append(text)
            after_agenda = 2
        else:
            cover.rest += len(text.replace(" ", ""))
    if kind:
        meta["report_type"] = " ".join(kind)
    return cover
