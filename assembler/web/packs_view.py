"""What the pack editor shows and what its forms mean: a spec's YAML read into rows for the
templates (cover fields, sections, picks), form fields turned into pack.edit edits, and the
problems of a refused edit placed at the input they concern."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedMap

from assembler.errors import AssemblerError
from assembler.pack.edit import (
    AddPick,
    AddSection,
    Edit,
    MoveSection,
    PickSpec,
    RemovePick,
    RemoveSection,
    RenameSection,
    SetField,
    SetNote,
)
from assembler.pack.edit_check import FieldError

# The cover and meeting inputs of the editor: (form name = dotted YAML path, msgid, kind).
COVER_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("title", "web.packs.field.title", "text"),
    ("subtitle", "web.packs.field.subtitle", "text"),
    ("prepared_by", "web.packs.field.prepared_by", "text"),
    ("date", "web.packs.field.date", "date"),
    ("language", "web.packs.field.language", "language"),
    ("script", "web.packs.field.script", "script"),
)
MEETING_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("meeting.from", "web.packs.field.meeting_from", "text"),
    ("meeting.body", "web.packs.field.body", "text"),
    ("meeting.session", "web.packs.field.session", "text"),
    ("meeting.dates.start", "web.packs.field.start", "date"),
    ("meeting.dates.end", "web.packs.field.end", "date"),
    ("meeting.venue", "web.packs.field.venue", "text"),
    ("meeting.agenda_item", "web.packs.field.agenda_item", "text"),
    ("meeting.agenda_title", "web.packs.field.agenda_title", "text"),
)
LANGUAGES = ("zh", "en", "zh+en")
SCRIPTS = ("hans", "hant", "hant-hk", "hant-tw-phrases")
FORMATS = ("docx", "pdf", "html")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).rstrip("\n")


def field_value(doc: CommentedMap, name: str) -> str:
    """The text of a dotted field in the YAML tree ("" when absent); a per-language text
    shows its languages as `zh / en` (its inputs are then per language: title.zh, title.en)."""
    node: Any = doc
    for part in name.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return ""
        node = node[part]
    if isinstance(node, Mapping):
        return " / ".join(_text(v) for v in node.values())
    return _text(node)


def per_language(doc: CommentedMap, name: str) -> bool:
    return "." not in name and isinstance(doc.get(name), Mapping)


@dataclass(frozen=True)
class PickRow:
    index: int
    document: str
    what: str  # "paragraphs 1-8", "heading 二 A 2 (b)", "search ..."
    kind: str  # paragraphs | heading | search | concept | document


@dataclass(frozen=True)
class SectionRow:
    index: int
    heading: str
    note: str
    picks: tuple[PickRow, ...]


def _pick_row(index: int, item: Any) -> PickRow:
    if isinstance(item, Mapping) and len(item) == 1:
        ((key, value),) = item.items()
        if key not in ("document", "search", "concept", "heading", "paragraphs"):
            return PickRow(index, str(key), str(value), "paragraphs")
    if not isinstance(item, Mapping):
        return PickRow(index, "", str(item), "document")
    document = str(item.get("document", ""))
    for kind in ("paragraphs", "heading", "search", "concept"):
        if kind in item:
            value = item[kind]
            shown = " ".join(str(v) for v in value) if isinstance(value, list) else str(value)
            return PickRow(index, document, shown, kind)
    return PickRow(index, document, "", "document")


def _plain(value: Any) -> str:
    if isinstance(value, Mapping):
        return " / ".join(_text(v) for v in value.values())
    return _text(value)


def section_rows(doc: CommentedMap) -> tuple[SectionRow, ...]:
    sections = doc.get("sections")
    rows = []
    for index, section in enumerate(sections if isinstance(sections, list) else []):
        if not isinstance(section, Mapping):
            continue
        select = section.get("select")
        picks = tuple(
            _pick_row(i, item) for i, item in enumerate(select if isinstance(select, list) else [])
        )
        rows.append(
            SectionRow(index, _plain(section.get("heading")), _plain(section.get("note")), picks)
        )
    return tuple(rows)


# -- forms -> edits ----------------------------------------------------------------------------
def _index(form: Mapping[str, str], name: str) -> int:
    try:
        return int(form.get(name, ""))
    except ValueError as exc:
        raise AssemblerError(f"`{name}` must be a number", hint="reload the page") from exc


def pick_from_form(form: Mapping[str, str], heading_field: str | None = "heading") -> PickSpec:
    """A pick from a form's `document` and `paragraph(s)` or heading (a form whose `heading`
    is a section's takes paragraphs only: heading_field=None)."""
    document = form.get("document", "").strip()
    paragraphs = form.get("paragraph", form.get("paragraphs", "")).strip()
    heading = form.get(heading_field, "").strip() if heading_field else ""
    if not document:
        raise AssemblerError("name the document of the pick", hint="choose a document")
    if bool(paragraphs) == bool(heading):
        raise AssemblerError(
            "give either paragraphs (like 1-8, 12) or a heading (like 二 A 2)",
            hint="fill in one of the two",
        )
    return PickSpec(document, paragraphs or None, heading or None)


