"""Edits of the glossary files that keep everything a person wrote: comments, key order,
quoting and indentation.

An edit is planned first: the concept is changed as a model (pure functions below), then only
that concept's lines of its file are re-written and spliced back (splice.py); every other byte
of the file stays as it was. The planned text is read back and must give exactly the intended
concepts, and the whole glossary must still keep its rules; otherwise the edit is refused with
the reasons and nothing is written. Writing is atomic.

Commands change the glossary through add_concept, update_concept and remove_concept: each holds
the folder's lock (assembler.locking) from reading the glossary to writing the file, so two
commands at once both land, one after the other, instead of the later one overwriting the earlier
one's edit with a copy of the file it read before that edit.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from assembler import atomic, locking
from assembler.errors import AssemblerError
from assembler.glossary.model import Concept, Glossary, Term
from assembler.glossary.splice import splice_append, splice_remove, splice_update
from assembler.glossary.store import (
    SUFFIX,
    glossary_files,
    load_glossary,
    read_concepts,
    read_text,
)
from assembler.glossary.validate import GlossaryError, Problem, text_problems, validate


# -- the model side: pure changes of one concept ------------------------------------------------
def find_term(concept: Concept, text: str, lang: str | None = None) -> Term:
    """The term of `concept` with this text (in `lang` if given); an error lists its terms."""
    matches = [t for t in concept.terms if t.text == text and lang in (None, t.lang)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        langs = ", ".join(t.lang for t in matches)
        raise AssemblerError(
            f"{concept.id} has {text!r} in several languages ({langs})", hint="add --lang LANG"
        )
    listing = "; ".join(f"{t.lang} {t.text}" for t in concept.terms)
    raise AssemblerError(f"{concept.id} has no term {text!r}", hint=f"its terms: {listing}")


def add_term(concept: Concept, term: Term) -> Concept:
    """`term` after the last term of its language (a new language goes last)."""
    if any(t.lang == term.lang and t.text == term.text for t in concept.terms):
        raise AssemblerError(
            f"{concept.id} already has the {term.lang} term {term.text!r}",
            hint="change it with `glossary edit ID --term TEXT ...`",
        )
    last = max((i for i, t in enumerate(concept.terms) if t.lang == term.lang), default=None)
    at = len(concept.terms) if last is None else last + 1
    return dataclasses.replace(concept, terms=(*concept.terms[:at], term, *concept.terms[at:]))


def replace_term(concept: Concept, old: Term, new: Term) -> Concept:
    return dataclasses.replace(concept, terms=tuple(new if t is old else t for t in concept.terms))


def remove_term(concept: Concept, term: Term) -> Concept:
    return dataclasses.replace(concept, terms=tuple(t for t in concept.terms if t is not term))


# -- planning and writing -----------------------------------------------------------------------
@dataclass(frozen=True)
class Change:
    """A checked edit of one file, not yet written."""

    path: Path
    before: str
    after: str
    summary: str
    concept: Concept | None  # the concept as it will be (None once removed)

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.before.splitlines(keepends=True),
                self.after.splitlines(keepends=True),
                fromfile=str(self.path),
                tofile=str(self.path),
            )
        )


def _checked(glossary: Glossary, path: Path, after: str, expected: list[Concept]) -> list[Concept]:
    """The planned text must read back as exactly `expected`, and the glossary must keep its
    rules; otherwise the edit is refused. Returns the concepts read back (with their places)."""
    file = str(path)
    loaded, shape = read_concepts(after, file)
    if shape or loaded != expected:
        raise AssemblerError(
            "the edit cannot be made in this file's layout without changing other entries",
            path=path,
            hint="make this change by hand in the file",
        )
    others = [c for c in glossary.concepts if c.place is None or c.place.file != file]
    problems = validate([*others, *loaded])
    if problems:
        raise GlossaryError(problems, action="edit refused")
    return loaded


def _file_concepts(glossary: Glossary, path: Path) -> list[Concept]:
    return [c for c in glossary.concepts if c.place is not None and c.place.file == str(path)]


def _owner(glossary: Glossary, concept_id: str) -> tuple[Concept, Path]:
    concept = glossary.get(concept_id)
    if concept is None or concept.place is None:
        ids = [c.id for c in glossary.concepts]
        close = difflib.get_close_matches(concept_id, ids, n=3, cutoff=0.6)
        hint = f"did you mean {', '.join(close)}?" if close else "`glossary lookup` finds entries"
        raise AssemblerError(f"no concept {concept_id!r} in the glossary", hint=hint)
    return concept, Path(concept.place.file)


def plan_update(
    folder: Path, concept_id: str, change: Callable[[Concept], Concept], summary: str
) -> Change:
    """Change one concept with `change` (a pure function of the concept)."""
    glossary = load_glossary(folder)
    old, path = _owner(glossary, concept_id)
    new = change(old)
    refuse_unsafe_text(new, "edit refused")
    siblings = _file_concepts(glossary, path)
    index = next(i for i, c in enumerate(siblings) if c is old)
    before = read_text(path)
    after = splice_update(before, str(path), index, old, new)
    loaded = _checked(glossary, path, after, [new if c is old else c for c in siblings])
    return Change(path, before, after, summary, loaded[index])


def plan_remove(folder: Path, concept_id: str) -> Change:
    glossary = load_glossary(folder)
    old, path = _owner(glossary, concept_id)
    siblings = _file_concepts(glossary, path)
    before = read_text(path)
    index = next(i for i, c in enumerate(siblings) if c is old)
    after = splice_remove(before, str(path), index)
    _checked(glossary, path, after, [c for c in siblings if c is not old])
    return Change(path, before, after, f"removed {concept_id}", None)


def file_in(folder: Path, name: str) -> Path:
    """A file of the glossary folder by name, ".yaml" optional."""
    if Path(name).name != name or name in ("", ".", ".."):
        raise AssemblerError(
            f"{name!r}: name a file of the glossary folder, without a folder",
            hint=f"files live in {folder}; give a name such as entities.yaml",
        )
    return folder / (name if name.endswith(SUFFIX) else name + SUFFIX)


def default_file(folder: Path, glossary: Glossary, subject: str) -> Path:
    """Where a new concept goes: the file holding most concepts of its subject, else the only
    file there is."""
    if subject:
        counts: dict[str, int] = {}
        for concept in glossary.concepts:
            if concept.subject == subject and concept.place is not None:
                counts[concept.place.file] = counts.get(concept.place.file, 0) + 1
        if counts:
            return Path(max(counts, key=lambda f: (counts[f], f)))
    files = glossary_files(folder)
    if len(files) == 1:
        return files[0]
    names = ", ".join(p.name for p in files) or "none yet"
    raise AssemblerError(
        "which file should the new concept go in?",
        hint=f"add --file NAME (files in {folder}: {names})",
    )


def plan_add(folder: Path, concept: Concept, file: Path | None = None) -> Change:
    refuse_unsafe_text(concept, "add refused")
    glossary = load_glossary(folder)
    existing = glossary.get(concept.id)
    if existing is not None and existing.place is not None:
        raise GlossaryError(
            [
                Problem(
                    existing.place,
                    f"concept {concept.id!r} exists already",
                    f"choose another id, or change it with `glossary edit {concept.id} ...`",
                )
            ],
            action="add refused",
        )
    path = file or default_file(folder, glossary, concept.subject)
    before = read_text(path) if path.exists() else ""
    after = splice_append(before, str(path), concept)
    loaded = _checked(glossary, path, after, [*_file_concepts(glossary, path), concept])
    return Change(path, before, after, f"added {concept.id}", loaded[-1])


def refuse_unsafe_text(concept: Concept, action: str) -> None:
    """Refuse control and bidi characters (validate.text_problems) before the concept is
    spliced into its file: ruamel writes U+0085 so that it reads back as a space, and the
    refusal would then blame the file's layout instead of the character."""
    problems = text_problems(concept)
    if not problems:
        return
    if concept.place is not None:
        raise GlossaryError(problems, action=action)
    # A new concept has no file:line yet; "<glossary>:0" would only puzzle.
    if len(problems) == 1:
        raise AssemblerError(f"{action}: {problems[0].message}", hint=problems[0].hint)
    listing = "\n".join(f"  {p.message}" for p in problems)
    raise AssemblerError(f"{action}: {len(problems)} problems:\n{listing}", hint=problems[0].hint)


