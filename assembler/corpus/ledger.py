"""The parser's ledger: where every character of a source went. Each span gives characters of
one line to one owner: a block's text, label, item or footnote mark, a footnote, a metadata
field, or nothing, dropped for a stated reason. `accounting` proves from it that nothing was
lost."""

from __future__ import annotations

from typing import NamedTuple

from assembler.corpus.footnotes import FootnoteDef
from assembler.corpus.lines import Line


class Span(NamedTuple):
    """Characters [start, end) of line `line` went to `owner` in the role `role`. A named
    tuple: a source makes one for nearly every line, and a frozen dataclass costs four times
    as much to make."""

    line: int
    start: int
    end: int
    owner: str  # "block:<n>", "meta:<field>", "note:<n>", "drop:<reason>"
    role: str


def set_aside(
    lines: list[Line], artefacts: dict[int, str], note_defs: list[FootnoteDef]
) -> list[Span]:
    """The spans of what is set aside before the text is read: page furniture, dropped for its
    reason (`artefacts`: line number -> reason), and the footnote blocks, each to its note."""
    ledger: list[Span] = []
    for line in lines:
        reason = artefacts.get(line.no)
        if reason is not None:
            ledger.append(Span(line.no, line.start, line.end, f"drop:{reason}", ""))
    for index, note in enumerate(note_defs):
        first = note.lines[0]
        ledger.append(Span(first.no, first.start, note.text_start, f"note:{index}", "mark"))
        ledger.append(Span(first.no, note.text_start, first.end, f"note:{index}", "text"))
        for line in note.lines[1:]:
            ledger.append(Span(line.no, line.start, line.end, f"note:{index}", "text"))
    return ledger
