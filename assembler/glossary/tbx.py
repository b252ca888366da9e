"""TBX exchange: TBX v3 (ISO 30042:2019) and TBX v2 (`martif`), both in the TBX-Basic dialect.

One writer and one reader serve both versions; they differ only in element names, the
namespace and the header (`Dialect`). The mapping, in v3 names (v2: termEntry, langSet, tig):

    Concept.id          conceptEntry/@id (an XML ID: an id that does not start with a letter,
                        such as "1988-convention", is written with a leading "_")
    Concept.subject     conceptEntry/descrip[@type="subjectField"]
    Concept.definition  conceptEntry/descrip[@type="definition"]
    Concept.note        conceptEntry/note
    Concept.sources     conceptEntry/admin[@type="source"], one element per source, in order
    Term.lang           langSec/@xml:lang (zh-Hans, en, fr, es, ru, ar), langSecs in term order
    Term.text           termSec/term
    Term.status         termSec/termNote[@type="administrativeStatus"]: preferredTerm-admn-sts,
                        admittedTerm-admn-sts, deprecatedTerm-admn-sts, supersededTerm-admn-sts
    Term.type           termSec/termNote[@type="termType"]: fullForm, shortForm, acronym,
                        abbreviation (written for every term; read as fullForm when absent)
    Term.note           termSec/note
    Term.source         termSec/admin[@type="source"]

Explicit Traditional Chinese forms (`Term.variants`) travel as terms of their own, so that a
CAT tool working into Traditional Chinese finds them where it looks for terms: right after
the zh-Hans langSec come langSecs xml:lang="zh-Hant", "zh-TW" and "zh-HK" (those that have
any form). Each of their termSecs holds the Traditional form, the status and type of its
Simplified term (a superseded name stays superseded in every script), and a
`ref type="crossReference"` whose `target` is the id of its zh-Hans termSec and whose text
is the Simplified term. Only zh-Hans termSecs that have variants carry an id
("<concept id>-zh-Hans-<n>", n counting that concept's zh-Hans terms from 1; concept ids
are lowercase, so these never clash with them). On import, a term in a zh-Hant, zh-TW or
zh-HK langSec must point to a zh-Hans term of its concept this way; it becomes that term's
variant (in the order zh-Hant, zh-TW, zh-HK), and its own status and type are not read.

All of these are TBX-Basic data categories at the levels its Schematron rules allow. The
v3 file carries the xml-model processing instructions of the TBX-Basic dialect (LTAC-Global,
integrated RNG and DCA Schematron); the v2 file carries the TBX-Basic v2 DOCTYPE and XCS
reference, which translate-toolkit and older CAT tools expect.

Reading refuses what the glossary cannot hold instead of dropping it (other data categories,
a definition inside a langSec, ...): the error names the file, the line and the element.
Parsing never resolves entities, loads a DTD or touches the network, and a document whose
DOCTYPE declares anything (entities, an internal subset) is refused outright.
"""

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
    TRADITIONAL_VARIANTS,
    Concept,
    Glossary,
    Place,
    Status,
    Term,
    TermType,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"

STATUS_TO_TBX: dict[str, str] = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
TYPE_TO_TBX: dict[str, str] = {
    "full-form": "fullForm",
    "short-form": "shortForm",
    "acronym": "acronym",
    "abbreviation": "abbreviation",
}
STATUS_FROM_TBX: dict[str, Status] = {
    "preferredTerm-admn-sts": "preferred",
    "admittedTerm-admn-sts": "admitted",
    "deprecatedTerm-admn-sts": "deprecated",
    "supersededTerm-admn-sts": "superseded",
}
TYPE_FROM_TBX: dict[str, TermType] = {
    "fullForm": "full-form",
    "shortForm": "short-form",
    "acronym": "acronym",
    "abbreviation": "abbreviation",
}
# The TBX-Basic dialect's published schemas, as its own sample files reference them.
TBX_BASIC_SCHEMAS = (
    (
        "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
        "TBXcoreStructV03_TBX-Basic_integrated.rng",
        "http://relaxng.org/ns/structure/1.0",
    ),
    (
        "https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/"
        "TBX-Basic_DCA.sch",
        "http://purl.oclc.org/dsdl/schematron",
    ),
)
TITLE = "UN terminology: crime prevention, criminal justice, counter-terrorism"
SOURCE_DESC = "Exported by assembler from its concept-based glossary (glossary/*.yaml)."


