"""Exchange with CAT tools: `assembler glossary export` and `import` (TBX v3, TBX v2, CSV).

- TBX v3 is TBX-Basic per ISO 30042:2019: it validates against the TBX-Core RelaxNG schema
  (tests/data/TBXcoreStructV03.rng), carries the dialect's xml-model processing instructions,
  and uses only TBX-Basic data categories at the levels the dialect's Schematron allows.
- TBX v2 is the `martif` structure older CAT tools and translate-toolkit read.
- CSV has one row per term, UTF-8 with a BOM (for Excel) and CRLF line ends.
- Export -> import gives back an equal glossary in all three formats, explicit Traditional
  variants, notes, sources and term order included: for the README example, for the bundled
  glossary, and for random glossaries full of XML/CSV-significant characters.
- Importing adds new concepts to one file, leaves concepts it already has alone, and with
  --replace rewrites changed concepts in place; every other line of every file is kept.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from support import Cli

from assembler.cli import main
from assembler.glossary.csvio import COLUMNS, read_csv, write_csv
from assembler.glossary.exchange import plan_import
from assembler.glossary.model import (
    LANGUAGES,
    STATUSES,
    TERM_TYPES,
    TRADITIONAL_VARIANTS,
    Concept,
    Glossary,
    Term,
)
from assembler.glossary.store import dump_concepts, load_glossary
from assembler.glossary.tbx import V2, V3
from assembler.glossary.tbx_read import read_tbx
from assembler.glossary.tbx_write import write_tbx
from assembler.locking import LOCK_NAME

ROOT = Path(__file__).resolve().parents[2]
RNG = ROOT / "tests" / "data" / "TBXcoreStructV03.rng"
README = ROOT / "glossary" / "README.md"
BUNDLED = ROOT / "glossary"
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FORMATS = ("tbx", "tbx2", "csv")


def readme_example() -> str:
    match = re.search(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert match is not None
    return match[1]


@pytest.fixture(scope="module")
def relaxng() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(RNG)))


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A glossary folder holding the README example (UNODC, with its superseded Chinese name
    and that name's explicit Traditional form)."""
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "entities.yaml").write_text(readme_example(), encoding="utf-8")
    return folder


def bundled_folder(tmp_path: Path) -> Path:
    if not list(BUNDLED.glob("*.yaml")):
        pytest.skip("the bundled glossary (glossary/*.yaml) is not there yet")
    folder = tmp_path / "bundled"
    shutil.copytree(BUNDLED, folder)
    return folder


def xp(node: etree._Element, path: str) -> list[Any]:
    """XPath with the TBX v3 namespace as `t:` (martif paths use no prefix)."""
    found = node.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return found


def text(node: etree._Element, path: str) -> str:
    return "".join(str(part) for part in xp(node, f"{path}//text()"))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file but the lock file every import takes (assembler.locking), writing or not."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != LOCK_NAME}


