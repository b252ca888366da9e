"""The JSON shapes of the glossary's results, as `glossary ... --json` prints them and a web
workspace would send them: dicts and lists of text, numbers, booleans and null.

A place in a glossary file is shown as "file:line", the file as the user would type it
(relative to the working folder when it is inside it).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from assembler.glossary import qa
from assembler.glossary.candidates import Candidate
from assembler.glossary.check import CheckResult
from assembler.glossary.edit import Change
from assembler.glossary.lookup import Lookup
from assembler.glossary.model import TERM_FIELDS, Concept, Place, Term
from assembler.glossary.scan import ConceptCount, Flag, Occurrence, ScanResult


def shown_path(file: str) -> str:
    """A glossary file as the user would type it: relative to the working folder if inside."""
    try:
        return str(Path(file).resolve().relative_to(Path.cwd()))
    except ValueError:
        return file


def shown_place(place: Place | None) -> str:
    return f"{shown_path(place.file)}:{place.line}" if place else "(not in a file)"


def term_json(term: Term) -> dict[str, Any]:
    """The term's language, its fields by key (Traditional forms under "variants") and its
    place."""
    fields = {f.key: f.value(term) for f in TERM_FIELDS if f.kind != "form"}
    return {
        "lang": term.lang,
        **fields,
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


def change_json(change: Change) -> dict[str, Any]:
    """An add, edit or remove as the web workspace's JSON API reports it: what `glossary add`,
    `edit` and `remove` print (the summary, the file, the concept as it now is)."""
    return {
        "summary": change.summary,
        "file": shown_path(str(change.path)),
        "changed": change.after != change.before,
        "concept": concept_json(change.concept) if change.concept is not None else None,
    }


def lookup_json(result: Lookup) -> dict[str, Any]:
    return {
        "query": result.query,
        "matches": [
            {
                "exact": m.exact,
                "matched": [t.text for t in m.terms],
                "concept": concept_json(m.concept),
            }
            for m in result.matches
        ],
        "suggestions": list(result.suggestions),
    }


def _finding_json(finding: qa.Finding) -> dict[str, Any]:
    data = dataclasses.asdict(finding)
    data["place"] = shown_place(finding.place)
    return data


def check_json(result: CheckResult) -> dict[str, Any]:
    """Errors (the rules broken) or, when there are none, warnings (the corpus checks), with
    their counts."""
    if result.report is None:
        return {
            "errors": [
                {"place": shown_place(p.place), "message": p.message, "hint": p.hint}
                for p in result.errors
            ],
            "warnings": [],
            "counts": {"errors": len(result.errors), "warnings": 0},
        }
    report = result.report
    return {
        "errors": [],
        "warnings": [_finding_json(f) for f in report.findings],
        "counts": {
            "errors": 0,
            "warnings": len(report.findings),
            "concepts": len(result.glossary.concepts),
            "terms": result.terms,
            "files": len(result.files),
            "documents": report.documents,
            **{kind: report.count(kind) for kind in qa.KINDS},
        },
    }


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


def scan_json(result: ScanResult) -> dict[str, Any]:
    """Every concept found with every occurrence, and every deprecated or superseded use."""
    return {
        "source": result.source,
        "lang": result.lang,
        "range": result.range,
        "occurrences": len(result.occurrences),
        "concepts": [_count_json(e, result.lang) for e in result.concepts],
        "flags": [_flag_json(f) for f in result.flags],
        "ambiguous": [
            {"concepts": list(o.hit.concepts), **_occurrence_json(o)} for o in result.ambiguous
        ],
    }


def candidate_json(candidate: Candidate) -> dict[str, Any]:
    return {
        "kind": candidate.kind,
        "text": candidate.text,
        "count": candidate.count,
        "terms": [dataclasses.asdict(t) for t in candidate.terms],
        "adds_to": candidate.adds_to or None,
        "documents": list(candidate.documents),
        "locations": [{"doc": loc.doc, "where": loc.where} for loc in candidate.locations],
    }
