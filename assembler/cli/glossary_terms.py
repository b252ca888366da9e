"""`assembler glossary lookup | add | edit | remove | check | scan`: finding, maintaining and
checking terms, and finding them in documents."""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

from assembler.corpus.catalog import Corpus
from assembler.corpus.model import Document
from assembler.corpus.select import parse_ranges, select_paragraphs
from assembler.errors import AssemblerError
from assembler.glossary import edit, qa
from assembler.glossary.matcher import Matcher
from assembler.glossary.model import (
    LANGUAGES,
    STATUSES,
    TERM_TYPES,
    TRADITIONAL_VARIANTS,
    Concept,
    Glossary,
    Place,
    Status,
    Term,
    TermType,
)
from assembler.glossary.scan import (
    ConceptCount,
    Flag,
    Occurrence,
    flags,
    replacement,
    scan_records,
    scan_segments,
    summarize,
    text_segments,
)
from assembler.glossary.store import glossary_files, load_glossary
from assembler.glossary.validate import GlossaryError, Problem

SPEC = "LANG:STATUS[:TYPE]:TEXT"
SPEC_HELP = (
    f"a term as {SPEC}, e.g. zh-Hans:preferred:acronym:禁毒办 or en:preferred:UNODC "
    f"(LANG: {', '.join(LANGUAGES)}; STATUS: {', '.join(STATUSES)}; "
    f"TYPE: {', '.join(TERM_TYPES)}, default full-form)"
)
ADD_EXAMPLE = """example:
  assembler glossary add ctitf --subject "UN Secretariat" --file secretariat \\
      --zh 反恐怖主义执行工作队 --en "Counter-Terrorism Implementation Task Force" \\
      --term en:preferred:acronym:CTITF --source E-CN.15-2007-9
"""
EDIT_EXAMPLE = """examples:
  assembler glossary edit unodc --add-term zh-Hans:superseded:abbreviation:禁毒办
  assembler glossary edit unodc --term 禁毒办 --status superseded --note "older name"
  assembler glossary edit unodc --term 禁毒办 --zh-Hant 禁毒辦
  assembler glossary edit unodc --subject "UN entities" --add-source E-CN.15-2007-9
  assembler glossary edit unodc --term 禁毒办 --note ""      (an empty value removes a field)
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "lookup",
        help="find a term in any language, with its concept and every equivalent",
        description=(
            "Find TERM in the glossary: exact matches first (terms, Traditional forms, concept "
            "ids; Latin letters in any case), then terms containing TERM and terms contained "
            "in it. Each concept is shown with all its terms and their statuses."
        ),
    )
    p.add_argument("term", metavar="TERM")
    p.add_argument("--json", action="store_true", help="machine-readable concepts")
    p.set_defaults(run=run_lookup)

    p = sub.add_parser(
        "add",
        help="add a concept",
        description=(
            "Add a concept to a glossary file. The file keeps its comments and layout; the "
            "glossary is checked with the new concept before anything is written."
        ),
        epilog=ADD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("id", metavar="ID", help="lowercase letters, digits and '-', e.g. unodc")
    p.add_argument("--subject", default="", help="the domain, e.g. 'UN entities'")
    p.add_argument("--definition", default="")
    p.add_argument("--note", default="", help="a usage note for editors")
    p.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="SRC",
        help="where the names were checked: a corpus document id, a symbol, a URL (repeatable)",
    )
    _term_options(p, "--term")
    p.add_argument(
        "--file",
        metavar="NAME",
        help="the glossary file (default: the file holding the concepts of --subject)",
    )
    p.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
    p.set_defaults(run=run_add)

    p = sub.add_parser(
        "edit",
        help="change a concept or one of its terms",
        description=(
            "Change a concept's fields, add terms to it, or (with --term TEXT) change one "
            "term. An empty value removes an optional field. Comments and layout are kept; "
            "an edit that would break a glossary rule is refused and nothing is written."
        ),
        epilog=EDIT_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--term", metavar="TEXT", help="the term to change (its exact text)")
    p.add_argument("--lang", choices=LANGUAGES, help="the term's language, if TEXT is ambiguous")
    concept = p.add_argument_group("the concept (without --term)")
    concept.add_argument("--subject")
    concept.add_argument("--definition")
    concept.add_argument("--add-source", action="append", default=[], metavar="SRC")
    concept.add_argument("--remove-source", action="append", default=[], metavar="SRC")
    concept.add_argument("--add-term", action="append", default=[], metavar="SPEC", help=SPEC_HELP)
    term = p.add_argument_group("the term chosen with --term")
    term.add_argument("--status", choices=STATUSES)
    term.add_argument("--type", choices=TERM_TYPES)
    term.add_argument("--source", metavar="SRC", help="where this term was checked")
    term.add_argument("--text", metavar="NEW", help="correct the term's text")
    for tag in TRADITIONAL_VARIANTS:
        term.add_argument(f"--{tag}", dest=tag, metavar="FORM", help=f"explicit {tag} form")
    p.add_argument("--note", help="the concept's note, or the term's with --term")
    p.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
    p.set_defaults(run=run_edit)

    p = sub.add_parser(
        "remove",
        help="remove a concept, or one of its terms",
        description="Remove concept ID, or with --term TEXT only that term of it.",
        epilog="examples:\n  assembler glossary remove ctitf\n"
        "  assembler glossary remove unodc --term 禁毒办",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("--term", metavar="TEXT", help="remove only this term")
    p.add_argument("--lang", choices=LANGUAGES, help="the term's language, if TEXT is ambiguous")
    p.add_argument("--dry-run", action="store_true", help="show the change, write nothing")
    p.set_defaults(run=run_remove)

    p = sub.add_parser(
        "check",
        help="validate the glossary and check it against the corpus",
        description=(
            "Check every glossary rule (errors), then against the corpus (warnings): terms "
            "never found in documents of their language, deprecated or superseded terms used "
            "in documents (where), concepts with no English term. Exit 1 on errors, 0 on "
            "warnings only."
        ),
    )
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(run=run_check)

    p = sub.add_parser(
        "scan",
        help="the glossary's concepts in a document or a text",
        description=(
            "Find the glossary's terms in a document (paragraphs, items and footnotes) or in a "
            "text file: each concept with its count, the forms found, its English term and "
            "every position (paragraph and character offset). Longest term first, no overlaps. "
            "Deprecated and superseded forms are flagged with the preferred form to use."
        ),
        epilog="examples:\n  assembler glossary scan ccpcj28-terrorism-ta 10-12\n"
        "  assembler glossary scan E/CN.15/2007/9 --json\n"
        "  echo 禁毒办的报告 | assembler glossary scan --text -",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("doc", nargs="?", metavar="DOC", help="document id or symbol")
    p.add_argument("range", nargs="?", metavar="PARA-RANGE", help="paragraphs, e.g. 15-20,38")
    p.add_argument("--text", metavar="FILE", help="scan a UTF-8 text file instead ('-': stdin)")
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language of the text (default: the document's; zh-Hans for --text)",
    )
    p.add_argument("--json", action="store_true", help="machine-readable, every occurrence")
    p.set_defaults(run=run_scan)


# -- term specs ---------------------------------------------------------------------------------
class _AppendTerm(argparse.Action):
    """--term SPEC, --zh TEXT and --en TEXT all add to one list, in command-line order."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        text = str(values)
        spec = f"{self.const}{text}" if self.const else text
        terms = list(getattr(namespace, self.dest) or [])
        terms.append(spec)
        setattr(namespace, self.dest, terms)


