"""The glossary on disk: every `*.yaml` under glossary/, read so that each concept and term
knows its file and line, and written in one canonical layout (the README's).

Reading takes each file's tree from assembler.yamlpos (its glossary view: lines, and plain
scalars as YAML 1.2 reads them), checks its shape (known keys, text where text belongs) and
then the glossary's rules (validate.py); either kind of problem fails the load with the full
list, each problem with its file:line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assembler import yamlpos
from assembler.errors import AssemblerError
from assembler.glossary.model import (
    CONTEXT_SEPARATOR,
    TERM_FIELDS,
    TERM_KEYS,
    Concept,
    Glossary,
    Place,
    Term,
    term_from_values,
)
from assembler.glossary.validate import GlossaryError, Problem, validate
from assembler.yamlpos import Map, Seq

SUFFIX = ".yaml"
TOP_KEY = "concepts"
CONCEPT_KEYS = ("id", "subject", "definition", "note", "sources", "terms")
# The README layout: "- " two columns in under its key, mapping keys two columns deeper.
INDENT = {"mapping": 2, "sequence": 4, "offset": 2}


def parse_yaml(text: str, file: str) -> Any:
    """The positioned tree (yamlpos.Map, Seq, scalars) of one glossary file's text; a syntax
    error names the file, line and column."""
    return yamlpos.load_tree(text, file, holder="a glossary file")


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
        if isinstance(value, str) and not isinstance(value, yamlpos.Timestamp):
            return value
        self.report(
            node.value_lines[key],
            f"{what}: {key!r} must be text, not {_kind(value)}",
            "put the value in quotes",
        )
        return ""

    def words(self, node: Map, key: str, what: str) -> str:
        """A context rule: a list of words, given back as one flat value (model.context_words
        splits it again); a word that is not text, is empty or holds the separator is a
        problem."""
        value = node.get(key)
        if value is None:
            return ""
        example = f"`{key}: [稳定团, 经共体]`"
        if not isinstance(value, Seq):
            self.report(node.value_lines[key], f"{what}: {key!r} must be a list of words", example)
            return ""
        words = []
        for word in value:
            if not isinstance(word, str) or isinstance(word, yamlpos.Timestamp):
                problem = f"must be text, not {_kind(word)}"
            elif not word.strip() or CONTEXT_SEPARATOR in word:
                problem = f"must be a non-empty word without {CONTEXT_SEPARATOR!r}"
            else:
                words.append(word)
                continue
            self.report(
                node.value_lines[key],
                f"{what}: each word of {key!r} {problem}",
                f"quote it, e.g. {example}",
            )
        return CONTEXT_SEPARATOR.join(words)


def _kind(value: Any) -> str:
    if isinstance(value, Map):
        return "a mapping"
    if isinstance(value, Seq):
        return "a list"
    if isinstance(value, yamlpos.Timestamp):
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
    label = what
    values: dict[str, str] = {}
    for field in TERM_FIELDS:
        if field.kind == "form" and field.key not in node:
            continue
        if field.kind == "context":
            values[field.key] = shape.words(node, field.key, label)
            continue
        values[field.key] = shape.text(node, field.key, label, required=field.required)
        if field.kind == "text":
            # Problems with the fields after it name the term.
            label = f"{what} {values[field.key]!r}"
    if len(shape.problems) > before:
        return None
    # Status and type values are checked by validate.py with the other rules.
    return term_from_values(lang, values, shape.place(line0))


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
        or yamlpos.TIMESTAMP.fullmatch(text)
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
    """One term as a list item whose keys stand at column `indent`: its fields in TERM_FIELDS
    order, those a file does not show left out."""
    out: list[str] = []
    for field in TERM_FIELDS:
        if field.kind == "context" and field.written(term):
            lead = " " * (indent - 2) + "- " if not out else " " * indent
            out.append(f"{lead}{field.key}: {flow_list(field.words(term))}\n")
        elif field.written(term):
            out.append(_field(field.key, field.value(term), indent, first=not out))
    return "".join(out)


_FLOW_INDICATORS = re.compile(r"[,\[\]{}]")


def flow_list(words: Sequence[str]) -> str:
    """Words as a one-line YAML list, `[稳定团, 经共体]`; a word that is not plain in a flow
    list is quoted."""
    shown = (w if _plain_ok(w) and not _FLOW_INDICATORS.search(w) else _quoted(w) for w in words)
    return "[" + ", ".join(shown) + "]"


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
