"""Raw source files and their sidecars: decoding with clear errors, and what a sidecar may say."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from assembler import yamlpos
from assembler.corpus.model import LANGUAGES
from assembler.errors import AssemblerError
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
        if value is not None and (not value or any(c in value for c in "/\\ \t")):
            raise ValueError(
                "an id is one word without slashes or spaces, e.g. ccpcj28-terrorism-ta"
            )
        if value is not None and value.rpartition(".")[2] in LANGUAGES and "." in value:
            # records/<id>.en.jsonl is the English version of <id>: an id may not look like one.
            raise ValueError(
                f"an id may not end in a language code ({value!r}): give the document's own id"
                " and its language in `lang`, e.g. id: ccpcj28-terrorism-ta, lang: en"
            )
        return value


@dataclass(frozen=True)
class Source:
    path: Path
    text: str
    sha256: str
    sidecar: Sidecar

    @property
    def name(self) -> str:
        return self.path.name


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + SIDECAR_SUFFIX)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text, or an error that says where the file stops being text."""
    if not data.strip():
        raise AssemblerError(
            "the file is empty", path=path, hint="export the document's text again"
        )
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise AssemblerError(
            "binary data (a NUL byte): this is not an extracted text file",
            path=path,
            line=line,
            hint="extract the text first (pdftotext -layout, or save the Word file as UTF-8 text)",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AssemblerError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
            hint="convert it, e.g. iconv -f GB18030 -t UTF-8",
        ) from exc
    return text.removeprefix("\ufeff")


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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AssemblerError(f"cannot read the file: {exc.strerror}", path=path) from exc
    text = decode(path, data)
    return Source(path, text, hashlib.sha256(data).hexdigest(), load_sidecar(path))


def list_sources(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.iterdir()
        if p.is_file() and p.suffix == ".txt" and not p.name.startswith(".")
    )