# -- TBX v3 -------------------------------------------------------------------------------------
def test_tbx_v3_holds_the_readme_example_as_tbx_basic(
    example: Path, tmp_path: Path, cli: Cli, relaxng: etree.RelaxNG
) -> None:
    out = tmp_path / "unodc.tbx"
    code, _, err = cli("--glossary", str(example), "glossary", "export", "-o", str(out))
    assert code == 0
    assert err.startswith(f"wrote {out}: TBX v3 (TBX-Basic, ISO 30042:2019), 1 concept, 5 terms")
    data = out.read_bytes()
    assert data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/'
        b'master/DCA/TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
        b'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        b'<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/'
        b'master/DCA/TBX-Basic_DCA.sch" type="application/xml" '
        b'schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
        b'<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">\n'
    )
    doc = etree.fromstring(data)
    assert relaxng.validate(doc), relaxng.error_log
    assert xp(doc, "t:tbxHeader/t:fileDesc/t:sourceDesc/t:p/text()") == [
        "Exported by assembler from its concept-based glossary (glossary/*.yaml)."
    ]
    (entry,) = xp(doc, "t:text/t:body/t:conceptEntry")
    assert entry.get("id") == "unodc"
    assert xp(entry, "t:descrip[@type='subjectField']/text()") == ["UN entities"]
    assert xp(entry, "t:admin[@type='source']/text()") == ["E-CN.15-2007-9"]
    sections = xp(entry, "t:langSec")
    assert [s.get(XML_LANG) for s in sections] == ["zh-Hans", "zh-Hant", "en"]

    def terms(section: etree._Element) -> list[tuple[str, str, str]]:
        return [
            (
                text(ts, "t:term"),
                text(ts, "t:termNote[@type='administrativeStatus']"),
                text(ts, "t:termNote[@type='termType']"),
            )
            for ts in xp(section, "t:termSec")
        ]

    chinese, traditional, english = sections
    assert terms(chinese) == [
        ("联合国毒品和犯罪问题办公室", "preferredTerm-admn-sts", "fullForm"),
        ("毒品和犯罪问题办公室", "preferredTerm-admn-sts", "shortForm"),
        ("联合国毒品和犯罪问题办事处", "supersededTerm-admn-sts", "fullForm"),
    ]
    older = xp(chinese, "t:termSec")[2]
    assert older.get("id") == "unodc-zh-Hans-3"
    assert xp(older, "t:note/text()") == ["the older Chinese name, as in E/CN.15/2007/9"]
    assert xp(older, "t:admin[@type='source']/text()") == ["E/CN.15/2007/9"]
    # The Traditional form is a term of its own (a CAT tool into zh-Hant finds it), with its
    # Simplified term's status, linked back to it.
    assert terms(traditional) == [
        ("聯合國毒品和犯罪問題辦事處", "supersededTerm-admn-sts", "fullForm")
    ]
    (ref,) = xp(traditional, "t:termSec/t:ref")
    assert (ref.get("type"), ref.get("target"), ref.text) == (
        "crossReference",
        "unodc-zh-Hans-3",
        "联合国毒品和犯罪问题办事处",
    )
    assert terms(english) == [
        ("United Nations Office on Drugs and Crime", "preferredTerm-admn-sts", "fullForm"),
        ("UNODC", "preferredTerm-admn-sts", "acronym"),
    ]


