"""The glossary on disk: every `*.yaml` under glossary/, read with ruamel.yaml so that each
concept and term knows its file and line, and written back in one canonical layout.

Reading checks the shape of the files (YAML syntax, known keys, text where text belongs) and
then the glossary's rules (validate.py); either kind of problem fails the load with the full
list, each problem with its file:line.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString

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


def roundtrip_yaml() -> YAML:
    """A ruamel.yaml instance that keeps comments, key order and quoting (one per use: YAML
    objects hold parser state)."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(**INDENT)
    return yaml


def parse_yaml(text: str, file: str) -> Any:
    """The YAML tree of `text`; a syntax error names the file, line and column."""
    try:
        return roundtrip_yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise AssemblerError(
            f"invalid YAML: {exc.problem or exc.context}",
            path=file,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
            hint="fix the syntax there (indentation, a missing colon, an unclosed quote)",
        ) from exc
    except YAMLError as exc:
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

    def unknown_keys(self, node: CommentedMap, known: Sequence[str], what: str) -> None:
        for key in node:
            if key in known:
                continue
            close = difflib.get_close_matches(str(key), known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"{what} keys: {', '.join(known)}"
            self.report(node.lc.key(key)[0], f"unknown {what} key {key!r}", hint)

    def text(self, node: CommentedMap, key: str, what: str, *, required: bool = False) -> str:
        """The text under `key`; missing optional text is ""; a number, date or list is a
        problem (YAML reads `term: 2030` as a number: quote it)."""
        if key not in node or node[key] is None:
            if required:
                self.report(node.lc.line, f"{what} has no {key!r}", f"add `{key}: ...`")
            return ""
        value = node[key]
        if isinstance(value, str):
            return str(value)
        self.report(
            node.lc.value(key)[0],
            f"{what}: {key!r} must be text, not {_kind(value)}",
            "put the value in quotes",
        )
        return ""


def _kind(value: Any) -> str:
    if isinstance(value, CommentedMap):
        return "a mapping"
    if isinstance(value, CommentedSeq):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__


def _term(shape: _Shape, node: Any, lang: str, line0: int, owner: str) -> Term | None:
    if not isinstance(node, CommentedMap):
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


def _terms(shape: _Shape, node: CommentedMap, owner: str) -> list[Term] | None:
    value = node.get("terms")
    if value is None:
        return []
    if not isinstance(value, CommentedMap):
        shape.report(
            node.lc.value("terms")[0],
            f"{owner}: `terms` must map language tags to lists of terms",
            "write `terms:` then `zh-Hans:` and `en:` lists",
        )
        return None
    terms: list[Term] = []
    complete = True
    for lang, entries in value.items():
        if entries is None:
            continue
        if not isinstance(entries, CommentedSeq):
            shape.report(
                value.lc.value(lang)[0],
                f"{owner}: {lang} terms must be a list",
                "start each term with `- term:`",
            )
            complete = False
            continue
        for index, entry in enumerate(entries):
            term = _term(shape, entry, str(lang), entries.lc.item(index)[0], owner)
            complete = complete and term is not None
            if term is not None:
                terms.append(term)
    return terms if complete else None


def _sources(shape: _Shape, node: CommentedMap, owner: str) -> tuple[str, ...] | None:
    value = node.get("sources")
    if value is None:
        return ()
    if isinstance(value, str):
        return (str(value),)
    if not isinstance(value, CommentedSeq) or not all(isinstance(s, str) for s in value):
        shape.report(
            node.lc.value("sources")[0],
            f"{owner}: `sources` must be a list of texts",
            "one `- source` a line; quote numbers",
        )
        return None
    return tuple(str(s) for s in value)


def concept_from_node(node: Any, file: str, line0: int) -> tuple[Concept | None, list[Problem]]:
    """One entry of `concepts:` (a ruamel tree) as a Concept, or None and its shape problems."""
    shape = _Shape(file)
    if not isinstance(node, CommentedMap):
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
    if not isinstance(tree, CommentedMap):
        shape.report(0, "a glossary file is a mapping with one key, `concepts:`", "")
        return [], shape.problems
    shape.unknown_keys(tree, (TOP_KEY,), "top-level")
    entries = tree.get(TOP_KEY)
    if entries is None:
        return [], shape.problems
    if not isinstance(entries, CommentedSeq):
        shape.report(
            tree.lc.value(TOP_KEY)[0],
            "`concepts` must be a list of concepts",
            "start each concept with `- id:`",
        )
        return [], shape.problems
    concepts = []
    problems = shape.problems
    for index, entry in enumerate(entries):
        concept, found = concept_from_node(entry, file, entries.lc.item(index)[0])
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
def _scalar(text: str) -> str:
    """Multi-line text as a literal block (readable, diff-friendly) when YAML can keep it
    exactly; otherwise ruamel picks a quoting style."""
    lines = text.split("\n")
    if len(lines) > 1 and text[:1] not in " \t" and all(ln == ln.rstrip() for ln in lines):
        return cast(str, LiteralScalarString(text))
    return text


def term_tree(term: Term) -> CommentedMap:
    node = CommentedMap()
    node["term"] = _scalar(term.text)
    node["status"] = term.status
    if term.type != DEFAULT_TYPE:
        node["type"] = term.type
    for key, value in (("note", term.note), ("source", term.source)):
        if value:
            node[key] = _scalar(value)
    forms = dict(term.variants)
    for tag in TRADITIONAL_VARIANTS:
        if tag in forms:
            node[tag] = forms[tag]
    return node


def concept_tree(concept: Concept) -> CommentedMap:
    """The canonical tree of a concept: README key order, empty fields left out, terms grouped
    by language in order of first appearance."""
    node = CommentedMap()
    node["id"] = concept.id
    for key, value in (
        ("subject", concept.subject),
        ("definition", concept.definition),
        ("note", concept.note),
    ):
        if value:
            node[key] = _scalar(value)
    if concept.sources:
        node["sources"] = CommentedSeq(_scalar(s) for s in concept.sources)
    if concept.terms:
        terms = CommentedMap()
        for lang in concept.languages:
            terms[lang] = CommentedSeq(term_tree(t) for t in concept.in_language(lang))
        node["terms"] = terms
    return node


def dump_tree(tree: Any) -> str:
    out = io.StringIO()
    roundtrip_yaml().dump(tree, out)
    return str(out.getvalue())


def dump_concepts(concepts: Sequence[Concept]) -> str:
    """The canonical YAML text of `concepts`, one blank line between concepts. Loading it gives
    equal concepts (terms grouped by language, as loading always returns them)."""
    if not concepts:
        return f"{TOP_KEY}: []\n"
    blocks = [dump_tree(CommentedSeq([concept_tree(c)])) for c in concepts]
    return f"{TOP_KEY}:\n" + "\n".join(blocks)
