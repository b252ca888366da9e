"""Splicing one concept into the text of its glossary file, keeping everything a person wrote:
comments, key order, quoting and indentation.

The concept's lines are cut out of the file, loaded with ruamel.yaml's round trip, brought in
line with the changed concept (only what differs is touched), dumped in the file's own layout
and put back; every other byte of the file stays as it was. edit.py plans with these splices,
checks what they give, and writes.
"""

from __future__ import annotations

import dataclasses
import difflib
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from assembler.errors import AssemblerError
from assembler.glossary.model import TERM_FIELDS, TERM_KEYS, Concept, Term
from assembler.glossary.store import CONCEPT_KEYS, INDENT, TOP_KEY, parse_yaml
from assembler.yamlpos import Seq

# Long definitions stay on one line: folding them would make every edit a multi-line diff.
WIDTH = 4096


def roundtrip_yaml() -> YAML:
    """A ruamel.yaml instance that keeps comments, key order and quoting, for edits (one per
    use: YAML objects hold parser state)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(**INDENT)
    return yaml


# -- the YAML side: bring a ruamel tree in line with a concept ---------------------------------
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


def _flow_seq(words: Sequence[str]) -> CommentedSeq:
    seq = CommentedSeq(words)
    seq.fa.set_flow_style()
    return seq


def _sync_term(node: CommentedMap, old: Term | None, new: Term) -> None:
    """Bring a term's mapping in line with `new` (a new term's mapping, when `old` is None).
    A context rule is a one-line list, `not_before: [稳定团, 经共体]`."""
    for field in TERM_FIELDS:
        was = "" if old is None else field.value(old)
        now = field.value(new)
        if field.kind == "context" and now and now != was:
            _set(node, field.key, _flow_seq(field.words(new)), TERM_KEYS)
            continue
        _sync_field(node, field.key, was, now, TERM_KEYS, field.default)


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
