"""Reading TBX-Basic, v3 or v2, into a glossary (the mapping is described in tbx.py), from
untrusted files: parsing never resolves entities, loads a DTD or touches the network, and a
document whose DOCTYPE declares anything is refused. What the glossary cannot hold (other data
categories, a definition inside a langSec, ...) is refused instead of dropped: the error names
the file, the line and the element."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lxml import etree

from assembler.errors import AssemblerError
from assembler.glossary.model import (
    LANGUAGES,
    TERM_ANNOTATIONS,
    TERM_FIELDS,
    TRADITIONAL_VARIANTS,
    Concept,
    Glossary,
    Place,
    Term,
    TermField,
    context_from_note,
    term_from_values,
)
from assembler.glossary.tbx import FROM_PICKLISTS, V3, XML_LANG, Dialect, concept_id_from_xml


def _syntax_error(path: Path, exc: etree.XMLSyntaxError) -> AssemblerError:
    line, column = exc.position if exc.position else (None, None)
    return AssemblerError(
        f"not well-formed XML: {exc.msg}",
        path=path,
        line=line,
        column=column,
        hint="fix the XML at that position, or export the file from its tool again",
    )


# A DOCTYPE with an internal subset ("[...]"), where entities are declared; refused before
# libxml2 sees it, so that no entity is ever expanded, however harmless it looks.
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[")


def _declarations_refused(path: Path, line: int) -> AssemblerError:
    return AssemblerError(
        "the DOCTYPE declares entities or elements; such files are refused (entities can "
        "read local files or expand without limit)",
        path=path,
        line=line,
        hint="remove the [...] part of <!DOCTYPE ...> and any &name; references to it",
    )


def parse_xml(data: bytes, path: Path) -> etree._Element:
    """Parse untrusted XML safely: no entity expansion, no DTD loading, no network.

    A DOCTYPE that only names an external DTD (as TBX v2 files do) is allowed and never
    read; one that declares entities or elements itself is refused."""
    subset = _INTERNAL_SUBSET.search(data)
    if subset:
        raise _declarations_refused(path, data[: subset.start()].count(b"\n") + 1)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(path, exc) from exc
    dtd: Any = root.getroottree().docinfo.internalDTD  # lxml-stubs lack DTD.entities()
    if dtd is not None and (dtd.entities() or dtd.elements()):
        raise _declarations_refused(path, data[: data.find(b"<!DOCTYPE")].count(b"\n") + 1)
    return root


def _line(element: etree._Element) -> int | None:
    line = element.sourceline  # untyped in lxml-stubs
    return line if isinstance(line, int) else None


@dataclass(frozen=True)
class _Reader:
    dialect: Dialect
    path: Path

    def error(self, element: etree._Element, message: str, hint: str) -> AssemblerError:
        return AssemblerError(message, path=self.path, line=_line(element), hint=hint)

    def place(self, element: etree._Element) -> Place:
        return Place(file=str(self.path), line=_line(element) or 0)

    def describe(self, element: etree._Element) -> str:
        kind = element.get("type")
        name = etree.QName(element).localname
        return f"<{name} type={kind!r}>" if kind else f"<{name}>"

    def children(self, element: etree._Element) -> Iterator[etree._Element]:
        for child in element:
            if not isinstance(child.tag, str):
                continue  # comments and processing instructions carry no data
            if self.dialect.local(child) is None:
                raise self.error(
                    child,
                    f"{child.tag} is not a {self.dialect.label} element",
                    "use --format to pick the right TBX version, or remove the element",
                )
            yield child

    def unsupported(self, element: etree._Element, where: str) -> AssemblerError:
        return self.error(
            element,
            f"{self.describe(element)} in {where} is not part of the glossary model",
            "the glossary holds subjectField, definition, note and source on a concept and "
            "administrativeStatus, termType, note and source on a term; remove the element or "
            "carry its content in a note",
        )

    def text(self, element: etree._Element) -> str:
        return "".join(part for part in element.itertext() if isinstance(part, str))

    def once(self, seen: dict[str, str], key: str, element: etree._Element) -> str:
        if key in seen:
            raise self.error(
                element,
                f"a second {self.describe(element)}",
                "the glossary keeps one value here; merge them into one element",
            )
        seen[key] = self.text(element)
        return seen[key]


@dataclass(frozen=True)
class _Section:
    """One termSec as read, before variants are attached to their Simplified terms."""

    term: Term
    element: etree._Element
    id: str | None
    target: str | None


# A term's fields by data category. An element that takes no type stands for its category
# whatever type it is given (<note type="...">).
_FIELDS = {f.category: f for f in TERM_FIELDS if f.category is not None}


def _term_field(name: str | None, kind: str | None) -> TermField | None:
    if name is None:
        return None
    return _FIELDS.get((name, kind)) or _FIELDS.get((name, None))


def _read_term_section(
    reader: _Reader, element: etree._Element, lang: str, concept_id: str
) -> _Section:
    seen: dict[str, str] = {}  # as written, by field key (and "ref")
    values: dict[str, str] = {}  # as the glossary says them
    target: str | None = None
    for child in reader.children(element):
        name = reader.dialect.local(child)
        kind = child.get("type")
        field = _term_field(name, kind)
        rule = context_from_note(reader.text(child)) if name == "note" and not kind else None
        if rule is not None:
            field = rule[0]
            reader.once(seen, field.key, child)
            values[field.key] = rule[1]
        elif field is not None:
            value = reader.once(seen, field.key, child)
            if field.choices:
                picklist = FROM_PICKLISTS[str(kind)]
                if value not in picklist:
                    raise reader.error(
                        child, f"unknown {kind} {value!r}", f"use one of: {', '.join(picklist)}"
                    )
                value = picklist[value]
            values[field.key] = value
        elif name == "ref" and kind == "crossReference" and lang in TRADITIONAL_VARIANTS:
            reader.once(seen, "ref", child)
            target = child.get("target")
        else:
            raise reader.unsupported(child, f"{reader.dialect.term_section} of {concept_id!r}")
    kept_elsewhere = [f.key for f in TERM_ANNOTATIONS if f.key in seen]
    if lang in TRADITIONAL_VARIANTS and kept_elsewhere:
        raise reader.error(
            element,
            f"a {lang} form of concept {concept_id!r} has a {' and a '.join(kept_elsewhere)}, "
            "which the glossary does not keep for Traditional forms",
            "move it to the zh-Hans term the form belongs to",
        )
    if not seen.get("term", "").strip():
        raise reader.error(
            element,
            f"a {reader.dialect.term_section} of concept {concept_id!r} has no term",
            "add <term>...</term> or remove the empty section",
        )
    if "status" not in seen:
        raise reader.error(
            element,
            f"term {seen['term']!r} has no administrativeStatus",
            'add <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote> '
            "(or admitted-, deprecated-, supersededTerm-admn-sts)",
        )
    term = term_from_values(lang, values, reader.place(element))
    return _Section(term, element, element.get("id"), target)


# Language tags are case-insensitive (BCP 47): "ZH-hans" is zh-Hans.
_TAGS = {tag.lower(): tag for tag in (*LANGUAGES, *TRADITIONAL_VARIANTS)}


def _language(reader: _Reader, element: etree._Element) -> str:
    raw = element.get(XML_LANG)
    if raw is None or raw.lower() not in _TAGS:
        raise reader.error(
            element,
            f"{reader.dialect.language} with xml:lang={raw!r}, not a glossary language",
            f"use one of {', '.join(LANGUAGES)} (and {', '.join(TRADITIONAL_VARIANTS)} for "
            "Traditional forms of zh-Hans terms)",
        )
    return _TAGS[raw.lower()]


def _attach_variants(
    reader: _Reader, concept_id: str, simplified: list[_Section], variants: list[_Section]
) -> list[Term]:
    by_id = {s.id: i for i, s in enumerate(simplified) if s.id is not None}
    forms: list[dict[str, str]] = [{} for _ in simplified]
    for variant in variants:
        lang = variant.term.lang
        index = by_id.get(variant.target) if variant.target else None
        if index is None:
            raise reader.error(
                variant.element,
                f"the {lang} term {variant.term.text!r} of concept {concept_id!r} does not "
                "point to a zh-Hans term of the same concept",
                'add <ref type="crossReference" target="ID">...</ref> with the id of its '
                "zh-Hans termSec: the glossary keeps Traditional forms as variants of a "
                "Simplified term",
            )
        if lang in forms[index]:
            raise reader.error(
                variant.element,
                f"a second {lang} form for {simplified[index].term.text!r}",
                "keep one form per script",
            )
        forms[index][lang] = variant.term.text
    terms = []
    for section, found in zip(simplified, forms, strict=True):
        ordered = tuple((tag, found[tag]) for tag in TRADITIONAL_VARIANTS if tag in found)
        terms.append(replace(section.term, variants=ordered))
    return terms


def _read_concept(reader: _Reader, element: etree._Element) -> Concept:
    raw_id = element.get("id")
    if not raw_id:
        raise reader.error(
            element,
            f"a {reader.dialect.concept} without an id",
            'give it the concept\'s id, e.g. id="unodc"',
        )
    concept_id = concept_id_from_xml(raw_id)
    seen: dict[str, str] = {}
    sources: list[str] = []
    ordinary: list[list[_Section]] = []
    variants: list[_Section] = []
    simplified: list[_Section] = []
    languages_seen: set[str] = set()
    for child in reader.children(element):
        name = reader.dialect.local(child)
        kind = child.get("type")
        if name == "descrip" and kind in ("subjectField", "definition"):
            reader.once(seen, kind, child)
        elif name == "note":
            reader.once(seen, "note", child)
        elif name == "admin" and kind == "source":
            sources.append(reader.text(child))
        elif name == reader.dialect.language:
            lang = _language(reader, child)
            if lang in languages_seen:
                raise reader.error(
                    child,
                    f"a second {reader.dialect.language} for {lang} in concept {concept_id!r}",
                    "put all terms of a language in one section",
                )
            languages_seen.add(lang)
            sections = [
                _read_term_section(reader, section, lang, concept_id)
                for section in _term_sections(reader, child, concept_id)
            ]
            if lang in TRADITIONAL_VARIANTS:
                variants.extend(sections)
            else:
                ordinary.append(sections)
                if lang == "zh-Hans":
                    simplified = sections
        else:
            raise reader.unsupported(child, f"{reader.dialect.concept} {concept_id!r}")
    if not ordinary:
        raise reader.error(
            element,
            f"concept {concept_id!r} has no terms",
            f"add a {reader.dialect.language} with at least one term",
        )
    attached = _attach_variants(reader, concept_id, simplified, variants)
    terms: list[Term] = []
    for sections in ordinary:
        if sections is simplified:
            terms.extend(attached)
        else:
            terms.extend(section.term for section in sections)
    return Concept(
        id=concept_id,
        subject=seen.get("subjectField", ""),
        definition=seen.get("definition", ""),
        note=seen.get("note", ""),
        sources=tuple(sources),
        terms=tuple(terms),
        place=reader.place(element),
    )


def _term_sections(
    reader: _Reader, element: etree._Element, concept_id: str
) -> Iterator[etree._Element]:
    for child in reader.children(element):
        if reader.dialect.local(child) != reader.dialect.term_section:
            raise reader.unsupported(child, f"{reader.dialect.language} of {concept_id!r}")
        yield child


def _body(reader: _Reader, root: etree._Element) -> etree._Element | None:
    """The <body>, or None for a file without one (an empty glossary)."""
    dialect = reader.dialect
    if dialect.local(root) != dialect.root:
        found = etree.QName(root)
        raise reader.error(
            root,
            f"the root element is <{found.localname}> (namespace {found.namespace!r}), "
            f"not a {dialect.label} <{dialect.root}>",
            "use --format auto, or --format tbx for TBX v3 and tbx2 for martif files",
        )
    text = next((c for c in reader.children(root) if dialect.local(c) == "text"), None)
    if text is None:
        raise reader.error(root, "no <text> element in the file", "export the glossary again")
    return text.find(dialect.tag("body"))


def glossary_from_xml(root: etree._Element, path: Path, dialect: Dialect = V3) -> Glossary:
    """A glossary from a parsed TBX document, or an AssemblerError naming `path` and the line
    at fault.

    Glossary rules that span concepts (unique ids, preferred terms, ...) are checked by the
    glossary's validation, not here."""
    reader = _Reader(dialect, path)
    body = _body(reader, root)
    if body is None:
        return Glossary(())
    concepts = []
    for child in reader.children(body):
        if dialect.local(child) != dialect.concept:
            raise reader.unsupported(child, "<body>")
        concepts.append(_read_concept(reader, child))
    return Glossary(tuple(concepts))


def read_tbx(data: bytes, path: Path, dialect: Dialect = V3) -> Glossary:
    return glossary_from_xml(parse_xml(data, path), path, dialect)
