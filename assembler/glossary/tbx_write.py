"""Writing the glossary as TBX-Basic, v3 or v2: one writer for both versions, which differ only
in the names and header their `Dialect` gives (the mapping is described in tbx.py)."""

from __future__ import annotations

from typing import Any

from lxml import etree

from assembler.errors import AssemblerError
from assembler.glossary.model import (
    TERM_ANNOTATIONS,
    TERM_FIELDS,
    TRADITIONAL_VARIANTS,
    Concept,
    Glossary,
    Term,
    TermField,
)
from assembler.glossary.tbx import (
    PICKLISTS,
    SOURCE_DESC,
    TITLE,
    V3,
    XML_LANG,
    Dialect,
    variant_target,
    xml_id,
)


def _text_child(parent: etree._Element, dialect: Dialect, name: str, text: str) -> None:
    child = etree.SubElement(parent, dialect.tag(name))
    child.text = text


def _typed_child(
    parent: etree._Element, dialect: Dialect, name: str, kind: str, text: str
) -> etree._Element:
    child = etree.SubElement(parent, dialect.tag(name), type=kind)
    child.text = text
    return child


def _field_child(
    parent: etree._Element, dialect: Dialect, field: TermField, value: str
) -> etree._Element:
    """A term field as its data category: a typed element (termNote, admin) or a plain one,
    a value from a list as TBX's picklist names it; a context rule as a prefixed note."""
    if field.kind == "context":
        child = etree.SubElement(parent, dialect.tag("note"))
        child.text = f"{field.key}: {value}"
        return child
    assert field.category is not None, "Traditional forms are written as terms of their own"
    name, kind = field.category
    if kind is None:
        child = etree.SubElement(parent, dialect.tag(name))
        child.text = value
        return child
    return _typed_child(
        parent, dialect, name, kind, PICKLISTS[kind][value] if field.choices else value
    )


def _term_section(
    parent: etree._Element, dialect: Dialect, term: Term, text: str
) -> etree._Element:
    """A termSec holding `text` (the term, or one of its Traditional forms) with the term's
    status and type (termType is written for every term, fullForm included)."""
    section = etree.SubElement(parent, dialect.tag(dialect.term_section))
    for field in TERM_FIELDS:
        if field.kind == "text":
            _field_child(section, dialect, field, text)
        elif field.kind == "choice":
            _field_child(section, dialect, field, field.value(term))
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
            for annotation in TERM_ANNOTATIONS:
                if annotation.written(term):
                    _field_child(term_section, dialect, annotation, annotation.value(term))
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
