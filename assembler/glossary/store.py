"""The glossary on disk: every `*.yaml` under glossary/, read so that each concept and term
knows its file and line, and written in one canonical layout (the README's).

Reading checks the shape of the files (YAML syntax, known keys, text where text belongs) and
then the glossary's rules (validate.py); either kind of problem fails the load with the full
list, each problem with its file:line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn, cast

import yaml
from ruamel.yaml import YAML

from assembler import yamlpos
from assembler.errors import AssemblerError
from assembler.glossary.model import (
    TRADITIONAL_VARIANTS,
    Concept,
    Glossary,
    Place,
    Status,
    Term,
    TermType,
)
from assembler.glossary.validate import GlossaryError, Problem, validate

SUFFIX = ".yaml"
TOP_KEY = "concepts"
CONCEPT_KEYS = ("id", "subject", "definition", "note", "sources", "terms")
TERM_KEYS = ("term", "status", "type", "note", "source", *TRADITIONAL_VARIANTS)
DEFAULT_TYPE: TermType = "full-form"
# The README layout: "- " two columns in under its key, mapping keys two columns deeper.
INDENT = {"mapping": 2, "sequence": 4, "offset": 2}
# Long definitions stay on one line: folding them would make every edit a multi-line diff.
WIDTH = 4096
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def roundtrip_yaml() -> YAML:
    """A ruamel.yaml instance that keeps comments, key order and quoting, for edits (one per
    use: YAML objects hold parser state)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(**INDENT)
    return yaml


# -- the positioned tree -----------------------------------------------------------------------
# Files are read from libyaml's event stream rather than through ruamel: ruamel's pure-Python
# parser takes ~35 s for a 50,000-term file (UNTERM scale), the events ~1 s. Edits still go
# through ruamel (edit.py), and every edit is read back with this reader before it is written.
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
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?")


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
        return float(text.replace("_", ""))
    if _DATE.fullmatch(text):
        return _Date(text)
    return text


class _Date(str):
    """A plain scalar YAML reads as a timestamp: not text for the glossary's purposes."""


def _scalar_value(event: yaml.ScalarEvent) -> Any:
    # Quoted and block scalars are text; so are explicitly tagged ones (nobody tags a glossary).
    if event.style or event.tag is not None:
        return event.value
    return _plain_value(event.value)


def _line(event: yaml.Event) -> int:
    mark: Any = event.start_mark
    return int(mark.line) if mark else 0


class _Builder:
    """Builds the positioned tree of one document from libyaml events."""

    def __init__(self, events: Iterator[yaml.Event], file: str) -> None:
        self.events = events
        self.file = file

    def node(self, event: yaml.Event) -> Any:
        # yamlpos.guarded has refused anchors and aliases before any event gets here.
        value: Any
        if isinstance(event, yaml.ScalarEvent):
            value = _scalar_value(event)
        elif isinstance(event, yaml.MappingStartEvent):
            value = self.mapping(event)
        elif isinstance(event, yaml.SequenceStartEvent):
            value = self.sequence(event)
        else:
            self.fail(event, f"unexpected {type(event).__name__}")
        return value

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

    def fail(self, event: yaml.Event, message: str) -> NoReturn:
        raise AssemblerError(
            f"invalid YAML: {message}",
            path=self.file,
            line=_line(event) + 1,
            hint="fix the entry at that position",
        )


def parse_yaml(text: str, file: str) -> Any:
    """The positioned tree (Map, Seq, scalars) of `text`; a syntax error names the file, line
    and column."""
    events = yamlpos.guarded(yaml.parse(text, Loader=_LOADER), file)
    try:
        documents = []
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                builder = _Builder(events, file)
                documents.append(builder.node(next(events)))
                if len(documents) > 1:
                    builder.fail(event, "a glossary file holds one YAML document")
        return documents[0] if documents else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise AssemblerError(
            f"invalid YAML: {exc.problem or exc.context}",
            path=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="fix the syntax there (indentation, a missing colon, an unclosed quote)",
        ) from exc
    except yaml.YAMLError as exc:
        raise AssemblerError(f"invalid YAML: {exc}", path=file) from exc


