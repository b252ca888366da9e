"""Lossless accounting: proof that every non-whitespace character of a source went somewhere.

Two checks. Coverage: the parser's ledger assigns every character of every line to exactly one
owner (a record's text, label, item or footnote mark; a footnote; a metadata field; or an
artefact dropped for a stated reason). Content: what the ledger gave a record is what the
record holds, up to the documented character repairs. After reconciliation, each source's
reading is rebuilt from the final records and the recorded differences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from assembler.corpus import layout
from assembler.corpus.model import Difference, Record
from assembler.corpus.parse import ParsedSource
from assembler.text.cjk import non_space, normalise_chars


@dataclass
class Account:
    source: str
    characters: int = 0
    by_owner: Counter[str] = field(default_factory=Counter)  # record | note | meta | drop:<reason>
    problems: list[str] = field(default_factory=list)


def _category(owner: str) -> str:
    kind = owner.split(":", 1)[0]
    return {"block": "record", "note": "note", "meta": "meta"}.get(kind, owner)


def account_source(parsed: ParsedSource, records: Sequence[Record]) -> Account:
    """`records` are this source's own records (before reconciliation), one per block."""
    account = Account(parsed.name)
    covered: dict[int, list[tuple[int, int, str]]] = {}
    for span in parsed.ledger:
        covered.setdefault(span.line, []).append((span.start, span.end, span.owner))
    for line in parsed.lines:
        account.characters += len(non_space(line.raw))
        spans = sorted(covered.get(line.no, []))
        position = 0
        for start, end, owner in spans:
            if start < position:
                account.problems.append(f"line {line.no}: columns {start}-{position} counted twice")
            if non_space(line.raw[position:start]):
                account.problems.append(
                    f"line {line.no}: {line.raw[position:start]!r} not accounted for"
                )
            account.by_owner[_category(owner)] += len(non_space(line.raw[start:end]))
            position = max(position, end)
        if non_space(line.raw[position:]):
            account.problems.append(f"line {line.no}: {line.raw[position:]!r} not accounted for")
    account.problems += _content_problems(parsed, records)
    return account


def _content_problems(parsed: ParsedSource, records: Sequence[Record]) -> list[str]:
    problems: list[str] = []
    given: dict[tuple[str, str], str] = {}
    for span in parsed.ledger:
        raw = parsed.line_text(span.line)[span.start : span.end]
        given[(span.owner, span.role)] = given.get((span.owner, span.role), "") + raw
    for block, record in zip(parsed.blocks, records, strict=True):
        owner = f"block:{block.index}"
        text = non_space(normalise_chars(given.get((owner, "text"), "")))
        if text != non_space(record.text):
            problems.append(f"record {record_name(record)}: text differs from its source lines")
        items = non_space(normalise_chars(given.get((owner, "item"), "")))
        if items != non_space("".join(i.text for i in record.items)):
            problems.append(f"record {record_name(record)}: items differ from their source lines")
        groups = non_space(normalise_chars(given.get((owner, "group"), "")))
        if groups != non_space("".join(_groups(record))):
            problems.append(f"record {record_name(record)}: item groups differ from their lines")
        marks = layout.label_of_mark(non_space(given.get((owner, "mark"), "")))
        if marks != "".join(n.mark for n in record.notes):
            problems.append(f"record {record_name(record)}: footnote marks {marks!r} != notes")
    for index, note in enumerate(parsed.note_defs):
        text = non_space(normalise_chars(given.get((f"note:{index}", "text"), "")))
        if text != non_space(normalise_chars(note.text)):
            problems.append(f"footnote {note.label}: text differs from its source lines")
    return problems


def _groups(record: Record) -> list[str]:
    """The group headings of a record's items, each once where it starts."""
    found: list[str] = []
    previous = ""
    for item in record.items:
        if item.group and item.group != previous:
            found.append(item.group)
        previous = item.group
    return found


def record_name(record: Record) -> str:
    if record.para is not None:
        return f"para {record.para}"
    return f"{record.kind} {'/'.join(record.path)} {record.label or record.text[:12]}"


def rebuild(final: str, differences: Sequence[Difference]) -> str:
    """A source's reading of one field: the final text with that source's differences undone."""
    text = final
    for diff in sorted(differences, key=lambda d: d.offset, reverse=True):
        span = text[diff.offset :]
        # Offsets count the final text as written; the span itself is stored without spaces.
        consumed = 0
        matched = 0
        while matched < len(diff.final) and consumed < len(span):
            if not span[consumed].isspace():
                matched += 1
            consumed += 1
        text = text[: diff.offset] + diff.other + span[consumed:]
    return text
