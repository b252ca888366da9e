"""Edits of the glossary files that keep everything a person wrote: comments, key order,
quoting and indentation.

An edit is planned first: the concept is changed as a model (pure functions below), then only
that concept's lines of its file are re-written, through ruamel.yaml's round trip, and spliced
back; every other byte of the file stays as it was. The planned text is read back and must give
exactly the intended concepts, and the whole glossary must still keep its rules; otherwise the
edit is refused with the reasons and nothing is written. Writing is atomic.

Commands change the glossary through add_concept, update_concept and remove_concept: each holds
the folder's lock (assembler.locking) from reading the glossary to writing the file, so two
commands at once both land, one after the other, instead of the later one overwriting the earlier
one's edit with a copy of the file it read before that edit.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from assembler import atomic, locking
from assembler.errors import AssemblerError
from assembler.glossary.model import TRADITIONAL_VARIANTS, Concept, Glossary, Term
from assembler.glossary.store import (
    CONCEPT_KEYS,
    DEFAULT_TYPE,
    INDENT,
    SUFFIX,
    TERM_KEYS,
    TOP_KEY,
    Seq,
    glossary_files,
    load_glossary,
    parse_yaml,
    read_concepts,
    read_text,
    roundtrip_yaml,
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


# -- the YAML side: bring a ruamel tree in line with a concept ----------------------------------
def _set(node: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set `key`, where the canonical order puts it if it is new; an existing key keeps its
    place and its comments."""
    if key in node:
        node[key] = value
        return
    rank = order.index(key) if key in order else len(order)
    later = [i for i, k in enumerate(node) if k in order and order.index(k) > rank]
    node.insert(later[0] if later else len(node), key, value)


def _sync_field(
    node: CommentedMap, key: str, old: str, new: str, order: Sequence[str], default: str = ""
) -> None:
    if old == new and (key in node or new == default):
        return
    if new == default:
        node.pop(key, None)
    else:
        _set(node, key, new, order)


def _sync_term(node: CommentedMap, old: Term | None, new: Term) -> None:
    before = old or Term("", new.lang, new.status, type=DEFAULT_TYPE)
    fields = (
        ("term", before.text, new.text, ""),
        ("status", "" if old is None else before.status, new.status, ""),
        ("type", before.type, new.type, DEFAULT_TYPE),
        ("note", before.note, new.note, ""),
        ("source", before.source, new.source, ""),
    )
    for key, was, now, default in fields:
        _sync_field(node, key, was, now, TERM_KEYS, default)
    was_forms, now_forms = dict(before.variants), dict(new.variants)
    for tag in TRADITIONAL_VARIANTS:
        _sync_field(node, tag, was_forms.get(tag, ""), now_forms.get(tag, ""), TERM_KEYS)


# ruamel keeps the comment lines between two list items on the last key of the item before
# them. When that item goes, or a new item comes after it, those lines must move so that they
# still stand before the item they introduce.
def _trailing_token(item: Any) -> tuple[str, Any] | None:
    if not isinstance(item, CommentedMap) or not item:
        return None
    last = list(item)[-1]
    slot = item.ca.items.get(last)
    token = slot[2] if slot and len(slot) > 2 else None
    return (last, token) if token is not None else None


def _take_comment_lines(item: Any) -> str:
    """Remove and return the whole-line comments after `item` (its end-of-line comment
    stays)."""
    found = _trailing_token(item)
    if found is None:
        return ""
    _, token = found
    head, newline, lines = str(token.value).partition("\n")
    token.value = head + newline
    return lines


def _add_comment_lines(item: CommentedMap, lines: str) -> None:
    found = _trailing_token(item)
    if found is not None:
        found[1].value = str(found[1].value) + lines
        return
    if item:
        token = CommentToken("\n" + lines, CommentMark(0), None)
        item.ca.items[list(item)[-1]] = [None, None, token, None]


def _add_comment_lines_before_first(parent: CommentedMap, key: str, lines: str) -> None:
    slot = parent.ca.items.get(key)
    token = slot[2] if slot and len(slot) > 2 else None
    if token is not None:
        token.value = str(token.value) + lines
    else:
        parent.ca.items[key] = [None, None, CommentToken("\n" + lines, CommentMark(0), None), None]