# -- reading -----------------------------------------------------------------------------------
class _Shape:
    """Collects shape problems of one file while its tree is turned into concepts."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def place(self, line0: int) -> Place:
        return Place(self.file, line0 + 1)

    def report(self, line0: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.place(line0), message, hint))

    def unknown_keys(self, node: Map, known: Sequence[str], what: str) -> None:
        for key in node:
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"{what} keys: {', '.join(known)}"
            self.report(node.key_lines[key], f"unknown {what} key {key!r}", hint)

    def text(self, node: Map, key: str, what: str, *, required: bool = False) -> str:
        """The text under `key`; missing optional text is ""; a number, date or list is a
        problem (YAML reads `term: 2030` as a number: quote it)."""
        if key not in node or node[key] is None:
            if required:
                self.report(node.line, f"{what} has no {key!r}", f"add `{key}: ...`")
            return ""
        value = node[key]
        if isinstance(value, str) and not isinstance(value, _Date):
            return value
        self.report(
            node.value_lines[key],
            f"{what}: {key!r} must be text, not {_kind(value)}",
            "put the value in quotes",
        )
        return ""


def _kind(value: Any) -> str:
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, _Date):
        return "a date"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__


def _term(shape: _Shape, node: Any, lang: str, line0: int, owner: str) -> Term | None:
    if not isinstance(node, Map):
        shape.report(line0, f"{owner}: a {lang} term must be a mapping with `term:`", "")
        return None
    before = len(shape.problems)
    shape.unknown_keys(node, TERM_KEYS, "term")
    what = f"{owner}: {lang} term"
    text = shape.text(node, "term", what, required=True)
    status = shape.text(node, "status", f"{what} {text!r}", required=True)
    kind = shape.text(node, "type", f"{what} {text!r}") or DEFAULT_TYPE
    note = shape.text(node, "note", f"{what} {text!r}")
    source = shape.text(node, "source", f"{what} {text!r}")
    variants = tuple(
        (tag, shape.text(node, tag, f"{what} {text!r}"))
        for tag in TRADITIONAL_VARIANTS
        if tag in node
    )
    if len(shape.problems) > before:
        return None
    # Status and type values are checked by validate.py with the other rules.
    return Term(
        text=text,
        lang=lang,
        status=cast(Status, status),
        type=cast(TermType, kind),
        note=note,
        source=source,
        variants=variants,
        place=shape.place(line0),
    )


def _terms(shape: _Shape, node: Map, owner: str) -> list[Term] | None:
    value = node.get("terms")
    if value is None:
        return []
    if not isinstance(value, Map):
        shape.report(
            node.value_lines["terms"],
            f"{owner}: `terms` must map language tags to lists of terms",
            "write `terms:` then `zh-Hans:` and `en:` lists",
        )
        return None
    terms: list[Term] = []
    complete = True
    for lang, entries in value.items():
        if entries is None:
            continue
        if not isinstance(entries, Seq):
            shape.report(
                value.value_lines[lang],
                f"{owner}: {lang} terms must be a list",
                "start each term with `- term:`",
            )
            complete = False
            continue
        for index, entry in enumerate(entries):
            term = _term(shape, entry, str(lang), entries.item_lines[index], owner)
            complete = complete and term is not None
            if term is not None:
                terms.append(term)
    return terms if complete else None


def _sources(shape: _Shape, node: Map, owner: str) -> tuple[str, ...] | None:
    value = node.get("sources")
    if value is None:
        return ()
    if isinstance(value, str):
        return (str(value),)
    if not isinstance(value, Seq) or not all(isinstance(s, str) for s in value):
        shape.report(
            node.value_lines["sources"],
            f"{owner}: `sources` must be a list of texts",
            "one `- source` a line; quote numbers",
        )
        return None
    return tuple(str(s) for s in value)


def concept_from_node(node: Any, file: str, line0: int) -> tuple[Concept | None, list[Problem]]:
    """One entry of `concepts:` (a ruamel tree) as a Concept, or None and its shape problems."""
    shape = _Shape(file)
    if not isinstance(node, Map):
        shape.report(line0, "a concept must be a mapping with `id:` and `terms:`", "")
        return None, shape.problems
    owner = str(node.get("id") or f"concept at line {line0 + 1}")
    shape.unknown_keys(node, CONCEPT_KEYS, "concept")
    concept_id = shape.text(node, "id", "concept", required=True)
    subject = shape.text(node, "subject", owner)
    definition = shape.text(node, "definition", owner)
    note = shape.text(node, "note", owner)
    sources = _sources(shape, node, owner)
    terms = _terms(shape, node, owner)
    if shape.problems or sources is None or terms is None:
        return None, shape.problems
    concept = Concept(
        id=concept_id,
        subject=subject,
        definition=definition,
        note=note,
        sources=sources,
        terms=tuple(terms),
        place=shape.place(line0),
    )
    return concept, []


def concepts_from_tree(tree: Any, file: str) -> tuple[list[Concept], list[Problem]]:
    """The concepts of one file's YAML tree and the shape problems found on the way; an entry
    with problems is left out (its problems say why)."""
    shape = _Shape(file)
    if tree is None:
        return [], []
    if not isinstance(tree, Map):
        shape.report(0, "a glossary file is a mapping with one key, `concepts:`", "")
        return [], shape.problems
    shape.unknown_keys(tree, (TOP_KEY,), "top-level")
    entries = tree.get(TOP_KEY)
    if entries is None:
        return [], shape.problems
    if not isinstance(entries, Seq):
        shape.report(
            tree.value_lines[TOP_KEY],
            "`concepts` must be a list of concepts",
            "start each concept with `- id:`",
        )
        return [], shape.problems
    concepts = []
    problems = shape.problems
    for index, entry in enumerate(entries):
        concept, found = concept_from_node(entry, file, entries.item_lines[index])
        problems += found
        if concept is not None:
            concepts.append(concept)
    return concepts, problems


def read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise AssemblerError("no such glossary file", path=path) from exc
    except UnicodeDecodeError as exc:
        raise AssemblerError(
            f"not UTF-8 text (byte {exc.start})", path=path, hint="save the file as UTF-8"
        ) from exc


def read_concepts(text: str, file: str) -> tuple[list[Concept], list[Problem]]:
    """Parse one file's text; a YAML syntax error is a problem like any other."""
    try:
        tree = parse_yaml(text, file)
    except AssemblerError as error:
        line = error.line or 1
        return [], [Problem(Place(file, line), error.message, error.hint or "")]
    return concepts_from_tree(tree, file)


