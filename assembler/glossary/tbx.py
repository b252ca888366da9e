"""TBX exchange, the format: TBX v3 (ISO 30042:2019) and TBX v2 (`martif`), both in the
TBX-Basic dialect. This module holds what the writer (tbx_write.py) and the reader (tbx_read.py)
share: the two versions, the picklists and the ids.

One writer and one reader serve both versions; they differ only in element names, the
namespace and the header (`Dialect`). The mapping, in v3 names (v2: termEntry, langSet, tig);
a term's data categories are declared with its fields (model.TERM_FIELDS):

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

Reading (tbx_read.py) refuses what the glossary cannot hold instead of dropping it (other data
categories, a definition inside a langSec, ...): the error names the file, the line and the
element. Parsing never resolves entities, loads a DTD or touches the network, and a document
whose DOCTYPE declares anything (entities, an internal subset) is refused outright.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"

# The TBX-Basic picklists of the term fields that take a value from a list, by data category:
# the glossary's value -> TBX's.
PICKLISTS: dict[str, dict[str, str]] = {
    "administrativeStatus": {
        "preferred": "preferredTerm-admn-sts",
        "admitted": "admittedTerm-admn-sts",
        "deprecated": "deprecatedTerm-admn-sts",
        "superseded": "supersededTerm-admn-sts",
    },
    "termType": {
        "full-form": "fullForm",
        "short-form": "shortForm",
        "acronym": "acronym",
        "abbreviation": "abbreviation",
    },
}
# TBX's value -> the glossary's, in the same order.
FROM_PICKLISTS: dict[str, dict[str, str]] = {
    category: {theirs: ours for ours, theirs in values.items()}
    for category, values in PICKLISTS.items()
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