def _term_options(parser: argparse.ArgumentParser, flag: str) -> None:
    parser.add_argument(flag, action=_AppendTerm, dest="terms", metavar="SPEC", help=SPEC_HELP)
    parser.add_argument(
        "--zh",
        action=_AppendTerm,
        dest="terms",
        const="zh-Hans:preferred:",
        metavar="TEXT",
        help="shortcut for --term zh-Hans:preferred:TEXT",
    )
    parser.add_argument(
        "--en",
        action=_AppendTerm,
        dest="terms",
        const="en:preferred:",
        metavar="TEXT",
        help="shortcut for --term en:preferred:TEXT",
    )


def parse_term(spec: str) -> Term:
    """LANG:STATUS[:TYPE]:TEXT; the text may itself hold colons."""
    parts = spec.split(":", 3)
    if len(parts) < 3:
        raise AssemblerError(f"term {spec!r} is not {SPEC}", hint=SPEC_HELP)
    lang, status = parts[0], parts[1]
    if len(parts) == 4 and parts[2] in TERM_TYPES:
        kind, text = parts[2], parts[3]
    else:
        kind, text = "full-form", ":".join(parts[2:])
    if lang not in LANGUAGES:
        raise AssemblerError(
            f"term {spec!r}: unknown language {lang!r}", hint=f"use {', '.join(LANGUAGES)}"
        )
    if status not in STATUSES:
        raise AssemblerError(
            f"term {spec!r}: unknown status {status!r}", hint=f"use {', '.join(STATUSES)}"
        )
    if not text.strip():
        raise AssemblerError(f"term {spec!r} has no text", hint=SPEC_HELP)
    return Term(text=text, lang=lang, status=cast(Status, status), type=cast(TermType, kind))


