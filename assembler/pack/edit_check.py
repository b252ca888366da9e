"""Validation of an edited spec, as errors at the field they concern.

The command line reports a spec's first problem with its file, line and column (spec.py); a
form shows every problem beside the input it belongs to, so here each pydantic error becomes a
`FieldError` whose `field` is the dotted YAML path (`sections.2.select.0`), in the words of
spec.py's messages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from assembler import yamlpos
from assembler.errors import AssemblerError
from assembler.pack.spec import LoadedSpec, PackSpec, _describe, _where


@dataclass(frozen=True)
class FieldError:
    """One problem of a spec: `field` is its dotted YAML path ("" for the whole file)."""

    field: str
    message: str
    hint: str | None = None
    line: int | None = None
    column: int | None = None


def dotted(where: yamlpos.PathKey) -> str:
    return ".".join(str(part) for part in where)


def _located(exc: ValidationError) -> dict[yamlpos.PathKey, ErrorDetails]:
    """The errors worth showing, by place: a union reports one error per branch at one place
    (the first is the one written for people, or the per-language mapping's), and a failing
    element fails its container's checks too (only the innermost place counts)."""
    located: dict[yamlpos.PathKey, ErrorDetails] = {}
    for error in exc.errors(include_url=False):
        where = _where(error["loc"])
        if isinstance(error["input"], dict) and any("Texts" in str(p) for p in error["loc"]):
            located[where] = error
        else:
            located.setdefault(where, error)
    for where in list(located):
        if any(other[: len(where)] == where and other != where for other in located):
            del located[where]
    return located


def _from_assembler_error(exc: AssemblerError, source: yamlpos.Positioned | None) -> FieldError:
    """An error that names a line (a resolution problem): the field is the deepest path that
    starts on or before that line, so the form shows it at the pick it concerns."""
    field = ""
    if source is not None and exc.line is not None:
        here = (exc.line, exc.column or 0)
        best: tuple[tuple[int, int], int] | None = None
        for path, position in source.positions.items():
            if position <= here and (best is None or (position, len(path)) >= best):
                best = (position, len(path))
                field = dotted(path)
    return FieldError(field, exc.message, exc.hint, exc.line, exc.column)


Check = Callable[[LoadedSpec], None]


def check_text(text: str, path: Path, check: Check | None = None) -> tuple[FieldError, ...]:
    """Every problem of the spec `text` (empty when it is valid): YAML syntax, the schema, then
    `check` (e.g. resolution against the corpus), which raises AssemblerError."""
    try:
        source = yamlpos.load(text, path)
    except AssemblerError as exc:
        return (FieldError("", exc.message, exc.hint, exc.line, exc.column),)
    if not isinstance(source.data, dict):
        return (FieldError("", "a pack spec is a mapping of keys (title, meeting, sections, ...)"),)
    try:
        spec = PackSpec.model_validate(source.data)
    except ValidationError as exc:
        problems = []
        for where, error in _located(exc).items():
            message, hint = _describe(error)
            line, column = source.where(where) or (None, None)
            problems.append(FieldError(dotted(where), message, hint, line, column))
        return tuple(problems)
    if check is not None:
        try:
            check(LoadedSpec(spec=spec, path=path, source=source))
        except AssemblerError as exc:
            return (_from_assembler_error(exc, source),)
    return ()
