"""The pack spec: what a briefing pack holds, as the editor writes it in YAML.

Parsed with `yaml.safe_load` semantics (assembler.yamlpos) and checked by pydantic models
that forbid unknown keys; every error names the file, line and column, says what was
expected, and suggests the near miss for a misspelt key or value.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticCustomError

from assembler import yamlpos
from assembler.errors import AssemblerError
from assembler.render.registry import FORMATS

Language = Literal["zh", "en", "zh+en"]
Script = Literal["hans", "hant", "hant-hk", "hant-tw-phrases"]


def _known_format(name: str) -> str:
    """An output format of the writer registry; reported like any other choice of values."""
    if name not in FORMATS:
        names = list(FORMATS)
        expected = ", ".join(repr(n) for n in names[:-1]) + f" or {names[-1]!r}"
        raise PydanticCustomError(
            "literal_error", "Input should be {expected}", {"expected": expected}
        )
    return name


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Texts(_Strict):
    """A text the editor gives per language (`{zh: 导言, en: Introduction}`); a pack takes
    the value of its main language."""

    zh: str | None = Field(default=None, min_length=1)
    en: str | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _some(self) -> Texts:
        if self.zh is None and self.en is None:
            raise ValueError("give the text in `zh`, `en` or both (or one string for all)")
        return self


# A plain string is the text of every language.
Text = str | Texts


class DatesSpec(_Strict):
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _ordered(self) -> DatesSpec:
        if self.end < self.start:
            raise ValueError(f"the meeting ends ({self.end}) before it starts ({self.start})")
        return self


class MeetingSpec(_Strict):
    """The meeting the pack is for. `from` copies the fields a corpus document states
    (body, session, dates, venue, agenda item and title); fields given here win."""

    from_document: str | None = Field(default=None, alias="from")
    body: str | None = None
    session: int | None = Field(default=None, ge=1, le=999)
    dates: DatesSpec | None = None
    venue: str | None = None
    agenda_item: str | None = None
    agenda_title: str | None = None


class SelectionSpec(_Strict):
    """Which records a section takes: one of `paragraphs`, `heading`, `search`, `concept`
    (or a whole `document`), in the document's reading order.

    The shorthand `- E/CN.15/2007/9: 15-20, 38` means document + paragraphs.
    """

    document: str | None = None
    paragraphs: str | None = None
    heading: tuple[str, ...] | None = None
    search: str | None = None
    concept: str | None = None
    limit: int | None = Field(default=None, ge=1)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, dict) and len(data) == 1:
            ((key, value),) = data.items()
            if key not in cls.model_fields and isinstance(value, str | int):
                return {"document": key, "paragraphs": str(value)}
        if not isinstance(data, dict):
            return data
        paragraphs = data.get("paragraphs")
        if isinstance(paragraphs, int):
            data = {**data, "paragraphs": str(paragraphs)}
        elif isinstance(paragraphs, list) and all(isinstance(p, int | str) for p in paragraphs):
            data = {**data, "paragraphs": ", ".join(str(p) for p in paragraphs)}
        heading = data.get("heading")
        if isinstance(heading, str):
            data = {**data, "heading": tuple(heading.split())}
        elif isinstance(heading, list) and all(isinstance(h, int | str) for h in heading):
            data = {**data, "heading": tuple(str(h) for h in heading)}
        return data

    @model_validator(mode="after")
    def _one_way(self) -> SelectionSpec:
        ways = [
            name
            for name in ("paragraphs", "heading", "search", "concept")
            if getattr(self, name) is not None
        ]
        if len(ways) > 1:
            raise ValueError(f"give one of paragraphs, heading, search, concept (not {ways})")
        if not ways and self.document is None:
            raise ValueError(
                "say what to select: document with paragraphs or heading, search, concept"
            )
        if ways and ways[0] in ("paragraphs", "heading") and self.document is None:
            raise ValueError(f"`{ways[0]}` needs the `document` it refers to")
        if self.limit is not None and ways and ways[0] in ("paragraphs", "heading"):
            raise ValueError("`limit` applies to search and concept selections only")
        return self


class SectionSpec(_Strict):
    heading: Annotated[str, Field(min_length=1)] | Texts
    note: Text = ""
    select: tuple[SelectionSpec, ...] = ()

    @model_validator(mode="after")
    def _has_content(self) -> SectionSpec:
        notes = (self.note,) if isinstance(self.note, str) else (self.note.zh, self.note.en)
        if not self.select and not any(n and n.strip() for n in notes):
            raise ValueError("a section needs a `select` list or a `note`")
        return self


class GlossarySpec(_Strict):
    """The terminology annex (`off`, the concepts `found` in the selected records, or a list
    of concept ids) and glossing (`first`: the English term after the first occurrence of
    each concept; a list of concept ids: only those, so that common words stay unglossed)."""

    annex: Literal["off", "found"] | tuple[str, ...] = "found"
    gloss: Literal["off", "first"] | tuple[str, ...] = "off"
    # The annex's row order: by the pinyin of the Chinese term (as a reader looks a term up),
    # by the English term, or by first appearance in the pack.
    order: Literal["pinyin", "english", "appearance"] = "pinyin"
    # Subjects a `found` annex leaves out: a pack naming thirty States may not want their
    # formal names listed among the terms of the meeting.
    leave_out: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _unquoted_off(cls, data: Any) -> Any:
        # YAML 1.1, which safe_load follows, reads a bare `off` (or `no`) as false.
        if isinstance(data, dict):
            return {k: "off" if v is False else v for k, v in data.items()}
        return data


class PackSpec(_Strict):
    name: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    title: Annotated[str, Field(min_length=1)] | Texts
    subtitle: Text = ""
    prepared_by: Text = ""
    date: dt.date | None = None
    language: Language = "zh"
    script: Script = "hans"
    outputs: tuple[Annotated[str, AfterValidator(_known_format)], ...] = Field(
        default=("docx", "pdf"), min_length=1
    )
    meeting: MeetingSpec = MeetingSpec()
    # How citations name a document (by id or symbol) instead of its symbol or full title.
    cite_as: dict[str, str] = {}
    # Terms that keep their form through script conversion, besides the glossary's.
    protect: tuple[str, ...] = ()
    sections: tuple[SectionSpec, ...] = Field(min_length=1)
    glossary: GlossarySpec = GlossarySpec()
    # What a pack does with a pick the corpus lacks in one of its languages: fail, listing
    # them (a pack that says it is English must be), or print a notice in its place.
    missing: Literal["error", "notice"] = "error"


@dataclass(frozen=True)
class LoadedSpec:
    """A valid spec and where each of its parts sits in its file, for later errors (an
    unknown document, a paragraph out of range) that the schema alone cannot see."""

    spec: PackSpec
    path: Path
    source: yamlpos.Positioned

    @property
    def name(self) -> str:
        return self.spec.name or self.path.stem

    def text(self, value: Text, lang: str, where: yamlpos.PathKey) -> str:
        """The value of a per-language text in the corpus language `lang` ("zh", "en")."""
        if isinstance(value, str):
            return value
        chosen: str | None = getattr(value, lang)
        if chosen is None:
            given = ", ".join(k for k in ("zh", "en") if getattr(value, k) is not None)
            raise self.error(
                f"`{where[-1]}` has no `{lang}` value for this {lang} pack (it gives {given})",
                where,
                f"add `{lang}: ...`, or give one string for every language",
            )
        return chosen

    def error(
        self, message: str, where: yamlpos.PathKey, hint: str | None = None
    ) -> AssemblerError:
        line, column = self.source.where(where) or (None, None)
        return AssemblerError(message, path=self.path, line=line, column=column, hint=hint)


def _model_for(loc: tuple[int | str, ...]) -> type[BaseModel]:
    """The model whose field `loc` ends in, to suggest near-miss keys."""
    model: type[BaseModel] = PackSpec
    nested: dict[str, type[BaseModel]] = {
        "meeting": MeetingSpec,
        "dates": DatesSpec,
        "sections": SectionSpec,
        "select": SelectionSpec,
        "glossary": GlossarySpec,
        "title": Texts,
        "subtitle": Texts,
        "prepared_by": Texts,
        "heading": Texts,
        "note": Texts,
    }
    for part in loc[:-1]:
        if isinstance(part, str) and part in nested:
            model = nested[part]
    return model


def _describe(error: ErrorDetails) -> tuple[str, str | None]:
    """What went wrong and what to write instead, in the editor's terms."""
    loc = error["loc"]
    where = _where(loc)
    key = str(where[-1]) if where else ""
    kind = error["type"]
    if kind == "extra_forbidden":
        fields = [str(f.alias or name) for name, f in _model_for(loc).model_fields.items()]
        close = difflib.get_close_matches(key, fields, n=1, cutoff=0.6)
        return f"unknown key `{key}`", (
            f"did you mean `{close[0]}`?" if close else f"allowed keys: {', '.join(fields)}"
        )
    if kind == "missing":
        return f"missing required key `{key}`", None
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        options = [o.strip().strip("'") for o in expected.replace(" or ", ",").split(",")]
        given = str(error.get("input"))
        close = difflib.get_close_matches(given, options, n=1, cutoff=0.5)
        return f"`{key}` must be one of {expected}, not {given!r}", (
            f"did you mean `{close[0]}`?" if close else None
        )
    message = error["msg"].removeprefix("Value error, ")
    return (f"`{key}`: {message}" if where and isinstance(where[-1], str) else message), None


