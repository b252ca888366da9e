"""The corpus's document model: paragraph-level records and per-document metadata.

Everything downstream (glossary scans, pack resolution, writers) reads these types; the JSON
forms written by `store.py` are their field-by-field images, so field order here is the order
a reader sees in the committed `.jsonl` files.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["heading", "paragraph"]

# The corpus's languages. A UN document is one document in every language, with the same
# paragraph numbers: its language versions share its id and are aligned by paragraph number.
# Chinese is the corpus's own language (its records keep the plain file names).
LANGUAGES = ("zh", "en")
BASE_LANGUAGE = "zh"


def version_name(doc_id: str, lang: str) -> str:
    """How messages name a document's version: its id, and the language if not the base."""
    return doc_id if lang == BASE_LANGUAGE else f"{doc_id} ({lang})"


@dataclass(frozen=True)
class Item:
    """A lettered or numbered sub-item inside a paragraph: "(a)" or "1.". `group` is the
    unnumbered heading the item stands under in a grouped list (recommendations 1.-26. under
    group headings), empty otherwise; the records leave it out when empty."""

    label: str
    text: str
    group: str = ""


@dataclass(frozen=True)
class Note:
    """A footnote. `item` is None when the mark stood in the record's text, else the label of
    the item it stood in; `offset` is the character position in that text where the mark was
    removed (None for notes whose mark was not found in the text)."""

    mark: str
    text: str
    item: str | None = None
    offset: int | None = None


@dataclass(frozen=True)
class Record:
    """One block of a document in reading order: a heading or a paragraph."""

    doc: str
    lang: str
    seq: int
    kind: Kind
    level: int | None
    label: str | None
    para: str | None
    path: tuple[str, ...]
    text: str
    items: tuple[Item, ...] = ()
    notes: tuple[Note, ...] = ()
    refs: tuple[str, ...] = ()
    source: str = ""
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourceInfo:
    """One raw input file of a document."""

    name: str
    sha256: str
    chars: int
    role: str  # "base" (its reading is the default) or "witness" (compared against the base)


@dataclass(frozen=True)
class Difference:
    """Where a source's reading of a record differs from the final record.

    `final` is the span of the final text at `offset` and `other` what the source has there;
    replacing one by the other rebuilds the source's reading, so nothing a source said is lost.
    """

    key: str  # "para 24", "heading 二", "item 21(c)", "note 39/1", "record 115"
    source: str
    kind: str  # omitted | added | doubled | replaced | missing-record | extra-record
    offset: int
    final: str
    other: str
    field: str = "text"  # "text", "item (a)", "note 1"
    resolution: str = ""


@dataclass(frozen=True)
class DateRange:
    start: str  # ISO date
    end: str


@dataclass(frozen=True)
class DocumentMeta:
    """What is known about a document as a whole. Unknown fields stay empty: never guessed."""

    id: str
    lang: str
    symbol: str = ""
    title: str = ""
    body: str = ""
    session: int | None = None
    session_text: str = ""
    dates: DateRange | None = None
    dates_text: str = ""
    venue: str = ""
    agenda_item: str = ""
    agenda_title: str = ""
    report_type: str = ""
    summary_heading: str = ""
    front_matter: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    refs: tuple[str, ...] = ()
    sources: tuple[SourceInfo, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)
    differences: tuple[Difference, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    meta: DocumentMeta
    records: tuple[Record, ...]

    @property
    def paragraphs(self) -> tuple[Record, ...]:
        return tuple(r for r in self.records if r.para is not None)

    @property
    def headings(self) -> tuple[Record, ...]:
        return tuple(r for r in self.records if r.kind == "heading")