# -- showing concepts ---------------------------------------------------------------------------
def shown_path(file: str) -> str:
    """A glossary file as the user would type it: relative to the working folder if inside."""
    try:
        return str(Path(file).resolve().relative_to(Path.cwd()))
    except ValueError:
        return file


def shown_place(place: Place | None) -> str:
    return f"{shown_path(place.file)}:{place.line}" if place else "(not in a file)"


def format_term(term: Term, mark: bool = False) -> str:
    extras = [f"{tag} {form}" for tag, form in term.variants]
    if term.note:
        extras.append(f"note: {term.note}")
    if term.source:
        extras.append(f"source: {term.source}")
    tail = f"   ({'; '.join(extras)})" if extras else ""
    pointer = "»" if mark else " "
    return f"  {pointer} {term.lang:<8} {term.status:<11} {term.type:<13} {term.text}{tail}"


def format_concept(concept: Concept, matched: Sequence[Term] = ()) -> str:
    subject = f"  — {concept.subject}" if concept.subject else ""
    lines = [f"{concept.id}{subject}   [{shown_place(concept.place)}]"]
    lines += [format_term(t, any(t is m for m in matched)) for t in concept.terms]
    for label, value in (("definition", concept.definition), ("note", concept.note)):
        if value:
            lines.append(f"    {label}: {value}")
    if concept.sources:
        lines.append(f"    sources: {', '.join(concept.sources)}")
    return "\n".join(lines)


def term_json(term: Term) -> dict[str, Any]:
    return {
        "lang": term.lang,
        "term": term.text,
        "status": term.status,
        "type": term.type,
        "note": term.note,
        "source": term.source,
        "variants": dict(term.variants),
        "place": shown_place(term.place),
    }


def concept_json(concept: Concept) -> dict[str, Any]:
    return {
        "id": concept.id,
        "subject": concept.subject,
        "definition": concept.definition,
        "note": concept.note,
        "sources": list(concept.sources),
        "terms": [term_json(t) for t in concept.terms],
        "place": shown_place(concept.place),
    }