def glossary_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise AssemblerError(
            f"no glossary folder {folder}",
            hint="pass --glossary DIR, a folder of *.yaml concept files",
        )
    return sorted(p for p in folder.glob(f"*{SUFFIX}") if p.is_file())


def load_file(path: Path) -> tuple[Concept, ...]:
    """The concepts of one file, checked on their own (shape and rules)."""
    concepts, problems = read_concepts(read_text(path), str(path))
    problems += validate(concepts)
    if problems:
        raise GlossaryError(problems)
    return tuple(concepts)


def load_glossary(folder: Path) -> Glossary:
    """Every `*.yaml` in `folder`, in name order; every problem in any of them fails the load,
    all of them listed."""
    concepts: list[Concept] = []
    problems: list[Problem] = []
    for path in glossary_files(folder):
        found, shape = read_concepts(read_text(path), str(path))
        concepts += found
        problems += shape
    problems += validate(concepts)
    if problems:
        raise GlossaryError(problems)
    return Glossary(tuple(concepts))


# -- writing -----------------------------------------------------------------------------------
# Written by hand rather than by ruamel (18 s for 50,000 terms): the layout is fixed and only
# scalars need care. Plain where any YAML reader (1.1 or 1.2) reads the same text back, a
# literal block for clean multi-line text, double quotes otherwise.
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`.~=<")
_NOT_TEXT_11 = frozenset(["y", "n", "yes", "no", "on", "off", "true", "false", "null"])
_NUMBER_LIKE = re.compile(r"[-+.]?[0-9][0-9A-Za-z_.:+\-]*")
# Characters YAML requires escaped in double quotes, or reads as line breaks or a BOM.
_ESCAPE = re.compile('[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff"\\\\]')


def _plain_ok(text: str) -> bool:
    return not (
        text == ""
        or text != text.strip()
        or text[0] in _INDICATORS
        or text.lower() in _NOT_TEXT_11
        or _NUMBER_LIKE.fullmatch(text)
        or _DATE.fullmatch(text)
        or ": " in text
        or " #" in text
        or text.endswith(":")
        or "\t" in text
        or _ESCAPE.search(text)
    )


def _escape(match: re.Match[str]) -> str:
    char = match[0]
    return "\\" + char if char in '"\\' else f"\\u{ord(char):04x}"


def _quoted(text: str) -> str:
    return '"' + _ESCAPE.sub(_escape, text) + '"'


def _literal_ok(text: str) -> bool:
    lines = text.split("\n")
    return (
        len(lines) > 1
        and lines[0][:1] not in ("", " ")
        and not text.endswith("\n")
        and not _ESCAPE.search(text.replace("\n", ""))
        and all(line == line.rstrip(" \t") for line in lines)
        and "\t" not in text
    )


def scalar(text: str, indent: int) -> str:
    """`text` as a YAML scalar after "key: "; `indent` is the column of the key."""
    if _plain_ok(text):
        return text
    if _literal_ok(text):
        pad = " " * (indent + INDENT["mapping"])
        return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))
    return _quoted(text)


def _field(key: str, value: str, indent: int, first: bool = False) -> str:
    lead = " " * (indent - 2) + "- " if first else " " * indent
    return f"{lead}{key}: {scalar(value, indent)}\n"


def term_yaml(term: Term, indent: int) -> str:
    """One term as a list item whose keys stand at column `indent`."""
    out = [_field("term", term.text, indent, first=True), _field("status", term.status, indent)]
    if term.type != DEFAULT_TYPE:
        out.append(_field("type", term.type, indent))
    out += [
        _field(key, value, indent)
        for key, value in (("note", term.note), ("source", term.source))
        if value
    ]
    forms = dict(term.variants)
    out += [_field(tag, forms[tag], indent) for tag in TRADITIONAL_VARIANTS if tag in forms]
    return "".join(out)


def concept_yaml(concept: Concept, indent: int = 4) -> str:
    """One concept as a list item whose keys stand at column `indent`: README key order,
    empty fields left out, terms grouped by language in order of first appearance."""
    step = INDENT["mapping"]
    out = [_field("id", concept.id, indent, first=True)]
    out += [
        _field(key, value, indent)
        for key, value in (
            ("subject", concept.subject),
            ("definition", concept.definition),
            ("note", concept.note),
        )
        if value
    ]
    if concept.sources:
        out.append(" " * indent + "sources:\n")
        out += [_field_item(source, indent + step) for source in concept.sources]
    if concept.terms:
        out.append(" " * indent + "terms:\n")
        for lang in concept.languages:
            out.append(" " * (indent + step) + f"{scalar(lang, indent + step)}:\n")
            out += [term_yaml(t, indent + 3 * step) for t in concept.in_language(lang)]
    return "".join(out)


def _field_item(value: str, indent: int) -> str:
    return " " * indent + "- " + scalar(value, indent) + "\n"


def dump_concepts(concepts: Sequence[Concept]) -> str:
    """The canonical YAML text of `concepts` (the README layout), one blank line between
    concepts. Loading it gives equal concepts (terms grouped by language, as loading always
    returns them)."""
    if not concepts:
        return f"{TOP_KEY}: []\n"
    return f"{TOP_KEY}:\n" + "\n".join(concept_yaml(c) for c in concepts)
