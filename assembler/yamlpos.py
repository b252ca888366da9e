"""The one YAML reader of the project: every YAML file it reads (specs, sidecars, glossary files)
is guarded and then built, by one walk over its events (`_Builder`), into a tree that knows where
each key and value stands, so that validation errors in human-edited files can point at the
place to fix.

`guarded` refuses anchors and aliases (a 500-byte "billion laughs" expands to gigabytes in
anything that walks the tree, and `&a [*a]` is a cycle; none of our files needs them) and bounds
nesting (building is recursive: deep nesting would end in a RecursionError).

The walk builds either of two views:
- `load`: `yaml.safe_load` semantics with the line and column of every key and value, for specs
  and sidecars. The events become PyYAML nodes as PyYAML's composer makes them, and PyYAML's
  SafeConstructor turns those into data: YAML 1.1 dates, numbers, booleans and null, merge keys
  and tags, and PyYAML's own messages for what it refuses. libyaml reads the whole file first
  (its syntax errors and the guard's refusals win); the nodes are then built from PyYAML's
  pure-Python parser, whose reading these files have always had (it refuses a tab where
  libyaml takes one as a space, and reads a bare "!" as null).
- `load_tree`: the glossary's stricter view, mappings and lists that know their lines (`Map`,
  `Seq`) with text keys, and plain scalars read as YAML 1.2's core schema (as ruamel.yaml, which
  edits the glossary, reads them), so that a number, boolean or date where text belongs can be
  named and the user told to quote it. It reads libyaml's events only and makes no nodes: a
  50,000-term glossary loads in about a second, where ruamel's pure-Python parser takes ~35 s.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, NoReturn, TypeVar

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from assembler.errors import AssemblerError

PathKey = tuple[str | int, ...]

MAX_DEPTH = 50  # our deepest file (a spec's select items) nests 6 levels
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refuse(event: yaml.Event, path: str | Path, message: str, hint: str) -> AssemblerError:
    mark: Any = event.start_mark
    return AssemblerError(
        message,
        path=path,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint=hint,
    )


def guarded(events: Iterator[yaml.Event], path: str | Path) -> Iterator[yaml.Event]:
    """`events` as they come, refusing anchors, aliases and nesting deeper than MAX_DEPTH."""
    depth = 0
    for event in events:
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _refuse(
                event,
                path,
                "YAML anchors and aliases (&name, *name) are not accepted here",
                "write the value out in full where it is needed",
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _refuse(
                    event,
                    path,
                    f"the YAML nests deeper than {MAX_DEPTH} levels",
                    "no assembler file needs this: check the brackets and indentation",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        yield event


def _line(event: yaml.Event) -> int:
    mark: Any = event.start_mark
    return int(mark.line) if mark else 0


def _syntax_error(exc: yaml.YAMLError, path: str | Path, hint: str) -> AssemblerError:
    if not isinstance(exc, yaml.MarkedYAMLError):
        return AssemblerError(f"invalid YAML: {exc}", path=path)
    mark = exc.problem_mark or exc.context_mark
    return AssemblerError(
        f"invalid YAML: {exc.problem or exc.context}",
        path=path,
        line=mark.line + 1 if mark else None,
        column=mark.column + 1 if mark else None,
        hint=hint,
    )


N = TypeVar("N")


class _Builder(ABC, Generic[N]):
    """One walk over the guarded events of a YAML stream; a view says what a scalar, a mapping
    and a sequence become (each reads its own events up to its end)."""

    def __init__(self, events: Iterator[yaml.Event], path: str | Path) -> None:
        self.events = guarded(events, path)
        self.path = path

    def document(self) -> N | None:
        """The stream's one document, None when it holds none."""
        found: N | None = None
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.another_document(event)
                found = self.node(next(self.events))
        return found

    def node(self, event: yaml.Event) -> N:
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event)
        if isinstance(event, yaml.MappingStartEvent):
            return self.mapping(event)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(event)
        # guarded() has refused aliases, the only other event that may stand for a node.
        self.fail(event, f"unexpected {type(event).__name__}")

    def fail(self, event: yaml.Event, message: str) -> NoReturn:
        raise AssemblerError(
            f"invalid YAML: {message}",
            path=self.path,
            line=_line(event) + 1,
            hint="fix the entry at that position",
        )

    @abstractmethod
    def another_document(self, event: yaml.DocumentStartEvent) -> NoReturn:
        """Refuse a second document in the stream."""

    @abstractmethod
    def scalar(self, event: yaml.ScalarEvent) -> N: ...

    @abstractmethod
    def mapping(self, start: yaml.MappingStartEvent) -> N: ...

    @abstractmethod
    def sequence(self, start: yaml.SequenceStartEvent) -> N: ...


