"""Edits to a pack spec's YAML file that keep what its author wrote: comments, key order,
quoting, flow lists and block notes. The file stays the source of truth; the web workspace's
forms are one more way to write it.

Each edit is a small frozen dataclass applied to ruamel.yaml's round-trip tree; `apply` runs a
sequence of them over a file's text and validates the result with the spec's own models
(edit_check), so an edit that would leave the spec invalid is refused with the problems at
their fields and the file keeps its last valid text. `edit_file` writes atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString
from ruamel.yaml.tokens import CommentToken

from assembler import atomic
from assembler.corpus.select import parse_ranges
from assembler.errors import AssemblerError
from assembler.pack.edit_check import Check, FieldError, check_text

# Long titles and notes stay on one line: folding them would make every edit a many-line diff.
WIDTH = 4096

# The top-level keys in the order the examples write them; a new key goes to its place.
TOP_ORDER = (
    "name", "title", "subtitle", "prepared_by", "date", "language", "script", "outputs",
    "missing", "meeting", "cite_as", "protect", "sections", "glossary",
)  # fmt: skip
MEETING_ORDER = (
    "from", "body", "session", "dates", "venue", "agenda_item", "agenda_title",
)  # fmt: skip
# Fields a form sets with one value (per-language texts take a language as a last part).
TEXT_FIELDS = frozenset({"title", "subtitle", "prepared_by"})
SCALAR_FIELDS = frozenset({"name", "date", "language", "script", "missing"})


class EditRefused(AssemblerError):
    """The edit would leave the spec invalid; the file is unchanged. `errors` are at fields."""

    def __init__(self, errors: Sequence[FieldError], path: Path | None = None) -> None:
        first = errors[0]
        super().__init__(
            first.message, path=path, line=first.line, column=first.column, hint=first.hint
        )
        self.errors = tuple(errors)


def roundtrip_yaml() -> YAML:
    """A ruamel.yaml instance in the examples' layout (one per use: it holds parser state)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


# -- the edits ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class PickSpec:
    """One pick as a form gives it: paragraphs (`15-20, 38`) or a heading (`二 A 2 (b)`)."""

    document: str
    paragraphs: str | None = None
    heading: str | None = None


@dataclass(frozen=True)
class SetField:
    """Set (or, with an empty value, remove) a cover or meeting field: ("title",),
    ("title", "en"), ("date",), ("meeting", "venue"), ("meeting", "dates", "start")."""

    field: tuple[str, ...]
    value: str


@dataclass(frozen=True)
class AddSection:
    heading: str
    note: str = ""
    picks: tuple[PickSpec, ...] = ()
    index: int | None = None  # None: at the end


@dataclass(frozen=True)
class RenameSection:
    section: int
    heading: str


@dataclass(frozen=True)
class RemoveSection:
    section: int


@dataclass(frozen=True)
class MoveSection:
    section: int
    to: int


@dataclass(frozen=True)
class SetNote:
    section: int
    note: str


@dataclass(frozen=True)
class AddPick:
    section: int
    pick: PickSpec


@dataclass(frozen=True)
class RemovePick:
    section: int
    pick: int


Edit = (
    SetField
    | AddSection
    | RenameSection
    | RemoveSection
    | MoveSection
    | SetNote
    | AddPick
    | RemovePick
)