# Names pydantic gives the branches of a text's union (`str | Texts`), not YAML keys.
_UNION_BRANCHES = frozenset({"str", "constrained-str", "Texts"})


def _where(loc: tuple[int | str, ...]) -> yamlpos.PathKey:
    """The YAML path of a pydantic location: pydantic adds the literal or union branch it
    tried (e.g. "tuple[str, ...]") after the field, which the YAML does not have."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(part, str) and (
            "[" in part or part.startswith("literal") or part in _UNION_BRANCHES
        ):
            continue
        path.append("from" if part == "from_document" else part)
    return tuple(path)


def _spec_error(exc: ValidationError, source: yamlpos.Positioned, path: Path) -> AssemblerError:
    """One error naming the first problem's place; the others follow as file:line:col lines
    so that an editor can fix them all in one pass."""
    # A union (e.g. annex: off | found | list) reports one error per branch at the same
    # place: the first branch's error is the one written for people.
    located: dict[yamlpos.PathKey, ErrorDetails] = {}
    for error in exc.errors(include_url=False):
        if isinstance(error["input"], dict) and any("Texts" in str(p) for p in error["loc"]):
            # A mapping given for a text is meant as its values per language.
            located[_where(error["loc"])] = error
        else:
            located.setdefault(_where(error["loc"]), error)
    # A failing element also fails its container's own checks (a tuple's length): only the
    # innermost place is worth reporting.
    for where in list(located):
        if any(other[: len(where)] == where and other != where for other in located):
            del located[where]
    problems = []
    for where, error in located.items():
        message, hint = _describe(error)
        line, column = source.where(where) or (None, None)
        problems.append((message, hint, line, column))
    message, hint, line, column = problems[0]
    for other, other_hint, other_line, other_column in problems[1:]:
        message += f"\n{path}:{other_line}:{other_column}: {other}"
        if other_hint:
            message += f" ({other_hint})"
    return AssemblerError(message, path=path, line=line, column=column, hint=hint)


def parse_spec(text: str, path: Path) -> LoadedSpec:
    source = yamlpos.load(text, path)
    if not isinstance(source.data, dict):
        raise AssemblerError(
            "a pack spec is a mapping of keys (title, meeting, sections, ...)",
            path=path,
            line=1,
            hint="see examples/ccpcj28-item6c.yaml",
        )
    try:
        spec = PackSpec.model_validate(source.data)
    except ValidationError as exc:
        raise _spec_error(exc, source, path) from exc
    return LoadedSpec(spec=spec, path=path, source=source)


def load_spec(path: Path) -> LoadedSpec:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AssemblerError(
            f"cannot read the pack spec: {exc.strerror}", path=path, hint="check the path"
        ) from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise AssemblerError(
            "the pack spec is not UTF-8 text", path=path, line=line, hint="save it as UTF-8"
        ) from exc
    return parse_spec(text, path)