@contextmanager
def writing(folder: Path) -> Iterator[None]:
    """Hold the glossary folder's lock for a whole read-modify-write. Whatever a killed run left
    behind is cleared first: its temporary files are no other writer's while the lock is held."""
    glossary_files(folder)  # a missing folder is named as such, not as an unwritable lock file
    with locking.folder_lock(folder):
        atomic.remove_stale_temporaries(folder)
        yield


def write_unlocked(change: Change) -> None:
    """write() for a caller that holds the lock already (edit.writing)."""
    now = read_text(change.path) if change.path.exists() else ""
    if now != change.before:
        # Under the lock, only a writer that takes none gets here: a person saving the file in
        # an editor, or a caller of plan_* who wrote in between.
        raise AssemblerError(
            "the file changed on disk while the edit was being made; nothing written",
            path=change.path,
            hint="run the command again",
        )
    if change.after != change.before:
        atomic.write_text(change.path, change.after)


def write(change: Change) -> None:
    """Write a change planned earlier, unless its file changed on disk since it was planned.
    add_concept, update_concept and remove_concept plan and write under one lock instead, so
    that a concurrent edit never makes them fail."""
    with writing(change.path.parent):
        write_unlocked(change)


def _commit(folder: Path, plan: Callable[[], Change], dry_run: bool) -> Change:
    if dry_run:
        # A reader: no lock (every write is atomic), and a dry run works on a read-only folder.
        return plan()
    with writing(folder):
        # Planned inside the lock, from the glossary as the last writer left it: a plan made
        # before would write back a file without the edits made since it was read.
        change = plan()
        write_unlocked(change)
    return change


def add_concept(
    folder: Path, concept: Concept, file: Path | None = None, *, dry_run: bool = False
) -> Change:
    """Add `concept` to `file` (default: default_file), checked, and write it unless
    `dry_run`."""
    return _commit(folder, lambda: plan_add(folder, concept, file), dry_run)


def update_concept(
    folder: Path,
    concept_id: str,
    change: Callable[[Concept], Concept],
    summary: str,
    *,
    dry_run: bool = False,
) -> Change:
    """Change one concept with `change`, a pure function applied to the concept as it is on
    disk once the lock is held (not as it was when the caller looked)."""
    return _commit(folder, lambda: plan_update(folder, concept_id, change, summary), dry_run)


def remove_concept(folder: Path, concept_id: str, *, dry_run: bool = False) -> Change:
    return _commit(folder, lambda: plan_remove(folder, concept_id), dry_run)
