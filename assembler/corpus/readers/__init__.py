"""Readers: a downloaded file -> the text the corpus parser reads, as pandoc's readers turn each
format into its one model. A reader uses what its format knows (a PDF's positions and fonts, a
Word file's styles, numbering and footnotes) to give clean text: one line per paragraph or
heading, page furniture removed and counted, footnotes in a block after their page, the cover
first. The parser (assembler.corpus.parse) then applies the same UN layout rules to every format,
and reconciliation, records and accounting do not know where the text came from.

READERS is the one table of formats: the suffix of a file in corpus/sources/ -> the module whose
`read(path: Path, data: bytes) -> Extraction` reads it. Modules are imported only when a file of
their kind is ingested (pypdfium2 and python-docx need not load for text sources)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

READERS: dict[str, str] = {
    ".txt": "assembler.corpus.readers.text",
    ".pdf": "assembler.corpus.readers.pdf",
    ".docx": "assembler.corpus.readers.docx",
}


@dataclass(frozen=True)
class Extraction:
    """What a reader made of one file."""

    text: str  # the text the parser reads (no control characters: see text.hygiene)
    # Characters the reader removed as page furniture, by reason ("running-header", "barcode",
    # "job-number", "page-number", ...): they join the document's `dropped` accounting.
    furniture: dict[str, int] = field(default_factory=dict)
    # What the file itself says of the document beyond its text (a PDF cover's symbol, date,
    # session, agenda item, title): sidecar field name -> value. A sidecar's value wins.
    meta: dict[str, str] = field(default_factory=dict)
    # Doubts about the reading, for the ingest summary and .meta.json (a poor text layer, ...).
    warnings: tuple[str, ...] = ()
    # The reader knows the blocks: every line is one paragraph or heading (wrapped lines
    # joined, a paragraph across a page break whole), and the cover is in `meta`, not in the
    # text. The parser then reads every line as a block of its own, from the first line on.
    lines_are_blocks: bool = False


Reader = Callable[[Path, bytes], Extraction]


def reader_for(path: Path) -> Reader | None:
    """The reader of `path`'s format, or None when no reader knows its suffix."""
    module = READERS.get(path.suffix.lower())
    if module is None:
        return None
    read: Reader = importlib.import_module(module).read
    return read


def readable(path: Path) -> bool:
    return path.suffix.lower() in READERS
