"""UNTERM records into the glossary: the API's JSON records (one, or a list of them) and the
SKOS/Turtle export of the Dag Hammarskjöld Library's linked-data mapping (through rdflib).

Each record becomes a concept: its terms in the six UN languages (UNTERM's `zh` is our zh-Hans;
German, Portuguese and the rest are left out), statuses and types mapped (UNTERM `full` ->
full-form, `short` -> short-form; `obsolete` -> superseded), English names without UNTERM's
running-text "the" and list "(the)", and the record's URI
(http://metadata.un.org/unterm/<record id>, as the Turtle export names it) as the source of the
concept and of every term taken from it.

A record is then merged (plan_merge), never duplicated:
- it joins the one concept that already has one of its terms (same language, same text) or
  its URI: terms that concept lacks are added, with the record as their source;
- a term both have with another status or type, or a preferred term the glossary lacks where
  it prefers another term of the same language and type, is a conflict: reported, and the
  glossary's entry is left as it is (the UNTERM term is not added);
- a record whose terms are on several concepts is a conflict and is not imported;
- a record no concept matches becomes a new concept (id from its English short name).
What is written goes through exchange.import_glossary: under the folder's lock, checked,
spliced into the files, atomically; a dry run writes nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from assembler.errors import AssemblerError
from assembler.glossary.model import LANGUAGES, STATUSES, TERM_TYPES, Concept, Glossary, Term

URI_BASE = "http://metadata.un.org/unterm/"
STATUS = {
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "superseded",
    "obsolete": "superseded",
}
TYPE = {
    "full": "full-form",
    "short": "short-form",
    "acronym": "acronym",
    "abbreviation": "abbreviation",
    "": "full-form",
}
LANGUAGE = {"zh": "zh-Hans", "en": "en", "fr": "fr", "es": "es", "ru": "ru", "ar": "ar"}
# The JSON API names its language sections in full.
JSON_SECTIONS = {
    "chinese": "zh",
    "english": "en",
    "french": "fr",
    "spanish": "es",
    "russian": "ru",
    "arabic": "ar",
}
# Subjects as the bundled glossary names them.
SUBJECTS = {"country": "countries and territories"}


@dataclass(frozen=True)
class Record:
    """One UNTERM record as read: its id, kind and terms in our model."""

    id: str
    kind: str  # recordType / dct:type, lowercase ("country")
    terms: tuple[Term, ...]

    @property
    def uri(self) -> str:
        return URI_BASE + self.id


# -- reading --------------------------------------------------------------------------------
def looks_like_unterm(data: bytes, path: Path) -> bool:
    """JSON (a record or a list) or Turtle: what `glossary import` auto-detects as UNTERM."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    return path.suffix.lower() in (".json", ".ttl") or head.startswith(
        (b"{", b"[", b"@prefix", b"PREFIX")
    )


def _term(record_id: str, lang: str, text: Any, status: Any, kind: Any) -> Term:
    where = f"UNTERM record {record_id}, {lang} term {text!r}"
    if not isinstance(text, str) or not text.strip():
        raise AssemblerError(f"{where}: no term text", hint="check the record in UNTERM")
    status_key, type_key = str(status or "").strip().lower(), str(kind or "").strip().lower()
    if status_key not in STATUS:
        raise AssemblerError(
            f"{where}: unknown termStatus {status!r}", hint=f"known: {', '.join(STATUS)}"
        )
    if type_key not in TYPE:
        raise AssemblerError(
            f"{where}: unknown termType {kind!r}", hint=f"known: {', '.join(t for t in TYPE if t)}"
        )
    return Term(
        _bare_english(text.strip()) if lang == "en" else text.strip(),
        LANGUAGE[lang],
        STATUS[status_key],  # type: ignore[arg-type]
        TYPE[type_key],  # type: ignore[arg-type]
        source=URI_BASE + record_id,
    )


def _bare_english(text: str) -> str:
    """UNTERM writes English names as they stand in running text ("the French Republic") and
    in alphabetical lists ("Sudan (the)"); the glossary keeps the bare name, as the UN list of
    Member States and our matcher's text need (glossary/countries.yaml), so a record and the
    glossary entry taken from it compare equal. Other parentheses are part of the name."""
    if text.startswith("the "):
        text = text[4:]
    return text.removesuffix(" (the)")