# -- helpers on the ruamel tree ------------------------------------------------------------------
def _insert(node: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `key`; an existing key keeps its place and comments, a new one goes where `order`
    puts it among the keys present."""
    if key in node:
        node[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    later = [i for i, k in enumerate(node) if k in order and order.index(k) > rank]
    node.insert(later[0] if later else len(node), key, value)


# ruamel keeps the comment and blank lines that stand between two list items on the deepest last
# node of the item before them (a section's last pick). When that item goes, or an item comes
# after it, those lines must move so that they still stand before what they stood before.
def _tail(node: Any) -> tuple[Any, Any, int] | None:
    """Where the lines after `node` are kept: (container, key, slot) of its deepest end."""
    if isinstance(node, CommentedMap) and node:
        last = list(node)[-1]
        slot, index = node.ca.items.get(last), 2
    elif isinstance(node, CommentedSeq) and node:
        last = len(node) - 1
        slot, index = node.ca.items.get(last), 0
    else:
        return None
    deeper = _tail(node[last])
    if deeper is not None and _token(deeper) is not None:
        return deeper
    if slot and len(slot) > index and slot[index] is not None:
        return (node, last, index)
    return deeper or (node, last, index)


def _token(tail: tuple[Any, Any, int]) -> Any:
    node, key, index = tail
    slot = node.ca.items.get(key)
    return slot[index] if slot and len(slot) > index else None


def _ends_in_block(tail: tuple[Any, Any, int]) -> bool:
    # A block scalar (a note) ends with its own newline: the token then holds whole lines only.
    node, key, _ = tail
    return isinstance(node[key], LiteralScalarString | FoldedScalarString)


def _split(tail: tuple[Any, Any, int], token: Any) -> tuple[str, str]:
    """A trailing token's text as (the end of its line, the whole lines after it)."""
    value = str(token.value)
    if _ends_in_block(tail):
        return "", value
    head, newline, lines = value.partition("\n")
    return head + newline, lines


def _take_lines(node: Any) -> str:
    """Remove and return the whole lines after `node` (an end-of-line comment stays)."""
    tail = _tail(node)
    token = _token(tail) if tail is not None else None
    if tail is None or token is None:
        return ""
    head, lines = _split(tail, token)
    if head:
        token.value = head
    else:
        holder, key, index = tail
        holder.ca.items[key][index] = None
    return lines


def _add_lines(node: Any, lines: str) -> None:
    tail = _tail(node)
    if not lines or tail is None:
        return
    token = _token(tail)
    if token is not None:
        token.value = str(token.value) + lines
        return
    holder, key, index = tail
    slot: list[Any] = holder.ca.items.get(key) or ([None] * (4 if index == 2 else 2))
    text = lines if _ends_in_block(tail) else "\n" + lines
    slot[index] = CommentToken(text, CommentMark(0), None)
    holder.ca.items[key] = slot


def _blank_lines(node: Any) -> str:
    tail = _tail(node)
    token = _token(tail) if tail is not None else None
    lines = _split(tail, token)[1] if tail is not None and token is not None else ""
    return lines if not lines.strip() else ""


def _seq_insert(seq: CommentedSeq, index: int, item: Any) -> None:
    # An item brings no lines of its own (a moved section): it takes its neighbours' spacing.
    _take_lines(item)
    if index >= len(seq):
        spacing = _blank_lines(seq[-2]) if len(seq) >= 2 else ""
        lines = _take_lines(seq)
        seq.append(item)
        if len(seq) >= 2:
            _add_lines(seq[-2], spacing)
        _add_lines(seq, lines)
        return
    spacing = _blank_lines(seq[index - 1] if index > 0 else seq[index])
    seq.insert(index, item)
    _add_lines(item, spacing)


def _seq_delete(seq: CommentedSeq, index: int) -> str:
    """Delete item `index`; returns the lines that stood after the list if it is now empty."""
    if index == len(seq) - 1:
        lines = _take_lines(seq)
        del seq[index]
        if not seq:
            return lines
        _take_lines(seq)
        _add_lines(seq, lines)
        return ""
    del seq[index]
    return ""


def _sections(doc: CommentedMap) -> CommentedSeq:
    sections = doc.get("sections")
    if not isinstance(sections, CommentedSeq):
        raise AssemblerError("the spec has no `sections` list", hint="add `sections:`")
    return sections


def _section(doc: CommentedMap, index: int) -> CommentedMap:
    sections = _sections(doc)
    if not 0 <= index < len(sections) or not isinstance(sections[index], CommentedMap):
        raise AssemblerError(f"there is no section {index + 1}", hint="reload the page")
    section: CommentedMap = sections[index]
    return section


def _clean(text: str) -> str:
    # Forms send CRLF; a note's trailing spaces would force quoting.
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


def _note_value(text: str) -> Any:
    """A note as a literal block (`note: |`), as the examples write them, so a later edit of
    one line is a one-line diff."""
    return LiteralScalarString(text + "\n")


def _scalar(field: tuple[str, ...], value: str) -> Any:
    """The YAML value of a form's text: dates as dates, a session as a number."""
    if field[-1] in ("date", "start", "end"):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # the spec's validation names the field and what it expects
    if field == ("meeting", "session") and value.isdigit():
        return int(value)
    return value


def _covered(existing: str, wanted: str) -> bool:
    try:
        have, want = parse_ranges(existing), parse_ranges(wanted)
    except AssemblerError:
        return False
    return all(any(lo <= a and b <= hi for lo, hi in have) for a, b in want)


def _paragraphs_value(text: str) -> Any:
    # `- DOC: 115` as the examples write a single paragraph, not `- DOC: '115'`.
    return int(text) if text.isdigit() else text


def _pick_node(pick: PickSpec) -> CommentedMap:
    node = CommentedMap()
    if pick.paragraphs is not None:
        node[pick.document] = _paragraphs_value(_clean(pick.paragraphs))
    else:
        node["document"] = pick.document
        node["heading"] = _clean(pick.heading or "")
    return node


def _add_pick(section: CommentedMap, pick: PickSpec) -> None:
    select = section.get("select")
    if not isinstance(select, CommentedSeq):
        lines = _take_lines(section)
        select = CommentedSeq([_pick_node(pick)])
        _insert(section, "select", select, ("heading", "note", "select"))
        _add_lines(section, lines)
        return
    if pick.paragraphs is not None:
        wanted = _clean(pick.paragraphs)
        # A paragraph of a document the section already takes joins that pick: `- DOC: 1-8, 12`.
        for item in select:
            if isinstance(item, CommentedMap) and list(item) == [pick.document]:
                have = str(item[pick.document])
                if not _covered(have, wanted):
                    item[pick.document] = f"{have}, {wanted}"
                return
    elif any(
        isinstance(item, CommentedMap)
        and item.get("document") == pick.document
        and " ".join(str(item.get("heading", "")).split()) == " ".join((pick.heading or "").split())
        for item in select
    ):
        return
    _seq_insert(select, len(select), _pick_node(pick))


def _set_field(doc: CommentedMap, edit: SetField) -> None:
    field, value = edit.field, _clean(edit.value)
    if field[0] == "meeting":
        if len(field) < 2 or field[1] not in MEETING_ORDER:
            raise AssemblerError(f"unknown meeting field {'.'.join(field)}")
        meeting = doc.get("meeting")
        if not isinstance(meeting, CommentedMap):
            if not value:
                return
            meeting = CommentedMap()
            _insert(doc, "meeting", meeting, TOP_ORDER)
        order: tuple[str, ...] = MEETING_ORDER
        node, key = meeting, field[1]
        if field[1] == "dates" and len(field) == 3:
            dates = meeting.get("dates")
            if not isinstance(dates, CommentedMap):
                if not value:
                    return
                dates = CommentedMap()
                _insert(meeting, "dates", dates, MEETING_ORDER)
            node, key, order = dates, field[2], ("start", "end")
    elif field[0] in TEXT_FIELDS and len(field) == 2 and field[1] in ("zh", "en"):
        current = doc.get(field[0])
        if not isinstance(current, CommentedMap):
            current = CommentedMap({"zh": current} if isinstance(current, str) else {})
            _insert(doc, field[0], current, TOP_ORDER)
        node, key, order = current, field[1], ("zh", "en")
    elif len(field) == 1 and (field[0] in TEXT_FIELDS or field[0] in SCALAR_FIELDS):
        node, key, order = doc, field[0], TOP_ORDER
    else:
        raise AssemblerError(f"not an editable field: {'.'.join(field)}")
    if value:
        _insert(node, key, _scalar(field, value), order)
    else:
        node.pop(key, None)


def _apply_one(doc: CommentedMap, edit: Edit) -> None:
    match edit:
        case SetField():
            _set_field(doc, edit)
        case AddSection(heading=heading, note=note, picks=picks, index=index):
            section = CommentedMap()
            section["heading"] = _clean(heading)
            if _clean(note):
                section["note"] = _note_value(_clean(note))
            for pick in picks:
                _add_pick(section, pick)
            sections = _sections(doc)
            _seq_insert(sections, len(sections) if index is None else index, section)
        case RenameSection(section=index, heading=heading):
            _section(doc, index)["heading"] = _clean(heading)
        case RemoveSection(section=index):
            _section(doc, index)
            _seq_delete(_sections(doc), index)
        case MoveSection(section=index, to=to):
            item = _section(doc, index)
            sections = _sections(doc)
            _seq_delete(sections, index)
            _seq_insert(sections, max(0, min(to, len(sections))), item)
        case SetNote(section=index, note=note):
            section = _section(doc, index)
            if _clean(note):
                _insert(section, "note", _note_value(_clean(note)), ("heading", "note", "select"))
            else:
                section.pop("note", None)
        case AddPick(section=index, pick=pick):
            _add_pick(_section(doc, index), pick)
        case RemovePick(section=index, pick=pick_index):
            section = _section(doc, index)
            select = section.get("select")
            if not isinstance(select, CommentedSeq) or not 0 <= pick_index < len(select):
                raise AssemblerError(f"there is no pick {pick_index + 1}", hint="reload the page")
            lines = _seq_delete(select, pick_index)
            if not select:
                # A note-only section: no `select: []` left behind.
                del section["select"]
                _add_lines(section, lines)


# -- text in, text out ---------------------------------------------------------------------------
def load_document(text: str, path: Path) -> CommentedMap:
    try:
        doc = roundtrip_yaml().load(text)
    except YAMLError as exc:
        raise AssemblerError(f"cannot edit the spec: {exc}", path=path) from exc
    if not isinstance(doc, CommentedMap):
        raise AssemblerError("a pack spec is a mapping of keys", path=path, line=1)
    return doc


def dump_document(doc: CommentedMap) -> str:
    stream = io.StringIO()
    roundtrip_yaml().dump(doc, stream)
    return stream.getvalue()


def apply(text: str, edits: Sequence[Edit], path: Path, check: Check | None = None) -> str:
    """`text` with `edits` made, or EditRefused with the problems at their fields."""
    doc = load_document(text, path)
    try:
        for edit in edits:
            _apply_one(doc, edit)
    except AssemblerError as exc:
        raise EditRefused([FieldError("", exc.message, exc.hint)], path) from exc
    after = dump_document(doc)
    errors = check_text(after, path, check)
    if errors:
        raise EditRefused(errors, path)
    return after


def edit_file(path: Path, edits: Sequence[Edit], check: Check | None = None) -> str:
    """Make `edits` to the spec file at `path` and write it atomically; returns the new text.
    The caller serialises edits of one file (a read-modify-write)."""
    after = apply(path.read_text(encoding="utf-8"), edits, path, check)
    atomic.write_text(path, after)
    return after


_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


def new_spec_text(name: str, title: str, first: AddSection) -> str:
    """The text of a new spec: a comment saying how to build it, the cover, one section."""
    if not _NAME.match(name):
        raise EditRefused(
            [FieldError("name", "a spec name is ASCII letters, digits, `.`, `-`, `_`")]
        )
    head = (
        "# Briefing pack made in the assembler workspace.\n"
        f"# Build it with:  assembler build packs/{name}.yaml\n"
        f"name: {name}\n"
        "title: untitled\n"
        "language: zh\n"
        "script: hans\n"
        "outputs: [docx, pdf]\n"
        "\n"
        "sections: []\n"
    )
    doc = load_document(head, Path(f"{name}.yaml"))
    doc["title"] = _clean(title)
    sections = CommentedSeq()
    doc["sections"] = sections
    _apply_one(doc, first)
    text = dump_document(doc)
    errors = check_text(text, Path(f"{name}.yaml"))
    if errors:
        raise EditRefused(errors)
    return text


def create_file(path: Path, title: str, first: AddSection, check: Check | None = None) -> str:
    """A new spec at `path` (refused if a file is there already), written atomically."""
    if path.exists():
        raise EditRefused([FieldError("name", f"{path.name} exists already")], path)
    text = new_spec_text(path.stem, title, first)
    errors = check_text(text, path, check)
    if errors:
        raise EditRefused(errors, path)
    atomic.write_text(path, text)
    return text