# -- load: yaml.safe_load with positions -------------------------------------------------------
@dataclass(frozen=True)
class Positioned:
    data: Any
    positions: dict[PathKey, tuple[int, int]]  # path -> (line, column), 1-based

    def where(self, path: PathKey) -> tuple[int, int] | None:
        """The position of `path`, or of its nearest ancestor that has one."""
        for cut in range(len(path), -1, -1):
            found = self.positions.get(path[:cut])
            if found is not None:
                return found
        return None


def _marks(event: yaml.Event) -> tuple[Any, Any]:
    # types-PyYAML types libyaml's marks apart from PyYAML's; nodes take either.
    marks: Any = event
    return marks.start_mark, marks.end_mark


class _Composer(_Builder[yaml.Node]):
    """PyYAML's nodes, tagged by its resolver, as yaml.compose() makes them."""

    def __init__(self, text: str, path: str | Path) -> None:
        super().__init__(yaml.parse(text, Loader=yaml.SafeLoader), path)
        self.resolver: Any = Resolver()  # untyped in types-PyYAML

    def tag(self, event: Any, kind: type[yaml.Node], value: str | None) -> str:
        """The event's tag, or the one PyYAML resolves for an untagged node."""
        tag: str | None = event.tag
        if tag is None or tag == "!":
            resolved: str = self.resolver.resolve(kind, value, event.implicit)
            return resolved
        return tag

    def another_document(self, event: yaml.DocumentStartEvent) -> NoReturn:
        mark: Any = event.start_mark
        raise yaml.composer.ComposerError(
            "expected a single document in the stream", None, "but found another document", mark
        )

    def scalar(self, event: yaml.ScalarEvent) -> yaml.Node:
        tag = self.tag(event, yaml.ScalarNode, event.value)
        start, end = _marks(event)
        return yaml.ScalarNode(tag, event.value, start, end, event.style)

    def mapping(self, start: yaml.MappingStartEvent) -> yaml.Node:
        tag = self.tag(start, yaml.MappingNode, None)
        node = yaml.MappingNode(tag, [], _marks(start)[0], None, flow_style=start.flow_style)
        for event in self.events:
            if isinstance(event, yaml.MappingEndEvent):
                node.end_mark = event.end_mark
                return node
            key = self.node(event)
            node.value.append((key, self.node(next(self.events))))
        raise AssertionError("PyYAML ends every mapping it starts")

    def sequence(self, start: yaml.SequenceStartEvent) -> yaml.Node:
        tag = self.tag(start, yaml.SequenceNode, None)
        node = yaml.SequenceNode(tag, [], _marks(start)[0], None, flow_style=start.flow_style)
        for event in self.events:
            if isinstance(event, yaml.SequenceEndEvent):
                node.end_mark = event.end_mark
                return node
            node.value.append(self.node(event))
        raise AssertionError("PyYAML ends every sequence it starts")