def _ordered(terms: Iterable[Term]) -> tuple[Term, ...]:
    """Languages in LANGUAGES order; in each, preferred first, full forms before short ones
    (the glossary's convention: `preferred()` is the first); one term per text (UNTERM gives
    a name that is both the full and the short form twice)."""
    ranked = sorted(
        terms,
        key=lambda t: (
            LANGUAGES.index(t.lang),
            STATUSES.index(t.status),
            TERM_TYPES.index(t.type),
            t.text,
        ),
    )
    seen: set[tuple[str, str]] = set()
    kept = []
    for term in ranked:
        if (term.lang, term.text) not in seen:
            seen.add((term.lang, term.text))
            kept.append(term)
    return tuple(kept)


def _json_record(item: Any, path: Path) -> Record:
    if not isinstance(item, dict) or not isinstance(item.get("recordID"), str):
        raise AssemblerError(
            "not an UNTERM record: no recordID", path=path, hint="export records from UNTERM"
        )
    record_id = item["recordID"]
    terms = []
    for section, lang in JSON_SECTIONS.items():
        block = item.get(section)
        if not isinstance(block, dict):
            continue
        for entry in block.get("terms") or []:
            if not isinstance(entry, dict):
                raise AssemblerError(
                    f"UNTERM record {record_id}: a {section} term is not an object"
                )
            terms.append(
                _term(record_id, lang, entry.get("term"), entry.get("termStatus"),
                      entry.get("termType"))
            )  # fmt: skip
    return Record(record_id, str(item.get("recordType") or "").lower(), _ordered(terms))


def read_json(data: bytes, path: Path) -> list[Record]:
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AssemblerError(
            f"not JSON: {exc}", path=path, hint="save the API's answer as is"
        ) from exc
    items = parsed if isinstance(parsed, list) else [parsed]
    return [_json_record(item, path) for item in items]


