"""Several sources of one document -> one reading that loses nothing any source has.

Records align by what the UN keeps stable across copies: the paragraph number, the heading's
place in the outline, the position of unnumbered text under its heading. Within a record the
base source's text is compared character by character (whitespace ignored) with each other
source: text only one source has is kept (a copy that drops characters at a page break never
wins), characters a witness repeats ("的的") are dropped, different wording keeps the base's and
reports the other's. Every difference is returned with the span it concerns, so each source's
own reading can be rebuilt from the final text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import TypeVar

from assembler.corpus.model import Difference, Item, Note, Record
from assembler.text.cjk import non_space


@dataclass(frozen=True)
class SourceRecords:
    name: str
    records: tuple[Record, ...]


@dataclass(frozen=True)
class _Change:
    """One difference in a merge: at `offset` the final text has `final`, `source` has `other`."""

    source: str
    kind: str
    offset: int
    final: str
    other: str
    resolution: str


def record_key(record: Record, ordinal: int = 0) -> str:
    if record.para is not None:
        return f"para {record.para}"
    place = "/".join(record.path)
    if record.kind == "heading":
        return f"heading {place + '/' if place else ''}{record.label or record.text}"
    return f"text {place}#{ordinal}"


def keyed(records: Iterable[Record]) -> dict[str, Record]:
    out: dict[str, Record] = {}
    counts: dict[tuple[str, ...], int] = {}
    for record in records:
        ordinal = 0
        if record.para is None and record.kind == "paragraph":
            ordinal = counts.get(record.path, 0) + 1
            counts[record.path] = ordinal
        out[record_key(record, ordinal)] = record
    return out


_TOKEN = re.compile(r"(\s*)(\S)")


def _tokens(text: str) -> list[tuple[str, str]]:
    """(whitespace before, character) for each non-space character."""
    # `\s` is str.isspace in the regex engine: one C call instead of a loop over characters.
    return _TOKEN.findall(text)


def _doubled(chars: Sequence[str], start: int, end: int) -> bool:
    size = end - start
    run = list(chars[start:end])
    return list(chars[max(start - size, 0) : start]) == run or list(chars[end : end + size]) == run


def merge_text(base: str, other: str, base_name: str, other_name: str) -> tuple[str, list[_Change]]:
    if non_space(base) == non_space(other):
        # Copies agree on most records. SequenceMatcher would find one "equal" run, slowly, and
        # the merge would be the base's tokens, its spacing kept: the base, stripped.
        return base.strip(), []
    a, b = _tokens(base), _tokens(other)
    a_chars, b_chars = [c for _, c in a], [c for _, c in b]
    out: list[str] = []
    changes: list[_Change] = []
    length = 0

    def emit(tokens: Sequence[tuple[str, str]]) -> str:
        nonlocal length
        piece = "".join(space + char for space, char in tokens)
        if not out:
            piece = piece.lstrip()
        out.append(piece)
        length += len(piece)
        return piece

    matcher = SequenceMatcher(None, a_chars, b_chars, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            emit(a[i1:i2])
        elif op == "delete":
            # Base text is never dropped, even when it repeats its neighbour: Chinese has real
            # reduplication (常常, 看看), so only a witness's extra repetition counts as noise.
            start = length + len(a[i1][0]) if out else length
            piece = emit(a[i1:i2])
            changes.append(
                _Change(other_name, "omitted", start, non_space(piece), "", f"kept {base_name}")
            )
        elif op == "insert":
            if _doubled(b_chars, j1, j2):
                changes.append(
                    _Change(other_name, "doubled", length, "", "".join(b_chars[j1:j2]), "dropped")
                )
            else:
                start = length + len(b[j1][0]) if out else length
                piece = emit(b[j1:j2])
                changes.append(
                    _Change(base_name, "added", start, non_space(piece), "", f"took {other_name}")
                )
        else:
            start = length + len(a[i1][0]) if out else length
            piece = emit(a[i1:i2])
            changes.append(
                _Change(
                    other_name,
                    "replaced",
                    start,
                    non_space(piece),
                    "".join(b_chars[j1:j2]),
                    f"kept {base_name}",
                )
            )
    return "".join(out), changes


def _as_differences(key: str, field: str, changes: list[_Change]) -> list[Difference]:
    return [
        Difference(key, c.source, c.kind, c.offset, c.final, c.other, field, c.resolution)
        for c in changes
    ]


_Part = TypeVar("_Part", Item, Note)


def _part_name(part: Item | Note) -> str:
    return f"item {part.label}" if isinstance(part, Item) else f"note {part.mark}"


def _merge_parts(
    key: str, base: Sequence[_Part], other: Sequence[_Part], names: tuple[str, str]
) -> tuple[tuple[_Part, ...], list[Difference]]:
    """Items (by label) or footnotes (by mark) of one record in two sources."""
    diffs: list[Difference] = []
    theirs = {_part_name(p): p for p in other}
    merged: list[_Part] = []
    for part in base:
        name = _part_name(part)
        twin = theirs.pop(name, None)
        if twin is None:
            diffs.append(Difference(key, names[1], "omitted", 0, part.text, "", name, "kept"))
            merged.append(part)
            continue
        text, changes = merge_text(part.text, twin.text, *names)
        diffs += _as_differences(key, name, changes)
        merged.append(replace(part, text=text))
    for name, part in theirs.items():
        diffs.append(Difference(key, names[0], "added", 0, part.text, "", name, "took"))
        merged.append(part)
    return tuple(merged), diffs


def merge_record(
    key: str, base: Record, other: Record, names: tuple[str, str]
) -> tuple[Record, list[Difference]]:
    text, changes = merge_text(base.text, other.text, *names)
    diffs = _as_differences(key, "text", changes)
    items, item_diffs = _merge_parts(key, base.items, other.items, names)
    notes, note_diffs = _merge_parts(key, base.notes, other.notes, names)
    refs = tuple(dict.fromkeys(base.refs + other.refs))
    merged = replace(
        base,
        text=text,
        items=items,
        notes=notes,
        refs=refs,
        sources=(*base.sources, *other.sources),
    )
    return merged, diffs + item_diffs + note_diffs


def choose_base(sources: Sequence[SourceRecords]) -> SourceRecords:
    """The copy with the most text: extraction losses shorten a copy, they never lengthen it."""
    if len(sources) == 1:
        return sources[0]  # most documents: no text to weigh

    def weight(source: SourceRecords) -> int:
        return sum(
            len(non_space(r.text)) + sum(len(non_space(i.text)) for i in r.items)
            for r in source.records
        )

    return max(sources, key=lambda s: (weight(s), [-ord(c) for c in s.name]))


def _comparable(record: Record) -> str:
    return non_space(
        record.text + "".join(i.text for i in record.items) + "".join(n.text for n in record.notes)
    )


def common_share(base: SourceRecords, other: SourceRecords, enough: float = 1.0) -> float:
    """How much two sources have in common as reconciliation sees them: records aligned by key,
    characters matched as merge_text matches them, as a share of the shorter source (a copy
    that lost a chapter is still a copy). 1.0 for a second extraction of one document, near 0
    for another document whose paragraph numbers happen to be the same.

    The records both sources read alike are counted first: where they alone make `enough` of
    the shorter source, the others are not matched character by character (most of the cost)
    and that lower bound, at least `enough`, is returned."""
    ours, theirs = keyed(base.records), keyed(other.records)
    sizes = [sum(len(_comparable(r)) for r in side.values()) for side in (ours, theirs)]
    if min(sizes) == 0:
        return 1.0  # nothing in one of them that could be spliced into the other
    matched = 0
    differing: list[tuple[str, str]] = []
    for key, record in ours.items():
        twin = theirs.get(key)
        if twin is None:
            continue
        mine, yours = _comparable(record), _comparable(twin)
        if mine == yours:
            matched += len(mine)  # what SequenceMatcher would match, without its cost
        else:
            differing.append((mine, yours))
    if matched >= enough * min(sizes):
        return matched / min(sizes)
    for mine, yours in differing:
        matcher = SequenceMatcher(None, mine, yours, autojunk=False)
        matched += sum(block.size for block in matcher.get_matching_blocks())
    return matched / min(sizes)


def reconcile(sources: Sequence[SourceRecords]) -> tuple[list[Record], list[Difference]]:
    base = choose_base(sources)
    final = keyed(base.records)
    order = list(final)
    diffs: list[Difference] = []
    for other in sources:
        if other is base:
            continue
        theirs = keyed(other.records)
        for key in order:
            if key not in theirs:
                record = final[key]
                diffs.append(
                    Difference(
                        key, other.name, "record-missing", 0, record.text, "", "text", "kept"
                    )
                )
                continue
            final[key], found = merge_record(key, final[key], theirs[key], (base.name, other.name))
            diffs += found
        for position, key in enumerate(theirs):
            if key in final:
                continue
            before = list(theirs)[:position]
            anchor = max((order.index(k) for k in before if k in final), default=-1)
            order.insert(anchor + 1, key)
            final[key] = theirs[key]
            diffs.append(
                Difference(
                    key,
                    base.name,
                    "record-added",
                    0,
                    theirs[key].text,
                    "",
                    "text",
                    f"took {other.name}",
                )
            )
    return [final[key] for key in order], diffs