# What TBX-Basic allows (LTAC-Global's integrated RNG and DCA Schematron), by element, type
# and the levels it may appear at.
TBX_BASIC_LEVELS = {
    ("descrip", "subjectField"): {"conceptEntry"},
    ("descrip", "definition"): {"conceptEntry", "langSec"},
    ("admin", "source"): {"conceptEntry", "langSec", "termSec"},
    ("note", None): {"conceptEntry", "langSec", "termSec"},
    ("ref", "crossReference"): {"conceptEntry", "termSec"},
    ("termNote", "administrativeStatus"): {"termSec"},
    ("termNote", "termType"): {"termSec"},
}
TBX_BASIC_VALUES = {
    "administrativeStatus": {
        "preferredTerm-admn-sts",
        "admittedTerm-admn-sts",
        "deprecatedTerm-admn-sts",
        "supersededTerm-admn-sts",
    },
    "termType": {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
}


def assert_tbx_basic(data: bytes, relaxng: etree.RelaxNG) -> None:
    doc = etree.fromstring(data)
    assert relaxng.validate(doc), relaxng.error_log
    assert (doc.get("type"), doc.get("style")) == ("TBX-Basic", "dca")
    for element in doc.iter(f"{{{NS['t']}}}conceptEntry"):
        for node in element.iter():
            name = etree.QName(node).localname
            kind = node.get("type")
            if (name, kind) in TBX_BASIC_LEVELS:
                parent = etree.QName(node.getparent()).localname
                assert parent in TBX_BASIC_LEVELS[(name, kind)], (name, kind, parent)
            if name == "termNote":
                assert node.text in TBX_BASIC_VALUES[str(kind)], (kind, node.text)
            if name in ("descrip", "admin", "ref", "termNote"):
                assert (name, kind) in TBX_BASIC_LEVELS, (name, kind)


def test_every_v3_export_is_tbx_basic_and_valid_tbx_core(
    example: Path, tmp_path: Path, relaxng: etree.RelaxNG
) -> None:
    assert_tbx_basic(write_tbx(load_glossary(example)), relaxng)
    assert_tbx_basic(write_tbx(load_glossary(bundled_folder(tmp_path))), relaxng)


def test_an_id_that_is_not_an_xml_name_gets_an_underscore_and_comes_back(
    relaxng: etree.RelaxNG,
) -> None:
    convention = Concept(
        id="1988-convention",
        subject="treaties",
        terms=(
            Term("联合国禁止非法贩运麻醉药品和精神药物公约", "zh-Hans", "preferred"),
            Term(
                "United Nations Convention against Illicit Traffic in Narcotic Drugs and "
                "Psychotropic Substances",
                "en",
                "preferred",
            ),
        ),
    )
    glossary = Glossary((convention,))
    data = write_tbx(glossary)
    assert b'<conceptEntry id="_1988-convention">' in data
    assert relaxng.validate(etree.fromstring(data)), relaxng.error_log
    assert read_tbx(data, Path("c.tbx")) == glossary


# -- TBX v2 -------------------------------------------------------------------------------------
def test_tbx2_has_the_martif_structure_older_cat_tools_read(example: Path) -> None:
    data = write_tbx(load_glossary(example), V2)
    assert data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        b'<martif type="TBX-Basic" xml:lang="en">\n'
    )
    doc = etree.fromstring(data)
    assert doc.nsmap == {}  # martif has no namespace: translate-toolkit looks up bare names
    assert xp(doc, "martifHeader/fileDesc/sourceDesc/p/text()") == [
        "Exported by assembler from its concept-based glossary (glossary/*.yaml)."
    ]
    assert xp(doc, "martifHeader/encodingDesc/p[@type='XCSURI']/text()") == ["TBXBasicXCSV02.xcs"]
    (entry,) = xp(doc, "text/body/termEntry")
    assert entry.get("id") == "unodc"
    assert [s.get(XML_LANG) for s in xp(entry, "langSet")] == ["zh-Hans", "zh-Hant", "en"]
    assert xp(entry, "langSet[@xml:lang='en']/tig/term/text()") == [
        "United Nations Office on Drugs and Crime",
        "UNODC",
    ]
    assert xp(
        entry, "langSet[@xml:lang='zh-Hans']/tig/termNote[@type='administrativeStatus']/text()"
    ) == ["preferredTerm-admn-sts", "preferredTerm-admn-sts", "supersededTerm-admn-sts"]
    assert xp(entry, "langSet[@xml:lang='zh-Hant']/tig/ref[@type='crossReference']/@target") == [
        "unodc-zh-Hans-3"
    ]
    assert xp(entry, "langSet[@xml:lang='zh-Hans']/tig[3]/@id") == ["unodc-zh-Hans-3"]
    # Nothing of TBX v3 leaks in.
    assert not xp(doc, "//conceptEntry|//langSec|//termSec")


