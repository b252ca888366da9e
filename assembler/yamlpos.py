"""YAML with positions: `yaml.safe_load` semantics, plus the line and column of every key and
value, so that validation errors in human-edited files can point at the place to fix.

Every YAML file the project reads (specs, sidecars, glossary files) goes through `guarded` first:
anchors and aliases are refused (a 500-byte "billion laughs" expands to gigabytes in anything that
walks the tree, and `&a [*a]` is a cycle; none of our files needs them) and nesting is bounded
(PyYAML composes recursively: deep nesting would end in a RecursionError)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from assembler.errors import AssemblerError

PathKey = tuple[str | int, ...]

MAX_DEPTH = 50  # our deepest file (a spec's select items) nests 6 levels
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
                yaml.SafeLoader("").construct_yaml_timestamp(node)
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


def load(text: str, path: str | Path) -> Positioned:
    """Parse `text` (the contents of `path`) safely; syntax errors name the file and line."""
    try:
        for _ in guarded(yaml.parse(text, Loader=_LOADER), path):
            pass
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise AssemblerError(
            f"invalid YAML: {exc.problem}",
            path=path,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="fix the syntax at that position (indentation, a missing colon or quote)",
        ) from exc
    except yaml.YAMLError as exc:
        raise AssemblerError(f"invalid YAML: {exc}", path=path) from exc
    except ValueError as exc:
        # A value that looks like a date but is none (2019-13-01): PyYAML's constructor
        # raises without a position, so find the scalar that fails.
        line, column = _bad_timestamp(yaml.compose(text, Loader=yaml.SafeLoader))
        raise AssemblerError(
            f"invalid date: {exc}",
            path=path,
            line=line,
            column=column,
            hint="write a real date as YYYY-MM-DD, or quote the value if it is not a date",
        ) from exc
    positions: dict[PathKey, tuple[int, int]] = {}
    if node is not None:
        _walk(node, (), positions)
    return Positioned(data=data, positions=positions)