def read_turtle(data: bytes, path: Path) -> list[Record]:
    # rdflib is imported here: only this import needs it, and it takes a while to load.
    import rdflib
    from rdflib.namespace import DCTERMS, RDF, SKOS

    graph = rdflib.Graph()
    try:
        graph.parse(data=data.decode("utf-8-sig"), format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise AssemblerError(
            f"not Turtle that rdflib can read: {exc}", path=path, hint="export it again"
        ) from exc
    ns = rdflib.Namespace("https://metadata.un.org/UNTERM/ontology#")
    records = []
    for concept in sorted(graph.subjects(RDF.type, SKOS.Concept), key=str):
        record_id = str(graph.value(concept, DCTERMS.identifier) or "")
        if not record_id:
            record_id = str(concept).removeprefix(URI_BASE)
        terms = []
        for section in graph.objects(concept, ns.languageData):
            lang = str(graph.value(section, DCTERMS.language) or "")
            if lang not in LANGUAGE:
                continue
            for node in graph.objects(section, ns.terms):
                terms.append(
                    _term(record_id, lang, str(graph.value(node, ns.termValue) or ""),
                          graph.value(node, ns.termStatus), graph.value(node, ns.termType))
                )  # fmt: skip
        kind = str(graph.value(concept, DCTERMS.type) or "").lower()
        records.append(Record(record_id, kind, _ordered(terms)))
    if not records:
        raise AssemblerError("no UNTERM records (skos:Concept) in this file", path=path)
    return records


def read_records(data: bytes, path: Path) -> list[Record]:
    """The records of an UNTERM JSON or Turtle file; an error names the file."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    try:
        return read_json(data, path) if head in (b"{", b"[") else read_turtle(data, path)
    except AssemblerError as error:
        if error.path is None:
            error.path = str(path)
        raise


# -- merging --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Conflict:
    record: str  # the record's URI
    concept: str  # the glossary concept concerned ("" when none could be chosen)
    message: str


@dataclass(frozen=True)
class Merge:
    """What importing the records does: the concepts to write (new ones, and existing ones
    with the terms they gain) and what was left alone and why."""

    new: tuple[Concept, ...]
    merged: tuple[tuple[Concept, tuple[Term, ...]], ...]  # concept as it will be, terms added
    unchanged: tuple[str, ...]  # concepts that already hold everything their record says
    conflicts: tuple[Conflict, ...]

    @property
    def concepts(self) -> tuple[Concept, ...]:
        return self.new + tuple(c for c, _ in self.merged)


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    # UNTERM's English short names put a needed article last: "Syrian Arab Republic (the)".
    plain = re.sub(r"^the\s+|\s*\(the\)$", "", plain)
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "unterm"


def _new_id(record: Record, taken: set[str]) -> str:
    english = [t for t in record.terms if t.lang == "en"]
    short = next((t for t in english if t.type == "short-form"), english[0] if english else None)
    base = _slug(short.text) if short else "unterm"
    return base if base not in taken else f"{base}-{record.id[:8]}"


def _matches(record: Record, owners: Mapping[tuple[str, str], list[str]]) -> list[str]:
    found = [cid for t in record.terms for cid in owners.get((t.lang, t.text), [])]
    found += owners.get(("source", record.uri), [])
    return list(dict.fromkeys(found))


def _merge_one(record: Record, concept: Concept) -> tuple[Concept, list[Term], list[Conflict]]:
    """`concept` with the record's terms it lacks, and the conflicts that kept others out."""
    conflicts = []
    added = []
    mine = {(t.lang, t.text): t for t in concept.terms}
    theirs = {(t.lang, t.text) for t in record.terms}
    for term in record.terms:
        own = mine.get((term.lang, term.text))
        if own is not None:
            if (own.status, own.type) != (term.status, term.type):
                conflicts.append(
                    Conflict(
                        record.uri,
                        concept.id,
                        f"{term.lang} {term.text!r}: UNTERM says {term.status} {term.type}, "
                        f"the glossary {own.status} {own.type}",
                    )
                )
            continue
        rival = next(
            (
                t
                for t in concept.in_language(term.lang)
                if term.status == t.status == "preferred"
                and t.type == term.type
                and (t.lang, t.text) not in theirs
            ),
            None,
        )
        if rival is not None:
            conflicts.append(
                Conflict(
                    record.uri,
                    concept.id,
                    f"{term.lang}: UNTERM prefers {term.text!r} ({term.type}), the glossary "
                    f"{rival.text!r}; not added",
                )
            )
            continue
        added.append(term)
    if not added:
        return concept, [], conflicts
    sources = concept.sources if record.uri in concept.sources else (*concept.sources, record.uri)
    return replace(concept, terms=concept.terms + tuple(added), sources=sources), added, conflicts


def plan_merge(glossary: Glossary, records: Sequence[Record]) -> Merge:
    owners: dict[tuple[str, str], list[str]] = {}
    for concept in glossary.concepts:
        for term in concept.terms:
            owners.setdefault((term.lang, term.text), []).append(concept.id)
        for source in concept.sources:
            owners.setdefault(("source", source), []).append(concept.id)
    current = glossary.by_id()
    taken = set(current)
    new: dict[str, Concept] = {}
    added: dict[str, list[Term]] = {}
    conflicts: list[Conflict] = []
    for record in records:
        if not record.terms:
            conflicts.append(Conflict(record.uri, "", "no terms in the six UN languages"))
            continue
        matched = _matches(record, owners)
        if len(matched) > 1:
            conflicts.append(
                Conflict(
                    record.uri,
                    "",
                    f"its terms are on {', '.join(matched)}: merge those concepts first",
                )
            )
            continue
        if not matched:
            concept_id = _new_id(record, taken)
            taken.add(concept_id)
            subject = SUBJECTS.get(record.kind, record.kind)
            new[concept_id] = Concept(
                concept_id, subject=subject, sources=(record.uri,), terms=record.terms
            )
            for term in record.terms:
                owners.setdefault((term.lang, term.text), []).append(concept_id)
            continue
        concept_id = matched[0]
        if concept_id in new:  # two records of one concept in the file: a problem of the file
            conflicts.append(Conflict(record.uri, concept_id, "a second record of this concept"))
            continue
        merged, terms, found = _merge_one(record, current[concept_id])
        conflicts += found
        current[concept_id] = merged
        added.setdefault(concept_id, []).extend(terms)
    changed = tuple((current[cid], tuple(terms)) for cid, terms in added.items() if terms)
    unchanged = tuple(cid for cid, terms in added.items() if not terms)
    return Merge(tuple(new.values()), changed, unchanged, tuple(conflicts))