# -- CSV ----------------------------------------------------------------------------------------
def test_csv_is_one_row_per_term_with_a_bom_for_excel(example: Path) -> None:
    data = write_csv(load_glossary(example))
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").split("\r\n")
    assert lines[0] == (
        "concept id,subject,definition,concept note,concept sources,language,term,status,type,"
        "term note,term source,zh-Hant,zh-TW,zh-HK,not before,not after"
    )
    assert lines[1:] == [
        "unodc,UN entities,,,E-CN.15-2007-9,zh-Hans,联合国毒品和犯罪问题办公室,preferred,"
        "full-form,,,,,,,",
        "unodc,UN entities,,,E-CN.15-2007-9,zh-Hans,毒品和犯罪问题办公室,preferred,short-form,,,,,,,",
        "unodc,UN entities,,,E-CN.15-2007-9,zh-Hans,联合国毒品和犯罪问题办事处,superseded,"
        """full-form,"the older Chinese name, as in E/CN.15/2007/9",E/CN.15/2007/9,"""
        "聯合國毒品和犯罪問題辦事處,,,,",
        "unodc,UN entities,,,E-CN.15-2007-9,en,United Nations Office on Drugs and Crime,"
        "preferred,full-form,,,,,,,",
        "unodc,UN entities,,,E-CN.15-2007-9,en,UNODC,preferred,acronym,,,,,,,",
        "",
    ]


def test_csv_reads_without_a_bom_and_with_columns_in_another_order(example: Path) -> None:
    glossary = load_glossary(example)
    rows = list(csv.reader(io.StringIO(write_csv(glossary).decode("utf-8-sig"), newline="")))
    # "term" first, as a spreadsheet user might move it; no BOM, LF line ends.
    order = [COLUMNS.index("term"), *(i for i, name in enumerate(COLUMNS) if name != "term")]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows([[row[i] for i in order] for row in rows])
    assert out.getvalue().startswith("term,concept id,subject,")
    assert read_csv(out.getvalue().encode("utf-8"), Path("moved.csv")) == glossary


# -- round trips --------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("which", ["readme example", "bundled glossary"])
def test_export_then_import_into_an_empty_glossary_gives_the_same_glossary(
    which: str,
    fmt: str,
    example: Path,
    tmp_path: Path,
    cli: Cli,
    relaxng: etree.RelaxNG,
) -> None:
    source = example if which == "readme example" else bundled_folder(tmp_path)
    original = load_glossary(source)
    exported = tmp_path / f"all.{fmt}"
    assert (
        cli(
            "--glossary",
            str(source),
            "glossary",
            "export",
            "--format",
            fmt,
            "-o",
            str(exported),
        )[0]
        == 0
    )
    if fmt == "tbx":
        assert_tbx_basic(exported.read_bytes(), relaxng)
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = cli("--glossary", str(empty), "glossary", "import", str(exported))
    assert code == 0
    n = len(original.concepts)
    assert out.splitlines()[0].endswith(f"— {n} added, 0 replaced, 0 unchanged")
    # The lock file is the import's (assembler.locking); it is never read as a glossary file.
    assert sorted(p.name for p in empty.iterdir()) == [LOCK_NAME, "all.yaml"]
    reloaded = load_glossary(empty)
    assert reloaded == original
    assert [c.terms for c in reloaded.concepts] == [c.terms for c in original.concepts]

    # Importing it again where it came from finds everything there already.
    before = snapshot(source)
    code, out, _ = cli("--glossary", str(source), "glossary", "import", str(exported))
    assert code == 0
    assert f"0 added, 0 replaced, {n} unchanged" in out
    assert "nothing to write" in out
    assert snapshot(source) == before