def _walk(node: yaml.Node, path: PathKey, out: dict[PathKey, tuple[int, int]]) -> None:
    out.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value)
            out[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _walk(value_node, (*path, key), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _walk(child, (*path, index), out)


def _bad_timestamp(node: yaml.Node | None) -> tuple[int | None, int | None]:
    """The position of the first date-like scalar that is not a real date."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                SafeConstructor().construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line + 1, node.start_mark.column + 1
        return None, None
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    for child in children:
        found = _bad_timestamp(child)
        if found[0] is not None:
            return found
    return None, None


def load(text: str, path: str | Path) -> Positioned:
    """Parse `text` (the contents of `path`) safely; syntax errors name the file and line."""
    try:
        for _ in guarded(yaml.parse(text, Loader=_LOADER), path):
            pass
        node = _Composer(text, path).document()
        positions: dict[PathKey, tuple[int, int]] = {}
        if node is None:
            return Positioned(data=None, positions=positions)
        # Positions first: constructing a mapping with merge keys (<<) rewrites its node.
        _walk(node, (), positions)
        data = SafeConstructor().construct_document(node)
    except yaml.YAMLError as exc:
        raise _syntax_error(
            exc, path, "fix the syntax at that position (indentation, a missing colon or quote)"
        ) from exc
    except ValueError as exc:
        # A value that looks like a date but is none (2019-13-01): PyYAML's constructor
        # raises without a position, so find the scalar that fails.
        line, column = _bad_timestamp(_Composer(text, path).document())
        raise AssemblerError(
            f"invalid date: {exc}",
            path=path,
            line=line,
            column=column,
            hint="write a real date as YYYY-MM-DD, or quote the value if it is not a date",
        ) from exc
    return Positioned(data=data, positions=positions)


# -- load_tree: the glossary's view --------------------------------------------------------------
class Map(dict[str, Any]):
    """A YAML mapping with the 0-based line of itself, of each key and of each value."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}
        self.value_lines: dict[str, int] = {}


class Seq(list[Any]):
    """A YAML sequence with the 0-based line of itself and of each item."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


class Timestamp(str):
    """A plain scalar YAML reads as a date or time: not text for the glossary's purposes."""


# YAML 1.2 core schema, as ruamel reads plain scalars, plus 1.2 timestamps (ruamel reads those
# too): values that are not text, so `term: 2030` is caught and the user told to quote it.
_NULL = re.compile(r"~|null|Null|NULL")
_BOOL = re.compile(r"true|True|TRUE|false|False|FALSE")
_INT = re.compile(r"[-+]?[0-9][0-9_]*|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
)
# First characters of every plain scalar that may read as something other than text.
_MAY_NOT_BE_TEXT = frozenset("0123456789+-.~nNtTfF") | {""}
TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?")


def _plain_value(text: str) -> Any:
    if text[:1] not in _MAY_NOT_BE_TEXT:
        return text
    if text == "" or _NULL.fullmatch(text):
        return None
    if _BOOL.fullmatch(text):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return (
            int(text.replace("_", ""), 0)
            if text[:2] in ("0o", "0x")
            else int(text.replace("_", ""))
        )
    if _FLOAT.fullmatch(text):
        # YAML writes infinity and not-a-number as .inf and .nan, which float() does not read.
        return float(
            text.replace("_", "").replace(".", "", 1)
            if "n" in text.lower()
            else text.replace("_", "")
        )
    if TIMESTAMP.fullmatch(text):
        return Timestamp(text)
    return text


class _TreeBuilder(_Builder[Any]):
    """Map, Seq and scalars: text, or what a plain scalar reads as in YAML 1.2."""

    def __init__(self, text: str, path: str | Path, holder: str) -> None:
        super().__init__(yaml.parse(text, Loader=_LOADER), path)
        self.holder = holder

    def another_document(self, event: yaml.DocumentStartEvent) -> NoReturn:
        self.node(next(self.events))
        self.fail(event, f"{self.holder} holds one YAML document")

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        # Quoted and block scalars are text; so are explicitly tagged ones (nobody tags these).
        if event.style or event.tag is not None:
            return event.value
        return _plain_value(event.value)

    def mapping(self, start: yaml.MappingStartEvent) -> Map:
        node = Map(_line(start))
        for event in self.events:
            if isinstance(event, yaml.MappingEndEvent):
                return node
            key = self.node(event)
            if isinstance(key, Map | Seq):
                self.fail(event, "a key must be a plain word, not a mapping or list")
            key_text = str(key)
            if key_text in node:
                self.fail(event, f"duplicate key {key_text!r} in one mapping")
            value_event = next(self.events)
            node[key_text] = self.node(value_event)
            node.key_lines[key_text] = _line(event)
            node.value_lines[key_text] = _line(value_event)
        raise AssertionError("libyaml ends every mapping it starts")

    def sequence(self, start: yaml.SequenceStartEvent) -> Seq:
        node = Seq(_line(start))
        for event in self.events:
            if isinstance(event, yaml.SequenceEndEvent):
                return node
            node.append(self.node(event))
            node.item_lines.append(_line(event))
        raise AssertionError("libyaml ends every sequence it starts")


def load_tree(text: str, path: str | Path, *, holder: str) -> Any:
    """The tree (Map, Seq, scalars) of `text`, the contents of `path`; `holder` names such a
    file in the error for a second document ("a glossary file"). A syntax error names the
    file, line and column."""
    try:
        return _TreeBuilder(text, path, holder).document()
    except yaml.YAMLError as exc:
        raise _syntax_error(
            exc, path, "fix the syntax there (indentation, a missing colon, an unclosed quote)"
        ) from exc