@dataclass(frozen=True)
class Dialect:
    """The element names and header of one TBX version."""

    label: str
    namespace: str | None
    root: str
    header: str
    concept: str
    language: str
    term_section: str
    style: str | None  # v3 only: dca names data categories by a type attribute
    doctype: str | None
    xcs: str | None  # v2: the eXtensible Constraint Specification the file follows
    schemas: tuple[tuple[str, str], ...]  # v3: xml-model (href, schematypens)

    def tag(self, name: str) -> str:
        return f"{{{self.namespace}}}{name}" if self.namespace else name

    def local(self, element: etree._Element) -> str | None:
        """The element's local name, or None when it is outside this version's namespace."""
        qname = etree.QName(element)
        return qname.localname if qname.namespace == self.namespace else None


V3 = Dialect(
    label="TBX v3 (TBX-Basic, ISO 30042:2019)",
    namespace=TBX_NAMESPACE,
    root="tbx",
    header="tbxHeader",
    concept="conceptEntry",
    language="langSec",
    term_section="termSec",
    style="dca",
    doctype=None,
    xcs=None,
    schemas=TBX_BASIC_SCHEMAS,
)
V2 = Dialect(
    label="TBX v2 (martif, TBX-Basic)",
    namespace=None,
    root="martif",
    header="martifHeader",
    concept="termEntry",
    language="langSet",
    term_section="tig",
    style=None,
    doctype='<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">',
    xcs="TBXBasicXCSV02.xcs",
    schemas=(),
)


# -- ids ------------------------------------------------------------------------------------
def xml_id(concept_id: str) -> str:
    """An XML ID (an NCName) for a concept id; ids starting with a digit or "-" get a "_"."""
    return concept_id if concept_id[:1].isalpha() else f"_{concept_id}"


def concept_id_from_xml(value: str) -> str:
    return value.removeprefix("_")


def variant_target(concept_id: str, index: int) -> str:
    return f"{xml_id(concept_id)}-zh-Hans-{index}"


# -- writing --------------------------------------------------------------------------------
def _text_child(parent: etree._Element, dialect: Dialect, name: str, text: str) -> None:
    child = etree.SubElement(parent, dialect.tag(name))
    child.text = text


def _typed_child(
    parent: etree._Element, dialect: Dialect, name: str, kind: str, text: str
) -> etree._Element:
    child = etree.SubElement(parent, dialect.tag(name), type=kind)
    child.text = text
    return child


def _term_section(
    parent: etree._Element, dialect: Dialect, term: Term, text: str
) -> etree._Element:
    section = etree.SubElement(parent, dialect.tag(dialect.term_section))
    _text_child(section, dialect, "term", text)
    _typed_child(section, dialect, "termNote", "administrativeStatus", STATUS_TO_TBX[term.status])
    _typed_child(section, dialect, "termNote", "termType", TYPE_TO_TBX[term.type])
    return section


def _language_section(parent: etree._Element, dialect: Dialect, lang: str) -> etree._Element:
    section = etree.SubElement(parent, dialect.tag(dialect.language))
    section.set(XML_LANG, lang)
    return section


def _write_variants(
    parent: etree._Element, dialect: Dialect, concept: Concept, chinese: tuple[Term, ...]
) -> None:
    forms = [dict(term.variants) for term in chinese]
    for tag in TRADITIONAL_VARIANTS:
        linked = [
            (index, term, found[tag])
            for index, (term, found) in enumerate(zip(chinese, forms, strict=True), start=1)
            if tag in found
        ]
        if not linked:
            continue
        section = _language_section(parent, dialect, tag)
        for index, term, form in linked:
            term_section = _term_section(section, dialect, term, form)
            ref = _typed_child(term_section, dialect, "ref", "crossReference", term.text)
            ref.set("target", variant_target(concept.id, index))


def _write_concept(parent: etree._Element, dialect: Dialect, concept: Concept) -> None:
    entry = etree.SubElement(parent, dialect.tag(dialect.concept), id=xml_id(concept.id))
    if concept.subject:
        _typed_child(entry, dialect, "descrip", "subjectField", concept.subject)
    if concept.definition:
        _typed_child(entry, dialect, "descrip", "definition", concept.definition)
    if concept.note:
        _text_child(entry, dialect, "note", concept.note)
    for source in concept.sources:
        _typed_child(entry, dialect, "admin", "source", source)
    for lang in concept.languages:
        terms = concept.in_language(lang)
        section = _language_section(entry, dialect, lang)
        for index, term in enumerate(terms, start=1):
            term_section = _term_section(section, dialect, term, term.text)
            if term.variants:
                term_section.set("id", variant_target(concept.id, index))
            if term.note:
                _text_child(term_section, dialect, "note", term.note)
            if term.source:
                _typed_child(term_section, dialect, "admin", "source", term.source)
        if lang == "zh-Hans":
            _write_variants(entry, dialect, concept, terms)