def test_stdout_export_is_the_file_export(
    example: Path, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    for fmt in FORMATS:
        path = tmp_path / f"x.{fmt}"
        assert (
            main(
                ["--glossary", str(example), "glossary", "export", "--format", fmt, "-o", str(path)]
            )
            == 0
        )
        assert capsysbinary.readouterr().out == b""
        assert main(["--glossary", str(example), "glossary", "export", "--format", fmt]) == 0
        assert capsysbinary.readouterr().out == path.read_bytes()


def test_the_output_suffix_picks_the_format(example: Path, tmp_path: Path, cli: Cli) -> None:
    sheet = tmp_path / "terms.csv"
    code, _, err = cli("--glossary", str(example), "glossary", "export", "-o", str(sheet))
    assert code == 0
    assert "CSV (UTF-8 with BOM, one row per term), 1 concept, 5 terms" in err
    assert sheet.read_bytes().startswith(b"\xef\xbb\xbfconcept id,")


# Text as people type it, and as XML and CSV must escape it: markup characters, quotes,
# commas, line breaks (CRLF too), tabs, Chinese, Traditional forms, fullwidth punctuation.
TEXT = st.text(
    alphabet=st.sampled_from(list("aZ09 ,;\"'<>&]]>\n\r\t#=-/:联合国《》（）、聯國辦")),
    min_size=1,
    max_size=20,
)
TERM_TEXT = TEXT.map(str.strip).filter(bool)
FIELD = st.one_of(st.just(""), TEXT)
SOURCE = TEXT.filter(lambda s: "\n" not in s and "\r" not in s)
# A context rule's word: no separator, no blanks at its ends (they are dropped).
WORD = TERM_TEXT.filter(lambda s: "|" not in s)


@st.composite
def concepts(draw: st.DrawFn, concept_id: str) -> Concept:
    terms = []
    for lang in draw(st.lists(st.sampled_from(LANGUAGES), min_size=1, max_size=3, unique=True)):
        for _ in range(draw(st.integers(1, 3))):
            tags = draw(st.lists(st.sampled_from(TRADITIONAL_VARIANTS), unique=True))
            variants = tuple((tag, draw(TERM_TEXT)) for tag in TRADITIONAL_VARIANTS if tag in tags)
            terms.append(
                Term(
                    text=draw(TERM_TEXT),
                    lang=lang,
                    status=draw(st.sampled_from(STATUSES)),
                    type=draw(st.sampled_from(TERM_TYPES)),
                    note=draw(FIELD),
                    source=draw(FIELD),
                    variants=variants if lang == "zh-Hans" else (),
                    not_before=tuple(draw(st.lists(WORD, max_size=2))),
                    not_after=tuple(draw(st.lists(WORD, max_size=2))),
                )
            )
    return Concept(
        id=concept_id,
        subject=draw(FIELD),
        definition=draw(FIELD),
        note=draw(FIELD),
        sources=tuple(draw(st.lists(SOURCE, max_size=3))),
        terms=tuple(terms),
    )


@st.composite
def glossaries(draw: st.DrawFn) -> Glossary:
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,3})?", fullmatch=True),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    return Glossary(tuple(draw(concepts(concept_id)) for concept_id in ids))


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(glossaries())
def test_every_format_round_trips_any_glossary_exactly(
    relaxng: etree.RelaxNG, glossary: Glossary
) -> None:
    v3 = write_tbx(glossary, V3)
    assert relaxng.validate(etree.fromstring(v3)), relaxng.error_log
    assert read_tbx(v3, Path("g.tbx"), V3) == glossary
    assert read_tbx(write_tbx(glossary, V2), Path("g.tbx"), V2) == glossary
    assert read_csv(write_csv(glossary), Path("g.csv")) == glossary
    # The same glossary always gives the same bytes (diffable exports).
    assert write_tbx(glossary, V3) == v3


