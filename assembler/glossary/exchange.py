"""Exchange with CAT tools: pick a format, read a whole file, plan an import, write it; the
services behind `glossary export` (export_bytes) and `glossary import` (import_file).

An import is planned completely before anything is written: the file is read and checked,
the imported concepts are checked on their own (errors point into the imported file), then
together with the glossary they join, and the new text of every glossary file is made and
read back. Only a plan that passes all of this is written, one file at a time, atomically.
import_glossary plans and writes under the glossary folder's lock (edit.writing), so that an
import and a `glossary add` (or another import) at the same time cannot undo each other.
UNTERM records (unterm.py) are merged into the concepts that share their terms instead, and
written through the same plan (import_unterm).

Where imported concepts go (the files are edited with splice.py's splices, as `glossary
add/edit` do):
- a concept whose id is new is appended to the `--into` file (default: the glossary folder's
  `<name of the imported file>.yaml`), which is created when missing;
- a concept equal to the one the glossary already has is left alone (re-importing an export
  changes nothing);
- a concept whose id exists with different content is a conflict, unless `replace` is set:
  then it replaces the old one where it stands, in its own file. Only the lines of the
  replaced concepts change (and within them, only what changed); the rest of each file
  (comments, layout, other concepts) stays byte for byte as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from assembler.errors import AssemblerError
from assembler.glossary import csvio, edit, splice, tbx, tbx_read, tbx_write, unterm
from assembler.glossary.model import Concept, Glossary, Place
from assembler.glossary.store import (
    SUFFIX,
    dump_concepts,
    glossary_files,
    load_glossary,
    read_concepts,
    read_text,
)
from assembler.glossary.validate import GlossaryError, Problem, validate

FORMATS: dict[str, str] = {
    "tbx": tbx.V3.label,
    "tbx2": tbx.V2.label,
    "csv": "CSV (UTF-8 with BOM, one row per term)",
    "unterm": "UNTERM records (API JSON or SKOS/Turtle), merged into matching concepts",
}
# What the glossary can be written as (UNTERM is read only).
EXPORT_FORMATS: tuple[str, ...] = ("tbx", "tbx2", "csv")
SUFFIX_FORMATS = {".csv": "csv", ".tbx": "tbx", ".xml": "tbx"}
REFUSED = "nothing imported"


# -- formats --------------------------------------------------------------------------------
def export_format(requested: str | None, output: Path | None) -> str:
    """The format asked for, else the one the output's suffix names, else TBX v3."""
    if requested:
        return requested
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), "tbx")
    return "tbx"


def export_bytes(glossary: Glossary, fmt: str) -> bytes:
    if fmt == "csv":
        return csvio.write_csv(glossary)
    return tbx_write.write_tbx(glossary, tbx.V2 if fmt == "tbx2" else tbx.V3)