def _sync_language(
    parent: CommentedMap, lang: str, old: Sequence[Term], new: Sequence[Term]
) -> None:
    """Items matched by term text; an unmatched pair in the same place is one term changed
    (renamed, say), so its comments stay. Comment lines between items stay in front of the
    item they stood before."""
    seq: CommentedSeq = parent[lang]
    opcodes = difflib.SequenceMatcher(
        a=[t.text for t in old], b=[t.text for t in new], autojunk=False
    ).get_opcodes()
    # Right to left, so that earlier item indexes stay valid while items come and go.
    for tag, a0, a1, b0, b1 in reversed(opcodes):
        paired = min(a1 - a0, b1 - b0) if tag in ("equal", "replace") else 0
        for k in range(paired):
            _sync_term(seq[a0 + k], old[a0 + k], new[b0 + k])
        for index in range(a1 - 1, a0 + paired - 1, -1):
            lines = _take_comment_lines(seq[index])
            del seq[index]
            if not lines:
                continue
            if index > 0:
                _add_comment_lines(seq[index - 1], lines)
            else:
                _add_comment_lines_before_first(parent, lang, lines)
        at = a0 + paired
        added = [CommentedMap() for _ in range(b1 - b0 - paired)]
        if not added:
            continue
        lines = _take_comment_lines(seq[at - 1]) if at > 0 else ""
        for item, term in zip(added, new[b0 + paired : b1], strict=True):
            _sync_term(item, None, term)
        for item in reversed(added):
            seq.insert(at, item)
        if lines:
            _add_comment_lines(added[-1], lines)


def _sync_terms(node: CommentedMap, old: Concept, new: Concept) -> None:
    if old.terms == new.terms and "terms" in node:
        return
    if not new.terms:
        node.pop("terms", None)
        return
    if not isinstance(node.get("terms"), CommentedMap):
        _set(node, "terms", CommentedMap(), CONCEPT_KEYS)
    terms: CommentedMap = node["terms"]
    for lang in [lang for lang in terms if lang not in new.languages]:
        del terms[lang]
    for lang in new.languages:
        if not isinstance(terms.get(lang), CommentedSeq):
            terms[lang] = CommentedSeq()
        _sync_language(terms, lang, old.in_language(lang), new.in_language(lang))


def sync_concept(node: CommentedMap, old: Concept, new: Concept) -> None:
    """Change the ruamel tree of `old` into that of `new`, touching only what differs."""
    for key in ("id", "subject", "definition", "note"):
        _sync_field(node, key, getattr(old, key), getattr(new, key), CONCEPT_KEYS)
    if old.sources != new.sources or ("sources" in node) != bool(new.sources):
        if new.sources:
            _set(node, "sources", CommentedSeq(new.sources), CONCEPT_KEYS)
        else:
            node.pop("sources", None)
    _sync_terms(node, old, new)


# -- the text side: a concept's lines in its file ----------------------------------------------
@dataclass(frozen=True)
class Layout:
    """How a file indents: ruamel's mapping/sequence/offset, and the column of the "- " that
    starts each concept."""

    mapping: int
    sequence: int
    offset: int
    dash: int