# -- importing into an existing glossary ------------------------------------------------------
CTED = """\
<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>written by another tool</p></sourceDesc></fileDesc>
  </tbxHeader>
  <text>
    <body>
      <conceptEntry id="cted">
        <descrip type="subjectField">UN entities</descrip>
        <admin type="source">ccpcj28-terrorism-ta</admin>
        <langSec xml:lang="zh-Hans">
          <termSec>
            <term>反恐怖主义委员会执行局</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>反恐执行局</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <termNote type="termType">shortForm</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="EN">
          <termSec>
            <term>Counter-Terrorism Committee Executive Directorate</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""


def test_a_tbx_file_from_another_tool_is_appended_to_the_into_file(
    example: Path, tmp_path: Path, cli: Cli
) -> None:
    incoming = tmp_path / "cted.tbx"
    incoming.write_text(CTED, encoding="utf-8")
    before = (example / "entities.yaml").read_text(encoding="utf-8")
    code, out, _ = cli(
        "--glossary",
        str(example),
        "glossary",
        "import",
        str(incoming),
        "--into",
        str(example / "entities.yaml"),
    )
    assert code == 0
    assert out == (
        f"{incoming} (TBX v3 (TBX-Basic, ISO 30042:2019)): 1 concept — 1 added, 0 replaced, "
        f"0 unchanged\n  {example / 'entities.yaml'} (changed): added cted\n"
    )
    after = (example / "entities.yaml").read_text(encoding="utf-8")
    # The hand-written example, comments and all, is untouched; the new concept follows it in
    # the README layout (a missing termType is a full form; "EN" is the tag en).
    assert after == before + (
        "\n"
        "  - id: cted\n"
        "    subject: UN entities\n"
        "    sources:\n"
        "      - ccpcj28-terrorism-ta\n"
        "    terms:\n"
        "      zh-Hans:\n"
        "        - term: 反恐怖主义委员会执行局\n"
        "          status: preferred\n"
        "        - term: 反恐执行局\n"
        "          status: preferred\n"
        "          type: short-form\n"
        "      en:\n"
        "        - term: Counter-Terrorism Committee Executive Directorate\n"
        "          status: preferred\n"
    )
    assert [c.id for c in load_glossary(example).concepts] == ["unodc", "cted"]


def test_without_into_new_concepts_get_a_file_named_after_the_import(
    example: Path, tmp_path: Path, cli: Cli
) -> None:
    incoming = tmp_path / "cted.tbx"
    incoming.write_text(CTED, encoding="utf-8")
    code, out, _ = cli("--glossary", str(example), "glossary", "import", str(incoming))
    assert code == 0
    assert f"{example / 'cted.yaml'} (new file): added cted" in out
    assert (
        (example / "cted.yaml").read_text(encoding="utf-8").startswith("concepts:\n  - id: cted\n")
    )


def test_replace_rewrites_only_the_changed_concept_in_its_own_file(
    example: Path, tmp_path: Path, cli: Cli
) -> None:
    # A second file whose middle concept changes in a CAT tool; its comments must survive.
    extra = load_glossary(example).concepts[0]
    cted_file = tmp_path / "cted.tbx"
    cted_file.write_text(CTED, encoding="utf-8")
    cli(
        "--glossary",
        str(example),
        "glossary",
        "import",
        str(cted_file),
        "--into",
        str(example / "bodies.yaml"),
    )
    bodies = example / "bodies.yaml"
    bodies.write_text("# Bodies checked against UNTERM\n" + bodies.read_text(encoding="utf-8"))
    entities_before = (example / "entities.yaml").read_bytes()
    exported = tmp_path / "all.csv"
    cli("--glossary", str(example), "glossary", "export", "-o", str(exported))
    edited = exported.read_text(encoding="utf-8-sig").replace(
        "cted,UN entities,,,", "cted,UN entities,,Security Council body,"
    )
    exported.write_text(edited, encoding="utf-8-sig")

    code, _, err = cli("--glossary", str(example), "glossary", "import", str(exported))
    assert code == 1
    assert f"{exported}:2: nothing imported: concept 'cted' is already in the glossary " in err
    assert f"({bodies}:3) with other content" in err
    assert "hint: pass --replace" in err

    code, out, _ = cli("--glossary", str(example), "glossary", "import", str(exported), "--replace")
    assert code == 0
    assert "2 concepts — 0 added, 1 replaced, 1 unchanged" in out
    assert (example / "entities.yaml").read_bytes() == entities_before
    text = bodies.read_text(encoding="utf-8")
    assert text.startswith("# Bodies checked against UNTERM\nconcepts:\n  - id: cted\n")
    assert "    note: Security Council body\n" in text
    cted = load_glossary(example).get("cted")
    assert cted is not None and cted.note == "Security Council body"
    assert load_glossary(example).get("unodc") == extra


def test_dry_run_reports_and_writes_nothing(example: Path, tmp_path: Path, cli: Cli) -> None:
    incoming = tmp_path / "cted.tbx"
    incoming.write_text(CTED, encoding="utf-8")
    before = snapshot(example)
    code, out, _ = cli("--glossary", str(example), "glossary", "import", str(incoming), "--dry-run")
    assert code == 0
    assert "1 added" in out and "(new file): added cted" in out
    assert snapshot(example) == before


def test_replacing_keeps_the_indentation_of_a_hand_made_file(example: Path) -> None:
    """A file whose list items start in column 0 gets the replacement in column 0 too."""
    unodc = load_glossary(example).concepts[0]
    (example / "entities.yaml").write_text(
        "concepts:\n"
        + "".join(line[2:] + "\n" for line in dump_concepts([unodc]).splitlines()[1:]),
        encoding="utf-8",
    )
    changed = Concept(
        id=unodc.id, subject="UN Secretariat entities", sources=unodc.sources, terms=unodc.terms
    )
    plan = plan_import(example, Glossary((changed,)), Path("x.tbx"), replace=True)
    (edit,) = plan.edits
    assert edit.text.startswith("concepts:\n- id: unodc\n  subject: UN Secretariat entities\n")


# translate-toolkit's own TBX skeleton (martif, a DOCTYPE naming a DTD that is not there).
TRANSLATE_TOOLKIT = """\
<?xml version="1.0"?>
<!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
<martif type="TBX" xml:lang="en">
<martifHeader>
<fileDesc>
<sourceDesc><p>Translate Toolkit</p></sourceDesc>
</fileDesc>
</martifHeader>
<text><body>
<termEntry id="unoct">
<langSet xml:lang="en"><tig><term>United Nations Office of Counter-Terrorism</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
<langSet xml:lang="zh-Hans"><tig><term>联合国反恐怖主义办公室</term>
<termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
</termEntry>
</body></text>
</martif>
"""


def test_a_martif_file_of_an_older_tool_is_read_as_tbx2(
    example: Path, tmp_path: Path, cli: Cli
) -> None:
    incoming = tmp_path / "unoct.tbx"
    incoming.write_text(TRANSLATE_TOOLKIT, encoding="utf-8")
    code, out, _ = cli(
        "--glossary",
        str(example),
        "glossary",
        "import",
        str(incoming),
        "--into",
        str(example / "secretariat.yaml"),
    )
    assert code == 0
    assert out.startswith(f"{incoming} (TBX v2 (martif, TBX-Basic)): 1 concept — 1 added")
    unoct = load_glossary(example).get("unoct")
    assert unoct is not None
    assert [(t.lang, t.text, t.status, t.type) for t in unoct.terms] == [
        ("en", "United Nations Office of Counter-Terrorism", "preferred", "full-form"),
        ("zh-Hans", "联合国反恐怖主义办公室", "preferred", "full-form"),
    ]
    assert unoct.place is not None and unoct.place.file == str(example / "secretariat.yaml")


def test_an_into_file_without_concepts_keeps_its_header_comment(example: Path) -> None:
    into = example / "secretariat.yaml"
    into.write_text(
        "# Secretariat entities, checked against UNTERM\nconcepts: []\n", encoding="utf-8"
    )
    unoct = read_tbx(TRANSLATE_TOOLKIT.encode(), Path("unoct.tbx"), V2)
    plan = plan_import(example, unoct, Path("unoct.tbx"), into=into)
    (edit,) = plan.edits
    assert (edit.path, edit.created, edit.added) == (into, False, ("unoct",))
    assert edit.text == "# Secretariat entities, checked against UNTERM\n" + dump_concepts(
        unoct.concepts
    )