def read_file(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise AssemblerError("no such file", path=path, hint="check the path") from exc
    except IsADirectoryError as exc:
        raise AssemblerError("a folder, not a file", path=path) from exc
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise AssemblerError("the file is empty", path=path, hint="export the glossary again")
    return data


def _looks_like_xml(data: bytes) -> bool:
    return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")


def read_glossary_file(data: bytes, path: Path, fmt: str = "auto") -> tuple[str, Glossary]:
    """The format found (when `fmt` is auto) and the glossary the data holds."""
    if fmt == "csv" or (fmt == "auto" and not _looks_like_xml(data)):
        if _looks_like_xml(data):
            raise AssemblerError(
                "this is XML, not CSV",
                path=path,
                line=1,
                hint="use --format auto (or tbx / tbx2)",
            )
        return "csv", csvio.read_csv(data, path)
    root = tbx_read.parse_xml(data, path)
    if fmt == "auto":
        fmt = "tbx2" if tbx.V2.local(root) == tbx.V2.root else "tbx"
    return fmt, tbx_read.glossary_from_xml(root, path, tbx.V2 if fmt == "tbx2" else tbx.V3)


# -- planning -------------------------------------------------------------------------------
@dataclass(frozen=True)
class FileEdit:
    change: edit.Change  # before/after text of one glossary file
    created: bool
    added: tuple[str, ...]
    replaced: tuple[str, ...]

    @property
    def path(self) -> Path:
        return self.change.path

    @property
    def text(self) -> str:
        return self.change.after


@dataclass(frozen=True)
class ImportPlan:
    source: Path
    edits: tuple[FileEdit, ...]
    unchanged: tuple[str, ...]

    @property
    def added(self) -> int:
        return sum(len(file_edit.added) for file_edit in self.edits)

    @property
    def replaced(self) -> int:
        return sum(len(file_edit.replaced) for file_edit in self.edits)


def default_into(folder: Path, source: Path) -> Path:
    return folder / f"{source.stem}{SUFFIX}"


def _check_into(folder: Path, into: Path) -> None:
    if into.suffix != SUFFIX or into.resolve().parent != folder.resolve():
        raise AssemblerError(
            f"--into {into} is not a {SUFFIX} file directly in the glossary folder {folder}",
            hint=f"name a file such as {folder / ('imported' + SUFFIX)}",
        )


def _conflicts(changed: Sequence[tuple[Concept, Concept]]) -> GlossaryError:
    problems = []
    for new, old in changed:
        where = old.place or Place("<glossary>", 0)
        problems.append(
            Problem(
                new.place or Place("<import>", 0),
                f"concept {new.id!r} is already in the glossary ({where.file}:{where.line}) "
                "with other content",
                "pass --replace to replace it with the imported one, or give it another id",
            )
        )
    return GlossaryError(problems, action=REFUSED)


def _file_text(
    path: Path,
    current: Sequence[Concept],
    replacements: Mapping[str, Concept],
    additions: Sequence[Concept],
) -> tuple[str, str]:
    """The file's text now and with the replacements spliced in place and the additions
    appended (splice.py: every other line stays as it is), read back to check."""
    if path.exists():
        before = read_text(path)
        after = before
        for index, old in enumerate(current):
            if old.id in replacements:
                after = splice.splice_update(after, str(path), index, old, replacements[old.id])
        for concept in additions:
            after = splice.splice_append(after, str(path), concept)
    else:
        # A new file is all additions: one canonical dump instead of one splice per concept
        # (each splice re-reads the growing file).
        before, after = "", dump_concepts(additions)
    found, problems = read_concepts(after, str(path))
    expected = [replacements.get(c.id, c) for c in current] + list(additions)
    if problems or found != expected:
        raise AssemblerError(
            "the imported concepts cannot be written into this file's layout; nothing imported",
            path=path,
            hint="import into a new file with --into, or bring this file to the README layout",
        )
    return before, after


def plan_import(
    folder: Path,
    incoming: Glossary,
    source: Path,
    *,
    into: Path | None = None,
    replace: bool = False,
) -> ImportPlan:
    """Everything an import will write, checked; raises (and so writes nothing) on any
    problem with the imported concepts, with the glossary they join, or with the result."""
    if not incoming.concepts:
        raise AssemblerError(
            "the file holds no concepts", path=source, hint="export the glossary again"
        )
    problems = validate(incoming)
    if problems:
        raise GlossaryError(problems, action=REFUSED)
    existing = load_glossary(folder)
    into = into or default_into(folder, source)
    _check_into(folder, into)
    into = folder / into.name  # the same spelling as the paths the glossary was loaded from
    old = existing.by_id()
    changed = [(c, old[c.id]) for c in incoming.concepts if c.id in old and c != old[c.id]]
    if changed and not replace:
        raise _conflicts(changed)
    replacements = {new.id: new for new, _ in changed}
    additions = [c for c in incoming.concepts if c.id not in old]
    result = [replacements.get(c.id, c) for c in existing.concepts] + additions
    problems = validate(result)
    if problems:
        raise GlossaryError(problems, action=REFUSED)

    edits = []
    by_file: dict[str, list[Concept]] = {}
    for concept in existing.concepts:
        by_file.setdefault(concept.place.file if concept.place else "", []).append(concept)
    for path in sorted({*glossary_files(folder), into}):
        current = by_file.get(str(path), [])
        mine = {c.id: replacements[c.id] for c in current if c.id in replacements}
        added = additions if path == into else []
        if not mine and not added:
            continue
        before, after = _file_text(path, current, mine, added)
        summary = f"{len(added)} added, {len(mine)} replaced"
        change = edit.Change(path, before, after, summary, None)
        edits.append(FileEdit(change, not path.exists(), tuple(c.id for c in added), tuple(mine)))
    unchanged = tuple(c.id for c in incoming.concepts if c.id in old and c == old[c.id])
    return ImportPlan(source, tuple(edits), unchanged)


def apply_plan(plan: ImportPlan) -> None:
    """Write every planned file, atomically, unless one changed on disk since planning.
    import_glossary plans under the same lock instead, so that it never meets such a change."""
    if plan.edits:
        with edit.writing(plan.edits[0].path.parent):
            _apply(plan)


def _apply(plan: ImportPlan) -> None:
    for file_edit in plan.edits:
        edit.write_unlocked(file_edit.change)


def import_glossary(
    folder: Path,
    incoming: Glossary,
    source: Path,
    *,
    into: Path | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> ImportPlan:
    """Plan the import (plan_import) and, unless `dry_run`, write it; the plan that is written
    is made while the folder's lock is held."""
    if dry_run:
        return plan_import(folder, incoming, source, into=into, replace=replace)
    with edit.writing(folder):
        plan = plan_import(folder, incoming, source, into=into, replace=replace)
        _apply(plan)
    return plan


@dataclass(frozen=True)
class Imported:
    format: str  # the format the file was read as
    concepts: int  # concepts (UNTERM: records) the file holds
    plan: ImportPlan  # what was written (with dry_run: what would be)
    merge: unterm.Merge | None = None  # UNTERM: new, merged and conflicting records


def _unterm_plan(
    folder: Path, records: Sequence[unterm.Record], source: Path, into: Path | None
) -> tuple[unterm.Merge, ImportPlan]:
    merge = unterm.plan_merge(load_glossary(folder), records)
    if not merge.concepts:
        return merge, ImportPlan(source, (), merge.unchanged)
    plan = plan_import(folder, Glossary(merge.concepts), source, into=into, replace=True)
    return merge, plan


def import_unterm(
    folder: Path,
    records: Sequence[unterm.Record],
    source: Path,
    *,
    into: Path | None = None,
    dry_run: bool = False,
) -> tuple[unterm.Merge, ImportPlan]:
    """Merge UNTERM records into the glossary (unterm.plan_merge) and, unless `dry_run`,
    write the result; merged concepts are rewritten in place in their own files, new ones
    appended to `into`. Planned under the folder's lock, like import_glossary."""
    if dry_run:
        return _unterm_plan(folder, records, source, into)
    with edit.writing(folder):
        merge, plan = _unterm_plan(folder, records, source, into)
        _apply(plan)
    return merge, plan


def import_file(
    folder: Path,
    source: Path,
    fmt: str = "auto",
    *,
    into: Path | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> Imported:
    """The service behind `glossary import`: read `source` whole in `fmt` (auto: by its
    content), then import_glossary (UNTERM records: import_unterm, which merges; `replace`
    does not apply)."""
    data = read_file(source)
    if fmt == "unterm" or (fmt == "auto" and unterm.looks_like_unterm(data, source)):
        records = unterm.read_records(data, source)
        merge, plan = import_unterm(folder, records, source, into=into, dry_run=dry_run)
        return Imported("unterm", len(records), plan, merge)
    found, incoming = read_glossary_file(data, source, fmt)
    plan = import_glossary(folder, incoming, source, into=into, replace=replace, dry_run=dry_run)
    return Imported(found, len(incoming.concepts), plan)