def _lines(text: str) -> list[str]:
    """Lines with their ends, split at "\n" only, as YAML counts them (str.splitlines would
    also split at form feeds and other separators inside a value)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def concept_spans(text: str, file: str) -> list[tuple[int, int]]:
    """The [first, last) line range of each concept of a file: from its "- " line to its last
    line of content; comment and blank lines after it stay outside (they usually introduce the
    next concept)."""
    tree = parse_yaml(text, file)
    entries = tree.get(TOP_KEY) if isinstance(tree, dict) else None
    if not isinstance(entries, Seq):
        return []
    lines = _lines(text)
    starts = entries.item_lines
    spans = []
    for index, first in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        while end > first + 1 and _blank_or_comment(lines[end - 1]):
            end -= 1
        spans.append((first, end))
    return spans


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def detect_layout(lines: Sequence[str], span: tuple[int, int] | None) -> Layout:
    """The layout of a concept's lines, from its `terms:` key and its first language list;
    the README layout when there is nothing to go by."""
    default = Layout(INDENT["mapping"], INDENT["sequence"], INDENT["offset"], INDENT["offset"])
    if span is None:
        return default
    first, end = span
    dash = _indent(lines[first])
    body = [(i, ln) for i, ln in enumerate(lines[first:end]) if not _blank_or_comment(ln)]
    for k, (_, line) in enumerate(body[:-2]):
        if line.strip() != "terms:":
            continue
        key = _indent(line)
        lang_line = body[k + 1][1]
        item_line = body[k + 2][1]
        lang = _indent(lang_line)
        item_dash = _indent(item_line)
        after_dash = item_line[item_dash:]
        if not after_dash.startswith("-"):
            break
        content = item_dash + len(after_dash) - len(after_dash[1:].lstrip(" "))
        return Layout(lang - key, content - lang, item_dash - lang, dash)
    return dataclasses.replace(default, dash=dash)


def _render(node: CommentedMap, layout: Layout, newline: str) -> list[str]:
    """A concept's tree as lines of its file: dumped as a one-item list, shifted so that its
    "- " stands where the file's concepts have theirs."""
    yaml = roundtrip_yaml()
    sequence = max(layout.sequence, layout.offset + 2)
    yaml.indent(mapping=layout.mapping, sequence=sequence, offset=layout.offset)
    out = io.StringIO()
    yaml.dump(CommentedSeq([node]), out)
    shift = layout.dash - layout.offset
    lines = []
    for line in (ln.rstrip("\n") for ln in _lines(str(out.getvalue()))):
        if shift >= 0:
            shifted = " " * shift + line if line else line
        else:
            shifted = line[-shift:] if line[:-shift].strip() == "" else line
        lines.append(shifted + newline)
    return lines


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _concept_tree(lines: Sequence[str], span: tuple[int, int]) -> CommentedMap:
    first, end = span
    tree = roundtrip_yaml().load("".join(lines[first:end]))
    node = tree[0] if isinstance(tree, CommentedSeq) and len(tree) == 1 else None
    if not isinstance(node, CommentedMap):
        raise AssemblerError("this concept's layout cannot be edited in place", line=first + 1)
    return node


def splice_update(text: str, file: str, index: int, old: Concept, new: Concept) -> str:
    """`text` with concept number `index` (old) re-written as `new`."""
    lines = _lines(text)
    span = concept_spans(text, file)[index]
    node = _concept_tree(lines, span)
    sync_concept(node, old, new)
    rendered = _render(node, detect_layout(lines, span), _newline(text))
    return "".join([*lines[: span[0]], *rendered, *lines[span[1] :]])


_TOP_LINE = re.compile(rf"^{TOP_KEY}\s*:.*$", re.M)


def splice_append(text: str, file: str, concept: Concept) -> str:
    """`text` with `concept` after its last concept (before any comments that end the file)."""
    newline = _newline(text)
    lines = _lines(text)
    spans = concept_spans(text, file)
    node = CommentedMap()
    sync_concept(node, Concept(id=""), concept)
    layout = detect_layout(lines, spans[-1] if spans else None)
    rendered = _render(node, layout, newline)
    if spans:
        end = spans[-1][1]
        if lines and not lines[end - 1].endswith("\n"):
            lines[end - 1] += newline
        # Blank lines between concepts if the file has them (as the canonical layout does).
        between = lines[spans[-2][1] : spans[-1][0]] if len(spans) > 1 else [newline]
        gap = [newline] if any(not line.strip() for line in between) else []
        return "".join([*lines[:end], *gap, *rendered, *lines[end:]])
    # No concepts yet: `concepts: []`, `concepts:` or comments only.
    top = _TOP_LINE.search(text)
    if top is None:
        head = text if not text or text.endswith("\n") else text + newline
        return head + f"{TOP_KEY}:{newline}" + "".join(rendered)
    tail = text[top.end() :]
    return text[: top.start()] + f"{TOP_KEY}:{newline}" + "".join(rendered) + tail.lstrip("\r\n")


def splice_remove(text: str, file: str, index: int) -> str:
    """`text` without concept number `index`, and without one of the blank lines around it."""
    lines = _lines(text)
    first, end = concept_spans(text, file)[index]
    blank_before = first > 0 and not lines[first - 1].strip()
    blank_after = end < len(lines) and not lines[end].strip()
    # The blank line that set the concept apart goes with it: the one before, else after.
    if blank_before:
        first -= 1
    elif blank_after:
        end += 1
    return "".join([*lines[:first], *lines[end:]])


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
