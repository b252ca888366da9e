"""Raw source files and their sidecars: reading a source (its bytes decoded by text.decode, its
control and bidi characters dropped and counted), and what a sidecar may say."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from assembler import yamlpos
from assembler.corpus.ids import id_problem
from assembler.corpus.readers import READERS, readable, reader_for
from assembler.errors import AssemblerError
from assembler.text.hygiene import describe, strip_unsafe, unsafe_positions
from assembler.text.symbols import is_symbol, normalise_symbol

SIDECAR_SUFFIX = ".meta.yaml"


class Sidecar(BaseModel):
    """What a source's text does not say. Every field is optional; unknown keys are errors.

    `lang` is the language of the source's text (detected from the text when not given). A
    translation names the document it translates by giving that document's `id`: sources in
    different languages with one id are the language versions of one document, aligned by
    paragraph number.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str | None = None
    symbol: str | None = None
    lang: Literal["zh", "en"] | None = None
    title: str | None = None
    body: str | None = None
    session: int | None = None
    date_start: str | None = None
    date_end: str | None = None
    venue: str | None = None
    agenda_item: str | None = None
    report_type: str | None = None
    note: str | None = None

    @field_validator("symbol")
    @classmethod
    def _symbol(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not is_symbol(value):
            raise ValueError(f"{value!r} is not a UN document symbol (e.g. E/CN.15/2007/9)")
        return normalise_symbol(value)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str | None) -> str | None:
        if value is None:
            return None
        problem = id_problem(value)
        if problem is not None:
            raise ValueError(problem)
        return value

    @field_validator(
        "title", "body", "date_start", "date_end", "venue", "agenda_item", "report_type", "note"
    )
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        # YAML escapes ("\e", "\x07") make control characters that the YAML reader would
        # refuse as raw bytes; these fields are printed and written to the records.
        if value is not None and (found := unsafe_positions(value)):
            raise ValueError(f"{describe(found[0][1])} is not allowed in a sidecar field")
        return value


@dataclass(frozen=True)
class Dropped:
    """Characters of one kind that ingest removed from a source (see text.hygiene)."""

    char: str  # as text.hygiene.describe names it: "U+001B", "U+202E RIGHT-TO-LEFT OVERRIDE"
    count: int
    first_line: int


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    sha256: str
    sidecar: Sidecar
    dropped: tuple[Dropped, ...] = ()
    # What the format's reader found besides the text (see assembler.corpus.readers).
    furniture: dict[str, int] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    lines_are_blocks: bool = False  # see readers.Extraction

    @property
    def name(self) -> str:
        return self.path.name


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def _line_of(text: str, offset: int) -> int:
    """The 1-based line of `offset`, counting line ends as lines.split_lines does."""
    head = text[:offset]
    return head.count("\n") + head.count("\r") - head.count("\r\n") + 1


def strip_source_text(text: str) -> tuple[str, tuple[Dropped, ...]]:
    """`text` without control and bidi characters (text.hygiene), and what was dropped."""
    clean, counts = strip_unsafe(text)
    if not counts:
        return text, ()
    first: dict[str, int] = {}
    for offset, char in unsafe_positions(text):
        first.setdefault(describe(char), offset)
    dropped = tuple(
        Dropped(char, counts[char], _line_of(text, first[char])) for char in sorted(counts)
    )
    return clean, dropped


def load_sidecar(path: Path) -> Sidecar:
    side = sidecar_path(path)
    if not side.exists():
        return Sidecar()
    try:
        data = side.read_bytes()
    except OSError as exc:
        raise AssemblerError(f"cannot read the sidecar: {exc.strerror}", path=side) from exc
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AssemblerError(
            f"the sidecar is not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=side,
            line=data[: exc.start].count(b"\n") + 1,
            hint="save it as UTF-8, e.g. iconv -f GB18030 -t UTF-8",
        ) from exc
    found = unsafe_positions(raw)
    if found:
        # The YAML reader refuses raw controls without saying where, and lets bidi overrides
        # through, which can make a line read differently from what it says.
        offset, char = found[0]
        raise AssemblerError(
            f"{describe(char)} in the sidecar",
            path=side,
            line=_line_of(raw, offset),
            column=offset - max(raw.rfind("\n", 0, offset), raw.rfind("\r", 0, offset)),
            hint="remove it: a sidecar holds plain text",
        )
    doc = yamlpos.load(raw, side)
    if doc.data is None:
        return Sidecar()
    if not isinstance(doc.data, dict):
        raise AssemblerError(
            f"a sidecar is a mapping of fields, not a {type(doc.data).__name__}",
            path=side,
            line=1,
            hint="write one `field: value` a line, e.g. `id: ccpcj28-terrorism-ta`",
        )
    try:
        return Sidecar.model_validate(doc.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        line, column = doc.where(loc) or (None, None)
        field = ".".join(str(part) for part in loc)
        if first["type"] == "extra_forbidden":
            known = ", ".join(Sidecar.model_fields)
            raise AssemblerError(
                f"unknown field {field!r}",
                path=side,
                line=line,
                column=column,
                hint=f"known fields: {known}",
            ) from exc
        # Pydantic prefixes the validators' own messages with "Value error, ": noise here.
        message = first["msg"].removeprefix("Value error, ")
        raise AssemblerError(f"{field}: {message}", path=side, line=line, column=column) from exc


def read_source(path: Path) -> Source:
    found = unsafe_positions(path.name)
    if found:
        # The name goes into the records and every summary: it must not carry terminal codes.
        raise AssemblerError(
            f"the file name {path.name!r} contains {describe(found[0][1])}",
            path=path.parent,
            hint="rename the file",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AssemblerError(f"cannot read the file: {exc.strerror}", path=path) from exc
    read = reader_for(path)
    if read is None:
        raise AssemblerError(
            f"no reader for {path.suffix or 'files without a suffix'}",
            path=path,
            hint=f"corpus/sources/ takes {', '.join(sorted(READERS))} files",
        )
    extraction = read(path, data)
    text, dropped = strip_source_text(extraction.text)
    return Source(
        path,
        text,
        hashlib.sha256(data).hexdigest(),
        load_sidecar(path),
        dropped,
        extraction.furniture,
        extraction.meta,
        extraction.warnings,
        extraction.lines_are_blocks,
    )


def list_sources(directory: Path) -> list[Path]:
    return sorted(
        p for p in directory.iterdir() if p.is_file() and readable(p) and not p.name.startswith(".")
    )