def _write_header(root: etree._Element, dialect: Dialect) -> None:
    header = etree.SubElement(root, dialect.tag(dialect.header))
    file_desc = etree.SubElement(header, dialect.tag("fileDesc"))
    title = etree.SubElement(file_desc, dialect.tag("titleStmt"))
    _text_child(title, dialect, "title", TITLE)
    source = etree.SubElement(file_desc, dialect.tag("sourceDesc"))
    _text_child(source, dialect, "p", SOURCE_DESC)
    if dialect.xcs:
        encoding = etree.SubElement(header, dialect.tag("encodingDesc"))
        _typed_child(encoding, dialect, "p", "XCSURI", dialect.xcs)


def _root(dialect: Dialect) -> etree._Element:
    if dialect.namespace is None:
        return etree.Element(dialect.root)
    # lxml-stubs type nsmap keys as str; None is how lxml names the default namespace.
    nsmap: Any = {None: dialect.namespace}
    return etree.Element(dialect.tag(dialect.root), nsmap=nsmap)


def write_tbx(glossary: Glossary, dialect: Dialect = V3) -> bytes:
    """The glossary as a TBX-Basic document (UTF-8, indented, the same bytes for the same
    glossary). Text that XML cannot carry (control characters) is an error."""
    root = _root(dialect)
    root.set("type", "TBX-Basic")
    if dialect.style:
        root.set("style", dialect.style)
    root.set(XML_LANG, "en")
    _write_header(root, dialect)
    text = etree.SubElement(root, dialect.tag("text"))
    # TBX-Core wants at least one conceptEntry in a body: an empty glossary has no body.
    body = etree.SubElement(text, dialect.tag("body")) if glossary.concepts else text
    for concept in glossary.concepts:
        try:
            _write_concept(body, dialect, concept)
        except ValueError as exc:  # lxml refuses control characters in text
            raise AssemblerError(
                f"concept {concept.id!r} cannot be written as XML: {exc}",
                path=concept.place.file if concept.place else None,
                line=concept.place.line if concept.place else None,
                hint="remove the control character from the concept's text",
            ) from exc
    for href, schematypens in dialect.schemas:
        root.addprevious(
            etree.ProcessingInstruction(
                "xml-model", f'href="{href}" type="application/xml" schematypens="{schematypens}"'
            )
        )
    tree = root.getroottree()
    if dialect.doctype:
        markup = etree.tostring(tree, encoding="UTF-8", pretty_print=True, doctype=dialect.doctype)
    else:
        markup = etree.tostring(tree, encoding="UTF-8", pretty_print=True)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + markup


# -- reading --------------------------------------------------------------------------------
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


def _read_term_section(
    reader: _Reader, element: etree._Element, lang: str, concept_id: str
) -> _Section:
    seen: dict[str, str] = {}
    target: str | None = None
    for child in reader.children(element):
        name = reader.dialect.local(child)
        kind = child.get("type")
        if name == "term":
            reader.once(seen, "term", child)
        elif name == "termNote" and kind == "administrativeStatus":
            value = reader.once(seen, "status", child)
            if value not in STATUS_FROM_TBX:
                raise reader.error(
                    child,
                    f"unknown administrativeStatus {value!r}",
                    f"use one of: {', '.join(STATUS_FROM_TBX)}",
                )
        elif name == "termNote" and kind == "termType":
            value = reader.once(seen, "type", child)
            if value not in TYPE_FROM_TBX:
                raise reader.error(
                    child,
                    f"unknown termType {value!r}",
                    f"use one of: {', '.join(TYPE_FROM_TBX)}",
                )
        elif name == "note":
            reader.once(seen, "note", child)
        elif name == "admin" and kind == "source":
            reader.once(seen, "source", child)
        elif name == "ref" and kind == "crossReference" and lang in TRADITIONAL_VARIANTS:
            reader.once(seen, "ref", child)
            target = child.get("target")
        else:
            raise reader.unsupported(child, f"{reader.dialect.term_section} of {concept_id!r}")
    kept_elsewhere = [key for key in ("note", "source") if key in seen]
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
    term = Term(
        text=seen["term"],
        lang=lang,
        status=STATUS_FROM_TBX[seen["status"]],
        type=TYPE_FROM_TBX[seen.get("type", "fullForm")],
        note=seen.get("note", ""),
        source=seen.get("source", ""),
        place=reader.place(element),
    )
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