def cover_edits(doc: CommentedMap, form: Mapping[str, str]) -> list[Edit]:
    """SetField edits for the cover and meeting inputs whose value the user changed (an
    untouched field keeps its YAML exactly, per-language texts included)."""
    edits: list[Edit] = []
    for name, _, _ in (*COVER_FIELDS, *MEETING_FIELDS):
        names = (f"{name}.zh", f"{name}.en") if per_language(doc, name) else (name,)
        for each in names:
            if each not in form:
                continue
            value = form[each].strip()
            if value != field_value(doc, each):
                edits.append(SetField(tuple(each.split(".")), value))
    return edits


def form_edits(doc: CommentedMap, action: str, form: Mapping[str, str]) -> list[Edit]:
    """The edits an editor form asks for."""
    match action:
        case "cover":
            return cover_edits(doc, form)
        case "section_add":
            wanted = form.get("document", "").strip()
            picks = (pick_from_form(form, heading_field=None),) if wanted else ()
            return [AddSection(form.get("heading", ""), form.get("note", ""), picks)]
        case "section_rename":
            return [RenameSection(_index(form, "section"), form.get("heading", ""))]
        case "section_remove":
            return [RemoveSection(_index(form, "section"))]
        case "section_move":
            return [MoveSection(_index(form, "section"), _index(form, "to"))]
        case "note":
            return [SetNote(_index(form, "section"), form.get("note", ""))]
        case "pick_add":
            return [AddPick(_index(form, "section"), pick_from_form(form))]
        case "pick_remove":
            return [RemovePick(_index(form, "section"), _index(form, "pick"))]
    raise AssemblerError(f"unknown editor action {action!r}", hint="reload the page")


# -- problems at their inputs --------------------------------------------------------------------
def slots(doc: CommentedMap) -> list[str]:
    """The places of the editor where a problem can be shown, as dotted paths."""
    names = [""]
    for name, _, _ in (*COVER_FIELDS, *MEETING_FIELDS):
        names.append(name)
        names.extend((f"{name}.zh", f"{name}.en"))
    names.extend(("sections", "sections.new", "outputs", "glossary", "missing", "name"))
    for row in section_rows(doc):
        base = f"sections.{row.index}"
        names.extend((base, f"{base}.heading", f"{base}.note", f"{base}.add"))
        names.extend(f"{base}.select.{pick.index}" for pick in row.picks)
    return names


def place_errors(
    doc: CommentedMap, errors: Sequence[FieldError], action: str, form: Mapping[str, str]
) -> dict[str, list[FieldError]]:
    """Each problem at the deepest editor place that contains its field. A problem of the
    pick or section being added (it is not in the file) goes to the form that added it."""
    rows = section_rows(doc)
    known = slots(doc)
    placed: dict[str, list[FieldError]] = {}
    for error in errors:
        field = error.field
        parts = field.split(".") if field else []
        if action == "section_add" and parts[:1] == ["sections"] and len(parts) > 1:
            if parts[1].isdigit() and int(parts[1]) >= len(rows):
                field = "sections.new"
        elif action == "pick_add" and len(parts) >= 4 and parts[2] == "select":
            section = int(parts[1]) if parts[1].isdigit() else -1
            count = len(rows[section].picks) if 0 <= section < len(rows) else 0
            if parts[3].isdigit() and int(parts[3]) >= count:
                field = f"sections.{parts[1]}.add"
        best = max(
            (s for s in known if s == field or (not s or field.startswith(s + "."))),
            key=len,
        )
        placed.setdefault(best, []).append(error)
    if action == "pick_add" and "" in placed and "section" in form:
        # A pick's own problem (bad paragraph numbers) before any YAML: at its form.
        placed.setdefault(f"sections.{form['section']}.add", []).extend(placed.pop(""))
    return placed