def _dump(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# -- lookup -------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Match:
    concept: Concept
    terms: tuple[Term, ...]  # the terms that matched (none when the id matched)
    exact: bool


def _forms(term: Term) -> list[str]:
    return [term.text, *(form for _, form in term.variants)]


def lookup(glossary: Glossary, query: str) -> list[Match]:
    """Concepts with a term (or Traditional form) equal to the query, then those with a term
    containing it or contained in it (two characters or more); Latin letters in any case."""
    wanted = query.strip().casefold()
    if not wanted:
        return []
    exact: list[Match] = []
    partial: list[Match] = []
    for concept in glossary.concepts:
        same = tuple(t for t in concept.terms if wanted in (f.casefold() for f in _forms(t)))
        if same or concept.id == wanted:
            exact.append(Match(concept, same, True))
            continue
        near = tuple(
            t
            for t in concept.terms
            if any(
                wanted in f.casefold() or (len(f) >= 2 and f.casefold() in wanted)
                for f in _forms(t)
            )
        )
        if near:
            partial.append(Match(concept, near, False))
    # Closest in length first: the term a user most likely meant.
    partial.sort(key=lambda m: min(abs(len(t.text) - len(wanted)) for t in m.terms))
    return exact + partial


def suggestions(glossary: Glossary, query: str) -> list[str]:
    names = [t.text for c in glossary.concepts for t in c.terms] + [c.id for c in glossary.concepts]
    return difflib.get_close_matches(query, list(dict.fromkeys(names)), n=5, cutoff=0.5)


def run_lookup(args: argparse.Namespace) -> int:
    glossary = load_glossary(args.glossary)
    matches = lookup(glossary, args.term)
    if args.json:
        _dump(
            {
                "query": args.term,
                "matches": [
                    {
                        "exact": m.exact,
                        "matched": [t.text for t in m.terms],
                        "concept": concept_json(m.concept),
                    }
                    for m in matches
                ],
                "suggestions": [] if matches else suggestions(glossary, args.term),
            }
        )
        return 0 if matches else 1
    if not matches:
        close = suggestions(glossary, args.term)
        raise AssemblerError(
            f"no glossary term matches {args.term!r}",
            hint=f"did you mean {', '.join(close)}?"
            if close
            else "try a shorter part of the term, or another language",
        )
    for match in matches:
        print(format_concept(match.concept, match.terms))
        print()
    exact = sum(m.exact for m in matches)
    noun = "concept" if len(matches) == 1 else "concepts"
    print(f"{len(matches)} {noun}: {exact} exact, {len(matches) - exact} partial")
    return 0


# -- add / edit / remove ------------------------------------------------------------------------
def _finish(change: edit.Change, dry_run: bool) -> int:
    """Report a change that edit.add_concept/update_concept/remove_concept made (or, with
    --dry-run, planned)."""
    if dry_run:
        sys.stdout.write(change.diff() or "no change\n")
        print(f"{change.summary}: dry run, nothing written")
        return 0
    if change.after == change.before:
        print(f"{change.summary}: no change, nothing written")
        return 0
    print(f"{change.summary} in {shown_path(str(change.path))}")
    if change.concept is not None:
        print(format_concept(change.concept))
    return 0


def run_add(args: argparse.Namespace) -> int:
    terms = tuple(parse_term(spec) for spec in args.terms or ())
    if not terms:
        raise AssemblerError(
            f"{args.id}: a concept needs terms",
            hint="add --zh TEXT, --en TEXT or --term " + SPEC,
        )
    concept = Concept(
        id=args.id,
        subject=args.subject,
        definition=args.definition,
        note=args.note,
        sources=tuple(args.source),
        terms=terms,
    )
    file = edit.file_in(args.glossary, args.file) if args.file else None
    if file is not None and not file.exists() and args.glossary.is_dir():
        known = ", ".join(p.name for p in glossary_files(args.glossary))
        print(f"new file {file.name} (existing: {known or 'none'})", file=sys.stderr)
    return _finish(
        edit.add_concept(args.glossary, concept, file, dry_run=args.dry_run), args.dry_run
    )


_TERM_ONLY = ("status", "type", "source", "text", *TRADITIONAL_VARIANTS)
_CONCEPT_ONLY = ("subject", "definition", "add_source", "remove_source", "add_term")


def _given(args: argparse.Namespace, names: Sequence[str]) -> list[str]:
    return [n for n in names if getattr(args, n) not in (None, [])]


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _term_change(args: argparse.Namespace) -> tuple[Callable[[Concept], Concept], str]:
    wrong = _given(args, _CONCEPT_ONLY)
    if wrong:
        raise AssemblerError(
            f"{', '.join(map(_option, wrong))} change the concept, not the term chosen by --term",
            hint="run them without --term",
        )
    fields = {
        key: getattr(args, key)
        for key in ("status", "type", "source", "note")
        if getattr(args, key) is not None
    }
    if args.text is not None:
        if not args.text.strip():
            raise AssemblerError(
                "--text cannot make a term empty",
                hint=f"to remove the term: assembler glossary remove {args.id} --term {args.term}",
            )
        fields["text"] = args.text
    forms = {tag: getattr(args, tag) for tag in TRADITIONAL_VARIANTS}
    if not fields and all(v is None for v in forms.values()):
        raise AssemblerError(
            "nothing to change", hint="add --status, --type, --note, --source, --text or --zh-Hant"
        )

    def change(concept: Concept) -> Concept:
        old = edit.find_term(concept, args.term, args.lang)
        variants = dict(old.variants)
        for tag, form in forms.items():
            if form == "":
                variants.pop(tag, None)
            elif form is not None:
                variants[tag] = form
        ordered = tuple((t, variants[t]) for t in TRADITIONAL_VARIANTS if t in variants)
        new = dataclasses.replace(old, variants=ordered, **fields)
        return edit.replace_term(concept, old, new)

    changed = ", ".join(
        [f"{k} {v!r}" for k, v in fields.items()]
        + [f"{t} {f!r}" for t, f in forms.items() if f is not None]
    )
    return change, f"{args.id}: term {args.term!r}: {changed}"


def _concept_change(args: argparse.Namespace) -> tuple[Callable[[Concept], Concept], str]:
    wrong = _given(args, _TERM_ONLY)
    if wrong:
        raise AssemblerError(
            f"{', '.join(map(_option, wrong))} change a term: choose it with --term TEXT",
            hint="e.g. --term 禁毒办 --status superseded",
        )
    fields = {
        key: getattr(args, key)
        for key in ("subject", "definition", "note")
        if getattr(args, key) is not None
    }
    added = [parse_term(spec) for spec in args.add_term]
    if not (fields or added or args.add_source or args.remove_source):
        raise AssemblerError(
            "nothing to change",
            hint="add --subject, --definition, --note, --add-source, --remove-source, "
            "--add-term, or choose a term with --term",
        )

    def change(concept: Concept) -> Concept:
        missing = [s for s in args.remove_source if s not in concept.sources]
        if missing:
            raise AssemblerError(
                f"{concept.id} has no source {missing[0]!r}",
                hint=f"its sources: {', '.join(concept.sources) or 'none'}",
            )
        kept = [s for s in concept.sources if s not in args.remove_source]
        sources = tuple(dict.fromkeys([*kept, *args.add_source]))
        result = dataclasses.replace(concept, sources=sources, **fields)
        for term in added:
            result = edit.add_term(result, term)
        return result

    parts = [f"{k} {v!r}" for k, v in fields.items()]
    parts += [f"+source {s}" for s in args.add_source]
    parts += [f"-source {s}" for s in args.remove_source]
    parts += [f"+{t.lang} term {t.text!r}" for t in added]
    return change, f"{args.id}: {', '.join(parts)}"


def run_edit(args: argparse.Namespace) -> int:
    change, summary = _term_change(args) if args.term is not None else _concept_change(args)
    changed = edit.update_concept(args.glossary, args.id, change, summary, dry_run=args.dry_run)
    return _finish(changed, args.dry_run)


def run_remove(args: argparse.Namespace) -> int:
    if args.term is None:
        removed = edit.remove_concept(args.glossary, args.id, dry_run=args.dry_run)
        return _finish(removed, args.dry_run)

    def change(concept: Concept) -> Concept:
        return edit.remove_term(concept, edit.find_term(concept, args.term, args.lang))

    summary = f"{args.id}: removed term {args.term!r}"
    changed = edit.update_concept(args.glossary, args.id, change, summary, dry_run=args.dry_run)
    return _finish(changed, args.dry_run)


# -- check --------------------------------------------------------------------------------------
def _documents(root: Path) -> list[Document]:
    return Corpus(root).documents() if root.is_dir() else []


def _problem_line(problem: Problem) -> str:
    hint = f" ({problem.hint})" if problem.hint else ""
    return f"{shown_place(problem.place)}: {problem.message}{hint}"


def _finding_json(finding: qa.Finding) -> dict[str, Any]:
    data = dataclasses.asdict(finding)
    data["place"] = shown_place(finding.place)
    return data


# (one, several): section titles use the plural, counts whichever fits.
KIND_NAMES: dict[qa.Kind, tuple[str, str]] = {
    "unused-term": ("term never found in the corpus", "terms never found in the corpus"),
    "discouraged-use": (
        "use of a deprecated or superseded term in the corpus",
        "uses of deprecated or superseded terms in the corpus",
    ),
    "no-english": ("concept with no English term", "concepts with no English term"),
}


def counted(n: int, one: str, several: str = "") -> str:
    return f"{n} {one if n == 1 else several or one + 's'}"


def finding_lines(findings: Sequence[qa.Finding]) -> list[str]:
    """One line per finding; the uses of one term in one document share a line."""
    lines = [f"  {shown_place(f.place)}: {f.message}" for f in findings if not f.doc]
    uses: dict[tuple[str, str, str, str], list[qa.Finding]] = {}
    for finding in findings:
        if finding.doc:
            key = (finding.concept, finding.lang, finding.term, finding.doc)
            uses.setdefault(key, []).append(finding)
    for (concept_id, lang, term, doc), group in uses.items():
        first = group[0]
        places = ", ".join(dict.fromkeys(f.where for f in group))
        use = f"; use {first.use}" if first.use else ""
        lines.append(
            f"  {shown_place(first.place)}: {concept_id}: {first.status} {lang} term {term!r}"
            f" ×{len(group)} in {doc}: {places}{use}"
        )
    return lines


def run_check(args: argparse.Namespace) -> int:
    files = glossary_files(args.glossary)
    try:
        glossary = load_glossary(args.glossary)
    except GlossaryError as error:
        if args.json:
            _dump(
                {
                    "errors": [
                        {"place": shown_place(p.place), "message": p.message, "hint": p.hint}
                        for p in error.problems
                    ],
                    "warnings": [],
                    "counts": {"errors": len(error.problems), "warnings": 0},
                }
            )
        else:
            for problem in error.problems:
                print(_problem_line(problem))
            print(
                f"{counted(len(error.problems), 'error')} in {counted(len(files), 'file')}; "
                "corpus checks skipped"
            )
        return 1
    documents = _documents(args.corpus)
    report = qa.check(glossary, documents)
    terms = sum(len(c.terms) for c in glossary.concepts)
    counts = {kind: report.count(kind) for kind in KIND_NAMES}
    if args.json:
        _dump(
            {
                "errors": [],
                "warnings": [_finding_json(f) for f in report.findings],
                "counts": {
                    "errors": 0,
                    "warnings": len(report.findings),
                    "concepts": len(glossary.concepts),
                    "terms": terms,
                    "files": len(files),
                    "documents": report.documents,
                    **counts,
                },
            }
        )
        return 0
    for kind, (_, title) in KIND_NAMES.items():
        lines = finding_lines([f for f in report.findings if f.kind == kind])
        if lines:
            print(f"{title} ({counts[kind]}):")
            print("\n".join(lines))
            print()
    print(
        f"glossary: {counted(len(glossary.concepts), 'concept')}, {counted(terms, 'term')} in "
        f"{counted(len(files), 'file')}; 0 errors"
    )
    if documents:
        print(
            f"corpus: {counted(report.documents, 'document')}, "
            f"{counted(report.terms_checked, 'term')} in their languages checked"
        )
    else:
        print(f"corpus: no documents in {args.corpus}; corpus checks skipped")
    detail = ", ".join(counted(counts[k], *KIND_NAMES[k]) for k in KIND_NAMES)
    print(f"{counted(len(report.findings), 'warning')}: {detail}")
    return 0


# -- scan ---------------------------------------------------------------------------------------
def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    path = Path(name)
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError as exc:
        raise AssemblerError("no such file", path=path) from exc
    except UnicodeDecodeError as exc:
        raise AssemblerError("not UTF-8 text", path=path, hint="save it as UTF-8") from exc


def _occurrence_json(occurrence: Occurrence) -> dict[str, Any]:
    return {
        "seq": occurrence.seq,
        "para": occurrence.para,
        "part": occurrence.part,
        "label": occurrence.label,
        "start": occurrence.start,
        "end": occurrence.end,
        "term": occurrence.hit.term.text,
    }


def _flag_json(flag: Flag) -> dict[str, Any]:
    return {
        "concept": flag.concept.id,
        "term": flag.term.text,
        "status": flag.term.status,
        "use": flag.use.text if flag.use else None,
        **_occurrence_json(flag.occurrence),
    }


def _count_json(entry: ConceptCount, lang: str) -> dict[str, Any]:
    own = entry.concept.preferred(lang)
    return {
        "id": entry.concept.id,
        "count": entry.count,
        "preferred": own.text if own else None,
        "english": entry.english.text if entry.english else None,
        "shared": entry.shared,
        "forms": [
            {"term": t.text, "lang": t.lang, "status": t.status, "type": t.type, "count": n}
            for t, n in entry.forms
        ],
        "occurrences": [_occurrence_json(o) for o in entry.occurrences],
    }


def _form_text(term: Term, count: int, concept: Concept) -> str:
    if not term.discouraged:
        return f"{term.text} ×{count}"
    use = replacement(concept, term)
    instead = f", use {use.text}" if use else ""
    return f"{term.text} ×{count} [{term.status}{instead}]"


def positions(occurrences: Sequence[Occurrence]) -> str:
    """Offsets grouped by place, in reading order: "para 5 @170,212; para 7 @59"."""
    grouped: dict[str, list[str]] = {}
    for occurrence in occurrences:
        grouped.setdefault(occurrence.where, []).append(str(occurrence.start))
    return "; ".join(f"{where} @{','.join(starts)}" for where, starts in grouped.items())


def format_scan(summary: Sequence[ConceptCount], all_flags: Sequence[Flag]) -> str:
    lines = []
    for entry in summary:
        english = entry.english.text if entry.english else "(no English term)"
        forms = ", ".join(_form_text(t, n, entry.concept) for t, n in entry.forms)
        shared = "  (term shared with another concept)" if entry.shared else ""
        lines.append(f"{entry.count:5}  {forms} = {english}   [{entry.concept.id}]{shared}")
        lines.append("       " + positions(entry.occurrences))
    if all_flags:
        grouped: dict[tuple[str, str], list[Flag]] = {}
        for flag in all_flags:
            grouped.setdefault((flag.concept.id, flag.term.text), []).append(flag)
        lines.append("")
        lines.append(f"deprecated or superseded forms: {len(all_flags)} uses of {len(grouped)}")
        for (concept_id, text), group in grouped.items():
            first = group[0]
            use = f"use {first.use.text}" if first.use else "no preferred form in the glossary"
            lines.append(f"  {text} ×{len(group)} ({first.term.status}) -> {use}   [{concept_id}]")
    return "\n".join(lines)


def run_scan(args: argparse.Namespace) -> int:
    if (args.text is None) == (args.doc is None):
        raise AssemblerError(
            "scan a document or a text", hint="give DOC [PARA-RANGE], or --text FILE ('-': stdin)"
        )
    if args.text is not None and args.range:
        raise AssemblerError("PARA-RANGE applies to documents only", hint="drop it with --text")
    glossary = load_glossary(args.glossary)
    if args.text is not None:
        lang = args.lang or "zh-Hans"
        name = "<stdin>" if args.text == "-" else args.text
        title = f"{name} (text, {lang})"
        occurrences = scan_segments(
            Matcher(glossary, [lang]), text_segments(_read_text(args.text), name)
        )
        scope = "every line"
    else:
        document = Corpus(args.corpus).resolve(args.doc)
        lang = args.lang or qa.glossary_language(document.meta.lang)
        records = (
            select_paragraphs(document, parse_ranges(args.range))
            if args.range
            else list(document.records)
        )
        meta = document.meta
        title = f"{meta.id}  {meta.symbol or '(no symbol)'}  {meta.title}"
        occurrences = scan_records(Matcher(glossary, [lang]), records)
        scope = f"paragraphs {args.range}" if args.range else f"{len(records)} records"
    summary = summarize(glossary, occurrences)
    all_flags = flags(glossary, occurrences)
    if args.json:
        _dump(
            {
                "source": title,
                "lang": lang,
                "range": args.range,
                "occurrences": len(occurrences),
                "concepts": [_count_json(e, lang) for e in summary],
                "flags": [_flag_json(f) for f in all_flags],
            }
        )
        return 0
    print(title)
    print(
        f"{scope}: {len(occurrences)} occurrences of {len(summary)} concepts, "
        f"{len(all_flags)} deprecated or superseded"
    )
    if summary:
        print()
        print(format_scan(summary, all_flags))
    return 0
